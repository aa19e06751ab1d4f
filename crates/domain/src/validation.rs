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

/// The whitespace `str::trim` removes (Unicode's White_Space), as a regex class's body.
macro_rules! space_class {
    () => {
        r"\t\n\x0B\x0C\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
    };
}

/// Control characters (Unicode's Cc), as a regex class's body.
macro_rules! control_class {
    () => {
        r"\x00-\x1F\x7F-\x9F"
    };
}

/// What a name may never hold: control characters (Unicode's Cc) and invisible
/// formatting ones: direction marks, overrides and isolates (which can make a name read
/// as another), zero-width ones, the soft hyphen, the byte-order mark. As a regex
/// class's body; [`is_refused_in_names`] is the same set.
macro_rules! refused_class {
    () => {
        r"\x00-\x1F\x7F-\x9F\xAD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB"
    };
}

/// What a name may hold but does not make it visible on its own: ASCII punctuation
/// and symbols, fillers that draw nothing (Hangul fillers, the blank Braille pattern),
/// variation selectors and the combining grapheme joiner. As a regex class's body;
/// [`is_unseen`] is the same set.
macro_rules! unseen_class {
    () => {
        r"\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E\u034F\u115F\u1160\u17B4\u17B5\u2800\u3164\uFE00-\uFE0F\uFFA0"
    };
}

/// What a display name (a person, a restaurant, a role) may be, as the OpenAPI
/// document's `pattern` says it: whitespace around it allowed (and trimmed), no
/// refused character, and at least one letter, digit or other visible character
/// beyond ASCII punctuation. A regular expression ECMA-262, Python and the `regex`
/// crate read alike (characters outside the Basic Multilingual Plane are not named
/// in it, so the rule does not name them either); a test holds it to [`display_name`].
pub const DISPLAY_NAME_PATTERN: &str = concat!(
    "^[",
    space_class!(),
    "]*(?:[",
    unseen_class!(),
    "][^",
    refused_class!(),
    "]*)?[^",
    space_class!(),
    refused_class!(),
    unseen_class!(),
    "](?:[^",
    refused_class!(),
    "]*[^",
    space_class!(),
    refused_class!(),
    "])?[",
    space_class!(),
    "]*$"
);

/// What an email address may be, as the OpenAPI document's `pattern` says it: a local
/// part of 1 to 64 characters, an `@`, a domain of dot-separated labels (at least
/// two), no whitespace or control character inside, no `İ` (U+0130, the one character
/// whose lower case is two: the address is kept lower-cased, within its bounds),
/// whitespace around allowed (and trimmed). A test holds it to [`Email::parse`].
pub const EMAIL_PATTERN: &str = concat!(
    "^[",
    space_class!(),
    "]*",
    "[^@\\u0130",
    space_class!(),
    control_class!(),
    "]{1,64}",
    "@[^@.\\u0130",
    space_class!(),
    control_class!(),
    "]+",
    "(?:\\.[^@.\\u0130",
    space_class!(),
    control_class!(),
    "]+)+",
    "[",
    space_class!(),
    "]*$"
);

/// [`refused_class`]'s characters.
/// Whether a text may not contain `c`: control characters (line breaks aside, which
/// [`is_refused_in_names`] refuses too) and the invisible or direction-changing ones.
pub fn is_refused_in_text(c: char) -> bool {
    c != '\n' && is_refused_in_names(c)
}

fn is_refused_in_names(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{AD}'
                | '\u{61C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// [`unseen_class`]'s characters.
fn is_unseen(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '\u{34F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}' | '\u{FFA0}'
        )
}

/// The most characters a raw value may have: what arrives is counted, before
/// trimming, as the OpenAPI document's `maxLength` counts it.
fn at_most(field: &str, raw: &str, max: usize) -> Result<(), FieldError> {
    if raw.chars().count() > max {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("{field} must be at most {max} characters"),
        ));
    }
    Ok(())
}

