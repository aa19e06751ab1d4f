//! Sessions: logging in (throttled), refreshing, logging out and switching restaurants.
//! A session is one person's login in one restaurant; its refresh tokens are single-use
//! and its access tokens short-lived JWTs ([`tokens`]).

pub mod cookie;
pub mod http;
pub mod store;
pub mod throttle;
pub mod tokens;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(config: &mut ServiceConfig) {
    config
        .service(http::login)
        .service(http::refresh)
        .service(http::logout)
        .service(http::switch_restaurant);
}
