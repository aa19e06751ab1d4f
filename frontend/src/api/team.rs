//! The team: its members, their roles, status, overrides and "why can they?", and the
//! transfer of ownership.

use brigade_domain::api::{Member, MemberPage};
use brigade_domain::invitations::{ResetMemberPasswordRequest, TemporaryPassword};
use brigade_domain::permissions::SystemRole;
use brigade_domain::team::{
    CreateMemberRequest, MemberPermissions, PersonalOverrides, TransferOwnershipRequest,
    UpdateMemberRequest,
};
use uuid::Uuid;

use super::session::{get, send_json, send_only};
use super::{urls, ApiError};

/// No body.
const NONE: Option<&()> = None;

/// A page of the team, filtered by a search, a primary role and a status.
pub async fn members(
    search: &str,
    role: Option<SystemRole>,
    active: Option<bool>,
    offset: u64,
) -> Result<MemberPage, ApiError> {
    get(&urls::members(search, role, active, offset)).await
}

pub async fn member(id: Uuid) -> Result<Member, ApiError> {
    get(&urls::member(id)).await
}

pub async fn create_member(request: &CreateMemberRequest) -> Result<Member, ApiError> {
    send_json("POST", &urls::new_member(), Some(request)).await
}

pub async fn update_member(id: Uuid, request: &UpdateMemberRequest) -> Result<Member, ApiError> {
    send_json("PATCH", &urls::member(id), Some(request)).await
}

/// Deactivates (`false`) or reactivates (`true`) a member.
pub async fn set_member_active(id: Uuid, active: bool) -> Result<Member, ApiError> {
    send_json("POST", &urls::member_activity(id, active), NONE).await
}

pub async fn remove_member(id: Uuid) -> Result<(), ApiError> {
    send_only("DELETE", &urls::member(id), NONE).await
}

pub async fn transfer_ownership(member_id: Uuid) -> Result<(), ApiError> {
    let body = TransferOwnershipRequest { member_id };
    send_only("POST", &urls::ownership_transfer(), Some(&body)).await
}

pub async fn member_permissions(id: Uuid) -> Result<MemberPermissions, ApiError> {
    get(&urls::member_permissions(id)).await
}

/// Saves a member's overrides; the page reads the explanation again itself.
pub async fn set_overrides(id: Uuid, overrides: &PersonalOverrides) -> Result<(), ApiError> {
    send_only("PUT", &urls::member_overrides(id), Some(overrides)).await
}

pub async fn reset_password(
    id: Uuid,
    request: &ResetMemberPasswordRequest,
) -> Result<TemporaryPassword, ApiError> {
    send_json("POST", &urls::member_password(id), Some(request)).await
}
