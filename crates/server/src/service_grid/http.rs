//! The service grid's endpoints: a day's services with who serves where
//! (`tables.view`), and one service's places replaced as a whole (`tables.manage`).

use std::collections::HashSet;

use actix_web::{get, put, web};
use anyhow::Context;
use brigade_domain::api::Problem;
use brigade_domain::floor::TableQuery;
use brigade_domain::permissions::{code, needs, SystemRole};
use brigade_domain::service_grid::{
    calendar_date, Assignment, ReplaceServiceRequest, Service, ServiceDay, ServiceDayQuery,
    ServiceStaff,
};
use brigade_domain::settings::Range;
use brigade_macros::endpoint;
use std::str::FromStr;
use uuid::Uuid;

use super::rules::{self, Floorplan};
use super::store;
use crate::access::Authorized;
use crate::audit::{self, AuditRecord};
use crate::platform::body::permitted_body;
use crate::platform::{ApiError, ApiResult, AppState, TenantTxn};
use crate::{floor, settings, team};

/// The restaurant's active members, by name, and what places can name.
async fn floorplan(txn: &TenantTxn) -> ApiResult<(Vec<ServiceStaff>, Floorplan)> {
    let mut staff: Vec<ServiceStaff> = team::store::members(txn)
        .await?
        .into_iter()
        .filter(|(member, _)| member.active)
        .filter_map(|(member, person)| {
            Some(ServiceStaff {
                member_id: member.id,
                name: team::store::shown_name(&member, &person).to_owned(),
                role: SystemRole::from_str(&member.role).ok()?,
            })
        })
        .collect();
    staff.sort_by_key(|member| member.name.to_lowercase());
    let in_use = TableQuery {
        zone_id: None,
        active: Some(true),
    };
    let plan = Floorplan {
        members: staff.iter().map(|s| s.member_id).collect(),
        zones: floor::store::zones(txn)
            .await?
            .iter()
            .map(|z| z.id)
            .collect(),
        tables: floor::store::tables(txn, &in_use)
            .await?
            .iter()
            .map(|t| t.id)
            .collect(),
    };
    Ok((staff, plan))
}

fn service(range: Range, assignments: Vec<Assignment>) -> Service {
    let wire = range.wire();
    Service {
        opens: wire.opens,
        closes: wire.closes,
        assignments,
    }
}

/// A day's services (its weekday's opening ranges), who serves where during each, and
/// the members who can be given a place.
#[endpoint]
#[utoipa::path(
    tag = "floor",
    params(ServiceDayQuery),
    responses(
        (status = 200, description = "The day's services, in order", body = ServiceDay),
        (status = 422, description = "`validation_failed`: `date` is not a date (`invalid_date`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/service-grid")]
pub async fn service_day(
    state: web::Data<AppState>,
    caller: Authorized<needs::TABLES_VIEW>,
    query: web::Query<ServiceDayQuery>,
) -> ApiResult<web::Json<ServiceDay>> {
    let asked = query
        .date
        .as_deref()
        .map(|raw| calendar_date("date", raw))
        .transpose()
        .map_err(|error| ApiError::Validation(vec![error]))?;
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the service grid")?;
    let restaurant = settings::store::settings(&txn).await?;
    let date = asked.unwrap_or_else(|| rules::today(&restaurant.time_zone, state.clock.now()));
    let week = settings::store::opening_hours(&txn).await?;
    let (staff, plan) = floorplan(&txn).await?;
    let places = store::places_on(&txn, date).await?;
    txn.commit().await.context("ending the service grid")?;
    let services: Vec<Service> = rules::services_of(date, &week)
        .into_iter()
        .map(|range| {
            let mut own: Vec<Assignment> = places
                .iter()
                .filter(|place| place.opens == range.opens && plan.shows(&place.assignment))
                .map(|place| place.assignment.clone())
                .collect();
            own.sort();
            service(range, own)
        })
        .collect();
    // The whole team is for those who may see it (`staff.view`); the others see the
    // members who have a place that day.
    let staff = if caller.permissions.contains(code::STAFF_VIEW) {
        staff
    } else {
        let placed: HashSet<Uuid> = services
            .iter()
            .flat_map(|s| s.assignments.iter().map(|a| a.member_id))
            .collect();
        staff
            .into_iter()
            .filter(|s| placed.contains(&s.member_id))
            .collect()
    };
    Ok(web::Json(ServiceDay {
        date,
        services,
        staff,
    }))
}

/// Replaces who serves where during one service of a day: each place is a member and
/// either a whole zone or one table. Sending the same places again changes nothing.
#[endpoint]
#[utoipa::path(
    tag = "floor",
    request_body = ReplaceServiceRequest,
    responses(
        (status = 200, description = "The service with its places now", body = Service),
        (status = 422, description = "`validation_failed`: `date` or `opens` is malformed (`invalid_date`, `invalid_time`), `opens` is not one of that day's services (`not_a_service`), or a place names neither or both of a zone and a table (`one_place`), or an unknown member, zone or table (`unknown_member`, `unknown_zone`, `unknown_table`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/service-grid")]
pub async fn replace_service(
    state: web::Data<AppState>,
    caller: Authorized<needs::TABLES_MANAGE>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<Service>> {
    let body: ReplaceServiceRequest = permitted_body(body)?;
    let plan = body.validate().map_err(ApiError::Validation)?;
    let (txn, caller) = caller.change(&state.db).await?;
    // The floor's turn, then the settings' (always in this order): no zone, table,
    // opening hours or other grid change overtakes this one.
    floor::store::lock(&txn).await?;
    settings::store::lock(&txn).await?;
    let week = settings::store::opening_hours(&txn).await?;
    let Some(range) = rules::services_of(plan.date, &week)
        .into_iter()
        .find(|range| range.opens == plan.opens)
    else {
        return Err(ApiError::field(
            "opens",
            "not_a_service",
            "the restaurant does not open at this time on this day",
        ));
    };
    let (_, floorplan) = floorplan(&txn).await?;
    let refused = floorplan.refusals(&plan.assignments);
    if !refused.is_empty() {
        return Err(ApiError::Validation(refused));
    }
    // The places hidden for now (a member away, a table out of service) stay as they are.
    let (before, hidden): (Vec<Assignment>, Vec<Assignment>) =
        store::places_of(&txn, plan.date, plan.opens)
            .await?
            .into_iter()
            .partition(|place| floorplan.shows(place));
    if before != plan.assignments {
        let mut kept = plan.assignments.clone();
        kept.extend(hidden);
        store::replace(&txn, plan.date, plan.opens, &kept).await?;
        audit::record(
            &txn,
            AuditRecord {
                before: Some(store::snapshot(&before)),
                after: Some(store::snapshot(&plan.assignments)),
                ..caller.audit(
                    "service.places_replaced",
                    "service",
                    format!("{} {}", plan.date, range.wire().opens),
                )
            },
        )
        .await?;
    }
    txn.commit()
        .await
        .context("committing a service's places")?;
    Ok(web::Json(service(range, plan.assignments)))
}
