//! sea-orm entities, one per table. They mirror the migrations crate and hold no
//! business logic: rules live in the domain crate and in the handlers that use them.

pub mod account;
pub mod audit_log;
pub mod custom_role;
pub mod login_attempt;
pub mod membership;
pub mod membership_role;
pub mod refresh_token;
pub mod restaurant;
pub mod role_override;
pub mod session;
pub mod venue;
