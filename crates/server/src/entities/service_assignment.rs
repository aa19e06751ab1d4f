//! One member's place during one service: a whole zone or one table.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_assignments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    /// The service's local date.
    pub service_date: Date,
    /// Minutes after local midnight at which the service's opening range opens.
    pub opens: i16,
    pub member_id: Uuid,
    pub zone_id: Option<Uuid>,
    pub table_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::platform::tenant::tenant_owned!();
