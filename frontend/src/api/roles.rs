//! Roles: the restaurant's system and custom roles, and the owner's matrix.

use brigade_domain::api::{CustomRoleInfo, RoleList, SystemRoleInfo};
use brigade_domain::permissions::SystemRole;
use brigade_domain::team::{CustomRoleRequest, SystemRolePermissionsRequest};
use uuid::Uuid;

use super::session::{get, send_json, send_only};
use super::{urls, ApiError};

pub async fn roles() -> Result<RoleList, ApiError> {
    get(&urls::roles()).await
}

pub async fn create_role(request: &CustomRoleRequest) -> Result<CustomRoleInfo, ApiError> {
    send_json("POST", &urls::roles(), Some(request)).await
}

pub async fn update_role(
    id: Uuid,
    request: &CustomRoleRequest,
) -> Result<CustomRoleInfo, ApiError> {
    send_json("PUT", &urls::role(id, None), Some(request)).await
}

/// Deletes a custom role; `reassign_to` (a system role or a custom role id) receives
/// its members.
pub async fn delete_role(id: Uuid, reassign_to: Option<String>) -> Result<(), ApiError> {
    send_only(
        "DELETE",
        &urls::role(id, reassign_to.as_deref()),
        None::<&()>,
    )
    .await
}

/// A row of the matrix: everything the system role should grant here.
pub async fn set_system_role(
    role: SystemRole,
    permissions: Vec<String>,
) -> Result<SystemRoleInfo, ApiError> {
    let body = SystemRolePermissionsRequest { permissions };
    send_json("PUT", &urls::system_role(role), Some(&body)).await
}

pub async fn reset_system_role(role: SystemRole) -> Result<SystemRoleInfo, ApiError> {
    send_json("DELETE", &urls::system_role(role), None::<&()>).await
}
