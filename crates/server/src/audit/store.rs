//! The audit trail's table. A change writes its entry with [`record`] in the same
//! transaction as the change itself, so there is never a change without its entry, nor
//! an entry without its change. Entries are never changed or deleted.

use anyhow::Context;
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::Value;
use uuid::Uuid;

use crate::entities::audit_log;
use crate::platform::{ApiResult, TenantTxn};

pub use crate::entities::audit_log::Model as AuditRow;

/// What happened, by whom, to what.
#[derive(Debug, Clone, Default)]
pub struct AuditRecord {
    /// The restaurant it happened in; none for what happens outside any (a failed
    /// login). The transaction must have declared that restaurant.
    pub tenant_id: Option<Uuid>,
    pub actor_account_id: Option<Uuid>,
    pub action: &'static str,
    pub entity: &'static str,
    pub entity_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub client_addr: Option<String>,
}

/// Writes one entry, on `db` (the transaction of the change it describes).
#[allow(clippy::disallowed_methods)] // the entry names its restaurant; row-level security checks it
pub async fn record<C: ConnectionTrait>(db: &C, entry: AuditRecord) -> ApiResult<()> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        id: Set(Uuid::new_v4()),
        tenant_id: Set(entry.tenant_id),
        actor_account_id: Set(entry.actor_account_id),
        action: Set(entry.action.to_owned()),
        entity: Set(entry.entity.to_owned()),
        entity_id: Set(entry.entity_id),
        before: Set(entry.before),
        after: Set(entry.after),
        client_addr: Set(entry.client_addr),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await
    .with_context(|| format!("writing the audit entry {}", entry.action))?;
    Ok(())
}

/// What the trail can be filtered on.
#[derive(Debug, Default)]
pub struct AuditFilter<'a> {
    pub action: Option<&'a str>,
    pub entity: Option<&'a str>,
}

/// One page of the restaurant's trail, newest first, and the number of entries.
pub async fn page(
    txn: &TenantTxn,
    filter: &AuditFilter<'_>,
    limit: u64,
    offset: u64,
) -> ApiResult<(Vec<AuditRow>, u64)> {
    let mut query = txn.find::<audit_log::Entity>();
    if let Some(action) = filter.action {
        query = query.filter(audit_log::Column::Action.eq(action));
    }
    if let Some(entity) = filter.entity {
        query = query.filter(audit_log::Column::Entity.eq(entity));
    }
    let total = query
        .clone()
        .count(txn)
        .await
        .context("counting the audit entries")?;
    let rows = query
        .order_by_desc(audit_log::Column::CreatedAt)
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(txn)
        .await
        .context("reading the audit trail")?;
    Ok((rows, total))
}
