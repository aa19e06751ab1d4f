//! Memberships — a person in a restaurant, with a primary role, personal overrides and
//! whether active — and the extra roles they hold: the only code that reads or writes
//! them. Adding a person (their account and their membership) exists only here.

use std::collections::HashMap;
use std::str::FromStr;

use anyhow::Context;
use brigade_domain::api::Member;
use brigade_domain::permissions::{Overrides, SystemRole};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use uuid::Uuid;

use crate::access::member_access::FRESH;
use crate::access::snapshot::AccessSnapshot;
use crate::accounts::store::{self as accounts, NewAccount};
use crate::entities::{account, membership, membership_role, restaurant};
use crate::platform::stored::overrides_json;
use crate::platform::{AccountTxn, ApiError, ApiResult, TenantTxn};

pub use crate::accounts::store::Account;
pub use crate::entities::membership::Model as Membership;

/// A role held besides the primary one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtraRole {
    System(SystemRole),
    Custom(Uuid),
}

/// A person to add to a restaurant, with a new account.
#[derive(Debug)]
pub struct NewPerson<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: String,
    pub must_change_password: bool,
    pub role: SystemRole,
    /// When they were last active (sign-up counts as activity).
    pub last_activity_at: Option<DateTime<Utc>>,
}

/// Who was added.
#[derive(Debug, Clone, Copy)]
pub struct Added {
    pub account_id: Uuid,
    pub membership_id: Uuid,
}

