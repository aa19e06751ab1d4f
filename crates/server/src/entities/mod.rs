//! sea-orm entities, one per table. They mirror the migrations crate and hold no
//! business logic. Each declares its scope once (tenant-owned, account-owned or global:
//! see `platform::tenant`); only the slices' stores use them. They are public so that
//! tests can inspect the database.

pub mod account;
pub mod audit_log;
pub mod custom_role;
pub mod dining_table;
pub mod event;
pub mod event_head;
pub mod invitation;
pub mod login_attempt;
pub mod mail_message;
pub mod membership;
pub mod membership_role;
pub mod menu_category;
pub mod menu_product;
pub mod menu_setting;
pub mod menu_variant;
pub mod notification;
pub mod onboarding_progress;
pub mod one_time_token;
pub mod opening_hour;
pub mod refresh_token;
pub mod restaurant;
pub mod restaurant_version;
pub mod role_override;
pub mod service_assignment;
pub mod session;
pub mod stock_movement;
pub mod table_number;
pub mod team_message;
pub mod venue;
pub mod zone;
