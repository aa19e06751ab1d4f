//! The wire types of the floor (note 001 §A): zones, their tables, the numbering's
//! rules a client needs (prefixes, capacities) and the QR codes. Validation lives here,
//! shared by server and app.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::validation::{display_name, FieldError, Validator};

#[cfg(feature = "openapi")]
use utoipa::{IntoParams, ToSchema};

/// The fewest and most seats a table has.
pub const CAPACITY: std::ops::RangeInclusive<i64> = 1..=12;
/// A new table's seats when none are given.
pub const DEFAULT_CAPACITY: u8 = 4;
/// The most tables one request adds.
pub const MAX_TABLES_PER_REQUEST: i64 = 100;
/// The most characters of a prefix.
pub const PREFIX_MAX: usize = 6;
/// What a prefix may be, before it is upper-cased.
pub const PREFIX_PATTERN: &str = "^[A-Za-z][A-Za-z0-9]{0,5}$";
/// The most characters of a zone's name.
pub const ZONE_NAME_MAX: usize = 60;
/// The most zones a restaurant has.
pub const MAX_ZONES: u64 = 100;
/// The most tables a restaurant has, active or not.
pub const MAX_TABLES: u64 = 2_000;
/// The most characters of a table's display name.
pub const TABLE_NAME_MAX: usize = 40;

/// A zone of the floor, in its place in the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Zone {
    pub id: Uuid,
    pub name: String,
    /// Its tables' numbers start with it: `INT` numbers `INT-1`, `INT-2`…
    pub prefix: String,
    /// 0 first.
    pub display_order: i32,
    /// How many tables it has, active or not.
    pub tables: u32,
    /// How many of them are active.
    pub active_tables: u32,
}

/// A table. `table_number` never changes and is never given to another table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DiningTable {
    pub id: Uuid,
    pub zone_id: Uuid,
    /// `{PREFIX}-{N}`, fixed at creation.
    #[cfg_attr(feature = "openapi", schema(example = "INT-3"))]
    pub table_number: String,
    /// What staff and guests see; free to change.
    pub display_name: String,
    /// Seats, 1 to 12.
    pub capacity: u8,
    /// An inactive table is kept but hidden from pickers and QR ordering.
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
}

fn capacity(field: &str, raw: i64) -> Result<u8, FieldError> {
    if CAPACITY.contains(&raw) {
        Ok(raw as u8)
    } else {
        Err(FieldError::new(
            field,
            "out_of_range",
            format!(
                "{field} must be between {} and {}",
                CAPACITY.start(),
                CAPACITY.end()
            ),
        ))
    }
}

/// A zone's prefix as typed ([`PREFIX_PATTERN`]): 1 to 6 letters A–Z and digits,
/// starting with a letter; upper-cased.
pub fn prefix(field: &str, raw: &str) -> Result<String, FieldError> {
    let value = raw.to_ascii_uppercase();
    let valid = (1..=PREFIX_MAX).contains(&value.chars().count())
        && value
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && value.starts_with(|c: char| c.is_ascii_uppercase());
    if valid {
        Ok(value)
    } else {
        Err(FieldError::new(
            field,
            "invalid_prefix",
            format!("{field} must be 1 to {PREFIX_MAX} letters and digits, starting with a letter"),
        ))
    }
}

/// Creates a zone, with tables if `tables` is given.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateZoneRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = crate::validation::schema::ZoneNameText))]
    pub name: String,
    /// By default deduced from the name (`Terrasse` → `TER`), or a free variant of it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::validation::schema::PrefixText>))]
    pub prefix: Option<String>,
    /// How many tables to number in it at once, 0 to 100; none by default.
    #[serde(default, deserialize_with = "crate::api::optional_whole_number")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub tables: Option<i64>,
    /// Their seats, 1 to 12; 4 by default.
    #[serde(default, deserialize_with = "crate::api::optional_whole_number")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 12))]
    pub capacity: Option<i64>,
}

/// A valid zone to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewZone {
    pub name: String,
    pub prefix: Option<String>,
    pub tables: u16,
    pub capacity: u8,
}

