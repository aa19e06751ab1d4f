//! A restaurant's versions: two counters every request reads first (see the
//! `restaurants` store). Outside row-level security by design; nothing else is kept here.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "restaurant_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub restaurant_id: Uuid,
    /// Incremented by every change to who may do what here.
    pub access: i64,
    /// Incremented by every change to what the team list shows.
    pub team: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::platform::tenant::tenant_owned!(RestaurantId);
