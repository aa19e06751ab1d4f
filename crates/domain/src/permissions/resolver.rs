//! The resolver: a member's effective permissions from owner flag, personal overrides,
//! restaurant role overrides and held roles, and the explanation of one decision.

use serde::{Deserialize, Serialize};

use super::catalogue::Permission;
use super::overrides::Overrides;
use super::roles::SystemRole;
use super::set::PermissionSet;

/// A role a member holds in a restaurant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeldRole<'a> {
    /// A system role, with the restaurant's override of it if there is one.
    System {
        role: SystemRole,
        restaurant_override: Option<&'a Overrides>,
    },
    /// A role the restaurant created, with its explicit set of codes.
    Custom {
        name: &'a str,
        permissions: PermissionSet,
    },
}

impl HeldRole<'_> {
    /// What this role grants in its restaurant: a system role's defaults with the
    /// restaurant override applied (never for the owner), or a custom role's set.
    #[inline]
    pub fn grant(&self) -> PermissionSet {
        match *self {
            HeldRole::System {
                role,
                restaurant_override,
            } => role.with_override(restaurant_override),
            HeldRole::Custom { permissions, .. } => permissions,
        }
    }
}

/// Everything the resolver needs to know about one member in one restaurant.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// The restaurant's owner has every permission, whatever else is said.
    pub is_owner: bool,
    /// The member's personal overrides (note 001's C2 level 2).
    pub personal: &'a Overrides,
    /// Every role the member holds, primary role first.
    pub roles: &'a [HeldRole<'a>],
}

/// The member's effective permissions. See the [module docs](super) for the rules.
pub fn resolve(subject: &Subject) -> PermissionSet {
    if subject.is_owner {
        return PermissionSet::all();
    }
    let role_grant = subject
        .roles
        .iter()
        .fold(PermissionSet::empty(), |acc, held| acc.union(held.grant()));
    subject.personal.apply(role_grant)
}

/// Which level decided whether a member has a permission.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "level", rename_all = "snake_case")]
pub enum DecidingLevel {
    /// The member owns the restaurant.
    Owner,
    /// The member's personal override grants or denies the code.
    PersonalOverride,
    /// The restaurant's override of this system role grants or denies the code.
    RestaurantRoleOverride { role: SystemRole },
    /// This system role has the code by default.
    SystemRoleDefault { role: SystemRole },
    /// This custom role has the code.
    CustomRole { name: String },
    /// No held role grants the code.
    NoRoleGrants,
}

/// Whether a member has a permission, and which level decided.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Explanation {
    pub permission: Permission,
    pub granted: bool,
    pub decided_by: DecidingLevel,
}

