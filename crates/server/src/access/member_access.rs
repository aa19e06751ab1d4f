//! Loads what the permission resolver needs for one member — their personal overrides,
//! the roles they hold, the restaurant's overrides of those system roles — through the
//! team and roles stores, and resolves it with the domain's resolver. The same loading
//! serves the caller of a request and any other member (an editor's target, an
//! explanation).

use std::collections::{BTreeSet, HashMap};
use std::str::FromStr;

use brigade_domain::api::HeldRoleRef;
use brigade_domain::permissions::{
    explain, resolve, Explanation, HeldRole, Overrides, Permission, PermissionSet, Subject,
    SystemRole,
};
use uuid::Uuid;

use crate::platform::stored::overrides_from_json;
use crate::platform::{ApiError, ApiResult, TenantTxn};
use crate::roles::store as roles;
use crate::team::store::{self as team, ExtraRole, Membership};

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
    fn same_as(&self, other: &LoadedRole) -> bool {
        match (self, other) {
            (LoadedRole::System(a), LoadedRole::System(b)) => a == b,
            (LoadedRole::Custom { id: a, .. }, LoadedRole::Custom { id: b, .. }) => a == b,
            _ => false,
        }
    }

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

/// Loads one member's access in the transaction's restaurant.
pub async fn load(txn: &TenantTxn, member: &Membership) -> ApiResult<MemberAccess> {
    let primary_role = SystemRole::from_str(&member.role).map_err(|_| {
        ApiError::Internal(anyhow::anyhow!(
            "membership {} has an unknown role",
            member.id
        ))
    })?;
    let mut roles = vec![LoadedRole::System(primary_role)];
    let extra = team::extra_roles(txn, member.id).await?;
    for role in &extra {
        // Ownership is only ever the primary role: an extra "owner" grants nothing.
        if let ExtraRole::System(system) = role {
            let held = LoadedRole::System(*system);
            if *system != SystemRole::Owner && !roles.iter().any(|r| r.same_as(&held)) {
                roles.push(held);
            }
        }
    }
    let custom_ids: BTreeSet<Uuid> = extra
        .iter()
        .filter_map(|role| match role {
            ExtraRole::Custom(id) => Some(*id),
            ExtraRole::System(_) => None,
        })
        .collect();
    for custom in roles::custom_roles(txn, &custom_ids).await? {
        roles.push(LoadedRole::Custom {
            id: custom.id,
            name: custom.name,
            color: custom.color,
            permissions: custom.permissions,
        });
    }
    let systems: Vec<SystemRole> = roles
        .iter()
        .filter_map(|role| match role {
            LoadedRole::System(system) => Some(*system),
            LoadedRole::Custom { .. } => None,
        })
        .collect();
    let role_overrides = roles::role_overrides(txn, &systems).await?;
    Ok(MemberAccess {
        primary_role,
        personal: overrides_from_json(&member.permission_overrides),
        roles,
        role_overrides,
    })
}
