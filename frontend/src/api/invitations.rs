//! Invitations: the team's pending list, inviting, resending and cancelling; and the
//! link's two calls, made without a token.

use brigade_domain::api::{Page, TokenResponse};
use brigade_domain::invitations::{
    AcceptInvitationRequest, CreateInvitationRequest, Invitation, InvitationPreview, InviteOutcome,
    TokenRequest,
};
use uuid::Uuid;

use super::session::{get, send_json, send_only};
use super::transport::{send, to_json};
use super::{urls, ApiError};

const NONE: Option<&()> = None;

pub async fn pending(offset: u64) -> Result<Page<Invitation>, ApiError> {
    get(&urls::invitations(offset)).await
}

pub async fn invite(request: &CreateInvitationRequest) -> Result<InviteOutcome, ApiError> {
    send_json("POST", &urls::new_invitation(), Some(request)).await
}

pub async fn resend(id: Uuid) -> Result<Invitation, ApiError> {
    send_json("POST", &urls::invitation_action(id, "resend"), NONE).await
}

pub async fn cancel(id: Uuid) -> Result<(), ApiError> {
    send_only("POST", &urls::invitation_action(id, "cancel"), NONE).await
}

pub async fn check(token: &str) -> Result<InvitationPreview, ApiError> {
    let body = TokenRequest {
        token: token.to_owned(),
    };
    send(
        "POST",
        &urls::invitation_check(),
        to_json(&body).as_deref(),
        None,
    )
    .await?
    .json()
}

pub async fn accept(request: &AcceptInvitationRequest) -> Result<TokenResponse, ApiError> {
    send(
        "POST",
        &urls::invitation_accept(),
        to_json(request).as_deref(),
        None,
    )
    .await?
    .json()
}
