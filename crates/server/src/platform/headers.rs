//! Security headers on every answer that is not the browser app's (the app's files
//! carry their own strict policy, in `browser_app`):
//!
//! - `X-Content-Type-Options: nosniff` everywhere;
//! - `Cache-Control: no-store` on the API (its answers are someone's data, tokens
//!   included), unless a handler chose otherwise;
//! - a Content-Security-Policy of its own for the docs UI, which also keeps it out of
//!   frames (`frame-ancestors 'none'`), and `X-Frame-Options: DENY` for older browsers;
//! - `Strict-Transport-Security` when the public URL is `https://`.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;

use super::AppState;

/// The docs UI (Swagger UI) loads its own scripts and styles from `/api/docs/`, styles
/// elements inline and draws icons from `data:` images; it calls only this server.
pub const DOCS_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
    connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

/// A year, with subdomains: once a browser has seen Brigade over HTTPS it never falls
/// back to plain HTTP.
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

pub async fn secure(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = request.path();
    let (docs, api) = (path.starts_with("/api/docs"), path.starts_with("/api/"));
    let https = request
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.settings.public_url.starts_with("https://"));
    let mut response = next.call(request).await?;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    if docs {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DOCS_POLICY),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    } else if api && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(response)
}
