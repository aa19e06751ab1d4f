//! The signed-in session's tokens: the access token in memory only, the refresh token
//! in an HttpOnly cookie the server sets and the page never reads (the [`vault`] only
//! marks that a session may exist), so a reload stays logged in. A call on the
//! person's behalf that gets `401` refreshes the tokens once — one refresh at a time,
//! since each refresh token works only once — and retries. Tabs share the cookie, so a
//! refresh also holds a Web Lock: two tabs reloading together take turns, and the
//! second one spends the token the first one received instead of the one already spent
//! (which would end the session).

use std::cell::RefCell;
use std::rc::Rc;

use brigade_domain::api::{Problem, RefreshRequest, TokenResponse};
use brigade_domain::errors::ErrorCode;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::transport::{send, send_payload, to_json, Payload, Reply};
use super::{urls, ApiError};
use crate::vault;

/// The refresh in flight, which every caller that needs one awaits.
/// What hears of each new access token.
type TokenCallback = Box<dyn Fn(&str)>;

type RefreshInFlight = Shared<LocalBoxFuture<'static, Result<(), ApiError>>>;

thread_local! {
    static ACCESS_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static REFRESHING: RefCell<Option<RefreshInFlight>> = const { RefCell::new(None) };
    static ON_SIGNED_OUT: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
    static ON_NEW_TOKEN: RefCell<Option<TokenCallback>> = const { RefCell::new(None) };
}

/// Keeps freshly issued tokens (the refresh token is already in its cookie).
pub async fn keep_tokens(tokens: &TokenResponse) {
    ACCESS_TOKEN.with(|slot| *slot.borrow_mut() = Some(tokens.access_token.clone()));
    vault::mark();
    ON_NEW_TOKEN.with(|slot| {
        if let Some(callback) = slot.borrow().as_ref() {
            callback(&tokens.access_token);
        }
    });
}

/// Forgets the tokens (logout, or a session that ended).
pub async fn forget_tokens() {
    ACCESS_TOKEN.with(|slot| *slot.borrow_mut() = None);
    vault::unmark();
}

pub async fn has_refresh_token() -> bool {
    vault::marked()
}

/// What to do when the session turns out to have ended (set once by the app).
pub fn on_signed_out(callback: impl Fn() + 'static) {
    ON_SIGNED_OUT.with(|slot| *slot.borrow_mut() = Some(Box::new(callback)));
}

async fn signed_out() {
    forget_tokens().await;
    ON_SIGNED_OUT.with(|slot| {
        if let Some(callback) = slot.borrow().as_ref() {
            callback();
        }
    });
}

fn access_token() -> Option<String> {
    ACCESS_TOKEN.with(|slot| slot.borrow().clone())
}

/// Exchanges the stored refresh token for new tokens; one exchange at a time.
pub async fn refresh() -> Result<(), ApiError> {
    let exchange = REFRESHING.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| exchange_across_tabs().boxed_local().shared())
            .clone()
    });
    let result = exchange.await;
    REFRESHING.with(|slot| *slot.borrow_mut() = None);
    result
}

/// Runs the exchange while holding the `brigade.refresh` Web Lock, shared by every tab
/// of this origin. Browsers without Web Locks exchange straight away.
async fn exchange_across_tabs() -> Result<(), ApiError> {
    let locks = web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window.navigator(), &"locks".into()).ok())
        .filter(|locks| locks.is_object());
    let request = locks.as_ref().and_then(|locks| {
        js_sys::Reflect::get(locks, &"request".into())
            .ok()
            .and_then(|request| request.dyn_into::<js_sys::Function>().ok())
    });
    let (Some(locks), Some(request)) = (locks, request) else {
        return exchange_refresh_token().await;
    };
    let outcome = Rc::new(RefCell::new(None));
    let slot = Rc::clone(&outcome);
    let under_lock = Closure::once(move |_lock: JsValue| {
        wasm_bindgen_futures::future_to_promise(async move {
            *slot.borrow_mut() = Some(exchange_refresh_token().await);
            Ok(JsValue::UNDEFINED)
        })
    });
    let granted = request
        .call2(
            &locks,
            &"brigade.refresh".into(),
            under_lock.as_ref().unchecked_ref(),
        )
        .ok()
        .and_then(|promise| promise.dyn_into::<js_sys::Promise>().ok());
    let Some(granted) = granted else {
        return exchange_refresh_token().await;
    };
    let _ = JsFuture::from(granted).await;
    drop(under_lock);
    let result = outcome.borrow_mut().take();
    result.unwrap_or(Err(ApiError::Network))
}

