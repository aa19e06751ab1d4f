//! Roles: the six system roles with the restaurant's overrides (the owner's matrix)
//! and the restaurant's custom roles, with their codes.

pub mod http;
pub mod store;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(config: &mut ServiceConfig) {
    config
        .service(http::list_roles)
        .service(http::create_role)
        .service(http::update_role)
        .service(http::delete_role)
        .service(http::update_system_role)
        .service(http::reset_system_role);
}
