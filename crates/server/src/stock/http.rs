//! The stock's endpoints: the items (`inventory.view`), tracking them, and the ledger:
//! reading it and recording restocks, recounts, sales, returns and waste
//! (`inventory.edit`). A movement that crosses a threshold announces it, once per
//! crossing, to those who see the stock.

use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use anyhow::Context;
use brigade_domain::api::Problem;
use brigade_domain::errors::ErrorCode;
use brigade_domain::menu::DEFAULT_THRESHOLD;
use brigade_domain::permissions::needs;
use brigade_domain::stock::{
    Crossing, MovementQuery, MovementRecorded, MovementRequest, StockItem, StockMovement,
    StockQuery, StockSettingsRequest,
};
use brigade_macros::endpoint;
use uuid::Uuid;

use super::store::{self, Moved, ProductRow, Refused, VariantRow};
use crate::access::{Authorized, Caller};
use crate::audit::{self, AuditRecord};
use crate::platform::body::permitted_body;
use crate::platform::{idempotency, ApiError, ApiResult, AppState, TenantTxn};

async fn item_or_404(txn: &TenantTxn, id: Uuid) -> ApiResult<(VariantRow, ProductRow)> {
    store::item(txn, id).await?.ok_or_else(ApiError::not_found)
}

/// The stock's items: every variant on the menu, tracked or not, filtered by state.
#[endpoint]
#[utoipa::path(
    tag = "stock",
    params(StockQuery),
    responses(
        (status = 200, description = "The items, by product name", body = [StockItem]),
        (status = 400, description = "`invalid_parameter`: an unknown `state`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/stock")]
pub async fn list_items(
    state: web::Data<AppState>,
    caller: Authorized<needs::INVENTORY_VIEW>,
    query: web::Query<StockQuery>,
) -> ApiResult<web::Json<Vec<StockItem>>> {
    let wanted = query.state.as_deref();
    if wanted.is_some_and(|s| !["ok", "low", "out", "untracked"].contains(&s)) {
        return Err(ApiError::with_detail(
            ErrorCode::InvalidParameter,
            "state is ok, low, out or untracked",
        ));
    }
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the stock")?;
    let rows = store::items(&txn).await?;
    txn.commit().await.context("ending the stock")?;
    let now = state.clock.now();
    Ok(web::Json(
        rows.iter()
            .map(|(variant, product)| store::wire_item(variant, product, now))
            .filter(|item| match wanted {
                None => true,
                Some("untracked") => !item.tracked,
                Some(state) => item.state.is_some_and(|s| s.as_str() == state),
            })
            .collect(),
    ))
}

