//! What the rest of Brigade depends on about a restaurant (note 001 §A1's
//! "Établissement"):
//!
//! - `restaurants.address`, `time_zone` (IANA) and `currency` (ISO 4217), with the
//!   defaults a French restaurant would have until the owner says otherwise;
//! - `restaurants.brand_color` (`#RRGGBB`) and `logo` (the stored file's name, under the
//!   data directory's `logos/{restaurant}/`), both empty until the branding step;
//! - `opening_hours` (tenant-owned): one row per range, `opens` and `closes` in minutes
//!   after local midnight, `closes` above 1440 for a range that ends the next day.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::columns;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Restaurants {
    Table,
    Id,
    Address,
    TimeZone,
    Currency,
    BrandColor,
    Logo,
}

#[derive(DeriveIden)]
enum OpeningHours {
    Table,
    Id,
    TenantId,
    Weekday,
    Opens,
    Closes,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        columns::add_once(
            manager,
            Restaurants::Table,
            "address",
            string_len(Restaurants::Address, 300).default("").to_owned(),
        )
        .await?;
        columns::add_once(
            manager,
            Restaurants::Table,
            "time_zone",
            string_len(Restaurants::TimeZone, 64)
                .default("Europe/Paris")
                .to_owned(),
        )
        .await?;
        columns::add_once(
            manager,
            Restaurants::Table,
            "currency",
            string_len(Restaurants::Currency, 3)
                .default("EUR")
                .to_owned(),
        )
        .await?;
        columns::add_once(
            manager,
            Restaurants::Table,
            "brand_color",
            string_len_null(Restaurants::BrandColor, 7).to_owned(),
        )
        .await?;
        columns::add_once(
            manager,
            Restaurants::Table,
            "logo",
            string_len_null(Restaurants::Logo, 40).to_owned(),
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(OpeningHours::Table)
                    .if_not_exists()
                    .col(pk_uuid(OpeningHours::Id))
                    .col(uuid(OpeningHours::TenantId))
                    .col(small_integer(OpeningHours::Weekday))
                    .col(small_integer(OpeningHours::Opens))
                    .col(small_integer(OpeningHours::Closes))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OpeningHours::Table, OpeningHours::TenantId)
                            .to(Restaurants::Table, Restaurants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("opening_hours_by_day")
                    .table(OpeningHours::Table)
                    .col(OpeningHours::TenantId)
                    .col(OpeningHours::Weekday)
                    .col(OpeningHours::Opens)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        crate::policy::scope_to_tenant(manager, "opening_hours").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(OpeningHours::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        columns::drop(manager, Restaurants::Table, Restaurants::Logo).await?;
        columns::drop(manager, Restaurants::Table, Restaurants::BrandColor).await?;
        columns::drop(manager, Restaurants::Table, Restaurants::Currency).await?;
        columns::drop(manager, Restaurants::Table, Restaurants::TimeZone).await?;
        columns::drop(manager, Restaurants::Table, Restaurants::Address).await
    }
}
