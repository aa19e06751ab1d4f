//! The invitations' endpoints: list, invite, resend and cancel (the team's managers),
//! and check and accept a link (anyone holding one). Each change is audited in its
//! transaction, with the message it sends put in the outbox there too.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use anyhow::Context;
use brigade_domain::api::{Contact, Page, PageQuery, Problem, TokenResponse};
use brigade_domain::errors::ErrorCode;
use brigade_domain::invitations::{
    AcceptInvitationRequest, CreateInvitationRequest, Invitation, InvitationPreview,
    InvitationStatus, InviteOutcome, InviteeAccount, TokenRequest, INVITATION_HOURS,
};
use brigade_domain::permissions::{code, needs, Overrides};
use brigade_macros::endpoint;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use uuid::Uuid;

use super::rules;
use super::store::{self, Offer, Row};
use crate::access::{Authorized, Caller, Public};
use crate::accounts::{password, recovery, store as accounts};
use crate::audit::{self, AuditRecord};
use crate::links::{self, store as tokens, Purpose};
use crate::mail::letters;
use crate::platform::body::permitted_body;
use crate::platform::idempotency;
use crate::platform::{ApiError, ApiResult, AppState, Tenant, TenantTxn};
use crate::restaurants::store as restaurants;
use crate::roles::store as roles;
use crate::sessions::throttle::{self, Flood};
use crate::sessions::{cookie, store as sessions};
use crate::team::store::{self as team, Account};

/// Invitations one restaurant may send in an hour.
const INVITATIONS_PER_HOUR: u64 = 200;

fn expiry(now: DateTime<Utc>) -> DateTime<Utc> {
    now + Duration::hours(INVITATION_HOURS)
}

fn already_member() -> ApiError {
    ApiError::with_detail(
        ErrorCode::AlreadyMember,
        "this person is already a member of this restaurant",
    )
}

/// Refuses a client address that checked or used too many links this minute.
async fn limit_link_attempts(state: &AppState, client: &str) -> ApiResult<()> {
    match throttle::flood(&state.db, Flood::Link, client, links::ATTEMPTS_PER_MINUTE)
        .await
        .context("counting a link attempt")?
    {
        Ok(()) => Ok(()),
        Err(retry_after_secs) => Err(ApiError::TooManyAttempts { retry_after_secs }),
    }
}

/// Refuses a restaurant that sent too many invitations this hour.
async fn limit_invitations(state: &AppState, tenant: &Tenant) -> ApiResult<()> {
    match throttle::flood(
        &state.db,
        Flood::Invitation,
        &tenant.id().to_string(),
        INVITATIONS_PER_HOUR,
    )
    .await
    .context("counting an invitation")?
    {
        Ok(()) => Ok(()),
        Err(retry_after_secs) => Err(ApiError::TooManyAttempts { retry_after_secs }),
    }
}

/// Who the restaurant's members should contact about an invitation.
async fn contact(txn: &TenantTxn) -> ApiResult<Contact> {
    let restaurant_name = restaurants::name(txn).await?;
    let (owner_name, owner_email) = match team::owner(txn).await? {
        Some((member, person)) => (team::shown_name(&member, &person).to_owned(), person.email),
        None => (String::new(), String::new()),
    };
    Ok(Contact {
        restaurant_name,
        owner_name,
        owner_email,
    })
}

