//! Two guarantees the database keeps whatever the application does:
//!
//! - **One owner per restaurant.** A unique partial index on `memberships (tenant_id)`
//!   for the rows whose role is `owner`: two ownership transfers committing at once
//!   cannot leave two owners, whichever order the application runs them in.
//! - **An audit trail that only grows.** A trigger refuses every `UPDATE` and `DELETE`
//!   on `audit_log`, for the application's role and any other: an entry, once
//!   committed with its change, stays as it was written.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const ONE_OWNER: &str =
    "CREATE UNIQUE INDEX IF NOT EXISTS memberships_one_owner ON memberships (tenant_id) \
     WHERE role = 'owner'";

const POSTGRES_FIXED_AUDIT: &[&str] = &[
    "CREATE OR REPLACE FUNCTION brigade_audit_is_fixed() RETURNS trigger \
     LANGUAGE plpgsql AS $$ BEGIN \
     RAISE EXCEPTION 'audit entries cannot be changed or removed' USING ERRCODE = '42501'; \
     END $$",
    "DROP TRIGGER IF EXISTS audit_log_is_fixed ON audit_log",
    "CREATE TRIGGER audit_log_is_fixed BEFORE UPDATE OR DELETE ON audit_log \
     FOR EACH ROW EXECUTE FUNCTION brigade_audit_is_fixed()",
    // TRUNCATE skips row triggers: it gets a statement trigger of its own.
    "DROP TRIGGER IF EXISTS audit_log_is_not_truncated ON audit_log",
    "CREATE TRIGGER audit_log_is_not_truncated BEFORE TRUNCATE ON audit_log \
     FOR EACH STATEMENT EXECUTE FUNCTION brigade_audit_is_fixed()",
];

const SQLITE_FIXED_AUDIT: &[&str] = &[
    "CREATE TRIGGER IF NOT EXISTS audit_log_is_not_updated BEFORE UPDATE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed or removed'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_is_not_deleted BEFORE DELETE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed or removed'); END",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(ONE_OWNER).await?;
        let fixed = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_FIXED_AUDIT,
            _ => SQLITE_FIXED_AUDIT,
        };
        for statement in fixed {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements: &[&str] = match manager.get_database_backend() {
            DatabaseBackend::Postgres => &[
                "DROP TRIGGER IF EXISTS audit_log_is_not_truncated ON audit_log",
                "DROP TRIGGER IF EXISTS audit_log_is_fixed ON audit_log",
                "DROP FUNCTION IF EXISTS brigade_audit_is_fixed()",
            ],
            _ => &[
                "DROP TRIGGER IF EXISTS audit_log_is_not_updated",
                "DROP TRIGGER IF EXISTS audit_log_is_not_deleted",
            ],
        };
        for statement in statements {
            db.execute_unprepared(statement).await?;
        }
        db.execute_unprepared("DROP INDEX IF EXISTS memberships_one_owner")
            .await
            .map(|_| ())
    }
}
