//! A person's own account: `/me`, renaming it and changing its password. Accounts are
//! global (one person may belong to several restaurants); [`password`] hashes and
//! checks their passwords.

pub mod http;
pub mod password;
pub mod store;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(config: &mut ServiceConfig) {
    config
        .service(http::me)
        .service(http::update_profile)
        .service(http::change_password);
}
