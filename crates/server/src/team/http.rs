//! The team's endpoints: reading the members; adding one with a temporary password,
//! renaming them and changing their roles, deactivating, reactivating and removing
//! them, their personal overrides and the explanation of their permissions, and
//! handing the restaurant to another owner. Every change is held against the editor's
//! own permissions ([`rules`](super::rules)), leaves the owner alone, reads what it
//! decides on inside its transaction and is audited there with before and after.

use std::collections::BTreeSet;

use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use anyhow::Context;
use brigade_domain::api::{Member, MemberPage, Page, PageQuery, Problem};
use brigade_domain::errors::ErrorCode;
use brigade_domain::invitations::{ResetMemberPasswordRequest, TemporaryPassword};
use brigade_domain::permissions::{code, needs, Overrides, Permission, SystemRole};
use brigade_domain::team::{
    CreateMemberRequest, InheritedDecision, MemberPermissions, PermissionDecision,
    PersonalOverrides, TransferOwnershipRequest, UpdateMemberRequest, MEMBER_SEARCH_MAX,
};
use brigade_domain::validation::{Email, PersonName};
use brigade_macros::endpoint;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::rules::{self, owner_protected};
use super::store::{self, Account, MemberFilter, MembershipChange, NewPerson};
use crate::access::member_access::{self, MemberAccess};
use crate::access::{Authorized, Caller, OwnerOnly};
use crate::accounts::{password, store as accounts};
use crate::audit;
use crate::platform::body::permitted_body;
use crate::platform::{ApiError, ApiResult, AppState, TenantTxn};
use crate::roles::store as roles;
use crate::sessions::store as sessions;
use crate::sessions::throttle::{self, Flood};

/// A member someone is about to change, with what decides their permissions, read in
/// the transaction that changes them.
struct Target {
    member: store::Membership,
    person: Account,
    access: MemberAccess,
    custom_role_ids: Vec<Uuid>,
    extra_system_roles: Vec<SystemRole>,
}

impl Target {
    async fn load(txn: &TenantTxn, id: Uuid) -> ApiResult<Target> {
        let (member, person) = store::member_with_account(txn, id)
            .await?
            .ok_or_else(ApiError::not_found)?;
        let access = member_access::load(txn, &member).await?;
        let custom_role_ids = store::custom_role_ids(txn, member.id).await?;
        let extra_system_roles = store::extra_system_roles(txn, member.id).await?;
        Ok(Target {
            member,
            person,
            access,
            custom_role_ids,
            extra_system_roles,
        })
    }

    fn is_owner(&self) -> bool {
        self.access.primary_role == SystemRole::Owner
    }

    fn name(&self) -> &str {
        store::shown_name(&self.member, &self.person)
    }

    /// What the audit trail records of the member.
    fn snapshot(&self) -> serde_json::Value {
        json!({
            "name": self.name(),
            "email": self.person.email,
            "role": self.member.role,
            "custom_role_ids": self.custom_role_ids,
            "extra_system_roles": self.extra_system_roles,
            "active": self.member.active,
        })
    }
}

fn sorted_ids(customs: &[roles::CustomRole]) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = customs.iter().map(|role| role.id).collect();
    ids.sort();
    ids
}

fn email_taken() -> ApiError {
    ApiError::with_detail(
        ErrorCode::EmailTaken,
        "this email already has a Brigade account; invite that person instead",
    )
}

/// Filters of the member list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MemberQuery {
    /// Matches part of the name or email, ignoring case.
    #[param(max_length = 100)] // brigade_domain::team::MEMBER_SEARCH_MAX
    pub q: Option<String>,
    /// Only members whose primary role is this one.
    pub role: Option<SystemRole>,
    /// Only active (`true`) or deactivated (`false`) members.
    pub active: Option<bool>,
}

