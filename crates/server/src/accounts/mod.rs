//! A person's own account: `/me`, renaming it, changing its password, proving its
//! email, leaving a restaurant, and recovering it with a reset link ([`recovery`]). Accounts are
//! global (one person may belong to several restaurants); [`password`] hashes and
//! checks their passwords.

pub mod http;
pub mod password;
pub mod recovery;
pub mod store;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(config: &mut ServiceConfig) {
    config
        .service(http::me)
        .service(http::update_profile)
        .service(http::change_password)
        .service(http::send_verification)
        .service(http::leave_restaurant)
        .service(http::request_password_reset)
        .service(http::complete_password_reset)
        .service(http::verify_email);
}
