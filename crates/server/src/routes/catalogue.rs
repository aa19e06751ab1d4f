//! The permission catalogue and the roles: what codes exist, how note 001's groups
//! bundle them, and what each role grants by default and in this restaurant.

use std::collections::HashMap;
use std::str::FromStr;

use actix_web::{get, web};
use brigade_domain::api::{
    CustomRoleInfo, ModuleInfo, PermissionCatalogue, PermissionGroupInfo, PermissionInfo, Problem,
    RoleList, SystemRoleInfo,
};
use brigade_domain::permissions::{code, groups, Module, Permission, SystemRole};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::access::{overrides_from_json, permission_set_from_json};
use crate::auth::Caller;
use crate::entities::{custom_role, membership, membership_role, role_override};
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tenant::Tenant;

fn codes(set: brigade_domain::permissions::PermissionSet) -> Vec<String> {
    set.codes().into_iter().map(str::to_owned).collect()
}

/// Builds the catalogue document from the domain's single definition.
pub fn catalogue() -> PermissionCatalogue {
    PermissionCatalogue {
        modules: Module::ALL
            .iter()
            .map(|module| ModuleInfo {
                code: module.as_str().to_owned(),
                labels: module.labels().into(),
            })
            .collect(),
        permissions: Permission::all()
            .map(|permission| {
                let def = permission.def();
                PermissionInfo {
                    code: def.code.to_owned(),
                    module: def.module.as_str().to_owned(),
                    labels: (&def.labels).into(),
                    description: def.description.to_owned(),
                }
            })
            .collect(),
        groups: groups()
            .iter()
            .map(|group| PermissionGroupInfo {
                code: group.code.to_owned(),
                labels: (&group.labels).into(),
                description: group.description.to_owned(),
                permissions: group
                    .permissions
                    .iter()
                    .map(|p| p.code().to_owned())
                    .collect(),
            })
            .collect(),
    }
}

/// The permission catalogue.
///
/// Every fine code `module.action` with its module, labels in French, English and
/// Italian and a description, plus note 001's twelve groups and the codes each holds.
/// Public: it describes the product, not a restaurant.
#[utoipa::path(
    tag = "permissions",
    security(()),
    responses((status = 200, description = "The catalogue", body = PermissionCatalogue))
)]
#[get("/permissions")]
pub async fn list_permissions() -> web::Json<PermissionCatalogue> {
    web::Json(catalogue())
}

/// The restaurant's roles.
///
/// The six system roles with their product defaults and what they grant in this
/// restaurant once its overrides apply, and the restaurant's custom roles.
/// Requires the permission `staff.view_permissions`.
#[utoipa::path(
    tag = "roles",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_VIEW_PERMISSIONS))),
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
    caller: Caller,
) -> ApiResult<web::Json<RoleList>> {
    caller.require(code::STAFF_VIEW_PERMISSIONS)?;
    Ok(web::Json(role_list(&state.db, caller.tenant).await?))
}

/// The restaurant's roles as `GET /roles` shows them: each system role with what it
/// grants here once the restaurant's override applies, and the custom roles; each with
/// its number of active members (primary role for system roles, holders for custom).
pub(crate) async fn role_list<C: ConnectionTrait>(db: &C, tenant: Tenant) -> ApiResult<RoleList> {
    let overrides: HashMap<SystemRole, _> = tenant
        .find::<role_override::Entity>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some((
                SystemRole::from_str(&row.role).ok()?,
                overrides_from_json(&row.permissions),
            ))
        })
        .collect();
    let members = tenant
        .find::<membership::Entity>()
        .filter(membership::Column::Active.eq(true))
        .all(db)
        .await?;
    let mut system_counts: HashMap<String, u64> = HashMap::new();
    for member in &members {
        *system_counts.entry(member.role.clone()).or_default() += 1;
    }
    let mut custom_counts: HashMap<Uuid, u64> = HashMap::new();
    for held in tenant.find::<membership_role::Entity>().all(db).await? {
        if let Some(id) = held.custom_role_id {
            if members.iter().any(|m| m.id == held.membership_id) {
                *custom_counts.entry(id).or_default() += 1;
            }
        }
    }
    let system = SystemRole::ALL
        .iter()
        .map(|role| {
            let defaults = role.default_permissions();
            SystemRoleInfo {
                role: *role,
                labels: role.labels().into(),
                editable: role.is_editable(),
                default_permissions: codes(defaults),
                permissions: codes(role.with_override(overrides.get(role))),
                member_count: system_counts.get(role.as_str()).copied().unwrap_or(0),
            }
        })
        .collect();
    let custom = tenant
        .find::<custom_role::Entity>()
        .order_by_asc(custom_role::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|row| CustomRoleInfo {
            member_count: custom_counts.get(&row.id).copied().unwrap_or(0),
            permissions: codes(permission_set_from_json(&row.permissions)),
            id: row.id,
            name: row.name,
            description: row.description,
            color: row.color,
        })
        .collect();
    Ok(RoleList { system, custom })
}
