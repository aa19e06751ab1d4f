//! The floor (note 001 §A): a venue's zones and their tables.
//!
//! - `restaurants.language`: the language guests' pages are shown in (fr, en, it).
//! - `venues.floor_version`: moved by every change to the floor, and the lock such
//!   changes take first, so they take turns per restaurant (on PostgreSQL the row's
//!   lock; on SQLite the one writer).
//! - `zones` (tenant-owned): name, prefix (unique in the restaurant) and order.
//! - `dining_tables` (tenant-owned): `table_number` (`INT-3`) is fixed at creation and
//!   unique in the restaurant; `display_name`, capacity and `is_active` change freely;
//!   `qr_secret` is the short secret the table's QR code carries, rotated on reprint.
//!   Rows a creating request made keep its `Idempotency-Key` and a hash of the request,
//!   so a retry answers them and the same key with another request is refused.
//! - `table_numbers` (tenant-owned): the highest number ever given per prefix, so a
//!   number is never given twice, even after its table or zone was deleted.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::columns;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Restaurants {
    Table,
    Id,
    Language,
}

#[derive(DeriveIden)]
enum Venues {
    Table,
    Id,
    FloorVersion,
}

#[derive(DeriveIden)]
enum Zones {
    Table,
    Id,
    TenantId,
    VenueId,
    Name,
    Prefix,
    DisplayOrder,
    IdempotencyKey,
    RequestHash,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum DiningTables {
    Table,
    Id,
    TenantId,
    ZoneId,
    Number,
    TableNumber,
    DisplayName,
    Capacity,
    IsActive,
    QrSecret,
    IdempotencyKey,
    RequestHash,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TableNumbers {
    Table,
    TenantId,
    Prefix,
    LastNumber,
}

const TABLES: [&str; 3] = ["zones", "dining_tables", "table_numbers"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        columns::add_once(
            manager,
            Restaurants::Table,
            "language",
            string_len(Restaurants::Language, 2)
                .default("fr")
                .to_owned(),
        )
        .await?;
        columns::add_once(
            manager,
            Venues::Table,
            "floor_version",
            big_integer(Venues::FloorVersion).default(0).to_owned(),
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(Zones::Table)
                    .if_not_exists()
                    .col(pk_uuid(Zones::Id))
                    .col(uuid(Zones::TenantId))
                    .col(uuid(Zones::VenueId))
                    .col(string_len(Zones::Name, 60))
                    .col(string_len(Zones::Prefix, 6))
                    .col(integer(Zones::DisplayOrder))
                    .col(string_len_null(Zones::IdempotencyKey, 100))
                    .col(string_len_null(Zones::RequestHash, 64))
                    .col(timestamp_with_time_zone(Zones::CreatedAt))
                    .col(timestamp_with_time_zone(Zones::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Zones::Table, Zones::TenantId)
                            .to(Restaurants::Table, Restaurants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Zones::Table, Zones::VenueId)
                            .to(Venues::Table, Venues::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DiningTables::Table)
                    .if_not_exists()
                    .col(pk_uuid(DiningTables::Id))
                    .col(uuid(DiningTables::TenantId))
                    .col(uuid(DiningTables::ZoneId))
                    .col(integer(DiningTables::Number))
                    .col(string_len(DiningTables::TableNumber, 20))
                    .col(string_len(DiningTables::DisplayName, 40))
                    .col(integer(DiningTables::Capacity))
                    .col(boolean(DiningTables::IsActive))
                    .col(string_len(DiningTables::QrSecret, 16))
                    .col(string_len_null(DiningTables::IdempotencyKey, 100))
                    .col(string_len_null(DiningTables::RequestHash, 64))
                    .col(timestamp_with_time_zone(DiningTables::CreatedAt))
                    .col(timestamp_with_time_zone(DiningTables::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DiningTables::Table, DiningTables::TenantId)
                            .to(Restaurants::Table, Restaurants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(DiningTables::Table, DiningTables::ZoneId)
                            .to(Zones::Table, Zones::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TableNumbers::Table)
                    .if_not_exists()
                    .col(uuid(TableNumbers::TenantId))
                    .col(string_len(TableNumbers::Prefix, 6))
                    .col(integer(TableNumbers::LastNumber))
                    .primary_key(
                        Index::create()
                            .col(TableNumbers::TenantId)
                            .col(TableNumbers::Prefix),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TableNumbers::Table, TableNumbers::TenantId)
                            .to(Restaurants::Table, Restaurants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for statement in [
            "CREATE UNIQUE INDEX IF NOT EXISTS zones_prefix ON zones (tenant_id, prefix)",
            "CREATE UNIQUE INDEX IF NOT EXISTS zones_idempotency ON zones (tenant_id, idempotency_key)",
            "CREATE UNIQUE INDEX IF NOT EXISTS dining_tables_number ON dining_tables (tenant_id, table_number)",
            "CREATE INDEX IF NOT EXISTS dining_tables_zone ON dining_tables (tenant_id, zone_id, number)",
            "CREATE INDEX IF NOT EXISTS dining_tables_idempotency ON dining_tables (tenant_id, idempotency_key)",
        ] {
            db.execute_unprepared(statement).await?;
        }
        for table in TABLES {
            crate::policy::scope_to_tenant(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["dining_tables", "table_numbers", "zones"] {
            manager
                .drop_table(
                    Table::drop()
                        .table(Alias::new(table))
                        .if_exists()
                        .to_owned(),
                )
                .await?;
        }
        columns::drop(manager, Venues::Table, Venues::FloorVersion).await?;
        columns::drop(manager, Restaurants::Table, Restaurants::Language).await
    }
}
