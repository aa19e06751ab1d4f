//! Every address of the API the app calls, built in one place: the server's routes
//! (`crates/server/src/routes.rs`) and these must agree, and a change is made once.

use brigade_domain::permissions::SystemRole;
use uuid::Uuid;

const BASE: &str = "/api/v1";

/// Percent-encodes a query value.
fn encode(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}

pub fn signup() -> String {
    format!("{BASE}/auth/signup")
}

pub fn login() -> String {
    format!("{BASE}/auth/login")
}

pub fn refresh() -> String {
    format!("{BASE}/auth/refresh")
}

pub fn logout() -> String {
    format!("{BASE}/auth/logout")
}

pub fn switch_restaurant() -> String {
    format!("{BASE}/auth/switch")
}

pub fn me() -> String {
    format!("{BASE}/me")
}

pub fn my_password() -> String {
    format!("{BASE}/me/password")
}

/// The team list, filtered by a search, a primary role and a status, from `offset`.
pub fn members(
    search: &str,
    role: Option<SystemRole>,
    active: Option<bool>,
    offset: u64,
) -> String {
    let mut path = format!("{BASE}/members?q={}&offset={offset}", encode(search));
    if let Some(role) = role {
        path.push_str(&format!("&role={}", role.as_str()));
    }
    if let Some(active) = active {
        path.push_str(&format!("&active={active}"));
    }
    path
}

pub fn new_member() -> String {
    format!("{BASE}/members")
}

pub fn member(id: Uuid) -> String {
    format!("{BASE}/members/{id}")
}

/// Deactivates (`false`) or reactivates (`true`) a member.
pub fn member_activity(id: Uuid, active: bool) -> String {
    let action = if active { "reactivate" } else { "deactivate" };
    format!("{BASE}/members/{id}/{action}")
}

pub fn member_permissions(id: Uuid) -> String {
    format!("{BASE}/members/{id}/permissions")
}

pub fn member_overrides(id: Uuid) -> String {
    format!("{BASE}/members/{id}/overrides")
}

pub fn ownership_transfer() -> String {
    format!("{BASE}/ownership/transfer")
}

pub fn roles() -> String {
    format!("{BASE}/roles")
}

/// A custom role; deleting it moves its holders to `reassign_to`, if given.
pub fn role(id: Uuid, reassign_to: Option<&str>) -> String {
    match reassign_to {
        Some(target) => format!("{BASE}/roles/{id}?reassign_to={}", encode(target)),
        None => format!("{BASE}/roles/{id}"),
    }
}

pub fn system_role(role: SystemRole) -> String {
    format!("{BASE}/roles/system/{}", role.as_str())
}

/// The audit trail's page for `query` (already encoded: `lang=fr&member=…`).
pub fn audit(offset: u64, query: &str) -> String {
    format!("{BASE}/audit?offset={offset}&{query}")
}

pub fn audit_export(query: &str) -> String {
    format!("{BASE}/audit/export?{query}")
}

pub fn audit_verify() -> String {
    format!("{BASE}/audit/verify")
}

/// The live notifications' WebSocket, on this page's own host.
pub fn live_socket() -> String {
    let location = web_sys::window().map(|w| w.location());
    let host = location
        .as_ref()
        .and_then(|l| l.host().ok())
        .unwrap_or_default();
    let secure = location
        .as_ref()
        .and_then(|l| l.protocol().ok())
        .is_some_and(|p| p == "https:");
    format!("{}://{host}{BASE}/ws", if secure { "wss" } else { "ws" })
}

pub fn notifications(offset: u64, limit: u64) -> String {
    format!("{BASE}/notifications?offset={offset}&limit={limit}")
}

pub fn unread_count() -> String {
    format!("{BASE}/notifications/unread-count")
}

pub fn notification_read(id: Uuid) -> String {
    format!("{BASE}/notifications/{id}/read")
}

pub fn notifications_read() -> String {
    format!("{BASE}/notifications/read-all")
}

pub fn messages() -> String {
    format!("{BASE}/messages")
}

pub fn invitations(offset: u64) -> String {
    format!("{BASE}/invitations?offset={offset}")
}

pub fn new_invitation() -> String {
    format!("{BASE}/invitations")
}

