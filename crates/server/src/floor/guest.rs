//! The page a guest's phone opens from a table's QR code: small HTML rendered by the
//! server (no script, no login), in the restaurant's language, naming the restaurant
//! and the table. Anything else — an unknown restaurant or table, an inactive or
//! deleted one, a code whose secret was rotated — gets one and the same page, in the
//! three languages, saying the table is not available: it tells nothing about what
//! exists.
//!
//! Pages are kept in memory for a few seconds per table, so a full room scanning at
//! once costs the database one read per table: a change made by this process forgets
//! its restaurant's pages at once, one made by another replica shows within
//! [`FRESH_FOR`]; when a page is read again, the requests arriving meanwhile wait for
//! that one read. Only well-formed table numbers are looked up and kept. Addresses
//! that are not found are counted per client (its address, or its IPv6 /64:
//! `throttle::Flood::TableScan`): past the limit, every answer to that client is `429`
//! for the rest of the minute, found or not.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use askama::Template;
use brigade_domain::invitations::Language;
use uuid::Uuid;

use super::{rules, store};
use crate::platform::client::throttle_key;
use crate::platform::{ApiResult, AppState, Tenant};
use crate::restaurants::store::{self as restaurants, Storefront};
use crate::sessions::throttle::{self, Flood};

/// How long a page is kept before the database is read again.
pub const FRESH_FOR: Duration = Duration::from_secs(5);
/// Addresses not found one client may ask for in a minute.
pub const MISSES_PER_MINUTE: u64 = 30;

/// The page of every address that shows no table.
const UNAVAILABLE: &str = include_str!("../../templates/table-unavailable.html");

#[derive(Template)]
#[template(path = "table.html")]
struct Page<'a> {
    lang: &'a str,
    title: String,
    restaurant: &'a str,
    table: &'a str,
    note: &'a str,
    /// `#rrggbb`, checked when it was saved.
    brand_color: Option<&'a str>,
    logo_url: Option<String>,
    menu: crate::menu::guest::GuestMenu,
    unavailable: &'static str,
    allergens: &'static str,
}

/// What a table's address shows: the table's secret and its page, when it exists and
/// is active.
struct Entry {
    read_at: Instant,
    found: Option<(String, String)>,
}

/// The guests' pages this process keeps, and the clients refused for guessing.
pub struct GuestPages {
    pages: quick_cache::sync::Cache<(Uuid, String), Arc<Entry>>,
    changed: quick_cache::sync::Cache<Uuid, Instant>,
    refused: quick_cache::sync::Cache<String, Instant>,
}

impl Default for GuestPages {
    fn default() -> Self {
        Self {
            pages: quick_cache::sync::Cache::new(20_000),
            changed: quick_cache::sync::Cache::new(10_000),
            refused: quick_cache::sync::Cache::new(10_000),
        }
    }
}

/// What a guest is answered.
pub enum Answer {
    Found(String),
    Unavailable(&'static str),
    Refused { retry_after_secs: u64 },
}

/// Whether `number` can be a table's number (`INT-12`): a prefix, a dash, a number.
fn well_formed(number: &str) -> bool {
    let Some((prefix, n)) = number.split_once('-') else {
        return false;
    };
    brigade_domain::floor::prefix("table_number", prefix).is_ok_and(|p| p == prefix)
        && (1..=9).contains(&n.len())
        && n.bytes().all(|b| b.is_ascii_digit())
        && !n.starts_with('0')
}

/// The table's word, the welcome shown while the menu is empty, the word for what
/// cannot be ordered now and the allergens' heading.
fn texts(language: Language) -> (&'static str, &'static str, &'static str, &'static str) {
    match language {
        Language::Fr => (
            "Table",
            "Bienvenue ! La carte s'affichera ici très bientôt.",
            "Indisponible",
            "Allergènes :",
        ),
        Language::En => (
            "Table",
            "Welcome! The menu will appear here very soon.",
            "Unavailable",
            "Allergens:",
        ),
        Language::It => (
            "Tavolo",
            "Benvenuti! Il menù apparirà qui a breve.",
            "Non disponibile",
            "Allergeni:",
        ),
    }
}

fn render(
    id: Uuid,
    restaurant: &Storefront,
    table: &str,
    menu: crate::menu::guest::GuestMenu,
) -> anyhow::Result<String> {
    let (label, welcome, unavailable, allergens) = texts(restaurant.language);
    let use_brand = menu.use_brand_color;
    let page = Page {
        lang: restaurant.language.as_str(),
        title: format!("{} · {label} {table}", restaurant.name),
        restaurant: &restaurant.name,
        table,
        note: welcome,
        brand_color: restaurant
            .brand_color
            .as_deref()
            .filter(|_| use_brand)
            .filter(|color| color.len() == 7 && color[1..].bytes().all(|c| c.is_ascii_hexdigit())),
        logo_url: restaurant
            .logo
            .as_deref()
            .map(|file| crate::settings::logo::url(id, file)),
        menu,
        unavailable,
        allergens,
    };
    page.render().context("rendering a guest's page")
}

impl GuestPages {
    /// Forgets a restaurant's pages after a change to its floor.
    pub fn forget(&self, restaurant: Uuid) {
        self.changed.insert(restaurant, Instant::now());
    }

