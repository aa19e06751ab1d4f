//! Changing the team: adding a member with a temporary password, renaming them and
//! changing their roles, deactivating, reactivating and removing them, their personal
//! overrides and the explanation of their permissions, and handing the restaurant to
//! another owner. Every change is held against the editor's own permissions (nobody
//! grants what they do not hold, nor acts on someone who holds more), leaves the owner
//! alone, and is audited with before and after in the same transaction.

use std::collections::BTreeSet;

use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use brigade_domain::api::{Member, Problem};
use brigade_domain::errors::ErrorCode;
use brigade_domain::permissions::{code, Overrides, Permission, PermissionSet, SystemRole};
use brigade_domain::team::{
    CreateMemberRequest, MemberPermissions, PermissionDecision, PersonalOverrides,
    TransferOwnershipRequest, UpdateMemberRequest,
};
use brigade_domain::validation::{Email, FieldError, PersonName};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;

use crate::access::{self, permission_set_from_json, MemberAccess};
use crate::audit::{self, AuditRecord};
use crate::auth::{password, Caller};
use crate::entities::{account, custom_role, membership, membership_role, session};
use crate::error::{ApiError, ApiResult};
use crate::routes::auth::revoke_sessions;
use crate::routes::members::member_body;
use crate::routes::permitted_body;
use crate::state::AppState;
use crate::tenant::Tenant;

/// A member someone is about to change, with what decides their permissions.
struct Target {
    member: membership::Model,
    person: account::Model,
    access: MemberAccess,
}

impl Target {
    fn is_owner(&self) -> bool {
        self.access.primary_role == SystemRole::Owner
    }

    /// What the audit trail records of the member.
    fn snapshot(&self, custom_role_ids: &[Uuid]) -> serde_json::Value {
        json!({
            "name": self.person.name,
            "email": self.person.email,
            "role": self.member.role,
            "custom_role_ids": custom_role_ids,
            "active": self.member.active,
        })
    }
}

/// Loads a member of the caller's restaurant; `404` for an id of another restaurant.
async fn load_target<C: ConnectionTrait>(db: &C, tenant: Tenant, id: Uuid) -> ApiResult<Target> {
    let (member, person) = tenant
        .find_by_id::<membership::Entity>(id)
        .find_also_related(account::Entity)
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let person = person.ok_or_else(ApiError::not_found)?;
    let access = access::load(db, tenant, &member).await?;
    Ok(Target {
        member,
        person,
        access,
    })
}

fn owner_protected(detail: &str) -> ApiError {
    ApiError::with_detail(ErrorCode::OwnerProtected, detail)
}

/// The owner is never acted on this way; anyone else only by an editor who holds at
/// least every permission they hold.
fn may_act_on(caller: &Caller, target: &Target, what: &str) -> ApiResult<()> {
    if target.is_owner() {
        return Err(owner_protected(&format!(
            "the owner cannot be {what}; the owner may transfer ownership instead"
        )));
    }
    caller.require_within(target.access.permissions())
}

