//! The stock's store: the only code that writes the stock columns of `menu_variants`
//! (whether tracked, the quantity, the threshold, auto-86) and the ledger
//! (`stock_movements`). A quantity only ever changes by a conditional update of its
//! row (`quantity + change >= 0`), never by writing a value read before: two sales of
//! the last unit cannot both pass, on SQLite (one writer) or PostgreSQL (the row's
//! lock), with any number of processes.

use anyhow::Context;
use brigade_domain::menu::StockState;
use brigade_domain::stock::{Change, MovementKind, StockItem, StockMovement};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entities::{menu_product, menu_variant, stock_movement};
use crate::menu::rules::{self, sellable};
use crate::platform::{ApiResult, TenantTxn};

pub type VariantRow = menu_variant::Model;
pub type ProductRow = menu_product::Model;
pub type MovementRow = stock_movement::Model;

/// An item as the API shows it.
pub fn wire_item(variant: &VariantRow, product: &ProductRow, now: DateTime<Utc>) -> StockItem {
    StockItem {
        id: variant.id,
        product_id: product.id,
        product_name: product.name.clone(),
        variant_name: variant.name.clone(),
        category_id: product.category_id,
        tracked: variant.tracks_stock,
        quantity: variant.tracks_stock.then_some(variant.stock_quantity),
        threshold: variant.low_threshold,
        auto_86: variant.auto_86,
        state: variant
            .tracks_stock
            .then(|| StockState::of(variant.stock_quantity, variant.low_threshold)),
        available: sellable(product, variant, now),
    }
}

/// An item's name as people read it: "Cappuccino · 50 cl".
pub fn item_name(variant: &VariantRow, product: &ProductRow) -> String {
    rules::item_name(&product.name, variant.name.as_deref())
}

/// Every variant of a product on the menu (not archived), by product.
pub async fn items(txn: &TenantTxn) -> ApiResult<Vec<(VariantRow, ProductRow)>> {
    let products = txn
        .find::<menu_product::Entity>()
        .filter(menu_product::Column::ArchivedAt.is_null())
        .order_by_asc(menu_product::Column::Name)
        .all(txn)
        .await
        .context("listing the products of the stock")?;
    let variants = txn
        .find::<menu_variant::Entity>()
        .order_by_asc(menu_variant::Column::DisplayOrder)
        .all(txn)
        .await
        .context("listing the stock's items")?;
    let mut out = Vec::new();
    for product in products {
        for variant in variants.iter().filter(|v| v.product_id == product.id) {
            out.push((variant.clone(), product.clone()));
        }
    }
    Ok(out)
}

/// One item, with its product (on the menu, not archived).
pub async fn item(txn: &TenantTxn, id: Uuid) -> ApiResult<Option<(VariantRow, ProductRow)>> {
    let Some(variant) = txn
        .find_by_id::<menu_variant::Entity>(id)
        .one(txn)
        .await
        .context("reading a stock item")?
    else {
        return Ok(None);
    };
    let product = txn
        .find_by_id::<menu_product::Entity>(variant.product_id)
        .filter(menu_product::Column::ArchivedAt.is_null())
        .one(txn)
        .await
        .context("reading a stock item's product")?;
    Ok(product.map(|product| (variant, product)))
}

/// Starts, changes or stops tracking an item.
pub async fn configure(
    txn: &TenantTxn,
    id: Uuid,
    tracked: bool,
    threshold: i64,
    auto_86: bool,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    txn.update_many::<menu_variant::Entity>()
        .col_expr(menu_variant::Column::TracksStock, Expr::value(tracked))
        .col_expr(menu_variant::Column::LowThreshold, Expr::value(threshold))
        .col_expr(menu_variant::Column::Auto86, Expr::value(auto_86))
        .col_expr(menu_variant::Column::UpdatedAt, Expr::value(now))
        .filter(menu_variant::Column::Id.eq(id))
        .exec(txn)
        .await
        .context("configuring a stock item")?;
    Ok(())
}

/// What a change did to a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    pub before: i64,
    pub after: i64,
    /// The item's threshold, read from the row this transaction holds.
    pub threshold: i64,
}

/// Why a change was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The item is not tracked (or no longer exists).
    NotTracked,
    /// Taking that many would go below zero; this many are left.
    Short(i64),
}

/// Whether an item is tracked, its quantity and its threshold.
async fn quantity(txn: &TenantTxn, id: Uuid) -> ApiResult<Option<(bool, i64, i64)>> {
    Ok(txn
        .find::<menu_variant::Entity>()
        .select_only()
        .column(menu_variant::Column::TracksStock)
        .column(menu_variant::Column::StockQuantity)
        .column(menu_variant::Column::LowThreshold)
        .filter(menu_variant::Column::Id.eq(id))
        .into_tuple::<(bool, i64, i64)>()
        .one(txn)
        .await
        .context("reading a quantity")?)
}

