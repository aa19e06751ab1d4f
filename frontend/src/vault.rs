//! What the app remembers of the session between visits: only *that* there may be one.
//! The refresh token itself is an HttpOnly cookie the server sets (`brigade_refresh`,
//! see `X-Brigade-Session`): no script of the page can read it, so nothing here holds
//! it. The mark spares a visitor who never logged in a refresh that can only fail.
//!
//! Earlier versions kept the token in IndexedDB: the first write removes that database.

use crate::storage;

const MARK: &str = "brigade.session";
const LEGACY_DATABASE: &str = "brigade";

/// Whether a session may be open (a login happened here and no logout since).
pub fn marked() -> bool {
    storage::get(MARK).is_some()
}

/// Remembers that a session is open.
pub fn mark() {
    storage::set(MARK, "cookie");
    forget_legacy_token();
}

/// Forgets the session.
pub fn unmark() {
    storage::remove(MARK);
    forget_legacy_token();
}

/// Deletes the IndexedDB database earlier versions kept the refresh token in.
fn forget_legacy_token() {
    if let Some(factory) = web_sys::window().and_then(|window| window.indexed_db().ok().flatten()) {
        let _ = factory.delete_database(LEGACY_DATABASE);
    }
}
