//! A product of the menu; its prices are on its variants.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "menu_products")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub category_id: Option<Uuid>,
    pub name: String,
    pub description: Option<String>,
    /// Basis points.
    pub tax_rate: i32,
    /// Bit sets of `Allergen` and `DietaryTag`.
    pub allergens: i64,
    pub dietary: i64,
    pub station: String,
    pub is_active: bool,
    pub display_order: i32,
    pub unavailable: bool,
    pub unavailable_until: Option<DateTimeUtc>,
    /// The image's content hash: its files are named after it.
    pub image: Option<String>,
    /// The modifier groups, as JSON.
    pub modifiers: String,
    pub archived_at: Option<DateTimeUtc>,
    pub idempotency_key: Option<String>,
    pub request_hash: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::platform::tenant::tenant_owned!();
