//! `/me`: who is asking, the restaurants they belong to and what they may do in the
//! active one; and the person's own account: renaming it and changing its password.
//! None of these needs a permission: it is the caller's own account.

use std::str::FromStr;

use actix_web::{get, patch, post, web, HttpResponse};
use anyhow::Context;
use brigade_domain::api::{
    Account, ChangePasswordRequest, Me, Problem, RestaurantMembership, UpdateProfileRequest,
};
use brigade_domain::permissions::SystemRole;
use brigade_macros::endpoint;
use serde_json::json;

use super::{password, store};
use crate::access::{Caller, SignedIn};
use crate::audit::{self, AuditRecord};
use crate::platform::body::permitted_body;
use crate::platform::{AccountTxn, ApiError, ApiResult, AppState, Tenant};
use crate::restaurants::store as restaurants;
use crate::sessions::{store as sessions, throttle};
use crate::team::store as team;

/// The caller's account, which a valid token guarantees exists.
async fn own_account(state: &AppState, caller: &Caller) -> ApiResult<store::Account> {
    store::by_id(&state.db, caller.account_id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the caller's account is missing")))
}

/// The `Me` body for a caller: their account as stored now, their restaurants, and
/// their role and permissions in the active restaurant as resolved on this request.
async fn me_body(state: &AppState, caller: &Caller) -> ApiResult<Me> {
    let person = own_account(state, caller).await?;
    let txn = AccountTxn::read(&state.db, caller.account_id)
        .await
        .context("opening the person's transaction")?;
    let restaurants = team::memberships_of(&txn)
        .await?
        .into_iter()
        .filter_map(|(member, restaurant_name)| {
            Some(RestaurantMembership {
                restaurant_id: member.tenant_id,
                restaurant_name,
                membership_id: member.id,
                role: SystemRole::from_str(&member.role).ok()?,
                active: member.active,
            })
        })
        .collect();
    txn.commit()
        .await
        .context("ending the person's transaction")?;
    Ok(Me {
        account: Account {
            id: person.id,
            email: person.email,
            name: person.name,
            created_at: person.created_at,
        },
        restaurants,
        active_restaurant_id: caller.tenant.id(),
        membership_id: caller.membership.id,
        role: caller.role(),
        roles: caller.access.roles.iter().map(|role| role.wire()).collect(),
        permissions: caller
            .permissions
            .codes()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        last_activity_at: caller.membership.last_activity_at,
        password_change_required: person.must_change_password,
    })
}

/// The signed-in person.
///
/// Needs a valid access token and no particular permission. `permissions` lists the
/// effective codes in the active restaurant, resolved on this request. While
/// `password_change_required` is true (a member created with a temporary password),
/// every endpoint but this one and `POST /me/password` answers
/// `403 password_change_required`.
#[endpoint]
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account, its restaurants, roles and effective permissions", body = Me),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, caller: SignedIn) -> ApiResult<web::Json<Me>> {
    Ok(web::Json(me_body(&state, &caller).await?))
}

/// Rename the signed-in person's account.
///
/// Needs a valid access token and no particular permission: it is the caller's own
/// account. The name shows in every restaurant the person belongs to; the change is
/// audited (`account.renamed`) in the active restaurant.
#[endpoint]
#[utoipa::path(
    tag = "me",
    request_body = UpdateProfileRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account as renamed, with its restaurants, roles and effective permissions", body = Me),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: the name is empty or too long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/me")]
