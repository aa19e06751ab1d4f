//! The floor's endpoints: zones (list, create, rename, delete, reorder), tables (list,
//! add in bulk, change, delete) and their QR codes, gated by `tables.*` and
//! `public_menu.manage_qr`; and the guest's page a code opens. Each change takes the
//! floor's turn, is audited in its transaction, and forgets the guests' pages.

use actix_web::http::header;
use actix_web::{delete, get, patch, post, put, web, HttpRequest, HttpResponse};
use anyhow::Context;
use brigade_domain::api::Problem;
use brigade_domain::errors::ErrorCode;
use brigade_domain::floor::{
    AddTablesRequest, CreateZoneRequest, DiningTable, PrefixProposal, PrefixQuery, TableQr,
    TableQuery, UpdateTableRequest, UpdateZoneRequest, Zone, ZoneOrderRequest, MAX_TABLES,
    MAX_ZONES, ZONE_NAME_MAX,
};
use brigade_domain::permissions::needs;
use brigade_domain::validation::display_name;
use brigade_macros::endpoint;
use serde::Deserialize;
use uuid::Uuid;

use super::guest::Answer;
use super::store::{self, NewZoneRow, TableRow, ZoneRow};
use super::{qr, rules};
use crate::access::{Authorized, Caller, Public};
use crate::audit::{self, AuditRecord};
use crate::platform::body::permitted_body;
use crate::platform::client::client_addr;
use crate::platform::{idempotency, ApiError, ApiResult, AppState, TenantTxn};

/// Refuses a floor that would outgrow its limits.
async fn within_limits(txn: &TenantTxn, more_zones: u64, more_tables: u64) -> ApiResult<()> {
    let (zones, tables) = store::sizes(txn).await?;
    if zones + more_zones > MAX_ZONES || tables + more_tables > MAX_TABLES {
        return Err(ApiError::with_detail(
            ErrorCode::FloorFull,
            format!("a restaurant has at most {MAX_ZONES} zones and {MAX_TABLES} tables"),
        ));
    }
    Ok(())
}

fn prefix_taken(prefix: &str, free: &str) -> ApiError {
    ApiError::with_detail(
        ErrorCode::PrefixTaken,
        format!("another zone uses {prefix}; {free} is free"),
    )
}

async fn zone_or_404(txn: &TenantTxn, id: Uuid) -> ApiResult<ZoneRow> {
    store::zone(txn, id).await?.ok_or_else(ApiError::not_found)
}

async fn table_or_404(txn: &TenantTxn, id: Uuid) -> ApiResult<TableRow> {
    store::table(txn, id).await?.ok_or_else(ApiError::not_found)
}

/// Commits a change to the floor and forgets the restaurant's guest pages.
async fn commit(state: &AppState, txn: TenantTxn, doing: &'static str) -> ApiResult<()> {
    let restaurant = txn.tenant().id();
    txn.commit().await.context(doing)?;
    state.guests.forget(restaurant);
    Ok(())
}

/// The restaurant's zones in order, with their table counts.
#[endpoint]
#[utoipa::path(
    tag = "floor",
    responses((status = 200, description = "The zones, in order", body = [Zone]))
)]
#[get("/zones")]
pub async fn list_zones(
    state: web::Data<AppState>,
    caller: Authorized<needs::TABLES_VIEW>,
) -> ApiResult<web::Json<Vec<Zone>>> {
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the zones")?;
    let zones = store::zones(&txn).await?;
    txn.commit().await.context("ending the zones")?;
    Ok(web::Json(zones))
}

/// The prefix a zone of this name would get: deduced from it (its first three
/// letters, accents removed, upper case) and free in the restaurant.
#[endpoint]
#[utoipa::path(
    tag = "floor",
    params(PrefixQuery),
    responses(
        (status = 200, description = "The proposed prefix", body = PrefixProposal),
        (status = 422, description = "`validation_failed`: `name` is blank or too long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/zones/prefix")]
