//! Each restaurant's versions, in `restaurant_versions`: its access version, which
//! every change to who may do what there (members, roles, overrides, the matrix,
//! ownership, ended sessions) increments in the same transaction, and its team version,
//! which every change to what its team list shows increments (the same changes, a
//! renamed person, a member's last activity). Changes of access take turns behind the
//! first (the increment locks the restaurant's row here), and a replica that remembers
//! a caller's permissions or the team list knows from them, on the next request, that
//! it must read them again.
//!
//! They replace `restaurants.access_version` (the previous migration), whose values
//! they take. Every request reads these two counters first, so they are a table of their own,
//! outside row-level security: a plain read by primary key, with no restaurant to
//! declare first. They say nothing about a restaurant but how often it changed, and
//! nothing else is ever kept here (a test holds the table to its three columns).

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RestaurantVersions {
    Table,
    RestaurantId,
    Access,
    Team,
}

#[derive(DeriveIden)]
enum Restaurants {
    Table,
    Id,
    AccessVersion,
}

/// Moves the team version of every restaurant a person belongs to (their name shows in
/// each one's team list). The person's memberships are read in their own scope, which
/// the function declares for its statement and then restores.
const TEAM_OF_ACCOUNT_FUNCTION: &str =
    "CREATE OR REPLACE FUNCTION brigade_touch_teams_of(person uuid) \
     RETURNS void LANGUAGE plpgsql AS $$ \
     DECLARE who text := current_setting('brigade.account_id', true); \
     BEGIN \
     PERFORM set_config('brigade.account_id', person::text, true); \
     UPDATE restaurant_versions SET team = team + 1 \
       WHERE restaurant_id IN (SELECT tenant_id FROM memberships WHERE account_id = person); \
     PERFORM set_config('brigade.account_id', coalesce(who, ''), true); \
     END $$";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RestaurantVersions::Table)
                    .if_not_exists()
                    .col(uuid(RestaurantVersions::RestaurantId).primary_key())
                    .col(big_integer(RestaurantVersions::Access).default(0))
                    .col(big_integer(RestaurantVersions::Team).default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RestaurantVersions::Table, RestaurantVersions::RestaurantId)
                            .to(Restaurants::Table, Restaurants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == DatabaseBackend::Postgres;
        // The restaurants that exist already get their versions. On PostgreSQL the
        // owner sees every restaurant only while the policies are not forced on it.
        if postgres {
            db.execute_unprepared("ALTER TABLE restaurants NO FORCE ROW LEVEL SECURITY")
                .await?;
        }
        let carried = manager.has_column("restaurants", "access_version").await?;
        db.execute_unprepared(&format!(
            "INSERT INTO restaurant_versions (restaurant_id, access) \
             SELECT id, {} FROM restaurants \
             WHERE id NOT IN (SELECT restaurant_id FROM restaurant_versions)",
            if carried { "access_version" } else { "0" }
        ))
        .await?;
        if postgres {
            db.execute_unprepared("ALTER TABLE restaurants FORCE ROW LEVEL SECURITY")
                .await?;
            db.execute_unprepared(TEAM_OF_ACCOUNT_FUNCTION).await?;
        }
        if carried {
            manager
                .alter_table(
                    Table::alter()
                        .table(Restaurants::Table)
                        .drop_column(Restaurants::AccessVersion)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS brigade_touch_teams_of(uuid)")
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Restaurants::Table)
                    .add_column(big_integer(Restaurants::AccessVersion).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(RestaurantVersions::Table).to_owned())
            .await
    }
}
