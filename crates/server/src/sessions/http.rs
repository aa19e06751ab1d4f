//! Login, refresh, logout and switching restaurants. Login opens a session (a family of
//! single-use refresh tokens); refresh rotates its token and detects reuse; logout
//! closes it; a switch closes it and opens one in another of the person's restaurants.
//! Each is audited in the same transaction as its change.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpRequest, HttpResponse};
use anyhow::Context;
use brigade_domain::api::{
    LoginRequest, Problem, RefreshRequest, SwitchRestaurantRequest, TokenResponse,
};
use brigade_domain::errors::ErrorCode;
use brigade_macros::endpoint;
use chrono::Utc;
use serde_json::json;

use super::{cookie, store, throttle};
use crate::access::{Public, SignedIn};
use crate::accounts::{password, store as accounts};
use crate::audit::{self, AuditRecord};
use crate::platform::body::permitted_body;
use crate::platform::{AccountTxn, ApiError, ApiResult, AppState, Tenant};
use crate::restaurants::store as restaurants;
use crate::team::store as team;

fn not_a_member() -> ApiError {
    ApiError::with_detail(
        ErrorCode::NotAMember,
        "this account has no active membership in that restaurant",
    )
}

/// Log in with an email and a password.
///
/// After 5 failed logins for one email from one client address, or 20 from one
/// address whatever the emails, within 15 minutes, further attempts from there get `429`
/// with `Retry-After` until the window moves on; the person still logs in from
/// elsewhere. From 10 failures for one email over every address, each attempt for it
/// waits a pause that doubles with every failure (at most a minute; `429` with
/// `Retry-After` meanwhile) unless it comes from an address the person logged in from
/// within 30 days, and the person's restaurants find
/// `auth.password_guessing_suspected` in their audit trail. A success clears the
/// failures from its own address.
#[endpoint]
#[utoipa::path(
    params(("X-Brigade-Session" = Option<String>, Header, description = "`cookie`: the browser app keeps its refresh token in the HttpOnly `brigade_refresh` cookie instead of the body")),
    tag = "auth",
    request_body = LoginRequest,
    security(()),
    responses(
        (status = 200, description = "Logged in", body = TokenResponse, headers(("Set-Cookie" = String, description = "With `X-Brigade-Session: cookie`: the refresh token as the HttpOnly `brigade_refresh` cookie"))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_credentials`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`not_a_member`: the account has no active membership (in that restaurant)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`, with `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    guest: Public,
    request: HttpRequest,
    body: web::Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let email = body.validate().map_err(ApiError::Validation)?;
    let client = guest.client_addr.unwrap_or_else(|| "unknown".into());
    let db = &state.db;
    let attempt = match throttle::begin(db, email.as_str(), &client)
        .await
        .context("counting a login attempt")?
    {
        Ok(attempt) => attempt,
        Err(retry_after_secs) => return Err(ApiError::TooManyAttempts { retry_after_secs }),
    };
    let found = accounts::by_email(db, email.as_str()).await?;
    let verified = password::verify(
        body.password.clone(),
        found.as_ref().map(|a| a.password_hash.clone()),
    )
    .await?;
    let account = match found {
        Some(account) if verified => account,
        found => {
            // The attempt already counts as a failure; only its audit entry remains.
            if let (Some(account), true) = (&found, attempt.alarm()) {
                alarm(db, account.id, email.as_str()).await?;
            }
            audit::record(
                db,
                AuditRecord {
                    actor_account_id: found.as_ref().map(|a| a.id),
                    action: "auth.login_failed",
                    entity: "account",
                    entity_id: found.as_ref().map(|a| a.id.to_string()),
                    after: Some(json!({ "email": email.as_str() })),
                    client_addr: Some(client),
                    ..AuditRecord::default()
                },
            )
            .await?;
            return Err(ApiError::Code(ErrorCode::InvalidCredentials, None));
        }
    };
    let txn = AccountTxn::write(db, account.id)
        .await
        .context("opening the login's transaction")?;
    // The password checked must still be the account's: a change committed meanwhile
    // wins, and one starting now waits for this login (and then ends its session).
    let current = accounts::locked(&txn, account.id, false).await?;
    if current.is_none_or(|now| now.password_hash != account.password_hash) {
        return Err(ApiError::Code(ErrorCode::InvalidCredentials, None));
    }
    let Some(member) = team::first_active_membership(&txn, body.restaurant_id).await? else {
        // The password was right: this attempt does not count as a failure.
        attempt
            .succeeded(&txn)
            .await
            .context("clearing the login attempts")?;
        txn.commit().await.context("committing the login")?;
        return Err(not_a_member());
    };
    let tenant = Tenant::new(member.tenant_id);
    txn.declare_tenant(tenant)
        .await
        .context("declaring the login's restaurant")?;
    // A deactivation under way goes first; one starting now waits and ends this session.
    restaurants::hold_access(&txn, tenant).await?;
    if team::first_active_membership(&txn, Some(tenant.id()))
        .await?
        .is_none()
    {
        return Err(not_a_member());
    }
    attempt
        .succeeded(&txn)
        .await
        .context("clearing the login attempts")?;
    let in_cookie = cookie::wanted(&request);
    let start = store::Start::now(in_cookie);
    let (session_id, tokens) = store::open(&txn, &state.keys, account.id, tenant, start).await?;
    audit::record(
        &txn,
        AuditRecord {
            tenant_id: Some(tenant.id()),
            actor_account_id: Some(account.id),
            action: "auth.login",
            entity: "session",
            entity_id: Some(session_id.to_string()),
            client_addr: Some(client),
            ..AuditRecord::default()
        },
    )
    .await?;
    txn.commit().await.context("committing the login")?;
    Ok(cookie::answer(
        &state.settings,
        StatusCode::OK,
        tokens,
        in_cookie,
    ))
}

/// Tells each of the person's restaurants, in its audit trail, that their email has
/// met [`throttle::SPREAD_THRESHOLD`] failed password checks in the window, whatever
/// the addresses: someone may be guessing it, and logins for it are now slowed down.
pub(crate) async fn alarm(
    db: &sea_orm::DatabaseConnection,
    account_id: uuid::Uuid,
    email: &str,
) -> ApiResult<()> {
    let txn = AccountTxn::write(db, account_id)
        .await
        .context("opening the alarm's transaction")?;
    for (member, _) in team::memberships_of(&txn).await? {
        let place = Tenant::new(member.tenant_id);
        txn.declare_tenant(place)
            .await
            .context("declaring one of the person's restaurants")?;
        audit::record(
            &txn,
            AuditRecord {
                tenant_id: Some(place.id()),
                action: "auth.password_guessing_suspected",
                entity: "membership",
                entity_id: Some(member.id.to_string()),
                after: Some(json!({
                    "email": email,
                    "failures": throttle::SPREAD_THRESHOLD,
                    "window_minutes": throttle::WINDOW_MINUTES,
                })),
                ..AuditRecord::default()
            },
        )
        .await?;
    }
    txn.commit().await.context("committing the alarm")?;
    Ok(())
}

/// The refresh token presented: the body's, else the cookie's (for a browser that
/// sent `X-Brigade-Session: cookie`).
fn presented(request: &HttpRequest, body: &RefreshRequest) -> Option<String> {
    body.refresh_token
        .clone()
        .or_else(|| cookie::presented(request))
}

fn invalid_refresh() -> ApiError {
    ApiError::Code(ErrorCode::InvalidRefreshToken, None)
}

/// A refresh token is at most 512 characters, as the document says.
fn bounded(body: &RefreshRequest) -> ApiResult<()> {
    if body
        .refresh_token
        .as_ref()
        .is_some_and(|token| token.chars().count() > 512)
    {
        return Err(ApiError::field(
            "refresh_token",
            "too_long",
            "refresh_token must be at most 512 characters",
        ));
    }
    Ok(())
}

/// Exchange a refresh token for new tokens.
///
/// Each refresh token works once. Presented again within 10 seconds, while the token
/// its refresh issued has not been used, it is taken for a retry after a lost response:
/// that unused token is revoked and a fresh pair issued (audited `auth.refresh_retried`).
/// Any other second use is taken as theft: the whole session is revoked and every token
/// issued from it stops working. A refresh token expires 14 days after it is issued
/// (the idle limit, `BRIGADE_SESSION_IDLE_SECS`), and no token outlives its session, 30
/// days from the login (`BRIGADE_SESSION_LIFETIME_SECS`).
#[endpoint]
#[utoipa::path(
    params(("X-Brigade-Session" = Option<String>, Header, description = "`cookie`: the browser app keeps its refresh token in the HttpOnly `brigade_refresh` cookie instead of the body"), ("brigade_refresh" = Option<String>, Cookie, description = "The refresh token, read when the body has none and `X-Brigade-Session: cookie` is sent")),
    tag = "auth",
    request_body = RefreshRequest,
    security(()),
    responses(
        (status = 200, description = "New tokens; the presented refresh token is spent", body = TokenResponse, headers(("Set-Cookie" = String, description = "With `X-Brigade-Session: cookie`: the refresh token as the HttpOnly `brigade_refresh` cookie"))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_refresh_token`: unknown, expired, reused or revoked", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: the refresh token is longer than any Brigade issues", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    guest: Public,
    request: HttpRequest,
    body: web::Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    bounded(&body)?;
    let db = &state.db;
    let presented = presented(&request, &body).ok_or_else(invalid_refresh)?;
    let token = store::refresh_token(db, &presented)
        .await?
        .ok_or_else(invalid_refresh)?;
    let account_id = token.account_id.ok_or_else(invalid_refresh)?;
    let txn = AccountTxn::write(db, account_id)
        .await
        .context("opening the refresh's transaction")?;
    let session = store::session(&txn, token.session_id)
        .await?
        .ok_or_else(invalid_refresh)?;
    let tenant = Tenant::new(session.tenant_id);
    txn.declare_tenant(tenant)
        .await
        .context("declaring the session's restaurant")?;
    let now = Utc::now();
    // Spend the token only if nobody spent it first. A second use within seconds whose
    // successor was never used is a retry after a lost response; any other is theft.
    let spent_now = store::spend(&txn, token.id, now).await?;
    let retried = !spent_now && store::retry(&txn, token.id, now).await?;
    if !(spent_now || retried) {
        if session.revoked_at.is_none() {
            store::revoke_session(&txn, session.id, "refresh_token_reuse").await?;
            restaurants::bump_access_version(&txn, tenant).await?;
            audit::record(
                &txn,
                AuditRecord {
                    tenant_id: Some(tenant.id()),
                    actor_account_id: Some(account_id),
                    action: "auth.refresh_token_reused",
                    entity: "session",
                    entity_id: Some(session.id.to_string()),
                    after: Some(json!({ "revoked": true })),
                    client_addr: guest.client_addr.clone(),
                    ..AuditRecord::default()
                },
            )
            .await?;
        }
        txn.commit().await.context("committing the reuse")?;
        return Err(invalid_refresh());
    }
    let session_over = store::ends_at(&state.keys, session.created_at)? <= now;
    if session.revoked_at.is_some() || token.expires_at <= now || session_over {
        return Err(invalid_refresh());
    }
    restaurants::hold_access(&txn, tenant).await?;
    if team::first_active_membership(&txn, Some(tenant.id()))
        .await?
        .is_none()
    {
        return Err(invalid_refresh());
    }
    let issued = store::issue_tokens(
        &txn,
        &state.keys,
        account_id,
        (session.id, session.created_at),
        tenant,
    )
    .await?;
    store::replaced(&txn, token.id, issued.refresh_token_id).await?;
    // A plain refresh changes nobody's access (the app refreshes on every page load):
    // the audit trail keeps the session's login, end, retries and thefts, not each turn.
    if retried {
        audit::record(
            &txn,
            AuditRecord {
                tenant_id: Some(tenant.id()),
                actor_account_id: Some(account_id),
                action: "auth.refresh_retried",
                entity: "session",
                entity_id: Some(session.id.to_string()),
                client_addr: guest.client_addr,
                ..AuditRecord::default()
            },
        )
        .await?;
    }
    txn.commit().await.context("committing the refresh")?;
    // A cookie session stays one, whatever this request asked.
    let in_cookie = session.refresh_in_cookie || cookie::wanted(&request);
    Ok(cookie::answer(
        &state.settings,
        StatusCode::OK,
        issued.tokens,
        in_cookie,
    ))
}

/// Log out: end the session the refresh token belongs to.
///
/// The refresh token and every access token of its session stop working. An unknown
/// token is accepted silently, as OAuth's revocation endpoint does.
#[endpoint]
#[utoipa::path(
    params(("X-Brigade-Session" = Option<String>, Header, description = "`cookie`: the browser app keeps its refresh token in the HttpOnly `brigade_refresh` cookie instead of the body"), ("brigade_refresh" = Option<String>, Cookie, description = "The refresh token, read when the body has none and `X-Brigade-Session: cookie` is sent")),
    tag = "auth",
    request_body = RefreshRequest,
    security(()),
    responses(
        (status = 204, description = "The session is closed"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: the refresh token is longer than any Brigade issues", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    guest: Public,
    request: HttpRequest,
    body: web::Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    bounded(&body)?;
    let db = &state.db;
    let done = || Ok(cookie::cleared(&request, &state.settings));
    let Some(presented) = presented(&request, &body) else {
        return done();
    };
    let Some(token) = store::refresh_token(db, &presented).await? else {
        return done();
    };
    let Some(account_id) = token.account_id else {
        return done();
    };
    let txn = AccountTxn::write(db, account_id)
        .await
        .context("opening the logout's transaction")?;
    let Some(session) = store::session(&txn, token.session_id).await? else {
        return done();
    };
    if session.revoked_at.is_none() {
        let tenant = Tenant::new(session.tenant_id);
        txn.declare_tenant(tenant)
            .await
            .context("declaring the session's restaurant")?;
        store::revoke_session(&txn, session.id, "logout").await?;
        restaurants::bump_access_version(&txn, tenant).await?;
        audit::record(
            &txn,
            AuditRecord {
                tenant_id: Some(tenant.id()),
                actor_account_id: Some(account_id),
                action: "auth.logout",
                entity: "session",
                entity_id: Some(session.id.to_string()),
                client_addr: guest.client_addr,
                ..AuditRecord::default()
            },
        )
        .await?;
        txn.commit().await.context("committing the logout")?;
    }
    done()
}

/// Act in another of the signed-in person's restaurants.
///
/// Needs a valid access token and no particular permission, and an active membership
/// in the chosen restaurant, another than the current one. Opens a session there and
/// returns its tokens; the current session ends (its refresh and access tokens stop
/// working). The new session continues the old one: it ends 30 days after the login,
/// and a cookie session's refresh token stays in its cookie. A restaurant the person
/// is not an active member of, and one that does not exist, get the same `403`.
#[endpoint]
#[utoipa::path(
    params(("X-Brigade-Session" = Option<String>, Header, description = "`cookie`: the browser app keeps its refresh token in the HttpOnly `brigade_refresh` cookie instead of the body")),
    tag = "auth",
    request_body = SwitchRestaurantRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Signed in to the chosen restaurant; the previous session is closed", body = TokenResponse, headers(("Set-Cookie" = String, description = "With `X-Brigade-Session: cookie`: the refresh token as the HttpOnly `brigade_refresh` cookie"))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`not_a_member`: no active membership in that restaurant", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `restaurant_id` is the restaurant this session acts in (`current_restaurant`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/switch")]
pub async fn switch_restaurant(
    state: web::Data<AppState>,
    caller: SignedIn,
    request: HttpRequest,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: SwitchRestaurantRequest = permitted_body(body)?;
    if body.restaurant_id == caller.tenant.id() {
        return Err(ApiError::field(
            "restaurant_id",
            "current_restaurant",
            "this session already acts in that restaurant",
        ));
    }
    let txn = AccountTxn::write(&state.db, caller.account_id)
        .await
        .context("opening the switch's transaction")?;
    // The new session continues this one: same login time, same way of keeping tokens.
    let current = store::session(&txn, caller.session_id)
        .await?
        .ok_or_else(|| ApiError::Code(ErrorCode::Unauthenticated, None))?;
    let mut start = store::Start::of(&current);
    start.in_cookie |= cookie::wanted(&request);
    let member = team::first_active_membership(&txn, Some(body.restaurant_id))
        .await?
        .ok_or_else(not_a_member)?;
    let target = Tenant::new(member.tenant_id);
    txn.declare_tenant(target)
        .await
        .context("declaring the restaurant switched to")?;
    restaurants::hold_access(&txn, target).await?;
    if team::first_active_membership(&txn, Some(target.id()))
        .await?
        .is_none()
    {
        return Err(not_a_member());
    }
    let (session_id, tokens) =
        store::open(&txn, &state.keys, caller.account_id, target, start).await?;
    store::revoke_session(&txn, caller.session_id, "switched_restaurant").await?;
    // The session left behind ended: the restaurant it was in must know.
    txn.declare_tenant(caller.tenant)
        .await
        .context("declaring the restaurant left")?;
    restaurants::bump_access_version(&txn, caller.tenant).await?;
    txn.declare_tenant(target)
        .await
        .context("declaring the restaurant switched to")?;
    audit::record(
        &txn,
        AuditRecord {
            tenant_id: Some(target.id()),
            actor_account_id: Some(caller.account_id),
            action: "auth.restaurant_switched",
            entity: "session",
            entity_id: Some(session_id.to_string()),
            after: Some(json!({ "from": caller.tenant.id(), "session_id": session_id })),
            client_addr: caller.client_addr.clone(),
            ..AuditRecord::default()
        },
    )
    .await?;
    txn.commit().await.context("committing the switch")?;
    Ok(cookie::answer(
        &state.settings,
        StatusCode::OK,
        tokens,
        start.in_cookie,
    ))
}
