//! The stock: tracked items, their settings and their ledger.

use brigade_domain::stock::{
    MovementRecorded, MovementRequest, StockItem, StockMovement, StockSettingsRequest,
};
use uuid::Uuid;

use super::session::{get, send_json};
use super::{urls, ApiError};

/// The items, in one state (`ok`, `low`, `out`, `untracked`) when given.
pub async fn items(state: Option<&'static str>) -> Result<Vec<StockItem>, ApiError> {
    get(&urls::stock(state)).await
}

pub async fn settings(id: Uuid, request: &StockSettingsRequest) -> Result<StockItem, ApiError> {
    send_json("PUT", &urls::stock_item(id), Some(request)).await
}

pub async fn movements(id: Uuid, limit: u32, offset: u32) -> Result<Vec<StockMovement>, ApiError> {
    get(&urls::stock_movements(id, limit, offset)).await
}

pub async fn record(id: Uuid, request: &MovementRequest) -> Result<MovementRecorded, ApiError> {
    send_json("POST", &urls::new_stock_movement(id), Some(request)).await
}
