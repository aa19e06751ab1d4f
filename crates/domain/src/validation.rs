//! Validated values: every rule for user input is written here once, and the server and
//! the browser app both call it. A value of one of these types has passed its rule.

use serde::{Deserialize, Serialize};

/// Why one field was refused. `code` is stable and translatable; `message` is English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The request field, as named in the JSON body.
    pub field: String,
    /// A stable code: `required`, `too_short`, `too_long`, `invalid_email`,
    /// `common_password`, `out_of_range`, `unchanged` (a new value equal to the old one),
    /// `incorrect` (a current password that is wrong).
    pub code: String,
    /// A human-readable explanation in English.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

/// Collects field errors so a request reports every invalid field at once.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the parsed value, or records why it was refused.
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.errors.push(error);
                None
            }
        }
    }

    /// All errors recorded so far; empty means every field was valid.
    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

fn length_between(field: &str, value: &str, min: usize, max: usize) -> Result<(), FieldError> {
    let length = value.chars().count();
    if length == 0 && min > 0 {
        return Err(FieldError::new(
            field,
            "required",
            format!("{field} is required"),
        ));
    }
    if length < min {
        return Err(FieldError::new(
            field,
            "too_short",
            format!("{field} must be at least {min} characters"),
        ));
    }
    if length > max {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("{field} must be at most {max} characters"),
        ));
    }
    Ok(())
}

fn has_control_characters(value: &str) -> bool {
    value.chars().any(char::is_control)
}

/// A display name (a person or a restaurant): trimmed, 1 to `max` characters, no
/// control characters.
fn display_name(field: &str, raw: &str, max: usize) -> Result<String, FieldError> {
    let trimmed = raw.trim();
    length_between(field, trimmed, 1, max)?;
    if has_control_characters(trimmed) || trimmed.chars().any(is_invisible_formatting) {
        return Err(FieldError::new(
            field,
            "invalid_characters",
            format!("{field} must not contain control or invisible formatting characters"),
        ));
    }
    if !trimmed.chars().any(char::is_alphanumeric) {
        return Err(FieldError::new(
            field,
            "invalid_characters",
            format!("{field} must contain at least one letter or digit"),
        ));
    }
    Ok(trimmed.to_owned())
}

