//! The audit trail's table. A change writes its entry with [`record`] in the same
//! transaction as the change itself, so there is never a change without its entry, nor
//! an entry without its change. Entries are never changed or deleted.

use anyhow::Context;
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::Value;
use uuid::Uuid;

use super::chain;
use crate::entities::audit_log;
use crate::live;
use crate::platform::sql::statement;
use crate::platform::tenant::Journaled;
use crate::platform::{ApiResult, TenantTxn};
use brigade_domain::journal;

pub use crate::entities::audit_log::Model as AuditRow;

/// What happened, by whom, to what.
#[derive(Debug, Clone, Default)]
pub struct AuditRecord {
    /// The restaurant it happened in; none for what happens outside any (a failed
    /// login). The transaction must have declared that restaurant.
    pub tenant_id: Option<Uuid>,
    pub actor_account_id: Option<Uuid>,
    pub action: &'static str,
    pub entity: &'static str,
    pub entity_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub client_addr: Option<String>,
}

/// Writes one entry, on `db` (the transaction of the change it describes): chained
/// after its restaurant's last entry and, when its action is a live event
/// (`journal::audience`), with that event in the outbox.
#[allow(clippy::disallowed_methods)] // the entry names its restaurant; row-level security checks it
pub async fn record<C: Journaled>(db: &C, entry: AuditRecord) -> ApiResult<()> {
    let id = Uuid::new_v4();
    let created_at = chain::stored_time(Utc::now());
    let (actor_name, actor_role, subject) = match entry.tenant_id {
        Some(tenant_id) => named_at_the_time(db, tenant_id, &entry).await?,
        None => (None, None, None),
    };
    let (seq, prev_hash, hash) = match entry.tenant_id {
        None => (None, None, None),
        Some(tenant_id) => {
            let (seq, prev) = chain_next(db, tenant_id).await?;
            let hash = chain::hash(&chain::Link {
                seq,
                prev_hash: &prev,
                id,
                tenant_id,
                actor_account_id: entry.actor_account_id,
                action: entry.action,
                entity: entry.entity,
                entity_id: entry.entity_id.as_deref(),
                before: entry.before.as_ref(),
                after: entry.after.as_ref(),
                client_addr: entry.client_addr.as_deref(),
                created_at,
                names: [
                    actor_name.as_deref(),
                    actor_role.as_deref(),
                    subject.as_deref(),
                ],
            });
            chain_advance(db, tenant_id, &hash).await?;
            (Some(seq), Some(prev), Some(hash))
        }
    };
    if let Some(tenant_id) = entry.tenant_id.filter(|_| journal::is_live(entry.action)) {
        live::store::post(
            db,
            live::store::NewEvent {
                tenant_id,
                kind: entry.action,
                entity: entry.entity,
                entity_id: entry.entity_id.clone(),
                actor_account_id: entry.actor_account_id,
                before: entry.before.clone(),
                after: entry.after.clone(),
                actor: actor_name.clone(),
                subject: subject.clone(),
                at: created_at,
            },
        )
        .await?;
    }
    audit_log::Entity::insert(audit_log::ActiveModel {
        id: Set(id),
        tenant_id: Set(entry.tenant_id),
        actor_account_id: Set(entry.actor_account_id),
        action: Set(entry.action.to_owned()),
        entity: Set(entry.entity.to_owned()),
        entity_id: Set(entry.entity_id),
        before: Set(entry.before),
        after: Set(entry.after),
        client_addr: Set(entry.client_addr),
        created_at: Set(created_at),
        actor_name: Set(actor_name),
        actor_role: Set(actor_role),
        subject: Set(subject),
        seq: Set(seq),
        prev_hash: Set(prev_hash),
        hash: Set(hash),
    })
    .exec_without_returning(db)
    .await
    .with_context(|| format!("writing the audit entry {}", entry.action))?;
    Ok(())
}

