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
