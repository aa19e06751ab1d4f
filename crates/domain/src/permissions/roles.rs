//! The six system roles and their default permissions, computed at compile time from
//! note 001's matrix C1 (through the groups) and note 002's suggested role lists.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::catalogue::{const_from_code, const_str_eq, Labels};
use super::groups::{Group, GROUPS};
use super::set::PermissionSet;

/// A role every restaurant has. Serialised as snake_case (`"waiter"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SystemRole {
    Owner,
    Admin,
    Manager,
    Cashier,
    Chef,
    Waiter,
}

/// A role name that is not a system role.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownRole(pub String);

impl fmt::Display for UnknownRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown system role `{}`", self.0)
    }
}

impl std::error::Error for UnknownRole {}

impl SystemRole {
    /// Every system role, in note 001's column order.
    pub const ALL: [SystemRole; 6] = [
        SystemRole::Owner,
        SystemRole::Admin,
        SystemRole::Manager,
        SystemRole::Cashier,
        SystemRole::Chef,
        SystemRole::Waiter,
    ];

    /// The role as it appears on the wire and in the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            SystemRole::Owner => "owner",
            SystemRole::Admin => "admin",
            SystemRole::Manager => "manager",
            SystemRole::Cashier => "cashier",
            SystemRole::Chef => "chef",
            SystemRole::Waiter => "waiter",
        }
    }

    /// The role's name for the UI.
    pub const fn labels(self) -> &'static Labels {
        match self {
            SystemRole::Owner => &Labels {
                fr: "Propriétaire",
                en: "Owner",
                it: "Proprietario",
            },
            SystemRole::Admin => &Labels {
                fr: "Administrateur",
                en: "Admin",
                it: "Amministratore",
            },
            SystemRole::Manager => &Labels {
                fr: "Manager",
                en: "Manager",
                it: "Manager",
            },
            SystemRole::Cashier => &Labels {
                fr: "Caissier",
                en: "Cashier",
                it: "Cassiere",
            },
            SystemRole::Chef => &Labels {
                fr: "Cuisinier",
                en: "Chef",
                it: "Cuoco",
            },
            SystemRole::Waiter => &Labels {
                fr: "Serveur",
                en: "Waiter",
                it: "Cameriere",
            },
        }
    }

    /// Whether `name` is a system role's, by its code or its name in any language,
    /// ignoring case and surrounding space: a custom role may not take it, or a
    /// waiter's "Owner" would read as the owner.
    pub fn is_named(name: &str) -> bool {
        let name = name.trim().to_lowercase();
        Self::ALL.iter().any(|role| {
            let labels = role.labels();
            [role.as_str(), labels.fr, labels.en, labels.it]
                .iter()
                .any(|known| known.to_lowercase() == name)
        })
    }

    /// The role's defaults: every code of each group note 001's matrix grants the role,
    /// plus note 002's suggested list for it. The owner's defaults are every code.
    #[inline]
    pub const fn default_permissions(self) -> PermissionSet {
        DEFAULTS[self as usize]
    }

    /// The role's permissions in a restaurant: its defaults with that restaurant's
    /// override applied. The owner's permissions are never editable, so an override on
    /// the owner role is ignored.
    pub fn with_override(self, restaurant_override: Option<&super::Overrides>) -> PermissionSet {
        match (self, restaurant_override) {
            (SystemRole::Owner, _) | (_, None) => self.default_permissions(),
            (_, Some(o)) => o.apply(self.default_permissions()),
        }
    }

    /// Whether a restaurant override may apply to this role (every role but the owner).
    pub const fn is_editable(self) -> bool {
        !matches!(self, SystemRole::Owner)
    }
}

