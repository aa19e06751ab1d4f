//! Integration tests: the real application on a random port over a fresh database,
//! driven over HTTP. Run on SQLite by default and on PostgreSQL with
//! `BRIGADE_TEST_DATABASE=postgres`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly
// Tests inspect the database and set scenes directly, across restaurants.
#![allow(clippy::disallowed_methods)]

mod app;
mod audit;
mod auth;
mod enforcement;
mod errors;
mod floor;
mod headers;
mod helpers;
mod invitations;
mod live;
mod mail;
mod menu;
mod onboarding;
mod operations;
mod permissions;
mod profile;
mod recovery;
mod replicas;
mod roles;
mod rollback;
mod service_grid;
mod settings;
mod stock;
mod sweep;
mod team;
mod tenancy;
mod throttling;
