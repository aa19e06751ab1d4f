//! Loads what the permission resolver needs for one member — their personal overrides,
//! the roles they hold, the restaurant's overrides of those system roles — through the
//! team and roles stores, and resolves it with the domain's resolver. The same loading
//! serves the caller of a request and any other member (an editor's target, an
//! explanation).

use std::collections::HashMap;

use brigade_domain::api::HeldRoleRef;
use brigade_domain::permissions::{
    explain, resolve, Explanation, HeldRole, Overrides, Permission, PermissionSet, Subject,
    SystemRole,
};
use uuid::Uuid;

use super::snapshot::AccessSnapshot;
use crate::platform::{ApiResult, TenantTxn};
use crate::team::store::Membership;

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
    pub(crate) fn same_as(&self, other: &LoadedRole) -> bool {
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

    /// For each of `permissions`: why the member has it or not, and what the roles
    /// alone decide (as if the member had no personal override). The held roles are
    /// gathered once for all of them.
    pub fn explain_all(&self, permissions: &[Permission]) -> Vec<(Explanation, Explanation)> {
        let held = self.held_roles();
        let none = Overrides::new();
        let subject = |personal| Subject {
            is_owner: self.is_owner(),
            personal,
            roles: &held,
        };
        let (with, without) = (subject(&self.personal), subject(&none));
        permissions
            .iter()
            .map(|p| (explain(&with, *p), explain(&without, *p)))
            .collect()
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

/// Loads one member's access in the transaction's restaurant, afresh (a change decides
/// on what its own transaction reads).
pub async fn load(txn: &TenantTxn, member: &Membership) -> ApiResult<MemberAccess> {
    AccessSnapshot::load(txn, FRESH).await?.access_of(member)
}

/// The version of a snapshot read for one change, never shared.
pub const FRESH: i64 = i64::MIN;
