//! The menu's rules: when a variant can be sold, and whether a new order lists
//! exactly what it orders.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::store::{ProductRow, VariantRow};
use brigade_domain::menu::held_unavailable;

/// Whether a variant can be sold now, by itself: not made unavailable by hand (or that
/// has expired), and not at zero when it goes unavailable there by itself (auto-86).
pub fn variant_available(variant: &VariantRow, now: DateTime<Utc>) -> bool {
    let by_hand = held_unavailable(variant.unavailable, variant.unavailable_until, now);
    let sold_out = variant.tracks_stock && variant.auto_86 && variant.stock_quantity <= 0;
    !by_hand && !sold_out
}

/// Whether a variant can be sold now: its product not made unavailable by hand, and
/// the variant itself available ([`variant_available`]). The API, the stock page and
/// the guests' menu all say it this way.
pub fn sellable(product: &ProductRow, variant: &VariantRow, now: DateTime<Utc>) -> bool {
    !held_unavailable(product.unavailable, product.unavailable_until, now)
        && variant_available(variant, now)
}

/// An item's name as people read it: "Cappuccino · 50 cl", or the product's alone.
pub fn item_name(product: &str, variant: Option<&str>) -> String {
    match variant {
        Some(name) => format!("{product} · {name}"),
        None => product.to_owned(),
    }
}

/// Whether `wanted` lists every one of `known` exactly once.
pub fn is_every_one_once(wanted: &[Uuid], known: &[Uuid]) -> bool {
    let mut wanted = wanted.to_vec();
    let mut known = known.to_vec();
    let len = wanted.len();
    wanted.sort();
    wanted.dedup();
    known.sort();
    len == known.len() && wanted == known
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variant(quantity: i64, tracked: bool, auto_86: bool) -> VariantRow {
        let now = Utc::now();
        VariantRow {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            product_id: Uuid::nil(),
            name: None,
            price: 100,
            display_order: 0,
            unavailable: false,
            unavailable_until: None,
            tracks_stock: tracked,
            stock_quantity: quantity,
            low_threshold: 3,
            auto_86,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn a_tracked_item_at_zero_is_unavailable_only_with_auto_86() {
        let now = Utc::now();
        assert!(!variant_available(&variant(0, true, true), now));
        assert!(variant_available(&variant(0, true, false), now));
        assert!(variant_available(&variant(0, false, true), now));
        assert!(variant_available(&variant(1, true, true), now));
    }

    #[test]
    fn an_order_lists_every_one_exactly_once() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert!(is_every_one_once(&[b, a], &[a, b]));
        assert!(!is_every_one_once(&[a, a], &[a, b]));
        assert!(!is_every_one_once(&[a], &[a, b]));
        assert!(!is_every_one_once(&[a, b, b], &[a, b]));
    }
}
