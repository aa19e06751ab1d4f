//! The floor's store: the only code that reads or writes zones, tables and the numbers
//! given per prefix. Every change first takes the floor's turn ([`lock`]).

use anyhow::Context;
use brigade_domain::floor::{DiningTable, NewTable, TableQuery, Zone};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::{json, Value};
use uuid::Uuid;

use super::rules;
use crate::entities::{dining_table, table_number, venue, zone};
use crate::platform::{ApiError, ApiResult, TenantTxn};

pub type ZoneRow = zone::Model;
pub type TableRow = dining_table::Model;

/// Takes the floor's turn: moves its version, which locks the venue's row on
/// PostgreSQL (SQLite has one writer), so numbering, prefixes and orders are decided
/// by one change at a time per restaurant. Returns the venue's id.
pub async fn lock(txn: &TenantTxn) -> ApiResult<Uuid> {
    txn.update_many::<venue::Entity>()
        .col_expr(
            venue::Column::FloorVersion,
            Expr::col(venue::Column::FloorVersion).add(1),
        )
        .exec(txn)
        .await
        .context("taking the floor's turn")?;
    venue_id(txn).await
}

/// The restaurant's venue.
pub async fn venue_id(txn: &TenantTxn) -> ApiResult<Uuid> {
    txn.find::<venue::Entity>()
        .select_only()
        .column(venue::Column::Id)
        .into_tuple::<Uuid>()
        .one(txn)
        .await
        .context("reading the venue")?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the restaurant has no venue")))
}

/// The table count given at sign-up.
pub async fn signup_table_count(txn: &TenantTxn) -> ApiResult<u16> {
    let count = txn
        .find::<venue::Entity>()
        .select_only()
        .column(venue::Column::TableCount)
        .into_tuple::<i32>()
        .one(txn)
        .await
        .context("reading the venue's table count")?
        .unwrap_or(1);
    Ok(u16::try_from(count).unwrap_or(1))
}

pub fn wire_table(row: &TableRow) -> DiningTable {
    DiningTable {
        id: row.id,
        zone_id: row.zone_id,
        table_number: row.table_number.clone(),
        display_name: row.display_name.clone(),
        capacity: u8::try_from(row.capacity).unwrap_or(1),
        is_active: row.is_active,
        created_at: row.created_at,
    }
}

/// What the audit trail keeps of a zone.
pub fn zone_snapshot(row: &ZoneRow) -> Value {
    json!({ "name": row.name, "prefix": row.prefix, "display_order": row.display_order })
}

/// What the audit trail keeps of a table (never its secret).
pub fn table_snapshot(row: &TableRow) -> Value {
    json!({
        "zone_id": row.zone_id,
        "table_number": row.table_number,
        "display_name": row.display_name,
        "capacity": row.capacity,
        "is_active": row.is_active,
    })
}

/// Every zone in order, with how many tables each has.
pub async fn zones(txn: &TenantTxn) -> ApiResult<Vec<Zone>> {
    let rows = txn
        .find::<zone::Entity>()
        .order_by_asc(zone::Column::DisplayOrder)
        .order_by_asc(zone::Column::CreatedAt)
        .all(txn)
        .await
        .context("listing the zones")?;
    let tables: Vec<(Uuid, bool)> = txn
        .find::<dining_table::Entity>()
        .select_only()
        .column(dining_table::Column::ZoneId)
        .column(dining_table::Column::IsActive)
        .into_tuple()
        .all(txn)
        .await
        .context("counting the tables")?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let own = tables.iter().filter(|(zone, _)| *zone == row.id);
            let (all, active) = own.fold((0, 0), |(all, active), (_, on)| {
                (all + 1, active + u32::from(*on))
            });
            Zone {
                id: row.id,
                name: row.name,
                prefix: row.prefix,
                display_order: row.display_order,
                tables: all,
                active_tables: active,
            }
        })
        .collect())
}

pub async fn zone(txn: &TenantTxn, id: Uuid) -> ApiResult<Option<ZoneRow>> {
    Ok(txn
        .find_by_id::<zone::Entity>(id)
        .one(txn)
        .await
        .context("reading a zone")?)
}

