//! The floor: zones and their order, tables, and their QR codes.

use brigade_domain::floor::{
    AddTablesRequest, CreateZoneRequest, DiningTable, PrefixProposal, TableQr, UpdateTableRequest,
    UpdateZoneRequest, Zone, ZoneOrderRequest,
};
use uuid::Uuid;

use super::session::{get, send_json, send_only};
use super::{urls, ApiError};

const NONE: Option<&()> = None;

pub async fn zones() -> Result<Vec<Zone>, ApiError> {
    get(&urls::zones()).await
}

pub async fn proposed_prefix(name: String) -> Result<PrefixProposal, ApiError> {
    get(&urls::zone_prefix(&name)).await
}

pub async fn create_zone(request: &CreateZoneRequest) -> Result<Zone, ApiError> {
    send_json("POST", &urls::zones(), Some(request)).await
}

pub async fn update_zone(id: Uuid, request: &UpdateZoneRequest) -> Result<Zone, ApiError> {
    send_json("PATCH", &urls::zone(id), Some(request)).await
}

pub async fn delete_zone(id: Uuid) -> Result<(), ApiError> {
    send_only("DELETE", &urls::zone(id), NONE).await
}

pub async fn reorder(zone_ids: Vec<Uuid>) -> Result<Vec<Zone>, ApiError> {
    send_json(
        "PUT",
        &urls::zone_order(),
        Some(&ZoneOrderRequest { zone_ids }),
    )
    .await
}

pub async fn tables(active_only: bool) -> Result<Vec<DiningTable>, ApiError> {
    get(&urls::tables(active_only)).await
}

pub async fn add_tables(request: &AddTablesRequest) -> Result<Vec<DiningTable>, ApiError> {
    send_json("POST", &urls::tables(false), Some(request)).await
}

pub async fn update_table(id: Uuid, request: &UpdateTableRequest) -> Result<DiningTable, ApiError> {
    send_json("PATCH", &urls::table(id), Some(request)).await
}

pub async fn delete_table(id: Uuid) -> Result<(), ApiError> {
    send_only("DELETE", &urls::table(id), NONE).await
}

pub async fn qr_sheet() -> Result<Vec<TableQr>, ApiError> {
    get(&urls::qr_sheet()).await
}

pub async fn rotate_qr(id: Uuid) -> Result<TableQr, ApiError> {
    send_json("POST", &urls::qr_rotate(id), NONE).await
}
