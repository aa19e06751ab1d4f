//! Row-level security for a new tenant-owned table, the way the RLS migration set it
//! for the first ones: enabled, forced, and scoped to the transaction's declared
//! restaurant (`brigade_tenant()`). Only on PostgreSQL; applying it twice is harmless.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

pub async fn scope_to_tenant(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    let db = manager.get_connection();
    for statement in [
        format!("ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"),
        format!("ALTER TABLE {table} FORCE ROW LEVEL SECURITY"),
        format!("DROP POLICY IF EXISTS brigade_scope ON {table}"),
        format!(
            "CREATE POLICY brigade_scope ON {table} USING (tenant_id = brigade_tenant()) \
             WITH CHECK (tenant_id = brigade_tenant())"
        ),
    ] {
        db.execute_unprepared(&statement).await?;
    }
    Ok(())
}
