//! A table of a zone. `table_number` (`INT-3`) never changes and is never given again;
//! `qr_secret` is what its QR code carries besides the number.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dining_tables")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub zone_id: Uuid,
    /// The `N` of `table_number`.
    pub number: i32,
    pub table_number: String,
    pub display_name: String,
    pub capacity: i32,
    pub is_active: bool,
    pub qr_secret: String,
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