pub async fn zone_by_key(txn: &TenantTxn, key: &str) -> ApiResult<Option<ZoneRow>> {
    Ok(txn
        .find::<zone::Entity>()
        .filter(zone::Column::IdempotencyKey.eq(key))
        .one(txn)
        .await
        .context("reading a zone by its idempotency key")?)
}

/// The prefixes the restaurant's zones use, but `except`'s.
pub async fn prefixes(txn: &TenantTxn, except: Option<Uuid>) -> ApiResult<Vec<String>> {
    let mut query = txn
        .find::<zone::Entity>()
        .select_only()
        .column(zone::Column::Prefix);
    if let Some(id) = except {
        query = query.filter(zone::Column::Id.ne(id));
    }
    Ok(query
        .into_tuple::<String>()
        .all(txn)
        .await
        .context("reading the zones' prefixes")?)
}

/// A creating request's key and the hash of the request.
pub type Retry<'a> = Option<(&'a str, &'a str)>;

pub struct NewZoneRow<'a> {
    pub venue_id: Uuid,
    pub name: &'a str,
    pub prefix: &'a str,
    pub retry: Retry<'a>,
    pub now: DateTime<Utc>,
}

/// How many zones and tables the restaurant has.
pub async fn sizes(txn: &TenantTxn) -> ApiResult<(u64, u64)> {
    use sea_orm::PaginatorTrait;
    let zones = txn
        .find::<zone::Entity>()
        .count(txn)
        .await
        .context("counting the zones")?;
    let tables = txn
        .find::<dining_table::Entity>()
        .count(txn)
        .await
        .context("counting the tables")?;
    Ok((zones, tables))
}

