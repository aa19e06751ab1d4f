//! Permissions: the catalogue of fine codes, groups, system roles, overrides and the
//! resolver that turns a member's roles and overrides into what they may do.
//!
//! # The model (see `shared/docs/permissions.md`)
//!
//! - The unit of enforcement is the fine code `module.action` ([`Permission`]). The
//!   [`CATALOGUE`] holds note 002's codes in the note's order, then `reservations.*`,
//!   `inventory.*` and `audit.view`. It is defined once; [`code`] has one constant per
//!   code for handlers, and every other list (OpenAPI enum, UI tree) derives from it.
//! - Note 001's twelve coarse codes are [`GROUPS`]: bundles of fine codes that the
//!   compact matrix page toggles at once ([`GroupState`] on, off or partial).
//! - [`SystemRole`]s have defaults: the codes of every group note 001's matrix C1 grants
//!   the role, plus note 002's suggested list for it. The owner's defaults are every code.
//! - [`Overrides`] say, per code, granted or denied; a restaurant may override a system
//!   role, and a member may have personal overrides.
//!
//! # Resolution
//!
//! [`resolve`] computes a member's effective [`PermissionSet`]:
//!
//! 1. The owner (`is_owner`) has every code, always; nothing can change that.
//! 2. The role grant is the union, over every role the member holds, of:
//!    - a system role's defaults with the restaurant's override of that role applied
//!      (`defaults ∪ granted − denied`); an override on the owner role is ignored;
//!    - a custom role's explicit set.
//! 3. The personal overrides apply last: `(role grant ∪ personal granted) − personal
//!    denied`.
//!
//! So the first level that says something about a code decides: owner, then the person,
//! then the restaurant's role override, then the role defaults. With several roles, one
//! role's override denying a code does not stop another held role from granting it.
//!
//! [`explain`] names the level that decided one code, and always agrees with
//! [`resolve`]:
//!
//! - [`DecidingLevel::Owner`] if the member is the owner;
//! - else [`DecidingLevel::PersonalOverride`] if the personal overrides mention the code;
//! - else, for the first held role that grants it, [`DecidingLevel::RestaurantRoleOverride`]
//!   if the grant comes from the restaurant's override of that role, or
//!   [`DecidingLevel::SystemRoleDefault`] / [`DecidingLevel::CustomRole`];
//! - else, if a held system role's restaurant override denies it,
//!   [`DecidingLevel::RestaurantRoleOverride`] with `granted: false`;
//! - else [`DecidingLevel::NoRoleGrants`].
//!
//! Everything here is pure and allocation-free on the hot path: a check is one
//! [`PermissionSet::contains`] on a resolved set, a shift and a mask.

mod catalogue;
mod groups;
mod overrides;
mod resolver;
mod roles;
mod set;

pub use catalogue::{
    code, needs, Labels, Module, Permission, PermissionDef, RequiredPermission, CATALOGUE,
};
pub use groups::{groups, Group, GroupState, GROUPS};
pub use overrides::Overrides;
pub use resolver::{explain, resolve, DecidingLevel, Explanation, HeldRole, Subject};
pub use roles::{SystemRole, UnknownRole};
pub use set::{PermissionIter, PermissionSet, UnknownPermission};