impl fmt::Display for SystemRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SystemRole {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SystemRole::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

const OUI: bool = true;
const NON: bool = false;

/// Note 001's matrix C1, as written in the note: a group code and, for owner, admin,
/// manager, cashier, chef and waiter (in [`SystemRole::ALL`] order), whether the role
/// has it by default.
pub(super) const MATRIX_C1: [(&str, [bool; 6]); 12] = [
    //                 owner admin manager cashier chef waiter
    ("menu.view", [OUI, OUI, OUI, OUI, OUI, OUI]),
    ("menu.edit", [OUI, OUI, OUI, NON, NON, NON]),
    ("orders.view", [OUI, OUI, OUI, OUI, OUI, OUI]),
    ("orders.manage", [OUI, OUI, OUI, OUI, OUI, NON]),
    ("reports.view", [OUI, OUI, OUI, NON, NON, NON]),
    ("pos.use", [OUI, OUI, OUI, OUI, NON, NON]),
    ("inventory.view", [OUI, OUI, OUI, NON, OUI, NON]),
    ("inventory.edit", [OUI, OUI, OUI, NON, NON, NON]),
    ("team.view", [OUI, OUI, OUI, NON, NON, NON]),
    ("team.manage", [OUI, OUI, NON, NON, NON, NON]),
    ("settings.view", [OUI, OUI, NON, NON, NON, NON]),
    ("settings.edit", [OUI, OUI, NON, NON, NON, NON]),
];

/// Note 002's suggested list for MANAGER, as written in the note.
pub(super) const NOTE_002_MANAGER: &[&str] = &[
    "orders.view_all",
    "orders.view_details",
    "orders.create",
    "orders.edit",
    "orders.add_products",
    "orders.remove_products",
    "orders.edit_quantities",
    "orders.confirm",
    "orders.start_preparing",
    "orders.complete",
    "orders.cancel",
    "orders.delete",
    "orders.add_notes",
    "orders.set_priority",
    "orders.change_table",
    "orders.generate_preconto",
    "tables.view",
    "tables.open",
    "tables.change",
    "tables.close",
    "cashier.access",
    "cashier.view_orders",
    "cashier.close_tables",
    "cashier.print_receipt",
    "cashier.generate_preconto",
    "cashier.view_totals",
    "products.view",
    "staff.view",
    "analytics.view",
    "analytics.view_revenue",
    "analytics.view_products",
    "analytics.view_conversion",
    "analytics.view_time_analysis",
    "analytics.view_aov",
    "analytics.export",
];

/// Note 002's suggested list for CAMERIERE (waiter), as written in the note.
pub(super) const NOTE_002_CAMERIERE: &[&str] = &[
    "orders.view_all",
    "orders.view_details",
    "orders.create",
    "orders.edit",
    "orders.add_products",
    "orders.edit_quantities",
    "orders.confirm",
    "orders.add_notes",
    "orders.set_priority",
    "tables.view",
    "tables.open",
    "tables.change",
    "products.view",
];

/// Note 002's suggested list for CASSIERE (cashier), as written in the note.
pub(super) const NOTE_002_CASSIERE: &[&str] = &[
    "orders.view_all",
    "orders.view_details",
    "orders.complete",
    "orders.generate_preconto",
    "cashier.access",
    "cashier.view_orders",
    "cashier.close_tables",
    "cashier.print_receipt",
    "cashier.generate_preconto",
    "cashier.view_totals",
    "tables.view",
    "tables.close",
    "products.view",
];

/// Note 002's suggested list for CUOCO (chef), as written in the note.
pub(super) const NOTE_002_CUOCO: &[&str] = &[
    "orders.view_all",
    "orders.view_details",
    "orders.start_preparing",
    "products.view",
];

/// Note 002's suggested list for each role, in [`SystemRole::ALL`] order (owner's is
/// "everything", admin has none).
pub(super) const NOTE_002_LISTS: [&[&str]; 6] = [
    &[],
    &[],
    NOTE_002_MANAGER,
    NOTE_002_CASSIERE,
    NOTE_002_CUOCO,
    NOTE_002_CAMERIERE,
];

/// The group with this code; a matrix row naming an unknown group fails the build.
const fn group_by_code(code: &str) -> &'static Group {
    let mut i = 0;
    while i < GROUPS.len() {
        if const_str_eq(GROUPS[i].code, code) {
            return &GROUPS[i];
        }
        i += 1;
    }
    panic!("matrix C1 names a group that does not exist")
}

