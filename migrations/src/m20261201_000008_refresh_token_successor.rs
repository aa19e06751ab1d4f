//! Each refresh token names the one its refresh issued (`replaced_by`), so a refresh
//! retried after a lost response can be told from a stolen token presented again: the
//! retry finds the successor still unused, revokes it and gets a fresh pair.

use sea_orm_migration::{prelude::*, schema::*};

use crate::columns;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    ReplacedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let column = uuid_null(RefreshTokens::ReplacedBy);
        columns::add_once(manager, RefreshTokens::Table, "replaced_by", column).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        columns::drop(manager, RefreshTokens::Table, RefreshTokens::ReplacedBy).await
    }
}
