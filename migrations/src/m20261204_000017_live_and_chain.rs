//! Live events and a tamper-evident audit trail:
//!
//! - `audit_log` gains `actor_name`, `actor_role` and `subject` (named as they were
//!   at the time), and `seq`, `prev_hash` and `hash`: each restaurant's entries form a
//!   hash chain, each hash covering the entry and the one before it. `audit_heads`
//!   (tenant-owned) holds each chain's last number and hash; taking the next number
//!   locks that row, so entries are chained one at a time per restaurant.
//! - `events` (tenant-owned) is the outbox: a live event is written in the transaction
//!   of its change and its audit entry, numbered in its restaurant's sequence.
//!   `event_heads` holds, per restaurant, the last number given and the last number
//!   delivered; like `restaurant_versions` it holds counters only, keyed by
//!   `restaurant_id` outside row-level security, so a deliverer can find the
//!   restaurants with events waiting.
//! - `notifications` (tenant-owned): each event, once delivered, becomes one row per
//!   member who may see it, read or not.
//! - `team_messages` (tenant-owned): what a manager wrote to the team or to one role,
//!   with the idempotency key of the request that wrote it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Restaurants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    TenantId,
    Seq,
    PrevHash,
    Hash,
    ActorName,
    ActorRole,
    Subject,
}

#[derive(DeriveIden)]
enum AuditHeads {
    Table,
    TenantId,
    Seq,
    Hash,
}

#[derive(DeriveIden)]
enum EventHeads {
    Table,
    RestaurantId,
    LastSeq,
    DeliveredSeq,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    TenantId,
    Seq,
    Kind,
    Entity,
    EntityId,
    ActorAccountId,
    Payload,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    TenantId,
    MembershipId,
    Seq,
    Kind,
    Entity,
    EntityId,
    Actor,
    Subject,
    Text,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum TeamMessages {
    Table,
    Id,
    TenantId,
    AuthorAccountId,
    Text,
    Role,
    CustomRoleId,
    IdempotencyKey,
    RequestHash,
    CreatedAt,
}

fn cascade_to_restaurant(
    table: impl Iden + 'static,
    column: impl Iden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Restaurants::Table, Restaurants::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::columns::add_once(
            manager,
            AuditLog::Table,
            "seq",
            big_integer_null(AuditLog::Seq),
        )
        .await?;
        crate::columns::add_once(
            manager,
            AuditLog::Table,
            "prev_hash",
            string_null(AuditLog::PrevHash),
        )
        .await?;
        crate::columns::add_once(
            manager,
            AuditLog::Table,
            "hash",
            string_null(AuditLog::Hash),
        )
        .await?;
        // Who acted and on what, named as they were when it happened.
        for (name, column) in [
            ("actor_name", AuditLog::ActorName),
            ("actor_role", AuditLog::ActorRole),
            ("subject", AuditLog::Subject),
        ] {
            crate::columns::add_once(manager, AuditLog::Table, name, string_null(column)).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("audit_log_chain")
                    .table(AuditLog::Table)
                    .col(AuditLog::TenantId)
                    .col(AuditLog::Seq)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditHeads::Table)
                    .if_not_exists()
                    .col(uuid(AuditHeads::TenantId).primary_key())
                    .col(big_integer(AuditHeads::Seq).default(0))
                    .col(string(AuditHeads::Hash).default(""))
                    .foreign_key(&mut cascade_to_restaurant(
                        AuditHeads::Table,
                        AuditHeads::TenantId,
                    ))
                    .to_owned(),
            )
            .await?;
        crate::policy::scope_to_tenant(manager, "audit_heads").await?;