/// The custom roles a member holds, by id.
async fn custom_role_ids_of<C: ConnectionTrait>(
    db: &C,
    tenant: Tenant,
    membership_id: Uuid,
) -> ApiResult<Vec<Uuid>> {
    Ok(tenant
        .find::<membership_role::Entity>()
        .filter(membership_role::Column::MembershipId.eq(membership_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| row.custom_role_id)
        .collect())
}

/// The restaurant's custom roles with these ids, each once; `422` naming the field when
/// one does not exist here (another restaurant's role does not exist here).
async fn custom_roles<C: ConnectionTrait>(
    db: &C,
    tenant: Tenant,
    ids: &[Uuid],
) -> ApiResult<Vec<custom_role::Model>> {
    let wanted: BTreeSet<Uuid> = ids.iter().copied().collect();
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let found = tenant
        .find::<custom_role::Entity>()
        .filter(custom_role::Column::Id.is_in(wanted.iter().copied()))
        .all(db)
        .await?;
    if found.len() == wanted.len() {
        Ok(found)
    } else {
        let unknown: Vec<String> = wanted
            .iter()
            .filter(|id| !found.iter().any(|role| role.id == **id))
            .map(Uuid::to_string)
            .collect();
        Err(ApiError::Validation(vec![FieldError::new(
            "custom_role_ids",
            "unknown_role",
            format!("no such role in this restaurant: {}", unknown.join(", ")),
        )]))
    }
}

/// What assigning these roles grants: the system role as this restaurant has it, and
/// every custom role's codes.
async fn assignment_grant<C: ConnectionTrait>(
    db: &C,
    tenant: Tenant,
    role: Option<SystemRole>,
    customs: &[custom_role::Model],
) -> ApiResult<PermissionSet> {
    let mut grant = match role {
        Some(role) => access::system_role_grant(db, tenant, role).await?,
        None => PermissionSet::empty(),
    };
    for custom in customs {
        grant = grant.union(permission_set_from_json(&custom.permissions));
    }
    Ok(grant)
}

/// Replaces the custom roles a member holds (their extra system roles stay).
async fn replace_custom_roles<C: ConnectionTrait>(
    db: &C,
    tenant: Tenant,
    membership_id: Uuid,
    customs: &[custom_role::Model],
) -> ApiResult<()> {
    tenant
        .delete_many::<membership_role::Entity>()
        .filter(membership_role::Column::MembershipId.eq(membership_id))
        .filter(membership_role::Column::CustomRoleId.is_not_null())
        .exec(db)
        .await?;
    let now = Utc::now();
    for custom in customs {
        membership_role::ActiveModel {
            id: Set(Uuid::new_v4()),
            tenant_id: Set(tenant.id()),
            membership_id: Set(membership_id),
            system_role: Set(None),
            custom_role_id: Set(Some(custom.id)),
            created_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Ends every open session of an account in this restaurant; returns how many.
async fn end_sessions_here<C: ConnectionTrait>(
    db: &C,
    tenant: Tenant,
    account_id: Uuid,
    reason: &str,
) -> ApiResult<u64> {
    let here = tenant
        .update_many::<session::Entity>()
        .filter(session::Column::AccountId.eq(account_id));
    Ok(revoke_sessions(db, here, reason).await?)
}

fn ids_of(customs: &[custom_role::Model]) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = customs.iter().map(|role| role.id).collect();
    ids.sort();
    ids
}

/// Add a member to the team.
///
/// Creates the person's account with the temporary password (they must replace it at
/// their first login: until then every endpoint but `GET /me` and `POST /me/password`
/// answers `403 password_change_required`) and an active membership with the primary
/// role and any custom roles. What the roles grant must be within the caller's own
/// permissions. An email that already has a Brigade account is `409 email_taken`.
/// Audited as `member.created`. Requires the permission `staff.create`.
#[utoipa::path(
    tag = "members",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_CREATE))),
    security(("bearer" = [])),
    request_body = CreateMemberRequest,
    responses(
        (status = 201, description = "The member as created", body = Member),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.create`; `exceeds_own_permissions`: the roles grant codes the caller lacks (listed in `exceeding_permissions`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`email_taken`: this email already has an account", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a field is invalid, `role` is `owner` (`not_assignable`) or a custom role does not exist here (`custom_role_ids`: `unknown_role`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/members")]
pub async fn create_member(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    caller.require(code::STAFF_CREATE)?;
    let body: CreateMemberRequest = permitted_body(body)?;
    body.validate().map_err(ApiError::Validation)?;
    let email =
        Email::parse("email", &body.email).map_err(|error| ApiError::Validation(vec![error]))?;
    let name =
        PersonName::parse("name", &body.name).map_err(|error| ApiError::Validation(vec![error]))?;
    let db = &state.db;
    let tenant = caller.tenant;
    let customs = custom_roles(db, tenant, &body.custom_role_ids).await?;
    caller.require_within(assignment_grant(db, tenant, Some(body.role), &customs).await?)?;
    let email_taken = || {
        ApiError::with_detail(
            ErrorCode::EmailTaken,
            "this email already has a Brigade account; invite that person instead",
        )
    };
    if account::Entity::find()
        .filter(account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
        .is_some()
    {
        return Err(email_taken());
    }
    let password_hash = password::hash(body.temporary_password.clone()).await?;
    let now = Utc::now();
    let account_id = Uuid::new_v4();
    let membership_id = Uuid::new_v4();
    let txn = db.begin().await?;
    let inserted = account::ActiveModel {
        id: Set(account_id),
        email: Set(email.as_str().to_owned()),
        name: Set(name.as_str().to_owned()),
        password_hash: Set(password_hash),
        must_change_password: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await;
    if let Err(error) = inserted {
        // Two creations with one email at once: the unique index decides.
        return Err(match error.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => email_taken(),
            _ => error.into(),
        });
    }
    membership::ActiveModel {
        id: Set(membership_id),
        tenant_id: Set(tenant.id()),
        account_id: Set(account_id),
        role: Set(body.role.as_str().to_owned()),
        permission_overrides: Set(json!({})),
        active: Set(true),
        last_activity_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    replace_custom_roles(&txn, tenant, membership_id, &customs).await?;
    audit::record(
        &txn,
        AuditRecord {
            after: Some(json!({
                "account_id": account_id,
                "email": email.as_str(),
                "name": name.as_str(),
                "role": body.role,
                "custom_role_ids": ids_of(&customs),
                "active": true,
                "must_change_password": true,
            })),
            ..caller.audit("member.created", "membership", membership_id)
        },
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(member_body(db, tenant, membership_id).await?))
}

/// Change a member's name or roles.
///
/// Fields left out stay as they are. The name needs `staff.edit` (the person's account
/// is renamed, in every restaurant they belong to); `role` and `custom_role_ids` need
/// `staff.assign_roles`, and what the roles named grant must be within the caller's
/// own permissions. Nobody is made owner this way, the owner's roles never change and
/// only the owner renames the owner; a member who holds permissions the caller lacks
/// cannot be changed by that caller. Audited as `member.updated`. Requires the
/// permission `staff.edit` (an empty change too).
#[utoipa::path(
    tag = "members",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_EDIT))),
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The membership id")),
    request_body = UpdateMemberRequest,
    responses(
        (status = 200, description = "The member as changed", body = Member),
        (status = 400, description = "Malformed JSON or an id that is not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.edit` (`staff.assign_roles` for roles); `exceeds_own_permissions`; `owner_protected`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a field is invalid, `role` is `owner` (`not_assignable`) or a custom role does not exist here (`custom_role_ids`: `unknown_role`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/members/{id}")]
pub async fn update_member(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<Member>> {
    let body: UpdateMemberRequest = permitted_body(body)?;
    let changes_roles = body.role.is_some() || body.custom_role_ids.is_some();
    if body.name.is_some() || !changes_roles {
        caller.require(code::STAFF_EDIT)?;
    }
    if changes_roles {
        caller.require(code::STAFF_ASSIGN_ROLES)?;
    }
    body.validate().map_err(ApiError::Validation)?;
    let db = &state.db;
    let tenant = caller.tenant;
    let target = load_target(db, tenant, id.into_inner()).await?;
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
        Some(ids) => Some(custom_roles(db, tenant, ids).await?),
        None => None,
    };
    caller.require_within(
        assignment_grant(
            db,
            tenant,
            body.role,
            customs.as_deref().unwrap_or_default(),
        )
        .await?,
    )?;
    let name = match &body.name {
        Some(name) => Some(
            PersonName::parse("name", name).map_err(|error| ApiError::Validation(vec![error]))?,
        ),
        None => None,
    };
    let mut held_after = custom_role_ids_of(db, tenant, target.member.id).await?;
    held_after.sort();
    let before = target.snapshot(&held_after);
    let now = Utc::now();
    let txn = db.begin().await?;
    if let Some(name) = name.as_ref().filter(|n| n.as_str() != target.person.name) {
        account::ActiveModel {
            id: Set(target.person.id),
            name: Set(name.as_str().to_owned()),
            updated_at: Set(now),
            ..Default::default()
        }
        .update(&txn)
        .await?;
    }
    if let Some(role) = body.role {
        tenant
            .update_many::<membership::Entity>()
            .set(membership::ActiveModel {
                role: Set(role.as_str().to_owned()),
                updated_at: Set(now),
                ..Default::default()
            })
            .filter(membership::Column::Id.eq(target.member.id))
            .exec(&txn)
            .await?;
    }
    if let Some(customs) = &customs {
        replace_custom_roles(&txn, tenant, target.member.id, customs).await?;
        held_after = ids_of(customs);
    }
    audit::record(
        &txn,
        AuditRecord {
            before: Some(before),
            after: Some(json!({
                "name": name.as_ref().map_or(target.person.name.as_str(), |n| n.as_str()),
                "email": target.person.email,
                "role": body.role.map_or(target.member.role.as_str(), |r| r.as_str()),
                "custom_role_ids": held_after,
                "active": target.member.active,
            })),
            ..caller.audit("member.updated", "membership", target.member.id)
        },
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(member_body(db, tenant, target.member.id).await?))
}

/// Deactivates or reactivates a member, audited.
async fn set_active(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    active: bool,
) -> ApiResult<web::Json<Member>> {
    caller.require(code::STAFF_DEACTIVATE)?;
    let db = &state.db;
    let tenant = caller.tenant;
    let target = load_target(db, tenant, id).await?;
    may_act_on(
        caller,
        &target,
        if active { "reactivated" } else { "deactivated" },
    )?;
    if target.member.active != active {
        let txn = db.begin().await?;
        tenant
            .update_many::<membership::Entity>()
            .set(membership::ActiveModel {
                active: Set(active),
                updated_at: Set(Utc::now()),
                ..Default::default()
            })
            .filter(membership::Column::Id.eq(target.member.id))
            .exec(&txn)
            .await?;
        let ended = if active {
            0
        } else {
            end_sessions_here(&txn, tenant, target.person.id, "member_deactivated").await?
        };
        audit::record(
            &txn,
            AuditRecord {
                before: Some(json!({ "active": !active })),
                after: Some(json!({ "active": active, "sessions_ended": ended })),
                ..caller.audit(
                    if active {
                        "member.reactivated"
                    } else {
                        "member.deactivated"
                    },
                    "membership",
                    target.member.id,
                )
            },
        )
        .await?;
        txn.commit().await?;
    }
    Ok(web::Json(member_body(db, tenant, target.member.id).await?))
}

/// Deactivate a member.
///
/// The person's sessions in this restaurant end at once and they can no longer log in
/// to it (their account and other restaurants are untouched). Already inactive: no
/// change. The owner cannot be deactivated; nor can a member who holds permissions the
/// caller lacks. Audited as `member.deactivated`. Requires the permission
/// `staff.deactivate`.
#[utoipa::path(
    tag = "members",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_DEACTIVATE))),
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
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Member>> {
    set_active(&state, &caller, id.into_inner(), false).await
}

