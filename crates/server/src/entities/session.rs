//! A signed-in session: the family of refresh tokens issued from one login, acting in
//! one restaurant. Revoking it ends its access tokens on their next request too.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub account_id: Uuid,
    pub tenant_id: Uuid,
    /// When the person logged in (a switch of restaurant carries it over): the session
    /// ends 30 days later however often it is refreshed.
    pub created_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    pub revoked_reason: Option<String>,
    /// Its refresh tokens travel only in the browser's HttpOnly cookie.
    pub refresh_in_cookie: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::platform::tenant::tenant_owned!();
crate::platform::tenant::account_owned!();
// A person ends their own sessions (a password change ends them everywhere).
impl crate::platform::tenant::AccountWritable for Entity {}