/// A display name (a person, a restaurant, a role): at most `max` characters as sent,
/// trimmed, no control or invisible formatting character, and at least one letter,
/// digit or other visible character beyond ASCII punctuation ([`DISPLAY_NAME_PATTERN`]).
pub fn display_name(field: &str, raw: &str, max: usize) -> Result<String, FieldError> {
    at_most(field, raw, max)?;
    let trimmed = raw.trim();
    length_between(field, trimmed, 1, max)?;
    if trimmed.chars().any(is_refused_in_names) {
        return Err(FieldError::new(
            field,
            "invalid_characters",
            format!("{field} must not contain control or invisible formatting characters"),
        ));
    }
    if !trimmed.chars().any(|c| !c.is_whitespace() && !is_unseen(c)) {
        return Err(FieldError::new(
            field,
            "invalid_characters",
            format!("{field} must contain a letter, a digit or another visible character"),
        ));
    }
    Ok(trimmed.to_owned())
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

/// An email as every comparison sees it: lower-cased, and with the `idn` feature also
/// in Unicode NFC with its domain in ASCII (`ana@Bücher.example` is
/// `ana@xn--bcher-kva.example`). A domain IDNA cannot convert, or whose ASCII form
/// would pass the length limit, stays as written: the rule refuses nothing the
/// document's pattern accepts.
fn normalised(email: &str) -> String {
    #[cfg(feature = "idn")]
    {
        use unicode_normalization::UnicodeNormalization;
        let composed: String = email.nfc().collect::<String>().to_lowercase();
        if let Some((local, domain)) = composed.split_once('@') {
            if let Ok(ascii) = idna::domain_to_ascii(domain) {
                let converted = format!("{local}@{ascii}");
                if converted.chars().count() <= Email::MAX {
                    return converted;
                }
            }
        }
        composed
    }
    #[cfg(not(feature = "idn"))]
    {
        email.to_lowercase()
    }
}

impl Email {
    pub const MAX: usize = 254;

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        at_most(field, raw, Self::MAX)?;
        let email = raw.trim();
        length_between(field, email, 1, Self::MAX)?;
        let invalid = || {
            FieldError::new(
                field,
                "invalid_email",
                format!("{field} must be an email address such as name@example.com"),
            )
        };
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let well_formed = !local.is_empty()
            && local.chars().count() <= 64
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !email
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '\u{130}');
        if !well_formed {
            return Err(invalid());
        }
        Ok(Self(normalised(email)))
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

/// The OpenAPI schemas of the validated text fields, from the patterns above: the
/// document says exactly what [`display_name`] and [`Email::parse`] accept.
#[cfg(feature = "openapi")]
pub mod schema {
    use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};
    use utoipa::openapi::RefOr;
    use utoipa::{PartialSchema, ToSchema};

    fn text(pattern: &str, max: usize, example: &str, description: &str) -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .min_length(Some(1))
            .max_length(Some(max))
            .pattern(Some(pattern))
            .examples([example])
            .description(Some(description))
            .into()
    }

    macro_rules! text_schema {
        ($name:ident, $pattern:expr, $max:expr, $example:literal, $description:literal) => {
            #[doc = $description]
            pub struct $name;

            impl PartialSchema for $name {
                fn schema() -> RefOr<Schema> {
                    text($pattern, $max, $example, $description)
                }
            }

            impl ToSchema for $name {}
        };
    }

    text_schema!(
        PersonNameText,
        super::DISPLAY_NAME_PATTERN,
        super::PersonName::MAX,
        "Léa Martin",
        "A person's name: at least one visible character, no control or invisible formatting character; surrounding whitespace is trimmed."
    );
    text_schema!(
        RestaurantNameText,
        super::DISPLAY_NAME_PATTERN,
        super::RestaurantName::MAX,
        "Chez Ana",
        "A restaurant's name: at least one visible character, no control or invisible formatting character; surrounding whitespace is trimmed."
    );
    text_schema!(
        RoleNameText,
        super::DISPLAY_NAME_PATTERN,
        crate::team::CustomRoleRequest::NAME_MAX,
        "Barman",
        "A role's name, unique in the restaurant ignoring case: at least one visible character, no control or invisible formatting character; surrounding whitespace is trimmed."
    );
    text_schema!(
        ZoneNameText,
        super::DISPLAY_NAME_PATTERN,
        crate::floor::ZONE_NAME_MAX,
        "Terrasse",
        "A zone's name: at least one visible character, no control or invisible formatting character; surrounding whitespace is trimmed."
    );
    text_schema!(
        TableNameText,
        super::DISPLAY_NAME_PATTERN,
        crate::floor::TABLE_NAME_MAX,
        "Fenêtre",
        "A table's display name: at least one visible character, no control or invisible formatting character; surrounding whitespace is trimmed."
    );
    text_schema!(
        PrefixText,
        crate::floor::PREFIX_PATTERN,
        crate::floor::PREFIX_MAX,
        "TER",
        "A zone's prefix: 1 to 6 letters and digits, starting with a letter; stored in upper case."
    );
    text_schema!(
        EmailText,
        super::EMAIL_PATTERN,
        super::Email::MAX,
        "ana@example.com",
        "An email address (stored in lower case); surrounding whitespace is trimmed."
    );
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

    #[cfg(feature = "idn")]
    #[test]
    fn an_email_is_composed_and_its_domain_written_in_ascii() {
        let parse = |raw: &str| Email::parse("email", raw).unwrap().as_str().to_owned();
        // "josé" written with a combining accent is the same email as with "é".
        assert_eq!(
            parse("Jose\u{301}@Example.com"),
            parse("jos\u{e9}@example.com")
        );
        assert_eq!(parse("jos\u{e9}@example.com"), "jos\u{e9}@example.com");
        assert_eq!(
            parse(" Ana@B\u{fc}cher.Example "),
            "ana@xn--bcher-kva.example"
        );
        assert_eq!(
            parse("ana@xn--bcher-kva.example"),
            "ana@xn--bcher-kva.example"
        );
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

    /// Strings drawn from the characters the rules care about, reproducibly.
    fn samples(pool: &[char], count: usize) -> Vec<String> {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let length = (next() % 12) as usize;
                (0..length)
                    .map(|_| pool[(next() % pool.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    const POOL: &[char] = &[
        'a', 'Z', 'é', '李', '0', '.', '@', ' ', '\t', '\n', '\u{a0}', '\u{3000}', '\u{1c}',
        '\u{7}', '\u{85}', '\u{200b}', '\u{202e}', '\u{feff}', '-', '\'', '\u{ad}', '\u{2800}',
        '\u{3164}', '\u{fe0f}', '\u{61c}', '★', '!', '\u{130}',
    ];

    #[test]
    fn the_display_name_pattern_accepts_exactly_what_the_rule_accepts() {
        let pattern = regex::Regex::new(DISPLAY_NAME_PATTERN).unwrap();
        for raw in samples(POOL, 20_000) {
            assert_eq!(
                pattern.is_match(&raw),
                display_name("name", &raw, 100).is_ok(),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn the_email_pattern_accepts_exactly_what_the_rule_accepts() {
        let pattern = regex::Regex::new(EMAIL_PATTERN).unwrap();
        let mut accepted = 0;
        for raw in samples(POOL, 40_000).into_iter().chain(
            [
                "ana@example.com",
                " Ana@Example.COM ",
                "a@b",
                "a@.b.c",
                "a@b..c",
                "a b@c.d",
            ]
            .map(String::from),
        ) {
            let valid = Email::parse("email", &raw).is_ok();
            accepted += usize::from(valid);
            assert_eq!(pattern.is_match(&raw), valid, "{raw:?}");
        }
        assert!(accepted > 0);
    }

    #[test]
    fn a_name_of_invisible_characters_only_is_refused() {
        for raw in [
            "\u{202E}\u{200B}",
            "Ana\u{202E}",
            "\u{2066}Bruno\u{2069}",
            "\u{FEFF}",
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
    fn a_name_that_draws_nothing_or_only_punctuation_is_refused() {
        for raw in ["\u{ad}", "\u{2800}", "\u{3164}", ".", "-- !", "\u{fe0f}"] {
            assert_eq!(
                PersonName::parse("name", raw).unwrap_err().code,
                "invalid_characters",
                "{raw:?}"
            );
        }
        for raw in ["★", "🍕 Pizza", "A.", "Zoé"] {
            assert!(RestaurantName::parse("name", raw).is_ok(), "{raw:?}");
        }
    }

    #[test]
    fn an_email_whose_lower_case_would_grow_is_refused() {
        // `İ` lower-cases to two characters: the kept address could outgrow its bounds.
        assert_eq!(
            Email::parse("email", "a@\u{130}stanbul.example")
                .unwrap_err()
                .code,
            "invalid_email"
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
