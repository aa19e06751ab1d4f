//! The app's pages a signed-in person can open, each with the permission it needs. The
//! sidebar, the dashboard and the route guard all read this one table.

use brigade_domain::api::Me;
use brigade_domain::permissions::{code, Permission, SystemRole};

use crate::components::icons::Icon;
use crate::i18n::{Text, TextFn};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Dashboard,
    Onboarding,
    Service,
    Menu,
    Stock,
    Team,
    Roles,
    Matrix,
    Establishment,
    Tables,
    QrCodes,
    Audit,
    Profile,
}

impl Section {
    /// In sidebar order.
    pub const ALL: [Section; 13] = [
        Section::Dashboard,
        Section::Onboarding,
        Section::Service,
        Section::Menu,
        Section::Stock,
        Section::Team,
        Section::Roles,
        Section::Matrix,
        Section::Establishment,
        Section::Tables,
        Section::QrCodes,
        Section::Audit,
        Section::Profile,
    ];

    pub const fn path(self) -> &'static str {
        match self {
            Section::Dashboard => "/",
            Section::Onboarding => "/onboarding",
            Section::Service => "/service",
            Section::Menu => "/menu",
            Section::Stock => "/stock",
            Section::Team => "/team",
            Section::Roles => "/roles",
            Section::Matrix => "/roles/matrix",
            Section::Establishment => "/admin/settings/restaurant",
            Section::Tables => "/admin/settings/tables",
            Section::QrCodes => "/admin/settings/tables/qr",
            Section::Audit => "/audit",
            Section::Profile => "/profile",
        }
    }

    /// The page an app path opens: a section's own path, or a member's page under
    /// `/team/`. `None` for anything else (the visitor pages, the API, unknown paths).
    pub fn of_path(path: &str) -> Option<Section> {
        if let Some(id) = path.strip_prefix("/team/") {
            let one_segment = !id.is_empty() && !id.contains('/');
            return one_segment.then_some(Section::Team);
        }
        Section::ALL
            .into_iter()
            .find(|section| section.path() == path)
    }

    /// What the page needs; `None` for pages every member has.
    pub const fn required(self) -> Option<Permission> {
        match self {
            Section::Dashboard | Section::Profile | Section::Matrix => None,
            Section::Team => Some(code::STAFF_VIEW),
            Section::Roles => Some(code::STAFF_VIEW_PERMISSIONS),
            Section::Audit => Some(code::AUDIT_VIEW),
            Section::Establishment => Some(code::RESTAURANT_VIEW_SETTINGS),
            Section::Onboarding => Some(code::RESTAURANT_EDIT_SETTINGS),
            Section::Tables => Some(code::TABLES_MANAGE),
            Section::Service => Some(code::TABLES_VIEW),
            Section::Menu => Some(code::PRODUCTS_VIEW),
            Section::Stock => Some(code::INVENTORY_VIEW),
            Section::QrCodes => Some(code::PUBLIC_MENU_MANAGE_QR),
        }
    }

    /// Whether only the owner may open it (note 001 C4: the matrix page).
    pub const fn owner_only(self) -> bool {
        matches!(self, Section::Matrix)
    }

    /// Whether `me` may open this page.
    pub fn allowed(self, me: &Me) -> bool {
        if self.owner_only() {
            return me.role == SystemRole::Owner;
        }
        self.required()
            .is_none_or(|p| me.permissions.iter().any(|c| c == p.code()))
    }

    pub fn title(self) -> TextFn {
        match self {
            Section::Dashboard => |t: &Text| t.dashboard,
            Section::Onboarding => |t: &Text| t.onboarding,
            Section::Service => |t: &Text| t.service_grid,
            Section::Menu => |t: &Text| t.menu_title,
            Section::Stock => |t: &Text| t.stock_title,
            Section::Team => |t: &Text| t.team,
            Section::Roles => |t: &Text| t.roles,
            Section::Matrix => |t: &Text| t.matrix,
            Section::Audit => |t: &Text| t.audit,
            Section::Establishment => |t: &Text| t.establishment,
            Section::Tables => |t: &Text| t.tables_title,
            Section::QrCodes => |t: &Text| t.qr_codes,
            Section::Profile => |t: &Text| t.profile,
        }
    }

    /// The one-line description on the dashboard.
    pub fn summary(self) -> Option<TextFn> {
        match self {
            Section::Dashboard => None,
            Section::Onboarding => Some(|t: &Text| t.onboarding_card),
            Section::Service => Some(|t: &Text| t.service_grid_card),
            Section::Menu => Some(|t: &Text| t.menu_card),
            Section::Stock => Some(|t: &Text| t.stock_card),
            Section::Team => Some(|t: &Text| t.team_card),
            Section::Roles => Some(|t: &Text| t.roles_card),
            Section::Matrix => Some(|t: &Text| t.matrix_lead),
            Section::Audit => Some(|t: &Text| t.audit_card),
            Section::Establishment => Some(|t: &Text| t.establishment_card),
            Section::Tables => Some(|t: &Text| t.tables_card),
            Section::QrCodes => Some(|t: &Text| t.qr_lead),
            Section::Profile => Some(|t: &Text| t.profile_card),
        }
    }

    /// The section's icon in the sidebar and on the dashboard (decorative).
    pub const fn icon(self) -> Icon {
        match self {
            Section::Dashboard => Icon::Home,
            Section::Onboarding => Icon::Info,
            Section::Service => Icon::Grid,
            Section::Menu => Icon::Book,
            Section::Stock => Icon::Box,
            Section::Team => Icon::Users,
            Section::Roles => Icon::Shield,
            Section::Matrix => Icon::Grid,
            Section::Audit => Icon::List,
            Section::Establishment => Icon::Clock,
            Section::Tables => Icon::Table,
            Section::QrCodes => Icon::Qr,
            Section::Profile => Icon::User,
        }
    }
}