/// Adds a zone after the others.
pub async fn create_zone(txn: &TenantTxn, new: NewZoneRow<'_>) -> ApiResult<ZoneRow> {
    let last: Option<i32> = txn
        .find::<zone::Entity>()
        .select_only()
        .column_as(zone::Column::DisplayOrder.max(), "last")
        .into_tuple::<Option<i32>>()
        .one(txn)
        .await
        .context("reading the zones' order")?
        .flatten();
    let id = Uuid::new_v4();
    txn.insert(zone::ActiveModel {
        id: Set(id),
        venue_id: Set(new.venue_id),
        name: Set(new.name.to_owned()),
        prefix: Set(new.prefix.to_owned()),
        display_order: Set(last.map_or(0, |n| n + 1)),
        idempotency_key: Set(new.retry.map(|(key, _)| key.to_owned())),
        request_hash: Set(new.retry.map(|(_, hash)| hash.to_owned())),
        created_at: Set(new.now),
        updated_at: Set(new.now),
        ..Default::default()
    })
    .await
    .context("creating a zone")?;
    zone(txn, id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the new zone vanished")))
}

/// Renames a zone.
pub async fn rename_zone(
    txn: &TenantTxn,
    id: Uuid,
    name: &str,
    prefix: &str,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    txn.update_many::<zone::Entity>()
        .col_expr(zone::Column::Name, Expr::value(name))
        .col_expr(zone::Column::Prefix, Expr::value(prefix))
        .col_expr(zone::Column::UpdatedAt, Expr::value(now))
        .filter(zone::Column::Id.eq(id))
        .exec(txn)
        .await
        .context("renaming a zone")?;
    Ok(())
}

/// Deletes a zone and its tables.
pub async fn delete_zone(txn: &TenantTxn, id: Uuid) -> ApiResult<()> {
    txn.delete_many::<dining_table::Entity>()
        .filter(dining_table::Column::ZoneId.eq(id))
        .exec(txn)
        .await
        .context("deleting a zone's tables")?;
    txn.delete_many::<zone::Entity>()
        .filter(zone::Column::Id.eq(id))
        .exec(txn)
        .await
        .context("deleting a zone")?;
    Ok(())
}

/// Gives each zone its place in `ids`.
pub async fn reorder(txn: &TenantTxn, ids: &[Uuid], now: DateTime<Utc>) -> ApiResult<()> {
    for (place, id) in ids.iter().enumerate() {
        txn.update_many::<zone::Entity>()
            .col_expr(zone::Column::DisplayOrder, Expr::value(place as i32))
            .col_expr(zone::Column::UpdatedAt, Expr::value(now))
            .filter(zone::Column::Id.eq(*id))
            .exec(txn)
            .await
            .context("moving a zone")?;
    }
    Ok(())
}

/// Reserves `count` numbers for `prefix` after the highest it ever had; returns the
/// first. Runs under the floor's turn, and increments in one statement.
async fn reserve_numbers(txn: &TenantTxn, prefix: &str, count: i32) -> ApiResult<i32> {
    let known = txn
        .find::<table_number::Entity>()
        .filter(table_number::Column::Prefix.eq(prefix))
        .one(txn)
        .await
        .context("reading a prefix's last number")?;
    if known.is_none() {
        txn.insert(table_number::ActiveModel {
            prefix: Set(prefix.to_owned()),
            last_number: Set(0),
            ..Default::default()
        })
        .await
        .context("starting a prefix's numbers")?;
    }
    txn.update_many::<table_number::Entity>()
        .col_expr(
            table_number::Column::LastNumber,
            Expr::col(table_number::Column::LastNumber).add(count),
        )
        .filter(table_number::Column::Prefix.eq(prefix))
        .exec(txn)
        .await
        .context("reserving table numbers")?;
    let last = txn
        .find::<table_number::Entity>()
        .filter(table_number::Column::Prefix.eq(prefix))
        .one(txn)
        .await
        .context("reading the reserved numbers")?
        .map_or(count, |row| row.last_number);
    Ok(last - count + 1)
}

/// Adds tables to `zone`, numbered with its prefix after the highest number it ever had.
pub async fn add_tables(
    txn: &TenantTxn,
    zone: &ZoneRow,
    tables: &[NewTable],
    retry: Retry<'_>,
    now: DateTime<Utc>,
) -> ApiResult<Vec<TableRow>> {
    if tables.is_empty() {
        return Ok(Vec::new());
    }
    let count = i32::try_from(tables.len()).unwrap_or(i32::MAX);
    let first = reserve_numbers(txn, &zone.prefix, count).await?;
    let mut ids = Vec::with_capacity(tables.len());
    for (offset, table) in tables.iter().enumerate() {
        let number = first + offset as i32;
        let table_number = rules::table_number(&zone.prefix, number);
        let id = Uuid::new_v4();
        txn.insert(dining_table::ActiveModel {
            id: Set(id),
            zone_id: Set(zone.id),
            number: Set(number),
            display_name: Set(table
                .display_name
                .clone()
                .unwrap_or_else(|| table_number.clone())),
            table_number: Set(table_number),
            capacity: Set(i32::from(table.capacity)),
            is_active: Set(true),
            qr_secret: Set(rules::new_secret()),
            idempotency_key: Set(retry.map(|(key, _)| key.to_owned())),
            request_hash: Set(retry.map(|(_, hash)| hash.to_owned())),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .await
        .context("adding a table")?;
        ids.push(id);
    }
    let mut rows = txn
        .find::<dining_table::Entity>()
        .filter(dining_table::Column::Id.is_in(ids))
        .all(txn)
        .await
        .context("reading the added tables")?;
    rows.sort_by_key(|row| row.number);
    Ok(rows)
}

/// The tables a retried request with this key added.
pub async fn tables_by_key(txn: &TenantTxn, key: &str) -> ApiResult<Vec<TableRow>> {
    Ok(txn
        .find::<dining_table::Entity>()
        .filter(dining_table::Column::IdempotencyKey.eq(key))
        .order_by_asc(dining_table::Column::Number)
        .all(txn)
        .await
        .context("reading tables by their idempotency key")?)
}

/// The tables, by zone order, then as they were added.
pub async fn tables(txn: &TenantTxn, query: &TableQuery) -> ApiResult<Vec<TableRow>> {
    let mut select = txn.find::<dining_table::Entity>();
    if let Some(zone) = query.zone_id {
        select = select.filter(dining_table::Column::ZoneId.eq(zone));
    }
    if let Some(active) = query.active {
        select = select.filter(dining_table::Column::IsActive.eq(active));
    }
    let mut rows = select
        .order_by_asc(dining_table::Column::Number)
        .all(txn)
        .await
        .context("listing the tables")?;
    let order: Vec<Uuid> = zones(txn).await?.into_iter().map(|zone| zone.id).collect();
    rows.sort_by_key(|row| {
        (
            order.iter().position(|id| *id == row.zone_id),
            row.created_at,
            row.number,
        )
    });
    Ok(rows)
}

pub async fn table(txn: &TenantTxn, id: Uuid) -> ApiResult<Option<TableRow>> {
    Ok(txn
        .find_by_id::<dining_table::Entity>(id)
        .one(txn)
        .await
        .context("reading a table")?)
}

/// The table with this number.
pub async fn by_number(txn: &TenantTxn, table_number: &str) -> ApiResult<Option<TableRow>> {
    Ok(txn
        .find::<dining_table::Entity>()
        .filter(dining_table::Column::TableNumber.eq(table_number))
        .one(txn)
        .await
        .context("reading a table by its number")?)
}

/// Writes a table's name, seats and state as given.
pub async fn update_table(txn: &TenantTxn, row: &TableRow, now: DateTime<Utc>) -> ApiResult<()> {
    txn.update_many::<dining_table::Entity>()
        .col_expr(
            dining_table::Column::DisplayName,
            Expr::value(row.display_name.clone()),
        )
        .col_expr(dining_table::Column::Capacity, Expr::value(row.capacity))
        .col_expr(dining_table::Column::IsActive, Expr::value(row.is_active))
        .col_expr(dining_table::Column::UpdatedAt, Expr::value(now))
        .filter(dining_table::Column::Id.eq(row.id))
        .exec(txn)
        .await
        .context("changing a table")?;
    Ok(())
}

/// Gives a table a new QR secret: its old code stops working.
pub async fn rotate_secret(txn: &TenantTxn, id: Uuid, now: DateTime<Utc>) -> ApiResult<()> {
    txn.update_many::<dining_table::Entity>()
        .col_expr(
            dining_table::Column::QrSecret,
            Expr::value(rules::new_secret()),
        )
        .col_expr(dining_table::Column::UpdatedAt, Expr::value(now))
        .filter(dining_table::Column::Id.eq(id))
        .exec(txn)
        .await
        .context("giving a table a new QR secret")?;
    Ok(())
}

pub async fn delete_table(txn: &TenantTxn, id: Uuid) -> ApiResult<()> {
    txn.delete_many::<dining_table::Entity>()
        .filter(dining_table::Column::Id.eq(id))
        .exec(txn)
        .await
        .context("deleting a table")?;
    Ok(())
}

/// Adds a zone named `name` with the deduced (or a free) prefix and `tables` tables of
/// `capacity` seats: what sign-up's "configure later" and `brigade demo` do. Takes the
/// floor's turn itself.
pub async fn furnish_zone(
    txn: &TenantTxn,
    name: &str,
    tables: u16,
    capacity: u8,
    now: DateTime<Utc>,
) -> ApiResult<(ZoneRow, Vec<TableRow>)> {
    let venue_id = lock(txn).await?;
    let taken = prefixes(txn, None).await?;
    let prefix = rules::free_prefix(&rules::deduce_prefix(name), &taken);
    let zone = create_zone(
        txn,
        NewZoneRow {
            venue_id,
            name,
            prefix: &prefix,
            retry: None,
            now,
        },
    )
    .await?;
    let new = vec![
        NewTable {
            display_name: None,
            capacity,
        };
        usize::from(tables)
    ];
    let added = add_tables(txn, &zone, &new, None, now).await?;
    Ok((zone, added))
}
