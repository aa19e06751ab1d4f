//! The restaurant's settings that the rest of Brigade depends on (note 001 §A1's
//! "Établissement"): its name, address, language, time zone, currency and opening hours.
//! The wire types and their validation, shared by server and app. Whether a time zone
//! or a currency exists is the server's to say (it holds the IANA and ISO 4217 tables).

use serde::{Deserialize, Serialize};

use crate::validation::{display_name, FieldError, RestaurantName, Validator};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The most characters of an address (several lines).
pub const ADDRESS_MAX: usize = 300;
/// The most opening ranges in one day.
pub const RANGES_PER_DAY: usize = 4;
/// Minutes in a day.
const DAY: u32 = 24 * 60;

/// The languages a restaurant's guests and staff can have.
pub const LANGUAGES: [&str; 3] = ["fr", "en", "it"];

/// The days of the week, Monday first (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// 0 for Monday to 6 for Sunday.
    pub fn index(self) -> u8 {
        self as u8
    }

    pub fn from_index(index: i16) -> Option<Self> {
        usize::try_from(index)
            .ok()
            .and_then(|at| Self::ALL.get(at).copied())
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Weekday::Monday => "monday",
            Weekday::Tuesday => "tuesday",
            Weekday::Wednesday => "wednesday",
            Weekday::Thursday => "thursday",
            Weekday::Friday => "friday",
            Weekday::Saturday => "saturday",
            Weekday::Sunday => "sunday",
        }
    }
}

/// One opening range: from `opens` to `closes`, local times `HH:MM`. A range that
/// closes at or before it opens ends the next day (`19:00`–`02:00`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OpeningRange {
    pub weekday: Weekday,
    #[cfg_attr(
        feature = "openapi",
        schema(example = "12:00", pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")
    )]
    pub opens: String,
    #[cfg_attr(
        feature = "openapi",
        schema(example = "14:30", pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")
    )]
    pub closes: String,
}

/// A range once checked: minutes after local midnight, `closes` above a day when the
/// range ends the next day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub weekday: Weekday,
    pub opens: u32,
    pub closes: u32,
}

impl Range {
    /// Minutes after Monday's midnight at which it opens and closes.
    fn in_week(self) -> (u32, u32) {
        let start = u32::from(self.weekday.index()) * DAY + self.opens;
        (start, start + self.closes - self.opens)
    }

    pub fn wire(self) -> OpeningRange {
        let clock = |minutes: u32| format!("{:02}:{:02}", (minutes / 60) % 24, minutes % 60);
        OpeningRange {
            weekday: self.weekday,
            opens: clock(self.opens),
            closes: clock(self.closes),
        }
    }
}

/// `HH:MM` as minutes after midnight.
pub fn clock_time(field: &str, raw: &str) -> Result<u32, FieldError> {
    let invalid = || {
        FieldError::new(
            field,
            "invalid_time",
            "Give a time as HH:MM, 00:00 to 23:59.",
        )
    };
    let (hours, minutes) = raw.split_once(':').ok_or_else(invalid)?;
    let two_digits = |part: &str| part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
    if !two_digits(hours) || !two_digits(minutes) {
        return Err(invalid());
    }
    let hours: u32 = hours.parse().map_err(|_| invalid())?;
    let minutes: u32 = minutes.parse().map_err(|_| invalid())?;
    if hours > 23 || minutes > 59 {
        return Err(invalid());
    }
    Ok(hours * 60 + minutes)
}

/// The week's opening hours, replaced as a whole. An empty list is a restaurant closed
/// every day (or whose hours are not set yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OpeningHours {
    pub ranges: Vec<OpeningRange>,
}

