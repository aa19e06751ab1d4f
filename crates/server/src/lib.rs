//! Brigade's server: the actix-web application behind the `brigade` binary. `main.rs`
//! only reads settings and calls [`startup::Application`]; tests build the same
//! application on a random port.

pub mod access;
pub mod app;
pub mod audit;
pub mod auth;
pub mod config;
pub mod demo;
pub mod entities;
pub mod error;
pub mod openapi;
pub mod routes;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod tenant;
