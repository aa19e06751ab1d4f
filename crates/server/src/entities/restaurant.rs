//! A restaurant: the tenant every other row belongs to.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "restaurants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    /// `fr`, `en` or `it`: what guests' pages are written in.
    pub language: String,
    /// Lines separated by `\n`.
    pub address: String,
    /// IANA: times are shown and days grouped in it.
    pub time_zone: String,
    /// ISO 4217: amounts are integer minor units of it.
    pub currency: String,
    /// `#RRGGBB`, the restaurant's main colour.
    pub brand_color: Option<String>,
    /// The logo's file name under `logos/{id}/` in the data directory.
    pub logo: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

// A restaurant is its own tenant: its id is the tenant id.
crate::platform::tenant::tenant_owned!(Id);
