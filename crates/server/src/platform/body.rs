//! Request bodies judged after the permission: handlers that need a permission take
//! the body as raw JSON and read it into its type once the guard has let the caller
//! through, so a caller without the permission learns nothing about what the body
//! should look like. (Actix runs extractors concurrently, so a typed `Json<T>` could
//! refuse the body before the guard refuses the caller.)

use actix_web::web;
use brigade_domain::errors::ErrorCode;
use serde::de::DeserializeOwned;

use super::{ApiError, ApiResult};

/// Reads a JSON body into `T`; `400 malformed_body` naming what does not fit. Every
/// body of the API is an object: an array is refused, though serde would read a
/// struct's fields from one in order.
pub fn permitted_body<T: DeserializeOwned>(body: web::Json<serde_json::Value>) -> ApiResult<T> {
    let body = body.into_inner();
    if !body.is_object() {
        return Err(ApiError::with_detail(
            ErrorCode::MalformedBody,
            "the body must be a JSON object",
        ));
    }
    serde_json::from_value(body)
        .map_err(|cause| ApiError::with_detail(ErrorCode::MalformedBody, cause.to_string()))
}

/// Reads an upload's raw body (an image), refusing it with `too_large` as soon as its
/// declared length or the bytes received pass `max`.
pub async fn raw_body(
    request: &actix_web::HttpRequest,
    mut payload: web::Payload,
    max: usize,
    too_large: fn() -> ApiError,
) -> ApiResult<Vec<u8>> {
    use futures_util::StreamExt;
    let declared = request
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    if declared.is_some_and(|length| length > max) {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0).min(max));
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| too_large())?;
        if bytes.len() + chunk.len() > max {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}
