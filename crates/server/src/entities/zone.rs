//! A zone of the floor ("Intérieur", "Terrasse"): its tables are numbered with its prefix.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "zones")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub venue_id: Uuid,
    pub name: String,
    pub prefix: String,
    pub display_order: i32,
    pub idempotency_key: Option<String>,
    /// The SHA-256 of the request that created the row with that key.
    pub request_hash: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::platform::tenant::tenant_owned!();
