//! What every handler shares: the database, the settings, the token keys and the
//! access cache.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::access::cache::AccessCache;
use crate::config::Settings;
use crate::sessions::tokens::TokenKeys;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub keys: Arc<TokenKeys>,
    /// Who may do what, remembered per restaurant and session behind each
    /// restaurant's access version.
    pub access: Arc<AccessCache>,
}