pub async fn update_profile(
    state: web::Data<AppState>,
    caller: SignedIn,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<Me>> {
    let body: UpdateProfileRequest = permitted_body(body)?;
    let name = body.validate().map_err(ApiError::Validation)?;
    let txn = caller
        .tenant
        .write(&state.db)
        .await
        .context("opening the rename's transaction")?;
    let person = store::by_id(&txn, caller.account_id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the caller's account is missing")))?;
    if person.name != name.as_str() {
        store::rename(&txn, person.id, name.as_str()).await?;
        // The name shows in the team list of each of the person's restaurants.
        restaurants::touch_teams_of(&txn, person.id).await?;
        audit::record(
            &txn,
            AuditRecord {
                before: Some(json!({ "name": person.name })),
                after: Some(json!({ "name": name.as_str() })),
                ..caller.audit("account.renamed", "account", person.id)
            },
        )
        .await?;
    }
    txn.commit().await.context("committing the rename")?;
    Ok(web::Json(me_body(&state, &caller).await?))
}

fn incorrect_current_password() -> ApiError {
    ApiError::field(
        "current_password",
        "incorrect",
        "the current password is wrong",
    )
}

/// Change the signed-in person's password.
///
/// Needs a valid access token, no particular permission, and the current password.
/// A wrong current password counts as a failed login for the account's email and the
/// client address: after 5 (or 20 from one address) within 15 minutes, further tries
/// get `429` with `Retry-After`, so a stolen access token cannot be used to guess the
/// password. On success every other session of the account, in every restaurant, is
/// ended; this one stays open. Audited as `account.password_changed`.
#[endpoint]
#[utoipa::path(
    tag = "me",
    request_body = ChangePasswordRequest,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The password is changed and the account's other sessions are ended"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a field is invalid, the new password is refused (`new_password`: `too_short`, `common_password`, `unchanged`, …) or the current password is wrong (`current_password`: `incorrect`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`, with `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    caller: SignedIn,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: ChangePasswordRequest = permitted_body(body)?;
    let new_password = body.validate().map_err(ApiError::Validation)?;
    let db = &state.db;
    let person = own_account(&state, &caller).await?;
    let client = caller
        .client_addr
        .clone()
        .unwrap_or_else(|| "unknown".into());
    // Checking the current password is a login attempt: it counts, as login's do.
    let attempt = match throttle::begin(db, &person.email, &client)
        .await
        .context("counting a password check")?
    {
        Ok(attempt) => attempt,
        Err(retry_after_secs) => return Err(ApiError::TooManyAttempts { retry_after_secs }),
    };
    let verified = password::verify(
        body.current_password.clone(),
        Some(person.password_hash.clone()),
    )
    .await?;
    if !verified {
        // The attempt already counts as a failure.
        if attempt.alarm() {
            crate::sessions::http::alarm(db, person.id, &person.email).await?;
        }
        return Err(incorrect_current_password());
    }
    let password_hash = password::hash(new_password.expose().to_owned()).await?;
    let txn = AccountTxn::write(db, person.id)
        .await
        .context("opening the password change's transaction")?;
    txn.declare_tenant(caller.tenant)
        .await
        .context("declaring the caller's restaurant")?;
    // Two changes at once with the same current password: the second finds it changed.
    let current = store::locked(&txn, person.id, true).await?;
    if current.is_none_or(|now| now.password_hash != person.password_hash) {
        return Err(incorrect_current_password());
    }
    attempt
        .succeeded(&txn)
        .await
        .context("clearing the login attempts")?;
    store::set_password(&txn, person.id, password_hash).await?;
    let ended = sessions::revoke_others(&txn, caller.session_id, "password_changed").await?;
    // Sessions ended in each of the person's restaurants, and this one no longer needs
    // a new password: every one of them must read its callers again.
    for (member, _) in team::memberships_of(&txn).await? {
        let place = Tenant::new(member.tenant_id);
        txn.declare_tenant(place)
            .await
            .context("declaring one of the person's restaurants")?;
        restaurants::bump_access_version(&txn, place).await?;
    }
    txn.declare_tenant(caller.tenant)
        .await
        .context("declaring the caller's restaurant")?;
    audit::record(
        &txn,
        AuditRecord {
            after: Some(json!({ "other_sessions_ended": ended })),
            ..caller.audit("account.password_changed", "account", person.id)
        },
    )
    .await?;
    txn.commit()
        .await
        .context("committing the password change")?;
    Ok(HttpResponse::NoContent().finish())
}
