//! The secret of a link sent by email (an invitation, a password reset, an email
//! verification), kept only as its SHA-256 hash and used at most once.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "one_time_tokens")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `invitation`, `password_reset` or `verify_email`.
    pub purpose: String,
    pub token_hash: String,
    pub account_id: Option<Uuid>,
    /// The restaurant it concerns (a global table: not a tenant scope).
    pub restaurant_id: Option<Uuid>,
    pub invitation_id: Option<Uuid>,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::platform::tenant::global_table!();