/// A name read by `sql` with `values`, if any.
#[allow(clippy::disallowed_methods)] // names in the restaurant the transaction declared
async fn name_of<C: ConnectionTrait>(
    db: &C,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> ApiResult<Option<(String, Option<String>)>> {
    let row = db
        .query_one(statement(db, sql, values))
        .await
        .context("naming an audit entry's actor or subject")?;
    Ok(match row {
        None => None,
        Some(row) => {
            let name: Option<String> = row.try_get("", "name").ok();
            let role: Option<String> = row.try_get("", "role").ok();
            name.map(|name| (name, role))
        }
    })
}

/// Who acted (name and role in the restaurant) and what it was about, as they are now
/// — that is, when the entry is written.
async fn named_at_the_time<C: ConnectionTrait>(
    db: &C,
    tenant_id: Uuid,
    entry: &AuditRecord,
) -> ApiResult<(Option<String>, Option<String>, Option<String>)> {
    let actor = match entry.actor_account_id {
        None => None,
        Some(account) => {
            name_of(
                db,
                "SELECT COALESCE(m.display_name, a.name) AS name, m.role AS role \
                 FROM memberships m JOIN accounts a ON a.id = m.account_id \
                 WHERE m.tenant_id = $1 AND m.account_id = $2",
                vec![tenant_id.into(), account.into()],
            )
            .await?
        }
    };
    let id = entry
        .entity_id
        .as_deref()
        .and_then(|id| Uuid::parse_str(id).ok());
    let current = match (entry.entity, id) {
        ("membership", Some(id)) => {
            name_of(
                db,
                "SELECT COALESCE(m.display_name, a.name) AS name FROM memberships m \
                 JOIN accounts a ON a.id = m.account_id WHERE m.id = $1 AND m.tenant_id = $2",
                vec![id.into(), tenant_id.into()],
            )
            .await?
        }
        ("custom_role", Some(id)) => {
            name_of(
                db,
                "SELECT name FROM custom_roles WHERE id = $1 AND tenant_id = $2",
                vec![id.into(), tenant_id.into()],
            )
            .await?
        }
        _ => None,
    };
    let subject = current.map(|(name, _)| name).or_else(|| {
        super::names::kept(
            entry.entity_id.as_deref(),
            entry.before.as_ref(),
            entry.after.as_ref(),
        )
    });
    let (actor_name, actor_role) = match actor {
        Some((name, role)) => (Some(name), role),
        None => (None, None),
    };
    Ok((actor_name, actor_role, subject))
}

/// What the trail can be filtered on.
#[derive(Debug, Default)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub entity: Option<String>,
    /// Only what this account did, or what was done to this membership.
    pub member: Option<(Uuid, String)>,
    /// From this moment, included.
    pub since: Option<chrono::DateTime<Utc>>,
    /// Before this moment.
    pub until: Option<chrono::DateTime<Utc>>,
    /// Leave out these actions.
    pub hide: Vec<&'static str>,
}

/// One page of the restaurant's trail, newest first, and the number of entries.
pub async fn page(
    txn: &TenantTxn,
    filter: &AuditFilter,
    limit: u64,
    offset: u64,
) -> ApiResult<(Vec<AuditRow>, u64)> {
    let mut query = txn.find::<audit_log::Entity>();
    if let Some(action) = &filter.action {
        query = query.filter(audit_log::Column::Action.eq(action));
    }
    if let Some(entity) = &filter.entity {
        query = query.filter(audit_log::Column::Entity.eq(entity));
    }
    if let Some((account, membership)) = &filter.member {
        query = query.filter(
            sea_orm::Condition::any()
                .add(audit_log::Column::ActorAccountId.eq(*account))
                .add(
                    sea_orm::Condition::all()
                        .add(audit_log::Column::Entity.eq("membership"))
                        .add(audit_log::Column::EntityId.eq(membership.as_str())),
                ),
        );
    }
    if let Some(since) = filter.since {
        query = query.filter(audit_log::Column::CreatedAt.gte(since));
    }
    if let Some(until) = filter.until {
        query = query.filter(audit_log::Column::CreatedAt.lt(until));
    }
    if !filter.hide.is_empty() {
        query = query.filter(audit_log::Column::Action.is_not_in(filter.hide.iter().copied()));
    }
    let total = query
        .clone()
        .count(txn)
        .await
        .context("counting the audit entries")?;
    let rows = query
        .order_by_desc(audit_log::Column::CreatedAt)
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(txn)
        .await
        .context("reading the audit trail")?;
    Ok((rows, total))
}

