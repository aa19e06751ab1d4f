//! Talking to the API over `fetch`: one request, its answer, and every error answer
//! (problem+json) turned into an [`ApiError`] the UI can show. It knows nothing of
//! tokens beyond the one it is handed.

use brigade_domain::api::Problem;
use brigade_domain::api::{COOKIE_SESSION, SESSION_HEADER};
use brigade_domain::errors::ErrorCode;
use brigade_domain::validation::FieldError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Text;

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

    /// The same refusal, shown at `field` with `code` (what the form knows better).
    /// The same error with the API's field `from` named `to` (a form whose field is
    /// named differently from the request's).
    pub fn renamed_field(self, from: &str, to: &str) -> ApiError {
        match self {
            ApiError::Problem {
                mut problem,
                retry_after,
            } => {
                for error in &mut problem.errors {
                    if error.field == from {
                        error.field = to.to_owned();
                    }
                }
                ApiError::Problem {
                    problem,
                    retry_after,
                }
            }
            other => other,
        }
    }

    pub fn at_field(self, field: &str, code: &str) -> ApiError {
        match self {
            ApiError::Problem {
                mut problem,
                retry_after,
            } => {
                problem.errors = vec![FieldError::new(field, code, problem.title.clone())];
                ApiError::Problem {
                    problem,
                    retry_after,
                }
            }
            other => other,
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

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Network => f.write_str("the server could not be reached"),
            ApiError::Unexpected(status) => write!(f, "unexpected answer ({status})"),
            ApiError::Problem { problem, .. } => write!(f, "{}", problem.code),
        }
    }
}

// Loading views hand errors to an `ErrorBoundary`, which takes standard errors.
impl std::error::Error for ApiError {}

/// A raw answer.
pub(crate) struct Reply {
    pub(crate) status: u16,
    retry_after: Option<u64>,
    body: String,
}

impl Reply {
    pub(crate) fn into_result(self) -> Result<String, ApiError> {
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

    pub(crate) fn json<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        let status = self.status;
        let body = self.into_result()?;
        serde_json::from_str(&body).map_err(|_| ApiError::Unexpected(status))
    }
}

fn unexpected(_: JsValue) -> ApiError {
    ApiError::Unexpected(0)
}

/// What a request carries: JSON, or a file the person chose (sent as its own type).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Payload<'a> {
    Json(&'a str),
    File(&'a web_sys::File),
}

/// Sends one request with a JSON body, with the access token when there is one.
pub(crate) async fn send(
    method: &str,
    path: &str,
    body: Option<&str>,
    token: Option<&str>,
) -> Result<Reply, ApiError> {
    send_payload(method, path, body.map(Payload::Json), token).await
}

/// Sends one request, with the access token when there is one.
pub(crate) async fn send_payload(
    method: &str,
    path: &str,
    body: Option<Payload<'_>>,
    token: Option<&str>,
) -> Result<Reply, ApiError> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    match body {
        Some(Payload::Json(json)) => init.set_body(&JsValue::from_str(json)),
        Some(Payload::File(file)) => init.set_body(file),
        None => {}
    }
    let request = web_sys::Request::new_with_str_and_init(path, &init).map_err(unexpected)?;
    let headers = request.headers();
    headers
        .set("Accept", "application/json")
        .map_err(unexpected)?;
    let content_type = match body {
        Some(Payload::Json(_)) => Some("application/json".to_owned()),
        Some(Payload::File(file)) => Some(file.type_()),
        None => None,
    };
    if let Some(content_type) = content_type {
        headers
            .set("Content-Type", &content_type)
            .map_err(unexpected)?;
    }
    if let Some(token) = token {
        headers
            .set("Authorization", &format!("Bearer {token}"))
            .map_err(unexpected)?;
    }
    // The refresh token stays in its HttpOnly cookie, never in a body the page reads.
    headers
        .set(SESSION_HEADER, COOKIE_SESSION)
        .map_err(unexpected)?;
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

pub(crate) fn to_json(body: &impl Serialize) -> Option<String> {
    serde_json::to_string(body).ok()
}
