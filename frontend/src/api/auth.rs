//! Signing up and logging in: the calls a visitor makes, without a token.

use brigade_domain::api::{LoginRequest, SignupRequest, SwitchRestaurantRequest, TokenResponse};
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
