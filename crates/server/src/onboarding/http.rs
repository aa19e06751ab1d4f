//! The onboarding's endpoints: where the restaurant is, marking a step done, and the
//! tables step's "configure later". Each change is audited in its transaction.

use actix_web::{get, post, web, HttpResponse};
use anyhow::Context;
use brigade_domain::api::Problem;
use brigade_domain::errors::ErrorCode;
use brigade_domain::floor::{Zone, DEFAULT_CAPACITY};
use brigade_domain::onboarding::{
    CompleteStepRequest, OnboardingProgress, OnboardingStep, BEFORE_LAUNCH,
};
use brigade_domain::permissions::needs;
use brigade_macros::endpoint;
use serde_json::json;

use super::store;
use crate::access::Authorized;
use crate::audit::{self, AuditRecord};
use crate::floor::store as floor;
use crate::platform::body::permitted_body;
use crate::platform::{ApiError, ApiResult, AppState};

/// The zone "configure later" creates.
const MAIN_ROOM: &str = "Salle principale";

/// The five steps, which are done, and the step to resume at.
#[endpoint]
#[utoipa::path(
    tag = "onboarding",
    responses((status = 200, description = "The restaurant's progress", body = OnboardingProgress))
)]
#[get("/onboarding")]
pub async fn progress(
    state: web::Data<AppState>,
    caller: Authorized<needs::RESTAURANT_VIEW_SETTINGS>,
) -> ApiResult<web::Json<OnboardingProgress>> {
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the onboarding")?;
    let progress = store::progress(&txn).await?;
    txn.commit().await.context("ending the onboarding")?;
    Ok(web::Json(progress))
}

/// Marks a step done; doing it again changes nothing. The launch needs the
/// establishment and tables steps first.
#[endpoint]
#[utoipa::path(
    tag = "onboarding",
    request_body = CompleteStepRequest,
    responses(
        (status = 200, description = "The progress now", body = OnboardingProgress),
        (status = 409, description = "`onboarding_incomplete`: the launch before the establishment and tables steps", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/onboarding/complete")]
pub async fn complete_step(
    state: web::Data<AppState>,
    caller: Authorized<needs::RESTAURANT_EDIT_SETTINGS>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<OnboardingProgress>> {
    let body: CompleteStepRequest = permitted_body(body)?;
    let (txn, caller) = caller.change(&state.db).await?;
    let before = store::progress(&txn).await?;
    if body.step == OnboardingStep::Launch {
        let done = |step| before.steps.iter().any(|s| s.step == step && s.done);
        if !BEFORE_LAUNCH.into_iter().all(done) {
            return Err(ApiError::Code(ErrorCode::OnboardingIncomplete, None));
        }
    }
    let after = store::complete(&txn, body.step, state.clock.now()).await?;
    if after != before {
        audit::record(
            &txn,
            AuditRecord {
                after: Some(json!({ "step": body.step.as_str() })),
                ..caller.audit("onboarding.step_done", "restaurant", caller.tenant.id())
            },
        )
        .await?;
    }
    txn.commit()
        .await
        .context("committing an onboarding step")?;
    Ok(web::Json(after))
}

/// "Configure later": one zone "Salle principale" (`SAL`) with as many tables of four
/// seats as the restaurant gave at sign-up, and the tables step done. Only on an empty
/// floor.
#[endpoint]
#[utoipa::path(
    tag = "onboarding",
    responses(
        (status = 201, description = "The zone created, with its tables", body = Zone),
        (status = 409, description = "`floor_not_empty`: the restaurant already has zones", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/onboarding/tables/later")]
pub async fn tables_later(
    state: web::Data<AppState>,
    caller: Authorized<needs::TABLES_MANAGE>,
) -> ApiResult<HttpResponse> {
    let (txn, caller) = caller.change(&state.db).await?;
    floor::lock(&txn).await?;
    if !floor::zones(&txn).await?.is_empty() {
        return Err(ApiError::Code(ErrorCode::FloorNotEmpty, None));
    }
    let count = floor::signup_table_count(&txn).await?.min(100);
    let now = state.clock.now();
    let (zone, tables) = floor::furnish_zone(&txn, MAIN_ROOM, count, DEFAULT_CAPACITY, now).await?;
    store::complete(&txn, OnboardingStep::Tables, now).await?;
    audit::record(
        &txn,
        AuditRecord {
            after: Some(json!({
                "zone": floor::zone_snapshot(&zone),
                "tables": tables.iter().map(|t| t.table_number.as_str()).collect::<Vec<_>>(),
            })),
            ..caller.audit("zone.created", "zone", zone.id)
        },
    )
    .await?;
    let wire = floor::zones(&txn)
        .await?
        .into_iter()
        .find(|z| z.id == zone.id)
        .ok_or_else(ApiError::not_found)?;
    let restaurant = txn.tenant().id();
    txn.commit().await.context("committing the main room")?;
    state.guests.forget(restaurant);
    Ok(HttpResponse::Created().json(wire))
}
