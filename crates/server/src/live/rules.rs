//! Who receives an event: plain functions over the restaurant's members as they are
//! when the event is delivered.

use brigade_domain::journal::Audience;
use brigade_domain::permissions::{PermissionSet, SystemRole};
use serde_json::Value;
use uuid::Uuid;

/// A member who might receive an event.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub membership_id: Uuid,
    pub account_id: Uuid,
    pub active: bool,
    pub permissions: PermissionSet,
    pub system_roles: Vec<SystemRole>,
    pub custom_roles: Vec<Uuid>,
}

/// Whom a team message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addressees {
    Everyone,
    Role(SystemRole),
    CustomRole(Uuid),
}

impl Addressees {
    /// Read from what a `message.sent` entry kept.
    pub fn of_message(after: Option<&Value>) -> Addressees {
        let field = |key: &str| {
            after
                .and_then(|after| after.get(key))
                .and_then(Value::as_str)
        };
        if let Some(role) = field("role").and_then(|role| role.parse::<SystemRole>().ok()) {
            return Addressees::Role(role);
        }
        if let Some(id) = field("custom_role_id").and_then(|id| Uuid::parse_str(id).ok()) {
            return Addressees::CustomRole(id);
        }
        Addressees::Everyone
    }

    fn include(self, candidate: &Candidate) -> bool {
        match self {
            Addressees::Everyone => true,
            Addressees::Role(role) => candidate.system_roles.contains(&role),
            Addressees::CustomRole(id) => candidate.custom_roles.contains(&id),
        }
    }
}

/// Whether `candidate` receives an event for `audience`, done by `actor`: active
/// members only, never the one who did it, and only those the audience names.
pub fn receives(
    candidate: &Candidate,
    audience: Audience,
    addressees: Addressees,
    actor: Option<Uuid>,
) -> bool {
    if !candidate.active || actor == Some(candidate.account_id) {
        return false;
    }
    match audience {
        Audience::Holders(permission) => candidate.permissions.contains(permission),
        Audience::Addressees => addressees.include(candidate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use brigade_domain::permissions::code;
    use serde_json::json;

    fn waiter() -> Candidate {
        Candidate {
            membership_id: Uuid::from_u128(1),
            account_id: Uuid::from_u128(2),
            active: true,
            permissions: SystemRole::Waiter.default_permissions(),
            system_roles: vec![SystemRole::Waiter],
            custom_roles: vec![],
        }
    }

    #[test]
    fn a_waiter_does_not_receive_security_events() {
        assert!(!receives(
            &waiter(),
            Audience::Holders(code::AUDIT_VIEW),
            Addressees::Everyone,
            None
        ));
    }

    #[test]
    fn nobody_is_told_of_what_they_did_themselves() {
        let waiter = waiter();
        assert!(!receives(
            &waiter,
            Audience::Addressees,
            Addressees::Everyone,
            Some(waiter.account_id)
        ));
    }

    #[test]
    fn a_deactivated_member_receives_nothing() {
        let mut waiter = waiter();
        waiter.active = false;
        assert!(!receives(
            &waiter,
            Audience::Addressees,
            Addressees::Everyone,
            None
        ));
    }

    #[test]
    fn a_message_to_the_chefs_does_not_reach_the_waiters() {
        let to_chefs = Addressees::of_message(Some(&json!({ "role": "chef" })));
        assert_eq!(to_chefs, Addressees::Role(SystemRole::Chef));
        assert!(!receives(&waiter(), Audience::Addressees, to_chefs, None));
        let to_waiters = Addressees::of_message(Some(&json!({ "role": "waiter" })));
        assert!(receives(&waiter(), Audience::Addressees, to_waiters, None));
    }
}
