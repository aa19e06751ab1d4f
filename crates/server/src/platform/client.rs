//! The client's address, for throttling and the audit trail.

use actix_web::{web, HttpRequest};

use super::AppState;

/// The TCP peer, or — when `BRIGADE_TRUST_PROXY=true` — the address the proxy in front
/// of Brigade appended to `X-Forwarded-For` (the rightmost entry: the ones before it
/// were written by the client and prove nothing).
pub fn client_addr(request: &HttpRequest) -> Option<String> {
    let trust_proxy = request
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.settings.trust_proxy);
    if trust_proxy {
        let forwarded = request
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .last()
            .and_then(|addr| addr.trim().parse::<std::net::IpAddr>().ok());
        if let Some(ip) = forwarded {
            return Some(ip.to_string());
        }
    }
    request.peer_addr().map(|addr| addr.ip().to_string())
}
