//! The typed client of Brigade's API. Requests and responses are the domain crate's
//! wire types; every error answer (problem+json) becomes an [`ApiError`] the UI can
//! show. The access token lives in memory only; the refresh token is kept in the
//! [`vault`] (IndexedDB) so a reload stays logged in. A `401` refreshes the tokens once —
//! one refresh at a time, since each refresh token works only once — and retries.
//! Tabs share the kept refresh token, so a refresh also holds a Web Lock: two tabs
//! reloading together take turns, and the second one spends the token the first one
//! received instead of the one already spent (which would end the session).

use std::cell::RefCell;
use std::rc::Rc;

use brigade_domain::api::{
    AuditPage, ChangePasswordRequest, LoginRequest, Me, MemberPage, Problem, RefreshRequest,
    SignupRequest, SwitchRestaurantRequest, TokenResponse, UpdateProfileRequest,
};
use brigade_domain::api::{CustomRoleInfo, Member, RoleList, SystemRoleInfo};
use brigade_domain::errors::ErrorCode;
use brigade_domain::permissions::SystemRole;
use brigade_domain::team::{
    CreateMemberRequest, CustomRoleRequest, MemberPermissions, PersonalOverrides,
    SystemRolePermissionsRequest, TransferOwnershipRequest, UpdateMemberRequest,
};
use brigade_domain::validation::FieldError;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Text;
use crate::vault;

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached.
    Network,
    /// The server answered something that is not the API's: a status and no problem.
    Unexpected(u16),
    /// The API refused, with its reasons.
    Problem {
        problem: Box<Problem>,
        retry_after: Option<u64>,
    },
}

impl ApiError {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Problem { problem, .. } => Some(problem.code),
            _ => None,
        }
    }

    /// The per-field reasons of a `validation_failed`.
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            ApiError::Problem { problem, .. } => problem.errors.clone(),
            _ => Vec::new(),
        }
    }

    /// Whether the person must log in again.
    pub fn is_signed_out(&self) -> bool {
        matches!(
            self.code(),
            Some(ErrorCode::Unauthenticated | ErrorCode::InvalidRefreshToken)
        )
    }

    /// The sentence to show, in the current language.
    pub fn message(&self, t: &Text) -> String {
        match self {
            ApiError::Network => t.err_network.into(),
            ApiError::Unexpected(_) => t.err_unexpected.into(),
            ApiError::Problem {
                problem,
                retry_after,
            } => {
                let text = t.error(problem.code);
                let minutes = retry_after.unwrap_or(60).div_ceil(60).max(1);
                let message = text.replace("{minutes}", &minutes.to_string());
                if problem.exceeding_permissions.is_empty() {
                    message
                } else {
                    format!("{message} ({})", problem.exceeding_permissions.join(", "))
                }
            }
        }
    }
}

/// The refresh in flight, which every caller that needs one awaits.
type RefreshInFlight = Shared<LocalBoxFuture<'static, Result<(), ApiError>>>;

