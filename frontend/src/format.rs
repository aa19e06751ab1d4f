//! Dates, times and amounts written the way each language writes them, through the
//! browser's `Intl` (no locale data in the bundle).

use chrono::{DateTime, Utc};
use js_sys::{Array, Date, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::i18n::Lang;

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

fn js_date(at: DateTime<Utc>) -> Date {
    Date::new(&JsValue::from_f64(at.timestamp_millis() as f64))
}

/// A moment with its date and time, the date written as [`date`] writes it, e.g.
/// `22 novembre 2026 à 08:15` in French.
pub fn date_time(at: DateTime<Utc>, lang: Lang) -> String {
    js_date(at)
        .to_locale_string(
            lang.locale(),
            &options(&[("dateStyle", "long"), ("timeStyle", "short")]),
        )
        .into()
}

/// A day, e.g. `22 novembre 2026` in French.
pub fn date(at: DateTime<Utc>, lang: Lang) -> String {
    js_date(at)
        .to_locale_date_string(lang.locale(), &options(&[("dateStyle", "long")]))
        .into()
}

/// An amount in minor units of an ISO 4217 currency whose minor unit has `exponent`
/// decimals, e.g. `12,50 €` in French and `€12.50` in English. The number reaches
/// `Intl` as a decimal string written from the integer (`"12.50"`), never as a float.
pub fn amount(minor_units: i64, currency: &str, exponent: u8, lang: Lang) -> String {
    let locales = Array::of1(&JsValue::from_str(lang.locale()));
    let digits = exponent.to_string();
    let format = js_sys::Intl::NumberFormat::new(
        &locales,
        &options(&[
            ("style", "currency"),
            ("currency", currency),
            ("minimumFractionDigits", &digits),
            ("maximumFractionDigits", &digits),
        ]),
    );
    let decimal = brigade_domain::money::decimal(minor_units, exponent);
    format
        .format()
        .call1(&JsValue::NULL, &JsValue::from_str(&decimal))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| format!("{decimal} {currency}"))
}
