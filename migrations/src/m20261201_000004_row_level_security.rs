//! Row-level security on PostgreSQL, the second line of tenant isolation (the first is
//! the server's `Tenant`, which scopes every query it builds). Each transaction declares
//! the restaurant and/or the person it acts for (`brigade.tenant_id`,
//! `brigade.account_id`, transaction-local settings); a row of a tenant-owned table is
//! visible and writable only in its restaurant's transactions. A person's own
//! memberships and sessions are also visible in their transactions (login, `/me`), and
//! their sessions may be revoked there (a password change ends them everywhere), but
//! nothing else is written through a person's scope. `FORCE` applies the policies to the tables' owner too,
//! which is the role Brigade connects as; only a superuser or a `BYPASSRLS` role escapes
//! them, and Brigade warns at start-up when it runs as one. SQLite has no row-level
//! security: there the `Tenant` is the only line.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables whose rows belong to one restaurant, by `tenant_id`.
const TENANT_TABLES: &[&str] = &[
    "venues",
    "custom_roles",
    "membership_roles",
    "role_overrides",
];
/// Tables whose rows belong to one restaurant and one person.
const TENANT_AND_ACCOUNT_TABLES: &[&str] = &["memberships", "sessions"];
/// Every policy this migration creates.
const POLICIES: &[&str] = &[
    "brigade_scope",
    "brigade_own_rows",
    "brigade_own_revocation",
];

fn policies() -> Vec<String> {
    let mut statements = vec![
        "CREATE OR REPLACE FUNCTION brigade_tenant() RETURNS uuid LANGUAGE sql STABLE \
         AS $$ SELECT NULLIF(current_setting('brigade.tenant_id', true), '')::uuid $$"
            .to_owned(),
        "CREATE OR REPLACE FUNCTION brigade_account() RETURNS uuid LANGUAGE sql STABLE \
         AS $$ SELECT NULLIF(current_setting('brigade.account_id', true), '')::uuid $$"
            .to_owned(),
    ];
    let mut protect = |table: &str, using: &str, check: &str| {
        statements.push(format!("ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"));
        statements.push(format!("ALTER TABLE {table} FORCE ROW LEVEL SECURITY"));
        for policy in POLICIES {
            statements.push(format!("DROP POLICY IF EXISTS {policy} ON {table}"));
        }
        statements.push(format!(
            "CREATE POLICY brigade_scope ON {table} USING ({using}) WITH CHECK ({check})"
        ));
    };
    for table in TENANT_TABLES {
        protect(
            table,
            "tenant_id = brigade_tenant()",
            "tenant_id = brigade_tenant()",
        );
    }
    for table in TENANT_AND_ACCOUNT_TABLES {
        protect(
            table,
            "tenant_id = brigade_tenant()",
            "tenant_id = brigade_tenant()",
        );
    }
    // Entries outside any restaurant (a failed login) are written, never read back.
    protect(
        "audit_log",
        "tenant_id = brigade_tenant()",
        "tenant_id IS NULL OR tenant_id = brigade_tenant()",
    );
    // A restaurant is its own tenant; a person also sees the restaurants they belong to.
    protect(
        "restaurants",
        "id = brigade_tenant() OR id IN (SELECT tenant_id FROM memberships WHERE account_id = brigade_account())",
        "id = brigade_tenant()",
    );
    // A person reads their own memberships and sessions across restaurants…
    for table in TENANT_AND_ACCOUNT_TABLES {
        statements.push(format!(
            "CREATE POLICY brigade_own_rows ON {table} FOR SELECT USING (account_id = brigade_account())"
        ));
    }
    // …and may end their own sessions anywhere, never reopen one.
    statements.push(
        "CREATE POLICY brigade_own_revocation ON sessions FOR UPDATE \
         USING (account_id = brigade_account()) \
         WITH CHECK (account_id = brigade_account() AND revoked_at IS NOT NULL)"
            .to_owned(),
    );
    statements
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        for statement in policies() {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        let tables = TENANT_TABLES
            .iter()
            .chain(TENANT_AND_ACCOUNT_TABLES)
            .chain(&["audit_log", "restaurants"]);
        for table in tables {
            for policy in POLICIES {
                db.execute_unprepared(&format!("DROP POLICY IF EXISTS {policy} ON {table}"))
                    .await?;
            }
            db.execute_unprepared(&format!("ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY"))
                .await?;
            db.execute_unprepared(&format!("ALTER TABLE {table} DISABLE ROW LEVEL SECURITY"))
                .await?;
        }
        db.execute_unprepared("DROP FUNCTION IF EXISTS brigade_tenant()")
            .await?;
        db.execute_unprepared("DROP FUNCTION IF EXISTS brigade_account()")
            .await
            .map(|_| ())
    }
}
