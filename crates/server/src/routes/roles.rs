//! Changing the roles: the restaurant's custom roles (note 002: name, description,
//! colour and codes), and the owner's matrix (note 001 C4): what each system role
//! grants in this restaurant, stored only as its difference from the role's defaults.
//! Nobody grants a code they do not hold; the owner role never changes; every change
//! is audited with before and after in the same transaction.

use std::str::FromStr;

use actix_web::{delete, post, put, web, HttpResponse};
use brigade_domain::api::{CustomRoleInfo, Problem, SystemRoleInfo};
use brigade_domain::errors::ErrorCode;
use brigade_domain::permissions::{code, Overrides, PermissionSet, SystemRole};
use brigade_domain::team::{
    parse_codes, parse_color, CustomRoleRequest, SystemRolePermissionsRequest,
};
use brigade_domain::validation::FieldError;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, Set, TransactionTrait};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::access::{self, overrides_from_json, permission_set_from_json};
use crate::audit::{self, AuditRecord};
use crate::auth::Caller;
use crate::entities::{custom_role, membership, membership_role, role_override};
use crate::error::{ApiError, ApiResult};
use crate::routes::catalogue::role_list;
use crate::routes::permitted_body;
use crate::state::AppState;
use crate::tenant::Tenant;

fn codes_json(set: PermissionSet) -> serde_json::Value {
    json!(set.codes())
}

/// A custom role as `GET /roles` shows it.
async fn custom_role_info<C: ConnectionTrait>(
    db: &C,
    tenant: Tenant,
    id: Uuid,
) -> ApiResult<CustomRoleInfo> {
    role_list(db, tenant)
        .await?
        .custom
        .into_iter()
        .find(|role| role.id == id)
        .ok_or_else(ApiError::not_found)
}

/// A system role as `GET /roles` shows it.
async fn system_role_info<C: ConnectionTrait>(
    db: &C,
    tenant: Tenant,
    role: SystemRole,
) -> ApiResult<SystemRoleInfo> {
    role_list(db, tenant)
        .await?
        .system
        .into_iter()
        .find(|info| info.role == role)
        .ok_or_else(ApiError::not_found)
}

fn role_name_taken() -> ApiError {
    ApiError::with_detail(
        ErrorCode::RoleNameTaken,
        "another role of this restaurant already has this name",
    )
}

/// Refuses a name another custom role of the restaurant has, ignoring case.
async fn name_is_free<C: ConnectionTrait>(
    db: &C,
    tenant: Tenant,
    name: &str,
    except: Option<Uuid>,
) -> ApiResult<()> {
    let folded = name.to_lowercase();
    let taken = tenant
        .find::<custom_role::Entity>()
        .all(db)
        .await?
        .into_iter()
        .any(|role| Some(role.id) != except && role.name.to_lowercase() == folded);
    if taken {
        Err(role_name_taken())
    } else {
        Ok(())
    }
}

/// A custom role request, validated: the trimmed name, the colour and the codes.
fn valid_role(body: &CustomRoleRequest) -> ApiResult<(String, String, PermissionSet)> {
    let codes = body.validate().map_err(ApiError::Validation)?;
    let color =
        parse_color("color", &body.color).map_err(|error| ApiError::Validation(vec![error]))?;
    Ok((
        body.name.trim().to_owned(),
        color,
        codes.into_iter().collect(),
    ))
}

/// Maps the unique index on a restaurant's role names to `409`.
fn unique_name(error: sea_orm::DbErr) -> ApiError {
    match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => role_name_taken(),
        _ => error.into(),
    }
}

