//! Sign-up, login, refresh, logout and switching restaurants. Sign-up and login open a
//! session (a family of single-use refresh tokens); refresh rotates its token and
//! detects reuse; logout closes it; a switch closes it and opens one in another of the
//! person's restaurants. Each is audited in the same transaction as its change.

use actix_web::{post, web, HttpRequest, HttpResponse};
use brigade_domain::api::{
    LoginRequest, Problem, RefreshRequest, SignupRequest, SwitchRestaurantRequest, TokenResponse,
};
use brigade_domain::errors::ErrorCode;
use brigade_domain::permissions::SystemRole;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;

use crate::audit::{self, AuditRecord};
use crate::auth::{client_addr, password, throttle, tokens, Caller};
use crate::entities::{account, membership, refresh_token, restaurant, session, venue};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Opens a session for an account in a restaurant and returns its first tokens.
async fn open_session<C: ConnectionTrait>(
    db: &C,
    state: &AppState,
    account_id: Uuid,
    restaurant_id: Uuid,
) -> ApiResult<(Uuid, TokenResponse)> {
    let now = Utc::now();
    let session_id = Uuid::new_v4();
    session::ActiveModel {
        id: Set(session_id),
        account_id: Set(account_id),
        tenant_id: Set(restaurant_id),
        created_at: Set(now),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    }
    .insert(db)
    .await?;
    let tokens = issue_tokens(db, state, account_id, session_id, restaurant_id).await?;
    Ok((session_id, tokens))
}