pub async fn propose_prefix(
    state: web::Data<AppState>,
    caller: Authorized<needs::TABLES_MANAGE>,
    query: web::Query<PrefixQuery>,
) -> ApiResult<web::Json<PrefixProposal>> {
    let name = display_name("name", &query.name, ZONE_NAME_MAX)
        .map_err(|error| ApiError::Validation(vec![error]))?;
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the prefixes")?;
    let taken = store::prefixes(&txn, None).await?;
    txn.commit().await.context("ending the prefixes")?;
    Ok(web::Json(PrefixProposal {
        prefix: rules::free_prefix(&rules::deduce_prefix(&name), &taken),
    }))
}

/// Adds a zone after the others, and numbers `tables` tables in it at once if asked.
/// Without a `prefix` it gets the deduced one, or a free variant of it; a `prefix`
/// another zone uses is `409` with a free one named.
#[endpoint]
#[utoipa::path(
    tag = "floor",
    request_body = CreateZoneRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Any value; a retry with the same key answers the zone the first request created")),
    responses(
        (status = 201, description = "Created", body = Zone),
        (status = 200, description = "A retry: the zone this key created", body = Zone),
        (status = 409, description = "`prefix_taken`: another zone uses this prefix (`detail` names a free one); `floor_full`: 100 zones or 2,000 tables already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a field is invalid, or the key was used for another zone (`Idempotency-Key`: `reused`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/zones")]
pub async fn create_zone(
    state: web::Data<AppState>,
    caller: Authorized<needs::TABLES_MANAGE>,
    request: HttpRequest,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: CreateZoneRequest = permitted_body(body)?;
    let new = body.validate().map_err(ApiError::Validation)?;
    let key = idempotency::key(&request);
    let hash = idempotency::fingerprint(&body);
    let (txn, caller) = caller.change(&state.db).await?;
    let venue_id = store::lock(&txn).await?;
    if let Some(key) = &key {
        if let Some(first) = store::zone_by_key(&txn, key).await? {
            if first.request_hash.as_deref() != Some(hash.as_str()) {
                return Err(idempotency::reused());
            }
            let zone = wire_zone(&txn, first.id).await?;
            txn.commit().await.context("ending a retried zone")?;
            return Ok(HttpResponse::Ok().json(zone));
        }
    }
    within_limits(&txn, 1, u64::from(new.tables)).await?;
    let taken = store::prefixes(&txn, None).await?;
    let prefix = match &new.prefix {
        Some(wanted) if taken.contains(wanted) => {
            return Err(prefix_taken(wanted, &rules::free_prefix(wanted, &taken)))
        }
        Some(wanted) => wanted.clone(),
        None => rules::free_prefix(&rules::deduce_prefix(&new.name), &taken),
    };
    let now = state.clock.now();
    let row = store::create_zone(
        &txn,
        NewZoneRow {
            venue_id,
            name: &new.name,
            prefix: &prefix,
            retry: key.as_deref().map(|key| (key, hash.as_str())),
            now,
        },
    )
    .await?;
    let tables = vec![
        brigade_domain::floor::NewTable {
            display_name: None,
            capacity: new.capacity,
        };
        usize::from(new.tables)
    ];
    let added = store::add_tables(&txn, &row, &tables, None, now).await?;
    audit::record(
        &txn,
        AuditRecord {
            after: Some(serde_json::json!({
                "zone": store::zone_snapshot(&row),
                "tables": added.iter().map(|t| t.table_number.as_str()).collect::<Vec<_>>(),
            })),
            ..caller.audit("zone.created", "zone", row.id)
        },
    )
    .await?;
    let zone = wire_zone(&txn, row.id).await?;
    commit(&state, txn, "committing a new zone").await?;
    Ok(HttpResponse::Created().json(zone))
}

async fn wire_zone(txn: &TenantTxn, id: Uuid) -> ApiResult<Zone> {
    store::zones(txn)
        .await?
        .into_iter()
        .find(|zone| zone.id == id)
        .ok_or_else(ApiError::not_found)
}

/// Renames a zone: its name, its prefix or both. Its tables keep their numbers;
/// tables added later take the new prefix.
#[endpoint]
#[utoipa::path(
    tag = "floor",
    request_body = UpdateZoneRequest,
    params(("id" = Uuid, Path, description = "The zone")),
    responses(
        (status = 200, description = "The zone as it is now", body = Zone),
        (status = 404, description = "`not_found`: no such zone here", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`prefix_taken`: another zone uses this prefix", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/zones/{id:[0-9a-fA-F-]+}")]
