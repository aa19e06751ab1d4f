//! Restaurants and their venue: the only code that writes them. A restaurant is the
//! tenant every other row belongs to; it is created, with its venue, at sign-up.

use anyhow::Context;
use chrono::Utc;
use sea_orm::Set;
use uuid::Uuid;

use crate::entities::{restaurant, venue};
use crate::platform::{ApiResult, TenantTxn};

/// Creates the transaction's restaurant and its venue; returns the venue's id.
pub async fn create(txn: &TenantTxn, name: &str, table_count: u16) -> ApiResult<Uuid> {
    let now = Utc::now();
    // The restaurant's id is its tenant's, which `insert` writes.
    txn.insert(restaurant::ActiveModel {
        name: Set(name.to_owned()),
        created_at: Set(now),
        ..Default::default()
    })
    .await
    .context("creating the restaurant")?;
    let venue_id = Uuid::new_v4();
    txn.insert(venue::ActiveModel {
        id: Set(venue_id),
        name: Set(name.to_owned()),
        table_count: Set(i32::from(table_count)),
        created_at: Set(now),
        ..Default::default()
    })
    .await
    .context("creating the venue")?;
    Ok(venue_id)
}
