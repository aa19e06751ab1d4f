//! Signing up and logging in: the calls a visitor makes, without a token.

use brigade_domain::api::{LoginRequest, SignupRequest, SwitchRestaurantRequest, TokenResponse};
use brigade_domain::invitations::{
    CompletePasswordResetRequest, PasswordResetRequest, VerifyEmailRequest,
};
use uuid::Uuid;

use super::session::send_json;
use super::transport::{send, to_json};
use super::{urls, ApiError};

pub async fn signup(request: &SignupRequest) -> Result<TokenResponse, ApiError> {
    send("POST", &urls::signup(), to_json(request).as_deref(), None)
        .await?
        .json()
}

pub async fn login(request: &LoginRequest) -> Result<TokenResponse, ApiError> {
    send("POST", &urls::login(), to_json(request).as_deref(), None)
        .await?
        .json()
}

/// Opens a session in another of the person's restaurants (the current one ends).
pub async fn switch_restaurant(restaurant_id: Uuid) -> Result<TokenResponse, ApiError> {
    let body = SwitchRestaurantRequest { restaurant_id };
    send_json("POST", &urls::switch_restaurant(), Some(&body)).await
}

/// Asks for a password reset link (the answer is the same for any email).
pub async fn request_password_reset(request: &PasswordResetRequest) -> Result<(), ApiError> {
    send(
        "POST",
        &urls::password_reset(),
        to_json(request).as_deref(),
        None,
    )
    .await?
    .into_result()
    .map(|_| ())
}

pub async fn complete_password_reset(
    request: &CompletePasswordResetRequest,
) -> Result<(), ApiError> {
    send(
        "POST",
        &urls::password_reset_complete(),
        to_json(request).as_deref(),
        None,
    )
    .await?
    .into_result()
    .map(|_| ())
}

pub async fn verify_email(token: &str, password: &str) -> Result<(), ApiError> {
    let body = VerifyEmailRequest {
        token: token.to_owned(),
        password: password.to_owned(),
    };
    send(
        "POST",
        &urls::verify_email(),
        to_json(&body).as_deref(),
        None,
    )
    .await?
    .into_result()
    .map(|_| ())
}
