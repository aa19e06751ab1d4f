//! The menu as a guest reads it on a table's page: active categories and products in
//! their order, with their descriptions, prices formatted in the restaurant's currency
//! and language (or none, as the settings say), allergens and dietary tags by name,
//! and the large image (loaded lazily). Unavailable items are marked or left out, as
//! the settings say. The floor's guest page draws it.

use brigade_domain::menu::{Allergen, DietaryTag, ProductQuery};
use brigade_domain::money;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{images, rules, store};
use crate::platform::{ApiResult, TenantTxn};

/// One price of an item: its variant's name, if it has several, and the amount.
#[derive(Debug, Clone)]
pub struct GuestPrice {
    pub name: Option<String>,
    pub amount: Option<String>,
    pub available: bool,
}

#[derive(Debug, Clone)]
pub struct GuestItem {
    pub name: String,
    pub description: Option<String>,
    pub image_url: Option<String>,
    pub prices: Vec<GuestPrice>,
    /// Allergens and dietary tags, by name in the guest's language.
    pub allergens: Vec<&'static str>,
    pub dietary: Vec<&'static str>,
    pub available: bool,
}

#[derive(Debug, Clone)]
pub struct GuestSection {
    pub name: String,
    pub description: Option<String>,
    pub items: Vec<GuestItem>,
}

/// The menu of a table's page.
#[derive(Debug, Clone, Default)]
pub struct GuestMenu {
    pub sections: Vec<GuestSection>,
    pub use_brand_color: bool,
}

/// How an amount reads: the currency's symbol where it has a common one.
fn symbol(currency: &str) -> String {
    match currency {
        "EUR" => "€".into(),
        "USD" => "$".into(),
        "GBP" => "£".into(),
        "JPY" => "¥".into(),
        "MAD" => "DH".into(),
        other => other.into(),
    }
}

/// Reads the menu as `lang` guests see it at `now`.
pub async fn menu(
    txn: &TenantTxn,
    restaurant: Uuid,
    lang: &str,
    currency: &str,
    now: DateTime<Utc>,
) -> ApiResult<GuestMenu> {
    let settings = store::settings(txn).await?;
    let exponent = crate::settings::rules::currency_exponent(currency).unwrap_or(2);
    let symbol = symbol(currency);
    let categories = store::categories(txn).await?;
    let products = store::products(txn, &ProductQuery::default()).await?;
    let mut sections = Vec::new();
    for category in categories.iter().filter(|c| c.is_active) {
        let mut items = Vec::new();
        for (row, variants) in products
            .iter()
            .filter(|(row, _)| row.category_id == Some(category.id) && row.is_active)
        {
            let prices: Vec<GuestPrice> = variants
                .iter()
                .map(|v| GuestPrice {
                    name: v.name.clone(),
                    amount: settings
                        .show_prices
                        .then(|| money::format(v.price, exponent, &symbol, lang)),
                    available: rules::sellable(row, v, now),
                })
                .collect();
            let available = prices.iter().any(|p| p.available);
            if !available && !settings.show_unavailable {
                continue;
            }
            let prices = if settings.show_unavailable {
                prices
            } else {
                prices.into_iter().filter(|p| p.available).collect()
            };
            items.push(GuestItem {
                name: row.name.clone(),
                description: row.description.clone(),
                image_url: row
                    .image
                    .as_deref()
                    .map(|hash| images::url(restaurant, hash, images::Size::Large)),
                prices,
                allergens: Allergen::from_bits(row.allergens)
                    .into_iter()
                    .map(|a| a.label(lang))
                    .collect(),
                dietary: DietaryTag::from_bits(row.dietary)
                    .into_iter()
                    .map(|d| d.label(lang))
                    .collect(),
                available,
            });
        }
        if !items.is_empty() {
            sections.push(GuestSection {
                name: category.name.clone(),
                description: category.description.clone(),
                items,
            });
        }
    }
    Ok(GuestMenu {
        sections,
        use_brand_color: settings.use_brand_color,
    })
}
