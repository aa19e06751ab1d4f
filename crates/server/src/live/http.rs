//! A member's notifications (list, unread count, read marks) and team messages (write
//! one, list those addressed to the reader).

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use anyhow::Context;
use brigade_domain::api::{Page, PageQuery, Problem};
use brigade_domain::live::{
    Notification, NotificationPage, PostMessageRequest, TeamMessage, TeamMessagePage, UnreadCount,
};
use brigade_domain::permissions::needs;
use brigade_macros::endpoint;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::store;
use crate::access::member_access::LoadedRole;
use crate::access::{Authorized, SignedIn};
use crate::audit::names::Names;
use crate::audit::{self, AuditRecord};
use crate::platform::body::permitted_body;
use crate::platform::idempotency;
use crate::platform::{ApiError, ApiResult, AppState};
use crate::sessions::throttle::{self, Flood};

/// Which notifications to list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationFilter {
    /// Only those not read yet.
    pub unread: Option<bool>,
}

/// The caller's notifications.
///
/// Newest first, read or not: every event of the restaurant the caller may see (team
/// events with `staff.view`, floor events with `tables.view`, security events with
/// `audit.view`, team messages addressed to them), kept while they were away.
#[endpoint]
#[utoipa::path(
    tag = "live",
    params(PageQuery, NotificationFilter),
    responses(
        (status = 200, description = "One page of notifications", body = Page<Notification>),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/notifications")]
pub async fn list_notifications(
    state: web::Data<AppState>,
    caller: SignedIn,
    page: web::Query<PageQuery>,
    filter: web::Query<NotificationFilter>,
) -> ApiResult<web::Json<NotificationPage>> {
    let (limit, offset) = page.validate().map_err(ApiError::Validation)?;
    let txn = caller.0.read(&state.db).await?;
    let page = store::page(
        &txn,
        caller.0.membership.id,
        filter.unread.unwrap_or(false),
        limit,
        offset,
    )
    .await?;
    txn.commit()
        .await
        .context("ending the notifications' read")?;
    Ok(web::Json(page))
}

/// How many notifications the caller has not read.
#[endpoint]
#[utoipa::path(
    tag = "live",
    responses(
        (status = 200, description = "The unread count", body = UnreadCount),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/notifications/unread-count")]
pub async fn unread_count(
    state: web::Data<AppState>,
    caller: SignedIn,
) -> ApiResult<web::Json<UnreadCount>> {
    let txn = caller.0.read(&state.db).await?;
    let (unread, _) = store::unread(&txn, caller.0.membership.id).await?;
    txn.commit().await.context("ending the count")?;
    Ok(web::Json(UnreadCount { unread }))
}

/// Mark one of the caller's notifications read.
#[endpoint]
#[utoipa::path(
    tag = "live",
    params(("id" = Uuid, Path, description = "The notification")),
    responses(
        (status = 200, description = "The notification, read", body = Notification),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`: the caller has no such notification", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/notifications/{id}/read")]
pub async fn mark_read(
    state: web::Data<AppState>,
    caller: SignedIn,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Notification>> {
    let txn = caller
        .0
        .tenant
        .write(&state.db)
        .await
        .context("opening a read mark")?;
    let read = store::mark_read(&txn, caller.0.membership.id, *id, state.clock.now())
        .await?
        .ok_or_else(ApiError::not_found)?;
    txn.commit().await.context("committing a read mark")?;
    Ok(web::Json(read))
}

/// Mark every notification of the caller read.
#[endpoint]
#[utoipa::path(
    tag = "live",
    responses(
        (status = 200, description = "Nothing is unread any more", body = UnreadCount),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/notifications/read-all")]
pub async fn mark_all_read(
    state: web::Data<AppState>,
    caller: SignedIn,
) -> ApiResult<web::Json<UnreadCount>> {
    let txn = caller
        .0
        .tenant
        .write(&state.db)
        .await
        .context("opening the read marks")?;
    store::mark_all_read(&txn, caller.0.membership.id, state.clock.now()).await?;
    let (unread, _) = store::unread(&txn, caller.0.membership.id).await?;
    txn.commit().await.context("committing the read marks")?;
    Ok(web::Json(UnreadCount { unread }))
}

/// How many team messages one member may write a minute.
pub const MESSAGES_PER_MINUTE: u64 = 20;

/// Write to the team.
///
/// A short message to every active member, or to the holders of one system role
/// (`role`) or custom role (`custom_role_id`). It arrives as a notification (live, and
/// in the bell of those away). Requires `staff.send_messages`; 20 a minute per member.
#[endpoint]
#[utoipa::path(
    tag = "live",
    params(("Idempotency-Key" = Option<String>, Header, description = "Any value; a retry with the same key answers the message the first request wrote")),
    request_body = PostMessageRequest,
    responses(
        (status = 201, description = "Written; on its way to the team", body = TeamMessage),
        (status = 200, description = "A retry: the message the first request with this key wrote", body = TeamMessage),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `staff.send_messages`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_attempts`: more than 20 messages in a minute; `Retry-After` says when", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `text` is empty or too long, two addressees, an unknown custom role (`custom_role_id`: `unknown`), or the key was used for another message", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/messages")]
pub async fn post_message(
    state: web::Data<AppState>,
    caller: Authorized<needs::STAFF_SEND_MESSAGES>,
    request: HttpRequest,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: PostMessageRequest = permitted_body(body)?;
    let text = body.validate().map_err(ApiError::Validation)?;
    let retry = idempotency::key(&request).map(|key| (key, idempotency::fingerprint(&body)));
    // Counted before the transaction: on SQLite it holds the only write lock.
    let writer = caller.membership.id.to_string();
    if let Err(retry_after_secs) =
        throttle::flood(&state.db, Flood::Message, &writer, MESSAGES_PER_MINUTE)
            .await
            .context("counting a team message")?
    {
        return Err(ApiError::TooManyAttempts { retry_after_secs });
    }
    let (txn, caller) = caller.change(&state.db).await?;
    // The messages' turn is the audit chain's: taken first, as every change takes it
    // before its event's number, so the two never wait on each other.
    audit::store::hold_chain(&txn).await?;
    let names = Names::load(
        &txn,
        &*state.access.snapshot(&txn, caller.access_version).await?,
    )
    .await?;
    if let Some((key, hash)) = &retry {
        if let Some(first) = store::message_by_key(&txn, key).await? {
            if first.request_hash.as_deref() != Some(hash.as_str()) {
                return Err(idempotency::reused());
            }
            txn.commit().await.context("ending a retried message")?;
            return Ok(HttpResponse::Ok().json(store::message_wire(first, &names)));
        }
    }
    if let Some(id) = body.custom_role_id {
        crate::roles::store::existing_custom_roles(&txn, &[id])
            .await
            .map_err(|_| {
                ApiError::field("custom_role_id", "unknown", "no such custom role here")
            })?;
    }
    let message = store::write_message(
        &txn,
        store::NewMessage {
            retry,
            author_account_id: caller.account_id,
            text: text.clone(),
            role: body.role,
            custom_role_id: body.custom_role_id,
            at: state.clock.now(),
        },
    )
    .await?;
    audit::record(
        &txn,
        AuditRecord {
            after: Some(json!({
                "text": text,
                "role": body.role,
                "custom_role_id": body.custom_role_id,
            })),
            ..caller.audit("message.sent", "message", message.id)
        },
    )
    .await?;
    txn.commit().await.context("committing a message")?;
    Ok(HttpResponse::Created().json(store::message_wire(message, &names)))
}

/// The team messages addressed to the caller.
///
/// Newest first: those to the whole team and to a role the caller holds; with
/// `staff.send_messages`, every message of the restaurant.
#[endpoint]
#[utoipa::path(
    tag = "live",
    params(PageQuery),
    responses(
        (status = 200, description = "One page of messages", body = Page<TeamMessage>),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/messages")]
pub async fn list_messages(
    state: web::Data<AppState>,
    caller: SignedIn,
    page: web::Query<PageQuery>,
) -> ApiResult<web::Json<TeamMessagePage>> {
    let (limit, offset) = page.validate().map_err(ApiError::Validation)?;
    let caller = caller.0;
    let mut system = Vec::new();
    let mut custom = Vec::new();
    for role in &caller.access.roles {
        match role {
            LoadedRole::System(role) => system.push(*role),
            LoadedRole::Custom { id, .. } => custom.push(*id),
        }
    }
    let everything = caller
        .permissions
        .contains(brigade_domain::permissions::code::STAFF_SEND_MESSAGES);
    let txn = caller.read(&state.db).await?;
    let names = Names::load(
        &txn,
        &*state.access.snapshot(&txn, caller.access_version).await?,
    )
    .await?;
    let reader = (!everything).then_some((system.as_slice(), custom.as_slice()));
    let (rows, total) = store::messages(&txn, reader, limit, offset).await?;
    txn.commit().await.context("ending the messages' read")?;
    Ok(web::Json(Page {
        items: rows
            .into_iter()
            .map(|row| store::message_wire(row, &names))
            .collect(),
        total,
        limit,
        offset,
    }))
}
