//! Probes for operators: `/health` says the process is up, `/ready` that the database
//! answers. Neither needs a token.

use actix_web::{get, web, HttpResponse};
use brigade_domain::api::{HealthStatus, Problem};
use brigade_domain::errors::ErrorCode;

use crate::error::ApiError;
use crate::state::AppState;

/// Liveness: the process is up.
#[utoipa::path(tag = "operations", security(()), responses((status = 200, description = "Up", body = HealthStatus)))]
#[get("/health")]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(HealthStatus {
        status: "ok".into(),
    })
}

/// Readiness: the database answers.
#[utoipa::path(
    tag = "operations",
    security(()),
    responses(
        (status = 200, description = "Ready to serve", body = HealthStatus),
        (status = 503, description = "`unavailable`: the database does not answer", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    match state.db.ping().await {
        Ok(()) => Ok(HttpResponse::Ok().json(HealthStatus {
            status: "ok".into(),
        })),
        Err(error) => {
            tracing::warn!(%error, "readiness probe: database unavailable");
            Err(ApiError::Code(
                ErrorCode::Unavailable,
                Some("the database does not answer".into()),
            ))
        }
    }
}
