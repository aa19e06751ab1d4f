//! The audit trail: every change with its actor, before and after. Slices write it
//! through [`store::record`] in the transaction of their change; `GET /audit` reads it.
//! Members refused again and again are written into it too ([`refusals`]).

pub mod chain;
pub mod http;
pub mod names;
pub mod refusals;
pub mod store;

pub use store::{record, AuditRecord};

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(config: &mut ServiceConfig) {
    config
        .service(http::export_audit)
        .service(http::verify_audit)
        .service(http::list_audit);
}
