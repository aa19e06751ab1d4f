//! The roles' endpoints: the restaurant's roles, its custom roles (note 002: name,
//! description, colour and codes), and the owner's matrix (note 001 C4): what each
//! system role grants in this restaurant, stored only as its difference from the
//! role's defaults. Nobody grants a code they do not hold; the owner role never
//! changes; every change is audited with before and after in the same transaction.

use std::str::FromStr;

use actix_web::{delete, get, post, put, web, HttpResponse};
use anyhow::Context;
use brigade_domain::api::{CustomRoleInfo, Problem, RoleList, SystemRoleInfo};
use brigade_domain::errors::ErrorCode;
use brigade_domain::permissions::{needs, Overrides, PermissionSet, SystemRole};
use brigade_domain::team::{
    parse_codes, parse_color, CustomRoleRequest, SystemRolePermissionsRequest,
};
use brigade_macros::endpoint;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::store::{self, CustomRole, RoleFields};
use crate::access::member_access::FRESH;
use crate::access::snapshot::AccessSnapshot;
use crate::access::{Authorized, Caller, Owner};
use crate::audit;
use crate::platform::body::permitted_body;
use crate::platform::error::unique_or;
use crate::platform::stored::{codes_json, overrides_json};
use crate::platform::{ApiError, ApiResult, AppState, TenantTxn};
use crate::team::store::{self as team, ExtraRole};

/// A custom role as `GET /roles` shows it.
async fn custom_role_info(txn: &TenantTxn, id: Uuid) -> ApiResult<CustomRoleInfo> {
    store::role_list(txn)
        .await?
        .custom
        .into_iter()
        .find(|role| role.id == id)
        .ok_or_else(ApiError::not_found)
}

