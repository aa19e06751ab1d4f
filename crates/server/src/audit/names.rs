//! Names instead of ids: who an entry's actor is in the restaurant (name and role),
//! and what its subject is called ("Léa Martin", "Barman", "T12"). The audit page and
//! the live notifications both show them. Names come from the team and the roles as
//! they are now, and, for what no longer exists, from what the entry itself kept.

use std::collections::HashMap;

use serde_json::Value;
use uuid::Uuid;

use crate::access::snapshot::AccessSnapshot;
use crate::platform::{ApiResult, TenantTxn};
use crate::team::store as team;

/// A member as the journal names them.
#[derive(Debug, Clone)]
pub struct Named {
    pub name: String,
    pub role: String,
}

/// The restaurant's names, read once for a page of entries or a batch of events.
#[derive(Debug, Default)]
pub struct Names {
    by_account: HashMap<Uuid, Named>,
    by_membership: HashMap<Uuid, String>,
    roles: HashMap<Uuid, String>,
}

impl Names {
    pub async fn load(txn: &TenantTxn, snapshot: &AccessSnapshot) -> ApiResult<Self> {
        let mut names = Names::default();
        for (member, person) in team::members(txn).await? {
            let name = team::shown_name(&member, &person).to_owned();
            names.by_membership.insert(member.id, name.clone());
            names.by_account.insert(
                person.id,
                Named {
                    name,
                    role: member.role.clone(),
                },
            );
        }
        names.roles = snapshot.custom_role_names();
        Ok(names)
    }

    /// The actor, by account.
    pub fn actor(&self, account_id: Option<Uuid>) -> Option<&Named> {
        account_id.and_then(|id| self.by_account.get(&id))
    }

    /// The actor's name, and the subject's, of an entry about `entity`: one who is no
    /// longer a member but named themselves as the subject (who left) is the actor.
    ///
    /// `kept` are the names the entry kept when it was written (entries written before
    /// names were kept have none, and are named as things are now).
    #[allow(clippy::too_many_arguments)]
    pub fn actor_and_subject(
        &self,
        actor: Option<Uuid>,
        kept: (Option<String>, Option<String>),
        action: &str,
        entity: &str,
        entity_id: Option<&str>,
        before: Option<&Value>,
        after: Option<&Value>,
    ) -> (Option<String>, Option<String>) {
        let subject = kept
            .1
            .or_else(|| self.subject(entity, entity_id, before, after));
        let actor = kept
            .0
            .or_else(|| self.actor(actor).map(|named| named.name.clone()));
        match actor {
            Some(name) => (Some(name), subject),
            None if brigade_domain::journal::acts_on_itself(action) => (subject, None),
            None => (None, subject),
        }
    }

    /// The subject of an entry about `entity` `entity_id`, kept `before` and `after`.
    pub fn subject(
        &self,
        entity: &str,
        entity_id: Option<&str>,
        before: Option<&Value>,
        after: Option<&Value>,
    ) -> Option<String> {
        let id = entity_id.and_then(|id| Uuid::parse_str(id).ok());
        let current = match entity {
            "membership" => id.and_then(|id| self.by_membership.get(&id).cloned()),
            "account" => id.and_then(|id| self.by_account.get(&id).map(|n| n.name.clone())),
            "custom_role" => id.and_then(|id| self.roles.get(&id).cloned()),
            // A system role's override is named by the role's code.
            "role_override" | "service" | "onboarding" => entity_id.map(str::to_owned),
            _ => None,
        };
        current
            .or_else(|| after.and_then(kept_name))
            .or_else(|| before.and_then(kept_name))
            // An id is never shown as a name; other ids (a date, a step) are.
            .or_else(|| {
                entity_id
                    .filter(|id| Uuid::parse_str(id).is_err() && *id != "*")
                    .map(str::to_owned)
            })
    }
}

/// The name an entry's own values give its subject: what `after` or `before` kept,
/// or its id when it is not an id (a date, a step, a system role's code).
pub fn kept(
    entity_id: Option<&str>,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Option<String> {
    after
        .and_then(kept_name)
        .or_else(|| before.and_then(kept_name))
        // An id is never shown as a name; other ids (a date, a step) are.
        .or_else(|| {
            entity_id
                .filter(|id| Uuid::parse_str(id).is_err() && *id != "*")
                .map(str::to_owned)
        })
}

/// The name a snapshot kept: its `name`, `display_name`, `table_number` or `email`,
/// or that of a snapshot inside it (`member`, `zone`), or a list's first few.
pub fn kept_name(value: &Value) -> Option<String> {
    match value {
        Value::Object(fields) => {
            for key in ["name", "display_name", "table_number", "email", "text"] {
                if let Some(Value::String(name)) = fields.get(key) {
                    if !name.is_empty() {
                        return Some(name.clone());
                    }
                }
            }
            ["member", "zone", "role", "invitation", "restaurant"]
                .iter()
                .find_map(|key| fields.get(*key).and_then(kept_name))
        }
        Value::Array(items) => {
            let names: Vec<String> = items.iter().take(3).filter_map(kept_name).collect();
            if names.is_empty() {
                None
            } else if items.len() > 3 {
                Some(format!("{}, …", names.join(", ")))
            } else {
                Some(names.join(", "))
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_deleted_tables_name_comes_from_what_its_entry_kept() {
        let names = Names::default();
        let before = json!({ "table_number": "T12", "display_name": null });
        assert_eq!(
            names.subject(
                "table",
                Some(&Uuid::from_u128(7).to_string()),
                Some(&before),
                None
            ),
            Some("T12".to_owned())
        );
    }

    #[test]
    fn an_id_is_never_shown_as_a_name() {
        let names = Names::default();
        assert_eq!(
            names.subject(
                "membership",
                Some(&Uuid::from_u128(7).to_string()),
                None,
                None
            ),
            None
        );
    }

    #[test]
    fn a_list_is_named_by_its_first_few() {
        let added = json!([{ "table_number": "T1" }, { "table_number": "T2" }]);
        assert_eq!(kept_name(&added), Some("T1, T2".to_owned()));
    }
}
