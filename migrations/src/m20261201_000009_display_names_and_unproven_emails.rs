//! Two things an account created by a restaurant must not become elsewhere:
//!
//! - `memberships.display_name`: the name a restaurant gives a member, shown in that
//!   restaurant only. Renaming a member sets it; the account's own name (what the
//!   person calls themselves, `PATCH /me`) stays, and is what other restaurants show.
//! - `accounts.email_verified`: whether the account's holder proved they receive mail
//!   at its email. No account has yet (existing ones included): the invitations' mail
//!   path sets it. An unproven account cannot join a second restaurant.

use sea_orm_migration::{prelude::*, schema::*};

use crate::columns;

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
        let name = string_len_null(Memberships::DisplayName, 100);
        columns::add_once(manager, Memberships::Table, "display_name", name).await?;
        let verified = boolean(Accounts::EmailVerified).default(false).to_owned();
        columns::add_once(manager, Accounts::Table, "email_verified", verified).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        columns::drop(manager, Accounts::Table, Accounts::EmailVerified).await?;
        columns::drop(manager, Memberships::Table, Memberships::DisplayName).await
    }
}
