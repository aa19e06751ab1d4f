//! The service grid (note 001's `ServiceManager`): `service_assignments`, tenant-owned,
//! one row per member's place during one service — a whole zone or one table. A
//! service is named by its local date and the minute its opening range opens. Deleting
//! a zone, a table or a membership takes its places with it.

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
enum Memberships {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Zones {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum DiningTables {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ServiceAssignments {
    Table,
    Id,
    TenantId,
    ServiceDate,
    Opens,
    MemberId,
    ZoneId,
    TableId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ServiceAssignments::Table)
                    .if_not_exists()
                    .col(pk_uuid(ServiceAssignments::Id))
                    .col(uuid(ServiceAssignments::TenantId))
                    .col(date(ServiceAssignments::ServiceDate))
                    .col(small_integer(ServiceAssignments::Opens))
                    .col(uuid(ServiceAssignments::MemberId))
                    .col(uuid_null(ServiceAssignments::ZoneId))
                    .col(uuid_null(ServiceAssignments::TableId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ServiceAssignments::Table, ServiceAssignments::TenantId)
                            .to(Restaurants::Table, Restaurants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ServiceAssignments::Table, ServiceAssignments::MemberId)
                            .to(Memberships::Table, Memberships::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ServiceAssignments::Table, ServiceAssignments::ZoneId)
                            .to(Zones::Table, Zones::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ServiceAssignments::Table, ServiceAssignments::TableId)
                            .to(DiningTables::Table, DiningTables::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("service_assignments_by_service")
                    .table(ServiceAssignments::Table)
                    .col(ServiceAssignments::TenantId)
                    .col(ServiceAssignments::ServiceDate)
                    .col(ServiceAssignments::Opens)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        crate::policy::scope_to_tenant(manager, "service_assignments").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(ServiceAssignments::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}
