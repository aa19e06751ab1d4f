//! What decides permissions in one restaurant at one access version: its custom roles,
//! its overrides of the system roles and the extra roles each member holds. It is read
//! in three queries and, for reading requests, shared by every request until the
//! restaurant's access version moves (every change to who may do what increments it).
//! A change reads it afresh inside its own transaction.

use std::collections::HashMap;
use std::str::FromStr;

use brigade_domain::api::HeldRoleRef;
use brigade_domain::permissions::{Overrides, SystemRole};
use uuid::Uuid;

use super::member_access::{LoadedRole, MemberAccess};
use crate::platform::stored::overrides_from_json;
use crate::platform::{ApiError, ApiResult, TenantTxn};
use crate::roles::store::{self as roles, CustomRole};
use crate::team::store::{self as team, ExtraRole, Membership};

/// One restaurant's roles and assignments, as of `version`.
#[derive(Debug, Clone, Default)]
pub struct AccessSnapshot {
    pub version: i64,
    custom_roles: HashMap<Uuid, CustomRole>,
    role_overrides: HashMap<SystemRole, Overrides>,
    extra_roles: HashMap<Uuid, Vec<ExtraRole>>,
}

impl AccessSnapshot {
    /// Reads the transaction's restaurant's roles and assignments; `version` is the
    /// access version read before (so the snapshot is at least that recent).
    pub async fn load(txn: &TenantTxn, version: i64) -> ApiResult<Self> {
        let custom_roles = roles::all_custom_roles(txn)
            .await?
            .into_iter()
            .map(|role| (role.id, role))
            .collect();
        let role_overrides = roles::role_overrides(txn, &SystemRole::ALL).await?;
        let extra_roles = team::all_extra_roles(txn).await?;
        Ok(Self {
            version,
            custom_roles,
            role_overrides,
            extra_roles,
        })
    }

    /// Each custom role's name, by id.
    pub fn custom_role_names(&self) -> HashMap<Uuid, String> {
        self.custom_roles
            .iter()
            .map(|(id, role)| (*id, role.name.clone()))
            .collect()
    }

    fn extra_of(&self, membership_id: Uuid) -> &[ExtraRole] {
        self.extra_roles
            .get(&membership_id)
            .map_or(&[], Vec::as_slice)
    }

    /// What decides one member's permissions.
    pub fn access_of(&self, member: &Membership) -> ApiResult<MemberAccess> {
        let primary_role = SystemRole::from_str(&member.role).map_err(|_| {
            ApiError::Internal(anyhow::anyhow!(
                "membership {} has an unknown role",
                member.id
            ))
        })?;
        let mut roles = vec![LoadedRole::System(primary_role)];
        let extra = self.extra_of(member.id);
        for role in extra {
            // Ownership is only ever the primary role: an extra "owner" grants nothing.
            if let ExtraRole::System(system) = role {
                let held = LoadedRole::System(*system);
                if *system != SystemRole::Owner && !roles.iter().any(|r| r.same_as(&held)) {
                    roles.push(held);
                }
            }
        }
        for role in extra {
            if let ExtraRole::Custom(id) = role {
                if let Some(custom) = self.custom_roles.get(id) {
                    let held = LoadedRole::Custom {
                        id: custom.id,
                        name: custom.name.clone(),
                        color: custom.color.clone(),
                        permissions: custom.permissions,
                    };
                    if !roles.iter().any(|r| r.same_as(&held)) {
                        roles.push(held);
                    }
                }
            }
        }
        let role_overrides = roles
            .iter()
            .filter_map(|role| match role {
                LoadedRole::System(system) => self
                    .role_overrides
                    .get(system)
                    .map(|overrides| (*system, *overrides)),
                LoadedRole::Custom { .. } => None,
            })
            .collect();
        Ok(MemberAccess {
            primary_role,
            personal: overrides_from_json(&member.permission_overrides),
            roles,
            role_overrides,
        })
    }

    /// The roles a member holds as the API shows them, primary role first.
    pub fn held_roles(&self, member: &Membership) -> Vec<HeldRoleRef> {
        let mut held = Vec::new();
        if let Ok(role) = SystemRole::from_str(&member.role) {
            held.push(HeldRoleRef::System { role });
        }
        for role in self.extra_of(member.id) {
            let reference = match role {
                ExtraRole::System(role) => HeldRoleRef::System { role: *role },
                ExtraRole::Custom(id) => match self.custom_roles.get(id) {
                    Some(custom) => HeldRoleRef::Custom {
                        id: *id,
                        name: custom.name.clone(),
                        color: custom.color.clone(),
                    },
                    None => continue,
                },
            };
            if !held.contains(&reference) {
                held.push(reference);
            }
        }
        held
    }
}
