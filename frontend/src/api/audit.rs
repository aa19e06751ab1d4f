//! The activity log: its pages, its CSV export and its chain check.

use brigade_domain::api::AuditPage;
use brigade_domain::live::ChainCheck;

use super::session::{get, get_text};
use super::{urls, ApiError};

pub async fn page(offset: u64, query: &str) -> Result<AuditPage, ApiError> {
    get(&urls::audit(offset, query)).await
}

/// The filtered entries as CSV.
pub async fn export(query: &str) -> Result<String, ApiError> {
    get_text(&urls::audit_export(query)).await
}

pub async fn verify() -> Result<ChainCheck, ApiError> {
    get(&urls::audit_verify()).await
}
