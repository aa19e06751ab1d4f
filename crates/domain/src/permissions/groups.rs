//! Groups: note 001's twelve coarse codes as named bundles of fine codes, which the
//! compact matrix page toggles at once, and the on / off / partial state of a group.

use serde::{Deserialize, Serialize};

use super::catalogue::{code::*, Labels, Permission};
use super::set::PermissionSet;

/// A named bundle of fine codes: one of note 001's twelve coarse permissions.
///
/// A group code such as `inventory.view` may also be a fine code; the two live in
/// different namespaces (groups are never stored or checked, only toggled in the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    /// Note 001's code, e.g. `menu.edit`.
    pub code: &'static str,
    pub labels: Labels,
    /// The short column heading of the matrix: the area ("Menu") above the verb
    /// ("view"), so that all twelve groups fit side by side; the full label shows on
    /// hover and focus.
    pub area: Labels,
    pub verb: Labels,
    /// What the group covers, in one English line.
    pub description: &'static str,
    /// The fine codes the group toggles, in catalogue order.
    pub permissions: &'static [Permission],
}

/// How much of a group a set holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GroupState {
    /// Every code of the group.
    On,
    /// No code of the group.
    Off,
    /// Some codes of the group but not all.
    Partial,
}

impl Group {
    /// The group's codes as a set.
    pub const fn set(&self) -> PermissionSet {
        PermissionSet::from_slice(self.permissions)
    }

    /// Whether `s` holds all, none or some of the group's codes.
    pub fn state(&self, s: &PermissionSet) -> GroupState {
        let group = self.set();
        let held = group.intersection(*s);
        if held == group {
            GroupState::On
        } else if held.is_empty() {
            GroupState::Off
        } else {
            GroupState::Partial
        }
    }

    /// The group with this code, if there is one.
    pub fn by_code(code: &str) -> Option<&'static Group> {
        GROUPS.iter().find(|g| g.code == code)
    }
}

/// Note 001's twelve codes as groups, in the note's order.
pub fn groups() -> &'static [Group] {
    GROUPS
}

