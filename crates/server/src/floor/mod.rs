//! The floor (note 001 §A): a restaurant's venue has zones ("Intérieur", prefix `INT`),
//! a zone has tables numbered `INT-1`, `INT-2`… for good — a number never changes and is
//! never given twice, so a printed QR code never points at another table. Each table
//! has a QR code for guests' phones, opening a small page the server renders.

pub mod guest;
pub mod http;
pub mod qr;
pub mod rules;
pub mod store;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(config: &mut ServiceConfig) {
    config
        .service(http::list_zones)
        .service(http::propose_prefix)
        .service(http::create_zone)
        .service(http::reorder_zones)
        .service(http::update_zone)
        .service(http::delete_zone)
        .service(http::qr_sheet)
        .service(http::list_tables)
        .service(http::add_tables)
        .service(http::update_table)
        .service(http::delete_table)
        .service(http::table_qr)
        .service(http::rotate_qr);
}

/// The guests' pages, at the root.
pub fn guest_routes(config: &mut ServiceConfig) {
    config.service(http::guest_table);
}
