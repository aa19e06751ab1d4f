//! The restaurant's custom roles (note 002) and its overrides of the system roles (the
//! owner's matrix, note 001 C2 level 1): the only code that reads or writes them.

use std::collections::{BTreeSet, HashMap};
use std::str::FromStr;

use anyhow::Context;
use brigade_domain::api::{CustomRoleInfo, RoleList, SystemRoleInfo};
use brigade_domain::permissions::{Overrides, PermissionSet, SystemRole};
use chrono::Utc;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use crate::entities::{custom_role, role_override};
use crate::platform::stored::{
    codes_json, overrides_from_json, overrides_json, permission_set_from_json,
};
use crate::platform::{ApiError, ApiResult, TenantTxn};
use crate::team::store as team;

/// A custom role of the restaurant.
#[derive(Debug, Clone)]
pub struct CustomRole {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub color: String,
    pub permissions: PermissionSet,
}

impl From<custom_role::Model> for CustomRole {
    fn from(row: custom_role::Model) -> Self {
        Self {
            permissions: permission_set_from_json(&row.permissions),
            id: row.id,
            name: row.name,
            description: row.description,
            color: row.color,
        }
    }
}

/// What a custom role is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleFields {
    pub name: String,
    pub description: String,
    pub color: String,
    pub permissions: PermissionSet,
}

/// One custom role of this restaurant.
pub async fn custom_role(txn: &TenantTxn, id: Uuid) -> ApiResult<Option<CustomRole>> {
    Ok(txn
        .find_by_id::<custom_role::Entity>(id)
        .one(txn)
        .await
        .context("loading a custom role")?
        .map(CustomRole::from))
}

/// This restaurant's custom roles among `ids` (another restaurant's do not exist here).
pub async fn custom_roles(txn: &TenantTxn, ids: &BTreeSet<Uuid>) -> ApiResult<Vec<CustomRole>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = txn
        .find::<custom_role::Entity>()
        .filter(custom_role::Column::Id.is_in(ids.iter().copied()))
        .all(txn)
        .await
        .context("loading custom roles")?;
    Ok(rows.into_iter().map(CustomRole::from).collect())
}

/// Every custom role of this restaurant, by name.
pub async fn all_custom_roles(txn: &TenantTxn) -> ApiResult<Vec<CustomRole>> {
    let rows = txn
        .find::<custom_role::Entity>()
        .order_by_asc(custom_role::Column::Name)
        .all(txn)
        .await
        .context("listing the custom roles")?;
    Ok(rows.into_iter().map(CustomRole::from).collect())
}

/// Whether another custom role here has this name, ignoring case.
pub async fn name_taken(txn: &TenantTxn, name: &str, except: Option<Uuid>) -> ApiResult<bool> {
    let folded = name.to_lowercase();
    Ok(all_custom_roles(txn)
        .await?
        .iter()
        .any(|role| Some(role.id) != except && role.name.to_lowercase() == folded))
}