/// Create a custom role.
///
/// Its name is unique in the restaurant (ignoring case), its colour `#rrggbb`, and its
/// codes must all be held by the caller. Audited as `role.created`. Requires the
/// permission `staff.manage_roles`.
#[utoipa::path(
    tag = "roles",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_MANAGE_ROLES))),
    security(("bearer" = [])),
    request_body = CustomRoleRequest,
    responses(
        (status = 201, description = "The role as created", body = CustomRoleInfo),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.manage_roles`; `exceeds_own_permissions`: codes the caller lacks (listed in `exceeding_permissions`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`role_name_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: name, description, colour (`invalid_color`) or codes (`unknown_permission`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/roles")]
pub async fn create_role(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    caller.require(code::STAFF_MANAGE_ROLES)?;
    let body: CustomRoleRequest = permitted_body(body)?;
    let (name, color, permissions) = valid_role(&body)?;
    caller.require_within(permissions)?;
    let db = &state.db;
    let tenant = caller.tenant;
    name_is_free(db, tenant, &name, None).await?;
    let id = Uuid::new_v4();
    let now = Utc::now();
    let txn = db.begin().await?;
    custom_role::ActiveModel {
        id: Set(id),
        tenant_id: Set(tenant.id()),
        name: Set(name.clone()),
        description: Set(body.description.clone()),
        color: Set(color.clone()),
        permissions: Set(codes_json(permissions)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(unique_name)?;
    audit::record(
        &txn,
        AuditRecord {
            after: Some(json!({
                "name": name,
                "description": body.description,
                "color": color,
                "permissions": codes_json(permissions),
            })),
            ..caller.audit("role.created", "custom_role", id)
        },
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(custom_role_info(db, tenant, id).await?))
}

/// Replace a custom role.
///
/// Name, description, colour and codes are replaced; a code added must be held by the
/// caller (removing codes is always allowed). Members holding the role get the change
/// on their next request. Audited as `role.updated`. Requires the permission
/// `staff.manage_roles`.
#[utoipa::path(
    tag = "roles",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_MANAGE_ROLES))),
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The custom role id")),
    request_body = CustomRoleRequest,
    responses(
        (status = 200, description = "The role as changed", body = CustomRoleInfo),
        (status = 400, description = "Malformed JSON or an id that is not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.manage_roles`; `exceeds_own_permissions`: added codes the caller lacks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`role_name_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: name, description, colour (`invalid_color`) or codes (`unknown_permission`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/roles/{id}")]
pub async fn update_role(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<CustomRoleInfo>> {
    caller.require(code::STAFF_MANAGE_ROLES)?;
    let body: CustomRoleRequest = permitted_body(body)?;
    let (name, color, permissions) = valid_role(&body)?;
    let db = &state.db;
    let tenant = caller.tenant;
    let role = tenant
        .find_by_id::<custom_role::Entity>(id.into_inner())
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let before_codes = permission_set_from_json(&role.permissions);
    caller.require_within(permissions.difference(before_codes))?;
    name_is_free(db, tenant, &name, Some(role.id)).await?;
    let txn = db.begin().await?;
    custom_role::ActiveModel {
        id: Set(role.id),
        name: Set(name.clone()),
        description: Set(body.description.clone()),
        color: Set(color.clone()),
        permissions: Set(codes_json(permissions)),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(&txn)
    .await
    .map_err(unique_name)?;
    audit::record(
        &txn,
        AuditRecord {
            before: Some(json!({
                "name": role.name,
                "description": role.description,
                "color": role.color,
                "permissions": codes_json(before_codes),
            })),
            after: Some(json!({
                "name": name,
                "description": body.description,
                "color": color,
                "permissions": codes_json(permissions),
            })),
            ..caller.audit("role.updated", "custom_role", role.id)
        },
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(custom_role_info(db, tenant, role.id).await?))
}

/// Where the holders of a deleted custom role go.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReassignQuery {
    /// A system role name (never `owner`) or another custom role's id. Needed when
    /// members hold the role.
    #[param(example = "waiter")]
    pub reassign_to: Option<String>,
}

/// A replacement role for the holders of a deleted one.
enum Replacement {
    System(SystemRole),
    Custom(custom_role::Model),
}

fn unknown_replacement(detail: &str) -> ApiError {
    ApiError::Validation(vec![FieldError::new(
        "reassign_to",
        "unknown_role",
        detail.to_owned(),
    )])
}

async fn replacement<C: ConnectionTrait>(
    db: &C,
    tenant: Tenant,
    raw: &str,
    deleted: Uuid,
) -> ApiResult<Replacement> {
    if let Ok(role) = SystemRole::from_str(raw) {
        return if role == SystemRole::Owner {
            Err(ApiError::Validation(vec![FieldError::new(
                "reassign_to",
                "not_assignable",
                "nobody can be made owner this way; transfer ownership instead",
            )]))
        } else {
            Ok(Replacement::System(role))
        };
    }
    let id = Uuid::parse_str(raw).map_err(|_| {
        unknown_replacement("reassign_to must be a system role name or a custom role id")
    })?;
    if id == deleted {
        return Err(unknown_replacement(
            "the members cannot move to the role being deleted",
        ));
    }
    tenant
        .find_by_id::<custom_role::Entity>(id)
        .one(db)
        .await?
        .map(Replacement::Custom)
        .ok_or_else(|| unknown_replacement("no such role in this restaurant"))
}

/// Delete a custom role.
///
/// When members hold it, `reassign_to` says which role they hold instead: a system
/// role (held as an extra role, next to their primary role) or another custom role;
/// without it the answer is `409 role_in_use`. A member who already holds the
/// replacement simply loses the deleted role. The replacement's grant must be within
/// the caller's own permissions. Audited as `role.deleted`, naming the members moved.
/// Requires the permission `staff.manage_roles`.
#[utoipa::path(
    tag = "roles",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_MANAGE_ROLES))),
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The custom role id"), ReassignQuery),
    responses(
        (status = 204, description = "The role is deleted and its holders moved"),
        (status = 400, description = "`invalid_parameter`: not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.manage_roles`; `exceeds_own_permissions`: the replacement grants codes the caller lacks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`role_in_use`: members hold the role and `reassign_to` is missing", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `reassign_to` is not a role of this restaurant (`unknown_role`) or is `owner` (`not_assignable`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/roles/{id}")]
pub async fn delete_role(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: web::Query<ReassignQuery>,
) -> ApiResult<HttpResponse> {
    caller.require(code::STAFF_MANAGE_ROLES)?;
    let db = &state.db;
    let tenant = caller.tenant;
    let role = tenant
        .find_by_id::<custom_role::Entity>(id.into_inner())
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let holders = tenant
        .find::<membership_role::Entity>()
        .filter(membership_role::Column::CustomRoleId.eq(role.id))
        .all(db)
        .await?;
    let target = match query.reassign_to.as_deref().map(str::trim) {
        Some(raw) if !raw.is_empty() => Some(replacement(db, tenant, raw, role.id).await?),
        _ => None,
    };
    if !holders.is_empty() && target.is_none() {
        return Err(ApiError::with_detail(
            ErrorCode::RoleInUse,
            format!(
                "{} member(s) hold this role: say which role they move to with ?reassign_to=<system role or custom role id>",
                holders.len()
            ),
        ));
    }
    let (reassigned_to, grant) = match &target {
        Some(Replacement::System(system)) => (
            json!({ "kind": "system", "role": system }),
            access::system_role_grant(db, tenant, *system).await?,
        ),
        Some(Replacement::Custom(custom)) => (
            json!({ "kind": "custom", "id": custom.id, "name": custom.name }),
            permission_set_from_json(&custom.permissions),
        ),
        None => (serde_json::Value::Null, PermissionSet::empty()),
    };
    if !holders.is_empty() {
        caller.require_within(grant)?;
    }
    let member_ids: Vec<Uuid> = holders.iter().map(|row| row.membership_id).collect();
    let existing = if member_ids.is_empty() {
        Vec::new()
    } else {
        tenant
            .find::<membership_role::Entity>()
            .filter(membership_role::Column::MembershipId.is_in(member_ids.clone()))
            .all(db)
            .await?
    };
    let primaries = if member_ids.is_empty() {
        Vec::new()
    } else {
        tenant
            .find::<membership::Entity>()
            .filter(membership::Column::Id.is_in(member_ids.clone()))
            .all(db)
            .await?
    };
    let txn = db.begin().await?;
    for row in &holders {
        let already = match &target {
            Some(Replacement::System(system)) => {
                primaries
                    .iter()
                    .any(|m| m.id == row.membership_id && m.role == system.as_str())
                    || existing.iter().any(|other| {
                        other.membership_id == row.membership_id
                            && other.system_role.as_deref() == Some(system.as_str())
                    })
            }
            Some(Replacement::Custom(custom)) => existing.iter().any(|other| {
                other.membership_id == row.membership_id && other.custom_role_id == Some(custom.id)
            }),
            None => true,
        };
        if already {
            tenant
                .delete_many::<membership_role::Entity>()
                .filter(membership_role::Column::Id.eq(row.id))
                .exec(&txn)
                .await?;
        } else {
            let (system_role, custom_role_id) = match &target {
                Some(Replacement::System(system)) => (Some(system.as_str().to_owned()), None),
                Some(Replacement::Custom(custom)) => (None, Some(custom.id)),
                None => (None, None),
            };
            tenant
                .update_many::<membership_role::Entity>()
                .set(membership_role::ActiveModel {
                    system_role: Set(system_role),
                    custom_role_id: Set(custom_role_id),
                    ..Default::default()
                })
                .filter(membership_role::Column::Id.eq(row.id))
                .exec(&txn)
                .await?;
        }
    }
    tenant
        .delete_many::<custom_role::Entity>()
        .filter(custom_role::Column::Id.eq(role.id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        AuditRecord {
            before: Some(json!({
                "name": role.name,
                "description": role.description,
                "color": role.color,
                "permissions": role.permissions,
                "held_by": member_ids,
            })),
            after: Some(json!({ "deleted": true, "reassigned_to": reassigned_to })),
            ..caller.audit("role.deleted", "custom_role", role.id)
        },
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The system role named in the path; never the owner's, which never changes.
fn editable_system_role(raw: &str) -> ApiResult<SystemRole> {
    let role = SystemRole::from_str(raw).map_err(|_| {
        ApiError::with_detail(
            ErrorCode::InvalidParameter,
            "role must be one of owner, admin, manager, cashier, chef, waiter",
        )
    })?;
    if role.is_editable() {
        Ok(role)
    } else {
        Err(ApiError::with_detail(
            ErrorCode::OwnerProtected,
            "the owner's permissions never change",
        ))
    }
}

/// Stores (or clears) a restaurant's override of a system role and audits it.
async fn store_role_override(
    state: &AppState,
    caller: &Caller,
    role: SystemRole,
    target: PermissionSet,
    action: &'static str,
) -> ApiResult<SystemRoleInfo> {
    let db = &state.db;
    let tenant = caller.tenant;
    let row = tenant
        .find::<role_override::Entity>()
        .filter(role_override::Column::Role.eq(role.as_str()))
        .one(db)
        .await?;
    let before_override = row
        .as_ref()
        .map(|row| overrides_from_json(&row.permissions))
        .unwrap_or_default();
    let before = role.with_override(Some(&before_override));
    caller.require_within(target.difference(before))?;
    let after_override = Overrides::between(role.default_permissions(), target);
    let after_json = serde_json::to_value(after_override.to_map()).map_err(anyhow::Error::from)?;
    let txn = db.begin().await?;
    match (&row, after_override.is_empty()) {
        (Some(row), true) => {
            tenant
                .delete_many::<role_override::Entity>()
                .filter(role_override::Column::Id.eq(row.id))
                .exec(&txn)
                .await?;
        }
        (Some(row), false) => {
            role_override::ActiveModel {
                id: Set(row.id),
                permissions: Set(after_json.clone()),
                updated_at: Set(Utc::now()),
                updated_by: Set(Some(caller.account_id)),
                ..Default::default()
            }
            .update(&txn)
            .await?;
        }
        (None, false) => {
            role_override::ActiveModel {
                id: Set(Uuid::new_v4()),
                tenant_id: Set(tenant.id()),
                role: Set(role.as_str().to_owned()),
                permissions: Set(after_json.clone()),
                updated_at: Set(Utc::now()),
                updated_by: Set(Some(caller.account_id)),
            }
            .insert(&txn)
            .await?;
        }
        (None, true) => {}
    }
    audit::record(
        &txn,
        AuditRecord {
            before: Some(json!({
                "permissions": codes_json(before),
                "override": before_override.to_map(),
            })),
            after: Some(json!({
                "permissions": codes_json(target),
                "override": after_json,
            })),
            ..caller.audit(action, "role_override", role.as_str())
        },
    )
    .await?;
    txn.commit().await?;
    system_role_info(db, tenant, role).await
}

/// Set what a system role grants in this restaurant (a row of the matrix).
///
/// Owner only. `permissions` is the complete list the role should grant; only its
/// difference from the role's defaults is stored, and none at all when it equals them.
/// The owner role never changes (`403 owner_protected`). Members with the role get the
/// change on their next request. Audited as `role_override.changed`. Requires the
/// permission `staff.manage_roles` and being the owner.
#[utoipa::path(
    tag = "roles",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_MANAGE_ROLES))),
    security(("bearer" = [])),
    params(("role" = SystemRole, Path, description = "A system role other than `owner`")),
    request_body = SystemRolePermissionsRequest,
    responses(
        (status = 200, description = "The role as the restaurant now has it", body = SystemRoleInfo),
        (status = 400, description = "Malformed JSON or an unknown role", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.manage_roles`; `owner_only`: the caller is not the owner; `owner_protected`: the owner role; `exceeds_own_permissions`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: unknown codes (`unknown_permission`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/roles/system/{role}")]
pub async fn update_system_role(
    state: web::Data<AppState>,
    caller: Caller,
    role: web::Path<String>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<SystemRoleInfo>> {
    caller.require(code::STAFF_MANAGE_ROLES)?;
    caller.require_owner()?;
    let role = editable_system_role(&role)?;
    let body: SystemRolePermissionsRequest = permitted_body(body)?;
    let target: PermissionSet = parse_codes("permissions", &body.permissions)
        .map_err(|error| ApiError::Validation(vec![error]))?
        .into_iter()
        .collect();
    Ok(web::Json(
        store_role_override(&state, &caller, role, target, "role_override.changed").await?,
    ))
}

/// Restore a system role's defaults in this restaurant.
///
/// Owner only. Removes the restaurant's override of the role. Audited as
/// `role_override.reset`. Requires the permission `staff.manage_roles` and being the
/// owner.
#[utoipa::path(
    tag = "roles",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_MANAGE_ROLES))),
    security(("bearer" = [])),
    params(("role" = SystemRole, Path, description = "A system role other than `owner`")),
    responses(
        (status = 200, description = "The role with its defaults", body = SystemRoleInfo),
        (status = 400, description = "An unknown role", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.manage_roles`; `owner_only`: the caller is not the owner; `owner_protected`: the owner role", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/roles/system/{role}")]
pub async fn reset_system_role(
    state: web::Data<AppState>,
    caller: Caller,
    role: web::Path<String>,
) -> ApiResult<web::Json<SystemRoleInfo>> {
    caller.require(code::STAFF_MANAGE_ROLES)?;
    caller.require_owner()?;
    let role = editable_system_role(&role)?;
    Ok(web::Json(
        store_role_override(
            &state,
            &caller,
            role,
            role.default_permissions(),
            "role_override.reset",
        )
        .await?,
    ))
}
