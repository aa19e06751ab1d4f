//! The HTTP routes, registered through `utoipa_actix_web` so the OpenAPI document is
//! built from the very routes the server serves and cannot drift from them.

pub mod audit;
pub mod auth;
pub mod catalogue;
pub mod health;
pub mod me;
pub mod members;

use utoipa_actix_web::service_config::ServiceConfig;

/// Operators' probes, at the root.
pub fn operations(config: &mut ServiceConfig) {
    config.service(health::health).service(health::ready);
}

/// The versioned API, mounted under `/api/v1`.
pub fn api_v1(config: &mut ServiceConfig) {
    config
        .service(auth::signup)
        .service(auth::login)
        .service(auth::refresh)
        .service(auth::logout)
        .service(auth::switch_restaurant)
        .service(me::me)
        .service(me::update_profile)
        .service(me::change_password)
        .service(catalogue::list_permissions)
        .service(catalogue::list_roles)
        .service(members::list_members)
        .service(members::get_member)
        .service(audit::list_audit);
}