/// Starts, changes or stops tracking an item's stock: its threshold (3 by default)
/// and whether it goes unavailable by itself at zero (auto-86). Its quantity changes
/// only through movements.
#[endpoint]
#[utoipa::path(
    tag = "stock",
    request_body = StockSettingsRequest,
    params(("id" = Uuid, Path, description = "The item (a variant's id)")),
    responses(
        (status = 200, description = "The item as it is now", body = StockItem),
        (status = 404, description = "`not_found`: no such item here", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/stock/{id:[0-9a-fA-F-]+}")]
pub async fn configure_item(
    state: web::Data<AppState>,
    caller: Authorized<needs::INVENTORY_EDIT>,
    item: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<StockItem>> {
    let body: StockSettingsRequest = permitted_body(body)?;
    let (threshold, auto_86) = body.validate().map_err(ApiError::Validation)?;
    let (txn, caller) = caller.change(&state.db).await?;
    let (before, product) = item_or_404(&txn, item.into_inner()).await?;
    let now = state.clock.now();
    let threshold = threshold.unwrap_or(if before.tracks_stock {
        before.low_threshold
    } else {
        DEFAULT_THRESHOLD
    });
    let auto_86 = auto_86.unwrap_or(before.auto_86);
    store::configure(&txn, before.id, body.tracked, threshold, auto_86, now).await?;
    let (after, _) = item_or_404(&txn, before.id).await?;
    let snapshot = |v: &VariantRow| {
        serde_json::json!({
            "name": store::item_name(v, &product),
            "tracked": v.tracks_stock,
            "threshold": v.low_threshold,
            "auto_86": v.auto_86,
        })
    };
    if (before.tracks_stock, before.low_threshold, before.auto_86)
        != (after.tracks_stock, after.low_threshold, after.auto_86)
    {
        audit::record(
            &txn,
            AuditRecord {
                before: Some(snapshot(&before)),
                after: Some(snapshot(&after)),
                ..caller.audit("stock.settings_changed", "stock_item", before.id)
            },
        )
        .await?;
    }
    let wire = store::wire_item(&after, &product, now);
    let restaurant = txn.tenant().id();
    txn.commit().await.context("committing a stock item")?;
    state.guests.forget(restaurant);
    Ok(web::Json(wire))
}

/// An item's ledger, newest first.
#[endpoint]
#[utoipa::path(
    tag = "stock",
    params(("id" = Uuid, Path, description = "The item (a variant's id)"), MovementQuery),
    responses(
        (status = 200, description = "Its movements, newest first", body = [StockMovement]),
        (status = 404, description = "`not_found`: no such item here", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/stock/{id:[0-9a-fA-F-]+}/movements")]
pub async fn list_movements(
    state: web::Data<AppState>,
    caller: Authorized<needs::INVENTORY_VIEW>,
    item: web::Path<Uuid>,
    query: web::Query<MovementQuery>,
) -> ApiResult<web::Json<Vec<StockMovement>>> {
    let limit = u64::from(query.limit.unwrap_or(50).clamp(1, 200));
    let offset = u64::from(query.offset.unwrap_or(0));
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the ledger")?;
    let (variant, _) = item_or_404(&txn, item.into_inner()).await?;
    let rows = store::movements(&txn, variant.id, limit, offset).await?;
    txn.commit().await.context("ending the ledger")?;
    Ok(web::Json(rows.iter().map(store::wire_movement).collect()))
}

/// Announces a crossing of the item's threshold, once per crossing, said without its
/// actor: "Low stock: Cappuccino (3)".
async fn announce(
    txn: &TenantTxn,
    caller: &Caller,
    variant: &VariantRow,
    product: &ProductRow,
    moved: Moved,
) -> ApiResult<bool> {
    let Some(crossing) = Crossing::between(moved.before, moved.after, moved.threshold) else {
        return Ok(false);
    };
    let name = store::item_name(variant, product);
    let text = match crossing {
        Crossing::Out => name.clone(),
        Crossing::Low | Crossing::Back => format!("{name} ({})", moved.after),
    };
    audit::record(
        txn,
        AuditRecord {
            before: Some(serde_json::json!({ "quantity": moved.before })),
            after: Some(serde_json::json!({ "text": text, "item": name, "quantity": moved.after, "threshold": moved.threshold })),
            ..caller.audit(crossing.action(), "stock_item", variant.id)
        },
    )
    .await?;
    Ok(true)
}

/// Records a movement: a restock or return adds, a sale or waste takes away (refused
/// past zero unless the restaurant allows it), a recount sets the quantity counted.
/// The quantity moves by a conditional update: two sales of the last unit never both
/// pass, whatever the number of processes.
#[endpoint]
#[utoipa::path(
    tag = "stock",
    request_body = MovementRequest,
    params(
        ("id" = Uuid, Path, description = "The item (a variant's id)"),
        ("Idempotency-Key" = Option<String>, Header, description = "Any value; a retry with the same key answers the movement the first request recorded"),
    ),
    responses(
        (status = 201, description = "Recorded", body = MovementRecorded),
        (status = 200, description = "A retry: the movement this key recorded", body = MovementRecorded),
        (status = 404, description = "`not_found`: no such item here", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`out_of_stock`: fewer left than that (`detail` says how many); `not_tracked`: the item's stock is not tracked", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a field is invalid, or the key was used for another request", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/stock/{id:[0-9a-fA-F-]+}/movements")]
pub async fn record_movement(
    state: web::Data<AppState>,
    caller: Authorized<needs::INVENTORY_EDIT>,
    request: HttpRequest,
    item: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: MovementRequest = permitted_body(body)?;
    let key = idempotency::key(&request);
    let hash = idempotency::fingerprint(&(item.as_ref(), &body));
    let (txn, caller) = caller.change(&state.db).await?;
    let now = state.clock.now();
    if let Some(key) = &key {
        // Keyed movements take the menu's turn, so a retry running beside its first
        // request finds it.
        crate::menu::store::lock(&txn).await?;
        if let Some(first) = store::movement_by_key(&txn, key).await? {
            if first.request_hash.as_deref() != Some(hash.as_str()) {
                return Err(idempotency::reused());
            }
            let (variant, product) = item_or_404(&txn, first.variant_id).await?;
            let answer = MovementRecorded {
                movement: store::wire_movement(&first),
                item: store::wire_item(&variant, &product, now),
            };
            txn.commit().await.context("ending a retried movement")?;
            return Ok(HttpResponse::Ok().json(answer));
        }
    }
    let (variant, product) = item_or_404(&txn, item.into_inner()).await?;
    // Checked once the item is known to be here: an unknown item is `404` whatever
    // the body. Nothing was written yet.
    let new = body.validate().map_err(ApiError::Validation)?;
    let below_zero = crate::menu::store::settings(&txn)
        .await?
        .allow_negative_stock;
    let moved = match store::apply(&txn, variant.id, new.change, below_zero, now).await? {
        Ok(moved) => moved,
        Err(Refused::NotTracked) => {
            return Err(ApiError::with_detail(
                ErrorCode::NotTracked,
                format!(
                    "the stock of {} is not tracked",
                    store::item_name(&variant, &product)
                ),
            ))
        }
        Err(Refused::Short(left)) => {
            return Err(ApiError::with_detail(
                ErrorCode::OutOfStock,
                format!(
                    "{} left of {}",
                    left.max(0),
                    store::item_name(&variant, &product)
                ),
            ))
        }
    };
    let name = crate::team::store::member(&txn, caller.membership.id)
        .await?
        .name;
    let row = store::record(
        &txn,
        store::NewMovement {
            variant: &variant,
            kind: new.kind,
            moved,
            reason: new.reason.clone(),
            actor: Some((caller.account_id, name)),
            retry: key.as_deref().map(|key| (key, hash.as_str())),
            // Stamped once the item's row is held, so the ledger's order is the order
            // in which quantities moved.
            now: state.clock.now(),
        },
    )
    .await?;
    let item_name = store::item_name(&variant, &product);
    audit::record(
        &txn,
        AuditRecord {
            before: Some(serde_json::json!({ "name": item_name, "quantity": moved.before })),
            after: Some(serde_json::json!({
                "name": item_name,
                "quantity": moved.after,
                "kind": new.kind.as_str(),
                "reason": new.reason,
            })),
            ..caller.audit("stock.moved", "stock_item", variant.id)
        },
    )
    .await?;
    announce(&txn, &caller, &variant, &product, moved).await?;
    let (after, _) = item_or_404(&txn, variant.id).await?;
    let answer = MovementRecorded {
        movement: store::wire_movement(&row),
        item: store::wire_item(&after, &product, now),
    };
    let restaurant = txn.tenant().id();
    txn.commit().await.context("committing a movement")?;
    state.guests.forget(restaurant);
    Ok(HttpResponse::Created().json(answer))
}