/// Creates the person's account and their active membership here; `None` when the
/// email already has an account.
pub async fn add_person(txn: &TenantTxn, person: NewPerson<'_>) -> ApiResult<Option<Added>> {
    let Some(account_id) = accounts::create(
        txn,
        NewAccount {
            email: person.email,
            name: person.name,
            password_hash: person.password_hash,
            must_change_password: person.must_change_password,
        },
    )
    .await?
    else {
        return Ok(None);
    };
    let membership_id = Uuid::new_v4();
    let now = Utc::now();
    txn.insert(membership::ActiveModel {
        id: Set(membership_id),
        account_id: Set(account_id),
        role: Set(person.role.as_str().to_owned()),
        permission_overrides: Set(json!({})),
        active: Set(true),
        last_activity_at: Set(person.last_activity_at),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .await
    .context("adding a membership")?;
    Ok(Some(Added {
        account_id,
        membership_id,
    }))
}

/// A member of this restaurant with their account; `None` for another restaurant's.
pub async fn member_with_account(
    txn: &TenantTxn,
    id: Uuid,
) -> ApiResult<Option<(Membership, Account)>> {
    let row = txn
        .find_by_id::<membership::Entity>(id)
        .find_also_related(account::Entity)
        .one(txn)
        .await
        .context("loading a member")?;
    Ok(row.and_then(|(member, person)| Some((member, person?))))
}

/// Whether an account is a member here, active or not.
pub async fn is_member(txn: &TenantTxn, account_id: Uuid) -> ApiResult<bool> {
    Ok(txn
        .find::<membership::Entity>()
        .filter(membership::Column::AccountId.eq(account_id))
        .one(txn)
        .await
        .context("looking for an account's membership")?
        .is_some())
}

/// An account's active membership here, with the account (the caller's, on every
/// request: one query).
pub async fn active_member_of_account(
    txn: &TenantTxn,
    account_id: Uuid,
) -> ApiResult<Option<(Membership, Account)>> {
    let row = txn
        .find::<membership::Entity>()
        .filter(membership::Column::AccountId.eq(account_id))
        .filter(membership::Column::Active.eq(true))
        .find_also_related(account::Entity)
        .one(txn)
        .await
        .context("loading the caller's membership")?;
    Ok(row.and_then(|(member, person)| Some((member, person?))))
}

/// The extra roles a member holds, in the order they were given.
pub async fn extra_roles(txn: &TenantTxn, membership_id: Uuid) -> ApiResult<Vec<ExtraRole>> {
    let rows = txn
        .find::<membership_role::Entity>()
        .filter(membership_role::Column::MembershipId.eq(membership_id))
        .order_by_asc(membership_role::Column::CreatedAt)
        .order_by_asc(membership_role::Column::Id)
        .all(txn)
        .await
        .context("loading a member's extra roles")?;
    Ok(rows.iter().filter_map(extra_role).collect())
}

fn extra_role(row: &membership_role::Model) -> Option<ExtraRole> {
    match (row.system_role.as_deref(), row.custom_role_id) {
        (Some(name), _) => SystemRole::from_str(name).ok().map(ExtraRole::System),
        (None, Some(id)) => Some(ExtraRole::Custom(id)),
        (None, None) => None,
    }
}

/// The custom roles a member holds, by id, sorted.
pub async fn custom_role_ids(txn: &TenantTxn, membership_id: Uuid) -> ApiResult<Vec<Uuid>> {
    let mut ids: Vec<Uuid> = extra_roles(txn, membership_id)
        .await?
        .into_iter()
        .filter_map(|role| match role {
            ExtraRole::Custom(id) => Some(id),
            ExtraRole::System(_) => None,
        })
        .collect();
    ids.sort();
    Ok(ids)
}

/// The system roles a member holds on top of the primary one, sorted.
pub async fn extra_system_roles(
    txn: &TenantTxn,
    membership_id: Uuid,
) -> ApiResult<Vec<SystemRole>> {
    let mut roles: Vec<SystemRole> = extra_roles(txn, membership_id)
        .await?
        .into_iter()
        .filter_map(|role| match role {
            ExtraRole::System(role) => Some(role),
            ExtraRole::Custom(_) => None,
        })
        .collect();
    roles.sort();
    roles.dedup();
    Ok(roles)
}

/// Replaces the system roles a member holds on top of the primary one (their custom
/// roles stay).
pub async fn replace_extra_system_roles(
    txn: &TenantTxn,
    membership_id: Uuid,
    roles: &[SystemRole],
) -> ApiResult<()> {
    txn.delete_many::<membership_role::Entity>()
        .filter(membership_role::Column::MembershipId.eq(membership_id))
        .filter(membership_role::Column::SystemRole.is_not_null())
        .exec(txn)
        .await
        .context("removing a member's extra system roles")?;
    for role in roles {
        give_extra_role(txn, membership_id, ExtraRole::System(*role)).await?;
    }
    Ok(())
}

/// Replaces the custom roles a member holds (their extra system roles stay).
pub async fn replace_custom_roles(
    txn: &TenantTxn,
    membership_id: Uuid,
    custom_role_ids: &[Uuid],
) -> ApiResult<()> {
    txn.delete_many::<membership_role::Entity>()
        .filter(membership_role::Column::MembershipId.eq(membership_id))
        .filter(membership_role::Column::CustomRoleId.is_not_null())
        .exec(txn)
        .await
        .context("removing a member's custom roles")?;
    for id in custom_role_ids {
        give_extra_role(txn, membership_id, ExtraRole::Custom(*id)).await?;
    }
    Ok(())
}

async fn give_extra_role(txn: &TenantTxn, membership_id: Uuid, role: ExtraRole) -> ApiResult<()> {
    let (system_role, custom_role_id) = match role {
        ExtraRole::System(system) => (Some(system.as_str().to_owned()), None),
        ExtraRole::Custom(id) => (None, Some(id)),
    };
    txn.insert(membership_role::ActiveModel {
        id: Set(Uuid::new_v4()),
        membership_id: Set(membership_id),
        system_role: Set(system_role),
        custom_role_id: Set(custom_role_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .await
    .context("giving a member a role")?;
    Ok(())
}

/// The changes a membership row can take.
#[derive(Debug, Default)]
pub struct MembershipChange {
    pub role: Option<SystemRole>,
    /// The name the restaurant gives the member.
    pub display_name: Option<String>,
    pub active: Option<bool>,
    pub overrides: Option<Overrides>,
}

/// Changes one membership of this restaurant.
pub async fn change(txn: &TenantTxn, id: Uuid, change: MembershipChange) -> ApiResult<()> {
    let mut row = membership::ActiveModel {
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    if let Some(role) = change.role {
        row.role = Set(role.as_str().to_owned());
    }
    if let Some(active) = change.active {
        row.active = Set(active);
    }
    if let Some(name) = change.display_name {
        row.display_name = Set(Some(name));
    }
    if let Some(overrides) = &change.overrides {
        row.permission_overrides = Set(overrides_json(overrides));
    }
    txn.update_many::<membership::Entity>()
        .set(row)
        .filter(membership::Column::Id.eq(id))
        .exec(txn)
        .await
        .context("changing a membership")?;
    Ok(())
}

/// Records that a member was just active (best effort on the caller's path).
pub async fn touch_activity(txn: &TenantTxn, id: Uuid, at: DateTime<Utc>) -> ApiResult<()> {
    txn.update_many::<membership::Entity>()
        .set(membership::ActiveModel {
            last_activity_at: Set(Some(at)),
            ..Default::default()
        })
        .filter(membership::Column::Id.eq(id))
        .exec(txn)
        .await
        .context("recording a member's activity")?;
    Ok(())
}

/// Removes a membership and the roles it held (the account stays).
pub async fn remove(txn: &TenantTxn, id: Uuid) -> ApiResult<()> {
    txn.delete_many::<membership_role::Entity>()
        .filter(membership_role::Column::MembershipId.eq(id))
        .exec(txn)
        .await
        .context("removing a member's roles")?;
    txn.delete_many::<membership::Entity>()
        .filter(membership::Column::Id.eq(id))
        .exec(txn)
        .await
        .context("removing a membership")?;
    Ok(())
}

/// What the member list filters on.
#[derive(Debug, Default)]
pub struct MemberFilter {
    pub role: Option<SystemRole>,
    pub active: Option<bool>,
}

impl MemberFilter {
    pub fn admits(&self, member: &Membership) -> bool {
        self.role.is_none_or(|role| member.role == role.as_str())
            && self.active.is_none_or(|active| member.active == active)
    }
}

/// The restaurant's members with their accounts, oldest first.
pub async fn members(txn: &TenantTxn) -> ApiResult<Vec<(Membership, Account)>> {
    let rows = txn
        .find::<membership::Entity>()
        .find_also_related(account::Entity)
        .order_by_asc(membership::Column::CreatedAt)
        .order_by_asc(membership::Column::Id)
        .all(txn)
        .await
        .context("listing the members")?;
    Ok(rows
        .into_iter()
        .filter_map(|(member, person)| Some((member, person?)))
        .collect())
}

/// The name a member goes by here: the restaurant's, if it renamed them, else their own.
pub fn shown_name<'a>(member: &'a Membership, person: &'a Account) -> &'a str {
    member.display_name.as_deref().unwrap_or(&person.name)
}

/// Members as the API shows them, with the roles each holds (primary role first), as
/// `snapshot` says.
pub fn wire(rows: Vec<(Membership, Account)>, snapshot: &AccessSnapshot) -> Vec<Member> {
    rows.into_iter()
        .filter_map(|(member, person)| {
            let role = SystemRole::from_str(&member.role).ok()?;
            Some(Member {
                roles: snapshot.held_roles(&member),
                id: member.id,
                account_id: person.id,
                name: shown_name(&member, &person).to_owned(),
                email: person.email,
                email_verified: person.email_verified,
                role,
                active: member.active,
                last_activity_at: member.last_activity_at,
                created_at: member.created_at,
            })
        })
        .collect()
}

/// One member as the API shows them, read afresh; `404` for an id of another
/// restaurant.
pub async fn member(txn: &TenantTxn, id: Uuid) -> ApiResult<Member> {
    let row = member_with_account(txn, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let snapshot = AccessSnapshot::load(txn, FRESH).await?;
    wire(vec![row], &snapshot)
        .pop()
        .ok_or_else(ApiError::not_found)
}

/// Every member's extra roles, by membership, in the order they were given.
pub async fn all_extra_roles(txn: &TenantTxn) -> ApiResult<HashMap<Uuid, Vec<ExtraRole>>> {
    let rows = txn
        .find::<membership_role::Entity>()
        .order_by_asc(membership_role::Column::CreatedAt)
        .order_by_asc(membership_role::Column::Id)
        .all(txn)
        .await
        .context("loading the members' extra roles")?;
    let mut held: HashMap<Uuid, Vec<ExtraRole>> = HashMap::new();
    for row in &rows {
        if let Some(role) = extra_role(row) {
            held.entry(row.membership_id).or_default().push(role);
        }
    }
    Ok(held)
}

/// How many active members hold each primary role, and each custom role.
pub async fn active_counts(
    txn: &TenantTxn,
) -> ApiResult<(HashMap<SystemRole, u64>, HashMap<Uuid, u64>)> {
    let active: Vec<Membership> = txn
        .find::<membership::Entity>()
        .filter(membership::Column::Active.eq(true))
        .all(txn)
        .await
        .context("counting the members")?;
    let mut primary: HashMap<SystemRole, u64> = HashMap::new();
    for member in &active {
        if let Ok(role) = SystemRole::from_str(&member.role) {
            *primary.entry(role).or_default() += 1;
        }
    }
    let mut custom: HashMap<Uuid, u64> = HashMap::new();
    let rows = txn
        .find::<membership_role::Entity>()
        .filter(membership_role::Column::CustomRoleId.is_not_null())
        .all(txn)
        .await
        .context("counting the holders of custom roles")?;
    for row in rows {
        if let Some(id) = row.custom_role_id {
            if active.iter().any(|member| member.id == row.membership_id) {
                *custom.entry(id).or_default() += 1;
            }
        }
    }
    Ok((primary, custom))
}

/// The members who hold a custom role (active or not).
pub async fn holders_of(txn: &TenantTxn, custom_role_id: Uuid) -> ApiResult<Vec<Uuid>> {
    let rows = txn
        .find::<membership_role::Entity>()
        .filter(membership_role::Column::CustomRoleId.eq(custom_role_id))
        .all(txn)
        .await
        .context("finding the holders of a role")?;
    let mut ids: Vec<Uuid> = rows.into_iter().map(|row| row.membership_id).collect();
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// Moves the holders of a custom role to `replacement`: a member who already holds it
/// (as their primary role or an extra one) just loses the old role; the others hold the
/// replacement instead. Returns who held the old role.
pub async fn move_holders(
    txn: &TenantTxn,
    custom_role_id: Uuid,
    replacement: ExtraRole,
) -> ApiResult<Vec<Uuid>> {
    let holders = holders_of(txn, custom_role_id).await?;
    for membership_id in &holders {
        let Some((member, _)) = member_with_account(txn, *membership_id).await? else {
            continue;
        };
        let primary = SystemRole::from_str(&member.role).ok();
        let extra = extra_roles(txn, *membership_id).await?;
        let already = super::rules::already_holds(primary, &extra, replacement);
        txn.delete_many::<membership_role::Entity>()
            .filter(membership_role::Column::MembershipId.eq(*membership_id))
            .filter(membership_role::Column::CustomRoleId.eq(custom_role_id))
            .exec(txn)
            .await
            .context("taking a deleted role from its holder")?;
        if !already {
            give_extra_role(txn, *membership_id, replacement).await?;
        }
    }
    Ok(holders)
}

/// Takes a custom role from everyone who holds it (the role is being deleted).
pub async fn drop_custom_role(txn: &TenantTxn, custom_role_id: Uuid) -> ApiResult<()> {
    txn.delete_many::<membership_role::Entity>()
        .filter(membership_role::Column::CustomRoleId.eq(custom_role_id))
        .exec(txn)
        .await
        .context("taking a deleted role from its holders")?;
    Ok(())
}

/// The memberships of the person, in every restaurant, with the restaurant's name.
pub async fn memberships_of(txn: &AccountTxn) -> ApiResult<Vec<(Membership, String)>> {
    let rows = txn
        .find::<membership::Entity>()
        .find_also_related(restaurant::Entity)
        .order_by_asc(membership::Column::CreatedAt)
        .all(txn)
        .await
        .context("listing the person's restaurants")?;
    Ok(rows
        .into_iter()
        .filter_map(|(member, place)| Some((member, place?.name)))
        .collect())
}

/// The person's oldest active membership, in `restaurant` if named.
pub async fn first_active_membership(
    txn: &AccountTxn,
    restaurant: Option<Uuid>,
) -> ApiResult<Option<Membership>> {
    let mut query = txn
        .find::<membership::Entity>()
        .filter(membership::Column::Active.eq(true))
        .order_by_asc(membership::Column::CreatedAt);
    if let Some(restaurant) = restaurant {
        query = query.filter(membership::Column::TenantId.eq(restaurant));
    }
    Ok(query
        .one(txn)
        .await
        .context("finding the person's membership")?)
}

/// Makes an existing account an active member here, with its primary role and
/// personal overrides; returns the membership's id.
pub async fn join(
    txn: &TenantTxn,
    account_id: Uuid,
    role: SystemRole,
    overrides: &Overrides,
) -> ApiResult<Uuid> {
    let membership_id = Uuid::new_v4();
    let now = Utc::now();
    txn.insert(membership::ActiveModel {
        id: Set(membership_id),
        account_id: Set(account_id),
        role: Set(role.as_str().to_owned()),
        permission_overrides: Set(overrides_json(overrides)),
        active: Set(true),
        last_activity_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .await
    .context("adding a membership")?;
    Ok(membership_id)
}

/// The restaurant's owner, with their account.
pub async fn owner(txn: &TenantTxn) -> ApiResult<Option<(Membership, Account)>> {
    let row = txn
        .find::<membership::Entity>()
        .filter(membership::Column::Role.eq(SystemRole::Owner.as_str()))
        .find_also_related(account::Entity)
        .one(txn)
        .await
        .context("loading the owner")?;
    Ok(row.and_then(|(member, person)| Some((member, person?))))
}
