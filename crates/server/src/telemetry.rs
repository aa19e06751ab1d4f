//! Logging: one `tracing` line per request with its id (also returned as the
//! `x-request-id` header), method, path, status and latency. Only the path is logged,
//! never the query string, headers or body, so tokens and passwords stay out of logs.

use std::io::IsTerminal;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
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

/// Tags the request with an id and logs its outcome.
pub async fn log_request(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let id = Uuid::new_v4().to_string();
    let method = request.method().clone();
    let path = request.path().to_owned();
    let mut response = next.call(request).await?;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    let status = response.status().as_u16();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(request_id = %id, %method, %path, status, latency_ms = format_args!("{latency_ms:.2}"), "request");
    Ok(response)
}