/// `resend` or `cancel`.
pub fn invitation_action(id: Uuid, action: &str) -> String {
    format!("{BASE}/invitations/{id}/{action}")
}

pub fn invitation_check() -> String {
    format!("{BASE}/invitations/check")
}

pub fn invitation_accept() -> String {
    format!("{BASE}/invitations/accept")
}

pub fn password_reset() -> String {
    format!("{BASE}/auth/password-reset")
}

pub fn password_reset_complete() -> String {
    format!("{BASE}/auth/password-reset/complete")
}

pub fn verify_email() -> String {
    format!("{BASE}/auth/verify-email")
}

pub fn my_verification() -> String {
    format!("{BASE}/me/email-verification")
}

pub fn my_restaurant(id: Uuid) -> String {
    format!("{BASE}/me/restaurants/{id}")
}

pub fn member_password(id: Uuid) -> String {
    format!("{BASE}/members/{id}/password")
}

pub fn zones() -> String {
    format!("{BASE}/zones")
}

pub fn zone(id: Uuid) -> String {
    format!("{BASE}/zones/{id}")
}

pub fn zone_order() -> String {
    format!("{BASE}/zones/order")
}

pub fn zone_prefix(name: &str) -> String {
    format!("{BASE}/zones/prefix?name={}", encode(name))
}

/// Every table, or only the active ones.
pub fn tables(active_only: bool) -> String {
    if active_only {
        format!("{BASE}/tables?active=true")
    } else {
        format!("{BASE}/tables")
    }
}

pub fn table(id: Uuid) -> String {
    format!("{BASE}/tables/{id}")
}

pub fn qr_sheet() -> String {
    format!("{BASE}/tables/qr")
}

pub fn qr_rotate(id: Uuid) -> String {
    format!("{BASE}/tables/{id}/qr/rotate")
}

pub fn settings() -> String {
    format!("{BASE}/restaurant/settings")
}

pub fn opening_hours() -> String {
    format!("{BASE}/restaurant/opening-hours")
}

pub fn onboarding() -> String {
    format!("{BASE}/onboarding")
}

pub fn onboarding_complete() -> String {
    format!("{BASE}/onboarding/complete")
}

pub fn onboarding_tables_later() -> String {
    format!("{BASE}/onboarding/tables/later")
}

pub fn logo() -> String {
    format!("{BASE}/restaurant/logo")
}

/// The service grid, of one day when `date` is given.
pub fn service_grid(date: Option<&str>) -> String {
    match date {
        Some(date) => format!("{BASE}/service-grid?date={}", encode(date)),
        None => format!("{BASE}/service-grid"),
    }
}

pub fn categories() -> String {
    format!("{BASE}/menu/categories")
}

pub fn category(id: Uuid) -> String {
    format!("{BASE}/menu/categories/{id}")
}

/// The products, of one category when given, archived ones only when `archived`.
pub fn products(category: Option<Uuid>, archived: bool) -> String {
    let mut path = format!("{BASE}/menu/products");
    let mut sep = '?';
    if let Some(id) = category {
        path.push_str(&format!("{sep}category_id={id}"));
        sep = '&';
    }
    if archived {
        path.push_str(&format!("{sep}archived=true"));
    }
    path
}

pub fn product(id: Uuid) -> String {
    format!("{BASE}/menu/products/{id}")
}

/// A product's `variants`, `prices`, `availability` or `image`.
pub fn product_part(id: Uuid, part: &str) -> String {
    format!("{BASE}/menu/products/{id}/{part}")
}

pub fn menu_reorder() -> String {
    format!("{BASE}/menu/reorder")
}

pub fn menu_settings() -> String {
    format!("{BASE}/menu/settings")
}

/// The stock items, in one state (`ok`, `low`, `out`, `untracked`) when given.
pub fn stock(state: Option<&str>) -> String {
    match state {
        Some(state) => format!("{BASE}/stock?state={}", encode(state)),
        None => format!("{BASE}/stock"),
    }
}

pub fn stock_item(id: Uuid) -> String {
    format!("{BASE}/stock/{id}")
}

pub fn stock_movements(id: Uuid, limit: u32, offset: u32) -> String {
    format!("{BASE}/stock/{id}/movements?limit={limit}&offset={offset}")
}

pub fn new_stock_movement(id: Uuid) -> String {
    format!("{BASE}/stock/{id}/movements")
}
