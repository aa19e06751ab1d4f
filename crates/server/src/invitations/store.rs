//! Invitations: the only code that reads or writes `invitations`.

use std::str::FromStr;

use anyhow::Context;
use brigade_domain::invitations::{Invitation, InvitationStatus, Inviter, Language};
use brigade_domain::permissions::{Overrides, SystemRole};
use brigade_domain::team::PersonalOverrides;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use uuid::Uuid;

use crate::entities::{account, invitation};
use crate::platform::stored::{overrides_from_json, overrides_json};
use crate::platform::tenant::global;
use crate::platform::{ApiResult, TenantTxn};

pub use invitation::Model as Row;

/// What an invitation offers.
#[derive(Debug, Clone)]
pub struct Offer {
    pub email: String,
    pub role: SystemRole,
    pub custom_role_ids: Vec<Uuid>,
    pub overrides: Overrides,
    pub language: Language,
}

impl Row {
    pub fn status(&self) -> InvitationStatus {
        InvitationStatus::parse(&self.status).unwrap_or(InvitationStatus::Cancelled)
    }

    pub fn role(&self) -> SystemRole {
        SystemRole::from_str(&self.role).unwrap_or(SystemRole::Waiter)
    }

    pub fn custom_role_ids(&self) -> Vec<Uuid> {
        serde_json::from_value(self.custom_role_ids.clone()).unwrap_or_default()
    }

    pub fn overrides(&self) -> Overrides {
        overrides_from_json(&self.permission_overrides)
    }

    pub fn language(&self) -> Language {
        Language::parse(&self.language).unwrap_or_default()
    }

    /// Whether it is pending and its deadline has not passed.
    pub fn usable(&self, now: DateTime<Utc>) -> bool {
        self.status() == InvitationStatus::Pending && self.expires_at > now
    }

    /// What the audit trail records of it.
    pub fn snapshot(&self) -> serde_json::Value {
        json!({
            "email": self.email,
            "role": self.role,
            "custom_role_ids": self.custom_role_ids,
            "overrides": self.permission_overrides,
            "status": self.status,
            "expires_at": self.expires_at,
            "send_count": self.send_count,
        })
    }
}

