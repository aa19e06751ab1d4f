//! The settings' endpoints: read them, change them, replace the week's opening hours.
//! A change takes the settings' turn, is audited with before and after in its
//! transaction, and forgets the guests' pages (they show the name, in the language).

use actix_web::http::header;
use actix_web::{delete, get, patch, put, web, HttpRequest, HttpResponse};
use anyhow::Context;
use brigade_domain::api::Problem;
use brigade_domain::permissions::needs;
use brigade_domain::settings::LOGO_MAX_BYTES;
use brigade_domain::settings::{OpeningHours, Range, RestaurantSettings, UpdateSettingsRequest};
use brigade_macros::endpoint;
use uuid::Uuid;

use super::store::{self, SettingsRow};
use super::{logo, rules};
use crate::access::{Authorized, Public};
use crate::audit::{self, AuditRecord};
use crate::platform::body::{permitted_body, raw_body};
use crate::platform::{ApiError, ApiResult, AppState, TenantTxn};

fn wire(row: SettingsRow, restaurant: Uuid, hours: &[Range]) -> RestaurantSettings {
    RestaurantSettings {
        logo_url: row
            .logo
            .as_deref()
            .map(|file| super::logo::url(restaurant, file)),
        brand_color: row.brand_color,
        currency_exponent: rules::currency_exponent(&row.currency).unwrap_or(2),
        name: row.name,
        address: row.address,
        language: row.language,
        time_zone: row.time_zone,
        currency: row.currency,
        opening_hours: hours.iter().map(|range| range.wire()).collect(),
    }
}

async fn current(txn: &TenantTxn) -> ApiResult<RestaurantSettings> {
    let row = store::settings(txn).await?;
    let hours = store::opening_hours(txn).await?;
    Ok(wire(row, txn.tenant().id(), &hours))
}

/// The restaurant's settings and its week's opening hours.
#[endpoint]
#[utoipa::path(
    tag = "settings",
    responses((status = 200, description = "The settings", body = RestaurantSettings))
)]
#[get("/restaurant/settings")]
pub async fn read_settings(
    state: web::Data<AppState>,
    caller: Authorized<needs::RESTAURANT_VIEW_SETTINGS>,
) -> ApiResult<web::Json<RestaurantSettings>> {
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the settings")?;
    let now = current(&txn).await?;
    txn.commit().await.context("ending the settings")?;
    Ok(web::Json(now))
}

/// Changes the name, address, language, time zone or currency; what is absent stays.
#[endpoint]
#[utoipa::path(
    tag = "settings",
    request_body = UpdateSettingsRequest,
    responses(
        (status = 200, description = "The settings now", body = RestaurantSettings),
        (status = 422, description = "`validation_failed`: a field is invalid (`unknown_time_zone`, `unknown_currency`, `invalid_language`, `too_long`…)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/restaurant/settings")]
