//! The team: who belongs to the restaurant, with which roles, whether active; adding,
//! changing, deactivating and removing members, their personal overrides and "why can
//! they?", and the transfer of ownership.

pub mod http;
pub mod rules;
pub mod store;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(config: &mut ServiceConfig) {
    config
        .service(http::list_members)
        .service(http::get_member)
        .service(http::create_member)
        .service(http::update_member)
        .service(http::deactivate_member)
        .service(http::reactivate_member)
        .service(http::remove_member)
        .service(http::member_permissions)
        .service(http::replace_overrides)
        .service(http::reset_member_password)
        .service(http::transfer_ownership);
}
