//! Each restaurant's access version: every change to who may do what there (members,
//! roles, overrides, the matrix, ownership, ended sessions) increments it in the same
//! transaction. Changes take turns behind it (the increment locks the restaurant's row),
//! and a replica that cached a caller's permissions knows from it, on the next request,
//! that they must be read again.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Restaurants {
    Table,
    AccessVersion,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.has_column("restaurants", "access_version").await? {
            return Ok(());
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Restaurants::Table)
                    .add_column(big_integer(Restaurants::AccessVersion).default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Restaurants::Table)
                    .drop_column(Restaurants::AccessVersion)
                    .to_owned(),
            )
            .await
    }
}
