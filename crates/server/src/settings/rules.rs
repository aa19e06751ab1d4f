//! What only the server knows about settings: which time zones (the IANA database) and
//! currencies (ISO 4217, with their minor units) exist.

use std::str::FromStr;

use brigade_domain::validation::FieldError;

/// Whether `name` is a time zone of the IANA database (`Europe/Paris`).
pub fn known_time_zone(name: &str) -> bool {
    chrono_tz::Tz::from_str(name).is_ok()
}

/// The decimal places of a currency's minor unit, for a currency money can be counted
/// in (not a fund, a metal or "no currency").
pub fn currency_exponent(code: &str) -> Option<u8> {
    iso_currency::Currency::from_code(code)
        .and_then(|currency| currency.exponent())
        .and_then(|exponent| u8::try_from(exponent).ok())
}

pub fn unknown_time_zone() -> FieldError {
    FieldError::new(
        "time_zone",
        "unknown_time_zone",
        "Choose a time zone from the list (Europe/Paris).",
    )
}

pub fn unknown_currency() -> FieldError {
    FieldError::new(
        "currency",
        "unknown_currency",
        "Choose a currency by its ISO 4217 code (EUR).",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones_are_the_iana_ones() {
        assert!(known_time_zone("Europe/Paris"));
        assert!(known_time_zone("America/Argentina/Buenos_Aires"));
        assert!(!known_time_zone("Europe/Lyon"));
        assert!(!known_time_zone("europe/paris "));
    }

    #[test]
    fn a_currency_brings_its_minor_unit() {
        assert_eq!(currency_exponent("EUR"), Some(2));
        assert_eq!(currency_exponent("MAD"), Some(2));
        assert_eq!(currency_exponent("JPY"), Some(0));
        assert_eq!(currency_exponent("KWD"), Some(3));
    }

    #[test]
    fn codes_that_are_not_money_are_refused() {
        assert_eq!(currency_exponent("XAU"), None);
        assert_eq!(currency_exponent("ZZZ"), None);
    }
}
