//! The page a guest's phone opens from a table's QR code: small HTML rendered by the
//! server (no script, no login), in the restaurant's language, naming the restaurant
//! and the table — or saying the table is not available (inactive, deleted, or a code
//! whose secret was rotated).
//!
//! Pages are kept in memory for a few seconds per table, so a full room scanning at
//! once costs the database one read per table: a change made by this process forgets
//! its restaurant's pages at once, one made by another replica shows within
//! [`FRESH_FOR`]. Addresses that are not found are counted per client address
//! (`throttle::Flood::TableScan`): past the limit, every answer to that address is
//! `429` for the rest of the minute, found or not.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use askama::Template;
use brigade_domain::invitations::Language;
use uuid::Uuid;

use super::{rules, store};
use crate::platform::{ApiResult, AppState, Tenant};
use crate::restaurants::store as restaurants;
use crate::sessions::throttle::{self, Flood};

/// How long a page is kept before the database is read again.
pub const FRESH_FOR: Duration = Duration::from_secs(5);
/// Addresses not found one client may ask for in a minute.
pub const MISSES_PER_MINUTE: u64 = 30;

#[derive(Template)]
#[template(path = "table.html")]
struct Page<'a> {
    lang: &'a str,
    title: String,
    restaurant: &'a str,
    table: Option<&'a str>,
    note: &'a str,
}

/// What a table's address shows.
struct Entry {
    read_at: Instant,
    /// The table's secret and its page, when it exists and is active.
    found: Option<(String, String)>,
    /// The page saying the table is not available.
    unavailable: String,
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
    Unavailable(String),
    Refused { retry_after_secs: u64 },
}

fn texts(language: Language) -> (&'static str, &'static str, &'static str) {
    // (the table's line, the note under it, the unavailable table's note)
    match language {
        Language::Fr => (
            "Table",
            "Bienvenue ! La carte s'affichera ici très bientôt.",
            "Cette table n'est pas disponible. Demandez à notre équipe.",
        ),
        Language::En => (
            "Table",
            "Welcome! The menu will appear here very soon.",
            "This table is not available. Please ask our staff.",
        ),
        Language::It => (
            "Tavolo",
            "Benvenuti! Il menù apparirà qui a breve.",
            "Questo tavolo non è disponibile. Chiedete al nostro personale.",
        ),
    }
}

fn render(restaurant: &str, language: Language, table: Option<&str>) -> anyhow::Result<String> {
    let (label, welcome, unavailable) = texts(language);
    let page = Page {
        lang: language.as_str(),
        title: match table {
            Some(name) => format!("{restaurant} · {label} {name}"),
            None => restaurant.to_owned(),
        },
        restaurant,
        table,
        note: if table.is_some() {
            welcome
        } else {
            unavailable
        },
    };
    page.render().context("rendering a guest's page")
}

impl GuestPages {
    /// Forgets a restaurant's pages after a change to its floor.
    pub fn forget(&self, restaurant: Uuid) {
        self.changed.insert(restaurant, Instant::now());
    }

    fn fresh(&self, restaurant: Uuid, key: &(Uuid, String)) -> Option<Arc<Entry>> {
        let entry = self.pages.get(key)?;
        let changed = self.changed.get(&restaurant);
        let fresh =
            entry.read_at.elapsed() < FRESH_FOR && changed.is_none_or(|at| at < entry.read_at);
        fresh.then_some(entry)
    }

    async fn read(state: &AppState, restaurant: Uuid, table_number: &str) -> ApiResult<Entry> {
        let read_at = Instant::now();
        let txn = Tenant::new(restaurant)
            .read(&state.db)
            .await
            .context("opening a guest's page")?;
        let Some((name, language)) = restaurants::name_and_language(&txn).await? else {
            txn.commit().await.context("ending a guest's page")?;
            return Ok(Entry {
                read_at,
                found: None,
                unavailable: render("Brigade", Language::Fr, None)?,
            });
        };
        let table = store::by_number(&txn, table_number).await?;
        txn.commit().await.context("ending a guest's page")?;
        let found = match table {
            Some(table) if table.is_active => Some((
                table.qr_secret,
                render(&name, language, Some(&table.display_name))?,
            )),
            _ => None,
        };
        Ok(Entry {
            read_at,
            found,
            unavailable: render(&name, language, None)?,
        })
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
        if let Some(since) = self.refused.get(client) {
            let left = 60u64.saturating_sub(since.elapsed().as_secs());
            if left > 0 {
                return Ok(Answer::Refused {
                    retry_after_secs: left,
                });
            }
            self.refused.remove(client);
        }
        let key = (restaurant, table_number.to_owned());
        let entry = match self.fresh(restaurant, &key) {
            Some(entry) => entry,
            None => {
                let entry = Arc::new(Self::read(state, restaurant, table_number).await?);
                self.pages.insert(key, entry.clone());
                entry
            }
        };
        match &entry.found {
            Some((own, page)) if rules::secret_matches(secret, own) => {
                Ok(Answer::Found(page.clone()))
            }
            _ => {
                let counted =
                    throttle::flood(&state.db, Flood::TableScan, client, MISSES_PER_MINUTE)
                        .await
                        .context("counting a table page not found")?;
                match counted {
                    Ok(()) => Ok(Answer::Unavailable(entry.unavailable.clone())),
                    Err(retry_after_secs) => {
                        self.refused.insert(client.to_owned(), Instant::now());
                        Ok(Answer::Refused { retry_after_secs })
                    }
                }
            }
        }
    }
}
