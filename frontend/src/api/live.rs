//! Notifications and team messages over REST (the socket is in `crate::live`).

use brigade_domain::live::{
    Notification, NotificationPage, PostMessageRequest, TeamMessage, UnreadCount,
};
use uuid::Uuid;

use super::session::{get, send_json};
use super::{urls, ApiError};

/// How many notifications the bell lists.
pub const RECENT: u64 = 20;

pub async fn recent() -> Result<NotificationPage, ApiError> {
    get(&urls::notifications(0, RECENT)).await
}

pub async fn unread() -> Result<UnreadCount, ApiError> {
    get(&urls::unread_count()).await
}

pub async fn mark_read(id: Uuid) -> Result<Notification, ApiError> {
    send_json("POST", &urls::notification_read(id), None::<&()>).await
}

pub async fn mark_all_read() -> Result<UnreadCount, ApiError> {
    send_json("POST", &urls::notifications_read(), None::<&()>).await
}

pub async fn post_message(request: &PostMessageRequest) -> Result<TeamMessage, ApiError> {
    send_json("POST", &urls::messages(), Some(request)).await
}