/// Issues a fresh refresh token in a session and an access token to go with it.
async fn issue_tokens<C: ConnectionTrait>(
    db: &C,
    state: &AppState,
    account_id: Uuid,
    session_id: Uuid,
    restaurant_id: Uuid,
) -> ApiResult<TokenResponse> {
    let now = Utc::now();
    let (refresh_value, refresh_hash) = tokens::new_refresh_token();
    let refresh_ttl = Duration::from_std(state.keys.refresh_ttl).map_err(anyhow::Error::from)?;
    refresh_token::ActiveModel {
        id: Set(Uuid::new_v4()),
        session_id: Set(session_id),
        token_hash: Set(refresh_hash),
        expires_at: Set(now + refresh_ttl),
        used_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    let access = state
        .keys
        .issue_access(account_id, session_id, restaurant_id)?;
    Ok(TokenResponse {
        access_token: access,
        refresh_token: refresh_value,
        token_type: "Bearer".into(),
        expires_in: state.keys.access_ttl.as_secs(),
    })
}

/// Create a restaurant with its owner.
///
/// Creates the restaurant, its venue, the owner's account and owner membership, and
/// returns tokens for the owner. An email that already has an account cannot sign up
/// again: that person logs in instead.
#[utoipa::path(
    tag = "auth",
    request_body = SignupRequest,
    security(()),
    responses(
        (status = 201, description = "The restaurant exists and the owner is logged in", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`email_taken`: this email already has an account", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`, with per-field `errors`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/signup")]
pub async fn signup(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Json<SignupRequest>,
) -> ApiResult<HttpResponse> {
    let valid = body.validate().map_err(ApiError::Validation)?;
    let db = &state.db;
    let email_taken = || ApiError::Code(ErrorCode::EmailTaken, None);
    if account::Entity::find()
        .filter(account::Column::Email.eq(valid.email.as_str()))
        .one(db)
        .await?
        .is_some()
    {
        return Err(email_taken());
    }
    let password_hash = password::hash(valid.password.expose().to_owned()).await?;
    let client = client_addr(&request);
    let now = Utc::now();
    let txn = db.begin().await?;
    let account_id = Uuid::new_v4();
    let restaurant_id = Uuid::new_v4();
    let inserted = account::ActiveModel {
        id: Set(account_id),
        email: Set(valid.email.as_str().to_owned()),
        name: Set(valid.owner_name.as_str().to_owned()),
        password_hash: Set(password_hash),
        must_change_password: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await;
    if let Err(error) = inserted {
        // Two sign-ups with one email at once: the unique index decides.
        return Err(match error.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => email_taken(),
            _ => error.into(),
        });
    }
    restaurant::ActiveModel {
        id: Set(restaurant_id),
        name: Set(valid.restaurant_name.as_str().to_owned()),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let venue_id = Uuid::new_v4();
    venue::ActiveModel {
        id: Set(venue_id),
        tenant_id: Set(restaurant_id),
        name: Set(valid.restaurant_name.as_str().to_owned()),
        table_count: Set(i32::from(valid.table_count.get())),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let membership_id = Uuid::new_v4();
    membership::ActiveModel {
        id: Set(membership_id),
        tenant_id: Set(restaurant_id),
        account_id: Set(account_id),
        role: Set(SystemRole::Owner.as_str().to_owned()),
        permission_overrides: Set(json!({})),
        active: Set(true),
        last_activity_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let (session_id, tokens) = open_session(&txn, &state, account_id, restaurant_id).await?;
    audit::record(
        &txn,
        AuditRecord {
            tenant_id: Some(restaurant_id),
            actor_account_id: Some(account_id),
            action: "restaurant.signup",
            entity: "restaurant",
            entity_id: Some(restaurant_id.to_string()),
            after: Some(json!({
                "restaurant": { "id": restaurant_id, "name": valid.restaurant_name.as_str() },
                "venue": { "id": venue_id, "table_count": valid.table_count.get() },
                "owner": { "account_id": account_id, "membership_id": membership_id, "email": valid.email.as_str(), "name": valid.owner_name.as_str() },
                "session_id": session_id,
            })),
            client_addr: client,
            ..AuditRecord::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(tokens))
}

/// Log in with an email and a password.
///
/// After 5 failed logins for one email, or 20 from one client address, within 15
/// minutes, further attempts get `429` with `Retry-After` until the window moves on; a
/// success clears the email's count.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    security(()),
    responses(
        (status = 200, description = "Logged in", body = TokenResponse),
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
    request: HttpRequest,
    body: web::Json<LoginRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let email = body.validate().map_err(ApiError::Validation)?;
    let client = client_addr(&request).unwrap_or_else(|| "unknown".into());
    let db = &state.db;
    let attempt = match throttle::begin(db, email.as_str(), &client).await? {
        Ok(attempt) => attempt,
        Err(retry_after_secs) => return Err(ApiError::TooManyAttempts { retry_after_secs }),
    };
    let found = account::Entity::find()
        .filter(account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?;
    let verified = password::verify(
        body.password.clone(),
        found.as_ref().map(|a| a.password_hash.clone()),
    )
    .await?;
    let account = match found {
        Some(account) if verified => account,
        found => {
            // The attempt already counts as a failure; only its audit entry remains.
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
    let mut memberships = membership::Entity::find()
        .filter(membership::Column::AccountId.eq(account.id))
        .filter(membership::Column::Active.eq(true))
        .order_by_asc(membership::Column::CreatedAt);
    if let Some(restaurant_id) = body.restaurant_id {
        memberships = memberships.filter(membership::Column::TenantId.eq(restaurant_id));
    }
    let Some(member) = memberships.one(db).await? else {
        // The password was right: this attempt does not count as a failure.
        attempt.succeeded(db, email.as_str()).await?;
        return Err(ApiError::with_detail(
            ErrorCode::NotAMember,
            "this account has no active membership in that restaurant",
        ));
    };
    let txn = db.begin().await?;
    attempt.succeeded(&txn, email.as_str()).await?;
    let (session_id, tokens) = open_session(&txn, &state, account.id, member.tenant_id).await?;
    audit::record(
        &txn,
        AuditRecord {
            tenant_id: Some(member.tenant_id),
            actor_account_id: Some(account.id),
            action: "auth.login",
            entity: "session",
            entity_id: Some(session_id.to_string()),
            client_addr: Some(client),
            ..AuditRecord::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(tokens))
}

fn invalid_refresh() -> ApiError {
    ApiError::Code(ErrorCode::InvalidRefreshToken, None)
}

/// Exchange a refresh token for new tokens.
///
/// Each refresh token works once. Presenting one that was already used is taken as
/// theft: the whole session is revoked and every token issued from it stops working.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    security(()),
    responses(
        (status = 200, description = "New tokens; the presented refresh token is spent", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_refresh_token`: unknown, expired, reused or revoked", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Json<RefreshRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let db = &state.db;
    let hash = tokens::hash_refresh_token(&body.refresh_token);
    let token = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash))
        .one(db)
        .await?
        .ok_or_else(invalid_refresh)?;
    let session = session::Entity::find_by_id(token.session_id)
        .one(db)
        .await?
        .ok_or_else(invalid_refresh)?;
    let now = Utc::now();
    let txn = db.begin().await?;
    // Spend the token only if nobody spent it first: a second use means theft.
    let spent = refresh_token::Entity::update_many()
        .col_expr(
            refresh_token::Column::UsedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(refresh_token::Column::Id.eq(token.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected == 0 {
        if session.revoked_at.is_none() {
            revoke_session(&txn, session.id, "refresh_token_reuse").await?;
            audit::record(
                &txn,
                AuditRecord {
                    tenant_id: Some(session.tenant_id),
                    actor_account_id: Some(session.account_id),
                    action: "auth.refresh_token_reused",
                    entity: "session",
                    entity_id: Some(session.id.to_string()),
                    after: Some(json!({ "revoked": true })),
                    client_addr: client_addr(&request),
                    ..AuditRecord::default()
                },
            )
            .await?;
        }
        txn.commit().await?;
        return Err(invalid_refresh());
    }
    if session.revoked_at.is_some() || token.expires_at <= now {
        return Err(invalid_refresh());
    }
    let active = membership::Entity::find()
        .filter(membership::Column::TenantId.eq(session.tenant_id))
        .filter(membership::Column::AccountId.eq(session.account_id))
        .filter(membership::Column::Active.eq(true))
        .one(&txn)
        .await?;
    if active.is_none() {
        return Err(invalid_refresh());
    }
    let tokens = issue_tokens(
        &txn,
        &state,
        session.account_id,
        session.id,
        session.tenant_id,
    )
    .await?;
    audit::record(
        &txn,
        AuditRecord {
            tenant_id: Some(session.tenant_id),
            actor_account_id: Some(session.account_id),
            action: "auth.refresh",
            entity: "session",
            entity_id: Some(session.id.to_string()),
            client_addr: client_addr(&request),
            ..AuditRecord::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(tokens))
}

/// Marks the still-open sessions that `sessions` selects revoked, ending their refresh
/// and access tokens, and returns how many there were. Every way a session ends goes
/// through here; callers only say which sessions (a tenant-scoped update for a
/// restaurant's sessions) and why.
pub async fn revoke_sessions<C: ConnectionTrait>(
    db: &C,
    sessions: sea_orm::UpdateMany<session::Entity>,
    reason: &str,
) -> Result<u64, sea_orm::DbErr> {
    sessions
        .col_expr(
            session::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .col_expr(
            session::Column::RevokedReason,
            sea_orm::sea_query::Expr::value(reason),
        )
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .map(|result| result.rows_affected)
}

/// Marks one session revoked.
pub async fn revoke_session<C: ConnectionTrait>(
    db: &C,
    session_id: Uuid,
    reason: &str,
) -> Result<(), sea_orm::DbErr> {
    let one = session::Entity::update_many().filter(session::Column::Id.eq(session_id));
    revoke_sessions(db, one, reason).await.map(|_| ())
}

/// Marks every open session of an account revoked except `keep`, in every restaurant,
/// and returns how many were open.
pub async fn revoke_other_sessions<C: ConnectionTrait>(
    db: &C,
    account_id: Uuid,
    keep: Uuid,
    reason: &str,
) -> Result<u64, sea_orm::DbErr> {
    let others = session::Entity::update_many()
        .filter(session::Column::AccountId.eq(account_id))
        .filter(session::Column::Id.ne(keep));
    revoke_sessions(db, others, reason).await
}

/// Log out: end the session the refresh token belongs to.
///
/// The refresh token and every access token of its session stop working. An unknown
/// token is accepted silently, as OAuth's revocation endpoint does.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    security(()),
    responses(
        (status = 204, description = "The session is closed"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let db = &state.db;
    let hash = tokens::hash_refresh_token(&body.refresh_token);
    let Some(token) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash))
        .one(db)
        .await?
    else {
        return Ok(HttpResponse::NoContent().finish());
    };
    let Some(session) = session::Entity::find_by_id(token.session_id)
        .one(db)
        .await?
    else {
        return Ok(HttpResponse::NoContent().finish());
    };
    if session.revoked_at.is_none() {
        let txn = db.begin().await?;
        revoke_session(&txn, session.id, "logout").await?;
        audit::record(
            &txn,
            AuditRecord {
                tenant_id: Some(session.tenant_id),
                actor_account_id: Some(session.account_id),
                action: "auth.logout",
                entity: "session",
                entity_id: Some(session.id.to_string()),
                client_addr: client_addr(&request),
                ..AuditRecord::default()
            },
        )
        .await?;
        txn.commit().await?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Act in another of the signed-in person's restaurants.
///
/// Needs a valid access token and no particular permission, and an active membership
/// in the chosen restaurant. Opens a session there and returns its tokens; the current
/// session ends (its refresh and access tokens stop working). A restaurant the person
/// is not an active member of, and one that does not exist, get the same `403`.
#[utoipa::path(
    tag = "auth",
    request_body = SwitchRestaurantRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Signed in to the chosen restaurant; the previous session is closed", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`not_a_member`: no active membership in that restaurant", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/switch")]
pub async fn switch_restaurant(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<SwitchRestaurantRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let db = &state.db;
    let target = body.restaurant_id;
    // The caller's own membership elsewhere: scoped by account, not tenant.
    let member = membership::Entity::find()
        .filter(membership::Column::AccountId.eq(caller.account_id))
        .filter(membership::Column::TenantId.eq(target))
        .filter(membership::Column::Active.eq(true))
        .one(db)
        .await?;
    if member.is_none() {
        return Err(ApiError::with_detail(
            ErrorCode::NotAMember,
            "this account has no active membership in that restaurant",
        ));
    }
    let txn = db.begin().await?;
    let (session_id, tokens) = open_session(&txn, &state, caller.account_id, target).await?;
    revoke_session(&txn, caller.session_id, "switched_restaurant").await?;
    audit::record(
        &txn,
        AuditRecord {
            tenant_id: Some(target),
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
    txn.commit().await?;
    Ok(web::Json(tokens))
}
