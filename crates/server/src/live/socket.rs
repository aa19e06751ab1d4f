//! The WebSocket at `/api/v1/ws`. The token never travels in the URL: the app opens
//! the socket, then sends `hello` with its access token and the last event number it
//! saw. The server answers `ready` (the unread count), sends what the member missed
//! since that number, then each new notification as it is delivered. The server pings
//! every 20 seconds and closes a socket silent for 60; the socket closes when its
//! token expires unless the app sent a fresh one (`token`) before.

use std::sync::atomic::Ordering;
use std::time::Duration;

use actix_web::{get, web, HttpRequest, HttpResponse};
use actix_ws::{AggregatedMessage, CloseCode, CloseReason, Session};
use brigade_domain::api::Problem;
use brigade_domain::live::{ClientMessage, ServerMessage};
use brigade_macros::endpoint;
use chrono::Utc;
use futures_util::StreamExt;
use tokio::time::{interval, sleep_until, Instant, MissedTickBehavior};

use super::hub::Push;
use super::store;
use crate::access::caller::{from_token, Caller};
use crate::access::Public;
use crate::platform::{ApiError, AppState};

/// How long a new socket has to say hello.
const HELLO_WITHIN: Duration = Duration::from_secs(10);
/// How often the server pings.
pub const HEARTBEAT: Duration = Duration::from_secs(20);
/// How long a socket may stay silent (no pong, no message) before it is closed.
const SILENCE: Duration = Duration::from_secs(60);
/// How many missed notifications a catch-up sends at most (the rest are in the list).
const CATCH_UP: u64 = 200;
/// The largest message the app may send.
const MAX_FRAME: usize = 16 * 1024;

