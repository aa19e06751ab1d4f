//! One range of a restaurant's opening hours.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "opening_hours")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    /// 0 for Monday to 6 for Sunday.
    pub weekday: i16,
    /// Minutes after local midnight.
    pub opens: i16,
    /// Minutes after the same midnight: above 1440 when the range ends the next day.
    pub closes: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::platform::tenant::tenant_owned!();
