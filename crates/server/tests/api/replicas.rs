//! What each replica remembers of who may do what never outlives a change made
//! through another: every request first reads its restaurant's access version, which
//! every such change moves, in the change's own transaction.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{assert_problem, spawn_app, TestApp};

/// `GET path` with `token` on the replica at `base`.
async fn get_on(app: &TestApp, base: &str, path: &str, token: &str) -> reqwest::Response {
    app.client
        .get(format!("{base}{path}"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

/// Sets a member's personal overrides through the first replica.
async fn set_overrides(app: &TestApp, token: &str, member: Uuid, overrides: Value) {
    let response = app
        .send_with(
            Method::PUT,
            &format!("/api/v1/members/{member}/overrides"),
            token,
            &overrides,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

async fn assert_signed_out(response: reqwest::Response) {
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

#[tokio::test]
async fn a_permission_changed_through_one_replica_applies_on_the_next_request_to_another() {
    let app = spawn_app().await;
    let other = app.spawn_replica().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter_id, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    // The other replica resolves the waiter and remembers them.
    for _ in 0..3 {
        let refused = get_on(&app, &other, "/api/v1/members", &waiter).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
    set_overrides(
        &app,
        &owner.access_token,
        waiter_id,
        json!({ "grant": ["staff.view"] }),
    )
    .await;
    let granted = get_on(&app, &other, "/api/v1/members", &waiter).await;
    assert_eq!(granted.status(), StatusCode::OK);
    // And back: taken away through the first replica, refused at once by the other.
    set_overrides(
        &app,
        &owner.access_token,
        waiter_id,
        json!({ "deny": ["staff.view"] }),
    )
    .await;
    let refused = get_on(&app, &other, "/api/v1/members", &waiter).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_session_ended_through_one_replica_is_refused_at_once_by_another() {
    let app = spawn_app().await;
    let other = app.spawn_replica().await;
    let owner = app.signup("Chez Ana").await;
    for _ in 0..2 {
        let me = get_on(&app, &other, "/api/v1/me", &owner.access_token).await;
        assert_eq!(me.status(), StatusCode::OK);
    }
    let logout = app
        .post_json(
            "/api/v1/auth/logout",
            &json!({ "refresh_token": owner.refresh_token }),
        )
        .await;
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    assert_signed_out(get_on(&app, &other, "/api/v1/me", &owner.access_token).await).await;
}

#[tokio::test]
async fn a_member_deactivated_through_one_replica_is_signed_out_of_another() {
    let app = spawn_app().await;
    let other = app.spawn_replica().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter_id, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    assert_eq!(
        get_on(&app, &other, "/api/v1/me", &waiter).await.status(),
        StatusCode::OK
    );
    let deactivated = app
        .send_with(
            Method::POST,
            &format!("/api/v1/members/{waiter_id}/deactivate"),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(deactivated.status(), StatusCode::OK);
    assert_signed_out(get_on(&app, &other, "/api/v1/me", &waiter).await).await;
}

#[tokio::test]
async fn a_password_changed_through_one_replica_ends_the_other_sessions_everywhere() {
    let app = spawn_app().await;
    let other = app.spawn_replica().await;
    let owner = app.signup("Chez Ana").await;
    let second: Value = app
        .login(&owner.email, crate::helpers::PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    let second = second["access_token"].as_str().unwrap().to_owned();
    assert_eq!(
        get_on(&app, &other, "/api/v1/me", &second).await.status(),
        StatusCode::OK
    );
    let changed = app
        .send_with(
            Method::POST,
            "/api/v1/me/password",
            &owner.access_token,
            &json!({ "current_password": crate::helpers::PASSWORD, "new_password": "another long kitchen phrase" }),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    assert_signed_out(get_on(&app, &other, "/api/v1/me", &second).await).await;
}
