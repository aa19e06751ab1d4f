//! `/me`: who is asking, the restaurants they belong to and what they may do in the
//! active one; and the person's own account: renaming it and changing its password.
//! None of these needs a permission: it is the caller's own account.

use actix_web::{get, patch, post, web, HttpResponse};
use brigade_domain::api::{
    Account, ChangePasswordRequest, Me, Problem, RestaurantMembership, UpdateProfileRequest,
};
use brigade_domain::permissions::SystemRole;
use brigade_domain::validation::FieldError;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;
use std::str::FromStr;

use crate::audit::{self, AuditRecord};
use crate::auth::{password, throttle, Caller};
use crate::entities::{account, membership, restaurant};
use crate::error::{ApiError, ApiResult};
use crate::routes::auth::revoke_other_sessions;
use crate::state::AppState;

/// The caller's account, which a valid token guarantees exists.
async fn own_account<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<account::Model> {
    account::Entity::find_by_id(caller.account_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the caller's account is missing")))
}

/// The `Me` body for a caller: their account as stored now, their restaurants, and
/// their role and permissions in the active restaurant as resolved on this request.
async fn me_body<C: ConnectionTrait>(db: &C, caller: &Caller) -> ApiResult<Me> {
    let person = own_account(db, caller).await?;
    // The caller's own memberships across restaurants: scoped by account, not tenant.
    let rows = membership::Entity::find()
        .filter(membership::Column::AccountId.eq(caller.account_id))
        .find_also_related(restaurant::Entity)
        .order_by_asc(membership::Column::CreatedAt)
        .all(db)
        .await?;
    let restaurants = rows
        .into_iter()
        .filter_map(|(member, place)| {
            let place = place?;
            Some(RestaurantMembership {
                restaurant_id: place.id,
                restaurant_name: place.name,
                membership_id: member.id,
                role: SystemRole::from_str(&member.role).ok()?,
                active: member.active,
            })
        })
        .collect();
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
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account, its restaurants, roles and effective permissions", body = Me),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<Me>> {
    Ok(web::Json(me_body(&state.db, &caller).await?))
}

/// Rename the signed-in person's account.
///
/// Needs a valid access token and no particular permission: it is the caller's own
/// account. The name shows in every restaurant the person belongs to; the change is
/// audited (`account.renamed`) in the active restaurant.
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
    caller: Caller,
    body: web::Json<UpdateProfileRequest>,
) -> ApiResult<web::Json<Me>> {
    let name = body.validate().map_err(ApiError::Validation)?;
    let db = &state.db;
    let person = own_account(db, &caller).await?;
    if person.name != name.as_str() {
        // Writes only in the transaction: on SQLite, a transaction that reads first
        // cannot always upgrade to a write.
        let txn = db.begin().await?;
        account::ActiveModel {
            id: Set(person.id),
            name: Set(name.as_str().to_owned()),
            updated_at: Set(Utc::now()),
            ..Default::default()
        }
        .update(&txn)
        .await?;
        audit::record(
            &txn,
            AuditRecord {
                before: Some(json!({ "name": person.name })),
                after: Some(json!({ "name": name.as_str() })),
                ..caller.audit("account.renamed", "account", person.id)
            },
        )
        .await?;
        txn.commit().await?;
    }
    Ok(web::Json(me_body(db, &caller).await?))
}

fn incorrect_current_password() -> ApiError {
    ApiError::Validation(vec![FieldError::new(
        "current_password",
        "incorrect",
        "the current password is wrong",
    )])
}

/// Change the signed-in person's password.
///
/// Needs a valid access token, no particular permission, and the current password.
/// A wrong current password counts as a failed login for the account's email and the
/// client address: after 5 (or 20 from one address) within 15 minutes, further tries
/// get `429` with `Retry-After`, so a stolen access token cannot be used to guess the
/// password. On success every other session of the account, in every restaurant, is
/// ended; this one stays open. Audited as `account.password_changed`.
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
    caller: Caller,
    body: web::Json<ChangePasswordRequest>,
) -> ApiResult<HttpResponse> {
    let new_password = body.validate().map_err(ApiError::Validation)?;
    let db = &state.db;
    let person = own_account(db, &caller).await?;
    let client = caller
        .client_addr
        .clone()
        .unwrap_or_else(|| "unknown".into());
    // Checking the current password is a login attempt: it counts, as login's do.
    let attempt = match throttle::begin(db, &person.email, &client).await? {
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
        return Err(incorrect_current_password());
    }
    let password_hash = password::hash(new_password.expose().to_owned()).await?;
    let txn = db.begin().await?;
    attempt.succeeded(&txn, &person.email).await?;
    account::ActiveModel {
        id: Set(person.id),
        password_hash: Set(password_hash),
        must_change_password: Set(false),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let ended =
        revoke_other_sessions(&txn, person.id, caller.session_id, "password_changed").await?;
    audit::record(
        &txn,
        AuditRecord {
            after: Some(json!({ "other_sessions_ended": ended })),
            ..caller.audit("account.password_changed", "account", person.id)
        },
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
