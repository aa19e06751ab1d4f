//! Loads what the permission resolver needs for one member from storage — their
//! personal overrides, the roles they hold, the restaurant's overrides of those system
//! roles — and resolves it with the domain's resolver. The same loading serves the
//! caller of a request and any other member (an editor's target, an explanation).

use std::collections::HashMap;
use std::str::FromStr;

use brigade_domain::api::HeldRoleRef;
use brigade_domain::permissions::{
    explain, resolve, Explanation, HeldRole, Overrides, Permission, PermissionSet, Subject,
    SystemRole,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, QueryFilter};
use uuid::Uuid;

use crate::entities::{custom_role, membership, membership_role, role_override};
use crate::tenant::Tenant;

/// A role as loaded for one member.
#[derive(Debug, Clone)]
pub enum LoadedRole {
    System(SystemRole),
    Custom {
        id: Uuid,
        name: String,
        color: String,
        permissions: PermissionSet,
    },
}

impl LoadedRole {
    pub fn wire(&self) -> HeldRoleRef {
        match self {
            LoadedRole::System(role) => HeldRoleRef::System { role: *role },
            LoadedRole::Custom {
                id, name, color, ..
            } => HeldRoleRef::Custom {
                id: *id,
                name: name.clone(),
                color: color.clone(),
            },
        }
    }
}

/// Everything that decides one member's permissions.
#[derive(Debug, Clone)]
pub struct MemberAccess {
    pub primary_role: SystemRole,
    pub personal: Overrides,
    pub roles: Vec<LoadedRole>,
    pub role_overrides: HashMap<SystemRole, Overrides>,
}

impl MemberAccess {
    pub fn is_owner(&self) -> bool {
        self.roles
            .iter()
            .any(|role| matches!(role, LoadedRole::System(SystemRole::Owner)))
    }

    /// The member's effective permissions.
    pub fn permissions(&self) -> PermissionSet {
        let held = self.held_roles();
        resolve(&Subject {
            is_owner: self.is_owner(),
            personal: &self.personal,
            roles: &held,
        })
    }

    /// Why the member has, or lacks, `permission`: the level that decided.
    pub fn explain(&self, permission: Permission) -> Explanation {
        let held = self.held_roles();
        explain(
            &Subject {
                is_owner: self.is_owner(),
                personal: &self.personal,
                roles: &held,
            },
            permission,
        )
    }

    fn held_roles(&self) -> Vec<HeldRole<'_>> {
        self.roles
            .iter()
            .map(|role| match role {
                LoadedRole::System(system) => HeldRole::System {
                    role: *system,
                    restaurant_override: self.role_overrides.get(system),
                },
                LoadedRole::Custom {
                    name, permissions, ..
                } => HeldRole::Custom {
                    name,
                    permissions: *permissions,
                },
            })
            .collect()
    }
}

/// Parses stored `{ "code": bool }` overrides, ignoring codes no longer in the catalogue.
pub fn overrides_from_json(value: &serde_json::Value) -> Overrides {
    let mut overrides = Overrides::new();
    if let Some(map) = value.as_object() {
        for (code, granted) in map {
            if let (Some(permission), Some(granted)) = (
                brigade_domain::permissions::Permission::from_code(code),
                granted.as_bool(),
            ) {
                if granted {
                    overrides.grant(permission);
                } else {
                    overrides.deny(permission);
                }
            }
        }
    }
    overrides
}

/// Parses a stored array of codes, ignoring codes no longer in the catalogue.
pub fn permission_set_from_json(value: &serde_json::Value) -> PermissionSet {
    value
        .as_array()
        .map(|codes| {
            codes
                .iter()
                .filter_map(|code| {
                    code.as_str()
                        .and_then(brigade_domain::permissions::Permission::from_code)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What a system role grants in a restaurant: its defaults with the restaurant's
/// override applied (the owner's never change).
pub async fn system_role_grant<C: ConnectionTrait>(
    db: &C,
    tenant: Tenant,
    role: SystemRole,
) -> Result<PermissionSet, DbErr> {
    if !role.is_editable() {
        return Ok(role.default_permissions());
    }
    let row = tenant
        .find::<role_override::Entity>()
        .filter(role_override::Column::Role.eq(role.as_str()))
        .one(db)
        .await?;
    let restaurant_override = row.map(|row| overrides_from_json(&row.permissions));
    Ok(role.with_override(restaurant_override.as_ref()))
}

/// Loads one member's access in their restaurant (the caller or anyone else).
pub async fn load<C: ConnectionTrait>(
    db: &C,
    tenant: Tenant,
    member: &membership::Model,
) -> Result<MemberAccess, DbErr> {
    let primary_role = SystemRole::from_str(&member.role)
        .map_err(|_| DbErr::Custom(format!("membership {} has an unknown role", member.id)))?;
    let mut roles = vec![LoadedRole::System(primary_role)];
    let extra = tenant
        .find::<membership_role::Entity>()
        .filter(membership_role::Column::MembershipId.eq(member.id))
        .all(db)
        .await?;
    let custom_ids: Vec<Uuid> = extra.iter().filter_map(|row| row.custom_role_id).collect();
    let customs = if custom_ids.is_empty() {
        Vec::new()
    } else {
        tenant
            .find::<custom_role::Entity>()
            .filter(custom_role::Column::Id.is_in(custom_ids))
            .all(db)
            .await?
    };
    for row in &extra {
        // Ownership is only ever the primary role: an extra "owner" row grants nothing.
        if let Some(system) = row
            .system_role
            .as_deref()
            .and_then(|name| SystemRole::from_str(name).ok())
            .filter(|role| *role != SystemRole::Owner)
        {
            if !roles
                .iter()
                .any(|held| matches!(held, LoadedRole::System(r) if *r == system))
            {
                roles.push(LoadedRole::System(system));
            }
        }
    }
    for custom in customs {
        roles.push(LoadedRole::Custom {
            id: custom.id,
            permissions: permission_set_from_json(&custom.permissions),
            name: custom.name,
            color: custom.color,
        });
    }
    let system_names: Vec<&'static str> = roles
        .iter()
        .filter_map(|role| match role {
            LoadedRole::System(system) if *system != SystemRole::Owner => Some(system.as_str()),
            _ => None,
        })
        .collect();
    let mut role_overrides = HashMap::new();
    if !system_names.is_empty() {
        for row in tenant
            .find::<role_override::Entity>()
            .filter(role_override::Column::Role.is_in(system_names))
            .all(db)
            .await?
        {
            if let Ok(system) = SystemRole::from_str(&row.role) {
                role_overrides.insert(system, overrides_from_json(&row.permissions));
            }
        }
    }
    Ok(MemberAccess {
        primary_role,
        personal: overrides_from_json(&member.permission_overrides),
        roles,
        role_overrides,
    })
}
