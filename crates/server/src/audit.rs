//! The audit trail. Handlers call [`record`] with the same transaction as the change it
//! describes, so there is never a change without its entry, nor an entry without its
//! change.

use chrono::Utc;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};
use serde_json::Value;
use uuid::Uuid;

use crate::entities::audit_log;

/// What happened, by whom, to what.
#[derive(Debug, Clone, Default)]
pub struct AuditRecord {
    pub tenant_id: Option<Uuid>,
    pub actor_account_id: Option<Uuid>,
    pub action: &'static str,
    pub entity: &'static str,
    pub entity_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub client_addr: Option<String>,
}

/// Writes one entry, on `db` (a transaction when it accompanies a change).
pub async fn record<C: ConnectionTrait>(db: &C, entry: AuditRecord) -> Result<(), DbErr> {
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
    .map(|_| ())
}
