//! Restaurants and their venue: the only code that writes them. A restaurant is the
//! tenant every other row belongs to; it is created, with its venue, at sign-up.

use anyhow::Context;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ConnectionTrait, DatabaseBackend, QuerySelect, Set};
use uuid::Uuid;

use crate::entities::{restaurant, venue};
use crate::platform::{ApiResult, Tenant, TenantTxn};

/// Creates the transaction's restaurant and its venue; returns the venue's id.
pub async fn create(txn: &TenantTxn, name: &str, table_count: u16) -> ApiResult<Uuid> {
    let now = Utc::now();
    // The restaurant's id is its tenant's, which `insert` writes.
    txn.insert(restaurant::ActiveModel {
        name: Set(name.to_owned()),
        created_at: Set(now),
        access_version: Set(0),
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

/// Starts a change to who may do what in the transaction's restaurant: increments its
/// access version, which takes the restaurant's row lock on PostgreSQL (SQLite's writer
/// holds the database's), so such changes take turns and each reads what the previous
/// one committed; and tells every replica that cached permissions are stale.
pub async fn begin_access_change(txn: &TenantTxn) -> ApiResult<()> {
    txn.update_many::<restaurant::Entity>()
        .col_expr(
            restaurant::Column::AccessVersion,
            Expr::col(restaurant::Column::AccessVersion).add(1),
        )
        .exec(txn)
        .await
        .context("starting a change of access")?;
    Ok(())
}

/// Waits for a change of access under way in `tenant`, and holds the next one back
/// until this transaction ends: a login or a refresh must not open a session that a
/// deactivation running beside it would miss. (SQLite's writers take turns anyway.)
pub async fn hold_access<C: ConnectionTrait>(txn: &C, tenant: Tenant) -> ApiResult<()> {
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        tenant
            .find_by_id::<restaurant::Entity>(tenant.id())
            .select_only()
            .column(restaurant::Column::Id)
            .lock_shared()
            .into_tuple::<Uuid>()
            .one(txn)
            .await
            .context("holding the restaurant's access")?;
    }
    Ok(())
}

/// The restaurant's access version now.
pub async fn access_version(txn: &TenantTxn) -> ApiResult<i64> {
    let version = txn
        .find_by_id::<restaurant::Entity>(txn.tenant().id())
        .select_only()
        .column(restaurant::Column::AccessVersion)
        .into_tuple::<i64>()
        .one(txn)
        .await
        .context("reading the restaurant's access version")?;
    Ok(version.unwrap_or_default())
}
