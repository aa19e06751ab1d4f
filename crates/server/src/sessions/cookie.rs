//! The browser app's refresh token, in an HttpOnly cookie. A login or sign-up that
//! sends `X-Brigade-Session: cookie` opens a *cookie session*: its refresh tokens are set
//! as the `brigade_refresh` cookie (`HttpOnly`, `SameSite=Strict`, path `/api/v1/auth`,
//! `Secure` behind https) and never put in a body — refreshes and switches of that
//! session included, whatever they ask — and `/auth/refresh` and `/auth/logout` may
//! leave the token out, reading the cookie. No script of the page can read the token, so a script
//! injected into the app could act while the page is open but never carry the session
//! away. The cookie is read only when the header is sent too: a cross-site form cannot
//! send that header, and `SameSite=Strict` keeps the cookie from cross-site requests
//! anyway. Integrators send no header and keep the token from the body, as before.

use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use brigade_domain::api::{TokenResponse, COOKIE_SESSION, REFRESH_COOKIE, SESSION_HEADER};

use crate::config::Settings;

const PATH: &str = "/api/v1/auth";

/// Whether the request asked for the refresh token in the cookie.
pub fn wanted(request: &HttpRequest) -> bool {
    request
        .headers()
        .get(SESSION_HEADER)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim().eq_ignore_ascii_case(COOKIE_SESSION))
}

/// The refresh token in the cookie, for a request that asked for the cookie.
pub fn presented(request: &HttpRequest) -> Option<String> {
    wanted(request)
        .then(|| request.cookie(REFRESH_COOKIE))
        .flatten()
        .map(|cookie| cookie.value().to_owned())
}

fn cookie(settings: &Settings, value: String, max_age: time::Duration) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, value)
        .path(PATH)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(settings.public_url.starts_with("https://"))
        .max_age(max_age)
        .finish()
}

/// The answer carrying freshly issued tokens: the refresh token in the cookie for a
/// cookie session, in the body otherwise.
pub fn answer(
    settings: &Settings,
    status: StatusCode,
    mut tokens: TokenResponse,
    in_cookie: bool,
) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    if in_cookie {
        if let Some(value) = tokens.refresh_token.take() {
            let idle = time::Duration::seconds(settings.session_idle.as_secs() as i64);
            response.cookie(cookie(settings, value, idle));
        }
    }
    response.json(tokens)
}

/// An answer without a body that also removes the cookie (logout).
pub fn cleared(request: &HttpRequest, settings: &Settings) -> HttpResponse {
    let mut response = HttpResponse::NoContent();
    if wanted(request) {
        response.cookie(cookie(settings, String::new(), time::Duration::ZERO));
    }
    response.finish()
}