/// Reactivate a member.
///
/// The person can log in to the restaurant again. Already active: no change. Audited
/// as `member.reactivated`. Requires the permission `staff.deactivate`.
#[utoipa::path(
    tag = "members",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_DEACTIVATE))),
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
    caller: Caller,
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
#[utoipa::path(
    tag = "members",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_DELETE))),
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
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    caller.require(code::STAFF_DELETE)?;
    let db = &state.db;
    let tenant = caller.tenant;
    let target = load_target(db, tenant, id.into_inner()).await?;
    may_act_on(&caller, &target, "removed")?;
    let mut held = custom_role_ids_of(db, tenant, target.member.id).await?;
    held.sort();
    let before = json!({
        "member": target.snapshot(&held),
        "account_id": target.person.id,
        "permission_overrides": target.member.permission_overrides,
    });
    let txn = db.begin().await?;
    tenant
        .delete_many::<membership_role::Entity>()
        .filter(membership_role::Column::MembershipId.eq(target.member.id))
        .exec(&txn)
        .await?;
    tenant
        .delete_many::<membership::Entity>()
        .filter(membership::Column::Id.eq(target.member.id))
        .exec(&txn)
        .await?;
    let ended = end_sessions_here(&txn, tenant, target.person.id, "member_removed").await?;
    audit::record(
        &txn,
        AuditRecord {
            before: Some(before),
            after: Some(json!({ "removed": true, "sessions_ended": ended })),
            ..caller.audit("member.removed", "membership", target.member.id)
        },
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Every code of the catalogue for one member: granted or not, which level decided,
/// and their personal override of it.
fn explained(member_id: Uuid, access: &MemberAccess) -> MemberPermissions {
    MemberPermissions {
        member_id,
        permissions: Permission::all()
            .map(|permission| {
                let explanation = access.explain(permission);
                PermissionDecision {
                    code: permission.code().to_owned(),
                    granted: explanation.granted,
                    decided_by: explanation.decided_by,
                    personal_override: access.personal.get(permission),
                }
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
#[utoipa::path(
    tag = "members",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_VIEW_PERMISSIONS))),
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
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<MemberPermissions>> {
    caller.require(code::STAFF_VIEW_PERMISSIONS)?;
    let target = load_target(&state.db, caller.tenant, id.into_inner()).await?;
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
#[utoipa::path(
    tag = "members",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_MANAGE_ROLES))),
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The membership id")),
    request_body = PersonalOverrides,
    responses(
        (status = 200, description = "The member's permissions with the new overrides, explained", body = MemberPermissions),
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
    caller: Caller,
    id: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<MemberPermissions>> {
    caller.require(code::STAFF_MANAGE_ROLES)?;
    let body: PersonalOverrides = permitted_body(body)?;
    let (grant, deny) = body.validate().map_err(ApiError::Validation)?;
    let db = &state.db;
    let tenant = caller.tenant;
    let mut target = load_target(db, tenant, id.into_inner()).await?;
    if target.is_owner() {
        return Err(owner_protected(
            "the owner's permissions never change: there is nothing to override",
        ));
    }
    caller.require_within(target.access.permissions())?;
    let mut overrides = Overrides::new();
    for permission in &grant {
        overrides.grant(*permission);
    }
    for permission in &deny {
        overrides.deny(*permission);
    }
    // Lifting a deny gives back what the roles grant: that must be the editor's too.
    let before = target.access.permissions();
    target.access.personal = overrides;
    let gained = target.access.permissions().difference(before);
    caller.require_within(overrides.granted().union(gained))?;
    let stored = serde_json::to_value(overrides.to_map()).map_err(anyhow::Error::from)?;
    let txn = db.begin().await?;
    tenant
        .update_many::<membership::Entity>()
        .set(membership::ActiveModel {
            permission_overrides: Set(stored.clone()),
            updated_at: Set(Utc::now()),
            ..Default::default()
        })
        .filter(membership::Column::Id.eq(target.member.id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        AuditRecord {
            before: Some(target.member.permission_overrides.clone()),
            after: Some(stored),
            ..caller.audit("member.overrides_changed", "membership", target.member.id)
        },
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(explained(target.member.id, &target.access)))
}

/// Make an admin the owner.
///
/// Only the owner may, and only to an active member whose primary role is admin. In
/// one change the admin becomes the owner and the former owner an admin; each keeps
/// their sessions, and their new permissions apply on their next request. Audited as
/// `ownership.transferred`. Needs no `staff.*` permission but being the owner.
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
    caller: Caller,
    body: web::Json<TransferOwnershipRequest>,
) -> ApiResult<web::Json<Member>> {
    caller.require_owner()?;
    let db = &state.db;
    let tenant = caller.tenant;
    let target = tenant
        .find_by_id::<membership::Entity>(body.member_id)
        .one(db)
        .await?
        .filter(|member| member.active && member.role == SystemRole::Admin.as_str())
        .ok_or_else(|| {
            ApiError::Validation(vec![FieldError::new(
                "member_id",
                "not_an_admin",
                "ownership goes only to an active admin of this restaurant",
            )])
        })?;
    let now = Utc::now();
    let txn = db.begin().await?;
    for (id, role) in [
        (target.id, SystemRole::Owner),
        (caller.membership.id, SystemRole::Admin),
    ] {
        tenant
            .update_many::<membership::Entity>()
            .set(membership::ActiveModel {
                role: Set(role.as_str().to_owned()),
                updated_at: Set(now),
                ..Default::default()
            })
            .filter(membership::Column::Id.eq(id))
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        AuditRecord {
            before: Some(json!({
                "owner": caller.membership.id,
                "roles": { caller.membership.id.to_string(): "owner", target.id.to_string(): "admin" },
            })),
            after: Some(json!({
                "owner": target.id,
                "roles": { caller.membership.id.to_string(): "admin", target.id.to_string(): "owner" },
            })),
            ..caller.audit("ownership.transferred", "restaurant", tenant.id())
        },
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(member_body(db, tenant, target.id).await?))
}
