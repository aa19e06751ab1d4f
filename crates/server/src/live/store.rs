//! The only code that reads or writes `events` (the outbox), `event_heads`,
//! `notifications` and `team_messages`.
//!
//! - [`post`] writes an event in the transaction of its change (called by
//!   `audit::record`), numbered by a conditional update of its restaurant's head; the
//!   head's row stays locked until the change commits, so a restaurant's events commit
//!   in the order of their numbers.
//! - [`deliver`] turns a restaurant's waiting events into notifications, one per
//!   member who may see each, and moves the head's `delivered_seq`, in one transaction.
//!   On PostgreSQL an advisory lock keeps two processes from delivering one restaurant
//!   at once, and the commit announces what it delivered (`NOTIFY brigade_delivered`).

use anyhow::Context;
use brigade_domain::api::Page;
use brigade_domain::journal;
use brigade_domain::live::{Notification, TeamMessage};
use brigade_domain::permissions::SystemRole;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, Statement,
};
use serde_json::json;
use uuid::Uuid;

use super::rules::{self, Addressees, Candidate};
use crate::access::member_access::LoadedRole;
use crate::access::snapshot::AccessSnapshot;
use crate::audit::names::Names;
use crate::entities::{event, event_head, notification, team_message};
use crate::platform::sql::statement;
use crate::platform::tenant::{global, Journaled};
use crate::platform::{ApiResult, Tenant, TenantTxn};
use crate::team::store as team;

/// The channel a writer's commit announces new events on (PostgreSQL).
pub const OUTBOX_CHANNEL: &str = "brigade_outbox";
/// The channel a deliverer's commit announces delivered events on (PostgreSQL):
/// `"{restaurant}:{from}:{to}"`, the numbers after `from` up to `to`.
pub const DELIVERED_CHANNEL: &str = "brigade_delivered";
/// How many events one delivery takes at most.
const BATCH: u64 = 200;

/// An event to write with its change.
#[derive(Debug)]
pub struct NewEvent {
    pub tenant_id: Uuid,
    pub kind: &'static str,
    pub entity: &'static str,
    pub entity_id: Option<String>,
    pub actor_account_id: Option<Uuid>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    /// The actor's and the subject's names when it happened.
    pub actor: Option<String>,
    pub subject: Option<String>,
    pub at: DateTime<Utc>,
}

/// Writes `event` in the outbox, in the transaction of its change; returns its number.
#[allow(clippy::disallowed_methods)] // the outbox's head and insert, in the restaurant the transaction declared
pub async fn post<C: Journaled>(db: &C, event: NewEvent) -> ApiResult<i64> {
    let tenant = event.tenant_id;
    db.execute(statement(
        db,
        "INSERT INTO event_heads (restaurant_id, last_seq, delivered_seq) VALUES ($1, 0, 0) \
         ON CONFLICT (restaurant_id) DO NOTHING",
        vec![tenant.into()],
    ))
    .await
    .context("starting the restaurant's events")?;
    let seq: i64 = db
        .query_one(statement(
            db,
            "UPDATE event_heads SET last_seq = last_seq + 1 WHERE restaurant_id = $1 RETURNING last_seq",
            vec![tenant.into()],
        ))
        .await
        .context("numbering an event")?
        .context("the restaurant's event head is missing")?
        .try_get("", "last_seq")
        .context("reading an event's number")?;
    event::Entity::insert(event::ActiveModel {
        id: Set(Uuid::new_v4()),
        tenant_id: Set(tenant),
        seq: Set(seq),
        kind: Set(event.kind.to_owned()),
        entity: Set(event.entity.to_owned()),
        entity_id: Set(event.entity_id),
        actor_account_id: Set(event.actor_account_id),
        payload: Set(Some(
            json!({ "before": event.before, "after": event.after }),
        )),
        created_at: Set(event.at),
    })
    .exec_without_returning(db)
    .await
    .context("writing an event")?;
    if db.get_database_backend() == DbBackend::Postgres {
        // Delivered to every listening process when (and only if) this commits.
        db.execute(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            vec![OUTBOX_CHANNEL.into(), tenant.to_string().into()],
        ))
        .await
        .context("announcing an event")?;
    }
    db.announce();
    Ok(seq)
}

/// The restaurants with events waiting for delivery.
pub async fn waiting(db: &DatabaseConnection) -> ApiResult<Vec<Uuid>> {
    let heads = global::find::<event_head::Entity>()
        .filter(
            sea_orm::sea_query::Expr::col(event_head::Column::DeliveredSeq)
                .lt(sea_orm::sea_query::Expr::col(event_head::Column::LastSeq)),
        )
        .all(db)
        .await
        .context("finding the events waiting")?;
    Ok(heads.into_iter().map(|head| head.restaurant_id).collect())
}

