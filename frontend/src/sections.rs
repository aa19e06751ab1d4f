//! The app's pages a signed-in person can open, each with the permission it needs. The
//! sidebar, the dashboard and the route guard all read this one table.

use brigade_domain::permissions::{code, Permission};

use crate::i18n::{Text, TextFn};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Dashboard,
    Team,
    Audit,
    Profile,
}

impl Section {
    /// In sidebar order.
    pub const ALL: [Section; 4] = [
        Section::Dashboard,
        Section::Team,
        Section::Audit,
        Section::Profile,
    ];

    pub const fn path(self) -> &'static str {
        match self {
            Section::Dashboard => "/",
            Section::Team => "/team",
            Section::Audit => "/audit",
            Section::Profile => "/profile",
        }
    }

    /// What the page needs; `None` for pages every member has.
    pub const fn required(self) -> Option<Permission> {
        match self {
            Section::Dashboard | Section::Profile => None,
            Section::Team => Some(code::STAFF_VIEW),
            Section::Audit => Some(code::AUDIT_VIEW),
        }
    }

    pub fn title(self) -> TextFn {
        match self {
            Section::Dashboard => |t: &Text| t.dashboard,
            Section::Team => |t: &Text| t.team,
            Section::Audit => |t: &Text| t.audit,
            Section::Profile => |t: &Text| t.profile,
        }
    }

    /// The one-line description on the dashboard.
    pub fn summary(self) -> Option<TextFn> {
        match self {
            Section::Dashboard => None,
            Section::Team => Some(|t: &Text| t.team_card),
            Section::Audit => Some(|t: &Text| t.audit_card),
            Section::Profile => Some(|t: &Text| t.profile_card),
        }
    }

    /// A short glyph for the sidebar (decorative).
    pub const fn icon(self) -> &'static str {
        match self {
            Section::Dashboard => "◧",
            Section::Team => "☺",
            Section::Audit => "☰",
            Section::Profile => "◉",
        }
    }
}
