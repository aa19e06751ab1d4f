//! Tenant isolation below the application: PostgreSQL's row-level security is the
//! second line behind the `Tenant`. A query that forgets its `tenant_id` filter sees
//! every restaurant on SQLite (the `Tenant` is the only line there), and only the
//! declared restaurant on PostgreSQL.

use brigade_server::platform::Tenant;
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use uuid::Uuid;

use crate::helpers::{spawn_app, APP_ROLE};

/// The restaurants a raw query without any `tenant_id` filter returns rows of.
async fn tenants_seen_by_an_unfiltered_query(txn: &impl ConnectionTrait, table: &str) -> Vec<Uuid> {
    let rows = txn
        .query_all(Statement::from_string(
            txn.get_database_backend(),
            format!("SELECT DISTINCT tenant_id FROM {table}"),
        ))
        .await
        .unwrap();
    let mut seen: Vec<Uuid> = rows
        .iter()
        .map(|row| row.try_get::<Uuid>("", "tenant_id").unwrap())
        .collect();
    seen.sort();
    seen
}

#[tokio::test]
async fn a_query_that_forgets_the_tenant_sees_only_its_restaurant_on_postgresql() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    let txn = Tenant::new(ana.restaurant_id)
        .read(&app.app_db)
        .await
        .unwrap();
    for table in ["memberships", "sessions", "venues", "audit_log"] {
        let seen = tenants_seen_by_an_unfiltered_query(&txn, table).await;
        match app.app_db.get_database_backend() {
            DatabaseBackend::Postgres => {
                assert_eq!(seen, vec![ana.restaurant_id], "{table}");
            }
            _ => {
                let mut both = vec![ana.restaurant_id, bruno.restaurant_id];
                both.sort();
                assert_eq!(seen, both, "{table}: SQLite has no second line");
            }
        }
    }
}

#[tokio::test]
async fn a_transaction_that_declares_no_restaurant_sees_no_tenant_rows_on_postgresql() {
    let app = spawn_app().await;
    app.signup("Chez Ana").await;
    if app.app_db.get_database_backend() != DatabaseBackend::Postgres {
        return; // nothing below the application on SQLite
    }
    let rows = app
        .app_db
        .query_all(Statement::from_string(
            DatabaseBackend::Postgres,
            "SELECT id FROM memberships",
        ))
        .await
        .unwrap();
    assert!(
        rows.is_empty(),
        "memberships are invisible without a declared restaurant"
    );
    let written = app
        .app_db
        .execute(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "INSERT INTO venues (id, tenant_id, name, table_count, created_at) VALUES ($1, $2, 'x', 1, now())",
            [Uuid::new_v4().into(), Uuid::new_v4().into()],
        ))
        .await;
    assert!(
        written.is_err(),
        "a row of no declared restaurant is refused"
    );
}

#[tokio::test]
async fn every_table_with_a_tenant_is_under_a_forced_policy_on_postgresql() {
    let app = spawn_app().await;
    if app.db.get_database_backend() != DatabaseBackend::Postgres {
        return; // row-level security is PostgreSQL's
    }
    let rows = app
        .db
        .query_all(Statement::from_string(
            DatabaseBackend::Postgres,
            "SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced, \
                    (SELECT count(*) FROM pg_policies p WHERE p.tablename = c.relname) AS policies \
             FROM pg_class c \
             WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace \
               AND (c.relname = 'restaurants' OR EXISTS (SELECT 1 FROM information_schema.columns i \
                    WHERE i.table_schema = 'public' AND i.table_name = c.relname AND i.column_name = 'tenant_id')) \
             ORDER BY c.relname",
        ))
        .await
        .unwrap();
    let tables: Vec<String> = rows
        .iter()
        .map(|row| row.try_get::<String>("", "name").unwrap())
        .collect();
    assert!(tables.len() >= 8, "{tables:?}");
    assert!(tables.contains(&"restaurants".to_owned()));
    for row in &rows {
        let name: String = row.try_get("", "name").unwrap();
        assert!(
            row.try_get::<bool>("", "enabled").unwrap(),
            "{name}: RLS enabled"
        );
        assert!(
            row.try_get::<bool>("", "forced").unwrap(),
            "{name}: RLS forced on the owner"
        );
        assert!(
            row.try_get::<i64>("", "policies").unwrap() >= 1,
            "{name}: a policy"
        );
    }
}

