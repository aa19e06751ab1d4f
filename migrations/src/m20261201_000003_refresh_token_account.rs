//! Refresh tokens name their session's account, so a refresh can find the session
//! through that person's scope (row-level security admits a person's own sessions).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    AccountId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.has_column("refresh_tokens", "account_id").await? {
            return Ok(());
        }
        manager
            .alter_table(
                Table::alter()
                    .table(RefreshTokens::Table)
                    .add_column(uuid_null(RefreshTokens::AccountId))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE refresh_tokens SET account_id = \
                 (SELECT account_id FROM sessions WHERE sessions.id = refresh_tokens.session_id)",
            )
            .await
            .map(|_| ())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(RefreshTokens::Table)
                    .drop_column(RefreshTokens::AccountId)
                    .to_owned(),
            )
            .await
    }
}