/// A new row offering `offer`, as `status`.
fn offered(
    offer: &Offer,
    invited_by: Uuid,
    status: InvitationStatus,
    now: DateTime<Utc>,
) -> invitation::ActiveModel {
    invitation::ActiveModel {
        id: Set(Uuid::new_v4()),
        email: Set(offer.email.clone()),
        role: Set(offer.role.as_str().to_owned()),
        custom_role_ids: Set(json!(offer.custom_role_ids)),
        permission_overrides: Set(overrides_json(&offer.overrides)),
        language: Set(offer.language.as_str().to_owned()),
        invited_by: Set(invited_by),
        status: Set(status.as_str().to_owned()),
        sent_at: Set(now),
        send_count: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// Creates a pending invitation.
pub async fn create(
    txn: &TenantTxn,
    offer: &Offer,
    invited_by: Uuid,
    idempotency_key: Option<&str>,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> ApiResult<Row> {
    let mut row = offered(offer, invited_by, InvitationStatus::Pending, now);
    let id = Uuid::new_v4();
    row.id = Set(id);
    row.expires_at = Set(expires_at);
    row.accepted_at = Set(None);
    row.accepted_by = Set(None);
    row.idempotency_key = Set(idempotency_key.map(str::to_owned));
    txn.insert(row).await.context("creating an invitation")?;
    by_id(txn, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the invitation just created is missing").into())
}

/// Records an invitation answered at once (the person's proven account joined), so a
/// retry with the same idempotency key finds what the first request did.
pub async fn record_joined(
    txn: &TenantTxn,
    offer: &Offer,
    invited_by: Uuid,
    account_id: Uuid,
    idempotency_key: Option<&str>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let mut row = offered(offer, invited_by, InvitationStatus::Accepted, now);
    row.expires_at = Set(now);
    row.accepted_at = Set(Some(now));
    row.accepted_by = Set(Some(account_id));
    row.idempotency_key = Set(idempotency_key.map(str::to_owned));
    txn.insert(row)
        .await
        .context("recording an invitation answered at once")?;
    Ok(())
}

/// Sends an invitation again, possibly with a new offer: pending, a new deadline.
pub async fn renew(
    txn: &TenantTxn,
    row: &Row,
    offer: Option<&Offer>,
    invited_by: Uuid,
    idempotency_key: Option<&str>,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> ApiResult<Row> {
    let mut change = invitation::ActiveModel {
        status: Set(InvitationStatus::Pending.as_str().to_owned()),
        expires_at: Set(expires_at),
        sent_at: Set(now),
        send_count: Set(row.send_count + 1),
        invited_by: Set(invited_by),
        updated_at: Set(now),
        ..Default::default()
    };
    if let Some(key) = idempotency_key {
        change.idempotency_key = Set(Some(key.to_owned()));
    }
    if let Some(offer) = offer {
        change.role = Set(offer.role.as_str().to_owned());
        change.custom_role_ids = Set(json!(offer.custom_role_ids));
        change.permission_overrides = Set(overrides_json(&offer.overrides));
        change.language = Set(offer.language.as_str().to_owned());
    }
    txn.update_many::<invitation::Entity>()
        .set(change)
        .filter(invitation::Column::Id.eq(row.id))
        .exec(txn)
        .await
        .context("renewing an invitation")?;
    by_id(txn, row.id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the invitation just renewed is missing").into())
}

/// Moves a pending invitation to `to`; `false` when it was no longer pending (someone
/// else decided first).
pub async fn close(
    txn: &TenantTxn,
    id: Uuid,
    to: InvitationStatus,
    accepted_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> ApiResult<bool> {
    let done = txn
        .update_many::<invitation::Entity>()
        .set(invitation::ActiveModel {
            status: Set(to.as_str().to_owned()),
            accepted_at: Set(accepted_by.map(|_| now)),
            accepted_by: Set(accepted_by),
            updated_at: Set(now),
            ..Default::default()
        })
        .filter(invitation::Column::Id.eq(id))
        .filter(invitation::Column::Status.is_in([
            InvitationStatus::Pending.as_str(),
            InvitationStatus::Expired.as_str(),
        ]))
        .exec(txn)
        .await
        .context("closing an invitation")?;
    Ok(done.rows_affected == 1)
}

/// Marks the pending invitations whose deadline passed as expired (the lazy check).
pub async fn expire_overdue(txn: &TenantTxn, now: DateTime<Utc>) -> ApiResult<()> {
    txn.update_many::<invitation::Entity>()
        .set(invitation::ActiveModel {
            status: Set(InvitationStatus::Expired.as_str().to_owned()),
            updated_at: Set(now),
            ..Default::default()
        })
        .filter(invitation::Column::Status.eq(InvitationStatus::Pending.as_str()))
        .filter(invitation::Column::ExpiresAt.lte(now))
        .exec(txn)
        .await
        .context("expiring invitations")?;
    Ok(())
}

pub async fn by_id(txn: &TenantTxn, id: Uuid) -> ApiResult<Option<Row>> {
    Ok(txn
        .find_by_id::<invitation::Entity>(id)
        .one(txn)
        .await
        .context("loading an invitation")?)
}

/// The open (pending or expired) invitation for an email here.
pub async fn open_for(txn: &TenantTxn, email: &str) -> ApiResult<Option<Row>> {
    Ok(txn
        .find::<invitation::Entity>()
        .filter(invitation::Column::Email.eq(email))
        .filter(invitation::Column::Status.is_in([
            InvitationStatus::Pending.as_str(),
            InvitationStatus::Expired.as_str(),
        ]))
        .order_by_desc(invitation::Column::UpdatedAt)
        .one(txn)
        .await
        .context("looking for an email's invitation")?)
}

/// The invitation an idempotency key created here.
pub async fn by_idempotency_key(txn: &TenantTxn, key: &str) -> ApiResult<Option<Row>> {
    Ok(txn
        .find::<invitation::Entity>()
        .filter(invitation::Column::IdempotencyKey.eq(key))
        .one(txn)
        .await
        .context("looking up an idempotency key")?)
}

/// The pending and expired invitations, most recently sent first.
pub async fn open(txn: &TenantTxn) -> ApiResult<Vec<Row>> {
    Ok(txn
        .find::<invitation::Entity>()
        .filter(invitation::Column::Status.is_in([
            InvitationStatus::Pending.as_str(),
            InvitationStatus::Expired.as_str(),
        ]))
        .order_by_desc(invitation::Column::SentAt)
        .order_by_asc(invitation::Column::Id)
        .all(txn)
        .await
        .context("listing the invitations")?)
}

/// Invitations as the API shows them, with their inviters' names.
pub async fn wire(txn: &TenantTxn, rows: Vec<Row>) -> ApiResult<Vec<Invitation>> {
    let inviters: Vec<Uuid> = rows.iter().map(|row| row.invited_by).collect();
    let names: Vec<(Uuid, String)> = global::find::<account::Entity>()
        .filter(account::Column::Id.is_in(inviters))
        .all(txn)
        .await
        .context("loading the inviters")?
        .into_iter()
        .map(|person| (person.id, person.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let name = names
                .iter()
                .find(|(id, _)| *id == row.invited_by)
                .map(|(_, name)| name.clone())
                .unwrap_or_default();
            let overrides = row.overrides();
            Invitation {
                id: row.id,
                email: row.email.clone(),
                role: row.role(),
                custom_role_ids: row.custom_role_ids(),
                overrides: PersonalOverrides {
                    grant: overrides
                        .granted()
                        .iter()
                        .map(|p| p.code().to_owned())
                        .collect(),
                    deny: overrides
                        .denied()
                        .iter()
                        .map(|p| p.code().to_owned())
                        .collect(),
                },
                language: row.language(),
                status: row.status(),
                invited_by: Inviter {
                    account_id: row.invited_by,
                    name,
                },
                created_at: row.created_at,
                sent_at: row.sent_at,
                expires_at: row.expires_at,
            }
        })
        .collect())
}
