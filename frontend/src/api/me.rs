//! The signed-in person: `/me`, renaming themselves, changing their password.

use brigade_domain::api::{ChangePasswordRequest, Me, UpdateProfileRequest};

use super::session::{get, send_json, send_only};
use super::{urls, ApiError};

pub async fn me() -> Result<Me, ApiError> {
    get(&urls::me()).await
}

pub async fn update_profile(request: &UpdateProfileRequest) -> Result<Me, ApiError> {
    send_json("PATCH", &urls::me(), Some(request)).await
}

pub async fn change_password(request: &ChangePasswordRequest) -> Result<(), ApiError> {
    send_only("POST", &urls::my_password(), Some(request)).await
}