/// Why the member has, or lacks, `p`. `explain(s, p).granted == resolve(s).contains(p)`
/// always. See the [module docs](super) for the order.
pub fn explain(subject: &Subject, p: Permission) -> Explanation {
    let decided = |granted, decided_by| Explanation {
        permission: p,
        granted,
        decided_by,
    };
    if subject.is_owner {
        return decided(true, DecidingLevel::Owner);
    }
    if let Some(granted) = subject.personal.get(p) {
        return decided(granted, DecidingLevel::PersonalOverride);
    }
    let mut denied_by_override = None;
    for held in subject.roles {
        match *held {
            HeldRole::System {
                role,
                restaurant_override,
            } => {
                let said = match restaurant_override {
                    Some(o) if role.is_editable() => o.get(p),
                    _ => None,
                };
                match said {
                    Some(true) => {
                        return decided(true, DecidingLevel::RestaurantRoleOverride { role })
                    }
                    Some(false) => {
                        denied_by_override.get_or_insert(role);
                    }
                    None if role.default_permissions().contains(p) => {
                        return decided(true, DecidingLevel::SystemRoleDefault { role })
                    }
                    None => {}
                }
            }
            HeldRole::Custom { name, permissions } => {
                if permissions.contains(p) {
                    let name = name.to_owned();
                    return decided(true, DecidingLevel::CustomRole { name });
                }
            }
        }
    }
    match denied_by_override {
        Some(role) => decided(false, DecidingLevel::RestaurantRoleOverride { role }),
        None => decided(false, DecidingLevel::NoRoleGrants),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::code::*;
    use super::*;

    use DecidingLevel as L;
    use SystemRole::*;

    const NOTHING: Overrides = Overrides::new();

    fn system(role: SystemRole) -> HeldRole<'static> {
        HeldRole::System {
            role,
            restaurant_override: None,
        }
    }

    fn member<'a>(personal: &'a Overrides, roles: &'a [HeldRole<'a>]) -> Subject<'a> {
        Subject {
            is_owner: false,
            personal,
            roles,
        }
    }

    fn overrides(grant: &[Permission], deny: &[Permission]) -> Overrides {
        let mut o = Overrides::new();
        grant.iter().for_each(|p| o.grant(*p));
        deny.iter().for_each(|p| o.deny(*p));
        o
    }

    fn assert_explained(subject: &Subject, p: Permission, granted: bool, level: DecidingLevel) {
        let e = explain(subject, p);
        assert_eq!((e.granted, e.decided_by), (granted, level), "{p}");
        assert_eq!(e.permission, p);
        assert_eq!(resolve(subject).contains(p), granted, "{p}");
    }

    #[test]
    fn the_owner_has_every_code_even_without_roles() {
        let owner = Subject {
            is_owner: true,
            personal: &NOTHING,
            roles: &[],
        };
        assert_eq!(resolve(&owner), PermissionSet::all());
    }

    #[test]
    fn the_owner_is_decided_by_owner_even_with_a_personal_deny() {
        let personal = overrides(&[], &[AUDIT_VIEW, STAFF_ASSIGN_ROLES]);
        let roles = [system(Waiter)];
        let owner = Subject {
            is_owner: true,
            personal: &personal,
            roles: &roles,
        };
        assert_explained(&owner, AUDIT_VIEW, true, L::Owner);
        assert_eq!(resolve(&owner), PermissionSet::all());
    }

    #[test]
    fn a_system_role_alone_gives_its_defaults() {
        let roles = [system(Chef)];
        let chef = member(&NOTHING, &roles);
        assert_eq!(resolve(&chef), Chef.default_permissions());
        assert_explained(
            &chef,
            ORDERS_START_PREPARING,
            true,
            L::SystemRoleDefault { role: Chef },
        );
    }

    #[test]
    fn a_personal_deny_beats_a_role_grant() {
        let personal = overrides(&[], &[ORDERS_DELETE]);
        let roles = [system(Manager)];
        let m = member(&personal, &roles);
        assert_explained(&m, ORDERS_DELETE, false, L::PersonalOverride);
    }

    #[test]
    fn a_personal_grant_beats_no_grant() {
        let personal = overrides(&[INVENTORY_VIEW], &[]);
        let roles = [system(Waiter)];
        let w = member(&personal, &roles);
        assert_explained(&w, INVENTORY_VIEW, true, L::PersonalOverride);
    }

    #[test]
    fn a_restaurant_override_deny_removes_a_default() {
        let restaurant = overrides(&[], &[ORDERS_CANCEL]);
        let roles = [HeldRole::System {
            role: Cashier,
            restaurant_override: Some(&restaurant),
        }];
        let c = member(&NOTHING, &roles);
        assert!(Cashier.default_permissions().contains(ORDERS_CANCEL));
        assert_explained(
            &c,
            ORDERS_CANCEL,
            false,
            L::RestaurantRoleOverride { role: Cashier },
        );
        assert_explained(
            &c,
            ORDERS_COMPLETE,
            true,
            L::SystemRoleDefault { role: Cashier },
        );
    }

    #[test]
    fn a_restaurant_override_grant_adds_a_code() {
        let restaurant = overrides(&[ANALYTICS_VIEW], &[]);
        let roles = [HeldRole::System {
            role: Waiter,
            restaurant_override: Some(&restaurant),
        }];
        let w = member(&NOTHING, &roles);
        assert_explained(
            &w,
            ANALYTICS_VIEW,
            true,
            L::RestaurantRoleOverride { role: Waiter },
        );
        assert_eq!(resolve(&w).len(), Waiter.default_permissions().len() + 1);
    }

    #[test]
    fn a_personal_override_beats_a_restaurant_override() {
        let restaurant = overrides(&[ANALYTICS_VIEW], &[ORDERS_CREATE]);
        let personal = overrides(&[ORDERS_CREATE], &[ANALYTICS_VIEW]);
        let roles = [HeldRole::System {
            role: Waiter,
            restaurant_override: Some(&restaurant),
        }];
        let w = member(&personal, &roles);
        assert_explained(&w, ANALYTICS_VIEW, false, L::PersonalOverride);
        assert_explained(&w, ORDERS_CREATE, true, L::PersonalOverride);
    }

    #[test]
    fn roles_add_up_across_system_and_custom_roles() {
        let host: PermissionSet = [RESERVATIONS_VIEW, RESERVATIONS_CREATE, CUSTOMERS_VIEW]
            .into_iter()
            .collect();
        let roles = [
            system(Waiter),
            HeldRole::Custom {
                name: "Hôte d'accueil",
                permissions: host,
            },
            system(Chef),
        ];
        let s = member(&NOTHING, &roles);
        let expected = Waiter
            .default_permissions()
            .union(host)
            .union(Chef.default_permissions());
        assert_eq!(resolve(&s), expected);
        assert_explained(
            &s,
            ORDERS_CREATE,
            true,
            L::SystemRoleDefault { role: Waiter },
        );
        let name = "Hôte d'accueil".to_owned();
        assert_explained(&s, CUSTOMERS_VIEW, true, L::CustomRole { name });
        assert_explained(
            &s,
            INVENTORY_VIEW,
            true,
            L::SystemRoleDefault { role: Chef },
        );
        assert_explained(&s, CASHIER_ACCESS, false, L::NoRoleGrants);
    }

    #[test]
    fn a_custom_role_alone_grants_exactly_its_codes() {
        let employe: PermissionSet = [RESERVATIONS_VIEW, RESERVATIONS_CREATE, RESERVATIONS_EDIT]
            .into_iter()
            .collect();
        let roles = [HeldRole::Custom {
            name: "Employé",
            permissions: employe,
        }];
        let s = member(&NOTHING, &roles);
        assert_eq!(resolve(&s), employe);
        assert_explained(&s, RESERVATIONS_DELETE, false, L::NoRoleGrants);
    }

    #[test]
    fn a_member_without_roles_has_only_personal_grants() {
        let personal = overrides(&[AUDIT_VIEW], &[STAFF_VIEW]);
        let s = member(&personal, &[]);
        assert_eq!(resolve(&s).codes(), ["audit.view"]);
        assert_explained(&s, ORDERS_VIEW_ALL, false, L::NoRoleGrants);
    }

    #[test]
    fn explain_names_the_first_held_role_that_grants() {
        let custom: PermissionSet = [ORDERS_VIEW_ALL].into_iter().collect();
        let roles = [
            HeldRole::Custom {
                name: "Runner",
                permissions: custom,
            },
            system(Manager),
        ];
        let s = member(&NOTHING, &roles);
        let name = "Runner".to_owned();
        assert_explained(&s, ORDERS_VIEW_ALL, true, L::CustomRole { name });
    }

    #[test]
    fn another_role_still_grants_what_one_roles_override_denies() {
        let restaurant = overrides(&[], &[ORDERS_VIEW_ALL]);
        let roles = [
            HeldRole::System {
                role: Chef,
                restaurant_override: Some(&restaurant),
            },
            system(Waiter),
        ];
        let s = member(&NOTHING, &roles);
        assert_explained(
            &s,
            ORDERS_VIEW_ALL,
            true,
            L::SystemRoleDefault { role: Waiter },
        );
        assert_explained(
            &s,
            ORDERS_START_PREPARING,
            true,
            L::SystemRoleDefault { role: Chef },
        );
    }

    #[test]
    fn an_override_on_a_held_owner_role_changes_nothing() {
        let restaurant = overrides(&[], &[AUDIT_VIEW]);
        let roles = [HeldRole::System {
            role: Owner,
            restaurant_override: Some(&restaurant),
        }];
        let s = member(&NOTHING, &roles);
        assert_eq!(resolve(&s), PermissionSet::all());
        assert_explained(&s, AUDIT_VIEW, true, L::SystemRoleDefault { role: Owner });
    }

    #[test]
    fn explain_agrees_with_resolve_for_every_code_over_several_subjects() {
        let restaurant_manager = overrides(
            &[CUSTOMERS_VIEW, STAFF_ASSIGN_ROLES],
            &[ORDERS_DELETE, AUDIT_VIEW],
        );
        let restaurant_waiter = overrides(&[INVENTORY_VIEW], &[ORDERS_CONFIRM, TABLES_CHANGE]);
        let restaurant_owner = overrides(&[], &[AUDIT_VIEW]);
        let personal = overrides(
            &[ANALYTICS_EXPORT, CASHIER_ACCESS],
            &[ORDERS_VIEW_ALL, INVENTORY_VIEW],
        );
        let custom: PermissionSet = [RESERVATIONS_VIEW, ORDERS_DELETE, AUDIT_VIEW]
            .into_iter()
            .collect();
        let roles_manager = [
            HeldRole::System {
                role: Manager,
                restaurant_override: Some(&restaurant_manager),
            },
            HeldRole::Custom {
                name: "Host",
                permissions: custom,
            },
        ];
        let roles_waiter_chef = [
            HeldRole::System {
                role: Waiter,
                restaurant_override: Some(&restaurant_waiter),
            },
            system(Chef),
        ];
        let roles_owner_role = [HeldRole::System {
            role: Owner,
            restaurant_override: Some(&restaurant_owner),
        }];
        let every_role: Vec<HeldRole> = SystemRole::ALL.into_iter().map(system).collect();
        let role_sets: [&[HeldRole]; 6] = [
            &[],
            &roles_manager,
            &roles_waiter_chef,
            &roles_owner_role,
            &every_role,
            &[system(Cashier)],
        ];
        let mut checked = 0;
        for roles in role_sets {
            for personal in [&NOTHING, &personal] {
                for is_owner in [false, true] {
                    let s = Subject {
                        is_owner,
                        personal,
                        roles,
                    };
                    let resolved = resolve(&s);
                    for p in Permission::all() {
                        let e = explain(&s, p);
                        assert_eq!(e.granted, resolved.contains(p), "{p} for {s:?}: {e:?}");
                        assert_eq!(e.permission, p);
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 6 * 2 * 2 * Permission::all().count());
    }

    #[test]
    fn an_explanation_serialises_with_a_level_tag() {
        let e = Explanation {
            permission: ORDERS_CANCEL,
            granted: false,
            decided_by: L::RestaurantRoleOverride { role: Cashier },
        };
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "permission": "orders.cancel",
                "granted": false,
                "decided_by": {"level": "restaurant_role_override", "role": "cashier"}
            })
        );
        assert_eq!(serde_json::from_value::<Explanation>(json).unwrap(), e);
        assert_eq!(
            serde_json::to_value(L::NoRoleGrants).unwrap(),
            serde_json::json!({"level": "no_role_grants"})
        );
        assert_eq!(
            serde_json::to_value(L::CustomRole {
                name: "Host".into()
            })
            .unwrap(),
            serde_json::json!({"level": "custom_role", "name": "Host"})
        );
    }
}
