//! The only code touching `service_assignments`.

use anyhow::Context;
use brigade_domain::service_grid::Assignment;
use chrono::NaiveDate;
use sea_orm::{ActiveValue::Set, ColumnTrait, QueryFilter, QueryOrder, SqlErr};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::entities::service_assignment;
use crate::platform::{ApiError, ApiResult, TenantTxn};

/// A place as stored, with the service it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub opens: u32,
    pub assignment: Assignment,
}

/// Every place of a day's services, by service.
pub async fn places_on(txn: &TenantTxn, date: NaiveDate) -> ApiResult<Vec<Place>> {
    let rows = txn
        .find::<service_assignment::Entity>()
        .filter(service_assignment::Column::ServiceDate.eq(date))
        .order_by_asc(service_assignment::Column::Opens)
        .order_by_asc(service_assignment::Column::MemberId)
        .all(txn)
        .await
        .context("reading a day's service places")?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(Place {
                opens: u32::try_from(row.opens).ok()?,
                assignment: Assignment {
                    member_id: row.member_id,
                    zone_id: row.zone_id,
                    table_id: row.table_id,
                },
            })
        })
        .collect())
}

/// The places of one service, sorted.
pub async fn places_of(txn: &TenantTxn, date: NaiveDate, opens: u32) -> ApiResult<Vec<Assignment>> {
    let opens = i16::try_from(opens).context("a service's opening minute")?;
    let mut places: Vec<Assignment> = txn
        .find::<service_assignment::Entity>()
        .filter(service_assignment::Column::ServiceDate.eq(date))
        .filter(service_assignment::Column::Opens.eq(opens))
        .all(txn)
        .await
        .context("reading a service's places")?
        .into_iter()
        .map(|row| Assignment {
            member_id: row.member_id,
            zone_id: row.zone_id,
            table_id: row.table_id,
        })
        .collect();
    places.sort();
    Ok(places)
}

pub fn snapshot(places: &[Assignment]) -> Value {
    json!(places)
}

/// Replaces the places of one service with `places`.
pub async fn replace(
    txn: &TenantTxn,
    date: NaiveDate,
    opens: u32,
    places: &[Assignment],
) -> ApiResult<()> {
    let opens = i16::try_from(opens).context("a service's opening minute")?;
    txn.delete_many::<service_assignment::Entity>()
        .filter(service_assignment::Column::ServiceDate.eq(date))
        .filter(service_assignment::Column::Opens.eq(opens))
        .exec(txn)
        .await
        .context("clearing a service's places")?;
    for place in places {
        txn.insert(service_assignment::ActiveModel {
            id: Set(Uuid::new_v4()),
            service_date: Set(date),
            opens: Set(opens),
            member_id: Set(place.member_id),
            zone_id: Set(place.zone_id),
            table_id: Set(place.table_id),
            ..Default::default()
        })
        .await
        .map_err(|error| match error.sql_err() {
            // A member, zone or table deleted by a change that committed after this one
            // checked it (PostgreSQL checks the reference when the row is written).
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => ApiError::field(
                "assignments",
                "changed",
                "a member, zone or table was removed meanwhile; read the grid again",
            ),
            _ => ApiError::from(anyhow::Error::new(error).context("writing a service place")),
        })?;
    }
    Ok(())
}
