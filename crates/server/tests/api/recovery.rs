//! Getting back into an account: a password reset by email, a temporary password set
//! by the team's manager, proving an email, and leaving a restaurant.

use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, spawn_app, TestApp};

async fn ask_reset(app: &TestApp, email: &str) -> reqwest::Response {
    app.post_json("/api/v1/auth/password-reset", &json!({ "email": email }))
        .await
}

async fn complete(app: &TestApp, secret: &str, password: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/auth/password-reset/complete",
        &json!({ "token": secret, "password": password }),
    )
    .await
}

#[tokio::test]
async fn asking_for_a_reset_answers_the_same_whether_or_not_the_email_has_an_account() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let known = ask_reset(&app, &owner.email).await;
    let unknown = ask_reset(&app, "nobody@example.com").await;
    assert_eq!(known.status(), StatusCode::ACCEPTED);
    assert_eq!(unknown.status(), StatusCode::ACCEPTED);
    assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());
    assert_eq!(app.outbox(&owner.email, "password_reset").await.len(), 1);
    assert!(app
        .outbox("nobody@example.com", "password_reset")
        .await
        .is_empty());
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_and_ends_every_session() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    ask_reset(&app, &owner.email).await;
    let secret = app.link_secret(&owner.email, "password_reset").await;
    assert_eq!(
        complete(&app, &secret, "another kitchen phrase")
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let refreshed = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": owner.refresh_token }),
        )
        .await;
    assert_eq!(refreshed.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.get_with("/api/v1/me", &owner.access_token)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(&owner.email, "another kitchen phrase")
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'account.password_reset'")
            .await,
        1
    );
    assert_problem(
        complete(&app, &secret, "a third kitchen phrase").await,
        StatusCode::GONE,
        "link_invalid",
    )
    .await;
}

