//! The service grid (note 001's `ServiceManager`): who serves which zones and tables
//! during each service of a day. The services are the day's opening ranges; whoever
//! holds `tables.manage` (the owner and admins by default) gives members their places,
//! anyone with `tables.view` reads them (and sees the whole team only with
//! `staff.view`). A service's places are replaced as a whole, under the floor's turn;
//! a place whose member is away or whose table is out of service is hidden and kept.

pub mod http;
pub mod rules;
pub mod store;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(config: &mut ServiceConfig) {
    config
        .service(http::service_day)
        .service(http::replace_service);
}
