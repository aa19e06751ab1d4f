//! The activity log.

use brigade_domain::api::AuditPage;

use super::session::get;
use super::{urls, ApiError};

pub async fn page(offset: u64) -> Result<AuditPage, ApiError> {
    get(&urls::audit(offset)).await
}