impl CreateZoneRequest {
    pub fn validate(&self) -> Result<NewZone, Vec<FieldError>> {
        let mut v = Validator::new();
        let name = v.check(display_name("name", &self.name, ZONE_NAME_MAX));
        let prefix = match &self.prefix {
            Some(raw) => v.check(prefix("prefix", raw)).map(Some),
            None => Some(None),
        };
        let tables = match self.tables.unwrap_or(0) {
            n if (0..=MAX_TABLES_PER_REQUEST).contains(&n) => Some(n as u16),
            _ => v.check(Err(FieldError::new(
                "tables",
                "out_of_range",
                format!("tables must be between 0 and {MAX_TABLES_PER_REQUEST}"),
            ))),
        };
        let capacity = v.check(capacity(
            "capacity",
            self.capacity.unwrap_or(i64::from(DEFAULT_CAPACITY)),
        ));
        v.finish()?;
        match (name, prefix, tables, capacity) {
            (Some(name), Some(prefix), Some(tables), Some(capacity)) => Ok(NewZone {
                name,
                prefix,
                tables,
                capacity,
            }),
            _ => Err(Vec::new()),
        }
    }
}

/// Renames a zone: its name, its prefix or both. Existing tables keep their numbers;
/// tables added later take the new prefix.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateZoneRequest {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::validation::schema::ZoneNameText>))]
    pub name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::validation::schema::PrefixText>))]
    pub prefix: Option<String>,
}

impl UpdateZoneRequest {
    pub fn validate(&self) -> Result<(Option<String>, Option<String>), Vec<FieldError>> {
        let mut v = Validator::new();
        let name = match &self.name {
            Some(raw) => v.check(display_name("name", raw, ZONE_NAME_MAX)),
            None => None,
        };
        let prefix = match &self.prefix {
            Some(raw) => v.check(prefix("prefix", raw)),
            None => None,
        };
        v.finish()?;
        Ok((name, prefix))
    }
}

/// Every zone of the restaurant, in their new order.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ZoneOrderRequest {
    pub zone_ids: Vec<Uuid>,
}

/// One table to add with its name and seats (the complete configuration).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NamedTable {
    /// By default the table's number.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::validation::schema::TableNameText>))]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "crate::api::optional_whole_number")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 12))]
    pub capacity: Option<i64>,
}

/// Adds tables to a zone, numbered after the highest number its prefix ever had:
/// either `count` tables of `capacity` seats, or the `tables` listed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AddTablesRequest {
    pub zone_id: Uuid,
    /// 1 to 100 (when `tables` is not given).
    #[serde(default, deserialize_with = "crate::api::optional_whole_number")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub count: Option<i64>,
    /// Seats of each, 1 to 12; 4 by default.
    #[serde(default, deserialize_with = "crate::api::optional_whole_number")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 12))]
    pub capacity: Option<i64>,
    /// 1 to 100 tables, each with its name and seats (instead of `count`).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub tables: Option<Vec<NamedTable>>,
}

/// A valid table to add: its name (`None`: its number) and seats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTable {
    pub display_name: Option<String>,
    pub capacity: u8,
}

/// Validates a list of tables to add, or a count of them.
pub fn new_tables(
    count: Option<i64>,
    default_capacity: Option<i64>,
    named: Option<&[NamedTable]>,
) -> Result<Vec<NewTable>, Vec<FieldError>> {
    let mut v = Validator::new();
    let seats = v.check(capacity(
        "capacity",
        default_capacity.unwrap_or(i64::from(DEFAULT_CAPACITY)),
    ));
    let mut tables = Vec::new();
    match (count, named) {
        (Some(_), Some(_)) => {
            v.check::<()>(Err(FieldError::new(
                "count",
                "conflict",
                "give either count or tables, not both",
            )));
        }
        (_, Some(list)) => {
            if list.is_empty() || list.len() as i64 > MAX_TABLES_PER_REQUEST {
                v.check::<()>(Err(FieldError::new(
                    "tables",
                    "out_of_range",
                    format!("tables must list 1 to {MAX_TABLES_PER_REQUEST} tables"),
                )));
            }
            for (i, table) in list.iter().enumerate() {
                let name = match &table.display_name {
                    Some(raw) => v
                        .check(display_name(
                            &format!("tables[{i}].display_name"),
                            raw,
                            TABLE_NAME_MAX,
                        ))
                        .map(Some),
                    None => Some(None),
                };
                let own = match table.capacity {
                    Some(raw) => v.check(capacity(&format!("tables[{i}].capacity"), raw)),
                    None => seats,
                };
                if let (Some(display_name), Some(capacity)) = (name, own) {
                    tables.push(NewTable {
                        display_name,
                        capacity,
                    });
                }
            }
        }
        (count, None) => {
            let n = count.unwrap_or(0);
            if !(1..=MAX_TABLES_PER_REQUEST).contains(&n) {
                v.check::<()>(Err(FieldError::new(
                    "count",
                    "out_of_range",
                    format!("count must be between 1 and {MAX_TABLES_PER_REQUEST}"),
                )));
            } else if let Some(capacity) = seats {
                tables = vec![
                    NewTable {
                        display_name: None,
                        capacity,
                    };
                    n as usize
                ];
            }
        }
    }
    v.finish()?;
    Ok(tables)
}

