//! The audit trail's hash chain. Each restaurant's entries are numbered 1, 2, 3…; each
//! entry's hash is SHA-256 over its own contents and the previous entry's hash, so
//! changing, removing or reordering an entry breaks every hash after it.
//! `audit_heads` (in the store) keeps the last number and hash per restaurant: taking
//! the next number locks that row until the change commits, so a restaurant's entries
//! are chained one at a time, across every process.

use brigade_domain::live::{BrokenLink, ChainCheck};
use chrono::{DateTime, Utc};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::store;
use crate::platform::{ApiResult, TenantTxn};

/// What an entry's hash covers.
pub struct Link<'a> {
    pub seq: i64,
    pub prev_hash: &'a str,
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub actor_account_id: Option<Uuid>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<&'a str>,
    pub before: Option<&'a serde_json::Value>,
    pub after: Option<&'a serde_json::Value>,
    pub client_addr: Option<&'a str>,
    pub created_at: DateTime<Utc>,
    /// The names kept with the entry (who and what, as they were).
    pub names: [Option<&'a str>; 3],
}

/// The entry's hash, hex: SHA-256 over a JSON array of its fields (unambiguous, and
/// objects' keys come out sorted whatever order the database keeps them in).
pub fn hash(link: &Link<'_>) -> String {
    let fields = json!([
        link.seq,
        link.prev_hash,
        link.id.to_string(),
        link.tenant_id.to_string(),
        link.actor_account_id.map(|id| id.to_string()),
        link.action,
        link.entity,
        link.entity_id,
        link.before,
        link.after,
        link.client_addr,
        link.created_at.timestamp_micros(),
        link.names,
    ]);
    hex::encode(Sha256::digest(fields.to_string().as_bytes()))
}

/// A time as both engines keep it: to the microsecond.
pub fn stored_time(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at)
}

/// How many entries are read at a time while checking.
const BATCH: u64 = 1_000;

/// Checks the restaurant's whole chain, in order, and names the first entry that does
/// not match.
pub async fn verify(txn: &TenantTxn) -> ApiResult<ChainCheck> {
    let (last, last_hash) = store::chain_head(txn).await?;
    let mut expected_seq = 1_i64;
    let mut prev = String::new();
    let broken = |seq: i64, id: Option<Uuid>, reason: &str, checked: i64| ChainCheck {
        intact: false,
        checked: checked.max(0) as u64,
        first_broken: Some(BrokenLink {
            seq,
            id,
            reason: reason.to_owned(),
        }),
    };
    loop {
        let rows = store::chained(txn, expected_seq, BATCH).await?;
        let done = (rows.len() as u64) < BATCH;
        for row in rows {
            let Some(seq) = row.seq else { continue };
            if seq != expected_seq {
                return Ok(broken(expected_seq, None, "missing", expected_seq - 1));
            }
            if row.prev_hash.as_deref() != Some(prev.as_str()) {
                return Ok(broken(seq, Some(row.id), "unlinked", seq - 1));
            }
            let computed = hash(&Link {
                seq,
                prev_hash: &prev,
                id: row.id,
                tenant_id: txn.tenant().id(),
                actor_account_id: row.actor_account_id,
                action: &row.action,
                entity: &row.entity,
                entity_id: row.entity_id.as_deref(),
                before: row.before.as_ref(),
                after: row.after.as_ref(),
                client_addr: row.client_addr.as_deref(),
                created_at: row.created_at,
                names: [
                    row.actor_name.as_deref(),
                    row.actor_role.as_deref(),
                    row.subject.as_deref(),
                ],
            });
            if row.hash.as_deref() != Some(computed.as_str()) {
                return Ok(broken(seq, Some(row.id), "altered", seq - 1));
            }
            prev = computed;
            expected_seq += 1;
        }
        if done {
            break;
        }
    }
    // Entries removed from the end leave the head further on than the entries.
    if expected_seq - 1 != last {
        return Ok(broken(expected_seq, None, "missing", expected_seq - 1));
    }
    if prev != last_hash {
        return Ok(broken(last, None, "altered", last - 1));
    }
    Ok(ChainCheck {
        intact: true,
        checked: last as u64,
        first_broken: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(prev: &str) -> Link<'_> {
        Link {
            seq: 1,
            prev_hash: prev,
            id: Uuid::from_u128(1),
            tenant_id: Uuid::from_u128(2),
            actor_account_id: None,
            action: "role.updated",
            entity: "custom_role",
            entity_id: Some("x"),
            before: None,
            after: None,
            client_addr: None,
            created_at: DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default(),
            names: [None, None, None],
        }
    }

    #[test]
    fn a_hash_covers_the_entry_before_it() {
        assert_ne!(hash(&link("")), hash(&link("abc")));
    }

    #[test]
    fn a_hash_does_not_depend_on_the_order_an_objects_keys_are_kept_in() {
        let one: serde_json::Value = serde_json::from_str(r#"{"a":1,"b":2}"#).unwrap();
        let two: serde_json::Value = serde_json::from_str(r#"{"b":2,"a":1}"#).unwrap();
        let mut first = link("");
        first.after = Some(&one);
        let mut second = link("");
        second.after = Some(&two);
        assert_eq!(hash(&first), hash(&second));
    }
}