/// A system role as `GET /roles` shows it.
async fn system_role_info(txn: &TenantTxn, role: SystemRole) -> ApiResult<SystemRoleInfo> {
    store::role_list(txn)
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

/// A name a custom role may not take: a system role's, in any language.
fn system_role_name() -> ApiError {
    ApiError::with_detail(
        ErrorCode::RoleNameTaken,
        "this is the name of a system role; choose another",
    )
}

/// A custom role request, validated.
fn valid_role(body: &CustomRoleRequest) -> ApiResult<RoleFields> {
    let codes = body.validate().map_err(ApiError::Validation)?;
    let color =
        parse_color("color", &body.color).map_err(|error| ApiError::Validation(vec![error]))?;
    if SystemRole::is_named(&body.name) {
        return Err(system_role_name());
    }
    Ok(RoleFields {
        name: body.name.trim().to_owned(),
        description: body.description.clone(),
        color,
        permissions: codes.into_iter().collect(),
    })
}

/// What the audit trail records of a custom role.
fn snapshot(fields: &RoleFields) -> serde_json::Value {
    json!({
        "name": fields.name,
        "description": fields.description,
        "color": fields.color,
        "permissions": codes_json(fields.permissions),
    })
}

/// The restaurant's roles.
///
/// The six system roles with their product defaults and what they grant in this
/// restaurant once its overrides apply, and the restaurant's custom roles.
/// Requires the permission `staff.view_permissions`.
#[endpoint]
#[utoipa::path(
    tag = "roles",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "System and custom roles", body = RoleList),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.view_permissions`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/roles")]
pub async fn list_roles(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_VIEW_PERMISSIONS>,
) -> ApiResult<web::Json<RoleList>> {
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the roles' transaction")?;
    let list = store::role_list(&txn).await?;
    txn.commit()
        .await
        .context("ending the roles' transaction")?;
    Ok(web::Json(list))
}

/// Create a custom role.
///
/// Its name is unique in the restaurant (ignoring case), its colour `#rrggbb`, and its
/// codes must all be held by the caller. Audited as `role.created`. Requires the
/// permission `staff.manage_roles`.
#[endpoint]
#[utoipa::path(
    tag = "roles",
    security(("bearer" = [])),
    request_body = CustomRoleRequest,
    responses(
        (status = 201, description = "The role as created", body = CustomRoleInfo,
            links(("update_role" = (operation_id = "update_role", parameters(("id" = "$response.body#/id")))), ("delete_role" = (operation_id = "delete_role", parameters(("id" = "$response.body#/id")))))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.manage_roles`; `exceeds_own_permissions`: codes the caller lacks (listed in `exceeding_permissions`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`role_name_taken`: another role of the restaurant, or a system role in any language, has this name", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: name, description, colour (`invalid_color`) or codes (`unknown_permission`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/roles")]
pub async fn create_role(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_MANAGE_ROLES>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: CustomRoleRequest = permitted_body(body)?;
    let fields = valid_role(&body)?;
    caller.require_within(fields.permissions)?;
    let (txn, caller) = caller.change_access(&state.db).await?;
    if store::name_taken(&txn, &fields.name, None).await? {
        return Err(role_name_taken());
    }
    let id = store::create_custom_role(&txn, &fields)
        .await
        .map_err(|error| unique_or(error, role_name_taken(), "creating a custom role"))?;
    audit::record(
        &txn,
        audit::AuditRecord {
            after: Some(snapshot(&fields)),
            ..caller.audit("role.created", "custom_role", id)
        },
    )
    .await?;
    let info = custom_role_info(&txn, id).await?;
    txn.commit().await.context("committing the role")?;
    Ok(HttpResponse::Created().json(info))
}

/// Replace a custom role.
///
/// Name, description, colour and codes are replaced; a code added must be held by the
/// caller. Changing the codes at all needs, unless the caller is the owner, every code
/// that each member holding the role holds: nobody weakens, through their role, a
/// member they could not act on directly. Members holding the role get the change on
/// their next request. Audited as `role.updated`. Requires the permission
/// `staff.manage_roles`.
#[endpoint]
#[utoipa::path(
    tag = "roles",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The custom role id")),
    request_body = CustomRoleRequest,
    responses(
        (status = 200, description = "The role as changed", body = CustomRoleInfo),
        (status = 400, description = "Malformed JSON or an id that is not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.manage_roles`; `exceeds_own_permissions`: added codes the caller lacks, or codes a holder of the role has that the caller lacks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`role_name_taken`: another role of the restaurant, or a system role in any language, has this name", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: name, description, colour (`invalid_color`) or codes (`unknown_permission`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/roles/{id}")]
pub async fn update_role(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_MANAGE_ROLES>,
    id: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<CustomRoleInfo>> {
    let body: CustomRoleRequest = permitted_body(body)?;
    let fields = valid_role(&body)?;
    let (txn, caller) = caller.change_access(&state.db).await?;
    let role = store::custom_role(&txn, id.into_inner())
        .await?
        .ok_or_else(ApiError::not_found)?;
    caller.require_within(fields.permissions.difference(role.permissions))?;
    if fields.permissions != role.permissions {
        require_above_holders(&txn, &caller, &team::holders_of(&txn, role.id).await?).await?;
    }
    if store::name_taken(&txn, &fields.name, Some(role.id)).await? {
        return Err(role_name_taken());
    }
    let before = RoleFields {
        name: role.name,
        description: role.description,
        color: role.color,
        permissions: role.permissions,
    };
    // A change that changes nothing is answered, not recorded.
    if before == fields {
        let info = custom_role_info(&txn, role.id).await?;
        txn.commit()
            .await
            .context("ending the role's transaction")?;
        return Ok(web::Json(info));
    }
    store::update_custom_role(&txn, role.id, &fields)
        .await
        .map_err(|error| unique_or(error, role_name_taken(), "changing a custom role"))?;
    audit::record(
        &txn,
        audit::AuditRecord {
            before: Some(snapshot(&before)),
            after: Some(snapshot(&fields)),
            ..caller.audit("role.updated", "custom_role", role.id)
        },
    )
    .await?;
    let info = custom_role_info(&txn, role.id).await?;
    txn.commit().await.context("committing the role")?;
    Ok(web::Json(info))
}

/// Changing what a role grants changes what its holders may do: unless the caller is
/// the owner, they must hold every code each current holder holds (what they could
/// not do to the member directly, they cannot do through the member's role).
async fn require_above_holders(
    txn: &TenantTxn,
    caller: &Caller,
    holders: &[Uuid],
) -> ApiResult<()> {
    if holders.is_empty() || caller.access.is_owner() {
        return Ok(());
    }
    let snapshot = AccessSnapshot::load(txn, FRESH).await?;
    let mut held = PermissionSet::empty();
    for (member, _) in team::members(txn).await? {
        if holders.contains(&member.id) {
            held = held.union(snapshot.access_of(&member)?.permissions());
        }
    }
    caller.require_within(held)
}

/// Where the holders of a deleted custom role go.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReassignQuery {
    /// A system role name (never `owner`) or another custom role's id. Needed when
    /// members hold the role.
    #[param(example = "waiter", value_type = Option<brigade_domain::team::RoleReference>)]
    pub reassign_to: Option<String>,
}

