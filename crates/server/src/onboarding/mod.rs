//! The onboarding (note 001 §A1): five steps — establishment, tables, branding, menu,
//! launch — with the progress kept per restaurant, and the tables step's "configure
//! later": one zone "Salle principale" (`SAL`) with as many tables as sign-up said.
//! (The complete and minimum configurations are the floor's own calls: zones with
//! named tables, or with a number of tables.)

pub mod http;
pub mod store;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(config: &mut ServiceConfig) {
    config
        .service(http::progress)
        .service(http::complete_step)
        .service(http::tables_later);
}
