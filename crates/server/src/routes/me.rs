//! `GET /me`: who is asking, the restaurants they belong to, and what they may do in
//! the active one.

use actix_web::{get, web};
use brigade_domain::api::{Account, Me, Problem, RestaurantMembership};
use brigade_domain::permissions::SystemRole;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::str::FromStr;

use crate::auth::Caller;
use crate::entities::{account, membership, restaurant};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The signed-in person.
///
/// Needs a valid access token and no particular permission. `permissions` lists the
/// effective codes in the active restaurant, resolved on this request.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account, its restaurants, roles and effective permissions", body = Me),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<Me>> {
    let db = &state.db;
    let person = account::Entity::find_by_id(caller.account_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the caller's account is missing")))?;
    // The caller's own memberships across restaurants: scoped by account, not tenant.
    let rows = membership::Entity::find()
        .filter(membership::Column::AccountId.eq(caller.account_id))
        .find_also_related(restaurant::Entity)
        .order_by_asc(membership::Column::CreatedAt)
        .all(db)
        .await?;
    let restaurants = rows
        .into_iter()
        .filter_map(|(member, place)| {
            let place = place?;
            Some(RestaurantMembership {
                restaurant_id: place.id,
                restaurant_name: place.name,
                membership_id: member.id,
                role: SystemRole::from_str(&member.role).ok()?,
                active: member.active,
            })
        })
        .collect();
    Ok(web::Json(Me {
        account: Account {
            id: person.id,
            email: person.email,
            name: person.name,
            created_at: person.created_at,
        },
        restaurants,
        active_restaurant_id: caller.tenant.id(),
        membership_id: caller.membership.id,
        role: caller.role(),
        roles: caller.access.roles.iter().map(|role| role.wire()).collect(),
        permissions: caller
            .permissions
            .codes()
            .into_iter()
            .map(str::to_owned)
            .collect(),
        last_activity_at: caller.membership.last_activity_at,
    }))
}