pub async fn update_settings(
    state: web::Data<AppState>,
    caller: Authorized<needs::RESTAURANT_EDIT_SETTINGS>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<RestaurantSettings>> {
    let body: UpdateSettingsRequest = permitted_body(body)?;
    let change = body.validate().map_err(ApiError::Validation)?;
    let mut unknown = Vec::new();
    if change
        .time_zone
        .as_deref()
        .is_some_and(|zone| !rules::known_time_zone(zone))
    {
        unknown.push(rules::unknown_time_zone());
    }
    if change
        .currency
        .as_deref()
        .is_some_and(|code| rules::currency_exponent(code).is_none())
    {
        unknown.push(rules::unknown_currency());
    }
    if !unknown.is_empty() {
        return Err(ApiError::Validation(unknown));
    }
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let before = store::settings(&txn).await?;
    let after = before.changed(&change);
    if after != before {
        store::update(&txn, &after).await?;
        audit::record(
            &txn,
            AuditRecord {
                before: Some(before.snapshot()),
                after: Some(after.snapshot()),
                ..caller.audit(
                    "restaurant.settings_updated",
                    "restaurant",
                    caller.tenant.id(),
                )
            },
        )
        .await?;
    }
    let now = current(&txn).await?;
    let restaurant = txn.tenant().id();
    txn.commit().await.context("committing the settings")?;
    state.guests.forget(restaurant);
    Ok(web::Json(now))
}

/// Replaces the week's opening hours: several ranges a day, a range past midnight
/// allowed (`19:00`–`02:00` ends the next day), none overlapping another.
#[endpoint]
#[utoipa::path(
    tag = "settings",
    request_body = OpeningHours,
    responses(
        (status = 200, description = "The settings now, with the new hours", body = RestaurantSettings),
        (status = 422, description = "`validation_failed`: a time is not `HH:MM` (`invalid_time`), two ranges overlap (`overlapping_ranges`), or a day has more than four (`too_many_ranges`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/restaurant/opening-hours")]
pub async fn replace_opening_hours(
    state: web::Data<AppState>,
    caller: Authorized<needs::RESTAURANT_EDIT_OPENING_HOURS>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<RestaurantSettings>> {
    let body: OpeningHours = permitted_body(body)?;
    let ranges = body.validate().map_err(ApiError::Validation)?;
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let before = store::opening_hours(&txn).await?;
    if before != ranges {
        store::replace_opening_hours(&txn, &ranges).await?;
        audit::record(
            &txn,
            AuditRecord {
                before: Some(store::hours_snapshot(&before)),
                after: Some(store::hours_snapshot(&ranges)),
                ..caller.audit(
                    "restaurant.opening_hours_updated",
                    "restaurant",
                    caller.tenant.id(),
                )
            },
        )
        .await?;
    }
    let now = current(&txn).await?;
    txn.commit().await.context("committing the opening hours")?;
    Ok(web::Json(now))
}

/// Replaces the logo with the image sent as the body (PNG, JPEG or WebP, at most
/// 512 KiB and 4096 pixels a side). Its address changes with its content.
#[endpoint]
#[utoipa::path(
    tag = "settings",
    request_body(content = Vec<u8>, description = "The image", content_type = "image/png"),
    responses(
        (status = 200, description = "The settings now, with the new `logo_url`", body = RestaurantSettings),
        (status = 413, description = "`payload_too_large`: over 512 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "`unsupported_media_type`: not sent as image/png, image/jpeg or image/webp", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: the bytes are not the image the type says, or it is too wide (`invalid_image`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/restaurant/logo")]
pub async fn upload_logo(
    request: HttpRequest,
    state: web::Data<AppState>,
    caller: Authorized<needs::RESTAURANT_EDIT_SETTINGS>,
    payload: web::Payload,
) -> ApiResult<web::Json<RestaurantSettings>> {
    let bytes = raw_body(&request, payload, LOGO_MAX_BYTES, logo::too_large).await?;
    let declared = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    let file = logo::check(declared, &bytes)?;
    let restaurant = caller.tenant.id();
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    // The files change under the settings' turn too, so a removal or another upload
    // running at the same moment never deletes the file the row ends up naming.
    logo::store(&state.settings.data_dir, restaurant, &file, &bytes).await?;
    let before = store::settings(&txn).await?;
    let after = SettingsRow {
        logo: Some(file.clone()),
        ..before.clone()
    };
    if after != before {
        store::update(&txn, &after).await?;
        audit::record(
            &txn,
            AuditRecord {
                before: Some(before.snapshot()),
                after: Some(after.snapshot()),
                ..caller.audit("restaurant.logo_changed", "restaurant", restaurant)
            },
        )
        .await?;
    }
    let now = current(&txn).await?;
    if let Some(old) = before.logo.filter(|old| *old != file) {
        logo::forget(&state.settings.data_dir, restaurant, &old).await;
    }
    txn.commit().await.context("committing the logo")?;
    state.guests.forget(restaurant);
    Ok(web::Json(now))
}

/// Removes the logo.
#[endpoint]
#[utoipa::path(
    tag = "settings",
    responses((status = 200, description = "The settings now, without a logo", body = RestaurantSettings))
)]
#[delete("/restaurant/logo")]
pub async fn delete_logo(
    state: web::Data<AppState>,
    caller: Authorized<needs::RESTAURANT_EDIT_SETTINGS>,
) -> ApiResult<web::Json<RestaurantSettings>> {
    let restaurant = caller.tenant.id();
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let before = store::settings(&txn).await?;
    let after = SettingsRow {
        logo: None,
        ..before.clone()
    };
    if after != before {
        store::update(&txn, &after).await?;
        audit::record(
            &txn,
            AuditRecord {
                before: Some(before.snapshot()),
                after: Some(after.snapshot()),
                ..caller.audit("restaurant.logo_removed", "restaurant", restaurant)
            },
        )
        .await?;
    }
    let now = current(&txn).await?;
    // Under the settings' turn, like an upload (see there).
    if let Some(old) = before.logo {
        logo::forget(&state.settings.data_dir, restaurant, &old).await;
    }
    txn.commit()
        .await
        .context("committing the logo's removal")?;
    state.guests.forget(restaurant);
    Ok(web::Json(now))
}

/// A restaurant's logo, for the guests' pages and the app: public, cached for good
/// (a new logo has a new address).
#[endpoint]
#[utoipa::path(
    tag = "guests",
    params(
        ("restaurant" = Uuid, Path, description = "The restaurant"),
        ("file" = String, Path, description = "The logo's name, as `logo_url` gives it"),
    ),
    responses(
        (status = 200, description = "The image", content_type = "image/png"),
        (status = 404, description = "`not_found`: no such logo", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/logos/{restaurant}/{file}")]
pub async fn serve_logo(
    request: HttpRequest,
    state: web::Data<AppState>,
    _guest: Public,
    path: web::Path<(Uuid, String)>,
) -> ApiResult<HttpResponse> {
    let (restaurant, file) = path.into_inner();
    let found = logo::path(&state.settings.data_dir, restaurant, &file)
        .zip(logo::media_type_of(&file))
        .ok_or_else(ApiError::not_found)?;
    let (path, media_type) = found;
    let opened = actix_files::NamedFile::open_async(&path)
        .await
        .map_err(|_| ApiError::not_found())?
        .disable_content_disposition()
        .use_etag(true);
    let mut response = opened.into_response(&request);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static(media_type),
    );
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
