//! `/me`: who is asking, the restaurants they belong to and what they may do in the
//! active one; and the person's own account: renaming it and changing its password.
//! None of these needs a permission: it is the caller's own account.

use std::str::FromStr;

use actix_web::{delete, get, patch, post, web, HttpResponse};
use anyhow::Context;
use brigade_domain::api::{
    Account, ChangePasswordRequest, Me, Problem, RestaurantMembership, UpdateProfileRequest,
};
use brigade_domain::errors::ErrorCode;
use brigade_domain::invitations::{
    CompletePasswordResetRequest, PasswordResetRequest, VerificationRequest, VerifyEmailRequest,
};
use brigade_domain::permissions::SystemRole;
use brigade_macros::endpoint;
use serde_json::json;
use uuid::Uuid;

use super::{password, recovery, store};
use crate::access::{Caller, Public, SignedIn};
use crate::audit::{self, AuditRecord};
use crate::links::{self, store as tokens, Purpose};
use crate::platform::body::permitted_body;
use crate::platform::tenant::global;
use crate::platform::{AccountTxn, ApiError, ApiResult, AppState, Tenant};
use crate::restaurants::store as restaurants;
use crate::sessions::throttle::Flood;
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
    let here = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the active restaurant")?;
    let currency = crate::restaurants::store::storefront(&here)
        .await?
        .map_or_else(|| "EUR".to_owned(), |storefront| storefront.currency);
    here.commit()
        .await
        .context("ending the active restaurant")?;
    Ok(Me {
        account: Account {
            id: person.id,
            email_verified: person.email_verified,
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
        currency_exponent: crate::settings::rules::currency_exponent(&currency).unwrap_or(2),
        currency,
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
    // A reset link asked for before no longer applies to this password.
    tokens::revoke_account(&txn, person.id, Purpose::PasswordReset, state.clock.now()).await?;
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

/// Password resets asked for one email in an hour.
const RESETS_PER_EMAIL: u64 = 5;
/// Password resets asked for from one client address in an hour.
const RESETS_PER_CLIENT: u64 = 20;
/// Verification links one account asks for in an hour.
const VERIFICATIONS_PER_HOUR: u64 = 5;

async fn flooded(state: &AppState, kind: Flood, key: &str, limit: u64) -> ApiResult<()> {
    match throttle::flood(&state.db, kind, key, limit)
        .await
        .context("counting a request")?
    {
        Ok(()) => Ok(()),
        Err(retry_after_secs) => Err(ApiError::TooManyAttempts { retry_after_secs }),
    }
}

/// What a person did to their own account, outside any restaurant, for the audit trail.
fn own_act(account_id: Uuid, action: &'static str, client: String) -> AuditRecord {
    AuditRecord {
        actor_account_id: Some(account_id),
        action,
        entity: "account",
        entity_id: Some(account_id.to_string()),
        client_addr: Some(client),
        ..AuditRecord::default()
    }
}

fn link_invalid() -> ApiError {
    ApiError::Code(ErrorCode::LinkInvalid, None)
}

/// A link's token, if its secret is one of ours, for that purpose and still usable.
async fn usable_link(
    state: &AppState,
    purpose: Purpose,
    secret: &str,
    client: &str,
) -> ApiResult<tokens::Token> {
    let now = state.clock.now();
    let found = if links::well_formed(secret) {
        tokens::find(&state.db, purpose, secret).await?
    } else {
        None
    };
    match found {
        Some(token)
            if token.used_at.is_none() && token.expires_at > now && token.account_id.is_some() =>
        {
            Ok(token)
        }
        found => {
            audit::record(
                &state.db,
                AuditRecord {
                    actor_account_id: found.as_ref().and_then(|t| t.account_id),
                    action: "auth.link_check_failed",
                    entity: "account",
                    entity_id: found
                        .as_ref()
                        .and_then(|t| t.account_id)
                        .map(|id| id.to_string()),
                    after: Some(json!({ "purpose": purpose.as_str() })),
                    client_addr: Some(client.to_owned()),
                    ..AuditRecord::default()
                },
            )
            .await?;
            Err(link_invalid())
        }
    }
}

/// Ask for a password reset link.
///
/// Always `202`, whether or not the email has an account and in the same time, so the
/// answer tells nothing about who uses Brigade. When it has one, a link valid one hour
/// (and once) is sent to it; earlier links stay valid until one is used. At most 20
/// requests per client address an hour (`429`); past 5 for one email in an hour,
/// requests are accepted and dropped.
#[endpoint]
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetRequest,
    security(()),
    responses(
        (status = 202, description = "If the email has an account, a link is on its way"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: not an email", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`, with `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/auth/password-reset")]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    guest: Public,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: PasswordResetRequest = permitted_body(body)?;
    let email = body.validate().map_err(ApiError::Validation)?;
    let client = guest.client_addr.unwrap_or_else(|| "unknown".into());
    flooded(&state, Flood::ResetFromClient, &client, RESETS_PER_CLIENT).await?;
    // Past the email's limit the request is dropped silently: the links already sent
    // stay valid, so nobody can keep a person from resetting by asking in their name.
    let within = throttle::flood(
        &state.db,
        Flood::ResetForEmail,
        email.as_str(),
        RESETS_PER_EMAIL,
    )
    .await
    .context("counting a reset")?
    .is_ok();
    if within {
        // Off the request's path: the answer takes as long whether or not the email
        // has an account.
        let state = state.clone();
        let lang = crate::mail::language(body.language);
        tokio::spawn(async move {
            if let Err(error) = post_reset(&state, email.as_str(), lang, client).await {
                tracing::warn!(error = %error, "sending a password reset link");
            }
        });
    }
    Ok(HttpResponse::Accepted().finish())
}

/// Sends a reset link to the email's account, if it has one.
async fn post_reset(
    state: &AppState,
    email: &str,
    lang: brigade_domain::invitations::Language,
    client: String,
) -> ApiResult<()> {
    let db = &state.db;
    let Some(person) = store::by_email(db, email).await? else {
        return Ok(());
    };
    let txn = global::write(db)
        .await
        .context("opening the reset's transaction")?;
    recovery::post_reset_link(state, &txn, &person, lang).await?;
    audit::record(
        &txn,
        own_act(person.id, "account.password_reset_requested", client),
    )
    .await?;
    txn.commit().await.context("committing the reset request")?;
    state.mail.wake();
    Ok(())
}

/// Choose a new password with a reset link.
///
/// The link works once, within the hour. The new password replaces the old one (a
/// temporary password too), every session of the account ends, and the email counts
/// as proven. Audited as `account.password_reset` in each of the person's restaurants.
/// A link that is unknown, used or expired is `404 link_invalid` (and audited). One
/// client address uses at most 10 links a minute (`429`).
#[endpoint]
#[utoipa::path(
    tag = "auth",
    request_body = CompletePasswordResetRequest,
    security(()),
    responses(
        (status = 204, description = "The password is changed; log in with it"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`link_invalid`: unknown, expired or already used", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: no token (`token`: `required`), or the new password is refused (`password`: `too_short`, `common_password`, …)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`, with `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/auth/password-reset/complete")]
pub async fn complete_password_reset(
    state: web::Data<AppState>,
    guest: Public,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: CompletePasswordResetRequest = permitted_body(body)?;
    let client = guest.client_addr.unwrap_or_else(|| "unknown".into());
    let new_password = body.validate().map_err(ApiError::Validation)?;
    take_with_link(
        &state,
        Taking {
            purpose: Purpose::PasswordReset,
            secret: &body.token,
            new_password,
            client,
            action: "account.password_reset",
            must_differ: false,
        },
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A person taking their account with a link sent to its email: the link, the new
/// password they chose, and how it is audited.
struct Taking<'a> {
    purpose: Purpose,
    secret: &'a str,
    new_password: brigade_domain::validation::Password,
    client: String,
    action: &'static str,
    /// The new password must not be the current one (proving an email: a password
    /// someone else may have chosen and handed over must not survive).
    must_differ: bool,
}

/// What a reset and a verification share: the link is used once, the password is the
/// one the email's holder just chose, the email counts as proven, every session and
/// every other reset link of the account ends, and each of its restaurants audits it
/// (or the global trail, for a person in none).
async fn take_with_link(state: &AppState, taking: Taking<'_>) -> ApiResult<()> {
    let client = taking.client;
    links::require_present(taking.secret)?;
    flooded(state, Flood::Link, &client, links::ATTEMPTS_PER_MINUTE).await?;
    let token = usable_link(state, taking.purpose, taking.secret, &client).await?;
    let person = match token.account_id {
        Some(id) => store::by_id(&state.db, id)
            .await?
            .ok_or_else(link_invalid)?,
        None => return Err(link_invalid()),
    };
    let chosen = taking.new_password.expose().to_owned();
    if taking.must_differ
        && password::verify(chosen.clone(), Some(person.password_hash.clone())).await?
    {
        return Err(ApiError::field(
            "password",
            "unchanged",
            "choose a password different from the current one",
        ));
    }
    let account_id = person.id;
    let hash = password::hash(chosen).await?;
    let txn = AccountTxn::write(&state.db, account_id)
        .await
        .context("opening the link's transaction")?;
    let now = state.clock.now();
    if !tokens::consume(&txn, token.id, now).await? {
        return Err(link_invalid());
    }
    store::set_password(&txn, account_id, hash).await?;
    store::mark_verified(&txn, account_id).await?;
    tokens::revoke_account(&txn, account_id, Purpose::PasswordReset, now).await?;
    tokens::revoke_account(&txn, account_id, Purpose::VerifyEmail, now).await?;
    restaurants::touch_teams_of(&txn, account_id).await?;
    let ended = sessions::revoke_all(&txn, taking.action).await?;
    let places = team::memberships_of(&txn).await?;
    let entry = |tenant_id| AuditRecord {
        tenant_id,
        after: Some(json!({ "sessions_ended": ended })),
        ..own_act(account_id, taking.action, client.clone())
    };
    if places.is_empty() {
        audit::record(&txn, entry(None)).await?;
    }
    for (member, _) in places {
        let place = Tenant::new(member.tenant_id);
        txn.declare_tenant(place)
            .await
            .context("declaring one of the person's restaurants")?;
        restaurants::bump_access_version(&txn, place).await?;
        audit::record(&txn, entry(Some(place.id()))).await?;
    }
    txn.commit().await.context("committing the link's change")?;
    Ok(())
}

/// Send a link that proves the signed-in person's email.
///
/// `202` when a link (valid 72 hours, once) is on its way; `204` when the email is
/// already proven. A proven email lets the person join other restaurants by
/// invitation without a new password. At most 5 an hour (`429`).
#[endpoint]
#[utoipa::path(
    tag = "me",
    request_body = VerificationRequest,
    security(("bearer" = [])),
    responses(
        (status = 202, description = "A link is on its way"),
        (status = 204, description = "The email is already proven"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`, with `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/me/email-verification")]
pub async fn send_verification(
    state: web::Data<AppState>,
    caller: SignedIn,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: VerificationRequest = permitted_body(body)?;
    let person = own_account(&state, &caller).await?;
    if person.email_verified {
        return Ok(HttpResponse::NoContent().finish());
    }
    flooded(
        &state,
        Flood::Verification,
        &person.id.to_string(),
        VERIFICATIONS_PER_HOUR,
    )
    .await?;
    let txn = AccountTxn::write(&state.db, person.id)
        .await
        .context("opening the verification's transaction")?;
    recovery::post_verification_link(
        &state,
        &txn,
        person.id,
        &person.email,
        crate::mail::language(body.language),
    )
    .await?;
    txn.commit().await.context("committing the verification")?;
    state.mail.wake();
    Ok(HttpResponse::Accepted().finish())
}

/// Prove an email with a verification link, choosing the account's password.
///
/// The link works once, within 72 hours; `404 link_invalid` otherwise (audited). The
/// person chooses a new password (`422` on a weak one, and `unchanged` when it is the
/// current one): a password someone else chose — a restaurant that created the
/// account, someone who signed up with another person's email — never survives the
/// proof, so a proven account is always in its email holder's hands alone. Every
/// session of the account ends and the other reset links stop working. One client
/// address uses at most 10 links a minute (`429`). Audited as `account.email_verified`.
#[endpoint]
#[utoipa::path(
    tag = "auth",
    request_body = VerifyEmailRequest,
    security(()),
    responses(
        (status = 204, description = "The email is proven; log in with the new password"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`link_invalid`: unknown, expired or already used", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: no token (`token`: `required`), or the password is refused (`password`: `too_short`, `common_password`, `unchanged`, …)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`, with `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/auth/verify-email")]
pub async fn verify_email(
    state: web::Data<AppState>,
    guest: Public,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: VerifyEmailRequest = permitted_body(body)?;
    let client = guest.client_addr.unwrap_or_else(|| "unknown".into());
    let new_password = brigade_domain::validation::Password::parse("password", &body.password)
        .map_err(|error| ApiError::Validation(vec![error]))?;
    take_with_link(
        &state,
        Taking {
            purpose: Purpose::VerifyEmail,
            secret: &body.token,
            new_password,
            client,
            action: "account.email_verified",
            must_differ: true,
        },
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Leave a restaurant.
///
/// The person's membership there ends and their sessions there close; their account
/// and other restaurants stay. The owner cannot leave (`409 owner_cannot_leave`:
/// transfer ownership first). Leaving the active restaurant ends this session too.
/// Audited as `member.left` in that restaurant.
#[endpoint]
#[utoipa::path(
    tag = "me",
    params(("restaurant_id" = Uuid, Path, description = "The restaurant to leave")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Left"),
        (status = 400, description = "`invalid_parameter`: not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`: not one of the person's restaurants", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`owner_cannot_leave`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/me/restaurants/{restaurant_id}")]
pub async fn leave_restaurant(
    state: web::Data<AppState>,
    caller: SignedIn,
    restaurant_id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let restaurant_id = restaurant_id.into_inner();
    let mine = {
        let txn = AccountTxn::read(&state.db, caller.account_id)
            .await
            .context("opening the person's transaction")?;
        let found = team::memberships_of(&txn)
            .await?
            .into_iter()
            .find(|(member, _)| member.tenant_id == restaurant_id);
        txn.commit()
            .await
            .context("ending the person's transaction")?;
        found.ok_or_else(ApiError::not_found)?
    };
    // The person's own membership names the restaurant.
    let txn = Tenant::new(restaurant_id)
        .write(&state.db)
        .await
        .context("opening the departure's transaction")?;
    restaurants::begin_access_change(&txn).await?;
    let (member, person) = team::member_with_account(&txn, mine.0.id)
        .await?
        .filter(|(member, _)| member.account_id == caller.account_id)
        .ok_or_else(ApiError::not_found)?;
    if member.role == SystemRole::Owner.as_str() {
        return Err(ApiError::Code(ErrorCode::OwnerCannotLeave, None));
    }
    sessions::revoke_here(&txn, caller.account_id, "left_restaurant").await?;
    team::remove(&txn, member.id).await?;
    audit::record(
        &txn,
        AuditRecord {
            tenant_id: Some(restaurant_id),
            actor_account_id: Some(caller.account_id),
            action: "member.left",
            entity: "membership",
            entity_id: Some(member.id.to_string()),
            before: Some(json!({
                "email": person.email,
                "name": team::shown_name(&member, &person),
                "role": member.role,
            })),
            client_addr: caller.client_addr.clone(),
            ..AuditRecord::default()
        },
    )
    .await?;
    txn.commit().await.context("committing the departure")?;
    Ok(HttpResponse::NoContent().finish())
}
