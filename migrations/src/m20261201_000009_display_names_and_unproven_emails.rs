//! Two things an account created by a restaurant must not become elsewhere:
//!
//! - `memberships.display_name`: the name a restaurant gives a member, shown in that
//!   restaurant only. Renaming a member sets it; the account's own name (what the
//!   person calls themselves, `PATCH /me`) stays, and is what other restaurants show.
//! - `accounts.email_verified`: whether the account's holder proved they receive mail
//!   at its email. No account has yet (existing ones included): the invitations' mail
//!   path sets it. An unproven account cannot join a second restaurant.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Memberships {
    Table,
    DisplayName,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    EmailVerified,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if !manager.has_column("memberships", "display_name").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table(Memberships::Table)
                        .add_column(string_len_null(Memberships::DisplayName, 100))
                        .to_owned(),
                )
                .await?;
        }
        if !manager.has_column("accounts", "email_verified").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table(Accounts::Table)
                        .add_column(boolean(Accounts::EmailVerified).default(false))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .drop_column(Accounts::EmailVerified)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Memberships::Table)
                    .drop_column(Memberships::DisplayName)
                    .to_owned(),
            )
            .await
    }
}
