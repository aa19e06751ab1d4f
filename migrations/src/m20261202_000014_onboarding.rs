//! The onboarding's progress (note 001 §A1), one row per restaurant (tenant-owned):
//! which of the five steps — establishment, tables, branding, menu, launch — are done,
//! so a person who leaves resumes where they stopped.

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
enum OnboardingProgress {
    Table,
    TenantId,
    Completed,
    FinishedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OnboardingProgress::Table)
                    .if_not_exists()
                    .col(pk_uuid(OnboardingProgress::TenantId))
                    .col(json_binary(OnboardingProgress::Completed))
                    .col(timestamp_with_time_zone_null(
                        OnboardingProgress::FinishedAt,
                    ))
                    .col(timestamp_with_time_zone(OnboardingProgress::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OnboardingProgress::Table, OnboardingProgress::TenantId)
                            .to(Restaurants::Table, Restaurants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        crate::policy::scope_to_tenant(manager, "onboarding_progress").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(OnboardingProgress::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}
