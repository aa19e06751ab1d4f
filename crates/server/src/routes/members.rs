//! Reading the team: the members of the active restaurant. (Changing them is in
//! `team.rs`, which answers with the same `Member` body built here.)

use std::collections::HashMap;
use std::str::FromStr;

use actix_web::{get, web};
use brigade_domain::api::{HeldRoleRef, Member, MemberPage, Page, PageQuery, Problem};
use brigade_domain::permissions::{code, SystemRole};
use brigade_domain::validation::FieldError;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::Caller;
use crate::entities::{account, custom_role, membership, membership_role};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::tenant::Tenant;

/// Filters of the member list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MemberFilter {
    /// Matches part of the name or email, ignoring case.
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Only members whose primary role is this one.
    pub role: Option<SystemRole>,
    /// Only active (`true`) or deactivated (`false`) members.
    pub active: Option<bool>,
}

/// The roles held by each of `members`, primary role first.
async fn held_roles<C: ConnectionTrait>(
    db: &C,
    tenant: Tenant,
    members: &[membership::Model],
) -> ApiResult<HashMap<Uuid, Vec<HeldRoleRef>>> {
    let ids: Vec<Uuid> = members.iter().map(|m| m.id).collect();
    let mut held: HashMap<Uuid, Vec<HeldRoleRef>> = members
        .iter()
        .filter_map(|m| {
            Some((
                m.id,
                vec![HeldRoleRef::System {
                    role: SystemRole::from_str(&m.role).ok()?,
                }],
            ))
        })
        .collect();
    if ids.is_empty() {
        return Ok(held);
    }
    let extra = tenant
        .find::<membership_role::Entity>()
        .filter(membership_role::Column::MembershipId.is_in(ids))
        .all(db)
        .await?;
    let custom: HashMap<Uuid, custom_role::Model> = tenant
        .find::<custom_role::Entity>()
        .all(db)
        .await?
        .into_iter()
        .map(|role| (role.id, role))
        .collect();
    for row in extra {
        let entry = held.entry(row.membership_id).or_default();
        if let Some(role) = row
            .system_role
            .as_deref()
            .and_then(|r| SystemRole::from_str(r).ok())
        {
            let reference = HeldRoleRef::System { role };
            if !entry.contains(&reference) {
                entry.push(reference);
            }
        }
        if let Some(role) = row.custom_role_id.and_then(|id| custom.get(&id)) {
            entry.push(HeldRoleRef::Custom {
                id: role.id,
                name: role.name.clone(),
                color: role.color.clone(),
            });
        }
    }
    Ok(held)
}

fn to_wire(
    member: membership::Model,
    person: account::Model,
    roles: &mut HashMap<Uuid, Vec<HeldRoleRef>>,
) -> Option<Member> {
    Some(Member {
        id: member.id,
        account_id: person.id,
        name: person.name,
        email: person.email,
        role: SystemRole::from_str(&member.role).ok()?,
        roles: roles.remove(&member.id).unwrap_or_default(),
        active: member.active,
        last_activity_at: member.last_activity_at,
        created_at: member.created_at,
    })
}

/// The team of the active restaurant.
///
/// Searchable by name or email, filterable by primary role and status, paginated.
/// Requires the permission `staff.view`.
#[utoipa::path(
    tag = "members",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_VIEW))),
    security(("bearer" = [])),
    params(PageQuery, MemberFilter),
    responses(
        (status = 200, description = "One page of members, oldest first", body = Page<Member>),
        (status = 400, description = "`invalid_parameter`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.view`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members")]
pub async fn list_members(
    state: web::Data<AppState>,
    caller: Caller,
    page: web::Query<PageQuery>,
    filter: web::Query<MemberFilter>,
) -> ApiResult<web::Json<MemberPage>> {
    caller.require(code::STAFF_VIEW)?;
    let (limit, offset) = page.validate().map_err(ApiError::Validation)?;
    let db = &state.db;
    let needle = match filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) if q.chars().count() > 100 => {
            return Err(ApiError::Validation(vec![FieldError::new(
                "q",
                "too_long",
                "q must be at most 100 characters",
            )]));
        }
        Some(q) => Some(q.to_lowercase()),
        None => None,
    };
    let mut query = caller
        .tenant
        .find::<membership::Entity>()
        .find_also_related(account::Entity);
    if let Some(role) = filter.role {
        query = query.filter(membership::Column::Role.eq(role.as_str()));
    }
    if let Some(active) = filter.active {
        query = query.filter(membership::Column::Active.eq(active));
    }
    // A restaurant's team is small: the text search folds case in Rust, the same on
    // every engine (SQLite's lower() folds ASCII only), then the page is cut.
    let matching: Vec<(membership::Model, account::Model)> = query
        .order_by_asc(membership::Column::CreatedAt)
        .order_by_asc(membership::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(member, person)| Some((member, person?)))
        .filter(|(_, person)| {
            needle.as_ref().is_none_or(|needle| {
                person.name.to_lowercase().contains(needle) || person.email.contains(needle)
            })
        })
        .collect();
    let total = matching.len() as u64;
    let rows: Vec<(membership::Model, account::Model)> = matching
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .collect();
    let members: Vec<membership::Model> = rows.iter().map(|(m, _)| m.clone()).collect();
    let mut roles = held_roles(db, caller.tenant, &members).await?;
    let items = rows
        .into_iter()
        .filter_map(|(member, person)| to_wire(member, person, &mut roles))
        .collect();
    Ok(web::Json(MemberPage {
        items,
        total,
        limit,
        offset,
    }))
}

/// One member of the active restaurant.
///
/// A member of another restaurant is `404`, exactly like an id that does not exist.
/// Requires the permission `staff.view`.
#[utoipa::path(
    tag = "members",
    extensions(("x-required-permission" = json!(brigade_domain::permissions::code::STAFF_VIEW))),
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The membership id")),
    responses(
        (status = 200, description = "The member", body = Member),
        (status = 400, description = "`invalid_parameter`: not a UUID", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.view`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members/{id}")]
pub async fn get_member(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Member>> {
    caller.require(code::STAFF_VIEW)?;
    Ok(web::Json(
        member_body(&state.db, caller.tenant, id.into_inner()).await?,
    ))
}

/// One member of `tenant` as the API shows it; `404` for an id of another restaurant.
pub(crate) async fn member_body<C: ConnectionTrait>(
    db: &C,
    tenant: Tenant,
    id: Uuid,
) -> ApiResult<Member> {
    let (member, person) = tenant
        .find_by_id::<membership::Entity>(id)
        .find_also_related(account::Entity)
        .one(db)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let person = person.ok_or_else(ApiError::not_found)?;
    let mut roles = held_roles(db, tenant, std::slice::from_ref(&member)).await?;
    to_wire(member, person, &mut roles).ok_or_else(ApiError::not_found)
}
