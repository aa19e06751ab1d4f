//! A person in a restaurant: their primary role, personal overrides and whether active.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "memberships")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub account_id: Uuid,
    /// A system role's name (`owner`, `admin`, …).
    pub role: String,
    /// Personal overrides: `{ "code": true | false }`.
    pub permission_overrides: Json,
    pub active: bool,
    pub last_activity_at: Option<DateTimeUtc>,
    /// The name this restaurant gives the member, if it renamed them; shown here only.
    pub display_name: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::account::Entity",
        from = "Column::AccountId",
        to = "super::account::Column::Id"
    )]
    Account,
    #[sea_orm(
        belongs_to = "super::restaurant::Entity",
        from = "Column::TenantId",
        to = "super::restaurant::Column::Id"
    )]
    Restaurant,
}

impl Related<super::restaurant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Restaurant.def()
    }
}

impl Related<super::account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Account.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

crate::platform::tenant::tenant_owned!();
crate::platform::tenant::account_owned!();
