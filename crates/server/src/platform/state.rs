//! What every handler shares: the database, the settings, the token keys, the
//! access cache, the mailer and the clock.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::access::cache::AccessCache;
use crate::config::Settings;
use crate::mail::Mailer;
use crate::platform::clock::Clock;
use crate::sessions::tokens::TokenKeys;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub keys: Arc<TokenKeys>,
    /// Who may do what, remembered per restaurant and session behind each
    /// restaurant's access version.
    pub access: Arc<AccessCache>,
    /// The outbox's deliverer.
    pub mail: Arc<Mailer>,
    /// The time expiries are judged by.
    pub clock: Arc<Clock>,
    /// The guests' table pages, kept for a few seconds.
    pub guests: Arc<crate::floor::guest::GuestPages>,
    /// The live notifications' sockets in this process.
    pub live: Arc<crate::live::Live>,
    /// Where products' images are kept.
    pub images: Arc<crate::menu::images::ImageStore>,
}
