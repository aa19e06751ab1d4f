//! The floor's rules: a zone's prefix from its name, a free prefix when it is taken,
//! a table's number, its QR secret and the address its code encodes.

use rand::Rng;
use unicode_normalization::UnicodeNormalization;

use brigade_domain::floor::PREFIX_MAX;

/// How many letters a deduced prefix has.
const DEDUCED: usize = 3;
/// A prefix for a name with no Latin letter or digit at all.
const FALLBACK: &str = "ZON";
/// The QR secret's length and alphabet: 10 characters of 32 (50 bits), unambiguous
/// when read aloud or typed.
const SECRET_LENGTH: usize = 10;
const SECRET_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A zone's prefix deduced from its name: its first three letters or digits, accents
/// removed, upper case ("Intérieur" → `INT`, "Salle principale" → `SAL`, "Bar" → `BAR`,
/// "Ô" → `O`). A name that starts with digits keeps them after its first letter would
/// not: a prefix starts with a letter, so "1er étage" → `ERE`.
pub fn deduce_prefix(name: &str) -> String {
    let folded: String = name
        .nfkd()
        .flat_map(|c| match c {
            'æ' | 'Æ' => "AE".chars().collect::<Vec<_>>(),
            'œ' | 'Œ' => "OE".chars().collect(),
            'ß' => "SS".chars().collect(),
            'ø' | 'Ø' => vec!['O'],
            'ł' | 'Ł' => vec!['L'],
            'đ' | 'Đ' => vec!['D'],
            other => vec![other],
        })
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .skip_while(char::is_ascii_digit)
        .take(DEDUCED)
        .collect();
    if folded.is_empty() {
        FALLBACK.to_owned()
    } else {
        folded
    }
}

/// `wanted` if no zone uses it, else the first free variant of it: `INT2`, `INT3`…
/// (kept within six characters).
pub fn free_prefix(wanted: &str, taken: &[String]) -> String {
    let is_taken = |candidate: &str| taken.iter().any(|t| t == candidate);
    if !is_taken(wanted) {
        return wanted.to_owned();
    }
    (2u32..)
        .map(|n| {
            let suffix = n.to_string();
            let keep = wanted.len().min(PREFIX_MAX - suffix.len());
            format!("{}{suffix}", &wanted[..keep])
        })
        .find(|candidate| !is_taken(candidate))
        .unwrap_or_else(|| wanted.to_owned())
}

/// A table's stable number.
pub fn table_number(prefix: &str, number: i32) -> String {
    format!("{prefix}-{number}")
}

/// A new QR secret.
pub fn new_secret() -> String {
    let mut rng = rand::thread_rng();
    (0..SECRET_LENGTH)
        .map(|_| SECRET_ALPHABET[rng.gen_range(0..SECRET_ALPHABET.len())] as char)
        .collect()
}

/// Whether a secret from a scanned address is the table's, compared in constant time.
pub fn secret_matches(given: &str, secret: &str) -> bool {
    let (a, b) = (given.as_bytes(), secret.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The address a table's QR code encodes.
pub fn guest_url(
    public_url: &str,
    restaurant: uuid::Uuid,
    table_number: &str,
    secret: &str,
) -> String {
    format!(
        "{}/t/{restaurant}/{table_number}?k={secret}",
        public_url.trim_end_matches('/')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_is_the_names_first_three_letters_without_accents() {
        assert_eq!(deduce_prefix("Intérieur"), "INT");
        assert_eq!(deduce_prefix("Salle principale"), "SAL");
        assert_eq!(deduce_prefix("étage"), "ETA");
        assert_eq!(deduce_prefix("Cœur"), "COE");
        assert_eq!(deduce_prefix("Straße"), "STR");
    }

    #[test]
    fn a_short_name_gives_a_short_prefix() {
        assert_eq!(deduce_prefix("Bar"), "BAR");
        assert_eq!(deduce_prefix("Ô"), "O");
        assert_eq!(deduce_prefix("Va"), "VA");
    }

    #[test]
    fn spaces_and_punctuation_are_skipped_and_digits_kept_after_a_letter() {
        assert_eq!(deduce_prefix("  S-a l"), "SAL");
        assert_eq!(deduce_prefix("T2 Jardin"), "T2J");
        assert_eq!(deduce_prefix("1er étage"), "ERE");
    }

    #[test]
    fn a_name_without_latin_letters_gets_a_fallback() {
        assert_eq!(deduce_prefix("日本"), "ZON");
        assert_eq!(deduce_prefix("42"), "ZON");
    }

    #[test]
    fn a_taken_prefix_gives_the_first_free_variant() {
        let taken = vec!["INT".to_owned(), "INT2".to_owned()];
        assert_eq!(free_prefix("INT", &taken), "INT3");
        assert_eq!(free_prefix("TER", &taken), "TER");
        let long = vec!["ABCDEF".to_owned()];
        assert_eq!(free_prefix("ABCDEF", &long), "ABCDE2");
    }

    #[test]
    fn a_table_number_joins_the_prefix_and_the_number() {
        assert_eq!(table_number("INT", 12), "INT-12");
    }

    #[test]
    fn secrets_differ_and_compare_exactly() {
        let (a, b) = (new_secret(), new_secret());
        assert_eq!(a.len(), SECRET_LENGTH);
        assert_ne!(a, b);
        assert!(secret_matches(&a, &a));
        assert!(!secret_matches(&a, &b));
        assert!(!secret_matches(&a[..9], &a));
    }

    #[test]
    fn the_guest_url_names_the_restaurant_the_table_and_its_secret() {
        let id = uuid::Uuid::nil();
        assert_eq!(
            guest_url("https://brigade.example/", id, "INT-1", "abc"),
            format!("https://brigade.example/t/{id}/INT-1?k=abc")
        );
    }
}