/// The team of the active restaurant.
///
/// Searchable by name or email, filterable by primary role and status, paginated.
/// Requires the permission `staff.view`.
#[endpoint]
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(PageQuery, MemberQuery),
    responses(
        (status = 200, description = "One page of members, oldest first", body = Page<Member>),
        (status = 400, description = "`invalid_parameter`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.view`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members")]
pub async fn list_members(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_VIEW>,
    page: web::Query<PageQuery>,
    query: web::Query<MemberQuery>,
) -> ApiResult<web::Json<MemberPage>> {
    let (limit, offset) = page.validate().map_err(ApiError::Validation)?;
    if query
        .q
        .as_deref()
        .is_some_and(|q| q.chars().count() > MEMBER_SEARCH_MAX)
    {
        return Err(ApiError::field(
            "q",
            "too_long",
            format!("q must be at most {MEMBER_SEARCH_MAX} characters"),
        ));
    }
    let needle = query
        .q
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_lowercase);
    let filter = MemberFilter {
        role: query.role,
        active: query.active,
    };
    // A restaurant's team is small: the text search folds case in Rust, the same on
    // every engine (SQLite's lower() folds ASCII only), then the page is cut.
    let team = state
        .access
        .team(&state.db, caller.tenant, caller.team_version)
        .await?;
    let matching: Vec<_> = team
        .members
        .iter()
        .filter(|(member, person)| {
            filter.admits(member)
                && needle.as_ref().is_none_or(|needle| {
                    store::shown_name(member, person)
                        .to_lowercase()
                        .contains(needle)
                        || person.email.contains(needle)
                })
        })
        .cloned()
        .collect();
    let total = matching.len() as u64;
    let rows = matching
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .collect();
    // Who holds which role, as the caller's request found the restaurant.
    let snapshot = state
        .access
        .snapshot_of(&state.db, caller.tenant, caller.access_version)
        .await?;
    let items = store::wire(rows, &snapshot);
    Ok(web::Json(MemberPage {
        items,
        total,
        limit,
        offset,
    }))
}

/// One member of the active restaurant.
///
/// A member of another restaurant is `404`, exactly like an id that does not exist.
/// Requires the permission `staff.view`.
#[endpoint]
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The membership id")),
    responses(
        (status = 200, description = "The member", body = Member),
        (status = 400, description = "`invalid_parameter`: not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.view`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members/{id}")]