/// What one delivery did: the numbers after `from` up to `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delivered {
    pub tenant: Tenant,
    pub from: i64,
    pub to: i64,
}

impl Delivered {
    pub fn announcement(&self) -> String {
        format!("{}:{}:{}", self.tenant.id(), self.from, self.to)
    }

    pub fn parse(payload: &str) -> Option<Delivered> {
        let mut parts = payload.split(':');
        let tenant = Tenant::new(Uuid::parse_str(parts.next()?).ok()?);
        let from = parts.next()?.parse().ok()?;
        let to = parts.next()?.parse().ok()?;
        Some(Delivered { tenant, from, to })
    }
}

/// A lock key for delivering one restaurant's events.
fn delivery_key(tenant: Uuid) -> i64 {
    let bytes = tenant.as_bytes();
    let mut key = [0u8; 8];
    key.copy_from_slice(&bytes[..8]);
    i64::from_be_bytes(key) ^ 0x0062_7269_6761_6465 // "brigade"
}

/// The restaurant's members as candidates for its events.
async fn candidates(txn: &TenantTxn, snapshot: &AccessSnapshot) -> ApiResult<Vec<Candidate>> {
    let mut out = Vec::new();
    for (member, person) in team::members(txn).await? {
        let access = snapshot.access_of(&member)?;
        let mut system_roles = Vec::new();
        let mut custom_roles = Vec::new();
        for role in &access.roles {
            match role {
                LoadedRole::System(role) => system_roles.push(*role),
                LoadedRole::Custom { id, .. } => custom_roles.push(*id),
            }
        }
        out.push(Candidate {
            membership_id: member.id,
            account_id: person.id,
            active: member.active,
            permissions: access.permissions(),
            system_roles,
            custom_roles,
        });
    }
    Ok(out)
}

/// Delivers up to [`BATCH`] of the restaurant's waiting events, or nothing when
/// another process is delivering them or none wait.
#[allow(clippy::disallowed_methods)] // the delivery's lock, head and announcement
pub async fn deliver(db: &DatabaseConnection, tenant: Tenant) -> ApiResult<Option<Delivered>> {
    let txn = tenant
        .write(db)
        .await
        .context("opening a delivery's transaction")?;
    let postgres = txn.get_database_backend() == DbBackend::Postgres;
    if postgres {
        let got: bool = txn
            .query_one(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_try_advisory_xact_lock($1) AS got",
                vec![delivery_key(tenant.id()).into()],
            ))
            .await
            .context("taking a delivery's turn")?
            .context("no answer to the delivery's lock")?
            .try_get("", "got")
            .context("reading the delivery's lock")?;
        if !got {
            return Ok(None);
        }
    }
    let from: i64 = match txn
        .query_one(statement(
            &txn,
            "SELECT delivered_seq FROM event_heads WHERE restaurant_id = $1",
            vec![tenant.id().into()],
        ))
        .await
        .context("reading what was delivered")?
    {
        Some(row) => row
            .try_get("", "delivered_seq")
            .context("reading a number")?,
        None => return Ok(None),
    };
    let events = txn
        .find::<event::Entity>()
        .filter(event::Column::Seq.gt(from))
        .order_by_asc(event::Column::Seq)
        .limit(BATCH)
        .all(&txn)
        .await
        .context("reading the waiting events")?;
    let Some(to) = events.last().map(|event| event.seq) else {
        txn.commit().await.context("ending an empty delivery")?;
        return Ok(None);
    };
    let snapshot = AccessSnapshot::load(&txn, 0).await?;
    let members = candidates(&txn, &snapshot).await?;
    let names = Names::load(&txn, &snapshot).await?;
    let mut rows = Vec::new();
    for event in &events {
        let Some(audience) = journal::audience(&event.kind) else {
            continue;
        };
        let before = event.payload.as_ref().and_then(|p| p.get("before"));
        let after = event.payload.as_ref().and_then(|p| p.get("after"));
        let after = after.filter(|value| !value.is_null());
        let before = before.filter(|value| !value.is_null());
        let addressees = Addressees::of_message(after);
        let kept = |key: &str| {
            event
                .payload
                .as_ref()
                .and_then(|p| p.get(key))
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let (actor, subject) = names.actor_and_subject(
            event.actor_account_id,
            (kept("actor"), kept("subject")),
            &event.kind,
            &event.entity,
            event.entity_id.as_deref(),
            before,
            after,
        );
        let text = (event.kind == "message.sent")
            .then(|| after.and_then(|a| a.get("text")).and_then(|t| t.as_str()))
            .flatten()
            .map(str::to_owned);
        for member in members
            .iter()
            .filter(|m| rules::receives(m, audience, addressees, event.actor_account_id))
        {
            rows.push(notification::ActiveModel {
                id: Set(Uuid::new_v4()),
                tenant_id: Set(tenant.id()),
                membership_id: Set(member.membership_id),
                seq: Set(event.seq),
                kind: Set(event.kind.clone()),
                entity: Set(event.entity.clone()),
                entity_id: Set(event.entity_id.clone()),
                actor: Set(actor.clone()),
                subject: Set(subject.clone()),
                text: Set(text.clone()),
                created_at: Set(event.created_at),
                read_at: Set(None),
            });
        }
    }
    for chunk in rows.chunks(500) {
        notification::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await
            .context("writing notifications")?;
    }
    txn.execute(statement(
        &txn,
        "UPDATE event_heads SET delivered_seq = $1 WHERE restaurant_id = $2",
        vec![to.into(), tenant.id().into()],
    ))
    .await
    .context("moving what was delivered")?;
    let delivered = Delivered { tenant, from, to };
    if postgres {
        txn.execute(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            vec![DELIVERED_CHANNEL.into(), delivered.announcement().into()],
        ))
        .await
        .context("announcing a delivery")?;
    }
    txn.commit().await.context("committing a delivery")?;
    Ok(Some(delivered))
}