        manager
            .create_table(
                Table::create()
                    .table(EventHeads::Table)
                    .if_not_exists()
                    .col(uuid(EventHeads::RestaurantId).primary_key())
                    .col(big_integer(EventHeads::LastSeq).default(0))
                    .col(big_integer(EventHeads::DeliveredSeq).default(0))
                    .foreign_key(&mut cascade_to_restaurant(
                        EventHeads::Table,
                        EventHeads::RestaurantId,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Events::Table)
                    .if_not_exists()
                    .col(pk_uuid(Events::Id))
                    .col(uuid(Events::TenantId))
                    .col(big_integer(Events::Seq))
                    .col(string(Events::Kind))
                    .col(string(Events::Entity))
                    .col(string_null(Events::EntityId))
                    .col(uuid_null(Events::ActorAccountId))
                    .col(json_binary_null(Events::Payload))
                    .col(timestamp_with_time_zone(Events::CreatedAt))
                    .foreign_key(&mut cascade_to_restaurant(Events::Table, Events::TenantId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("events_in_sequence")
                    .table(Events::Table)
                    .col(Events::TenantId)
                    .col(Events::Seq)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        crate::policy::scope_to_tenant(manager, "events").await?;

        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .if_not_exists()
                    .col(pk_uuid(Notifications::Id))
                    .col(uuid(Notifications::TenantId))
                    .col(uuid(Notifications::MembershipId))
                    .col(big_integer(Notifications::Seq))
                    .col(string(Notifications::Kind))
                    .col(string(Notifications::Entity))
                    .col(string_null(Notifications::EntityId))
                    .col(string_null(Notifications::Actor))
                    .col(string_null(Notifications::Subject))
                    .col(text_null(Notifications::Text))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(&mut cascade_to_restaurant(
                        Notifications::Table,
                        Notifications::TenantId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::MembershipId)
                            .to(Memberships::Table, Memberships::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("notifications_of_member")
                    .table(Notifications::Table)
                    .col(Notifications::MembershipId)
                    .col(Notifications::Seq)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        crate::policy::scope_to_tenant(manager, "notifications").await?;

        manager
            .create_table(
                Table::create()
                    .table(TeamMessages::Table)
                    .if_not_exists()
                    .col(pk_uuid(TeamMessages::Id))
                    .col(uuid(TeamMessages::TenantId))
                    .col(uuid_null(TeamMessages::AuthorAccountId))
                    .col(text(TeamMessages::Text))
                    .col(string_null(TeamMessages::Role))
                    .col(uuid_null(TeamMessages::CustomRoleId))
                    .col(string_null(TeamMessages::IdempotencyKey))
                    .col(string_null(TeamMessages::RequestHash))
                    .col(timestamp_with_time_zone(TeamMessages::CreatedAt))
                    .foreign_key(&mut cascade_to_restaurant(
                        TeamMessages::Table,
                        TeamMessages::TenantId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("team_messages_in_order")
                    .table(TeamMessages::Table)
                    .col(TeamMessages::TenantId)
                    .col(TeamMessages::CreatedAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("team_messages_by_key")
                    .table(TeamMessages::Table)
                    .col(TeamMessages::TenantId)
                    .col(TeamMessages::IdempotencyKey)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        crate::policy::scope_to_tenant(manager, "team_messages").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "team_messages",
            "notifications",
            "events",
            "event_heads",
            "audit_heads",
        ] {
            manager
                .drop_table(
                    Table::drop()
                        .table(Alias::new(table))
                        .if_exists()
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("audit_log_chain")
                    .table(AuditLog::Table)
                    .to_owned(),
            )
            .await?;
        crate::columns::drop(manager, AuditLog::Table, AuditLog::Subject).await?;
        crate::columns::drop(manager, AuditLog::Table, AuditLog::ActorRole).await?;
        crate::columns::drop(manager, AuditLog::Table, AuditLog::ActorName).await?;
        crate::columns::drop(manager, AuditLog::Table, AuditLog::Hash).await?;
        crate::columns::drop(manager, AuditLog::Table, AuditLog::PrevHash).await?;
        crate::columns::drop(manager, AuditLog::Table, AuditLog::Seq).await
    }
}
