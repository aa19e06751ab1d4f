//! No change without its audit entry: when the entry cannot be written, the change it
//! describes does not happen either, whichever change it is.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{assert_problem, spawn_app};

#[tokio::test]
async fn no_team_or_role_change_commits_when_its_audit_entry_cannot_be_written() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let token = owner.access_token.as_str();
    let (waiter, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let (admin, _) = app.add_member(owner.restaurant_id, "admin").await;
    let (sleeper, _) = app.add_member(owner.restaurant_id, "chef").await;
    let role: Value = app
        .send_with(
            Method::POST,
            "/api/v1/roles",
            token,
            &json!({ "name": "Barman", "color": "#2f855a", "permissions": ["inventory.view"] }),
        )
        .await
        .json()
        .await
        .unwrap();
    let role = role["id"].as_str().unwrap().parse::<Uuid>().unwrap();
    for (method, path, body) in [
        (
            Method::PATCH,
            format!("/api/v1/members/{waiter}"),
            json!({ "custom_role_ids": [role] }),
        ),
        (
            Method::POST,
            format!("/api/v1/members/{sleeper}/deactivate"),
            json!({}),
        ),
        (
            Method::PUT,
            "/api/v1/roles/system/cashier".to_owned(),
            json!({ "permissions": ["orders.view_all"] }),
        ),
    ] {
        let response = app.send_with(method, &path, token, &body).await;
        assert!(response.status().is_success(), "setting the scene: {path}");
    }
    let before = app.restaurant_state(token).await;
    app.refuse_audit_writes().await;
    let changes = [
        (
            Method::POST,
            "/api/v1/members".to_owned(),
            json!({
                "email": "lea@example.com", "name": "Léa", "temporary_password": "a temporary kitchen phrase", "role": "waiter",
            }),
        ),
        (
            Method::PATCH,
            format!("/api/v1/members/{waiter}"),
            json!({ "name": "Zoé", "role": "chef", "custom_role_ids": [] }),
        ),
        (
            Method::POST,
            format!("/api/v1/members/{waiter}/deactivate"),
            json!({}),
        ),
        (
            Method::POST,
            format!("/api/v1/members/{sleeper}/reactivate"),
            json!({}),
        ),
        (
            Method::DELETE,
            format!("/api/v1/members/{waiter}"),
            json!({}),
        ),
        (
            Method::PUT,
            format!("/api/v1/members/{waiter}/overrides"),
            json!({ "deny": ["orders.create"] }),
        ),
        (
            Method::POST,
            "/api/v1/roles".to_owned(),
            json!({ "name": "Sommelier", "color": "#2f855a", "permissions": [] }),
        ),
        (
            Method::PUT,
            format!("/api/v1/roles/{role}"),
            json!({ "name": "Bar", "color": "#123456", "permissions": [] }),
        ),
        (
            Method::DELETE,
            format!("/api/v1/roles/{role}?reassign_to=chef"),
            json!({}),
        ),
        (
            Method::PUT,
            "/api/v1/roles/system/chef".to_owned(),
            json!({ "permissions": [] }),
        ),
        (
            Method::DELETE,
            "/api/v1/roles/system/cashier".to_owned(),
            json!({}),
        ),
        (
            Method::POST,
            "/api/v1/ownership/transfer".to_owned(),
            json!({ "member_id": admin }),
        ),
    ];
    for (method, path, body) in changes {
        let what = format!("{method} {path}");
        let response = app.send_with(method, &path, token, &body).await;
        let problem = assert_problem(response, StatusCode::INTERNAL_SERVER_ERROR, "internal").await;
        assert!(problem["request_id"].is_string(), "{what}");
    }
    assert_eq!(app.restaurant_state(token).await, before);
}