#[tokio::test]
async fn the_application_connects_as_a_role_row_security_applies_to() {
    let app = spawn_app().await;
    if app.app_db.get_database_backend() != DatabaseBackend::Postgres {
        return; // roles are PostgreSQL's
    }
    let row = app
        .app_db
        .query_one(Statement::from_string(
            DatabaseBackend::Postgres,
            "SELECT current_user AS name, rolsuper AS superuser, rolbypassrls AS bypasses \
             FROM pg_roles WHERE rolname = current_user",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<String>("", "name").unwrap(), APP_ROLE);
    assert!(!row.try_get::<bool>("", "superuser").unwrap());
    assert!(!row.try_get::<bool>("", "bypasses").unwrap());
}

/// Runs one raw statement in a transaction scoped to `account` only.
async fn as_person(
    app: &crate::helpers::TestApp,
    account: Uuid,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> Result<u64, sea_orm::DbErr> {
    let txn = brigade_server::platform::AccountTxn::write(&app.app_db, account)
        .await
        .unwrap();
    let outcome = txn
        .execute(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            sql,
            values,
        ))
        .await
        .map(|done| done.rows_affected());
    if outcome.is_ok() {
        txn.commit().await.unwrap();
    }
    outcome
}

#[tokio::test]
async fn a_persons_own_scope_reads_their_rows_but_writes_nothing_but_revocations_on_postgresql() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    if app.app_db.get_database_backend() != DatabaseBackend::Postgres {
        return; // row-level security is PostgreSQL's
    }
    let seen = as_person(&app, ana.account_id, "SELECT id FROM memberships", vec![]).await;
    assert!(seen.is_ok());
    let joined = as_person(
        &app,
        ana.account_id,
        "INSERT INTO memberships (id, tenant_id, account_id, role, permission_overrides, active, created_at, updated_at) \
         VALUES ($1, $2, $3, 'owner', '{}', true, now(), now())",
        vec![Uuid::new_v4().into(), bruno.restaurant_id.into(), ana.account_id.into()],
    )
    .await;
    assert!(
        joined.is_err(),
        "nobody joins a restaurant through their own scope"
    );
    let promoted = as_person(
        &app,
        ana.account_id,
        "UPDATE memberships SET role = 'owner' WHERE account_id = $1",
        vec![ana.account_id.into()],
    )
    .await;
    assert_eq!(
        promoted.unwrap(),
        0,
        "memberships are read-only in one's own scope"
    );
    let ended = as_person(
        &app,
        ana.account_id,
        "UPDATE sessions SET revoked_at = now(), revoked_reason = 'test' WHERE account_id = $1",
        vec![ana.account_id.into()],
    )
    .await;
    assert_eq!(ended.unwrap(), 1, "a person ends their own sessions");
    let reopened = as_person(
        &app,
        ana.account_id,
        "UPDATE sessions SET revoked_at = NULL WHERE account_id = $1",
        vec![ana.account_id.into()],
    )
    .await;
    assert!(
        reopened.is_err(),
        "nobody reopens an ended session through their own scope"
    );
}

#[tokio::test]
async fn the_versions_every_request_reads_outside_row_security_are_two_counters_and_nothing_else() {
    let app = spawn_app().await;
    let backend = app.db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "SELECT column_name AS name FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name = 'restaurant_versions' ORDER BY column_name"
        }
        _ => "SELECT name FROM pragma_table_info('restaurant_versions') ORDER BY name",
    };
    let columns: Vec<String> = app
        .db
        .query_all(Statement::from_string(backend, sql))
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get::<String>("", "name").unwrap())
        .collect();
    assert_eq!(columns, ["access", "restaurant_id", "team"]);
}