/// Live notifications (WebSocket).
///
/// Upgrades to a WebSocket (`101 Switching Protocols`). No token in the URL: within
/// 10 seconds send `{"type":"hello","token":"<access token>","since":<last seq>}`.
/// The server answers `{"type":"ready","unread":n,"last_seq":s}`, then the member's
/// notifications after `since` (oldest first), then each new one as
/// `{"type":"notification", …Notification}`. Send `{"type":"token","token":…}` after
/// each refresh (the socket closes with `{"type":"bye","reason":"expired"}` when the
/// token it holds expires) and `{"type":"ping"}` for an application-level heartbeat
/// (answered `{"type":"pong"}`). The server also pings every 20 seconds and closes a
/// socket silent for 60. A refused hello is answered `{"type":"bye",
/// "reason":"unauthenticated"}` and the socket closed (code 4401).
#[endpoint]
#[utoipa::path(
    tag = "live",
    security(()),
    responses(
        (status = 101, description = "Switching Protocols: the socket is open; messages are `ClientMessage` and `ServerMessage`"),
        (status = 426, description = "`upgrade_required`: not a WebSocket upgrade", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/ws")]
pub async fn socket(
    request: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
    _anyone: Public,
) -> Result<HttpResponse, ApiError> {
    let (response, session, stream) = actix_ws::handle(&request, body).map_err(|error| {
        ApiError::with_detail(
            brigade_domain::errors::ErrorCode::UpgradeRequired,
            format!("this address takes a WebSocket upgrade: {error}"),
        )
    })?;
    let stream = stream
        .max_frame_size(MAX_FRAME)
        .aggregate_continuations()
        .max_continuation_size(MAX_FRAME);
    actix_web::rt::spawn(run(state.into_inner(), session, stream));
    Ok(response)
}

/// How long one message may wait for a client that does not read before the socket
/// is given up.
const SEND_WITHIN: Duration = Duration::from_secs(10);

/// Sends `text`; false when the socket is closed or the client stopped reading.
async fn send_text(session: &mut Session, text: String) -> bool {
    matches!(
        tokio::time::timeout(SEND_WITHIN, session.text(text)).await,
        Ok(Ok(()))
    )
}

async fn send(session: &mut Session, message: &ServerMessage) -> bool {
    match serde_json::to_string(message) {
        Ok(text) => send_text(session, text).await,
        Err(_) => false,
    }
}

async fn bye(mut session: Session, reason: &str, code: u16) {
    let _ = send(
        &mut session,
        &ServerMessage::Bye {
            reason: reason.to_owned(),
        },
    )
    .await;
    let _ = session
        .close(Some(CloseReason {
            code: CloseCode::Other(code),
            description: Some(reason.to_owned()),
        }))
        .await;
}

/// When the token's expiry passes.
fn deadline(exp: i64) -> Instant {
    let left = exp - Utc::now().timestamp();
    Instant::now() + Duration::from_secs(left.max(0) as u64)
}

/// Sends the member's notifications after `since`, all of them (a batch at a time);
/// returns the last number sent.
async fn catch_up(
    state: &AppState,
    session: &mut Session,
    caller: &Caller,
    since: i64,
) -> Result<i64, ()> {
    let mut last = since;
    loop {
        let txn = caller.tenant.read(&state.db).await.map_err(|_| ())?;
        let missed = store::after(&txn, caller.membership.id, last, CATCH_UP)
            .await
            .map_err(|_| ())?;
        let _ = txn.commit().await;
        let done = (missed.len() as u64) < CATCH_UP;
        for notification in missed {
            last = notification.seq;
            if !send(session, &ServerMessage::Notification(notification)).await {
                return Err(());
            }
        }
        if done {
            return Ok(last);
        }
    }
}

async fn run(
    state: std::sync::Arc<AppState>,
    mut session: Session,
    mut stream: actix_ws::AggregatedMessageStream,
) {
    // The hello.
    let hello = tokio::time::timeout(HELLO_WITHIN, async {
        while let Some(Ok(message)) = stream.next().await {
            match message {
                AggregatedMessage::Text(text) => {
                    return serde_json::from_str::<ClientMessage>(&text).ok()
                }
                AggregatedMessage::Ping(bytes) => {
                    let _ = session.pong(&bytes).await;
                }
                AggregatedMessage::Close(_) => return None,
                _ => return None,
            }
        }
        None
    })
    .await;
    let Ok(Some(ClientMessage::Hello { token, since })) = hello else {
        return bye(session, "unauthenticated", 4401).await;
    };
    let Ok((caller, claims)) = from_token(&state, &token).await else {
        return bye(session, "unauthenticated", 4401).await;
    };
    if caller.must_change_password {
        return bye(session, "unauthenticated", 4401).await;
    }
    let (_registration, mut pushes, lagged) =
        state.live.hub.join(caller.tenant, caller.membership.id);
    let counted = async {
        let txn = caller.tenant.read(&state.db).await.ok()?;
        let counts = store::unread(&txn, caller.membership.id).await.ok();
        let _ = txn.commit().await;
        counts
    }
    .await;
    let Some((unread, last_seq)) = counted else {
        return bye(session, "unavailable", 1011).await;
    };
    if !send(&mut session, &ServerMessage::Ready { unread, last_seq }).await {
        return;
    }
    // Without `since`, the app starts from now: it lists what came before by REST.
    let mut last = match since {
        Some(since) if since < last_seq => {
            match catch_up(&state, &mut session, &caller, since).await {
                Ok(last) => last,
                Err(()) => return,
            }
        }
        _ => last_seq,
    };
    let mut heartbeat = interval(HEARTBEAT);
    heartbeat.set_missed_tick_behavior(MissedTickBehavior::Delay);
    heartbeat.tick().await;
    let mut heard = Instant::now();
    let mut expires = deadline(claims.exp);
    loop {
        tokio::select! {
            incoming = stream.next() => {
                let Some(Ok(message)) = incoming else { return };
                heard = Instant::now();
                match message {
                    AggregatedMessage::Ping(bytes) => {
                        if session.pong(&bytes).await.is_err() { return }
                    }
                    AggregatedMessage::Pong(_) => {}
                    AggregatedMessage::Close(_) => {
                        let _ = session.close(None).await;
                        return;
                    }
                    AggregatedMessage::Binary(_) => return bye(session, "unsupported", 1003).await,
                    AggregatedMessage::Text(text) => match serde_json::from_str::<ClientMessage>(&text) {
                        Ok(ClientMessage::Ping) => {
                            if !send(&mut session, &ServerMessage::Pong).await { return }
                        }
                        Ok(ClientMessage::Token { token }) => match from_token(&state, &token).await {
                            // The same member's fresh token extends the socket's life.
                            Ok((fresh, claims))
                                if fresh.membership.id == caller.membership.id
                                    && !fresh.must_change_password =>
                            {
                                expires = deadline(claims.exp);
                            }
                            _ => return bye(session, "unauthenticated", 4401).await,
                        },
                        Ok(ClientMessage::Hello { .. }) | Err(_) => {
                            return bye(session, "unsupported", 1003).await;
                        }
                    },
                }
            }
            push = pushes.recv() => {
                let Some(push) = push else { return };
                match push {
                    Push::Notification(seq, text) => {
                        if seq > last {
                            if !send_text(&mut session, text.to_string()).await { return }
                            last = seq;
                        }
                    }
                    Push::Resync => {
                        match catch_up(&state, &mut session, &caller, last).await {
                            Ok(sent) => last = sent,
                            Err(()) => return,
                        }
                    }
                }
                if lagged.swap(false, Ordering::Relaxed) {
                    match catch_up(&state, &mut session, &caller, last).await {
                        Ok(sent) => last = sent,
                        Err(()) => return,
                    }
                }
            }
            _ = heartbeat.tick() => {
                if heard.elapsed() > SILENCE {
                    return bye(session, "silent", 1001).await;
                }
                if session.ping(b"").await.is_err() { return }
            }
            _ = sleep_until(expires) => {
                return bye(session, "expired", 4401).await;
            }
        }
    }
}
