//! The restaurant's settings (note 001 §A1's "Établissement"): name, address, language,
//! IANA time zone, ISO 4217 currency and the week's opening hours, which the guests'
//! pages, the business day, receipts and bookings depend on. Read with
//! `restaurant.view_settings`; changed with `restaurant.edit_settings`, the hours with
//! `restaurant.edit_opening_hours`; every change is audited with before and after.

pub mod http;
pub mod logo;
pub mod rules;
pub mod store;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(config: &mut ServiceConfig) {
    config
        .service(http::read_settings)
        .service(http::update_settings)
        .service(http::replace_opening_hours)
        .service(http::upload_logo)
        .service(http::delete_logo);
}

/// The logos, public, at the root.
pub fn public_routes(config: &mut ServiceConfig) {
    config.service(http::serve_logo);
}
