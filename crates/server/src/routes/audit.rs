//! Reading the audit trail of the active restaurant, newest first.

use actix_web::{get, web};
use brigade_domain::api::{AuditEntry, AuditPage, Page, PageQuery, Problem};
use brigade_domain::permissions::code;
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;

use crate::auth::Caller;
use crate::entities::audit_log;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

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

/// The audit trail.
///
/// Every change in the restaurant with its actor, entity, before and after values,
/// client address and UTC time, newest first. Requires the permission `audit.view`.
#[utoipa::path(
    tag = "audit",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::AUDIT_VIEW))),
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
    caller: Caller,
    page: web::Query<PageQuery>,
    filter: web::Query<AuditFilter>,
) -> ApiResult<web::Json<AuditPage>> {
    caller.require(code::AUDIT_VIEW)?;
    let (limit, offset) = page.validate().map_err(ApiError::Validation)?;
    let mut query = caller.tenant.find::<audit_log::Entity>();
    if let Some(action) = filter.action.as_deref() {
        query = query.filter(audit_log::Column::Action.eq(action));
    }
    if let Some(entity) = filter.entity.as_deref() {
        query = query.filter(audit_log::Column::Entity.eq(entity));
    }
    let db = &state.db;
    let total = query.clone().count(db).await?;
    let items = query
        .order_by_desc(audit_log::Column::CreatedAt)
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?
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