/// The invitation a link names, if it can still be used; anything else is audited as
/// a failed check and answered with the problem its follower sees.
async fn usable(
    state: &AppState,
    secret: &str,
    client: &str,
    now: DateTime<Utc>,
) -> ApiResult<(tokens::Token, Row)> {
    let db = &state.db;
    let token = if links::well_formed(secret) {
        tokens::find(db, Purpose::Invitation, secret).await?
    } else {
        None
    };
    let failed = |tenant_id: Option<Uuid>, reason: &'static str| AuditRecord {
        tenant_id,
        action: "invitation.check_failed",
        entity: "invitation",
        after: Some(json!({ "reason": reason })),
        client_addr: Some(client.to_owned()),
        ..AuditRecord::default()
    };
    let Some((token, invitation_id, tenant_id)) =
        token.and_then(|t| Some((t.clone(), t.invitation_id?, t.restaurant_id?)))
    else {
        audit::record(db, failed(None, "unknown")).await?;
        return Err(rules::unknown());
    };
    let tenant = Tenant::new(tenant_id);
    let txn = tenant
        .write(db)
        .await
        .context("opening the link's transaction")?;
    let Some(row) = store::by_id(&txn, invitation_id).await? else {
        audit::record(&txn, failed(Some(tenant_id), "unknown")).await?;
        txn.commit().await.context("auditing a failed check")?;
        return Err(rules::unknown());
    };
    if token.used_at.is_none() && token.expires_at > now && row.usable(now) {
        txn.commit()
            .await
            .context("ending the link's transaction")?;
        return Ok((token, row));
    }
    let problem = rules::unusable(row.status(), row.expires_at, now);
    let reason = problem.code().as_str();
    audit::record(
        &txn,
        AuditRecord {
            entity_id: Some(row.id.to_string()),
            after: Some(json!({ "reason": reason, "email": row.email })),
            ..failed(Some(tenant_id), "unusable")
        },
    )
    .await?;
    let who = contact(&txn).await?;
    txn.commit().await.context("auditing a failed check")?;
    Err(match problem.code() {
        ErrorCode::InvitationInvalid => problem,
        code => ApiError::WithContact(code, Box::new(who)),
    })
}

/// The invitations of the active restaurant still waiting for an answer.
///
/// Pending and expired invitations, most recently sent first; a pending invitation
/// whose 72 hours have passed is marked `expired` as the list is read. Requires the
/// permission `staff.create`.
#[endpoint]
#[utoipa::path(
    tag = "invitations",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "One page of invitations", body = Page<Invitation>),
        (status = 400, description = "`invalid_parameter`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.create`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/invitations")]
