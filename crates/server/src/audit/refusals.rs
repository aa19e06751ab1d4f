//! Refused requests. Every `401`, `403` and `429` is logged at info level (with the
//! request id, as every line of a request is); and a signed-in member refused again
//! and again is written into their restaurant's audit trail: every tenth refusal within
//! 15 minutes adds one `access.refused_repeatedly` entry, naming the last one refused.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};
use serde_json::json;
use uuid::Uuid;

use super::{record, AuditRecord};
use crate::platform::{AppState, Tenant};
use crate::sessions::throttle;

/// How many refusals, within the window, make one audit entry.
pub const REPEATED: u64 = 10;

/// Who a request was made by, once known: set by authentication, read by [`watch`].
#[derive(Debug, Clone, Copy)]
pub struct Requester {
    pub tenant: Tenant,
    pub account_id: Uuid,
    pub membership_id: Uuid,
}

pub async fn watch(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let response = next.call(request).await?;
    let status = response.status();
    let refused = [
        StatusCode::UNAUTHORIZED,
        StatusCode::FORBIDDEN,
        StatusCode::TOO_MANY_REQUESTS,
    ];
    if !refused.contains(&status) {
        return Ok(response);
    }
    tracing::info!(status = status.as_u16(), "request refused");
    // Only a refused request pays for what follows.
    let asked = response.request();
    let state = asked.app_data::<web::Data<AppState>>().cloned();
    let requester = asked.extensions().get::<Requester>().copied();
    let (method, route) = (
        asked.method().to_string(),
        asked.match_pattern().unwrap_or_default(),
    );
    if let (Some(state), Some(requester)) = (state, requester) {
        if let Err(error) = count(&state, requester, status, &method, &route).await {
            tracing::warn!(error = format!("{error:#}"), "could not count a refusal");
        }
    }
    Ok(response)
}

async fn count(
    state: &AppState,
    who: Requester,
    status: StatusCode,
    method: &str,
    route: &str,
) -> anyhow::Result<()> {
    let refusals = throttle::refusal(&state.db, &who.membership_id.to_string()).await?;
    if refusals % REPEATED != 0 {
        return Ok(());
    }
    let txn = who.tenant.write(&state.db).await?;
    record(
        &txn,
        AuditRecord {
            tenant_id: Some(who.tenant.id()),
            actor_account_id: Some(who.account_id),
            action: "access.refused_repeatedly",
            entity: "membership",
            entity_id: Some(who.membership_id.to_string()),
            after: Some(json!({
                "refusals": refusals,
                "window_minutes": throttle::WINDOW_MINUTES,
                "last": { "status": status.as_u16(), "method": method, "route": route },
            })),
            ..AuditRecord::default()
        },
    )
    .await
    .map_err(|error| anyhow::anyhow!("{error}"))?;
    txn.commit().await?;
    Ok(())
}