/// The set of these codes; a list naming an unknown code fails the build.
const fn set_of_codes(codes: &[&str]) -> PermissionSet {
    let mut set = PermissionSet::empty();
    let mut i = 0;
    while i < codes.len() {
        set = set.with(const_from_code(codes[i]));
        i += 1;
    }
    set
}

/// Each role's defaults, in [`SystemRole::ALL`] order, computed once at compile time.
const DEFAULTS: [PermissionSet; 6] = {
    let mut defaults = [PermissionSet::empty(); 6];
    let mut row = 0;
    while row < MATRIX_C1.len() {
        let (code, cells) = MATRIX_C1[row];
        let group = group_by_code(code).set();
        let mut role = 0;
        while role < 6 {
            if cells[role] {
                defaults[role] = defaults[role].union(group);
            }
            role += 1;
        }
        row += 1;
    }
    let mut role = 0;
    while role < 6 {
        defaults[role] = defaults[role].union(set_of_codes(NOTE_002_LISTS[role]));
        role += 1;
    }
    defaults[SystemRole::Owner as usize] = PermissionSet::all();
    defaults
};

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::groups::GroupState;
    use super::super::Overrides;
    use super::super::{code, Permission};
    use super::*;

    use SystemRole::*;

    /// Asserts one row of note 001's matrix C1, cells copied from the note in the order
    /// owner, admin, manager, cashier, chef, waiter: `oui` => the group is fully on in
    /// the role's defaults, `non` => it is not fully on.
    fn assert_c1_row(group: &str, cells: [&str; 6]) {
        let group = Group::by_code(group).unwrap();
        for (role, cell) in SystemRole::ALL.into_iter().zip(cells) {
            let state = group.state(&role.default_permissions());
            match cell {
                "oui" => assert_eq!(state, GroupState::On, "{} for {role}", group.code),
                "non" => assert_ne!(state, GroupState::On, "{} for {role}", group.code),
                other => panic!("not a C1 cell: {other}"),
            }
        }
        let row = MATRIX_C1
            .iter()
            .find(|(code, _)| *code == group.code)
            .unwrap();
        assert_eq!(
            row.1,
            cells.map(|c| c == "oui"),
            "MATRIX_C1 differs from the note"
        );
    }

    #[test]
    fn c1_menu_view_is_on_for_every_role() {
        assert_c1_row("menu.view", ["oui", "oui", "oui", "oui", "oui", "oui"]);
    }

    #[test]
    fn c1_menu_edit_is_on_for_owner_admin_and_manager_only() {
        assert_c1_row("menu.edit", ["oui", "oui", "oui", "non", "non", "non"]);
    }

    #[test]
    fn c1_orders_view_is_on_for_every_role() {
        assert_c1_row("orders.view", ["oui", "oui", "oui", "oui", "oui", "oui"]);
    }

    #[test]
    fn c1_orders_manage_is_on_for_every_role_but_waiter() {
        assert_c1_row("orders.manage", ["oui", "oui", "oui", "oui", "oui", "non"]);
    }

    #[test]
    fn c1_reports_view_is_on_for_owner_admin_and_manager_only() {
        assert_c1_row("reports.view", ["oui", "oui", "oui", "non", "non", "non"]);
    }

    #[test]
    fn c1_pos_use_is_on_for_owner_admin_manager_and_cashier() {
        assert_c1_row("pos.use", ["oui", "oui", "oui", "oui", "non", "non"]);
    }

    #[test]
    fn c1_inventory_view_is_on_for_owner_admin_manager_and_chef() {
        assert_c1_row("inventory.view", ["oui", "oui", "oui", "non", "oui", "non"]);
    }

    #[test]
    fn c1_inventory_edit_is_on_for_owner_admin_and_manager_only() {
        assert_c1_row("inventory.edit", ["oui", "oui", "oui", "non", "non", "non"]);
    }

    #[test]
    fn c1_team_view_is_on_for_owner_admin_and_manager_only() {
        assert_c1_row("team.view", ["oui", "oui", "oui", "non", "non", "non"]);
    }

    #[test]
    fn c1_team_manage_is_on_for_owner_and_admin_only() {
        assert_c1_row("team.manage", ["oui", "oui", "non", "non", "non", "non"]);
    }

    #[test]
    fn c1_settings_view_is_on_for_owner_and_admin_only() {
        assert_c1_row("settings.view", ["oui", "oui", "non", "non", "non", "non"]);
    }

    #[test]
    fn c1_settings_edit_is_on_for_owner_and_admin_only() {
        assert_c1_row("settings.edit", ["oui", "oui", "non", "non", "non", "non"]);
    }

    /// The only `non` cell that is not `Off`: note 002 has waiters take and change
    /// orders and open tables (CAMERIERE's list), which note 001 files under
    /// `orders.manage`, a `non` for waiters. The union gives waiters those codes but not
    /// cancelling, deleting, completing or reservations, so the group is partial.
    #[test]
    fn only_the_waiters_orders_manage_cell_is_partial() {
        let mut partial = Vec::new();
        for group in GROUPS {
            for role in SystemRole::ALL {
                if group.state(&role.default_permissions()) == GroupState::Partial {
                    partial.push((group.code, role));
                }
            }
        }
        assert_eq!(partial, [("orders.manage", Waiter)]);
    }

    #[test]
    fn every_non_cell_but_the_waiters_orders_manage_is_off() {
        for (code, cells) in MATRIX_C1 {
            let group = Group::by_code(code).unwrap();
            for (role, yes) in SystemRole::ALL.into_iter().zip(cells) {
                if !yes && (code, role) != ("orders.manage", Waiter) {
                    assert_eq!(
                        group.state(&role.default_permissions()),
                        GroupState::Off,
                        "{code} for {role}"
                    );
                }
            }
        }
    }

    fn assert_note_002_list_is_in_defaults(list: &[&str], role: SystemRole) {
        let suggested = PermissionSet::from_codes(list.iter().copied()).unwrap();
        assert_eq!(suggested.len(), list.len(), "the list repeats a code");
        let missing = suggested.difference(role.default_permissions());
        assert!(missing.is_empty(), "{role} lacks {:?}", missing.codes());
    }

    #[test]
    fn note_002_manager_list_is_within_the_managers_defaults() {
        assert_note_002_list_is_in_defaults(NOTE_002_MANAGER, Manager);
    }

    #[test]
    fn note_002_cameriere_list_is_within_the_waiters_defaults() {
        assert_note_002_list_is_in_defaults(NOTE_002_CAMERIERE, Waiter);
    }

    #[test]
    fn note_002_cassiere_list_is_within_the_cashiers_defaults() {
        assert_note_002_list_is_in_defaults(NOTE_002_CASSIERE, Cashier);
    }

    #[test]
    fn note_002_cuoco_list_is_within_the_chefs_defaults() {
        assert_note_002_list_is_in_defaults(NOTE_002_CUOCO, Chef);
    }

    #[test]
    fn defaults_are_exactly_the_matrix_groups_plus_the_note_002_list() {
        for (i, role) in SystemRole::ALL.into_iter().enumerate() {
            let mut expected =
                PermissionSet::from_codes(NOTE_002_LISTS[i].iter().copied()).unwrap();
            for (code, cells) in MATRIX_C1 {
                if cells[i] {
                    expected = expected.union(Group::by_code(code).unwrap().set());
                }
            }
            assert_eq!(role.default_permissions(), expected, "{role}");
        }
    }

    #[test]
    fn the_owner_defaults_to_every_code() {
        assert_eq!(Owner.default_permissions(), PermissionSet::all());
        assert!(MATRIX_C1.iter().all(|(_, cells)| cells[0]));
    }

    #[test]
    fn the_admin_has_every_code_because_every_group_is_on_for_admin() {
        assert_eq!(Admin.default_permissions(), PermissionSet::all());
    }

    #[test]
    fn a_waiter_takes_orders_but_cannot_cancel_them_or_use_the_till() {
        let waiter = Waiter.default_permissions();
        assert!(waiter.contains(code::ORDERS_CREATE));
        assert!(waiter.contains(code::TABLES_OPEN));
        assert!(!waiter.contains(code::ORDERS_CANCEL));
        assert!(!waiter.contains(code::CASHIER_ACCESS));
    }

    #[test]
    fn a_manager_cannot_manage_the_team_or_the_settings() {
        let manager = Manager.default_permissions();
        assert!(manager.contains(code::STAFF_VIEW));
        assert!(!manager.contains(code::STAFF_ASSIGN_ROLES));
        assert!(!manager.contains(code::RESTAURANT_EDIT_SETTINGS));
        assert!(!manager.contains(code::CUSTOMERS_VIEW));
    }

    #[test]
    fn an_override_on_the_owner_role_is_ignored() {
        let mut o = Overrides::new();
        o.deny(code::AUDIT_VIEW);
        assert_eq!(Owner.with_override(Some(&o)), PermissionSet::all());
        assert_eq!(
            Chef.with_override(Some(&o)),
            Chef.default_permissions().difference(o.denied())
        );
        assert!(!Owner.is_editable() && Chef.is_editable());
    }

    #[test]
    fn a_system_role_round_trips_through_its_name_and_serde() {
        for role in SystemRole::ALL {
            assert_eq!(role.as_str().parse::<SystemRole>().unwrap(), role);
            assert_eq!(role.to_string(), role.as_str());
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
            assert_eq!(serde_json::from_str::<SystemRole>(&json).unwrap(), role);
        }
    }

    #[test]
    fn a_system_roles_name_in_any_language_is_known_whatever_its_case() {
        for name in ["owner", " Propriétaire ", "CAMERIERE", "Cuoco", "manager"] {
            assert!(SystemRole::is_named(name), "{name}");
        }
        for name in ["Barman", "Sommelier", "Owners"] {
            assert!(!SystemRole::is_named(name), "{name}");
        }
    }

    #[test]
    fn an_unknown_role_name_is_rejected() {
        let err = "directeur".parse::<SystemRole>().unwrap_err();
        assert_eq!(err.to_string(), "unknown system role `directeur`");
        assert!("Owner".parse::<SystemRole>().is_err());
        assert!(serde_json::from_str::<SystemRole>("\"cameriere\"").is_err());
    }

    #[test]
    fn role_labels_use_note_002s_italian_names() {
        assert_eq!(Waiter.labels().it, "Cameriere");
        assert_eq!(Cashier.labels().it, "Cassiere");
        assert_eq!(Chef.labels().it, "Cuoco");
    }

    #[test]
    fn prints_the_groups_and_their_codes() {
        let mut total = 0;
        for group in GROUPS {
            println!(
                "{:<15} {} / {} / {} ({} codes)",
                group.code,
                group.labels.fr,
                group.labels.en,
                group.labels.it,
                group.permissions.len()
            );
            for p in group.permissions {
                println!("    {:<32} {}", p.code(), p.def().labels.en);
            }
            total += group.permissions.len();
        }
        println!();
        for role in SystemRole::ALL {
            let defaults = role.default_permissions();
            let states: Vec<String> = GROUPS
                .iter()
                .map(|g| format!("{}={:?}", g.code, g.state(&defaults)))
                .collect();
            println!("{role} ({} codes): {}", defaults.len(), states.join(" "));
            println!("    {}", defaults.codes().join(", "));
        }
        // products.set_availability is the one code in two groups.
        assert_eq!(total, Permission::all().count() + 1);
        assert_eq!(GROUPS.len(), 12);
        let counts: Vec<usize> = SystemRole::ALL
            .iter()
            .map(|r| r.default_permissions().len())
            .collect();
        assert_eq!(counts, [81, 81, 59, 35, 30, 16]);
    }
}
