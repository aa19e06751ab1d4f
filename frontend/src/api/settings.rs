//! The restaurant's settings and opening hours.

use brigade_domain::settings::{OpeningHours, RestaurantSettings, UpdateSettingsRequest};

use super::session::{get, send_json, upload};
use super::{urls, ApiError};

pub async fn settings() -> Result<RestaurantSettings, ApiError> {
    get(&urls::settings()).await
}

pub async fn update(request: &UpdateSettingsRequest) -> Result<RestaurantSettings, ApiError> {
    send_json("PATCH", &urls::settings(), Some(request)).await
}

pub async fn replace_hours(request: &OpeningHours) -> Result<RestaurantSettings, ApiError> {
    send_json("PUT", &urls::opening_hours(), Some(request)).await
}

pub async fn upload_logo(file: &web_sys::File) -> Result<RestaurantSettings, ApiError> {
    upload("PUT", &urls::logo(), file).await
}

pub async fn delete_logo() -> Result<RestaurantSettings, ApiError> {
    send_json("DELETE", &urls::logo(), None::<&()>).await
}
