//! Probes for operators: `/health` says the process is up, `/ready` that the database
//! answers. Neither needs a token.

use actix_web::{get, web, HttpResponse};
use brigade_domain::api::{HealthStatus, Problem};
use brigade_domain::errors::ErrorCode;
use brigade_macros::endpoint;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::access::Public;
use crate::platform::{ApiError, AppState};

/// Operators' probes, at the root.
pub fn routes(config: &mut ServiceConfig) {
    config.service(health).service(ready);
}

/// Liveness: the process is up.
#[endpoint]
#[utoipa::path(tag = "operations", security(()), responses((status = 200, description = "Up", body = HealthStatus)))]
#[get("/health")]
pub async fn health(_guest: Public) -> HttpResponse {
    HttpResponse::Ok().json(HealthStatus {
        status: "ok".into(),
    })
}

/// Readiness: the database answers.
#[endpoint]
#[utoipa::path(
    tag = "operations",
    security(()),
    responses(
        (status = 200, description = "Ready to serve", body = HealthStatus),
        (status = 503, description = "`unavailable`: the database does not answer", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>, _guest: Public) -> Result<HttpResponse, ApiError> {
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
