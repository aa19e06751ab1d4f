//! The service grid: a day's services and who serves where.

use brigade_domain::service_grid::{ReplaceServiceRequest, Service, ServiceDay};

use super::session::{get, send_json};
use super::{urls, ApiError};

/// The services of `date` (`YYYY-MM-DD`), or of today where the restaurant is.
pub async fn day(date: Option<String>) -> Result<ServiceDay, ApiError> {
    get(&urls::service_grid(date.as_deref())).await
}

pub async fn replace(request: &ReplaceServiceRequest) -> Result<Service, ApiError> {
    send_json("PUT", &urls::service_grid(None), Some(request)).await
}