impl OpeningHours {
    /// The ranges in the week's order, or what is wrong with each (`ranges[3].closes`).
    /// No two ranges may overlap, counting a range past midnight into the next day
    /// (Sunday's into Monday's).
    pub fn validate(&self) -> Result<Vec<Range>, Vec<FieldError>> {
        let mut v = Validator::new();
        let mut ranges = Vec::with_capacity(self.ranges.len());
        for (at, raw) in self.ranges.iter().enumerate() {
            let opens = v.check(clock_time(&format!("ranges[{at}].opens"), &raw.opens));
            let closes = v.check(clock_time(&format!("ranges[{at}].closes"), &raw.closes));
            if let (Some(opens), Some(closes)) = (opens, closes) {
                // Equal times are a whole day only from midnight (00:00–00:00): 12:00–12:00
                // is a slip, not a 24-hour service.
                if closes == opens && opens != 0 {
                    v.check::<()>(Err(FieldError::new(
                        &format!("ranges[{at}].closes"),
                        "same_time",
                        "A range closes at another time than it opens (00:00–00:00 is the whole day).",
                    )));
                    continue;
                }
                let closes = if closes <= opens {
                    closes + DAY
                } else {
                    closes
                };
                ranges.push((
                    at,
                    Range {
                        weekday: raw.weekday,
                        opens,
                        closes,
                    },
                ));
            }
        }
        for weekday in Weekday::ALL {
            let count = ranges.iter().filter(|(_, r)| r.weekday == weekday).count();
            if count > RANGES_PER_DAY {
                v.check::<()>(Err(FieldError::new(
                    "ranges",
                    "too_many_ranges",
                    format!("A day has at most {RANGES_PER_DAY} opening ranges."),
                )));
            }
        }
        const WEEK: u32 = 7 * DAY;
        for (i, (at, a)) in ranges.iter().enumerate() {
            let (a_start, a_end) = a.in_week();
            let overlaps = ranges[..i].iter().any(|(_, b)| {
                let (b_start, b_end) = b.in_week();
                // Compared as they are and shifted by a week, for Sunday night.
                [0, WEEK].iter().any(|shift| {
                    (a_start + shift < b_end && b_start < a_end + shift)
                        || (b_start + shift < a_end && a_start < b_end + shift)
                })
            });
            if overlaps {
                v.check::<()>(Err(FieldError::new(
                    &format!("ranges[{at}]"),
                    "overlapping_ranges",
                    "This range overlaps another one.",
                )));
            }
        }
        v.finish()?;
        let mut ranges: Vec<Range> = ranges.into_iter().map(|(_, range)| range).collect();
        ranges.sort_by_key(|range| (range.weekday, range.opens));
        Ok(ranges)
    }
}

/// The restaurant's settings as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RestaurantSettings {
    pub name: String,
    /// Lines separated by `\n`; empty until given.
    pub address: String,
    /// `fr`, `en` or `it`: the guests' pages, receipts and emails use it.
    #[cfg_attr(feature = "openapi", schema(example = "fr"))]
    pub language: String,
    /// An IANA time zone: times are shown and days grouped in it.
    #[cfg_attr(feature = "openapi", schema(example = "Europe/Paris"))]
    pub time_zone: String,
    /// ISO 4217: every amount is an integer number of its minor units.
    #[cfg_attr(feature = "openapi", schema(example = "EUR"))]
    pub currency: String,
    /// How many decimal places the currency's minor unit has (2 for EUR: 1250 is
    /// 12.50 €; 0 for JPY).
    pub currency_exponent: u8,
    /// In the week's order.
    pub opening_hours: Vec<OpeningRange>,
    /// `#rrggbb`, the main colour of the guests' pages; none until chosen.
    pub brand_color: Option<String>,
    /// Where the logo is served (public, cached for good: a new logo is a new address);
    /// none until one is uploaded.
    pub logo_url: Option<String>,
}

/// The logo's accepted media types, with the file extension each is stored under.
pub const LOGO_TYPES: [(&str, &str); 3] = [
    ("image/png", "png"),
    ("image/jpeg", "jpg"),
    ("image/webp", "webp"),
];
/// The largest logo, in bytes.
pub const LOGO_MAX_BYTES: usize = 512 * 1024;
/// The widest and tallest logo, in pixels.
pub const LOGO_MAX_SIDE: usize = 4096;