pub async fn get_member(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_VIEW>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Member>> {
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the member's transaction")?;
    let member = store::member(&txn, id.into_inner()).await?;
    txn.commit()
        .await
        .context("ending the member's transaction")?;
    Ok(web::Json(member))
}

/// Add a member to the team.
///
/// Creates the person's account with the temporary password (they must replace it at
/// their first login: until then every endpoint but `GET /me` and `POST /me/password`
/// answers `403 password_change_required`) and an active membership with the primary
/// role and any custom roles. What the roles grant must be within the caller's own
/// permissions. An email that already has a Brigade account is `409 email_taken`.
/// One client address creates at most 60 members an hour (`BRIGADE_NEW_MEMBER_LIMIT`).
/// Audited as `member.created`. Requires the permission `staff.create`.
#[endpoint]
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    request_body = CreateMemberRequest,
    responses(
        (status = 201, description = "The member as created", body = Member,
            links(("get_member" = (operation_id = "get_member", parameters(("id" = "$response.body#/id")))), ("update_member" = (operation_id = "update_member", parameters(("id" = "$response.body#/id")))), ("member_permissions" = (operation_id = "member_permissions", parameters(("id" = "$response.body#/id")))), ("replace_overrides" = (operation_id = "replace_overrides", parameters(("id" = "$response.body#/id")))), ("deactivate_member" = (operation_id = "deactivate_member", parameters(("id" = "$response.body#/id")))), ("reactivate_member" = (operation_id = "reactivate_member", parameters(("id" = "$response.body#/id")))), ("remove_member" = (operation_id = "remove_member", parameters(("id" = "$response.body#/id")))))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.create`; `exceeds_own_permissions`: the roles grant codes the caller lacks (listed in `exceeding_permissions`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`email_taken`: this email already has an account (invite that person); `already_member`: that account is already a member here", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a field is invalid, `role` is `owner` (`not_assignable`) or a custom role does not exist here (`custom_role_ids`: `unknown_role`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`: too many members created from this address in the last hour, with `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[post("/members")]
pub async fn create_member(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_CREATE>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: CreateMemberRequest = permitted_body(body)?;
    body.validate().map_err(ApiError::Validation)?;
    let email = Email::parse("email", &body.email).map_err(|e| ApiError::Validation(vec![e]))?;
    let name = PersonName::parse("name", &body.name).map_err(|e| ApiError::Validation(vec![e]))?;
    let db = &state.db;
    let client = caller
        .client_addr
        .clone()
        .unwrap_or_else(|| "unknown".into());
    if let Err(retry_after_secs) = throttle::flood(
        db,
        Flood::DirectMember,
        &client,
        state.settings.new_member_limit,
    )
    .await
    .context("counting a new member")?
    {
        return Err(ApiError::TooManyAttempts { retry_after_secs });
    }
    // Spares the slow hash for an email already known; the unique index decides.
    if let Some(known) = accounts::by_email(db, email.as_str()).await? {
        let txn = caller
            .tenant
            .read(db)
            .await
            .context("opening the look-up's transaction")?;
        let here = store::is_member(&txn, known.id).await?;
        txn.commit().await.context("ending a look-up")?;
        return Err(if here {
            ApiError::with_detail(
                ErrorCode::AlreadyMember,
                "this person is already a member of this restaurant",
            )
        } else {
            email_taken()
        });
    }
    let password_hash = password::hash(body.temporary_password.clone()).await?;
    let (txn, caller) = caller.change_access(db).await?;
    let customs = roles::existing_custom_roles(&txn, &body.custom_role_ids).await?;
    caller.require_within(roles::assignment_grant(&txn, Some(body.role), &customs).await?)?;
    let added = store::add_person(
        &txn,
        NewPerson {
            email: email.as_str(),
            name: name.as_str(),
            password_hash,
            must_change_password: true,
            role: body.role,
            last_activity_at: None,
        },
    )
    .await?
    .ok_or_else(email_taken)?;
    store::replace_custom_roles(&txn, added.membership_id, &sorted_ids(&customs)).await?;
    audit::record(
        &txn,
        audit::AuditRecord {
            after: Some(json!({
                "account_id": added.account_id,
                "email": email.as_str(),
                "name": name.as_str(),
                "role": body.role,
                "custom_role_ids": sorted_ids(&customs),
                "active": true,
                "must_change_password": true,
            })),
            ..caller.audit("member.created", "membership", added.membership_id)
        },
    )
    .await?;
    let member = store::member(&txn, added.membership_id).await?;
    txn.commit().await.context("committing the creation")?;
    Ok(HttpResponse::Created().json(member))
}

/// Change a member's name or roles.
///
/// Fields left out stay as they are. Requires the permission `staff.edit` (the name:
/// the name this restaurant gives the member, shown here only; the person's own name
/// and their other restaurants are untouched); `role`, `custom_role_ids` and
/// `extra_system_roles` also need `staff.assign_roles`, and what the roles named grant
/// must be within the caller's own permissions. Nobody is made owner this way, the
/// owner's roles never change and only the owner renames the owner; a member who holds
/// permissions the caller lacks cannot be changed by that caller. Audited as
/// `member.updated`.
#[endpoint]
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The membership id")),
    request_body = UpdateMemberRequest,
    responses(
        (status = 200, description = "The member as changed", body = Member),
        (status = 400, description = "Malformed JSON or an id that is not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.edit` (and `staff.assign_roles` for roles); `exceeds_own_permissions`; `owner_protected`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a field is invalid, `role` is `owner` (`not_assignable`) or a custom role does not exist here (`custom_role_ids`: `unknown_role`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`: too many members created from this address in the last hour, with `Retry-After`", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
#[patch("/members/{id}")]
pub async fn update_member(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_EDIT>,
    id: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<Member>> {
    let body: UpdateMemberRequest = permitted_body(body)?;
    let changes_roles =
        body.role.is_some() || body.custom_role_ids.is_some() || body.extra_system_roles.is_some();
    if changes_roles {
        caller.require(code::STAFF_ASSIGN_ROLES)?;
    }
    body.validate().map_err(ApiError::Validation)?;
    let name = match &body.name {
        Some(name) => {
            Some(PersonName::parse("name", name).map_err(|e| ApiError::Validation(vec![e]))?)
        }
        None => None,
    };
    let (txn, caller) = caller.change_access(&state.db).await?;
    let target = Target::load(&txn, id.into_inner()).await?;
    if target.is_owner() {
        if changes_roles {
            return Err(owner_protected(
                "the owner's roles never change; the owner may transfer ownership instead",
            ));
        }
        if target.member.id != caller.membership.id {
            return Err(owner_protected("only the owner renames the owner"));
        }
    } else {
        caller.require_within(target.access.permissions())?;
    }
    let customs = match &body.custom_role_ids {
        Some(ids) => Some(roles::existing_custom_roles(&txn, ids).await?),
        None => None,
    };
    // Extra system roles, each once, and never the primary role again.
    let primary = body.role.unwrap_or(target.access.primary_role);
    let extras: Option<Vec<SystemRole>> = body.extra_system_roles.as_ref().map(|roles| {
        let held: BTreeSet<SystemRole> = roles.iter().copied().filter(|r| *r != primary).collect();
        held.into_iter().collect()
    });
    let mut grant =
        roles::assignment_grant(&txn, body.role, customs.as_deref().unwrap_or_default()).await?;
    for role in extras.iter().flatten() {
        grant = grant.union(roles::system_role_grant(&txn, *role).await?);
    }
    caller.require_within(grant)?;
    let renamed = name.as_ref().filter(|n| n.as_str() != target.name());
    let new_role = body.role.filter(|role| role.as_str() != target.member.role);
    let new_customs = customs
        .as_deref()
        .map(sorted_ids)
        .filter(|ids| *ids != target.custom_role_ids);
    let new_extras = extras.filter(|roles| *roles != target.extra_system_roles);
    // A change that changes nothing is answered, not recorded.
    if renamed.is_some() || new_role.is_some() || new_customs.is_some() || new_extras.is_some() {
        // A new name is this restaurant's for the member, never their account's.
        if renamed.is_some() || new_role.is_some() {
            store::change(
                &txn,
                target.member.id,
                MembershipChange {
                    role: new_role,
                    display_name: renamed.map(|name| name.as_str().to_owned()),
                    ..MembershipChange::default()
                },
            )
            .await?;
        }
        if let Some(ids) = &new_customs {
            store::replace_custom_roles(&txn, target.member.id, ids).await?;
        }
        if let Some(extras) = &new_extras {
            store::replace_extra_system_roles(&txn, target.member.id, extras).await?;
        }
        audit::record(
            &txn,
            audit::AuditRecord {
                before: Some(target.snapshot()),
                after: Some(json!({
                    "name": renamed.map_or(target.name(), |n| n.as_str()),
                    "email": target.person.email,
                    "role": new_role.map_or(target.member.role.as_str(), |r| r.as_str()),
                    "custom_role_ids": new_customs.as_ref().unwrap_or(&target.custom_role_ids),
                    "extra_system_roles": new_extras.as_ref().unwrap_or(&target.extra_system_roles),
                    "active": target.member.active,
                })),
                ..caller.audit("member.updated", "membership", target.member.id)
            },
        )
        .await?;
    }
    let member = store::member(&txn, target.member.id).await?;
    txn.commit().await.context("committing the change")?;
    Ok(web::Json(member))
}

/// Deactivates or reactivates a member, audited.
async fn set_active(
    state: &AppState,
    caller: &Authorized<needs::STAFF_DEACTIVATE>,
    id: Uuid,
    active: bool,
) -> ApiResult<web::Json<Member>> {
    let (txn, caller) = caller.change_access(&state.db).await?;
    let target = Target::load(&txn, id).await?;
    let what = if active { "reactivated" } else { "deactivated" };
    rules::may_act_on(caller.permissions, &target.access, what)?;
    if target.member.active != active {
        store::change(
            &txn,
            target.member.id,
            MembershipChange {
                active: Some(active),
                ..MembershipChange::default()
            },
        )
        .await?;
        let ended = if active {
            0
        } else {
            sessions::revoke_here(&txn, target.person.id, "member_deactivated").await?
        };
        let action = if active {
            "member.reactivated"
        } else {
            "member.deactivated"
        };
        audit::record(
            &txn,
            audit::AuditRecord {
                before: Some(json!({ "active": !active })),
                after: Some(json!({ "active": active, "sessions_ended": ended })),
                ..caller.audit(action, "membership", target.member.id)
            },
        )
        .await?;
    }
    let member = store::member(&txn, target.member.id).await?;
    txn.commit().await.context("committing the status change")?;
    Ok(web::Json(member))
}

/// Deactivate a member.
///
/// The person's sessions in this restaurant end at once and they can no longer log in
/// to it (their account and other restaurants are untouched). Already inactive: no
/// change. The owner cannot be deactivated; nor can a member who holds permissions the
/// caller lacks. Audited as `member.deactivated`. Requires the permission
/// `staff.deactivate`.
#[endpoint]
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The membership id")),
    responses(
        (status = 200, description = "The member, inactive", body = Member),
        (status = 400, description = "`invalid_parameter`: not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.deactivate`; `exceeds_own_permissions`; `owner_protected`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/members/{id}/deactivate")]
pub async fn deactivate_member(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_DEACTIVATE>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Member>> {
    set_active(&state, &caller, id.into_inner(), false).await
}

/// Reactivate a member.
///
/// The person can log in to the restaurant again. Already active: no change. Nobody
/// reactivates the owner this way, nor a member who holds permissions they lack.
/// Audited as `member.reactivated`. Requires the permission `staff.deactivate`.
#[endpoint]
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The membership id")),
    responses(
        (status = 200, description = "The member, active", body = Member),
        (status = 400, description = "`invalid_parameter`: not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.deactivate`; `exceeds_own_permissions`; `owner_protected`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/members/{id}/reactivate")]
pub async fn reactivate_member(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_DEACTIVATE>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Member>> {
    set_active(&state, &caller, id.into_inner(), true).await
}

/// Remove a member from the restaurant.
///
/// The membership and the roles it held are deleted and the person's sessions in this
/// restaurant end; their account stays (they may belong to other restaurants). The
/// owner cannot be removed; nor can a member who holds permissions the caller lacks.
/// Audited as `member.removed`. Requires the permission `staff.delete`.
#[endpoint]
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The membership id")),
    responses(
        (status = 204, description = "The member is no longer in the restaurant"),
        (status = 400, description = "`invalid_parameter`: not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.delete`; `exceeds_own_permissions`; `owner_protected`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/members/{id}")]
pub async fn remove_member(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_DELETE>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let (txn, caller) = caller.change_access(&state.db).await?;
    let target = Target::load(&txn, id.into_inner()).await?;
    rules::may_act_on(caller.permissions, &target.access, "removed")?;
    let before = json!({
        "member": target.snapshot(),
        "account_id": target.person.id,
        "permission_overrides": target.member.permission_overrides,
    });
    store::remove(&txn, target.member.id).await?;
    let ended = sessions::revoke_here(&txn, target.person.id, "member_removed").await?;
    audit::record(
        &txn,
        audit::AuditRecord {
            before: Some(before),
            after: Some(json!({ "removed": true, "sessions_ended": ended })),
            ..caller.audit("member.removed", "membership", target.member.id)
        },
    )
    .await?;
    txn.commit().await.context("committing the removal")?;
    Ok(HttpResponse::NoContent().finish())
}

/// Every code of the catalogue for one member: granted or not, which level decided,
/// and their personal override of it.
fn explained(member_id: Uuid, access: &MemberAccess) -> MemberPermissions {
    let all: Vec<Permission> = Permission::all().collect();
    MemberPermissions {
        member_id,
        permissions: access
            .explain_all(&all)
            .into_iter()
            .map(|(explanation, inherited)| PermissionDecision {
                code: explanation.permission.code().to_owned(),
                granted: explanation.granted,
                decided_by: explanation.decided_by,
                personal_override: access.personal.get(explanation.permission),
                inherited: InheritedDecision {
                    granted: inherited.granted,
                    decided_by: inherited.decided_by,
                },
            })
            .collect(),
    }
}

/// Why a member can, or cannot, do each thing.
///
/// Every code of the catalogue, in catalogue order, with whether the member has it,
/// which level decided (owner, personal override, the restaurant's override of a
/// system role, a system role's default, a custom role by name, or no role grants it)
/// and their personal override of it. Resolved from storage on this request. Requires
/// the permission `staff.view_permissions`.
#[endpoint]
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The membership id")),
    responses(
        (status = 200, description = "Every code, explained", body = MemberPermissions),
        (status = 400, description = "`invalid_parameter`: not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.view_permissions`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members/{id}/permissions")]
pub async fn member_permissions(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_VIEW_PERMISSIONS>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<MemberPermissions>> {
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the explanation's transaction")?;
    let target = Target::load(&txn, id.into_inner()).await?;
    txn.commit()
        .await
        .context("ending the explanation's transaction")?;
    Ok(web::Json(explained(target.member.id, &target.access)))
}

/// Replace a member's personal overrides.
///
/// The codes in `grant` are granted and those in `deny` denied to this person whatever
/// their roles say; every other code inherits. Granting — and lifting a deny, which
/// gives back what the roles grant — is limited to codes the caller holds; denying is
/// always allowed. The owner has no overrides; a member who holds
/// permissions the caller lacks cannot be changed by that caller. Applies on the
/// member's next request. Audited as `member.overrides_changed`. Requires the
/// permission `staff.manage_roles`.
#[endpoint]
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The membership id")),
    request_body = PersonalOverrides,
    responses(
        (status = 200, description = "The member's permissions with the new overrides, explained, when the caller also holds `staff.view_permissions`", body = MemberPermissions),
        (status = 204, description = "Saved, for a caller without `staff.view_permissions`: the explanation is not theirs to read"),
        (status = 400, description = "Malformed JSON or an id that is not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.manage_roles`; `exceeds_own_permissions`: grants codes the caller lacks, or the member holds some; `owner_protected`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: an unknown code (`unknown_permission`) or a code both granted and denied (`conflict`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/members/{id}/overrides")]
pub async fn replace_overrides(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_MANAGE_ROLES>,
    id: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: PersonalOverrides = permitted_body(body)?;
    let (grant, deny) = body.validate().map_err(ApiError::Validation)?;
    let mut overrides = Overrides::new();
    for permission in &grant {
        overrides.grant(*permission);
    }
    for permission in &deny {
        overrides.deny(*permission);
    }
    let (txn, caller) = caller.change_access(&state.db).await?;
    let mut target = Target::load(&txn, id.into_inner()).await?;
    if target.is_owner() {
        return Err(owner_protected(
            "the owner's permissions never change: there is nothing to override",
        ));
    }
    caller.require_within(target.access.permissions())?;
    caller.require_within(rules::overrides_need(&target.access, overrides))?;
    if target.access.personal == overrides {
        txn.commit()
            .await
            .context("ending the overrides' transaction")?;
        return Ok(overrides_answer(&caller, &target));
    }
    store::change(
        &txn,
        target.member.id,
        MembershipChange {
            overrides: Some(overrides),
            ..MembershipChange::default()
        },
    )
    .await?;
    audit::record(
        &txn,
        audit::AuditRecord {
            before: Some(target.member.permission_overrides.clone()),
            after: Some(crate::platform::stored::overrides_json(&overrides)),
            ..caller.audit("member.overrides_changed", "membership", target.member.id)
        },
    )
    .await?;
    txn.commit().await.context("committing the overrides")?;
    target.access.personal = overrides;
    Ok(overrides_answer(&caller, &target))
}

/// The answer to a change of overrides: the explanation for a caller allowed to read
/// it (`staff.view_permissions`), else a bare `204`.
fn overrides_answer(caller: &Caller, target: &Target) -> HttpResponse {
    if caller.permissions.contains(code::STAFF_VIEW_PERMISSIONS) {
        HttpResponse::Ok().json(explained(target.member.id, &target.access))
    } else {
        HttpResponse::NoContent().finish()
    }
}

/// Make an admin the owner.
///
/// Only the owner may, and only to an active member whose primary role is admin. In
/// one change the admin becomes the owner and the former owner an admin; each keeps
/// their sessions, and their new permissions apply on their next request. Audited as
/// `ownership.transferred`. Needs no `staff.*` permission but being the owner.
#[endpoint]
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    request_body = TransferOwnershipRequest,
    responses(
        (status = 200, description = "The new owner", body = Member),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`owner_only`: the caller is not the owner", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `member_id` is not an active admin of this restaurant (`not_an_admin`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/ownership/transfer")]
pub async fn transfer_ownership(
    state: web::Data<AppState>,
    caller: OwnerOnly,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<Member>> {
    let body: TransferOwnershipRequest = permitted_body(body)?;
    let (txn, caller) = caller.change_access(&state.db).await?;
    let not_an_admin = || {
        ApiError::field(
            "member_id",
            "not_an_admin",
            "ownership goes only to an active admin of this restaurant",
        )
    };
    let (target, _) = store::member_with_account(&txn, body.member_id)
        .await?
        .ok_or_else(not_an_admin)?;
    if !(target.active && target.role == SystemRole::Admin.as_str()) {
        return Err(not_an_admin());
    }
    // The owner steps down first: the database holds one owner per restaurant at every
    // statement (a unique partial index), so the new owner can only come second.
    for (id, role) in [
        (caller.membership.id, SystemRole::Admin),
        (target.id, SystemRole::Owner),
    ] {
        store::change(
            &txn,
            id,
            MembershipChange {
                role: Some(role),
                ..MembershipChange::default()
            },
        )
        .await?;
    }
    audit::record(
        &txn,
        audit::AuditRecord {
            before: Some(json!({
                "owner": caller.membership.id,
                "roles": { caller.membership.id.to_string(): "owner", target.id.to_string(): "admin" },
            })),
            after: Some(json!({
                "owner": target.id,
                "roles": { caller.membership.id.to_string(): "admin", target.id.to_string(): "owner" },
            })),
            ..caller.audit("ownership.transferred", "restaurant", caller.tenant.id())
        },
    )
    .await?;
    let member = store::member(&txn, target.id).await?;
    txn.commit().await.context("committing the transfer")?;
    Ok(web::Json(member))
}

/// A temporary password: 16 characters from an alphabet without look-alikes, from the
/// operating system's generator (about 90 bits).
fn temporary_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..16)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}

/// Give a member a new temporary password.
///
/// For a member whose account this restaurant created (its email unproven): the member
/// must replace it at their next login; their sessions here end. It is shown once in
/// the answer, or, with `send_by_email`, emailed to them and not shown. Never on the
/// owner, on oneself (change your own password instead), on a member who holds
/// permissions the caller lacks, on a person who proved their email (`409
/// proven_account`: they reset their own password by email) nor on someone who also
/// belongs to another restaurant. Audited as `member.password_reset`. Requires the
/// permission `staff.edit`.
#[endpoint]
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The membership id")),
    request_body = ResetMemberPasswordRequest,
    responses(
        (status = 200, description = "The new temporary password (absent when emailed)", body = TemporaryPassword),
        (status = 400, description = "Malformed JSON or an id that is not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.edit`; `exceeds_own_permissions`; `owner_protected`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`proven_account`: the person proved their email; `email_taken`: the person also belongs to another restaurant", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: the caller themselves (`id`: `self`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/members/{id}/password")]
pub async fn reset_member_password(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_EDIT>,
    id: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<TemporaryPassword>> {
    let body: ResetMemberPasswordRequest = permitted_body(body)?;
    let id = id.into_inner();
    if id == caller.membership.id {
        return Err(ApiError::field(
            "id",
            "self",
            "change your own password from your profile instead",
        ));
    }
    let db = &state.db;
    let secret = temporary_password();
    let hash = password::hash(secret.clone()).await?;
    let (txn, caller) = caller.change_access(db).await?;
    let target = Target::load(&txn, id).await?;
    rules::may_act_on(caller.permissions, &target.access, "given a new password")?;
    // A person who proved their email holds their own password: only they change it,
    // by a reset link. Otherwise a restaurant could take their account into others.
    // Read with the account's row held, so an acceptance elsewhere that proves the
    // email (and sets the person's own password) goes entirely before or after.
    let person = accounts::locked(&txn, target.person.id, true)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if person.email_verified {
        return Err(ApiError::with_detail(
            ErrorCode::ProvenAccount,
            "this person proved their email: they reset their own password from the login page",
        ));
    }
    // Another restaurant's member keeps the password they chose.
    if elsewhere(&state, target.person.id, caller.tenant).await? {
        return Err(ApiError::with_detail(
            ErrorCode::EmailTaken,
            "this person also belongs to another restaurant: they reset their own password by email",
        ));
    }
    accounts::set_temporary_password(&txn, target.person.id, hash).await?;
    crate::links::store::revoke_account(
        &txn,
        target.person.id,
        crate::links::Purpose::PasswordReset,
        state.clock.now(),
    )
    .await?;
    let ended = sessions::revoke_here(&txn, target.person.id, "password_reset_by_admin").await?;
    if body.send_by_email {
        let restaurant = crate::restaurants::store::name(&txn).await?;
        let letter = crate::mail::letters::temporary_password(
            crate::mail::language(body.language),
            &restaurant,
            store::shown_name(
                &caller.membership,
                &accounts::by_id(&txn, caller.account_id)
                    .await?
                    .ok_or_else(ApiError::not_found)?,
            ),
            &secret,
            state.mail.page("/login"),
        );
        state
            .mail
            .post(
                &txn,
                Some(caller.tenant.id()),
                &target.person.email,
                letter,
                &state.clock,
            )
            .await?;
    }
    audit::record(
        &txn,
        audit::AuditRecord {
            after: Some(json!({
                "must_change_password": true,
                "sent_by_email": body.send_by_email,
                "sessions_ended": ended,
            })),
            ..caller.audit("member.password_reset", "membership", target.member.id)
        },
    )
    .await?;
    txn.commit()
        .await
        .context("committing the password reset")?;
    state.mail.wake();
    Ok(web::Json(TemporaryPassword {
        temporary_password: (!body.send_by_email).then_some(secret),
        sent_by_email: body.send_by_email,
    }))
}

/// Whether an account belongs to a restaurant besides `here`.
async fn elsewhere(
    state: &AppState,
    account_id: Uuid,
    here: crate::platform::Tenant,
) -> ApiResult<bool> {
    let txn = crate::platform::AccountTxn::read(&state.db, account_id)
        .await
        .context("opening the person's transaction")?;
    let places = store::memberships_of(&txn).await?;
    txn.commit()
        .await
        .context("ending the person's transaction")?;
    Ok(places
        .iter()
        .any(|(member, _)| member.tenant_id != here.id()))
}
