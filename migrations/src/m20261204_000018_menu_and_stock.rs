//! The menu and its stock (note 002 `products.*`, note 000 §4).
//!
//! - `menu_settings` (tenant-owned, one row per restaurant, made on first use): what
//!   the guests' menu shows, whether prices include tax, whether stock may go below
//!   zero; its `version` is moved by every change to the menu's order and shape, so
//!   such changes take turns per restaurant (the row's lock on PostgreSQL).
//! - `menu_categories`: name, description, order, active. Rows a creating request made
//!   keep its `Idempotency-Key` and a hash of the request.
//! - `menu_products`: details, tax rate (basis points), allergens and dietary tags as
//!   bit sets, station, order within its category, unavailability by hand, the image's
//!   content hash, modifier groups (a JSON document, always read and written whole),
//!   `archived_at` when deleted while history refers to it (its category may then be
//!   deleted: `category_id` becomes null).
//! - `menu_variants`: each with its price (integer minor units), unavailability by
//!   hand, and its stock when tracked: the quantity, kept in step with the ledger in
//!   the same transaction and changed only by conditional updates, its threshold and
//!   auto-86.
//! - `stock_movements`: the ledger, one row per change of a quantity, never updated;
//!   it outlives its variant (no foreign key to it), so history stays.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Restaurants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MenuSettings {
    Table,
    TenantId,
    Version,
    ShowPrices,
    ShowUnavailable,
    UseBrandColor,
    PricesIncludeTax,
    AllowNegativeStock,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MenuCategories {
    Table,
    Id,
    TenantId,
    Name,
    Description,
    DisplayOrder,
    IsActive,
    IdempotencyKey,
    RequestHash,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MenuProducts {
    Table,
    Id,
    TenantId,
    CategoryId,
    Name,
    Description,
    TaxRate,
    Allergens,
    Dietary,
    Station,
    IsActive,
    DisplayOrder,
    Unavailable,
    UnavailableUntil,
    Image,
    Modifiers,
    ArchivedAt,
    IdempotencyKey,
    RequestHash,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MenuVariants {
    Table,
    Id,
    TenantId,
    ProductId,
    Name,
    Price,
    DisplayOrder,
    Unavailable,
    UnavailableUntil,
    TracksStock,
    StockQuantity,
    LowThreshold,
    #[sea_orm(iden = "auto_86")]
    Auto86,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StockMovements {
    Table,
    Id,
    TenantId,
    VariantId,
    ProductId,
    Kind,
    Delta,
    QuantityAfter,
    Reason,
    ActorAccountId,
    ActorName,
    IdempotencyKey,
    RequestHash,
    CreatedAt,
}

fn to_restaurant(
    table: impl Iden + 'static,
    column: impl Iden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Restaurants::Table, Restaurants::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

const TABLES: [&str; 5] = [
    "menu_settings",
    "menu_categories",
    "menu_products",
    "menu_variants",
    "stock_movements",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MenuSettings::Table)
                    .if_not_exists()
                    .col(uuid(MenuSettings::TenantId).primary_key())
                    .col(big_integer(MenuSettings::Version).default(0))
                    .col(boolean(MenuSettings::ShowPrices).default(true))
                    .col(boolean(MenuSettings::ShowUnavailable).default(true))
                    .col(boolean(MenuSettings::UseBrandColor).default(true))
                    .col(boolean(MenuSettings::PricesIncludeTax).default(true))
                    .col(boolean(MenuSettings::AllowNegativeStock).default(false))
                    .col(timestamp_with_time_zone_null(MenuSettings::UpdatedAt))
                    .foreign_key(&mut to_restaurant(
                        MenuSettings::Table,
                        MenuSettings::TenantId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MenuCategories::Table)
                    .if_not_exists()
                    .col(pk_uuid(MenuCategories::Id))
                    .col(uuid(MenuCategories::TenantId))
                    .col(string_len(MenuCategories::Name, 80))
                    .col(text_null(MenuCategories::Description))
                    .col(integer(MenuCategories::DisplayOrder))
                    .col(boolean(MenuCategories::IsActive))
                    .col(string_len_null(MenuCategories::IdempotencyKey, 100))
                    .col(string_len_null(MenuCategories::RequestHash, 64))
                    .col(timestamp_with_time_zone(MenuCategories::CreatedAt))
                    .col(timestamp_with_time_zone(MenuCategories::UpdatedAt))
                    .foreign_key(&mut to_restaurant(
                        MenuCategories::Table,
                        MenuCategories::TenantId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MenuProducts::Table)
                    .if_not_exists()
                    .col(pk_uuid(MenuProducts::Id))
                    .col(uuid(MenuProducts::TenantId))
                    .col(uuid_null(MenuProducts::CategoryId))
                    .col(string_len(MenuProducts::Name, 120))
                    .col(text_null(MenuProducts::Description))
                    .col(integer(MenuProducts::TaxRate))
                    .col(big_integer(MenuProducts::Allergens).default(0))
                    .col(big_integer(MenuProducts::Dietary).default(0))
                    .col(string_len(MenuProducts::Station, 12))
                    .col(boolean(MenuProducts::IsActive))
                    .col(integer(MenuProducts::DisplayOrder))
                    .col(boolean(MenuProducts::Unavailable).default(false))
                    .col(timestamp_with_time_zone_null(
                        MenuProducts::UnavailableUntil,
                    ))
                    .col(string_len_null(MenuProducts::Image, 32))
                    .col(text(MenuProducts::Modifiers))
                    .col(timestamp_with_time_zone_null(MenuProducts::ArchivedAt))
                    .col(string_len_null(MenuProducts::IdempotencyKey, 100))
                    .col(string_len_null(MenuProducts::RequestHash, 64))
                    .col(timestamp_with_time_zone(MenuProducts::CreatedAt))
                    .col(timestamp_with_time_zone(MenuProducts::UpdatedAt))
                    .foreign_key(&mut to_restaurant(
                        MenuProducts::Table,
                        MenuProducts::TenantId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MenuProducts::Table, MenuProducts::CategoryId)
                            .to(MenuCategories::Table, MenuCategories::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MenuVariants::Table)
                    .if_not_exists()
                    .col(pk_uuid(MenuVariants::Id))
                    .col(uuid(MenuVariants::TenantId))
                    .col(uuid(MenuVariants::ProductId))
                    .col(string_len_null(MenuVariants::Name, 40))
                    .col(big_integer(MenuVariants::Price))
                    .col(integer(MenuVariants::DisplayOrder))
                    .col(boolean(MenuVariants::Unavailable).default(false))
                    .col(timestamp_with_time_zone_null(
                        MenuVariants::UnavailableUntil,
                    ))
                    .col(boolean(MenuVariants::TracksStock).default(false))
                    .col(big_integer(MenuVariants::StockQuantity).default(0))
                    .col(big_integer(MenuVariants::LowThreshold).default(3))
                    .col(boolean(MenuVariants::Auto86).default(true))
                    .col(timestamp_with_time_zone(MenuVariants::CreatedAt))
                    .col(timestamp_with_time_zone(MenuVariants::UpdatedAt))
                    .foreign_key(&mut to_restaurant(
                        MenuVariants::Table,
                        MenuVariants::TenantId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MenuVariants::Table, MenuVariants::ProductId)
                            .to(MenuProducts::Table, MenuProducts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StockMovements::Table)
                    .if_not_exists()
                    .col(pk_uuid(StockMovements::Id))
                    .col(uuid(StockMovements::TenantId))
                    .col(uuid(StockMovements::VariantId))
                    .col(uuid(StockMovements::ProductId))
                    .col(string_len(StockMovements::Kind, 10))
                    .col(big_integer(StockMovements::Delta))
                    .col(big_integer(StockMovements::QuantityAfter))
                    .col(string_len_null(StockMovements::Reason, 200))
                    .col(uuid_null(StockMovements::ActorAccountId))
                    .col(string_len_null(StockMovements::ActorName, 120))
                    .col(string_len_null(StockMovements::IdempotencyKey, 100))
                    .col(string_len_null(StockMovements::RequestHash, 64))
                    .col(timestamp_with_time_zone(StockMovements::CreatedAt))
                    .foreign_key(&mut to_restaurant(
                        StockMovements::Table,
                        StockMovements::TenantId,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, table, columns) in [
            (
                "menu_products_by_category",
                "menu_products",
                &["tenant_id", "category_id", "display_order"][..],
            ),
            (
                "menu_variants_by_product",
                "menu_variants",
                &["product_id", "display_order"][..],
            ),
            (
                "stock_movements_by_item",
                "stock_movements",
                &["tenant_id", "variant_id", "created_at"][..],
            ),
            (
                "stock_movements_by_product",
                "stock_movements",
                &["tenant_id", "product_id"][..],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table)).if_not_exists();
            for column in columns {
                index.col(Alias::new(*column));
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("stock_movements_once")
                    .table(StockMovements::Table)
                    .col(StockMovements::TenantId)
                    .col(StockMovements::IdempotencyKey)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        // Every restaurant has its row from here on (sign-up makes new ones'); before
        // row-level security, which would refuse rows of no declared restaurant.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO menu_settings (tenant_id, version, show_prices, show_unavailable, \
                 use_brand_color, prices_include_tax, allow_negative_stock) \
                 SELECT id, 0, TRUE, TRUE, TRUE, TRUE, FALSE FROM restaurants r \
                 WHERE NOT EXISTS (SELECT 1 FROM menu_settings s WHERE s.tenant_id = r.id)",
            )
            .await?;
        for table in TABLES {
            crate::policy::scope_to_tenant(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().rev() {
            manager
                .drop_table(
                    Table::drop()
                        .table(Alias::new(*table))
                        .if_exists()
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
