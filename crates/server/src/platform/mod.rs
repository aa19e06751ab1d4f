//! What every slice shares: tenant scoping and transactions ([`tenant`]), the error
//! type and problem documents ([`error`]), reading a body once the caller is allowed
//! ([`body`]), the client's address ([`client`]), the security headers ([`headers`]),
//! idempotency keys ([`idempotency`]) and the application state.

pub mod body;
pub mod client;
pub mod clock;
pub mod error;
pub mod headers;
pub mod idempotency;
pub mod sql;
pub mod state;
pub mod stored;
pub mod tenant;

pub use error::{ApiError, ApiResult};
pub use state::AppState;
pub use tenant::{AccountTxn, Tenant, TenantTxn};