/// Takes the restaurant's next number and the hash before it, locking its head until
/// the transaction ends.
#[allow(clippy::disallowed_methods)] // the chain's head, in the restaurant the transaction declared
pub async fn chain_next(db: &impl ConnectionTrait, tenant_id: Uuid) -> ApiResult<(i64, String)> {
    chain_next_start(db, tenant_id).await?;
    let row = db
        .query_one(statement(
            db,
            "UPDATE audit_heads SET seq = seq + 1 WHERE tenant_id = $1 RETURNING seq, hash",
            vec![tenant_id.into()],
        ))
        .await
        .context("taking the audit chain's next number")?
        .context("the audit chain's head is missing")?;
    let seq: i64 = row
        .try_get("", "seq")
        .context("reading the chain's number")?;
    let hash: String = row
        .try_get("", "hash")
        .context("reading the chain's hash")?;
    Ok((seq, hash))
}

/// Makes sure the restaurant's chain has its head.
#[allow(clippy::disallowed_methods)] // the chain's head, in the restaurant the transaction declared
async fn chain_next_start(db: &impl ConnectionTrait, tenant_id: Uuid) -> ApiResult<()> {
    db.execute(statement(
        db,
        "INSERT INTO audit_heads (tenant_id, seq, hash) VALUES ($1, 0, '') ON CONFLICT (tenant_id) DO NOTHING",
        vec![tenant_id.into()],
    ))
    .await
    .context("starting the audit chain")?;
    Ok(())
}

/// Takes the restaurant's chain until the transaction ends, before anything is
/// written: a change that must take turns per restaurant (team messages) holds it first.
#[allow(clippy::disallowed_methods)] // the chain's head, in the transaction's restaurant
pub async fn hold_chain(txn: &TenantTxn) -> ApiResult<()> {
    let tenant = txn.tenant().id();
    chain_next_start(txn, tenant).await?;
    txn.execute(statement(
        txn,
        "UPDATE audit_heads SET seq = seq WHERE tenant_id = $1",
        vec![tenant.into()],
    ))
    .await
    .context("taking the audit chain's turn")?;
    Ok(())
}

/// Records `hash` as the restaurant's last.
#[allow(clippy::disallowed_methods)] // the chain's head, in the restaurant the transaction declared
pub async fn chain_advance(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    hash: &str,
) -> ApiResult<()> {
    db.execute(statement(
        db,
        "UPDATE audit_heads SET hash = $1 WHERE tenant_id = $2",
        vec![hash.into(), tenant_id.into()],
    ))
    .await
    .context("moving the audit chain's head")?;
    Ok(())
}

/// The restaurant's head: its last number and hash (0 and "" before any entry).
#[allow(clippy::disallowed_methods)] // the chain's head, in the restaurant the transaction declared
pub async fn chain_head(txn: &TenantTxn) -> ApiResult<(i64, String)> {
    let row = txn
        .query_one(statement(
            txn,
            "SELECT seq, hash FROM audit_heads WHERE tenant_id = $1",
            vec![txn.tenant().id().into()],
        ))
        .await
        .context("reading the audit chain's head")?;
    match row {
        None => Ok((0, String::new())),
        Some(row) => Ok((
            row.try_get("", "seq")
                .context("reading the chain's number")?,
            row.try_get("", "hash")
                .context("reading the chain's hash")?,
        )),
    }
}

/// Up to `limit` of the restaurant's chained entries from number `from`, in order.
pub async fn chained(txn: &TenantTxn, from: i64, limit: u64) -> ApiResult<Vec<AuditRow>> {
    Ok(txn
        .find::<audit_log::Entity>()
        .filter(audit_log::Column::Seq.gte(from))
        .order_by_asc(audit_log::Column::Seq)
        .limit(limit)
        .all(txn)
        .await
        .context("reading the audit chain")?)
}
