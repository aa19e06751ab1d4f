//! The foundation: accounts, restaurants and their venue, memberships and roles,
//! sessions with their refresh tokens, login throttling and the audit trail.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Restaurants {
    Table,
    Id,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Venues {
    Table,
    Id,
    TenantId,
    Name,
    TableCount,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    Id,
    TenantId,
    AccountId,
    Role,
    PermissionOverrides,
    Active,
    LastActivityAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CustomRoles {
    Table,
    Id,
    TenantId,
    Name,
    Description,
    Color,
    Permissions,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MembershipRoles {
    Table,
    Id,
    TenantId,
    MembershipId,
    SystemRole,
    CustomRoleId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RoleOverrides {
    Table,
    Id,
    TenantId,
    Role,
    Permissions,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    AccountId,
    TenantId,
    CreatedAt,
    RevokedAt,
    RevokedReason,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    SessionId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LoginAttempts {
    Table,
    Id,
    Scope,
    Key,
    AttemptedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    TenantId,
    ActorAccountId,
    Action,
    Entity,
    EntityId,
    Before,
    After,
    ClientAddr,
    CreatedAt,
}

fn tenant_fk<T: IntoIden + 'static>(table: T, column: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Restaurants::Table, Restaurants::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .if_not_exists()
                    .col(pk_uuid(Accounts::Id))
                    .col(string_len_uniq(Accounts::Email, 254))
                    .col(string_len(Accounts::Name, 100))
                    .col(text(Accounts::PasswordHash))
                    .col(timestamp_with_time_zone(Accounts::CreatedAt))
                    .col(timestamp_with_time_zone(Accounts::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Restaurants::Table)
                    .if_not_exists()
                    .col(pk_uuid(Restaurants::Id))
                    .col(string_len(Restaurants::Name, 120))
                    .col(timestamp_with_time_zone(Restaurants::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Venues::Table)
                    .if_not_exists()
                    .col(pk_uuid(Venues::Id))
                    .col(uuid(Venues::TenantId))
                    .col(string_len(Venues::Name, 120))
                    .col(integer(Venues::TableCount))
                    .col(timestamp_with_time_zone(Venues::CreatedAt))
                    .foreign_key(&mut tenant_fk(Venues::Table, Venues::TenantId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Memberships::Table)
                    .if_not_exists()
                    .col(pk_uuid(Memberships::Id))
                    .col(uuid(Memberships::TenantId))
                    .col(uuid(Memberships::AccountId))
                    .col(string_len(Memberships::Role, 20))
                    .col(json_binary(Memberships::PermissionOverrides))
                    .col(boolean(Memberships::Active))
                    .col(timestamp_with_time_zone_null(Memberships::LastActivityAt))
                    .col(timestamp_with_time_zone(Memberships::CreatedAt))
                    .col(timestamp_with_time_zone(Memberships::UpdatedAt))
                    .foreign_key(&mut tenant_fk(Memberships::Table, Memberships::TenantId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Memberships::Table, Memberships::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("memberships_tenant_account")
                    .table(Memberships::Table)
                    .col(Memberships::TenantId)
                    .col(Memberships::AccountId)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("memberships_account")
                    .table(Memberships::Table)
                    .col(Memberships::AccountId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CustomRoles::Table)
                    .if_not_exists()
                    .col(pk_uuid(CustomRoles::Id))
                    .col(uuid(CustomRoles::TenantId))
                    .col(string_len(CustomRoles::Name, 60))
                    .col(string_len(CustomRoles::Description, 300))
                    .col(string_len(CustomRoles::Color, 7))
                    .col(json_binary(CustomRoles::Permissions))
                    .col(timestamp_with_time_zone(CustomRoles::CreatedAt))
                    .col(timestamp_with_time_zone(CustomRoles::UpdatedAt))
                    .foreign_key(&mut tenant_fk(CustomRoles::Table, CustomRoles::TenantId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("custom_roles_tenant_name")
                    .table(CustomRoles::Table)
                    .col(CustomRoles::TenantId)
                    .col(CustomRoles::Name)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MembershipRoles::Table)
                    .if_not_exists()
                    .col(pk_uuid(MembershipRoles::Id))
                    .col(uuid(MembershipRoles::TenantId))
                    .col(uuid(MembershipRoles::MembershipId))
                    .col(string_len_null(MembershipRoles::SystemRole, 20))
                    .col(uuid_null(MembershipRoles::CustomRoleId))
                    .col(timestamp_with_time_zone(MembershipRoles::CreatedAt))
                    .foreign_key(&mut tenant_fk(
                        MembershipRoles::Table,
                        MembershipRoles::TenantId,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MembershipRoles::Table, MembershipRoles::MembershipId)
                            .to(Memberships::Table, Memberships::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MembershipRoles::Table, MembershipRoles::CustomRoleId)
                            .to(CustomRoles::Table, CustomRoles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("membership_roles_membership")
                    .table(MembershipRoles::Table)
                    .col(MembershipRoles::MembershipId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RoleOverrides::Table)
                    .if_not_exists()
                    .col(pk_uuid(RoleOverrides::Id))
                    .col(uuid(RoleOverrides::TenantId))
                    .col(string_len(RoleOverrides::Role, 20))
                    .col(json_binary(RoleOverrides::Permissions))
                    .col(timestamp_with_time_zone(RoleOverrides::UpdatedAt))
                    .col(uuid_null(RoleOverrides::UpdatedBy))
                    .foreign_key(&mut tenant_fk(
                        RoleOverrides::Table,
                        RoleOverrides::TenantId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("role_overrides_tenant_role")
                    .table(RoleOverrides::Table)
                    .col(RoleOverrides::TenantId)
                    .col(RoleOverrides::Role)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .if_not_exists()
                    .col(pk_uuid(Sessions::Id))
                    .col(uuid(Sessions::AccountId))
                    .col(uuid(Sessions::TenantId))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone_null(Sessions::RevokedAt))
                    .col(string_len_null(Sessions::RevokedReason, 40))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut tenant_fk(Sessions::Table, Sessions::TenantId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RefreshTokens::Table)
                    .if_not_exists()
                    .col(pk_uuid(RefreshTokens::Id))
                    .col(uuid(RefreshTokens::SessionId))
                    .col(string_len_uniq(RefreshTokens::TokenHash, 64))
                    .col(timestamp_with_time_zone(RefreshTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(RefreshTokens::UsedAt))
                    .col(timestamp_with_time_zone(RefreshTokens::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RefreshTokens::Table, RefreshTokens::SessionId)
                            .to(Sessions::Table, Sessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginAttempts::Table)
                    .if_not_exists()
                    .col(pk_uuid(LoginAttempts::Id))
                    .col(string_len(LoginAttempts::Scope, 10))
                    .col(string_len(LoginAttempts::Key, 254))
                    .col(timestamp_with_time_zone(LoginAttempts::AttemptedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("login_attempts_scope_key_time")
                    .table(LoginAttempts::Table)
                    .col(LoginAttempts::Scope)
                    .col(LoginAttempts::Key)
                    .col(LoginAttempts::AttemptedAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(pk_uuid(AuditLog::Id))
                    .col(uuid_null(AuditLog::TenantId))
                    .col(uuid_null(AuditLog::ActorAccountId))
                    .col(string_len(AuditLog::Action, 60))
                    .col(string_len(AuditLog::Entity, 40))
                    .col(string_len_null(AuditLog::EntityId, 64))
                    .col(json_binary_null(AuditLog::Before))
                    .col(json_binary_null(AuditLog::After))
                    .col(string_len_null(AuditLog::ClientAddr, 64))
                    .col(timestamp_with_time_zone(AuditLog::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("audit_log_tenant_time")
                    .table(AuditLog::Table)
                    .col(AuditLog::TenantId)
                    .col(AuditLog::CreatedAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            LoginAttempts::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
            RoleOverrides::Table.into_iden(),
            MembershipRoles::Table.into_iden(),
            CustomRoles::Table.into_iden(),
            Memberships::Table.into_iden(),
            Venues::Table.into_iden(),
            Restaurants::Table.into_iden(),
            Accounts::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