async fn exchange_refresh_token() -> Result<(), ApiError> {
    if !vault::marked() {
        return Err(ApiError::Problem {
            problem: Box::new(Problem {
                kind: String::new(),
                title: String::new(),
                status: 401,
                detail: None,
                code: ErrorCode::InvalidRefreshToken,
                errors: Vec::new(),
                missing_permission: None,
                exceeding_permissions: Vec::new(),
                request_id: None,
                contact: None,
            }),
            retry_after: None,
        });
    }
    // The token travels in its cookie: the body names none.
    let body = to_json(&RefreshRequest::default());
    let tokens: TokenResponse = send("POST", &urls::refresh(), body.as_deref(), None)
        .await?
        .json()?;
    keep_tokens(&tokens).await;
    Ok(())
}

/// A call on behalf of the signed-in person: refreshes the tokens once on `401`.
async fn authed(method: &str, path: &str, body: Option<Payload<'_>>) -> Result<Reply, ApiError> {
    let first = send_payload(method, path, body, access_token().as_deref()).await?;
    if first.status != 401 {
        return Ok(first);
    }
    match refresh().await {
        Ok(()) => {
            let again = send_payload(method, path, body, access_token().as_deref()).await?;
            if again.status == 401 {
                signed_out().await;
            }
            Ok(again)
        }
        Err(error) => {
            if error.is_signed_out() {
                signed_out().await;
            }
            Err(error)
        }
    }
}

/// Sends a file the person chose to `path`, as its own media type, and reads the answer.
pub(crate) async fn upload<T: DeserializeOwned>(
    method: &str,
    path: &str,
    file: &web_sys::File,
) -> Result<T, ApiError> {
    authed(method, path, Some(Payload::File(file)))
        .await?
        .json()
}

/// Reads `path` as text (a CSV export) as the signed-in person.
pub(crate) async fn get_text(path: &str) -> Result<String, ApiError> {
    authed("GET", path, None).await?.into_result()
}

/// An access token for the live socket: the one in memory, or a fresh one.
pub async fn socket_token() -> Result<String, ApiError> {
    if let Some(token) = access_token() {
        return Ok(token);
    }
    refresh().await?;
    access_token().ok_or(ApiError::Network)
}

/// Called with each new access token (the live socket sends it on).
pub fn on_new_token(callback: impl Fn(&str) + 'static) {
    ON_NEW_TOKEN.with(|slot| *slot.borrow_mut() = Some(Box::new(callback)));
}

/// Reads `path` as the signed-in person.
pub(crate) async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    authed("GET", path, None).await?.json()
}

/// Sends `body` to `path` as the signed-in person and reads the answer.
pub(crate) async fn send_json<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: Option<&impl Serialize>,
) -> Result<T, ApiError> {
    let json = body.and_then(to_json);
    authed(method, path, json.as_deref().map(Payload::Json))
        .await?
        .json()
}

/// Sends to `path` as the signed-in person, expecting no answer body.
pub(crate) async fn send_only(
    method: &str,
    path: &str,
    body: Option<&impl Serialize>,
) -> Result<(), ApiError> {
    let json = body.and_then(to_json);
    authed(method, path, json.as_deref().map(Payload::Json))
        .await?
        .into_result()
        .map(|_| ())
}

/// Sends to `path` as the signed-in person; the answer's body, when it has one.
pub(crate) async fn send_optional<T: DeserializeOwned>(
    method: &str,
    path: &str,
) -> Result<Option<T>, ApiError> {
    let reply = authed(method, path, None).await?;
    let status = reply.status;
    let body = reply.into_result()?;
    if body.trim().is_empty() {
        return Ok(None);
    }
    serde_json::from_str(&body)
        .map(Some)
        .map_err(|_| ApiError::Unexpected(status))
}

/// Ends the session on the server (best effort; the server also removes the cookie)
/// and forgets the tokens.
pub async fn logout() {
    if vault::marked() {
        let body = to_json(&RefreshRequest::default());
        let _ = send("POST", &urls::logout(), body.as_deref(), None).await;
    }
    forget_tokens().await;
}