/// Changes a tracked item's quantity, by one conditional update of its row: a change
/// that takes some away passes only if that many are left, unless `below_zero`. The
/// quantity after is read from the row this transaction now holds.
pub async fn apply(
    txn: &TenantTxn,
    id: Uuid,
    change: Change,
    below_zero: bool,
    now: DateTime<Utc>,
) -> ApiResult<Result<Moved, Refused>> {
    match change {
        Change::By(delta) => {
            let mut update = txn
                .update_many::<menu_variant::Entity>()
                .col_expr(
                    menu_variant::Column::StockQuantity,
                    Expr::col(menu_variant::Column::StockQuantity).add(delta),
                )
                .col_expr(menu_variant::Column::UpdatedAt, Expr::value(now))
                .filter(menu_variant::Column::Id.eq(id))
                .filter(menu_variant::Column::TracksStock.eq(true));
            if delta < 0 && !below_zero {
                update = update.filter(menu_variant::Column::StockQuantity.gte(-delta));
            }
            let done = update.exec(txn).await.context("moving a quantity")?;
            let now_holds = quantity(txn, id).await?;
            match (done.rows_affected, now_holds) {
                (1, Some((_, after, threshold))) => Ok(Ok(Moved {
                    before: after - delta,
                    after,
                    threshold,
                })),
                (_, Some((true, left, _))) => Ok(Err(Refused::Short(left))),
                _ => Ok(Err(Refused::NotTracked)),
            }
        }
        Change::To(counted) => {
            // Take the row first (a write to it), then read what it holds: no other
            // change of it can come between.
            let held = txn
                .update_many::<menu_variant::Entity>()
                .col_expr(menu_variant::Column::UpdatedAt, Expr::value(now))
                .filter(menu_variant::Column::Id.eq(id))
                .filter(menu_variant::Column::TracksStock.eq(true))
                .exec(txn)
                .await
                .context("holding a quantity")?;
            let Some((true, before, threshold)) =
                quantity(txn, id).await?.filter(|_| held.rows_affected == 1)
            else {
                return Ok(Err(Refused::NotTracked));
            };
            txn.update_many::<menu_variant::Entity>()
                .col_expr(menu_variant::Column::StockQuantity, Expr::value(counted))
                .filter(menu_variant::Column::Id.eq(id))
                .exec(txn)
                .await
                .context("recounting a quantity")?;
            Ok(Ok(Moved {
                before,
                after: counted,
                threshold,
            }))
        }
    }
}

/// A row to write to the ledger.
pub struct NewMovement<'a> {
    pub variant: &'a VariantRow,
    pub kind: MovementKind,
    pub moved: Moved,
    pub reason: Option<String>,
    pub actor: Option<(Uuid, String)>,
    pub retry: Option<(&'a str, &'a str)>,
    pub now: DateTime<Utc>,
}

pub async fn record(txn: &TenantTxn, new: NewMovement<'_>) -> ApiResult<MovementRow> {
    let id = Uuid::new_v4();
    txn.insert(stock_movement::ActiveModel {
        id: Set(id),
        variant_id: Set(new.variant.id),
        product_id: Set(new.variant.product_id),
        kind: Set(new.kind.as_str().to_owned()),
        delta: Set(new.moved.after - new.moved.before),
        quantity_after: Set(new.moved.after),
        reason: Set(new.reason),
        actor_account_id: Set(new.actor.as_ref().map(|(id, _)| *id)),
        actor_name: Set(new.actor.map(|(_, name)| name)),
        idempotency_key: Set(new.retry.map(|(key, _)| key.to_owned())),
        request_hash: Set(new.retry.map(|(_, hash)| hash.to_owned())),
        created_at: Set(new.now),
        ..Default::default()
    })
    .await
    .context("writing the stock ledger")?;
    movement(txn, id).await?.ok_or_else(|| {
        crate::platform::ApiError::Internal(anyhow::anyhow!("the new movement vanished"))
    })
}

pub async fn movement(txn: &TenantTxn, id: Uuid) -> ApiResult<Option<MovementRow>> {
    Ok(txn
        .find_by_id::<stock_movement::Entity>(id)
        .one(txn)
        .await
        .context("reading a movement")?)
}

pub async fn movement_by_key(txn: &TenantTxn, key: &str) -> ApiResult<Option<MovementRow>> {
    Ok(txn
        .find::<stock_movement::Entity>()
        .filter(stock_movement::Column::IdempotencyKey.eq(key))
        .one(txn)
        .await
        .context("reading a movement by its idempotency key")?)
}

pub fn wire_movement(row: &MovementRow) -> StockMovement {
    StockMovement {
        id: row.id,
        item_id: row.variant_id,
        kind: MovementKind::parse(&row.kind).unwrap_or(MovementKind::Recount),
        delta: row.delta,
        quantity_after: row.quantity_after,
        reason: row.reason.clone(),
        actor_name: row.actor_name.clone(),
        created_at: row.created_at,
    }
}

/// An item's ledger, newest first.
pub async fn movements(
    txn: &TenantTxn,
    item: Uuid,
    limit: u64,
    offset: u64,
) -> ApiResult<Vec<MovementRow>> {
    Ok(txn
        .find::<stock_movement::Entity>()
        .filter(stock_movement::Column::VariantId.eq(item))
        .order_by_desc(stock_movement::Column::CreatedAt)
        .order_by_desc(stock_movement::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(txn)
        .await
        .context("reading the stock ledger")?)
}