/// A replacement role for the holders of a deleted one.
enum Replacement {
    System(SystemRole),
    Custom(CustomRole),
}

fn unknown_replacement(detail: &str) -> ApiError {
    ApiError::field("reassign_to", "unknown_role", detail)
}

async fn replacement(txn: &TenantTxn, raw: &str, deleted: Uuid) -> ApiResult<Replacement> {
    if let Ok(role) = SystemRole::from_str(raw) {
        return if role == SystemRole::Owner {
            Err(ApiError::field(
                "reassign_to",
                "not_assignable",
                "nobody can be made owner this way; transfer ownership instead",
            ))
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
    store::custom_role(txn, id)
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
/// the caller's own permissions, and so, unless the caller is the owner, must every
/// code each holder holds. Audited as `role.deleted`, naming the members moved.
/// Requires the permission `staff.manage_roles`.
#[endpoint]
#[utoipa::path(
    tag = "roles",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The custom role id"), ReassignQuery),
    responses(
        (status = 204, description = "The role is deleted and its holders moved"),
        (status = 400, description = "`invalid_parameter`: not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.manage_roles`; `exceeds_own_permissions`: the replacement grants codes the caller lacks, or a holder of the role has codes the caller lacks", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`role_in_use`: members hold the role and `reassign_to` is missing", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `reassign_to` is not a role of this restaurant (`unknown_role`) or is `owner` (`not_assignable`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/roles/{id}")]
pub async fn delete_role(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_MANAGE_ROLES>,
    id: web::Path<Uuid>,
    query: web::Query<ReassignQuery>,
) -> ApiResult<HttpResponse> {
    let (txn, caller) = caller.change_access(&state.db).await?;
    let role = store::custom_role(&txn, id.into_inner())
        .await?
        .ok_or_else(ApiError::not_found)?;
    let holders = team::holders_of(&txn, role.id).await?;
    require_above_holders(&txn, &caller, &holders).await?;
    // Given, it must name a role exactly as the document says: no blank, no padding.
    let target = match query.reassign_to.as_deref() {
        Some(raw) => Some(replacement(&txn, raw, role.id).await?),
        None => None,
    };
    let reassigned_to = match &target {
        Some(Replacement::System(system)) => json!({ "kind": "system", "role": system }),
        Some(Replacement::Custom(custom)) => {
            json!({ "kind": "custom", "id": custom.id, "name": custom.name })
        }
        None => serde_json::Value::Null,
    };
    if !holders.is_empty() {
        let (replacement, grant) = match &target {
            Some(Replacement::System(system)) => (
                ExtraRole::System(*system),
                store::system_role_grant(&txn, *system).await?,
            ),
            Some(Replacement::Custom(custom)) => (ExtraRole::Custom(custom.id), custom.permissions),
            None => {
                return Err(ApiError::with_detail(
                    ErrorCode::RoleInUse,
                    format!(
                        "{} member(s) hold this role: say which role they move to with ?reassign_to=<system role or custom role id>",
                        holders.len()
                    ),
                ))
            }
        };
        caller.require_within(grant)?;
        team::move_holders(&txn, role.id, replacement).await?;
    }
    team::drop_custom_role(&txn, role.id).await?;
    store::delete_custom_role(&txn, role.id).await?;
    audit::record(
        &txn,
        audit::AuditRecord {
            before: Some(json!({
                "name": role.name,
                "description": role.description,
                "color": role.color,
                "permissions": codes_json(role.permissions),
                "held_by": holders,
            })),
            after: Some(json!({ "deleted": true, "reassigned_to": reassigned_to })),
            ..caller.audit("role.deleted", "custom_role", role.id)
        },
    )
    .await?;
    txn.commit().await.context("committing the deletion")?;
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

/// Stores (or clears) the restaurant's override of a system role so that it grants
/// exactly `wanted`, and audits it.
async fn set_role_grant(
    state: &AppState,
    caller: &Authorized<needs::STAFF_MANAGE_ROLES, Owner>,
    role: SystemRole,
    wanted: PermissionSet,
    action: &'static str,
) -> ApiResult<SystemRoleInfo> {
    let (txn, caller) = caller.change_access(&state.db).await?;
    let before_override = store::role_overrides(&txn, &[role])
        .await?
        .remove(&role)
        .unwrap_or_default();
    let before = role.with_override(Some(&before_override));
    caller.require_within(wanted.difference(before))?;
    let after_override = Overrides::between(role.default_permissions(), wanted);
    if after_override == before_override {
        let info = system_role_info(&txn, role).await?;
        txn.commit()
            .await
            .context("ending the matrix's transaction")?;
        return Ok(info);
    }
    store::store_role_override(&txn, role, &after_override, caller.account_id).await?;
    audit::record(
        &txn,
        audit::AuditRecord {
            before: Some(json!({
                "permissions": codes_json(before),
                "override": overrides_json(&before_override),
            })),
            after: Some(json!({
                "permissions": codes_json(wanted),
                "override": overrides_json(&after_override),
            })),
            ..caller.audit(action, "role_override", role.as_str())
        },
    )
    .await?;
    let info = system_role_info(&txn, role).await?;
    txn.commit().await.context("committing the matrix")?;
    Ok(info)
}

/// Set what a system role grants in this restaurant (a row of the matrix).
///
/// Owner only. `permissions` is the complete list the role should grant; only its
/// difference from the role's defaults is stored, and none at all when it equals them.
/// The owner role never changes (`403 owner_protected`). Members with the role get the
/// change on their next request. Audited as `role_override.changed`. Requires the
/// permission `staff.manage_roles` and being the owner.
#[endpoint]
#[utoipa::path(
    tag = "roles",
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
    caller: Authorized<needs::STAFF_MANAGE_ROLES, Owner>,
    role: web::Path<String>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<SystemRoleInfo>> {
    let role = editable_system_role(&role)?;
    let body: SystemRolePermissionsRequest = permitted_body(body)?;
    let wanted: PermissionSet = parse_codes("permissions", &body.permissions)
        .map_err(|error| ApiError::Validation(vec![error]))?
        .into_iter()
        .collect();
    Ok(web::Json(
        set_role_grant(&state, &caller, role, wanted, "role_override.changed").await?,
    ))
}

/// Restore a system role's defaults in this restaurant.
///
/// Owner only. Removes the restaurant's override of the role. Audited as
/// `role_override.reset`. Requires the permission `staff.manage_roles` and being the
/// owner.
#[endpoint]
#[utoipa::path(
    tag = "roles",
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
    caller: Authorized<needs::STAFF_MANAGE_ROLES, Owner>,
    role: web::Path<String>,
) -> ApiResult<web::Json<SystemRoleInfo>> {
    let role = editable_system_role(&role)?;
    Ok(web::Json(
        set_role_grant(
            &state,
            &caller,
            role,
            role.default_permissions(),
            "role_override.reset",
        )
        .await?,
    ))
}
