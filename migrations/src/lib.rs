//! Brigade's schema as sea-orm migrations. The same migrations run on SQLite and on
//! PostgreSQL; the server applies them at start-up, and applying them twice is harmless.

// Schema code runs raw statements by design; the server's scoping rules (clippy.toml)
// are for application code.
#![allow(clippy::disallowed_methods)]

pub use sea_orm_migration::prelude::*;

mod columns;
mod m20261122_000001_foundation;
mod m20261122_000002_first_login_password;
mod m20261201_000003_refresh_token_account;
mod m20261201_000004_row_level_security;
mod m20261201_000005_access_version;
mod m20261201_000006_restaurant_versions;
mod m20261201_000007_one_owner_and_fixed_audit;
mod m20261201_000008_refresh_token_successor;
mod m20261201_000009_display_names_and_unproven_emails;
mod m20261201_000010_session_start_and_cookie;
mod m20261201_000011_normal_emails;
mod m20261202_000012_invitations_and_mail;
mod m20261202_000013_floor;
mod m20261202_000014_onboarding;
mod m20261202_000015_restaurant_settings;
mod m20261203_000016_service_grid;
mod m20261204_000017_live_and_chain;
mod m20261204_000018_menu_and_stock;
mod policy;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_foundation::Migration),
            Box::new(m20261122_000002_first_login_password::Migration),
            Box::new(m20261201_000003_refresh_token_account::Migration),
            Box::new(m20261201_000004_row_level_security::Migration),
            Box::new(m20261201_000005_access_version::Migration),
            Box::new(m20261201_000006_restaurant_versions::Migration),
            Box::new(m20261201_000007_one_owner_and_fixed_audit::Migration),
            Box::new(m20261201_000008_refresh_token_successor::Migration),
            Box::new(m20261201_000009_display_names_and_unproven_emails::Migration),
            Box::new(m20261201_000010_session_start_and_cookie::Migration),
            Box::new(m20261201_000011_normal_emails::Migration),
            Box::new(m20261202_000012_invitations_and_mail::Migration),
            Box::new(m20261202_000013_floor::Migration),
            Box::new(m20261202_000014_onboarding::Migration),
            Box::new(m20261202_000015_restaurant_settings::Migration),
            Box::new(m20261203_000016_service_grid::Migration),
            Box::new(m20261204_000017_live_and_chain::Migration),
            Box::new(m20261204_000018_menu_and_stock::Migration),
        ]
    }
}