    fn is_fresh(&self, restaurant: Uuid, entry: &Entry) -> bool {
        let changed = self.changed.get(&restaurant);
        entry.read_at.elapsed() < FRESH_FOR && changed.is_none_or(|at| at < entry.read_at)
    }

    fn fresh(&self, restaurant: Uuid, key: &(Uuid, String)) -> Option<Arc<Entry>> {
        let entry = self.pages.get(key)?;
        self.is_fresh(restaurant, &entry).then_some(entry)
    }

    async fn read(state: &AppState, restaurant: Uuid, table_number: &str) -> ApiResult<Entry> {
        let read_at = Instant::now();
        let txn = Tenant::new(restaurant)
            .read(&state.db)
            .await
            .context("opening a guest's page")?;
        let table = store::by_number(&txn, table_number).await?;
        let place = match &table {
            Some(table) if table.is_active => restaurants::storefront(&txn).await?,
            _ => None,
        };
        let menu = match &place {
            Some(storefront) => Some(
                crate::menu::guest::menu(
                    &txn,
                    restaurant,
                    storefront.language.as_str(),
                    &storefront.currency,
                    state.clock.now(),
                )
                .await?,
            ),
            None => None,
        };
        txn.commit().await.context("ending a guest's page")?;
        let found = match (table, place, menu) {
            (Some(table), Some(storefront), Some(menu)) => Some((
                table.qr_secret,
                render(restaurant, &storefront, &table.display_name, menu)?,
            )),
            _ => None,
        };
        Ok(Entry { read_at, found })
    }

    /// The page for `/t/{restaurant}/{table_number}?k={secret}` asked by `client`.
    pub async fn answer(
        &self,
        state: &AppState,
        restaurant: Uuid,
        table_number: &str,
        secret: &str,
        client: &str,
    ) -> ApiResult<Answer> {
        let client = throttle_key(client);
        if let Some(since) = self.refused.get(&client) {
            let left = 60u64.saturating_sub(since.elapsed().as_secs());
            if left > 0 {
                return Ok(Answer::Refused {
                    retry_after_secs: left,
                });
            }
            self.refused.remove(&client);
        }
        let entry = if well_formed(table_number) {
            let key = (restaurant, table_number.to_owned());
            match self.fresh(restaurant, &key) {
                Some(entry) => Some(entry),
                None => {
                    // One request reads the page again; the others arriving meanwhile
                    // wait for it instead of all reading the database at once.
                    // Only a stale page is dropped: a read under way (a placeholder)
                    // stays, for this request to wait on.
                    self.pages
                        .remove_if(&key, |entry| !self.is_fresh(restaurant, entry));
                    match self.pages.get_value_or_guard_async(&key).await {
                        Ok(entry) => Some(entry),
                        Err(guard) => {
                            let entry =
                                Arc::new(Self::read(state, restaurant, table_number).await?);
                            let _ = guard.insert(entry.clone());
                            Some(entry)
                        }
                    }
                }
            }
        } else {
            None
        };
        if let Some((own, page)) = entry.as_ref().and_then(|entry| entry.found.as_ref()) {
            if rules::secret_matches(secret, own) {
                return Ok(Answer::Found(page.clone()));
            }
        }
        let counted = throttle::flood(&state.db, Flood::TableScan, &client, MISSES_PER_MINUTE)
            .await
            .context("counting a table page not found")?;
        match counted {
            Ok(()) => Ok(Answer::Unavailable(UNAVAILABLE)),
            Err(retry_after_secs) => {
                self.refused.insert(client, Instant::now());
                Ok(Answer::Refused { retry_after_secs })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::well_formed;

    #[test]
    fn only_a_prefix_a_dash_and_a_number_can_be_a_table() {
        assert!(well_formed("INT-1") && well_formed("T2-120"));
        for bad in [
            "INT",
            "INT-",
            "INT-0",
            "INT-01",
            "int-1",
            "1NT-1",
            "INTERIE-1",
            "INT-1-2",
            "INT-1234567890",
        ] {
            assert!(!well_formed(bad), "{bad}");
        }
    }
}
