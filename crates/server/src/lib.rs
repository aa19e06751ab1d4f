//! Brigade's server: the actix-web application behind the `brigade` binary. `main.rs`
//! only reads settings and calls [`startup::Application`]; tests build the same
//! application on a random port.
//!
//! The code is organised by what the restaurant manages — one slice per module, each
//! with thin handlers (`http.rs`), a store (`store.rs`, the only code touching its
//! tables, through the `Tenant`) and its rules — on top of [`platform`], what every
//! slice shares. `docs/architecture.md` says how to add one.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod browser_app;
pub mod catalogue;
pub mod config;
pub mod demo;
pub mod entities;
pub mod floor;
pub mod invitations;
pub mod links;
pub mod live;
pub mod mail;
pub mod menu;
pub mod onboarding;
pub mod openapi;
pub mod operations;
pub mod platform;
pub mod restaurants;
pub mod roles;
pub mod routes;
pub mod service_grid;
pub mod sessions;
pub mod settings;
pub mod startup;
pub mod stock;
pub mod team;
pub mod telemetry;

#[cfg(test)]
mod architecture;
