//! What every handler shares: the database, the settings and the token keys.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::config::Settings;
use crate::sessions::tokens::TokenKeys;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub keys: Arc<TokenKeys>,
}
