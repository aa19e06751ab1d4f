//! The app's pages, one module each.

mod audit;
mod auth;
mod dashboard;
mod errors;
mod establishment;
mod floor;
mod links;
mod matrix;
mod member;
mod menu;
mod onboarding;
mod profile;
mod roles;
mod service;
mod stock;
mod team;

pub use audit::AuditPage;
pub use auth::{LoginPage, SignupPage};
pub use dashboard::DashboardPage;
pub use errors::NotFoundPage;
pub use establishment::EstablishmentPage;
pub use floor::{QrCodesPage, TablesPage};
pub use links::{AcceptInvitePage, ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage};
pub use matrix::MatrixPage;
pub use member::MemberPage;
pub use menu::MenuPage;
pub use onboarding::OnboardingPage;
pub use profile::ProfilePage;
pub use roles::RolesPage;
pub use service::ServicePage;
pub use stock::StockPage;
pub use team::TeamPage;
