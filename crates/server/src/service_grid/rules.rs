//! Which services a day has, which day it is in the restaurant, and which places a
//! service can hold.

use std::collections::HashSet;
use std::str::FromStr;

use brigade_domain::service_grid::Assignment;
use brigade_domain::settings::{Range, Weekday};
use brigade_domain::validation::FieldError;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use uuid::Uuid;

/// What a service's places can name: the restaurant's active members, its zones and
/// its tables in use.
#[derive(Debug, Default, Clone)]
pub struct Floorplan {
    pub members: HashSet<Uuid>,
    pub zones: HashSet<Uuid>,
    pub tables: HashSet<Uuid>,
}

impl Floorplan {
    /// Whether a stored place is shown: its member is active and its table in use. A
    /// hidden place is kept, and shows again once they are back.
    pub fn shows(&self, place: &Assignment) -> bool {
        self.members.contains(&place.member_id)
            && place
                .table_id
                .is_none_or(|table| self.tables.contains(&table))
    }

    /// Why each place sent cannot be given: the field of each refused one.
    pub fn refusals(&self, places: &[Assignment]) -> Vec<FieldError> {
        let mut refused = Vec::new();
        for (at, place) in places.iter().enumerate() {
            let field = format!("assignments[{at}]");
            if !self.members.contains(&place.member_id) {
                refused.push(FieldError::new(
                    &field,
                    "unknown_member",
                    "no active member here has this id",
                ));
            } else if place.zone_id.is_some_and(|id| !self.zones.contains(&id)) {
                refused.push(FieldError::new(
                    &field,
                    "unknown_zone",
                    "no zone here has this id",
                ));
            } else if place.table_id.is_some_and(|id| !self.tables.contains(&id)) {
                refused.push(FieldError::new(
                    &field,
                    "unknown_table",
                    "no table in use here has this id",
                ));
            }
        }
        refused
    }
}

/// Today's date where the restaurant is (UTC for a zone this server does not know).
pub fn today(time_zone: &str, now: DateTime<Utc>) -> NaiveDate {
    match chrono_tz::Tz::from_str(time_zone) {
        Ok(zone) => now.with_timezone(&zone).date_naive(),
        Err(_) => now.date_naive(),
    }
}

/// The weekday of a date.
pub fn weekday(date: NaiveDate) -> Weekday {
    let index = date.weekday().num_days_from_monday();
    Weekday::ALL[index as usize]
}

/// The services of `date`: its weekday's opening ranges, in order.
pub fn services_of(date: NaiveDate, week: &[Range]) -> Vec<Range> {
    let day = weekday(date);
    let mut services: Vec<Range> = week.iter().copied().filter(|r| r.weekday == day).collect();
    services.sort_by_key(|range| range.opens);
    services
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn floorplan() -> (Floorplan, Uuid, Uuid, Uuid) {
        let (member, zone, table) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let plan = Floorplan {
            members: HashSet::from([member]),
            zones: HashSet::from([zone]),
            tables: HashSet::from([table]),
        };
        (plan, member, zone, table)
    }

    #[test]
    fn a_place_of_a_member_gone_or_a_table_out_of_service_is_hidden() {
        let (plan, member, zone, table) = floorplan();
        let at_zone = Assignment {
            member_id: member,
            zone_id: Some(zone),
            table_id: None,
        };
        let at_table = Assignment {
            member_id: member,
            zone_id: None,
            table_id: Some(table),
        };
        assert!(plan.shows(&at_zone) && plan.shows(&at_table));
        let away = Assignment {
            member_id: Uuid::new_v4(),
            ..at_zone.clone()
        };
        let resting = Assignment {
            table_id: Some(Uuid::new_v4()),
            ..at_table
        };
        assert!(!plan.shows(&away));
        assert!(!plan.shows(&resting));
    }

    #[test]
    fn each_unknown_id_is_refused_at_its_place() {
        let (plan, member, zone, _) = floorplan();
        let stranger = Uuid::new_v4();
        let places = [
            Assignment {
                member_id: member,
                zone_id: Some(zone),
                table_id: None,
            },
            Assignment {
                member_id: stranger,
                zone_id: Some(zone),
                table_id: None,
            },
            Assignment {
                member_id: member,
                zone_id: Some(stranger),
                table_id: None,
            },
            Assignment {
                member_id: member,
                zone_id: None,
                table_id: Some(stranger),
            },
        ];
        let refused: Vec<(String, String)> = plan
            .refusals(&places)
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            refused,
            vec![
                ("assignments[1]".to_owned(), "unknown_member".to_owned()),
                ("assignments[2]".to_owned(), "unknown_zone".to_owned()),
                ("assignments[3]".to_owned(), "unknown_table".to_owned()),
            ]
        );
    }

    fn range(weekday: Weekday, opens: u32, closes: u32) -> Range {
        Range {
            weekday,
            opens,
            closes,
        }
    }

    #[test]
    fn today_is_the_restaurants_date_not_the_servers() {
        // 23:30 UTC on 2 December is already 3 December in Paris, still 2 December in New York.
        let now = Utc.with_ymd_and_hms(2026, 12, 2, 23, 30, 0).unwrap();
        assert_eq!(
            today("Europe/Paris", now),
            NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
        );
        assert_eq!(
            today("America/New_York", now),
            NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
        );
    }

    #[test]
    fn a_day_has_the_services_of_its_weekday_in_order() {
        let week = [
            range(Weekday::Thursday, 19 * 60, 23 * 60),
            range(Weekday::Wednesday, 12 * 60, 14 * 60),
            range(Weekday::Thursday, 12 * 60, 14 * 60 + 30),
        ];
        // 3 December 2026 is a Thursday.
        let thursday = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let services = services_of(thursday, &week);
        assert_eq!(
            services.iter().map(|r| r.opens).collect::<Vec<_>>(),
            vec![720, 1140]
        );
    }

    #[test]
    fn a_closed_day_has_no_service() {
        let week = [range(Weekday::Monday, 12 * 60, 14 * 60)];
        let sunday = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert!(services_of(sunday, &week).is_empty());
    }
}