/// Note 001's twelve codes as groups, in the note's order. Which fine codes each group
/// holds is a product decision, written down here:
///
/// - Every catalogue code is in at least one group, so the compact matrix page can reach
///   every code, and no group is empty (both tested). Admin, who has every group in note
///   001's matrix, therefore has every code.
/// - `menu.*` is the product catalogue and the public menu; `orders.*` is the service:
///   orders, tables in service (open, change, close) and reservations, which are orders
///   to come. `tables.manage` (the room layout) is configuration, so `settings.edit`.
/// - `reports.view` is analytics plus the activity log (`audit.view`): both are
///   read-only looks back at what happened, for the people the matrix trusts with reports.
/// - `products.set_availability` is in both `menu.edit` and `inventory.edit`: marking a
///   dish out of stock is note 000's stock concern ("rupture temporaire"), so a
///   restaurant that lets its chefs edit stock lets them mark dishes unavailable too.
/// - Customers go to `settings.view` (`customers.view`, `customers.view_orders`) and
///   `settings.edit` (`customers.edit`, `customers.delete`, `customers.manage_loyalty`),
///   not to the orders groups. Customer records are personal data, and `orders.view` and
///   `orders.manage` are held by nearly every role (chef and cashier included); nothing in
///   the notes says floor staff need the customer file (note 002's lists have no
///   `customers.*` code). The loyalty programme is restaurant configuration. A
///   restaurant that wants its managers to see customers grants the codes with a role
///   override.
/// - `restaurant.manage_subscription` (billing) is in `settings.edit`: only owner and
///   admin have it by default.
pub const GROUPS: &[Group] = &[
    Group {
        code: "menu.view",
        labels: Labels {
            fr: "Voir le menu",
            en: "View the menu",
            it: "Vedere il menu",
        },
        area: Labels {
            fr: "Menu",
            en: "Menu",
            it: "Menu",
        },
        verb: Labels {
            fr: "voir",
            en: "view",
            it: "vedere",
        },
        description: "See the products, categories and public menu settings.",
        permissions: &[PRODUCTS_VIEW, PUBLIC_MENU_VIEW_SETTINGS],
    },
    Group {
        code: "menu.edit",
        labels: Labels {
            fr: "Modifier le menu",
            en: "Edit the menu",
            it: "Modificare il menu",
        },
        area: Labels {
            fr: "Menu",
            en: "Menu",
            it: "Menu",
        },
        verb: Labels {
            fr: "modifier",
            en: "edit",
            it: "modificare",
        },
        description: "Change products, categories, prices, availability and the public menu.",
        permissions: &[
            PRODUCTS_CREATE,
            PRODUCTS_EDIT,
            PRODUCTS_DELETE,
            PRODUCTS_MANAGE_VARIANTS,
            PRODUCTS_MANAGE_CATEGORIES,
            PRODUCTS_UPLOAD_IMAGES,
            PRODUCTS_SET_AVAILABILITY,
            PRODUCTS_SET_PRICES,
            PRODUCTS_SET_PRIORITY,
            PUBLIC_MENU_EDIT_SETTINGS,
            PUBLIC_MENU_MANAGE_QR,
        ],
    },
    Group {
        code: "orders.view",
        labels: Labels {
            fr: "Voir les commandes",
            en: "View orders",
            it: "Vedere gli ordini",
        },
        area: Labels {
            fr: "Commandes",
            en: "Orders",
            it: "Ordini",
        },
        verb: Labels {
            fr: "voir",
            en: "view",
            it: "vedere",
        },
        description: "See orders and their details, the tables and the reservation book.",
        permissions: &[
            ORDERS_VIEW_ALL,
            ORDERS_VIEW_OWN,
            ORDERS_VIEW_DETAILS,
            TABLES_VIEW,
            RESERVATIONS_VIEW,
        ],
    },
    Group {
        code: "orders.manage",
        labels: Labels {
            fr: "Gérer les commandes",
            en: "Manage orders",
            it: "Gestire gli ordini",
        },
        area: Labels {
            fr: "Commandes",
            en: "Orders",
            it: "Ordini",
        },
        verb: Labels {
            fr: "gérer",
            en: "manage",
            it: "gestire",
        },
        description:
            "Take, change, progress and cancel orders, run tables and handle reservations.",
        permissions: &[
            ORDERS_CREATE,
            ORDERS_EDIT,
            ORDERS_ADD_PRODUCTS,
            ORDERS_REMOVE_PRODUCTS,
            ORDERS_EDIT_QUANTITIES,
            ORDERS_CONFIRM,
            ORDERS_START_PREPARING,
            ORDERS_COMPLETE,
            ORDERS_CANCEL,
            ORDERS_DELETE,
            ORDERS_ADD_NOTES,
            ORDERS_SET_PRIORITY,
            ORDERS_CHANGE_TABLE,
            ORDERS_GENERATE_PRECONTO,
            TABLES_OPEN,
            TABLES_CHANGE,
            TABLES_CLOSE,
            RESERVATIONS_CREATE,
            RESERVATIONS_EDIT,
            RESERVATIONS_CONFIRM,
            RESERVATIONS_CANCEL,
            RESERVATIONS_DELETE,
        ],
    },
    Group {
        code: "reports.view",
        labels: Labels {
            fr: "Voir les statistiques",
            en: "View statistics",
            it: "Vedere le statistiche",
        },
        area: Labels {
            fr: "Statistiques",
            en: "Statistics",
            it: "Statistiche",
        },
        verb: Labels {
            fr: "voir",
            en: "view",
            it: "vedere",
        },
        description: "See and export analytics, and read the activity log.",
        permissions: &[
            ANALYTICS_VIEW,
            ANALYTICS_VIEW_REVENUE,
            ANALYTICS_VIEW_PRODUCTS,
            ANALYTICS_VIEW_CONVERSION,
            ANALYTICS_VIEW_TIME_ANALYSIS,
            ANALYTICS_VIEW_AOV,
            ANALYTICS_EXPORT,
            AUDIT_VIEW,
        ],
    },
    Group {
        code: "pos.use",
        labels: Labels {
            fr: "Utiliser la caisse",
            en: "Use the till",
            it: "Usare la cassa",
        },
        area: Labels {
            fr: "Caisse",
            en: "Till",
            it: "Cassa",
        },
        verb: Labels {
            fr: "utiliser",
            en: "use",
            it: "usare",
        },
        description:
            "Use the cash register: take payments, print receipts and see the day's totals.",
        permissions: &[
            CASHIER_ACCESS,
            CASHIER_VIEW_ORDERS,
            CASHIER_CLOSE_TABLES,
            CASHIER_PRINT_RECEIPT,
            CASHIER_GENERATE_PRECONTO,
            CASHIER_VIEW_TOTALS,
        ],
    },
    Group {
        code: "inventory.view",
        labels: Labels {
            fr: "Voir le stock",
            en: "View stock",
            it: "Vedere le scorte",
        },
        area: Labels {
            fr: "Stock",
            en: "Stock",
            it: "Scorte",
        },
        verb: Labels {
            fr: "voir",
            en: "view",
            it: "vedere",
        },
        description: "See stock levels and low-stock alerts.",
        permissions: &[INVENTORY_VIEW],
    },
    Group {
        code: "inventory.edit",
        labels: Labels {
            fr: "Modifier le stock",
            en: "Edit stock",
            it: "Modificare le scorte",
        },
        area: Labels {
            fr: "Stock",
            en: "Stock",
            it: "Scorte",
        },
        verb: Labels {
            fr: "modifier",
            en: "edit",
            it: "modificare",
        },
        description: "Change stock levels and mark dishes as out of stock.",
        permissions: &[PRODUCTS_SET_AVAILABILITY, INVENTORY_EDIT],
    },
    Group {
        code: "team.view",
        labels: Labels {
            fr: "Voir l'équipe",
            en: "View the team",
            it: "Vedere il team",
        },
        area: Labels {
            fr: "Équipe",
            en: "Team",
            it: "Team",
        },
        verb: Labels {
            fr: "voir",
            en: "view",
            it: "vedere",
        },
        description: "See the team, their roles and their permissions, and write to them.",
        permissions: &[STAFF_VIEW, STAFF_VIEW_PERMISSIONS, STAFF_SEND_MESSAGES],
    },
    Group {
        code: "team.manage",
        labels: Labels {
            fr: "Gérer l'équipe",
            en: "Manage the team",
            it: "Gestire il team",
        },
        area: Labels {
            fr: "Équipe",
            en: "Team",
            it: "Team",
        },
        verb: Labels {
            fr: "gérer",
            en: "manage",
            it: "gestire",
        },
        description: "Invite, edit, deactivate and remove members, and manage and assign roles.",
        permissions: &[
            STAFF_CREATE,
            STAFF_EDIT,
            STAFF_DELETE,
            STAFF_DEACTIVATE,
            STAFF_MANAGE_ROLES,
            STAFF_ASSIGN_ROLES,
        ],
    },
    Group {
        code: "settings.view",
        labels: Labels {
            fr: "Voir les paramètres",
            en: "View settings",
            it: "Vedere le impostazioni",
        },
        area: Labels {
            fr: "Paramètres",
            en: "Settings",
            it: "Impostazioni",
        },
        verb: Labels {
            fr: "voir",
            en: "view",
            it: "vedere",
        },
        description: "See the restaurant, tax, plan and channel settings, and the customer file.",
        permissions: &[
            RESTAURANT_VIEW_SETTINGS,
            RESTAURANT_VIEW_FISCAL,
            RESTAURANT_VIEW_SUBSCRIPTION,
            CUSTOMERS_VIEW,
            CUSTOMERS_VIEW_ORDERS,
            CHANNELS_VIEW,
        ],
    },
    Group {
        code: "settings.edit",
        labels: Labels {
            fr: "Modifier les paramètres",
            en: "Edit settings",
            it: "Modificare le impostazioni",
        },
        area: Labels {
            fr: "Paramètres",
            en: "Settings",
            it: "Impostazioni",
        },
        verb: Labels {
            fr: "modifier",
            en: "edit",
            it: "modificare",
        },
        description:
            "Change the restaurant, rooms and tables, tax, plan, channels and customer records.",
        permissions: &[
            TABLES_MANAGE,
            RESTAURANT_EDIT_SETTINGS,
            RESTAURANT_EDIT_OPENING_HOURS,
            RESTAURANT_MANAGE_ROOMS,
            RESTAURANT_EDIT_FISCAL,
            RESTAURANT_MANAGE_SUBSCRIPTION,
            CUSTOMERS_EDIT,
            CUSTOMERS_DELETE,
            CUSTOMERS_MANAGE_LOYALTY,
            CHANNELS_MANAGE,
        ],
    },
];

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_groups_are_note_001s_twelve_codes_in_the_notes_order() {
        let codes: Vec<&str> = groups().iter().map(|g| g.code).collect();
        assert_eq!(
            codes,
            [
                "menu.view",
                "menu.edit",
                "orders.view",
                "orders.manage",
                "reports.view",
                "pos.use",
                "inventory.view",
                "inventory.edit",
                "team.view",
                "team.manage",
                "settings.view",
                "settings.edit",
            ]
        );
    }

    #[test]
    fn every_catalogue_code_belongs_to_at_least_one_group() {
        let covered = GROUPS
            .iter()
            .fold(PermissionSet::empty(), |acc, g| acc.union(g.set()));
        let missing = PermissionSet::all().difference(covered);
        assert!(
            missing.is_empty(),
            "codes in no group: {:?}",
            missing.codes()
        );
    }

    #[test]
    fn no_group_is_empty_or_lists_a_code_twice() {
        for g in GROUPS {
            assert!(!g.permissions.is_empty(), "{}", g.code);
            assert_eq!(
                g.set().len(),
                g.permissions.len(),
                "{} repeats a code",
                g.code
            );
        }
    }

    #[test]
    fn group_codes_list_their_permissions_in_catalogue_order() {
        for g in GROUPS {
            assert!(g.permissions.windows(2).all(|w| w[0] < w[1]), "{}", g.code);
        }
    }

    #[test]
    fn only_set_availability_is_shared_between_two_groups() {
        for p in Permission::all() {
            let holders: Vec<&str> = GROUPS
                .iter()
                .filter(|g| g.set().contains(p))
                .map(|g| g.code)
                .collect();
            if p == PRODUCTS_SET_AVAILABILITY {
                assert_eq!(holders, ["menu.edit", "inventory.edit"]);
            } else {
                assert_eq!(holders.len(), 1, "{p} is in {holders:?}");
            }
        }
    }

    #[test]
    fn a_group_is_on_off_or_partial_depending_on_how_much_of_it_is_held() {
        let team_view = Group::by_code("team.view").unwrap();
        assert_eq!(team_view.state(&PermissionSet::empty()), GroupState::Off);
        assert_eq!(team_view.state(&PermissionSet::all()), GroupState::On);
        let one: PermissionSet = [STAFF_VIEW].into_iter().collect();
        assert_eq!(team_view.state(&one), GroupState::Partial);
        let with_others = one
            .with(STAFF_VIEW_PERMISSIONS)
            .with(STAFF_SEND_MESSAGES)
            .with(AUDIT_VIEW);
        assert_eq!(team_view.state(&with_others), GroupState::On);
    }

    #[test]
    fn by_code_finds_groups_and_nothing_else() {
        assert_eq!(Group::by_code("pos.use").unwrap().code, "pos.use");
        assert!(Group::by_code("orders.view_all").is_none());
    }

    #[test]
    fn group_state_serialises_as_snake_case() {
        assert_eq!(
            serde_json::to_string(&GroupState::Partial).unwrap(),
            "\"partial\""
        );
        assert_eq!(
            serde_json::from_str::<GroupState>("\"on\"").unwrap(),
            GroupState::On
        );
    }
}
