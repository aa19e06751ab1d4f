//! The outbox: the only code that reads or writes `mail_outbox`. A message is written
//! in the transaction of the change it announces, so it exists exactly when the change
//! does; the deliverer claims it (a conditional update, so two replicas never both
//! send it), sends it, and then keeps only its envelope.

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use uuid::Uuid;

use super::Letter;
use crate::entities::mail_message::{self, Column, Entity};
use crate::platform::tenant::global;
use crate::platform::ApiResult;

pub use mail_message::Model as Message;

/// How long a claimed message is left to one deliverer before another may retry it.
const CLAIM_SECS: i64 = 60;

/// Puts a message in the outbox; returns its id.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    restaurant_id: Option<Uuid>,
    recipient: &str,
    letter: &Letter,
    now: DateTime<Utc>,
) -> ApiResult<Uuid> {
    let id = Uuid::new_v4();
    global::insert(mail_message::ActiveModel {
        id: Set(id),
        restaurant_id: Set(restaurant_id),
        kind: Set(letter.kind.to_owned()),
        recipient: Set(recipient.to_owned()),
        subject: Set(letter.subject.clone()),
        html: Set(letter.html.clone()),
        text: Set(letter.text.clone()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        sent_at: Set(None),
        failed_at: Set(None),
        last_error: Set(None),
        provider_id: Set(None),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await
    .context("putting a message in the outbox")?;
    Ok(id)
}

/// Claims up to `limit` messages due now, for this deliverer only.
pub async fn claim_due<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    limit: u64,
) -> ApiResult<Vec<Message>> {
    let due = global::find::<Entity>()
        .filter(Column::SentAt.is_null())
        .filter(Column::FailedAt.is_null())
        .filter(Column::NextAttemptAt.lte(now))
        .order_by_asc(Column::NextAttemptAt)
        .limit(limit)
        .all(db)
        .await
        .context("reading the outbox")?;
    let mut claimed = Vec::new();
    for message in due {
        let took = global::update_many::<Entity>()
            .set(mail_message::ActiveModel {
                claimed_until: Set(Some(now + Duration::seconds(CLAIM_SECS))),
                attempts: Set(message.attempts + 1),
                ..Default::default()
            })
            .filter(Column::Id.eq(message.id))
            .filter(Column::SentAt.is_null())
            .filter(Column::Attempts.eq(message.attempts))
            .filter(
                Column::ClaimedUntil
                    .is_null()
                    .or(Column::ClaimedUntil.lt(now)),
            )
            .exec(db)
            .await
            .context("claiming a message")?;
        if took.rows_affected == 1 {
            claimed.push(Message {
                attempts: message.attempts + 1,
                ..message
            });
        }
    }
    Ok(claimed)
}

/// Records a delivery; the bodies (and the links in them) are not kept.
pub async fn sent<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    provider_id: &str,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    global::update_many::<Entity>()
        .set(mail_message::ActiveModel {
            sent_at: Set(Some(now)),
            claimed_until: Set(None),
            provider_id: Set(Some(provider_id.to_owned())),
            html: Set(String::new()),
            text: Set(String::new()),
            last_error: Set(None),
            ..Default::default()
        })
        .filter(Column::Id.eq(id))
        .exec(db)
        .await
        .context("recording a delivery")?;
    Ok(())
}

/// Records a failed attempt: tried again at `retry_at`, or given up when `None`.
pub async fn failed<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let mut change = mail_message::ActiveModel {
        claimed_until: Set(None),
        last_error: Set(Some(error.chars().take(500).collect())),
        ..Default::default()
    };
    match retry_at {
        Some(at) => change.next_attempt_at = Set(at),
        None => {
            // Given up: what it carried (links, a temporary password) is not kept.
            change.failed_at = Set(Some(now));
            change.html = Set(String::new());
            change.text = Set(String::new());
        }
    }
    global::update_many::<Entity>()
        .set(change)
        .filter(Column::Id.eq(id))
        .exec(db)
        .await
        .context("recording a failed delivery")?;
    Ok(())
}
