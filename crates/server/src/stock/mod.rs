//! The stock (note 000 §4, note 001 `inventory.*`): which items are tracked, how many
//! are left, and the ledger of every change — restock, recount, sale, return, waste —
//! with who, when and why. Quantities move only by conditional updates, so they hold
//! under parallel sales across processes; crossing an item's threshold, reaching zero
//! and coming back are each announced once, live. Its rules (the movements, the
//! crossings) are in `brigade_domain::stock`.

pub mod http;
pub mod store;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(config: &mut ServiceConfig) {
    config
        .service(http::list_items)
        .service(http::configure_item)
        .service(http::list_movements)
        .service(http::record_movement);
}