pub async fn update_zone(
    state: web::Data<AppState>,
    caller: Authorized<needs::TABLES_MANAGE>,
    id: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<Zone>> {
    let body: UpdateZoneRequest = permitted_body(body)?;
    let (name, prefix) = body.validate().map_err(ApiError::Validation)?;
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let before = zone_or_404(&txn, id.into_inner()).await?;
    let prefix = prefix.unwrap_or_else(|| before.prefix.clone());
    let taken = store::prefixes(&txn, Some(before.id)).await?;
    if taken.contains(&prefix) {
        return Err(prefix_taken(&prefix, &rules::free_prefix(&prefix, &taken)));
    }
    let name = name.unwrap_or_else(|| before.name.clone());
    if name == before.name && prefix == before.prefix {
        let zone = wire_zone(&txn, before.id).await?;
        txn.commit().await.context("ending an unchanged zone")?;
        return Ok(web::Json(zone));
    }
    store::rename_zone(&txn, before.id, &name, &prefix, state.clock.now()).await?;
    let after = zone_or_404(&txn, before.id).await?;
    audit::record(
        &txn,
        AuditRecord {
            before: Some(store::zone_snapshot(&before)),
            after: Some(store::zone_snapshot(&after)),
            ..caller.audit("zone.updated", "zone", before.id)
        },
    )
    .await?;
    let zone = wire_zone(&txn, before.id).await?;
    commit(&state, txn, "committing a renamed zone").await?;
    Ok(web::Json(zone))
}

/// Deletes a zone and its tables. Their numbers are never given again.
#[endpoint]
#[utoipa::path(
    tag = "floor",
    params(("id" = Uuid, Path, description = "The zone")),
    responses(
        (status = 204, description = "Deleted, with its tables"),
        (status = 404, description = "`not_found`: no such zone here", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/zones/{id:[0-9a-fA-F-]+}")]
pub async fn delete_zone(
    state: web::Data<AppState>,
    caller: Authorized<needs::TABLES_MANAGE>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let zone = zone_or_404(&txn, id.into_inner()).await?;
    let tables = store::tables(
        &txn,
        &TableQuery {
            zone_id: Some(zone.id),
            active: None,
        },
    )
    .await?;
    store::delete_zone(&txn, zone.id).await?;
    audit::record(
        &txn,
        AuditRecord {
            before: Some(serde_json::json!({
                "zone": store::zone_snapshot(&zone),
                "tables": tables.iter().map(|t| t.table_number.as_str()).collect::<Vec<_>>(),
            })),
            ..caller.audit("zone.deleted", "zone", zone.id)
        },
    )
    .await?;
    commit(&state, txn, "committing a deleted zone").await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Puts the zones in a new order: `zone_ids` lists every zone of the restaurant once.
#[endpoint]
#[utoipa::path(
    tag = "floor",
    request_body = ZoneOrderRequest,
    responses(
        (status = 200, description = "The zones in their new order", body = [Zone]),
        (status = 422, description = "`validation_failed`: `zone_ids` does not list every zone exactly once (`not_every_zone`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/zones/order")]
pub async fn reorder_zones(
    state: web::Data<AppState>,
    caller: Authorized<needs::TABLES_MANAGE>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<Vec<Zone>>> {
    let body: ZoneOrderRequest = permitted_body(body)?;
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let before = store::zones(&txn).await?;
    let mut wanted = body.zone_ids.clone();
    wanted.sort();
    wanted.dedup();
    let mut known: Vec<Uuid> = before.iter().map(|zone| zone.id).collect();
    known.sort();
    if wanted != known || body.zone_ids.len() != known.len() {
        return Err(ApiError::field(
            "zone_ids",
            "not_every_zone",
            "list every zone of the restaurant exactly once",
        ));
    }
    store::reorder(&txn, &body.zone_ids, state.clock.now()).await?;
    let zones = store::zones(&txn).await?;
    audit::record(
        &txn,
        AuditRecord {
            before: Some(serde_json::json!(before
                .iter()
                .map(|z| z.id)
                .collect::<Vec<_>>())),
            after: Some(serde_json::json!(body.zone_ids)),
            ..caller.audit("zone.reordered", "zone", "*")
        },
    )
    .await?;
    commit(&state, txn, "committing the zones' order").await?;
    Ok(web::Json(zones))
}

/// The tables, by zone order then number; filtered by zone and by whether active.
#[endpoint]
#[utoipa::path(
    tag = "floor",
    params(TableQuery),
    responses(
        (status = 200, description = "The tables", body = [DiningTable]),
        (status = 404, description = "`not_found`: no such zone here", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tables")]
pub async fn list_tables(
    state: web::Data<AppState>,
    caller: Authorized<needs::TABLES_VIEW>,
    query: web::Query<TableQuery>,
) -> ApiResult<web::Json<Vec<DiningTable>>> {
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the tables")?;
    if let Some(zone) = query.zone_id {
        zone_or_404(&txn, zone).await?;
    }
    let rows = store::tables(&txn, &query).await?;
    txn.commit().await.context("ending the tables")?;
    Ok(web::Json(rows.iter().map(store::wire_table).collect()))
}

/// Adds tables to a zone, numbered after the highest number its prefix ever had (two
/// people adding at once never get the same number): `count` tables of `capacity`
/// seats, or the `tables` listed with their names and seats.
#[endpoint]
#[utoipa::path(
    tag = "floor",
    request_body = AddTablesRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Any value; a retry with the same key answers the tables the first request added")),
    responses(
        (status = 201, description = "The tables added, in number order", body = [DiningTable]),
        (status = 200, description = "A retry: the tables this key added", body = [DiningTable]),
        (status = 404, description = "`not_found`: no such zone here", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`floor_full`: the restaurant would have more than 2,000 tables", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a field is invalid, both or neither of `count` and `tables` are given (`count`: `conflict` or `out_of_range`), or the key was used for another request (`Idempotency-Key`: `reused`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/tables")]
pub async fn add_tables(
    state: web::Data<AppState>,
    caller: Authorized<needs::TABLES_MANAGE>,
    request: HttpRequest,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: AddTablesRequest = permitted_body(body)?;
    let tables = body.validate().map_err(ApiError::Validation)?;
    let key = idempotency::key(&request);
    let hash = idempotency::fingerprint(&body);
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    if let Some(key) = &key {
        let first = store::tables_by_key(&txn, key).await?;
        if !first.is_empty() {
            if first
                .iter()
                .any(|t| t.request_hash.as_deref() != Some(hash.as_str()))
            {
                return Err(idempotency::reused());
            }
            txn.commit().await.context("ending retried tables")?;
            return Ok(
                HttpResponse::Ok().json(first.iter().map(store::wire_table).collect::<Vec<_>>())
            );
        }
    }
    let zone = zone_or_404(&txn, body.zone_id).await?;
    within_limits(&txn, 0, tables.len() as u64).await?;
    let retry = key.as_deref().map(|key| (key, hash.as_str()));
    let added = store::add_tables(&txn, &zone, &tables, retry, state.clock.now()).await?;
    audit::record(
        &txn,
        AuditRecord {
            after: Some(serde_json::json!(added
                .iter()
                .map(store::table_snapshot)
                .collect::<Vec<_>>())),
            ..caller.audit("table.added", "zone", zone.id)
        },
    )
    .await?;
    commit(&state, txn, "committing new tables").await?;
    Ok(HttpResponse::Created().json(added.iter().map(store::wire_table).collect::<Vec<_>>()))
}

/// Changes a table's name, seats or whether it is in use; its number stays. An
/// inactive table is hidden from pickers and its QR code shows "not available".
#[endpoint]
#[utoipa::path(
    tag = "floor",
    request_body = UpdateTableRequest,
    params(("id" = Uuid, Path, description = "The table")),
    responses(
        (status = 200, description = "The table as it is now", body = DiningTable),
        (status = 404, description = "`not_found`: no such table here", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/tables/{id:[0-9a-fA-F-]+}")]
pub async fn update_table(
    state: web::Data<AppState>,
    caller: Authorized<needs::TABLES_MANAGE>,
    id: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<DiningTable>> {
    let body: UpdateTableRequest = permitted_body(body)?;
    let change = body.validate().map_err(ApiError::Validation)?;
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let before = table_or_404(&txn, id.into_inner()).await?;
    let mut after = before.clone();
    if let Some(name) = change.display_name {
        after.display_name = name;
    }
    if let Some(capacity) = change.capacity {
        after.capacity = i32::from(capacity);
    }
    if let Some(active) = change.is_active {
        after.is_active = active;
    }
    if after == before {
        txn.commit().await.context("ending an unchanged table")?;
        return Ok(web::Json(store::wire_table(&after)));
    }
    store::update_table(&txn, &after, state.clock.now()).await?;
    audit::record(
        &txn,
        AuditRecord {
            before: Some(store::table_snapshot(&before)),
            after: Some(store::table_snapshot(&after)),
            ..caller.audit("table.updated", "table", before.id)
        },
    )
    .await?;
    commit(&state, txn, "committing a changed table").await?;
    Ok(web::Json(store::wire_table(&after)))
}

/// Deletes a table. Its number is never given again, and its QR code shows "not
/// available".
#[endpoint]
#[utoipa::path(
    tag = "floor",
    params(("id" = Uuid, Path, description = "The table")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "`not_found`: no such table here", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/tables/{id:[0-9a-fA-F-]+}")]
pub async fn delete_table(
    state: web::Data<AppState>,
    caller: Authorized<needs::TABLES_MANAGE>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let table = table_or_404(&txn, id.into_inner()).await?;
    store::delete_table(&txn, table.id).await?;
    audit::record(
        &txn,
        AuditRecord {
            before: Some(store::table_snapshot(&table)),
            ..caller.audit("table.deleted", "table", table.id)
        },
    )
    .await?;
    commit(&state, txn, "committing a deleted table").await?;
    Ok(HttpResponse::NoContent().finish())
}

fn url_of(state: &AppState, caller: &Caller, table: &TableRow) -> String {
    rules::guest_url(
        &state.settings.public_url,
        caller.tenant.id(),
        &table.table_number,
        &table.qr_secret,
    )
}

fn qr_of(state: &AppState, caller: &Caller, table: &TableRow) -> ApiResult<TableQr> {
    let url = url_of(state, caller, table);
    Ok(TableQr {
        svg: qr::svg(&url)?,
        url,
        table: store::wire_table(table),
    })
}

/// Every active table's QR code, in order: what the printable sheet shows.
#[endpoint]
#[utoipa::path(
    tag = "floor",
    responses((status = 200, description = "The active tables' codes", body = [TableQr]))
)]
#[get("/tables/qr")]
pub async fn qr_sheet(
    state: web::Data<AppState>,
    caller: Authorized<needs::PUBLIC_MENU_MANAGE_QR>,
) -> ApiResult<web::Json<Vec<TableQr>>> {
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the codes")?;
    let query = TableQuery {
        zone_id: None,
        active: Some(true),
    };
    let rows = store::tables(&txn, &query).await?;
    txn.commit().await.context("ending the codes")?;
    let codes = rows
        .iter()
        .map(|table| qr_of(&state, &caller, table))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(web::Json(codes))
}

/// A picture's format.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum QrFormat {
    Svg,
    Png,
}

/// A table's QR code, as `svg` or `png`: it encodes
/// `{PUBLIC_URL}/t/{restaurant}/{table_number}?k={secret}`.
#[endpoint]
#[utoipa::path(
    tag = "floor",
    params(
        ("id" = Uuid, Path, description = "The table"),
        ("format" = inline(QrFormat), Path, description = "`svg` or `png`"),
    ),
    responses(
        (status = 200, description = "The code", content((String = "image/svg+xml"), (Vec<u8> = "image/png"))),
        (status = 404, description = "`not_found`: no such table here", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tables/{id:[0-9a-fA-F-]+}/qr.{format}")]
pub async fn table_qr(
    state: web::Data<AppState>,
    caller: Authorized<needs::PUBLIC_MENU_MANAGE_QR>,
    path: web::Path<(Uuid, QrFormat)>,
) -> ApiResult<HttpResponse> {
    let (id, format) = path.into_inner();
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening a code")?;
    let table = table_or_404(&txn, id).await?;
    txn.commit().await.context("ending a code")?;
    let url = url_of(&state, &caller, &table);
    let disposition = |ext: &str| {
        format!(
            "inline; filename=\"{}.{ext}\"",
            table.table_number.replace('"', "")
        )
    };
    Ok(match format {
        QrFormat::Svg => HttpResponse::Ok()
            .content_type("image/svg+xml")
            .insert_header((header::CONTENT_DISPOSITION, disposition("svg")))
            .body(qr::svg(&url)?),
        QrFormat::Png => HttpResponse::Ok()
            .content_type("image/png")
            .insert_header((header::CONTENT_DISPOSITION, disposition("png")))
            .body(qr::png(&url)?),
    })
}

/// Reprints a table's code: a new secret, so the old code shows "not available" (for
/// the day a code is copied and misused). Answers the new code.
#[endpoint]
#[utoipa::path(
    tag = "floor",
    params(("id" = Uuid, Path, description = "The table")),
    responses(
        (status = 200, description = "The table's new code", body = TableQr),
        (status = 404, description = "`not_found`: no such table here", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/tables/{id:[0-9a-fA-F-]+}/qr/rotate")]
pub async fn rotate_qr(
    state: web::Data<AppState>,
    caller: Authorized<needs::PUBLIC_MENU_MANAGE_QR>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<TableQr>> {
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let table = table_or_404(&txn, id.into_inner()).await?;
    store::rotate_secret(&txn, table.id, state.clock.now()).await?;
    let rotated = table_or_404(&txn, table.id).await?;
    audit::record(
        &txn,
        AuditRecord {
            after: Some(serde_json::json!({ "table_number": table.table_number })),
            ..caller.audit("table.qr_rotated", "table", table.id)
        },
    )
    .await?;
    let code = qr_of(&state, &caller, &rotated)?;
    commit(&state, txn, "committing a new QR secret").await?;
    Ok(web::Json(code))
}

/// The secret a table's address carries.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GuestQuery {
    /// The table's QR secret.
    #[serde(default)]
    pub k: String,
}

/// The page a table's QR code opens on a guest's phone: server-rendered HTML naming
/// the restaurant and the table, in the restaurant's language. An unknown, inactive or
/// deleted table, or a wrong secret, answers `404` with a page saying the table is not
/// available; too many of those from one address answer `429`.
#[endpoint]
#[utoipa::path(
    tag = "guests",
    security(()),
    params(
        ("restaurant" = Uuid, Path, description = "The restaurant"),
        ("table_number" = String, Path, description = "The table's number, `INT-3`"),
        GuestQuery,
    ),
    responses(
        (status = 200, description = "The table's page", content_type = "text/html", body = String),
        (status = 404, description = "The page saying this table is not available", content_type = "text/html", body = String),
        (status = 429, description = "`too_many_attempts`: too many addresses not found from this client", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/t/{restaurant}/{table_number}")]
pub async fn guest_table(
    state: web::Data<AppState>,
    _guest: Public,
    request: HttpRequest,
    path: web::Path<(Uuid, String)>,
    query: web::Query<GuestQuery>,
) -> ApiResult<HttpResponse> {
    let (restaurant, table_number) = path.into_inner();
    let client = client_addr(&request).unwrap_or_default();
    let answer = state
        .guests
        .answer(&state, restaurant, &table_number, &query.k, &client)
        .await?;
    let page = |status: actix_web::http::StatusCode, body: String| {
        HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .insert_header((
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            ))
            .insert_header((header::REFERRER_POLICY, "no-referrer"))
            .body(body)
    };
    match answer {
        Answer::Found(body) => Ok(page(actix_web::http::StatusCode::OK, body)),
        Answer::Unavailable(body) => Ok(page(
            actix_web::http::StatusCode::NOT_FOUND,
            body.to_owned(),
        )),
        Answer::Refused { retry_after_secs } => Err(ApiError::TooManyAttempts { retry_after_secs }),
    }
}
