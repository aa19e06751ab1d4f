//! Logging and tracing. Each request runs inside a `request` span that carries its id
//! (also returned as the `x-request-id` header and in every problem), method, route
//! pattern, the caller's membership once known, and status; every line logged while it
//! runs — errors included — carries those fields, and one `request` line records its
//! outcome and latency. Only the path is logged, never the query string, headers or
//! body, so tokens and passwords stay out of logs.

use std::io::IsTerminal;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::field::Empty;
use tracing::Instrument;
use tracing_subscriber::EnvFilter;
use uuid::Uuid;

/// Installs the global subscriber; `BRIGADE_LOG` (or `RUST_LOG`) filters it.
pub fn init() {
    let filter = std::env::var("BRIGADE_LOG")
        .ok()
        .or_else(|| std::env::var("RUST_LOG").ok())
        .unwrap_or_else(|| "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn".into());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new(filter))
        .with_target(false)
        .with_ansi(std::io::stdout().is_terminal())
        .try_init();
}

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

tokio::task_local! {
    static CURRENT_REQUEST_ID: String;
}

/// The id of the request being served, if any (problems carry it).
pub fn current_request_id() -> Option<String> {
    CURRENT_REQUEST_ID.try_with(Clone::clone).ok()
}

/// Records the caller's membership on the current request's span.
pub fn record_membership(membership_id: Uuid) {
    tracing::Span::current().record("membership", tracing::field::display(membership_id));
}

/// Runs the request inside its span, tags the response with the request id and logs
/// the outcome.
pub async fn trace_request(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let id = Uuid::new_v4().to_string();
    let path = request.path().to_owned();
    // The route pattern comes from the resource map, known before routing runs.
    let route = request
        .match_pattern()
        .unwrap_or_else(|| "(app)".to_owned());
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        route = %route,
        membership = Empty,
        status = Empty,
    );
    span.in_scope(|| tracing::debug!(%path, "request started"));
    let mut response = CURRENT_REQUEST_ID
        .scope(id.clone(), next.call(request).instrument(span.clone()))
        .await?;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    let status = response.status().as_u16();
    span.record("status", status);
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| {
        tracing::info!(%path, latency_ms = format_args!("{latency_ms:.2}"), "request");
    });
    Ok(response)
}