/// Changes to the settings; what is absent stays.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateSettingsRequest {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 120))]
    pub name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub address: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "it", pattern = "^(fr|en|it)$"))]
    pub language: Option<String>,
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "Europe/Rome",
            pattern = "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$",
            max_length = 64
        )
    )]
    pub time_zone: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "EUR", pattern = "^[A-Z]{3}$"))]
    pub currency: Option<String>,
    /// `#rrggbb`; an empty string removes it.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(example = "#2f7d5b", pattern = "^(#[0-9A-Fa-f]{6})?$")
    )]
    pub brand_color: Option<String>,
}

/// A change, checked for shape.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsChange {
    pub name: Option<String>,
    pub address: Option<String>,
    pub language: Option<String>,
    pub time_zone: Option<String>,
    pub currency: Option<String>,
    /// `Some(None)` removes the colour.
    pub brand_color: Option<Option<String>>,
}

/// An address: trimmed lines, blank lines dropped, at most [`ADDRESS_MAX`] characters.
pub fn address(field: &str, raw: &str) -> Result<String, FieldError> {
    let lines: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let joined = lines.join("\n");
    if joined.chars().count() > ADDRESS_MAX {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("At most {ADDRESS_MAX} characters."),
        ));
    }
    if joined.chars().any(|c| c.is_control() && c != '\n') {
        return Err(FieldError::new(
            field,
            "invalid_characters",
            "Remove the control characters.",
        ));
    }
    Ok(joined)
}