/// Characters that change how text around them is shown without being seen: direction
/// overrides and isolates (which can make a name read as another), zero-width ones and
/// the byte-order mark.
fn is_invisible_formatting(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// A person's name as shown to their team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX: usize = 100;

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        display_name(field, raw, Self::MAX).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A restaurant's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestaurantName(String);

impl RestaurantName {
    pub const MAX: usize = 120;

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        display_name(field, raw, Self::MAX).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address, trimmed and lower-cased so one person has one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub const MAX: usize = 254;

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let email = raw.trim().to_lowercase();
        length_between(field, &email, 1, Self::MAX)?;
        let invalid = || {
            FieldError::new(
                field,
                "invalid_email",
                format!("{field} must be an email address such as name@example.com"),
            )
        };
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let well_formed = !local.is_empty()
            && local.len() <= 64
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !email.chars().any(|c| c.is_whitespace() || c.is_control());
        if well_formed {
            Ok(Self(email))
        } else {
            Err(invalid())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: 8 to 128 characters, no composition rules, and not one of the most
/// common passwords (NIST SP 800-63B).
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    pub const MIN: usize = 8;
    pub const MAX: usize = 128;

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        length_between(field, raw, Self::MIN, Self::MAX)?;
        if is_common_password(raw) {
            return Err(FieldError::new(
                field,
                "common_password",
                "this password is among the most common ones; choose another",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The most common passwords of eight characters or more (zxcvbn's frequency list),
/// lower-cased and sorted so a lookup is a binary search.
/// The ~7,350 most common passwords: embedded with the `common-passwords` feature,
/// which the server turns on. The browser app leaves it off (it would add ~29 KB to
/// every download) and relies on the server's `common_password` answer instead.
#[cfg(feature = "common-passwords")]
const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

/// Common choices the list above misses for Brigade's users: French, Italian and
/// restaurant words.
const LOCAL_COMMON_PASSWORDS: &[&str] = &[
    "motdepasse",
    "motdepasse1",
    "motdepasse123",
    "azertyuiop",
    "azerty123",
    "soleil123",
    "bonjour1",
    "bonjour123",
    "marseille",
    "ristorante",
    "restaurant",
    "restaurant1",
    "restaurant123",
    "brigade1",
    "brigade123",
    "cuisine1",
    "cuisine123",
    "pizzeria",
    "pizzeria1",
    "trattoria",
    "brasserie",
];

fn is_common_password(candidate: &str) -> bool {
    let lowered = candidate.to_lowercase();
    if LOCAL_COMMON_PASSWORDS.contains(&lowered.as_str()) {
        return true;
    }
    in_common_list(&lowered)
}

#[cfg(feature = "common-passwords")]
fn in_common_list(lowered: &str) -> bool {
    static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        COMMON_PASSWORDS
            .lines()
            .filter(|line| !line.starts_with("# "))
            .collect()
    })
    .binary_search(&lowered)
    .is_ok()
}

#[cfg(not(feature = "common-passwords"))]
fn in_common_list(_lowered: &str) -> bool {
    false
}

/// How many tables a restaurant starts with at sign-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableCount(u16);

impl TableCount {
    pub const MIN: i64 = 1;
    pub const MAX: i64 = 500;

    pub fn parse(field: &str, raw: i64) -> Result<Self, FieldError> {
        if (Self::MIN..=Self::MAX).contains(&raw) {
            Ok(Self(raw as u16))
        } else {
            Err(FieldError::new(
                field,
                "out_of_range",
                format!("{field} must be between {} and {}", Self::MIN, Self::MAX),
            ))
        }
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn an_email_is_trimmed_and_lower_cased() {
        let email = Email::parse("email", "  Chef@Example.COM ").unwrap();
        assert_eq!(email.as_str(), "chef@example.com");
    }

    #[test]
    fn an_email_without_a_domain_is_refused() {
        for raw in [
            "chef",
            "chef@",
            "@example.com",
            "chef@example",
            "a b@example.com",
            "chef@@x.com",
        ] {
            let error = Email::parse("email", raw).unwrap_err();
            assert_eq!(error.code, "invalid_email", "{raw}");
        }
    }

    #[test]
    fn an_empty_email_is_required() {
        assert_eq!(Email::parse("email", "   ").unwrap_err().code, "required");
    }

    #[test]
    fn a_password_shorter_than_eight_characters_is_refused() {
        assert_eq!(
            Password::parse("password", "short1!").unwrap_err().code,
            "too_short"
        );
    }

    #[test]
    fn a_password_longer_than_128_characters_is_refused() {
        let long = "x".repeat(129);
        assert_eq!(
            Password::parse("password", &long).unwrap_err().code,
            "too_long"
        );
    }

    #[test]
    fn a_password_needs_no_composition_rules() {
        assert!(Password::parse("password", "correct horse battery staple").is_ok());
        assert!(Password::parse("password", "aaaaaaab").is_ok());
    }

    #[test]
    #[cfg(feature = "common-passwords")]
    fn a_common_password_is_refused_whatever_its_case() {
        assert_eq!(
            Password::parse("password", "PassWord123").unwrap_err().code,
            "common_password"
        );
    }

    #[test]
    #[cfg(feature = "common-passwords")]
    fn the_common_password_list_is_sorted_and_large() {
        let list: Vec<&str> = COMMON_PASSWORDS
            .lines()
            .filter(|l| !l.starts_with("# "))
            .collect();
        assert!(list.len() > 5000);
        assert!(
            list.windows(2).all(|pair| pair[0] < pair[1]),
            "the list must stay sorted for binary search"
        );
        assert!(list.iter().all(|p| p.chars().count() >= Password::MIN));
    }

    #[test]
    #[cfg(feature = "common-passwords")]
    fn passwords_from_the_list_and_local_words_are_refused() {
        for common in [
            "baseball",
            "Trustno1",
            "iloveyou",
            "motdepasse",
            "Ristorante",
        ] {
            assert_eq!(
                Password::parse("password", common).unwrap_err().code,
                "common_password",
                "{common}"
            );
        }
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let password = Password::parse("password", "a secret phrase").unwrap();
        assert!(!format!("{password:?}").contains("secret"));
    }

    #[test]
    fn names_are_trimmed_and_must_not_be_blank() {
        assert_eq!(PersonName::parse("name", "  Ana ").unwrap().as_str(), "Ana");
        assert_eq!(
            PersonName::parse("name", " \t ").unwrap_err().code,
            "required"
        );
        assert_eq!(
            RestaurantName::parse("name", "Chez\u{0007}Ana")
                .unwrap_err()
                .code,
            "invalid_characters"
        );
    }

    #[test]
    fn a_name_of_invisible_characters_only_is_refused() {
        for raw in [
            "\u{202E}\u{200B}",
            "Ana\u{202E}",
            "\u{2066}Bruno\u{2069}",
            "...",
        ] {
            assert_eq!(
                PersonName::parse("name", raw).unwrap_err().code,
                "invalid_characters",
                "{raw:?}"
            );
        }
        assert_eq!(
            PersonName::parse("name", "Zoé O'Neil-Ça").unwrap().as_str(),
            "Zoé O'Neil-Ça"
        );
        assert_eq!(
            PersonName::parse("name", "李小龍").unwrap().as_str(),
            "李小龍"
        );
    }

    #[test]
    fn table_count_must_be_between_one_and_five_hundred() {
        assert!(TableCount::parse("table_count", 0).is_err());
        assert!(TableCount::parse("table_count", 501).is_err());
        assert_eq!(TableCount::parse("table_count", 12).unwrap().get(), 12);
    }

    #[test]
    fn the_validator_reports_every_invalid_field() {
        let mut validator = Validator::new();
        validator.check(Email::parse("email", "nope"));
        validator.check(Password::parse("password", "short"));
        validator.check(PersonName::parse("owner_name", "Ana"));
        let errors = validator.finish().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "password"]);
    }
}
