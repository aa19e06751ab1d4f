//! The service grid (note 001's `ServiceManager`): who serves which zones and tables
//! during one service. A service is one of a day's opening ranges (lunch 12:00–14:30,
//! dinner 19:00–23:00), named by its date and the time it opens, both local to the
//! restaurant. A waiter takes a whole zone, or one table; several can share a zone.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::permissions::SystemRole;
use crate::settings::clock_time;
use crate::validation::{FieldError, Validator};

/// The most assignments one service holds.
pub const MAX_ASSIGNMENTS: usize = 500;

/// One member's place during a service: exactly one of a zone or a table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    pub member_id: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_id: Option<Uuid>,
}

/// One service of a day and who serves where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Service {
    /// Local time `HH:MM`, the service's name within its day.
    #[cfg_attr(feature = "openapi", schema(example = "12:00"))]
    pub opens: String,
    /// Local time `HH:MM`; at or before `opens` when the service ends the next day.
    #[cfg_attr(feature = "openapi", schema(example = "14:30"))]
    pub closes: String,
    pub assignments: Vec<Assignment>,
}

/// A member who can be given a place: the restaurant's active members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ServiceStaff {
    pub member_id: Uuid,
    pub name: String,
    pub role: SystemRole,
}

/// A day's services, from the opening hours of its weekday, and who can serve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ServiceDay {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, example = "2026-12-03"))]
    pub date: NaiveDate,
    /// Empty on a day the restaurant is closed.
    pub services: Vec<Service>,
    pub staff: Vec<ServiceStaff>,
}

/// Which day to show.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ServiceDayQuery {
    /// `YYYY-MM-DD`; today in the restaurant's time zone when absent.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        param(value_type = Option<String>, format = Date, pattern = "^[2-9][0-9]{3}-[0-9]{2}-[0-9]{2}$", example = "2026-12-03")
    )]
    pub date: Option<String>,
}

/// Replaces who serves where during one service.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReplaceServiceRequest {
    #[cfg_attr(
        feature = "openapi",
        schema(format = Date, pattern = "^[2-9][0-9]{3}-[0-9]{2}-[0-9]{2}$", example = "2026-12-03")
    )]
    pub date: String,
    /// The service's opening time, `HH:MM`, one of that day's opening ranges.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "19:00", pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")
    )]
    pub opens: String,
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub assignments: Vec<Assignment>,
}

/// A service's key and places, checked for shape: each place names exactly one of a
/// zone or a table, and each appears once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServicePlan {
    pub date: NaiveDate,
    /// Minutes after local midnight.
    pub opens: u32,
    pub assignments: Vec<Assignment>,
}

/// The first year a service can be in (the schema's pattern says the same).
pub const FIRST_YEAR: i32 = 2000;

/// `YYYY-MM-DD` as a date, from [`FIRST_YEAR`] on: digits and dashes only, no sign.
pub fn calendar_date(field: &str, raw: &str) -> Result<NaiveDate, FieldError> {
    let invalid = || FieldError::new(field, "invalid_date", "Give a date as YYYY-MM-DD.");
    let shaped = raw.len() == 10
        && raw.bytes().enumerate().all(|(at, b)| match at {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(invalid());
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| invalid())?;
    if chrono::Datelike::year(&date) < FIRST_YEAR {
        return Err(invalid());
    }
    Ok(date)
}

impl ReplaceServiceRequest {
    pub fn validate(&self) -> Result<ServicePlan, Vec<FieldError>> {
        let mut v = Validator::new();
        let date = v.check(calendar_date("date", &self.date));
        let opens = v.check(clock_time("opens", &self.opens));
        if self.assignments.len() > MAX_ASSIGNMENTS {
            v.check::<()>(Err(FieldError::new(
                "assignments",
                "too_many",
                format!("a service has at most {MAX_ASSIGNMENTS} places"),
            )));
        }
        for (at, place) in self.assignments.iter().enumerate() {
            if place.zone_id.is_some() == place.table_id.is_some() {
                v.check::<()>(Err(FieldError::new(
                    &format!("assignments[{at}]"),
                    "one_place",
                    "give either a zone_id or a table_id",
                )));
            }
        }
        v.finish()?;
        let mut assignments = self.assignments.clone();
        assignments.sort();
        assignments.dedup();
        match (date, opens) {
            (Some(date), Some(opens)) => Ok(ServicePlan {
                date,
                opens,
                assignments,
            }),
            _ => Err(Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(date: &str, opens: &str, assignments: Vec<Assignment>) -> ReplaceServiceRequest {
        ReplaceServiceRequest {
            date: date.to_owned(),
            opens: opens.to_owned(),
            assignments,
        }
    }

    fn codes(errors: Vec<FieldError>) -> Vec<(String, String)> {
        errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_place_names_a_zone_or_a_table_but_not_both_nor_neither() {
        let member = Uuid::from_u128(1);
        let both = Assignment {
            member_id: member,
            zone_id: Some(Uuid::from_u128(2)),
            table_id: Some(Uuid::from_u128(3)),
        };
        let neither = Assignment {
            member_id: member,
            zone_id: None,
            table_id: None,
        };
        let refused = request("2026-12-03", "12:00", vec![both, neither]).validate();
        assert_eq!(
            codes(refused.unwrap_err()),
            vec![
                ("assignments[0]".to_owned(), "one_place".to_owned()),
                ("assignments[1]".to_owned(), "one_place".to_owned()),
            ]
        );
    }

    #[test]
    fn the_same_place_given_twice_is_kept_once() {
        let place = Assignment {
            member_id: Uuid::from_u128(1),
            zone_id: Some(Uuid::from_u128(2)),
            table_id: None,
        };
        let plan = request("2026-12-03", "19:00", vec![place.clone(), place.clone()])
            .validate()
            .unwrap();
        assert_eq!(plan.assignments, vec![place]);
        assert_eq!(plan.opens, 19 * 60);
    }

    #[test]
    fn a_date_is_written_in_full_and_exists() {
        for bad in [
            "2026-2-3",
            "2026-02-30",
            "03/12/2026",
            "",
            "2026-12-03T00:00",
            "-999-12-03",
            "+999-12-03",
            "0000-01-01",
            "1999-12-31",
        ] {
            let refused = request(bad, "12:00", Vec::new()).validate().unwrap_err();
            assert_eq!(
                codes(refused),
                vec![("date".to_owned(), "invalid_date".to_owned())],
                "{bad}"
            );
        }
    }

    #[test]
    fn a_service_is_named_by_a_clock_time_without_signs() {
        for bad in ["7pm", "19:+0", "+1:00", "-1:00", "24:00"] {
            let refused = request("2026-12-03", bad, Vec::new())
                .validate()
                .unwrap_err();
            assert_eq!(
                codes(refused),
                vec![("opens".to_owned(), "invalid_time".to_owned())],
                "{bad}"
            );
        }
    }

    #[test]
    fn a_service_holds_a_bounded_number_of_places() {
        let place = |n: usize| Assignment {
            member_id: Uuid::from_u128(n as u128),
            zone_id: Some(Uuid::nil()),
            table_id: None,
        };
        let many = (0..=MAX_ASSIGNMENTS).map(place).collect();
        let refused = request("2026-12-03", "12:00", many).validate().unwrap_err();
        assert_eq!(
            codes(refused),
            vec![("assignments".to_owned(), "too_many".to_owned())]
        );
    }
}
