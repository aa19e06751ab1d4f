//! The HTTP routes, registered through `utoipa_actix_web` so the OpenAPI document is
//! built from the very routes the server serves and cannot drift from them.

pub mod audit;
pub mod auth;
pub mod catalogue;
pub mod health;
pub mod me;
pub mod members;
pub mod roles;
pub mod team;

use actix_web::web;
use brigade_domain::errors::ErrorCode;
use serde::de::DeserializeOwned;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::{ApiError, ApiResult};

/// Reads a JSON body into `T` once the handler has checked the caller's permission, so
/// a caller without it is refused before the shape of what they sent is judged.
pub(crate) fn permitted_body<T: DeserializeOwned>(
    body: web::Json<serde_json::Value>,
) -> ApiResult<T> {
    serde_json::from_value(body.into_inner())
        .map_err(|cause| ApiError::with_detail(ErrorCode::MalformedBody, cause.to_string()))
}

/// Operators' probes, at the root.
pub fn operations(config: &mut ServiceConfig) {
    config.service(health::health).service(health::ready);
}

/// The versioned API, mounted under `/api/v1`.
pub fn api_v1(config: &mut ServiceConfig) {
    config
        .service(auth::signup)
        .service(auth::login)
        .service(auth::refresh)
        .service(auth::logout)
        .service(auth::switch_restaurant)
        .service(me::me)
        .service(me::update_profile)
        .service(me::change_password)
        .service(catalogue::list_permissions)
        .service(catalogue::list_roles)
        .service(members::list_members)
        .service(members::get_member)
        .service(team::create_member)
        .service(team::update_member)
        .service(team::deactivate_member)
        .service(team::reactivate_member)
        .service(team::remove_member)
        .service(team::member_permissions)
        .service(team::replace_overrides)
        .service(team::transfer_ownership)
        .service(roles::create_role)
        .service(roles::update_role)
        .service(roles::delete_role)
        .service(roles::update_system_role)
        .service(roles::reset_system_role)
        .service(audit::list_audit);
}
