//! The typed client of Brigade's API, in three layers: [`transport`] sends a request
//! and turns error answers into [`ApiError`]; [`session`] keeps the tokens and
//! refreshes them; one module per slice of the server (`auth`, `me`, `team`, `roles`,
//! `audit`) offers its calls, with every address built in [`urls`]. Requests and
//! responses are the domain crate's wire types.

pub mod audit;
pub mod auth;
pub mod floor;
pub mod invitations;
pub mod live;
pub mod me;
pub mod menu;
pub mod onboarding;
pub mod roles;
pub mod service_grid;
pub mod session;
pub mod settings;
pub mod stock;
pub mod team;
pub mod transport;
pub mod urls;

pub use transport::ApiError;
