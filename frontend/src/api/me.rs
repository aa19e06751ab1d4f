//! The signed-in person: `/me`, renaming themselves, changing their password.

use brigade_domain::api::{ChangePasswordRequest, Me, UpdateProfileRequest};
use brigade_domain::invitations::VerificationRequest;
use uuid::Uuid;

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

/// Sends a link proving the person's email (`false`: it is already proven).
pub async fn send_verification(request: &VerificationRequest) -> Result<(), ApiError> {
    send_only("POST", &urls::my_verification(), Some(request)).await
}

pub async fn leave_restaurant(id: Uuid) -> Result<(), ApiError> {
    send_only("DELETE", &urls::my_restaurant(id), None::<&()>).await
}
