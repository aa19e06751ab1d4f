//! Inviting people by email, recovering accounts and the mail that carries both:
//!
//! - `invitations` (tenant-owned): who a restaurant invited, as which roles, by whom,
//!   until when, and whether it is still pending. At most one pending invitation per
//!   email and restaurant (a partial unique index), so inviting again refreshes it.
//! - `one_time_tokens` (global): the links' secrets — invitations, password resets and
//!   email verifications — stored only as SHA-256 hashes, each used at most once. A link
//!   is found by its hash before any restaurant is known, so the table is global and
//!   names the restaurant it leads to as `restaurant_id`.
//! - `mail_outbox` (global): every message to send, written in the transaction of the
//!   change it announces, delivered after commit and retried until it is; one
//!   deliverer serves every restaurant (`restaurant_id` says which one it concerns).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Restaurants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    TenantId,
    Email,
    Role,
    CustomRoleIds,
    PermissionOverrides,
    Language,
    InvitedBy,
    Status,
    ExpiresAt,
    SentAt,
    SendCount,
    AcceptedAt,
    AcceptedBy,
    IdempotencyKey,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OneTimeTokens {
    Table,
    Id,
    Purpose,
    TokenHash,
    AccountId,
    RestaurantId,
    InvitationId,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    RestaurantId,
    Kind,
    Recipient,
    Subject,
    Html,
    Text,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    SentAt,
    FailedAt,
    LastError,
    ProviderId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .if_not_exists()
                    .col(pk_uuid(Invitations::Id))
                    .col(uuid(Invitations::TenantId))
                    .col(string_len(Invitations::Email, 254))
                    .col(string_len(Invitations::Role, 20))
                    .col(json_binary(Invitations::CustomRoleIds))
                    .col(json_binary(Invitations::PermissionOverrides))
                    .col(string_len(Invitations::Language, 2))
                    .col(uuid(Invitations::InvitedBy))
                    .col(string_len(Invitations::Status, 12))
                    .col(timestamp_with_time_zone(Invitations::ExpiresAt))
                    .col(timestamp_with_time_zone(Invitations::SentAt))
                    .col(integer(Invitations::SendCount))
                    .col(timestamp_with_time_zone_null(Invitations::AcceptedAt))
                    .col(uuid_null(Invitations::AcceptedBy))
                    .col(string_len_null(Invitations::IdempotencyKey, 100))
                    .col(timestamp_with_time_zone(Invitations::CreatedAt))
                    .col(timestamp_with_time_zone(Invitations::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitations::Table, Invitations::TenantId)
                            .to(Restaurants::Table, Restaurants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        // Both engines know partial indexes.
        db.execute_unprepared(
            "CREATE UNIQUE INDEX IF NOT EXISTS invitations_one_pending \
             ON invitations (tenant_id, email) WHERE status = 'pending'",
        )
        .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX IF NOT EXISTS invitations_idempotency \
             ON invitations (tenant_id, idempotency_key)",
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(OneTimeTokens::Table)
                    .if_not_exists()
                    .col(pk_uuid(OneTimeTokens::Id))
                    .col(string_len(OneTimeTokens::Purpose, 20))
                    .col(string_len_uniq(OneTimeTokens::TokenHash, 64))
                    .col(uuid_null(OneTimeTokens::AccountId))
                    .col(uuid_null(OneTimeTokens::RestaurantId))
                    .col(uuid_null(OneTimeTokens::InvitationId))
                    .col(timestamp_with_time_zone(OneTimeTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(OneTimeTokens::UsedAt))
                    .col(timestamp_with_time_zone(OneTimeTokens::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("one_time_tokens_account")
                    .table(OneTimeTokens::Table)
                    .col(OneTimeTokens::AccountId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("one_time_tokens_invitation")
                    .table(OneTimeTokens::Table)
                    .col(OneTimeTokens::InvitationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MailOutbox::Table)
                    .if_not_exists()
                    .col(pk_uuid(MailOutbox::Id))
                    .col(uuid_null(MailOutbox::RestaurantId))
                    .col(string_len(MailOutbox::Kind, 30))
                    .col(string_len(MailOutbox::Recipient, 254))
                    .col(string_len(MailOutbox::Subject, 300))
                    .col(text(MailOutbox::Html))
                    .col(text(MailOutbox::Text))
                    .col(integer(MailOutbox::Attempts))
                    .col(timestamp_with_time_zone(MailOutbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::ClaimedUntil))
                    .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::FailedAt))
                    .col(text_null(MailOutbox::LastError))
                    .col(string_len_null(MailOutbox::ProviderId, 100))
                    .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("mail_outbox_due")
                    .table(MailOutbox::Table)
                    .col(MailOutbox::SentAt)
                    .col(MailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            for statement in [
                "ALTER TABLE invitations ENABLE ROW LEVEL SECURITY",
                "ALTER TABLE invitations FORCE ROW LEVEL SECURITY",
                "DROP POLICY IF EXISTS brigade_scope ON invitations",
                "CREATE POLICY brigade_scope ON invitations USING (tenant_id = brigade_tenant()) \
                 WITH CHECK (tenant_id = brigade_tenant())",
            ] {
                db.execute_unprepared(statement).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["mail_outbox", "one_time_tokens", "invitations"] {
            manager
                .drop_table(
                    Table::drop()
                        .table(Alias::new(table))
                        .if_exists()
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
