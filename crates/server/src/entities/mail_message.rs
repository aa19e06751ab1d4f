//! A message in the outbox: written with the change it announces, delivered after
//! commit, retried until sent or given up.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The restaurant it concerns (a global table: not a tenant scope).
    pub restaurant_id: Option<Uuid>,
    /// `invitation`, `member_added`, `invitation_accepted`, `password_reset`,
    /// `temporary_password`, `verify_email`.
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    /// Emptied once sent: a delivered message keeps no link.
    #[sea_orm(column_type = "Text")]
    pub html: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub claimed_until: Option<DateTimeUtc>,
    pub sent_at: Option<DateTimeUtc>,
    pub failed_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub provider_id: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::platform::tenant::global_table!();
