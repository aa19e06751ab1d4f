//! The one list of what the server serves: each slice registers its own routes, through
//! `utoipa_actix_web`, so the OpenAPI document is built from the very routes served.

use utoipa_actix_web::service_config::ServiceConfig;

use crate::{
    accounts, audit, catalogue, floor, invitations, live, menu, onboarding, operations,
    restaurants, roles, service_grid, sessions, settings, stock, team,
};

/// Operators' probes, at the root.
pub fn operations(config: &mut ServiceConfig) {
    operations::routes(config);
}

/// Guests' pages (a table's QR code), at the root.
pub fn guests(config: &mut ServiceConfig) {
    floor::guest_routes(config);
    settings::public_routes(config);
    menu::public_routes(config);
}

/// The versioned API, mounted under `/api/v1`.
pub fn api_v1(config: &mut ServiceConfig) {
    restaurants::routes(config);
    sessions::routes(config);
    accounts::routes(config);
    catalogue::routes(config);
    roles::routes(config);
    team::routes(config);
    invitations::routes(config);
    floor::routes(config);
    service_grid::routes(config);
    onboarding::routes(config);
    settings::routes(config);
    audit::routes(config);
    live::routes(config);
    menu::routes(config);
    stock::routes(config);
}