#[tokio::test]
async fn a_reset_link_expires_after_an_hour() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    ask_reset(&app, &owner.email).await;
    let secret = app.link_secret(&owner.email, "password_reset").await;
    app.advance(Duration::minutes(61));
    assert_problem(
        complete(&app, &secret, "another kitchen phrase").await,
        StatusCode::GONE,
        "link_invalid",
    )
    .await;
    assert_eq!(
        app.count("audit_log WHERE action = 'auth.link_check_failed'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_weak_new_password_is_refused_and_the_link_still_works() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    ask_reset(&app, &owner.email).await;
    let secret = app.link_secret(&owner.email, "password_reset").await;
    let weak = complete(&app, &secret, "password").await;
    let problem = assert_problem(weak, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "password");
    assert_eq!(
        complete(&app, &secret, "another kitchen phrase")
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn resets_are_limited_per_email() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    for _ in 0..5 {
        assert_eq!(
            ask_reset(&app, &owner.email).await.status(),
            StatusCode::ACCEPTED
        );
    }
    let refused = ask_reset(&app, &owner.email).await;
    assert!(refused.headers().get("retry-after").is_some());
    assert_problem(refused, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
}

async fn reset_member(
    app: &TestApp,
    token: &str,
    member: uuid::Uuid,
    body: Value,
) -> reqwest::Response {
    app.send_with(
        Method::POST,
        &format!("/api/v1/members/{member}/password"),
        token,
        &body,
    )
    .await
}

#[tokio::test]
async fn the_owner_gives_a_waiter_a_temporary_password_to_replace_at_login() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let (waiter, waiter_token) = app.add_member(owner.restaurant_id, "waiter").await;
    let me: Value = app
        .get_with("/api/v1/me", &waiter_token)
        .await
        .json()
        .await
        .unwrap();
    let email = me["account"]["email"].as_str().unwrap().to_owned();
    let response = reset_member(&app, &owner.access_token, waiter, json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let shown: Value = response.json().await.unwrap();
    let temporary = shown["temporary_password"].as_str().unwrap();
    assert_eq!(temporary.len(), 16);
    assert_eq!(
        app.get_with("/api/v1/me", &waiter_token).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let tokens: Value = app.login(&email, temporary).await.json().await.unwrap();
    let me: Value = app
        .get_with("/api/v1/me", tokens["access_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["password_change_required"], true);
    let audit = app
        .count("audit_log WHERE action = 'member.password_reset'")
        .await;
    assert_eq!(audit, 1);
}

#[tokio::test]
async fn nobody_resets_the_password_of_someone_more_powerful_or_of_the_owner() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let (admin, _) = app.add_member(owner.restaurant_id, "admin").await;
    // A waiter who may edit members, through a custom role, and little more.
    let (waiter, editor) = app.add_member(owner.restaurant_id, "waiter").await;
    let role: Value = app
        .send_with(Method::POST, "/api/v1/roles", &owner.access_token,
            &json!({ "name": "Editor", "color": "#2f855a", "permissions": ["staff.view", "staff.edit"] }))
        .await
        .json()
        .await
        .unwrap();
    app.send_with(
        Method::PATCH,
        &format!("/api/v1/members/{waiter}"),
        &owner.access_token,
        &json!({ "custom_role_ids": [role["id"]] }),
    )
    .await;
    let me: Value = app
        .get_with("/api/v1/me", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let owner_member: uuid::Uuid = me["membership_id"].as_str().unwrap().parse().unwrap();
    let on_admin = reset_member(&app, &editor, admin, json!({})).await;
    assert_problem(on_admin, StatusCode::FORBIDDEN, "exceeds_own_permissions").await;
    let (_, admin_token) = app.add_member(owner.restaurant_id, "admin").await;
    let on_owner = reset_member(&app, &admin_token, owner_member, json!({})).await;
    assert_problem(on_owner, StatusCode::FORBIDDEN, "owner_protected").await;
}

#[tokio::test]
async fn a_member_of_another_restaurant_keeps_the_password_they_chose() {
    let app = spawn_app().await;
    let here = app.signup("Chez Léa").await;
    let other = app.signup("Da Mario").await;
    let member = app
        .join(other.account_id, here.restaurant_id, "waiter", true)
        .await;
    let response = reset_member(&app, &here.access_token, member, json!({})).await;
    assert_problem(response, StatusCode::CONFLICT, "email_taken").await;
    assert_eq!(
        app.login(&other.email, crate::helpers::PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn sign_up_sends_a_link_that_proves_the_email() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let me: Value = app
        .get_with("/api/v1/me", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["account"]["email_verified"], false);
    let secret = app.link_secret(&owner.email, "verify_email").await;
    let verified = app
        .post_json("/api/v1/auth/verify-email", &json!({ "token": secret }))
        .await;
    assert_eq!(verified.status(), StatusCode::NO_CONTENT);
    let me: Value = app
        .get_with("/api/v1/me", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["account"]["email_verified"], true);
    let again = app
        .post_json("/api/v1/auth/verify-email", &json!({ "token": secret }))
        .await;
    assert_problem(again, StatusCode::GONE, "link_invalid").await;
    let nothing_to_do = app
        .send_with(
            Method::POST,
            "/api/v1/me/email-verification",
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(nothing_to_do.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_new_verification_link_replaces_the_last() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let first = app.link_secret(&owner.email, "verify_email").await;
    let asked = app
        .send_with(
            Method::POST,
            "/api/v1/me/email-verification",
            &owner.access_token,
            &json!({ "language": "en" }),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let second = app.link_secret(&owner.email, "verify_email").await;
    assert_ne!(first, second);
    let old = app
        .post_json("/api/v1/auth/verify-email", &json!({ "token": first }))
        .await;
    assert_problem(old, StatusCode::GONE, "link_invalid").await;
    let new = app
        .post_json("/api/v1/auth/verify-email", &json!({ "token": second }))
        .await;
    assert_eq!(new.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_member_leaves_a_restaurant_from_their_profile_but_the_owner_cannot() {
    let app = spawn_app().await;
    let here = app.signup("Chez Léa").await;
    let other = app.signup("Da Mario").await;
    app.join(other.account_id, here.restaurant_id, "waiter", true)
        .await;
    let left = app
        .send_with(
            Method::DELETE,
            &format!("/api/v1/me/restaurants/{}", here.restaurant_id),
            &other.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(left.status(), StatusCode::NO_CONTENT);
    let me: Value = app
        .get_with("/api/v1/me", &other.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["restaurants"].as_array().unwrap().len(), 1);
    assert_eq!(app.count("audit_log WHERE action = 'member.left'").await, 1);
    let owner_leaves = app
        .send_with(
            Method::DELETE,
            &format!("/api/v1/me/restaurants/{}", here.restaurant_id),
            &here.access_token,
            &json!({}),
        )
        .await;
    assert_problem(owner_leaves, StatusCode::CONFLICT, "owner_cannot_leave").await;
    let not_mine = app
        .send_with(
            Method::DELETE,
            &format!("/api/v1/me/restaurants/{}", here.restaurant_id),
            &other.access_token,
            &json!({}),
        )
        .await;
    assert_problem(not_mine, StatusCode::NOT_FOUND, "not_found").await;
}
