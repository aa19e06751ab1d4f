//! One live event in the outbox: written with its change and audit entry, numbered in
//! its restaurant's sequence, delivered as notifications afterwards.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub seq: i64,
    /// The audited action it comes from (`member.updated`).
    pub kind: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub actor_account_id: Option<Uuid>,
    /// What the deliverer needs beyond that: the audit entry's after, a message's
    /// addressees.
    pub payload: Option<Json>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::platform::tenant::tenant_owned!();