thread_local! {
    static ACCESS_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static REFRESHING: RefCell<Option<RefreshInFlight>> = const { RefCell::new(None) };
    static ON_SIGNED_OUT: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Keeps freshly issued tokens.
pub async fn keep_tokens(tokens: &TokenResponse) {
    ACCESS_TOKEN.with(|slot| *slot.borrow_mut() = Some(tokens.access_token.clone()));
    vault::keep(&tokens.refresh_token).await;
}

/// Forgets the tokens (logout, or a session that ended).
pub async fn forget_tokens() {
    ACCESS_TOKEN.with(|slot| *slot.borrow_mut() = None);
    vault::forget().await;
}

pub async fn has_refresh_token() -> bool {
    vault::load().await.is_some()
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

/// A raw answer.
struct Reply {
    status: u16,
    retry_after: Option<u64>,
    body: String,
}

impl Reply {
    fn into_result(self) -> Result<String, ApiError> {
        if (200..300).contains(&self.status) {
            return Ok(self.body);
        }
        match serde_json::from_str::<Problem>(&self.body) {
            Ok(problem) => Err(ApiError::Problem {
                problem: Box::new(problem),
                retry_after: self.retry_after,
            }),
            Err(_) => Err(ApiError::Unexpected(self.status)),
        }
    }

    fn json<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        let status = self.status;
        let body = self.into_result()?;
        serde_json::from_str(&body).map_err(|_| ApiError::Unexpected(status))
    }
}

fn unexpected(_: JsValue) -> ApiError {
    ApiError::Unexpected(0)
}

async fn send(method: &str, path: &str, body: Option<&str>) -> Result<Reply, ApiError> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }
    let request = web_sys::Request::new_with_str_and_init(path, &init).map_err(unexpected)?;
    let headers = request.headers();
    headers
        .set("Accept", "application/json")
        .map_err(unexpected)?;
    if body.is_some() {
        headers
            .set("Content-Type", "application/json")
            .map_err(unexpected)?;
    }
    if let Some(token) = ACCESS_TOKEN.with(|slot| slot.borrow().clone()) {
        headers
            .set("Authorization", &format!("Bearer {token}"))
            .map_err(unexpected)?;
    }
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| ApiError::Network)?
        .dyn_into()
        .map_err(unexpected)?;
    let retry_after = response
        .headers()
        .get("Retry-After")
        .ok()
        .flatten()
        .and_then(|value| value.parse().ok());
    let text = JsFuture::from(response.text().map_err(unexpected)?)
        .await
        .map_err(|_| ApiError::Network)?;
    Ok(Reply {
        status: response.status(),
        retry_after,
        body: text.as_string().unwrap_or_default(),
    })
}

fn to_json(body: &impl Serialize) -> Option<String> {
    serde_json::to_string(body).ok()
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
    let refresh_token = vault::load().await.ok_or_else(|| ApiError::Problem {
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
        }),
        retry_after: None,
    })?;
    let body = to_json(&RefreshRequest { refresh_token });
    let tokens: TokenResponse = send("POST", "/api/v1/auth/refresh", body.as_deref())
        .await?
        .json()?;
    keep_tokens(&tokens).await;
    Ok(())
}

