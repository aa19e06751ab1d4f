//! Signing a restaurant up: the restaurant, its venue, its owner's account and owner
//! membership and the owner's first session, in one transaction with its audit entry.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpRequest, HttpResponse};
use anyhow::Context;
use brigade_domain::api::{Problem, SignupRequest, TokenResponse};
use brigade_domain::errors::ErrorCode;
use brigade_domain::permissions::SystemRole;
use brigade_macros::endpoint;
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::store;
use crate::access::Public;
use crate::accounts::{password, recovery, store as accounts};
use crate::audit::{self, AuditRecord};
use crate::platform::{ApiError, ApiResult, AppState, Tenant};
use crate::sessions::cookie;
use crate::sessions::store as sessions;
use crate::sessions::throttle::{self, Flood};
use crate::team::store::{self as team, NewPerson};

fn email_taken() -> ApiError {
    ApiError::Code(ErrorCode::EmailTaken, None)
}

/// Create a restaurant with its owner.
///
/// Creates the restaurant, its venue, the owner's account and owner membership, and
/// returns tokens for the owner. An email that already has an account cannot sign up
/// again: that person logs in instead. One client address signs up at most 10
/// restaurants an hour (`BRIGADE_SIGNUP_LIMIT`).
#[endpoint]
#[utoipa::path(
    params(("X-Brigade-Session" = Option<String>, Header, description = "`cookie`: the browser app keeps its refresh token in the HttpOnly `brigade_refresh` cookie instead of the body")),
    tag = "auth",
    request_body = SignupRequest,
    security(()),
    responses(
        (status = 201, description = "The restaurant exists and the owner is logged in", body = TokenResponse, headers(("Set-Cookie" = String, description = "With `X-Brigade-Session: cookie`: the refresh token as the HttpOnly `brigade_refresh` cookie"))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`email_taken`: this email already has an account", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`, with per-field `errors`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`: too many sign-ups from this address in the last hour, with `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/auth/signup")]
pub async fn signup(
    state: web::Data<AppState>,
    guest: Public,
    request: HttpRequest,
    body: web::Json<SignupRequest>,
) -> ApiResult<HttpResponse> {
    let valid = body.validate().map_err(ApiError::Validation)?;
    let db = &state.db;
    let client = guest
        .client_addr
        .clone()
        .unwrap_or_else(|| "unknown".into());
    if let Err(retry_after_secs) =
        throttle::flood(db, Flood::Signup, &client, state.settings.signup_limit)
            .await
            .context("counting a sign-up")?
    {
        return Err(ApiError::TooManyAttempts { retry_after_secs });
    }
    // Spares the slow hash for an email already known; the unique index decides.
    if accounts::by_email(db, valid.email.as_str())
        .await?
        .is_some()
    {
        return Err(email_taken());
    }
    let password_hash = password::hash(valid.password.expose().to_owned()).await?;
    let tenant = Tenant::new(Uuid::new_v4());
    let txn = tenant
        .write(db)
        .await
        .context("opening the sign-up's transaction")?;
    let venue_id = store::create(
        &txn,
        valid.restaurant_name.as_str(),
        crate::mail::language(body.language),
        valid.table_count.get(),
    )
    .await?;
    let owner = team::add_person(
        &txn,
        NewPerson {
            email: valid.email.as_str(),
            name: valid.owner_name.as_str(),
            password_hash,
            must_change_password: false,
            role: SystemRole::Owner,
            last_activity_at: Some(Utc::now()),
        },
    )
    .await?
    .ok_or_else(email_taken)?;
    // The owner proves their email with the link this sends.
    recovery::post_verification_link(
        &state,
        &txn,
        owner.account_id,
        valid.email.as_str(),
        crate::mail::language(body.language),
    )
    .await?;
    let in_cookie = cookie::wanted(&request);
    let start = sessions::Start::now(in_cookie);
    let (session_id, tokens) =
        sessions::open(&txn, &state.keys, owner.account_id, tenant, start).await?;
    audit::record(
        &txn,
        AuditRecord {
            tenant_id: Some(tenant.id()),
            actor_account_id: Some(owner.account_id),
            action: "restaurant.signup",
            entity: "restaurant",
            entity_id: Some(tenant.id().to_string()),
            after: Some(json!({
                "restaurant": { "id": tenant.id(), "name": valid.restaurant_name.as_str() },
                "venue": { "id": venue_id, "table_count": valid.table_count.get() },
                "owner": {
                    "account_id": owner.account_id,
                    "membership_id": owner.membership_id,
                    "email": valid.email.as_str(),
                    "name": valid.owner_name.as_str(),
                },
                "session_id": session_id,
            })),
            client_addr: guest.client_addr,
            ..AuditRecord::default()
        },
    )
    .await?;
    txn.commit().await.context("committing the sign-up")?;
    state.mail.wake();
    Ok(cookie::answer(
        &state.settings,
        StatusCode::CREATED,
        tokens,
        in_cookie,
    ))
}
