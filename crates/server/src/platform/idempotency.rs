//! The `Idempotency-Key` header of creating endpoints: a retry with the same key
//! answers what the first request did, and creates nothing more. Each slice keeps the
//! key on the rows it created (unique per restaurant) and looks it up inside its
//! writing transaction, after the turn that orders such changes.

use actix_web::HttpRequest;
use sha2::{Digest, Sha256};

use super::ApiError;

/// The request's idempotency key: any value a client sends, kept as is up to 100
/// characters and as its SHA-256 beyond (or when it is not plain text); a blank one is
/// no key.
pub fn key(request: &HttpRequest) -> Option<String> {
    let value = request.headers().get("idempotency-key")?;
    match value.to_str().map(str::trim) {
        Ok("") => None,
        Ok(key) if key.len() <= 100 => Some(key.to_owned()),
        _ => Some(format!(
            "sha256:{}",
            hex::encode(Sha256::digest(value.as_bytes()))
        )),
    }
}

/// What identifies a request for its key: the SHA-256 of its validated body.
pub fn fingerprint(request: &impl serde::Serialize) -> String {
    hex::encode(Sha256::digest(
        serde_json::to_vec(request).unwrap_or_default(),
    ))
}

/// The problem of a key sent again with a different request.
pub fn reused() -> ApiError {
    ApiError::field(
        "Idempotency-Key",
        "reused",
        "this key was used for a different request",
    )
}
