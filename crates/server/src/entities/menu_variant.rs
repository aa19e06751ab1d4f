//! A variant of a product, with its price and, when tracked, its stock.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "menu_variants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub product_id: Uuid,
    pub name: Option<String>,
    /// Minor units.
    pub price: i64,
    pub display_order: i32,
    pub unavailable: bool,
    pub unavailable_until: Option<DateTimeUtc>,
    pub tracks_stock: bool,
    pub stock_quantity: i64,
    pub low_threshold: i64,
    pub auto_86: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::platform::tenant::tenant_owned!();
