//! One member's notification of one event, read or not.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub membership_id: Uuid,
    /// The event's number in the restaurant's sequence.
    pub seq: i64,
    pub kind: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub actor: Option<String>,
    pub subject: Option<String>,
    pub text: Option<String>,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::platform::tenant::tenant_owned!();
