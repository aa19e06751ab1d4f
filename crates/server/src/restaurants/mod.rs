//! Restaurants: signing one up with its venue and its owner. (The floor, its zones and
//! tables, will grow here.)

pub mod http;
pub mod store;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(config: &mut ServiceConfig) {
    config.service(http::signup);
}
