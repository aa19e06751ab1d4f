//! Someone a restaurant invited by email, as which roles, until when; `status` is
//! `pending`, `expired`, `accepted` or `cancelled`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub email: String,
    /// The primary system role (never `owner`).
    pub role: String,
    /// `["uuid", …]`.
    pub custom_role_ids: Json,
    /// `{ "code": true | false }`.
    pub permission_overrides: Json,
    /// The mail's language: `fr`, `en` or `it`.
    pub language: String,
    /// The inviter's account.
    pub invited_by: Uuid,
    pub status: String,
    pub expires_at: DateTimeUtc,
    pub sent_at: DateTimeUtc,
    pub send_count: i32,
    pub accepted_at: Option<DateTimeUtc>,
    pub accepted_by: Option<Uuid>,
    pub idempotency_key: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::platform::tenant::tenant_owned!();