/// Creates a custom role; `Err` carries the database's refusal (a unique name).
pub async fn create_custom_role(
    txn: &TenantTxn,
    fields: &RoleFields,
) -> Result<Uuid, sea_orm::DbErr> {
    let id = Uuid::new_v4();
    let now = Utc::now();
    txn.insert(custom_role::ActiveModel {
        id: Set(id),
        name: Set(fields.name.clone()),
        description: Set(fields.description.clone()),
        color: Set(fields.color.clone()),
        permissions: Set(codes_json(fields.permissions)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .await?;
    Ok(id)
}

/// Replaces a custom role's fields; `Err` carries the database's refusal.
pub async fn update_custom_role(
    txn: &TenantTxn,
    id: Uuid,
    fields: &RoleFields,
) -> Result<(), sea_orm::DbErr> {
    txn.update_many::<custom_role::Entity>()
        .set(custom_role::ActiveModel {
            name: Set(fields.name.clone()),
            description: Set(fields.description.clone()),
            color: Set(fields.color.clone()),
            permissions: Set(codes_json(fields.permissions)),
            updated_at: Set(Utc::now()),
            ..Default::default()
        })
        .filter(custom_role::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Deletes a custom role (its holders must have been moved first).
pub async fn delete_custom_role(txn: &TenantTxn, id: Uuid) -> ApiResult<()> {
    txn.delete_many::<custom_role::Entity>()
        .filter(custom_role::Column::Id.eq(id))
        .exec(txn)
        .await
        .context("deleting a custom role")?;
    Ok(())
}

/// The restaurant's overrides of these system roles (the owner's are never stored).
pub async fn role_overrides(
    txn: &TenantTxn,
    roles: &[SystemRole],
) -> ApiResult<HashMap<SystemRole, Overrides>> {
    let names: Vec<&'static str> = roles
        .iter()
        .filter(|role| role.is_editable())
        .map(|role| role.as_str())
        .collect();
    if names.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = txn
        .find::<role_override::Entity>()
        .filter(role_override::Column::Role.is_in(names))
        .all(txn)
        .await
        .context("loading the restaurant's role overrides")?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some((
                SystemRole::from_str(&row.role).ok()?,
                overrides_from_json(&row.permissions),
            ))
        })
        .collect())
}

/// What a system role grants here: its defaults with the restaurant's override applied.
pub async fn system_role_grant(txn: &TenantTxn, role: SystemRole) -> ApiResult<PermissionSet> {
    let overrides = role_overrides(txn, &[role]).await?;
    Ok(role.with_override(overrides.get(&role)))
}

/// Stores the restaurant's override of a system role, or clears it when empty.
pub async fn store_role_override(
    txn: &TenantTxn,
    role: SystemRole,
    overrides: &Overrides,
    by: Uuid,
) -> ApiResult<()> {
    txn.delete_many::<role_override::Entity>()
        .filter(role_override::Column::Role.eq(role.as_str()))
        .exec(txn)
        .await
        .context("clearing a role override")?;
    if !overrides.is_empty() {
        txn.insert(role_override::ActiveModel {
            id: Set(Uuid::new_v4()),
            role: Set(role.as_str().to_owned()),
            permissions: Set(overrides_json(overrides)),
            updated_at: Set(Utc::now()),
            updated_by: Set(Some(by)),
            ..Default::default()
        })
        .await
        .context("storing a role override")?;
    }
    Ok(())
}

fn codes(set: PermissionSet) -> Vec<String> {
    set.codes().into_iter().map(str::to_owned).collect()
}

/// The restaurant's roles as `GET /roles` shows them: each system role with what it
/// grants here once the restaurant's override applies, and the custom roles; each with
/// its number of active members (primary role for system roles, holders for custom).
pub async fn role_list(txn: &TenantTxn) -> ApiResult<RoleList> {
    let overrides = role_overrides(txn, &SystemRole::ALL).await?;
    let (primary_counts, custom_counts) = team::active_counts(txn).await?;
    let system = SystemRole::ALL
        .iter()
        .map(|role| SystemRoleInfo {
            role: *role,
            labels: role.labels().into(),
            editable: role.is_editable(),
            default_permissions: codes(role.default_permissions()),
            permissions: codes(role.with_override(overrides.get(role))),
            member_count: primary_counts.get(role).copied().unwrap_or(0),
        })
        .collect();
    let custom = all_custom_roles(txn)
        .await?
        .into_iter()
        .map(|role| CustomRoleInfo {
            member_count: custom_counts.get(&role.id).copied().unwrap_or(0),
            permissions: codes(role.permissions),
            id: role.id,
            name: role.name,
            description: role.description,
            color: role.color,
        })
        .collect();
    Ok(RoleList { system, custom })
}

/// The restaurant's custom roles with these ids, each once; `422` naming the field when
/// one does not exist here (another restaurant's role does not exist here).
pub async fn existing_custom_roles(txn: &TenantTxn, ids: &[Uuid]) -> ApiResult<Vec<CustomRole>> {
    let wanted: BTreeSet<Uuid> = ids.iter().copied().collect();
    let found = custom_roles(txn, &wanted).await?;
    if found.len() == wanted.len() {
        return Ok(found);
    }
    let unknown: Vec<String> = wanted
        .iter()
        .filter(|id| !found.iter().any(|role| role.id == **id))
        .map(Uuid::to_string)
        .collect();
    Err(ApiError::field(
        "custom_role_ids",
        "unknown_role",
        format!("no such role in this restaurant: {}", unknown.join(", ")),
    ))
}

/// What assigning these roles grants: the system role as this restaurant has it, and
/// every custom role's codes.
pub async fn assignment_grant(
    txn: &TenantTxn,
    role: Option<SystemRole>,
    customs: &[CustomRole],
) -> ApiResult<PermissionSet> {
    let mut grant = match role {
        Some(role) => system_role_grant(txn, role).await?,
        None => PermissionSet::empty(),
    };
    for custom in customs {
        grant = grant.union(custom.permissions);
    }
    Ok(grant)
}
