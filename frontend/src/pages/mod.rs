//! The app's pages, one module each.

mod audit;
mod auth;
mod dashboard;
mod errors;
mod profile;
mod team;

pub use audit::AuditPage;
pub use auth::{LoginPage, SignupPage};
pub use dashboard::DashboardPage;
pub use errors::{NotAllowed, NotFoundPage};
pub use profile::ProfilePage;
pub use team::TeamPage;