/// A call on behalf of the signed-in person: refreshes the tokens once on `401`.
async fn authed(method: &str, path: &str, body: Option<String>) -> Result<Reply, ApiError> {
    let first = send(method, path, body.as_deref()).await?;
    if first.status != 401 {
        return Ok(first);
    }
    match refresh().await {
        Ok(()) => {
            let again = send(method, path, body.as_deref()).await?;
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

pub async fn signup(request: &SignupRequest) -> Result<TokenResponse, ApiError> {
    let body = to_json(request);
    send("POST", "/api/v1/auth/signup", body.as_deref())
        .await?
        .json()
}

pub async fn login(request: &LoginRequest) -> Result<TokenResponse, ApiError> {
    let body = to_json(request);
    send("POST", "/api/v1/auth/login", body.as_deref())
        .await?
        .json()
}

/// Ends the session on the server (best effort) and forgets the tokens.
pub async fn logout() {
    if let Some(refresh_token) = vault::load().await {
        let body = to_json(&RefreshRequest { refresh_token });
        let _ = send("POST", "/api/v1/auth/logout", body.as_deref()).await;
    }
    forget_tokens().await;
}

pub async fn me() -> Result<Me, ApiError> {
    get("/api/v1/me").await
}

pub async fn update_profile(request: &UpdateProfileRequest) -> Result<Me, ApiError> {
    authed("PATCH", "/api/v1/me", to_json(request))
        .await?
        .json()
}

pub async fn change_password(request: &ChangePasswordRequest) -> Result<(), ApiError> {
    authed("POST", "/api/v1/me/password", to_json(request))
        .await?
        .into_result()
        .map(|_| ())
}

pub async fn switch_restaurant(restaurant_id: Uuid) -> Result<TokenResponse, ApiError> {
    let body = to_json(&SwitchRestaurantRequest { restaurant_id });
    authed("POST", "/api/v1/auth/switch", body).await?.json()
}

/// Percent-encodes a query value.
fn encode(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}

/// A page of the team, filtered by a search, a primary role and a status.
pub async fn members(
    search: &str,
    role: Option<SystemRole>,
    active: Option<bool>,
    offset: u64,
) -> Result<MemberPage, ApiError> {
    let mut path = format!("/api/v1/members?q={}&offset={offset}", encode(search));
    if let Some(role) = role {
        path.push_str(&format!("&role={}", role.as_str()));
    }
    if let Some(active) = active {
        path.push_str(&format!("&active={active}"));
    }
    authed("GET", &path, None).await?.json()
}

pub async fn audit(offset: u64) -> Result<AuditPage, ApiError> {
    let path = format!("/api/v1/audit?offset={offset}");
    authed("GET", &path, None).await?.json()
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    authed("GET", path, None).await?.json()
}

async fn with_body<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &impl Serialize,
) -> Result<T, ApiError> {
    authed(method, path, to_json(body)).await?.json()
}

async fn without_answer(method: &str, path: &str) -> Result<(), ApiError> {
    authed(method, path, None).await?.into_result().map(|_| ())
}

pub async fn member(id: Uuid) -> Result<Member, ApiError> {
    get(&format!("/api/v1/members/{id}")).await
}

pub async fn create_member(request: &CreateMemberRequest) -> Result<Member, ApiError> {
    with_body("POST", "/api/v1/members", request).await
}

pub async fn update_member(id: Uuid, request: &UpdateMemberRequest) -> Result<Member, ApiError> {
    with_body("PATCH", &format!("/api/v1/members/{id}"), request).await
}

/// Deactivates (`false`) or reactivates (`true`) a member.
pub async fn set_member_active(id: Uuid, active: bool) -> Result<Member, ApiError> {
    let action = if active { "reactivate" } else { "deactivate" };
    authed("POST", &format!("/api/v1/members/{id}/{action}"), None)
        .await?
        .json()
}

pub async fn remove_member(id: Uuid) -> Result<(), ApiError> {
    without_answer("DELETE", &format!("/api/v1/members/{id}")).await
}

pub async fn transfer_ownership(member_id: Uuid) -> Result<(), ApiError> {
    let body = to_json(&TransferOwnershipRequest { member_id });
    authed("POST", "/api/v1/ownership/transfer", body)
        .await?
        .into_result()
        .map(|_| ())
}

pub async fn member_permissions(id: Uuid) -> Result<MemberPermissions, ApiError> {
    get(&format!("/api/v1/members/{id}/permissions")).await
}

pub async fn set_overrides(
    id: Uuid,
    overrides: &PersonalOverrides,
) -> Result<MemberPermissions, ApiError> {
    with_body("PUT", &format!("/api/v1/members/{id}/overrides"), overrides).await
}

pub async fn roles() -> Result<RoleList, ApiError> {
    get("/api/v1/roles").await
}

pub async fn create_role(request: &CustomRoleRequest) -> Result<CustomRoleInfo, ApiError> {
    with_body("POST", "/api/v1/roles", request).await
}

pub async fn update_role(
    id: Uuid,
    request: &CustomRoleRequest,
) -> Result<CustomRoleInfo, ApiError> {
    with_body("PUT", &format!("/api/v1/roles/{id}"), request).await
}

/// Deletes a custom role; `reassign_to` (a system role or a custom role id) receives
/// its members.
pub async fn delete_role(id: Uuid, reassign_to: Option<String>) -> Result<(), ApiError> {
    let path = match reassign_to {
        Some(target) => format!("/api/v1/roles/{id}?reassign_to={}", encode(&target)),
        None => format!("/api/v1/roles/{id}"),
    };
    without_answer("DELETE", &path).await
}

pub async fn set_system_role(
    role: SystemRole,
    permissions: Vec<String>,
) -> Result<SystemRoleInfo, ApiError> {
    let body = SystemRolePermissionsRequest { permissions };
    with_body(
        "PUT",
        &format!("/api/v1/roles/system/{}", role.as_str()),
        &body,
    )
    .await
}

pub async fn reset_system_role(role: SystemRole) -> Result<SystemRoleInfo, ApiError> {
    authed(
        "DELETE",
        &format!("/api/v1/roles/system/{}", role.as_str()),
        None,
    )
    .await?
    .json()
}