pub async fn list_invitations(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_CREATE>,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<Invitation>>> {
    let (limit, offset) = page.validate().map_err(ApiError::Validation)?;
    let txn = caller
        .tenant
        .write(&state.db)
        .await
        .context("opening the invitations' transaction")?;
    store::expire_overdue(&txn, state.clock.now()).await?;
    let open = store::open(&txn).await?;
    let total = open.len() as u64;
    let rows = open
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .collect();
    let items = store::wire(&txn, rows).await?;
    txn.commit()
        .await
        .context("ending the invitations' transaction")?;
    Ok(web::Json(Page {
        items,
        total,
        limit,
        offset,
    }))
}

/// Refuses a caller who does not hold everything an existing invitation grants (it is
/// theirs to resend, refresh or cancel only then). A custom role deleted since is no
/// longer offered.
async fn require_within_row(txn: &TenantTxn, caller: &Caller, row: &Row) -> ApiResult<()> {
    let wanted = row.custom_role_ids().into_iter().collect();
    let customs = roles::custom_roles(txn, &wanted).await?;
    let grant = roles::assignment_grant(txn, Some(row.role()), &customs).await?;
    let overrides = row.overrides();
    caller.require_within(overrides.apply(grant).union(overrides.granted()))
}

/// The offer of a request, held against the caller's own permissions.
async fn offer_within(
    txn: &TenantTxn,
    caller: &Caller,
    email: String,
    body: &CreateInvitationRequest,
) -> ApiResult<(Offer, Vec<roles::CustomRole>)> {
    let customs = roles::existing_custom_roles(txn, &body.custom_role_ids).await?;
    let mut overrides = Overrides::new();
    if let Some(personal) = &body.overrides {
        let (grant, deny) = personal.validate().map_err(ApiError::Validation)?;
        for permission in grant {
            overrides.grant(permission);
        }
        for permission in deny {
            overrides.deny(permission);
        }
    }
    if !overrides.is_empty() {
        caller.require(code::STAFF_MANAGE_ROLES)?;
    }
    let grant = roles::assignment_grant(txn, Some(body.role), &customs).await?;
    caller.require_within(overrides.apply(grant).union(overrides.granted()))?;
    let mut custom_role_ids: Vec<Uuid> = customs.iter().map(|role| role.id).collect();
    custom_role_ids.sort();
    Ok((
        Offer {
            email,
            role: body.role,
            custom_role_ids,
            overrides,
            language: crate::mail::language(body.language),
        },
        customs,
    ))
}

/// Issues a new link for an invitation (the old ones stop working) and posts it.
async fn send_link(
    state: &AppState,
    txn: &TenantTxn,
    caller: &Caller,
    row: &Row,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    tokens::revoke_invitation(txn, row.id, now).await?;
    let secret = tokens::issue(
        txn,
        Purpose::Invitation,
        tokens::Subject {
            restaurant_id: Some(row.tenant_id),
            invitation_id: Some(row.id),
            ..tokens::Subject::default()
        },
        now,
        row.expires_at,
    )
    .await?;
    let restaurant = restaurants::name(txn).await?;
    let inviter = team::shown_name(&caller.membership, &own_account(txn, caller).await?).to_owned();
    let letter = letters::invitation(letters::InvitationLetter {
        lang: row.language(),
        restaurant: &restaurant,
        inviter: &inviter,
        role: row.role(),
        link: state.mail.link("/auth/accept-invite", &secret),
        expires_at: row.expires_at,
    });
    state
        .mail
        .post(txn, Some(row.tenant_id), &row.email, letter, &state.clock)
        .await?;
    Ok(())
}

async fn own_account(txn: &TenantTxn, caller: &Caller) -> ApiResult<Account> {
    accounts::by_id(txn, caller.account_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the caller's account is missing").into())
}

/// Invite a person by email.
///
/// An email whose Brigade account is verified joins at once (`added`) and is told by
/// email. Anyone else — a new address, or an account nobody proved (created directly
/// by a restaurant) — gets an invitation (`invited`) whose link, sent by email, works
/// 72 hours and once; a pending invitation for the same email is refreshed (a new
/// link, a new expiry, this offer; only by a caller who holds what it granted) instead
/// of a second being made. Nobody is invited
/// as owner; what the roles and overrides grant must be within the caller's own
/// permissions, and overrides need `staff.manage_roles`. With an `Idempotency-Key`
/// header, a retried request answers what the first did and sends nothing more.
/// Audited as `invitation.sent` or `member.added`. Requires `staff.create`.
#[endpoint]
#[utoipa::path(
    tag = "invitations",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Any value (a UUID, say); a retry with the same key answers the first request's outcome and sends nothing")),
    request_body = CreateInvitationRequest,
    responses(
        (status = 200, description = "The pending invitation for this email was refreshed and sent again, or the request was a retry", body = InviteOutcome),
        (status = 201, description = "The person was added, or invited", body = InviteOutcome),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.create` (and `staff.manage_roles` for overrides); `exceeds_own_permissions`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_member`: this email is already on the team", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a field is invalid, `role` is `owner` (`not_assignable`), a custom role does not exist here (`custom_role_ids`: `unknown_role`), the key was used for another email (`Idempotency-Key`: `reused`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`: too many invitations from this restaurant in the last hour, with `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/invitations")]
pub async fn create_invitation(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_CREATE>,
    request: HttpRequest,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: CreateInvitationRequest = permitted_body(body)?;
    let email = body.validate().map_err(ApiError::Validation)?;
    let key = idempotency::key(&request);
    let db = &state.db;
    // Counted before the transaction: on SQLite it holds the only write lock.
    limit_invitations(&state, &caller.tenant).await?;
    let (txn, caller) = caller.change_access(db).await?;
    let now = state.clock.now();
    if let Some(key) = &key {
        if let Some(first) = store::by_idempotency_key(&txn, key).await? {
            if first.email != email.as_str() {
                return Err(idempotency::reused());
            }
            let joined = match first.accepted_by {
                Some(account) if first.status() == InvitationStatus::Accepted => {
                    team::active_member_of_account(&txn, account).await?
                }
                _ => None,
            };
            let outcome = match joined {
                Some((member, _)) => InviteOutcome::Added {
                    member: team::member(&txn, member.id).await?,
                },
                None => InviteOutcome::Invited {
                    invitation: store::wire(&txn, vec![first]).await?.remove(0),
                },
            };
            txn.commit().await.context("ending a retried invitation")?;
            return Ok(HttpResponse::Ok().json(outcome));
        }
    }
    let (offer, customs) = offer_within(&txn, &caller, email.as_str().to_owned(), &body).await?;
    let known = accounts::by_email(&txn, email.as_str()).await?;
    if let Some(person) = &known {
        if team::is_member(&txn, person.id).await? {
            return Err(already_member());
        }
        if person.email_verified {
            let member = add_now(&state, &txn, &caller, person, &offer, &customs).await?;
            store::record_joined(
                &txn,
                &offer,
                caller.account_id,
                person.id,
                key.as_deref(),
                now,
            )
            .await?;
            txn.commit().await.context("committing the addition")?;
            state.mail.wake();
            return Ok(HttpResponse::Created().json(InviteOutcome::Added { member }));
        }
    }
    let (row, status) = match store::open_for(&txn, email.as_str()).await? {
        Some(open) => {
            require_within_row(&txn, &caller, &open).await?;
            let renewed = store::renew(
                &txn,
                &open,
                Some(&offer),
                caller.account_id,
                key.as_deref(),
                now,
                expiry(now),
            )
            .await?;
            audit::record(
                &txn,
                AuditRecord {
                    before: Some(open.snapshot()),
                    after: Some(renewed.snapshot()),
                    ..caller.audit("invitation.resent", "invitation", renewed.id)
                },
            )
            .await?;
            (renewed, StatusCode::OK)
        }
        None => {
            let created = store::create(
                &txn,
                &offer,
                caller.account_id,
                key.as_deref(),
                now,
                expiry(now),
            )
            .await?;
            audit::record(
                &txn,
                AuditRecord {
                    after: Some(created.snapshot()),
                    ..caller.audit("invitation.sent", "invitation", created.id)
                },
            )
            .await?;
            (created, StatusCode::CREATED)
        }
    };
    send_link(&state, &txn, &caller, &row, now).await?;
    let invitation = store::wire(&txn, vec![row]).await?.remove(0);
    txn.commit().await.context("committing the invitation")?;
    state.mail.wake();
    Ok(HttpResponse::build(status).json(InviteOutcome::Invited { invitation }))
}

/// Adds a person whose account is proven: a membership at once, and a letter.
async fn add_now(
    state: &AppState,
    txn: &TenantTxn,
    caller: &Caller,
    person: &Account,
    offer: &Offer,
    customs: &[roles::CustomRole],
) -> ApiResult<brigade_domain::api::Member> {
    let membership_id = team::join(txn, person.id, offer.role, &offer.overrides).await?;
    let mut ids: Vec<Uuid> = customs.iter().map(|role| role.id).collect();
    ids.sort();
    team::replace_custom_roles(txn, membership_id, &ids).await?;
    audit::record(
        txn,
        AuditRecord {
            after: Some(json!({
                "account_id": person.id,
                "email": person.email,
                "role": offer.role,
                "custom_role_ids": ids,
                "overrides": crate::platform::stored::overrides_json(&offer.overrides),
                "by_invitation": true,
            })),
            ..caller.audit("member.added", "membership", membership_id)
        },
    )
    .await?;
    let restaurant = restaurants::name(txn).await?;
    let inviter = team::shown_name(&caller.membership, &own_account(txn, caller).await?).to_owned();
    let letter = letters::member_added(letters::AddedLetter {
        lang: offer.language,
        restaurant: &restaurant,
        inviter: &inviter,
        role: offer.role,
        link: state.mail.page("/login"),
    });
    state
        .mail
        .post(
            txn,
            Some(txn.tenant().id()),
            &person.email,
            letter,
            &state.clock,
        )
        .await?;
    team::member(txn, membership_id).await
}

/// The invitation an id names here, with the caller allowed to act on it.
async fn open_invitation(txn: &TenantTxn, id: Uuid) -> ApiResult<Row> {
    let row = store::by_id(txn, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    match row.status() {
        InvitationStatus::Pending | InvitationStatus::Expired => Ok(row),
        _ => Err(ApiError::Code(ErrorCode::InvitationClosed, None)),
    }
}

/// Send an invitation again.
///
/// A new link and a new 72-hour expiry; the previous link stops working. Works on a
/// pending or expired invitation; what it grants must be within the caller's own
/// permissions. Audited as `invitation.resent`. Requires `staff.create`.
#[endpoint]
#[utoipa::path(
    tag = "invitations",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The invitation id")),
    responses(
        (status = 200, description = "Sent again", body = Invitation),
        (status = 400, description = "`invalid_parameter`: not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.create`; `exceeds_own_permissions`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invitation_closed`: already accepted or cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`, with `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/invitations/{id}/resend")]
pub async fn resend_invitation(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_CREATE>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Invitation>> {
    let db = &state.db;
    limit_invitations(&state, &caller.tenant).await?;
    let (txn, caller) = caller.change_access(db).await?;
    let row = open_invitation(&txn, id.into_inner()).await?;
    require_within_row(&txn, &caller, &row).await?;
    let now = state.clock.now();
    let renewed = store::renew(&txn, &row, None, caller.account_id, None, now, expiry(now)).await?;
    audit::record(
        &txn,
        AuditRecord {
            before: Some(row.snapshot()),
            after: Some(renewed.snapshot()),
            ..caller.audit("invitation.resent", "invitation", row.id)
        },
    )
    .await?;
    send_link(&state, &txn, &caller, &renewed, now).await?;
    let invitation = store::wire(&txn, vec![renewed]).await?.remove(0);
    txn.commit().await.context("committing the resend")?;
    state.mail.wake();
    Ok(web::Json(invitation))
}

/// Cancel an invitation.
///
/// Its link stops working at once and shows the person that it was cancelled. Only a
/// caller who holds everything it grants may. Audited as `invitation.cancelled`.
/// Requires `staff.create`.
#[endpoint]
#[utoipa::path(
    tag = "invitations",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The invitation id")),
    responses(
        (status = 204, description = "Cancelled"),
        (status = 400, description = "`invalid_parameter`: not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.create`; `exceeds_own_permissions`: the invitation grants codes the caller lacks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`invitation_closed`: already accepted or cancelled", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/invitations/{id}/cancel")]
pub async fn cancel_invitation(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_CREATE>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let (txn, caller) = caller.change_access(&state.db).await?;
    let row = open_invitation(&txn, id.into_inner()).await?;
    require_within_row(&txn, &caller, &row).await?;
    let now = state.clock.now();
    if !store::close(&txn, row.id, InvitationStatus::Cancelled, None, now).await? {
        return Err(ApiError::Code(ErrorCode::InvitationClosed, None));
    }
    tokens::revoke_invitation(&txn, row.id, now).await?;
    audit::record(
        &txn,
        AuditRecord {
            before: Some(row.snapshot()),
            after: Some(json!({ "status": "cancelled" })),
            ..caller.audit("invitation.cancelled", "invitation", row.id)
        },
    )
    .await?;
    txn.commit().await.context("committing the cancellation")?;
    Ok(HttpResponse::NoContent().finish())
}

/// Check an invitation link.
///
/// What the link offers, and whether its email's account must log in (`existing`), be
/// created (`new`) or be taken over (`unproven`: one a restaurant created that nobody
/// proved; accepting as for a new account replaces its name and password). A link that names nothing is
/// `404 invitation_invalid`; one whose invitation expired, was cancelled or was
/// accepted is `410` with `contact`, the restaurant's owner. Every failed check is
/// audited; one client address checks or uses at most 10 links a minute (`429`).
#[endpoint]
#[utoipa::path(
    tag = "invitations",
    request_body = TokenRequest,
    security(()),
    responses(
        (status = 200, description = "The invitation can be accepted", body = InvitationPreview),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`invitation_invalid`", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "`invitation_expired`, `invitation_cancelled` or `invitation_used`, with `contact`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: no token (`token`: `required`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`, with `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/invitations/check")]
pub async fn check_invitation(
    state: web::Data<AppState>,
    guest: Public,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<InvitationPreview>> {
    let body: TokenRequest = permitted_body(body)?;
    links::require_present(&body.token)?;
    let client = guest.client_addr.unwrap_or_else(|| "unknown".into());
    limit_link_attempts(&state, &client).await?;
    let now = state.clock.now();
    let (_, row) = usable(&state, &body.token, &client, now).await?;
    let txn = Tenant::new(row.tenant_id)
        .read(&state.db)
        .await
        .context("opening the preview's transaction")?;
    let restaurant_name = restaurants::name(&txn).await?;
    let inviter_name = accounts::by_id(&txn, row.invited_by)
        .await?
        .map(|person| person.name)
        .unwrap_or_default();
    let account = match accounts::by_email(&txn, &row.email).await? {
        Some(person) if person.email_verified => InviteeAccount::Existing,
        Some(_) => InviteeAccount::Unproven,
        None => InviteeAccount::New,
    };
    txn.commit().await.context("ending the preview")?;
    Ok(web::Json(InvitationPreview {
        restaurant_name,
        role: row.role(),
        email: row.email,
        inviter_name,
        expires_at: row.expires_at,
        account,
    }))
}

/// Accept an invitation and log in to its restaurant.
///
/// For an email with a verified account, `password` is that account's (checked and
/// throttled as a login is). Otherwise `name` and `password` make the account — or,
/// for an account nobody proved, replace its name and password and end its sessions:
/// holding the link proves the email. The person becomes a member with the invited
/// roles and overrides, the inviter is told by email, and the answer is a session in
/// that restaurant (as login's, with `X-Brigade-Session: cookie` too). The link works
/// once. Audited as `invitation.accepted`; failures as `invitation.check_failed`.
#[endpoint]
#[utoipa::path(
    tag = "invitations",
    params(("X-Brigade-Session" = Option<String>, Header, description = "`cookie`: the browser app keeps its refresh token in the HttpOnly `brigade_refresh` cookie instead of the body")),
    request_body = AcceptInvitationRequest,
    security(()),
    responses(
        (status = 200, description = "Accepted and logged in", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_credentials`: not the account's password", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`invitation_invalid`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`already_member`; `email_taken`: another invitation for this email was accepted at the same moment", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "`invitation_expired`, `invitation_cancelled` or `invitation_used`, with `contact`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: no token (`token`: `required`), or `name` or `password` (for a new account)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`, with `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/invitations/accept")]
pub async fn accept_invitation(
    state: web::Data<AppState>,
    guest: Public,
    request: HttpRequest,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: AcceptInvitationRequest = permitted_body(body)?;
    links::require_present(&body.token)?;
    let client = guest.client_addr.unwrap_or_else(|| "unknown".into());
    limit_link_attempts(&state, &client).await?;
    let db = &state.db;
    let now = state.clock.now();
    let (token, row) = usable(&state, &body.token, &client, now).await?;
    let known = accounts::by_email(db, &row.email).await?;
    // What the person must show: the proven account's password, or who they are.
    let joining = match &known {
        Some(person) if person.email_verified => {
            let attempt = match throttle::begin(db, &person.email, &client)
                .await
                .context("counting a password check")?
            {
                Ok(attempt) => attempt,
                Err(retry_after_secs) => {
                    return Err(ApiError::TooManyAttempts { retry_after_secs })
                }
            };
            if !password::verify(body.password.clone(), Some(person.password_hash.clone())).await? {
                // A failed password check, as login's: counted, audited, alarming.
                if attempt.alarm() {
                    crate::sessions::http::alarm(db, person.id, &person.email).await?;
                }
                audit::record(
                    db,
                    AuditRecord {
                        actor_account_id: Some(person.id),
                        action: "auth.login_failed",
                        entity: "account",
                        entity_id: Some(person.id.to_string()),
                        after: Some(json!({ "email": person.email, "invitation": row.id })),
                        client_addr: Some(client.clone()),
                        ..AuditRecord::default()
                    },
                )
                .await?;
                return Err(ApiError::Code(ErrorCode::InvalidCredentials, None));
            }
            Joining::Existing(attempt)
        }
        _ => {
            let (name, new_password) = body.validate_new().map_err(ApiError::Validation)?;
            let hash = password::hash(new_password.expose().to_owned()).await?;
            Joining::New {
                name: name.as_str().to_owned(),
                hash,
            }
        }
    };
    let tenant = Tenant::new(row.tenant_id);
    let txn = tenant
        .write(db)
        .await
        .context("opening the acceptance's transaction")?;
    restaurants::begin_access_change(&txn).await?;
    // What the invitation is now: another request may have accepted, resent or
    // cancelled it since it was checked.
    let current = store::by_id(&txn, row.id).await?;
    let consumed = tokens::consume(&txn, token.id, now).await?;
    let row = match current {
        Some(current) if consumed && current.usable(now) => current,
        Some(current) => {
            return Err(rules::unusable(current.status(), current.expires_at, now));
        }
        None => return Err(rules::unknown()),
    };
    let (account_id, claimed) = match (joining, known) {
        (Joining::Existing(attempt), Some(person)) => {
            let current = accounts::locked(&txn, person.id, false).await?;
            if current.is_none_or(|now| now.password_hash != person.password_hash) {
                return Err(ApiError::Code(ErrorCode::InvalidCredentials, None));
            }
            attempt
                .succeeded(&txn)
                .await
                .context("clearing the login attempts")?;
            (person.id, false)
        }
        (Joining::New { name, hash }, Some(person)) => {
            accounts::claim(&txn, person.id, &name, hash).await?;
            // Links sent before belong to whoever held the account then.
            tokens::revoke_account(&txn, person.id, Purpose::PasswordReset, now).await?;
            tokens::revoke_account(&txn, person.id, Purpose::VerifyEmail, now).await?;
            (person.id, true)
        }
        (Joining::New { name, hash }, None) => {
            let created = accounts::create(
                &txn,
                accounts::NewAccount {
                    email: &row.email,
                    name: &name,
                    password_hash: hash,
                    must_change_password: false,
                },
            )
            .await?
            .ok_or_else(|| ApiError::Code(ErrorCode::EmailTaken, None))?;
            accounts::mark_verified(&txn, created).await?;
            (created, false)
        }
        (Joining::Existing(_), None) => return Err(rules::unknown()),
    };
    if team::is_member(&txn, account_id).await? {
        return Err(already_member());
    }
    let membership_id = team::join(&txn, account_id, row.role(), &row.overrides()).await?;
    let wanted = row.custom_role_ids().into_iter().collect();
    let mut still: Vec<Uuid> = roles::custom_roles(&txn, &wanted)
        .await?
        .iter()
        .map(|role| role.id)
        .collect();
    still.sort();
    team::replace_custom_roles(&txn, membership_id, &still).await?;
    store::close(
        &txn,
        row.id,
        InvitationStatus::Accepted,
        Some(account_id),
        now,
    )
    .await?;
    audit::record(
        &txn,
        AuditRecord {
            tenant_id: Some(tenant.id()),
            actor_account_id: Some(account_id),
            action: "invitation.accepted",
            entity: "invitation",
            entity_id: Some(row.id.to_string()),
            before: Some(row.snapshot()),
            after: Some(json!({
                "membership_id": membership_id,
                "account_id": account_id,
                "role": row.role,
                "custom_role_ids": still,
                "account_claimed": claimed,
            })),
            client_addr: Some(client.clone()),
        },
    )
    .await?;
    tell_inviter(&state, &txn, &row, account_id).await?;
    let in_cookie = cookie::wanted(&request);
    let (session_id, tokens) = sessions::open(
        &txn,
        &state.keys,
        account_id,
        tenant,
        sessions::Start::now(in_cookie),
    )
    .await?;
    txn.commit().await.context("committing the acceptance")?;
    state.mail.wake();
    if claimed {
        // The email's holder now owns the account: whoever knew its old password
        // loses every session they had with it.
        recovery::end_other_sessions(&state, account_id, Some(session_id), "account_claimed")
            .await?;
    }
    Ok(cookie::answer(
        &state.settings,
        StatusCode::OK,
        tokens,
        in_cookie,
    ))
}

enum Joining {
    Existing(throttle::Attempt),
    New { name: String, hash: String },
}

/// Tells the inviter their invitation was accepted (by email until live notifications
/// exist).
async fn tell_inviter(
    state: &AppState,
    txn: &TenantTxn,
    row: &Row,
    account_id: Uuid,
) -> ApiResult<()> {
    // Someone no longer on the team is not told who joined it.
    if team::active_member_of_account(txn, row.invited_by)
        .await?
        .is_none()
    {
        return Ok(());
    }
    let (Some(inviter), Some(person)) = (
        accounts::by_id(txn, row.invited_by).await?,
        accounts::by_id(txn, account_id).await?,
    ) else {
        return Ok(());
    };
    let restaurant = restaurants::name(txn).await?;
    let letter = letters::invitation_accepted(letters::AcceptedLetter {
        lang: row.language(),
        restaurant: &restaurant,
        name: &person.name,
        email: &person.email,
        role: row.role(),
        link: state.mail.page("/team"),
    });
    state
        .mail
        .post(
            txn,
            Some(row.tenant_id),
            &inviter.email,
            letter,
            &state.clock,
        )
        .await?;
    Ok(())
}
