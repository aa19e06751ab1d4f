//! Reading the audit trail of the active restaurant, newest first.

use actix_web::{get, web};
use anyhow::Context;
use brigade_domain::api::{AuditEntry, AuditPage, Page, PageQuery, Problem};
use brigade_domain::permissions::needs;
use brigade_macros::endpoint;
use serde::Deserialize;

use super::store;
use crate::access::Authorized;
use crate::platform::{ApiError, ApiResult, AppState};

/// Filters of the audit trail.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    /// Only entries with this action, e.g. `auth.login`.
    #[param(max_length = 60)]
    pub action: Option<String>,
    /// Only entries about this kind of entity, e.g. `session`.
    #[param(max_length = 40)]
    pub entity: Option<String>,
}

impl AuditFilter {
    /// The filters' bounds, as the document states them.
    fn validate(&self) -> ApiResult<()> {
        let mut errors = Vec::new();
        for (field, value, max) in [("action", &self.action, 60), ("entity", &self.entity, 40)] {
            if value
                .as_deref()
                .is_some_and(|value| value.chars().count() > max)
            {
                errors.push(brigade_domain::validation::FieldError::new(
                    field,
                    "too_long",
                    format!("{field} must be at most {max} characters"),
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(errors))
        }
    }
}

/// The audit trail.
///
/// Every change in the restaurant with its actor, entity, before and after values,
/// client address and UTC time, newest first. Requires the permission `audit.view`.
#[endpoint]
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    params(PageQuery, AuditFilter),
    responses(
        (status = 200, description = "One page of entries", body = Page<AuditEntry>),
        (status = 400, description = "`invalid_parameter`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `audit.view`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit")]
pub async fn list_audit(
    state: web::Data<AppState>,
    caller: Authorized<needs::AUDIT_VIEW>,
    page: web::Query<PageQuery>,
    filter: web::Query<AuditFilter>,
) -> ApiResult<web::Json<AuditPage>> {
    let (limit, offset) = page.validate().map_err(ApiError::Validation)?;
    filter.validate()?;
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the trail's transaction")?;
    let (rows, total) = store::page(
        &txn,
        &store::AuditFilter {
            action: filter.action.as_deref(),
            entity: filter.entity.as_deref(),
        },
        limit,
        offset,
    )
    .await?;
    txn.commit()
        .await
        .context("ending the trail's transaction")?;
    let items = rows
        .into_iter()
        .map(|row| AuditEntry {
            id: row.id,
            actor_account_id: row.actor_account_id,
            action: row.action,
            entity: row.entity,
            entity_id: row.entity_id,
            before: row.before,
            after: row.after,
            client_addr: row.client_addr,
            created_at: row.created_at,
        })
        .collect();
    Ok(web::Json(AuditPage {
        items,
        total,
        limit,
        offset,
    }))
}