/// The wire form of a stored notification.
pub fn wire(row: notification::Model) -> Notification {
    Notification {
        id: row.id,
        seq: row.seq,
        kind: row.kind,
        entity: row.entity,
        entity_id: row.entity_id,
        actor: row.actor,
        subject: row.subject,
        text: row.text,
        created_at: row.created_at,
        read_at: row.read_at,
    }
}

/// One page of a member's notifications, newest first, and how many match.
pub async fn page(
    txn: &TenantTxn,
    membership_id: Uuid,
    unread_only: bool,
    limit: u64,
    offset: u64,
) -> ApiResult<Page<Notification>> {
    let mut query = txn
        .find::<notification::Entity>()
        .filter(notification::Column::MembershipId.eq(membership_id));
    if unread_only {
        query = query.filter(notification::Column::ReadAt.is_null());
    }
    let total = query
        .clone()
        .count(txn)
        .await
        .context("counting notifications")?;
    let items = query
        .order_by_desc(notification::Column::Seq)
        .limit(limit)
        .offset(offset)
        .all(txn)
        .await
        .context("reading notifications")?
        .into_iter()
        .map(wire)
        .collect();
    Ok(Page {
        items,
        total,
        limit,
        offset,
    })
}

/// A member's notifications after `since`, oldest first (a reconnecting app's catch-up).
pub async fn after(
    txn: &TenantTxn,
    membership_id: Uuid,
    since: i64,
    limit: u64,
) -> ApiResult<Vec<Notification>> {
    Ok(txn
        .find::<notification::Entity>()
        .filter(notification::Column::MembershipId.eq(membership_id))
        .filter(notification::Column::Seq.gt(since))
        .order_by_asc(notification::Column::Seq)
        .limit(limit)
        .all(txn)
        .await
        .context("catching up notifications")?
        .into_iter()
        .map(wire)
        .collect())
}

/// The delivered notifications of the members listed, numbered after `from` up to `to`.
pub async fn delivered_to(
    txn: &TenantTxn,
    members: &[Uuid],
    from: i64,
    to: i64,
) -> ApiResult<Vec<(Uuid, Notification)>> {
    Ok(txn
        .find::<notification::Entity>()
        .filter(notification::Column::MembershipId.is_in(members.iter().copied()))
        .filter(notification::Column::Seq.gt(from))
        .filter(notification::Column::Seq.lte(to))
        .order_by_asc(notification::Column::Seq)
        .all(txn)
        .await
        .context("reading delivered notifications")?
        .into_iter()
        .map(|row| (row.membership_id, wire(row)))
        .collect())
}

