//! `sessions.refresh_in_cookie`: the session's refresh tokens travel in the browser's
//! HttpOnly cookie, never in a body. Refreshing it and switching restaurants keep it so,
//! whatever a request asks: a script in the page cannot turn a cookie session into a
//! refresh token it can read. (A switch also carries the session's start over, so the
//! 30 days count from the login.)

use sea_orm_migration::{prelude::*, schema::*};

use crate::columns;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sessions {
    Table,
    RefreshInCookie,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let column = boolean(Sessions::RefreshInCookie).default(false).to_owned();
        columns::add_once(manager, Sessions::Table, "refresh_in_cookie", column).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        columns::drop(manager, Sessions::Table, Sessions::RefreshInCookie).await
    }
}