impl UpdateSettingsRequest {
    pub fn validate(&self) -> Result<SettingsChange, Vec<FieldError>> {
        let mut v = Validator::new();
        let name = self
            .name
            .as_deref()
            .and_then(|raw| v.check(RestaurantName::parse("name", raw)))
            .map(|name| name.as_str().to_owned());
        let address = self
            .address
            .as_deref()
            .and_then(|raw| v.check(address("address", raw)));
        let language = self.language.as_deref().and_then(|raw| {
            v.check(if LANGUAGES.contains(&raw) {
                Ok(raw.to_owned())
            } else {
                Err(FieldError::new(
                    "language",
                    "invalid_language",
                    "Choose fr, en or it.",
                ))
            })
        });
        let time_zone = self.time_zone.as_deref().and_then(|raw| {
            v.check(display_name("time_zone", raw, 64).and_then(|zone| {
                if zone.contains(char::is_whitespace) || zone != raw {
                    Err(FieldError::new(
                        "time_zone",
                        "unknown_time_zone",
                        "Choose a time zone from the list (Europe/Paris).",
                    ))
                } else {
                    Ok(zone)
                }
            }))
        });
        let currency = self.currency.as_deref().and_then(|raw| {
            v.check(
                if raw.len() == 3 && raw.bytes().all(|c| c.is_ascii_uppercase()) {
                    Ok(raw.to_owned())
                } else {
                    Err(FieldError::new(
                        "currency",
                        "unknown_currency",
                        "Choose a currency by its ISO 4217 code (EUR).",
                    ))
                },
            )
        });
        let brand_color = self.brand_color.as_deref().and_then(|raw| {
            if raw.is_empty() {
                Some(None)
            } else {
                v.check(crate::team::parse_color("brand_color", raw))
                    .map(Some)
            }
        });
        v.finish()?;
        Ok(SettingsChange {
            name,
            address,
            language,
            time_zone,
            currency,
            brand_color,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_times_are_refused_but_from_midnight_to_midnight_is_the_whole_day() {
        let week = |opens: &str, closes: &str| OpeningHours {
            ranges: vec![OpeningRange {
                weekday: Weekday::Monday,
                opens: opens.to_owned(),
                closes: closes.to_owned(),
            }],
        };
        let refused = week("12:00", "12:00").validate().unwrap_err();
        assert_eq!(refused[0].field, "ranges[0].closes");
        assert_eq!(refused[0].code, "same_time");
        let whole_day = week("00:00", "00:00").validate().unwrap();
        assert_eq!(whole_day[0].closes - whole_day[0].opens, DAY);
    }

    fn range(weekday: Weekday, opens: &str, closes: &str) -> OpeningRange {
        OpeningRange {
            weekday,
            opens: opens.into(),
            closes: closes.into(),
        }
    }

    fn codes(hours: &OpeningHours) -> Vec<(String, String)> {
        hours
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_lunch_and_a_dinner_on_the_same_day_are_two_ranges() {
        let hours = OpeningHours {
            ranges: vec![
                range(Weekday::Tuesday, "19:00", "22:30"),
                range(Weekday::Tuesday, "12:00", "14:30"),
            ],
        };
        let ranges = hours.validate().unwrap();
        assert_eq!(ranges[0].opens, 12 * 60);
        assert_eq!(ranges[1].closes, 22 * 60 + 30);
    }

    #[test]
    fn a_range_that_closes_before_it_opens_ends_the_next_day() {
        let hours = OpeningHours {
            ranges: vec![range(Weekday::Friday, "19:00", "02:00")],
        };
        let ranges = hours.validate().unwrap();
        assert_eq!(ranges[0].closes, 26 * 60);
        assert_eq!(ranges[0].wire().closes, "02:00");
    }

    #[test]
    fn a_late_night_overlapping_the_next_mornings_range_is_refused() {
        let hours = OpeningHours {
            ranges: vec![
                range(Weekday::Saturday, "19:00", "03:00"),
                range(Weekday::Sunday, "02:00", "04:00"),
            ],
        };
        assert_eq!(
            codes(&hours),
            vec![("ranges[1]".into(), "overlapping_ranges".into())]
        );
    }

    #[test]
    fn sunday_night_runs_into_monday_morning() {
        let hours = OpeningHours {
            ranges: vec![
                range(Weekday::Monday, "01:00", "03:00"),
                range(Weekday::Sunday, "22:00", "02:00"),
            ],
        };
        assert_eq!(
            codes(&hours),
            vec![("ranges[1]".into(), "overlapping_ranges".into())]
        );
    }

    #[test]
    fn ranges_that_only_touch_do_not_overlap() {
        let hours = OpeningHours {
            ranges: vec![
                range(Weekday::Monday, "12:00", "15:00"),
                range(Weekday::Monday, "15:00", "18:00"),
            ],
        };
        assert!(hours.validate().is_ok());
    }

    #[test]
    fn times_must_be_hours_and_minutes_of_a_day() {
        for bad in ["24:00", "7:00", "12:60", "12h00", "", "12:00:00", "-1:00"] {
            assert!(clock_time("t", bad).is_err(), "{bad}");
        }
        assert_eq!(clock_time("t", "23:59"), Ok(23 * 60 + 59));
    }

    #[test]
    fn a_day_has_at_most_four_ranges() {
        let hours = OpeningHours {
            ranges: ["06:00", "09:00", "12:00", "15:00", "18:00"]
                .iter()
                .map(|opens| {
                    let closes = format!("{:02}:00", opens[..2].parse::<u32>().unwrap() + 1);
                    range(Weekday::Monday, opens, &closes)
                })
                .collect(),
        };
        assert_eq!(
            codes(&hours),
            vec![("ranges".into(), "too_many_ranges".into())]
        );
    }

    #[test]
    fn an_address_keeps_its_lines_without_blank_ones() {
        assert_eq!(
            address("a", "  12 rue des Halles \n\n 75001 Paris ").unwrap(),
            "12 rue des Halles\n75001 Paris"
        );
        assert!(address("a", &"x".repeat(ADDRESS_MAX + 1)).is_err());
    }

    #[test]
    fn settings_refuse_an_unknown_language_and_a_lowercase_currency() {
        let change = UpdateSettingsRequest {
            language: Some("de".into()),
            currency: Some("eur".into()),
            ..Default::default()
        };
        let fields: Vec<String> = change
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["language", "currency"]);
    }
}
