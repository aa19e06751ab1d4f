//! The rules that protect a restaurant's team, as plain functions: nobody acts on the
//! owner this way, nor on someone who holds more than they do; nobody grants what they
//! do not hold (lifting a deny included); a replacement role is not given twice.

use brigade_domain::errors::ErrorCode;
use brigade_domain::permissions::{Overrides, PermissionSet, SystemRole};

use super::store::ExtraRole;
use crate::access::MemberAccess;
use crate::platform::{ApiError, ApiResult};

pub fn owner_protected(detail: &str) -> ApiError {
    ApiError::with_detail(ErrorCode::OwnerProtected, detail)
}

/// Refuses with `403 exceeds_own_permissions` naming the codes of `wanted` the editor
/// does not hold.
pub fn within(editor: PermissionSet, wanted: PermissionSet) -> ApiResult<()> {
    let beyond = wanted.difference(editor);
    if beyond.is_empty() {
        Ok(())
    } else {
        Err(ApiError::ExceedsOwnPermissions(beyond))
    }
}

/// The owner is never `what` (deactivated, removed…) by anyone; anyone else only by an
/// editor who holds at least every permission they hold.
pub fn may_act_on(editor: PermissionSet, target: &MemberAccess, what: &str) -> ApiResult<()> {
    if target.primary_role == SystemRole::Owner {
        return Err(owner_protected(&format!(
            "the owner cannot be {what}; the owner may transfer ownership instead"
        )));
    }
    within(editor, target.permissions())
}

/// What an editor must hold to give a member these personal overrides: every code
/// granted, and everything lifting a deny gives back from the member's roles.
pub fn overrides_need(target: &MemberAccess, overrides: Overrides) -> PermissionSet {
    let before = target.permissions();
    let mut after = target.clone();
    after.personal = overrides;
    overrides
        .granted()
        .union(after.permissions().difference(before))
}

/// Whether a member already holds `role`, as their primary role or an extra one.
pub fn already_holds(primary: Option<SystemRole>, extra: &[ExtraRole], role: ExtraRole) -> bool {
    match role {
        ExtraRole::System(system) => primary == Some(system) || extra.contains(&role),
        ExtraRole::Custom(_) => extra.contains(&role),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use brigade_domain::permissions::code;
    use std::collections::HashMap;
    use uuid::Uuid;

    fn member(role: SystemRole) -> MemberAccess {
        MemberAccess {
            primary_role: role,
            personal: Overrides::new(),
            roles: vec![crate::access::member_access::LoadedRole::System(role)],
            role_overrides: HashMap::new(),
        }
    }

    #[test]
    fn nobody_acts_on_the_owner_even_with_every_permission() {
        let error = may_act_on(PermissionSet::all(), &member(SystemRole::Owner), "removed");
        assert!(matches!(
            error,
            Err(ApiError::Code(ErrorCode::OwnerProtected, _))
        ));
    }

    #[test]
    fn a_manager_cannot_act_on_an_admin_and_is_told_which_codes_they_lack() {
        let manager = SystemRole::Manager.default_permissions();
        let admin = member(SystemRole::Admin);
        match may_act_on(manager, &admin, "deactivated") {
            Err(ApiError::ExceedsOwnPermissions(beyond)) => assert_eq!(
                beyond,
                SystemRole::Admin.default_permissions().difference(manager)
            ),
            other => panic!("expected exceeds_own_permissions, got {other:?}"),
        }
    }

    #[test]
    fn lifting_a_deny_needs_what_the_roles_give_back() {
        let mut waiter = member(SystemRole::Waiter);
        waiter.personal.deny(code::ORDERS_CREATE);
        let lifted = Overrides::new();
        let need = overrides_need(&waiter, lifted);
        assert_eq!(need, [code::ORDERS_CREATE].into_iter().collect());
    }

    #[test]
    fn a_system_role_already_held_as_primary_is_not_given_again() {
        let role = ExtraRole::System(SystemRole::Waiter);
        assert!(already_holds(Some(SystemRole::Waiter), &[], role));
        assert!(!already_holds(Some(SystemRole::Chef), &[], role));
        assert!(already_holds(Some(SystemRole::Chef), &[role], role));
        let custom = ExtraRole::Custom(Uuid::nil());
        assert!(!already_holds(Some(SystemRole::Chef), &[role], custom));
        assert!(already_holds(None, &[custom], custom));
    }
}