impl AddTablesRequest {
    pub fn validate(&self) -> Result<Vec<NewTable>, Vec<FieldError>> {
        new_tables(self.count, self.capacity, self.tables.as_deref())
    }
}

/// Changes a table: its name, seats or whether it is in use. Its number stays.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateTableRequest {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::validation::schema::TableNameText>))]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "crate::api::optional_whole_number")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 12))]
    pub capacity: Option<i64>,
    #[serde(default)]
    pub is_active: Option<bool>,
}

/// A valid change to a table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableChange {
    pub display_name: Option<String>,
    pub capacity: Option<u8>,
    pub is_active: Option<bool>,
}

impl UpdateTableRequest {
    pub fn validate(&self) -> Result<TableChange, Vec<FieldError>> {
        let mut v = Validator::new();
        let display_name = match &self.display_name {
            Some(raw) => v.check(display_name("display_name", raw, TABLE_NAME_MAX)),
            None => None,
        };
        let capacity = match self.capacity {
            Some(raw) => v.check(capacity("capacity", raw)),
            None => None,
        };
        v.finish()?;
        Ok(TableChange {
            display_name,
            capacity,
            is_active: self.is_active,
        })
    }
}

/// Which tables to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct TableQuery {
    /// Only this zone's tables.
    pub zone_id: Option<Uuid>,
    /// Only active (`true`) or inactive (`false`) tables.
    pub active: Option<bool>,
}

/// The prefix proposed for a zone's name: deduced from it, and free in the restaurant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PrefixProposal {
    pub prefix: String,
}

/// Asks for the prefix a name would get.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PrefixQuery {
    /// A zone's name, up to 60 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(required, value_type = crate::validation::schema::ZoneNameText))]
    pub name: String,
}

/// A table's QR code: the address it encodes and the code as SVG.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TableQr {
    pub table: DiningTable,
    /// `{PUBLIC_URL}/t/{restaurant}/{table_number}?k={secret}`
    pub url: String,
    /// The code as an SVG document.
    pub svg: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_is_upper_cased_and_must_start_with_a_letter() {
        assert_eq!(prefix("prefix", "ter").unwrap(), "TER");
        assert_eq!(prefix("prefix", " ter").unwrap_err().code, "invalid_prefix");
        assert_eq!(prefix("prefix", "T2").unwrap(), "T2");
        assert_eq!(prefix("prefix", "2T").unwrap_err().code, "invalid_prefix");
        assert_eq!(
            prefix("prefix", "TERRASS").unwrap_err().code,
            "invalid_prefix"
        );
        assert_eq!(prefix("prefix", "TÉR").unwrap_err().code, "invalid_prefix");
        assert_eq!(prefix("prefix", "").unwrap_err().code, "invalid_prefix");
    }

    #[test]
    fn a_zone_without_tables_gets_none_and_four_seats_by_default() {
        let request = CreateZoneRequest {
            name: "Terrasse".into(),
            prefix: None,
            tables: None,
            capacity: None,
        };
        let zone = request.validate().unwrap();
        assert_eq!((zone.tables, zone.capacity, zone.prefix), (0, 4, None));
    }

    #[test]
    fn every_invalid_field_of_a_zone_is_reported_at_once() {
        let request = CreateZoneRequest {
            name: " ".into(),
            prefix: Some("1".into()),
            tables: Some(101),
            capacity: Some(13),
        };
        let fields: Vec<_> = request
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "prefix", "tables", "capacity"]);
    }

    #[test]
    fn tables_are_added_by_count_or_by_list_but_not_both() {
        assert_eq!(new_tables(Some(3), Some(2), None).unwrap().len(), 3);
        assert_eq!(new_tables(None, None, None).unwrap_err()[0].field, "count");
        let named = [NamedTable {
            display_name: Some("Fenêtre".into()),
            capacity: Some(13),
        }];
        let errors = new_tables(None, None, Some(&named)).unwrap_err();
        assert_eq!(errors[0].field, "tables[0].capacity");
        assert_eq!(
            new_tables(Some(1), None, Some(&[])).unwrap_err()[0].code,
            "conflict"
        );
    }

    #[test]
    fn a_capacity_outside_one_to_twelve_is_refused() {
        let change = UpdateTableRequest {
            capacity: Some(0),
            ..Default::default()
        };
        assert_eq!(change.validate().unwrap_err()[0].code, "out_of_range");
        let change = UpdateTableRequest {
            capacity: Some(12),
            ..Default::default()
        };
        assert_eq!(change.validate().unwrap().capacity, Some(12));
    }
}