/// How many notifications the member has not read, and the last number they have.
pub async fn unread(txn: &TenantTxn, membership_id: Uuid) -> ApiResult<(u64, i64)> {
    let unread = txn
        .find::<notification::Entity>()
        .filter(notification::Column::MembershipId.eq(membership_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(txn)
        .await
        .context("counting unread notifications")?;
    let last = txn
        .find::<notification::Entity>()
        .filter(notification::Column::MembershipId.eq(membership_id))
        .order_by_desc(notification::Column::Seq)
        .one(txn)
        .await
        .context("reading the last notification")?
        .map_or(0, |row| row.seq);
    Ok((unread, last))
}

/// Marks one of the member's notifications read; false when they have no such one.
pub async fn mark_read(
    txn: &TenantTxn,
    membership_id: Uuid,
    id: Uuid,
    at: DateTime<Utc>,
) -> ApiResult<Option<Notification>> {
    let found = txn
        .find::<notification::Entity>()
        .filter(notification::Column::MembershipId.eq(membership_id))
        .filter(notification::Column::Id.eq(id))
        .one(txn)
        .await
        .context("finding a notification")?;
    let Some(mut row) = found else {
        return Ok(None);
    };
    if row.read_at.is_none() {
        txn.update_many::<notification::Entity>()
            .col_expr(notification::Column::ReadAt, at.into())
            .filter(notification::Column::Id.eq(id))
            .filter(notification::Column::ReadAt.is_null())
            .exec(txn)
            .await
            .context("marking a notification read")?;
        row.read_at = Some(at);
    }
    Ok(Some(wire(row)))
}

/// Marks every notification of the member read; returns how many were unread.
pub async fn mark_all_read(
    txn: &TenantTxn,
    membership_id: Uuid,
    at: DateTime<Utc>,
) -> ApiResult<u64> {
    let result = txn
        .update_many::<notification::Entity>()
        .col_expr(notification::Column::ReadAt, at.into())
        .filter(notification::Column::MembershipId.eq(membership_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(txn)
        .await
        .context("marking notifications read")?;
    Ok(result.rows_affected)
}

/// A team message to write.
#[derive(Debug)]
pub struct NewMessage {
    pub retry: Option<(String, String)>,
    pub author_account_id: Uuid,
    pub text: String,
    pub role: Option<SystemRole>,
    pub custom_role_id: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// Writes a team message; returns it.
pub async fn write_message(txn: &TenantTxn, message: NewMessage) -> ApiResult<team_message::Model> {
    let row = team_message::Model {
        id: Uuid::new_v4(),
        tenant_id: txn.tenant().id(),
        author_account_id: Some(message.author_account_id),
        text: message.text,
        role: message.role.map(|role| role.as_str().to_owned()),
        custom_role_id: message.custom_role_id,
        idempotency_key: message.retry.as_ref().map(|(key, _)| key.clone()),
        request_hash: message.retry.as_ref().map(|(_, hash)| hash.clone()),
        created_at: message.at,
    };
    txn.insert(team_message::ActiveModel {
        id: Set(row.id),
        tenant_id: Set(row.tenant_id),
        author_account_id: Set(row.author_account_id),
        text: Set(row.text.clone()),
        role: Set(row.role.clone()),
        custom_role_id: Set(row.custom_role_id),
        idempotency_key: Set(row.idempotency_key.clone()),
        request_hash: Set(row.request_hash.clone()),
        created_at: Set(row.created_at),
    })
    .await
    .context("writing a team message")?;
    Ok(row)
}

/// The message a request with this idempotency key wrote.
pub async fn message_by_key(txn: &TenantTxn, key: &str) -> ApiResult<Option<team_message::Model>> {
    Ok(txn
        .find::<team_message::Entity>()
        .filter(team_message::Column::IdempotencyKey.eq(key))
        .one(txn)
        .await
        .context("reading a message by its idempotency key")?)
}

/// One page of the restaurant's messages, newest first, for a reader who holds
/// `system_roles` and `custom_roles` (all of them with `everything`).
pub async fn messages(
    txn: &TenantTxn,
    reader: Option<(&[SystemRole], &[Uuid])>,
    limit: u64,
    offset: u64,
) -> ApiResult<(Vec<team_message::Model>, u64)> {
    let mut query = txn.find::<team_message::Entity>();
    if let Some((system, custom)) = reader {
        let mut to_reader = sea_orm::Condition::any().add(
            sea_orm::Condition::all()
                .add(team_message::Column::Role.is_null())
                .add(team_message::Column::CustomRoleId.is_null()),
        );
        if !system.is_empty() {
            to_reader =
                to_reader.add(team_message::Column::Role.is_in(system.iter().map(|r| r.as_str())));
        }
        if !custom.is_empty() {
            to_reader =
                to_reader.add(team_message::Column::CustomRoleId.is_in(custom.iter().copied()));
        }
        query = query.filter(to_reader);
    }
    let total = query
        .clone()
        .count(txn)
        .await
        .context("counting team messages")?;
    let rows = query
        .order_by_desc(team_message::Column::CreatedAt)
        .order_by_desc(team_message::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(txn)
        .await
        .context("reading team messages")?;
    Ok((rows, total))
}

/// The wire form of a team message.
pub fn message_wire(row: team_message::Model, names: &Names) -> TeamMessage {
    TeamMessage {
        id: row.id,
        author: names.actor(row.author_account_id).map(|n| n.name.clone()),
        text: row.text,
        role: row.role.and_then(|role| role.parse().ok()),
        custom_role_id: row.custom_role_id,
        created_at: row.created_at,
    }
}
