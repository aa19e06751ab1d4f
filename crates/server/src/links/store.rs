//! One-time tokens: the only code that reads or writes `one_time_tokens`.

use anyhow::Context;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Set};
use uuid::Uuid;

use super::{hash, new_secret, Purpose};
use crate::entities::one_time_token::{self, Column, Entity};
use crate::platform::tenant::global;
use crate::platform::ApiResult;

pub use one_time_token::Model as Token;

/// What a new link is tied to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Subject {
    pub account_id: Option<Uuid>,
    pub restaurant_id: Option<Uuid>,
    pub invitation_id: Option<Uuid>,
}

/// Issues a link's secret valid until `expires_at`; returns the secret (never stored).
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    purpose: Purpose,
    subject: Subject,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> ApiResult<String> {
    let (secret, token_hash) = new_secret();
    global::insert(one_time_token::ActiveModel {
        id: Set(Uuid::new_v4()),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(token_hash),
        account_id: Set(subject.account_id),
        restaurant_id: Set(subject.restaurant_id),
        invitation_id: Set(subject.invitation_id),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await
    .context("issuing a link")?;
    Ok(secret)
}

/// The token a secret names, used or not, expired or not.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    purpose: Purpose,
    secret: &str,
) -> ApiResult<Option<Token>> {
    Ok(global::find::<Entity>()
        .filter(Column::TokenHash.eq(hash(secret)))
        .filter(Column::Purpose.eq(purpose.as_str()))
        .one(db)
        .await
        .context("looking up a link")?)
}

/// Uses the token once: `true` for the one caller whose conditional update found it
/// unused and unexpired.
pub async fn consume<C: ConnectionTrait>(db: &C, id: Uuid, now: DateTime<Utc>) -> ApiResult<bool> {
    let done = global::update_many::<Entity>()
        .set(one_time_token::ActiveModel {
            used_at: Set(Some(now)),
            ..Default::default()
        })
        .filter(Column::Id.eq(id))
        .filter(Column::UsedAt.is_null())
        .filter(Column::ExpiresAt.gt(now))
        .exec(db)
        .await
        .context("using a link")?;
    Ok(done.rows_affected == 1)
}

/// Makes every unused link of an invitation stop working (resent or cancelled).
pub async fn revoke_invitation<C: ConnectionTrait>(
    db: &C,
    invitation_id: Uuid,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    global::update_many::<Entity>()
        .set(one_time_token::ActiveModel {
            used_at: Set(Some(now)),
            ..Default::default()
        })
        .filter(Column::InvitationId.eq(invitation_id))
        .filter(Column::UsedAt.is_null())
        .exec(db)
        .await
        .context("revoking an invitation's links")?;
    Ok(())
}

/// Makes an account's unused links of one purpose stop working (a newer one was sent,
/// or the password changed).
pub async fn revoke_account<C: ConnectionTrait>(
    db: &C,
    account_id: Uuid,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    global::update_many::<Entity>()
        .set(one_time_token::ActiveModel {
            used_at: Set(Some(now)),
            ..Default::default()
        })
        .filter(Column::AccountId.eq(account_id))
        .filter(Column::Purpose.eq(purpose.as_str()))
        .filter(Column::UsedAt.is_null())
        .exec(db)
        .await
        .context("revoking an account's links")?;
    Ok(())
}
