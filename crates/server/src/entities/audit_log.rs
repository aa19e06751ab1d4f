//! One entry of the audit trail: who did what to which thing, with before and after.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// None for events outside any restaurant (a failed login).
    pub tenant_id: Option<Uuid>,
    pub actor_account_id: Option<Uuid>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub before: Option<Json>,
    pub after: Option<Json>,
    pub client_addr: Option<String>,
    pub created_at: DateTimeUtc,
    /// The actor's name and role in the restaurant when it happened.
    pub actor_name: Option<String>,
    pub actor_role: Option<String>,
    /// What it was about, by name, when it happened.
    pub subject: Option<String>,
    /// The entry's number in its restaurant's chain.
    pub seq: Option<i64>,
    /// The hash of the entry before it in the chain (empty for the first).
    pub prev_hash: Option<String>,
    /// SHA-256 over this entry and `prev_hash`, hex.
    pub hash: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::platform::tenant::tenant_owned!();
