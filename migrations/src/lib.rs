//! Brigade's schema as sea-orm migrations. The same migrations run on SQLite and on
//! PostgreSQL; the server applies them at start-up, and applying them twice is harmless.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_foundation;
mod m20261122_000002_first_login_password;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_foundation::Migration),
            Box::new(m20261122_000002_first_login_password::Migration),
        ]
    }
}
