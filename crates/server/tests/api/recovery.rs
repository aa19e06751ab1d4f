//! Getting back into an account: a password reset by email, a temporary password set
//! by the team's manager, proving an email, and leaving a restaurant.

use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, spawn_app, TestApp, PASSWORD};

/// The password a person chooses as they prove their email.
const PROVEN: &str = "a proven kitchen phrase";

async fn verify(app: &TestApp, secret: &str, password: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/auth/verify-email",
        &json!({ "token": secret, "password": password }),
    )
    .await
}

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
    assert_eq!(
        app.outbox_of(&owner.email, "password_reset", 1).await.len(),
        1
    );
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
        StatusCode::NOT_FOUND,
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
        StatusCode::NOT_FOUND,
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
async fn past_five_resets_an_hour_an_email_gets_no_more_mail_and_its_links_still_work() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    for _ in 0..5 {
        let status = ask_reset(&app, &owner.email).await.status();
        assert_eq!(status, StatusCode::ACCEPTED);
    }
    let sent = app.outbox_of(&owner.email, "password_reset", 5).await;
    assert_eq!(sent.len(), 5);
    assert_eq!(
        ask_reset(&app, &owner.email).await.status(),
        StatusCode::ACCEPTED
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.outbox(&owner.email, "password_reset").await.len(), 5);
    // Whoever asked in the person's name, the first link they received still works,
    // and using it ends the others.
    let first = crate::helpers::secret_in(&sent[0].text).unwrap();
    let last = crate::helpers::secret_in(&sent[4].text).unwrap();
    let used = complete(&app, &first, "another kitchen phrase").await;
    assert_eq!(used.status(), StatusCode::NO_CONTENT);
    let later = complete(&app, &last, "a third kitchen phrase").await;
    assert_problem(later, StatusCode::NOT_FOUND, "link_invalid").await;
}

#[tokio::test]
async fn one_address_asks_for_at_most_twenty_resets_an_hour() {
    let app = spawn_app().await;
    for n in 0..20 {
        let status = ask_reset(&app, &format!("someone-{n}@example.com"))
            .await
            .status();
        assert_eq!(status, StatusCode::ACCEPTED);
    }
    let refused = ask_reset(&app, "one-more@example.com").await;
    assert!(refused.headers().get("retry-after").is_some());
    assert_problem(refused, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
}

#[tokio::test]
async fn a_reset_link_stops_working_once_the_password_is_changed() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    ask_reset(&app, &owner.email).await;
    let secret = app.link_secret(&owner.email, "password_reset").await;
    let changed = app
        .send_with(
            Method::POST,
            "/api/v1/me/password",
            &owner.access_token,
            &json!({ "current_password": PASSWORD, "new_password": "another kitchen phrase" }),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    let late = complete(&app, &secret, "a third kitchen phrase").await;
    assert_problem(late, StatusCode::NOT_FOUND, "link_invalid").await;
}

#[tokio::test]
async fn a_reset_for_a_person_in_no_restaurant_is_audited_too() {
    let app = spawn_app().await;
    let other = app.signup("Da Mario").await;
    app.execute(
        "DELETE FROM memberships WHERE account_id = $1",
        vec![other.account_id.into()],
    )
    .await
    .unwrap();
    ask_reset(&app, &other.email).await;
    let secret = app.link_secret(&other.email, "password_reset").await;
    let done = complete(&app, &secret, "another kitchen phrase").await;
    assert_eq!(done.status(), StatusCode::NO_CONTENT);
    let global = "audit_log WHERE action = 'account.password_reset' AND tenant_id IS NULL";
    assert_eq!(app.count(global).await, 1);
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
    let email = app.email_of(&waiter_token).await;
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
    app.give_custom_role(
        &owner.access_token,
        waiter,
        "Editor",
        &["staff.view", "staff.edit"],
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
    let verified = verify(&app, &secret, PROVEN).await;
    assert_eq!(verified.status(), StatusCode::NO_CONTENT);
    // Every session ends: the person logs in with the password they just chose.
    assert_eq!(
        app.get_with("/api/v1/me", &owner.access_token)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let tokens: Value = app.login(&owner.email, PROVEN).await.json().await.unwrap();
    let token = tokens["access_token"].as_str().unwrap();
    let me: Value = app
        .get_with("/api/v1/me", token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["account"]["email_verified"], true);
    let again = verify(&app, &secret, "yet another kitchen phrase").await;
    assert_problem(again, StatusCode::NOT_FOUND, "link_invalid").await;
    let nothing_to_do = app
        .send_with(
            Method::POST,
            "/api/v1/me/email-verification",
            token,
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
    let old = verify(&app, &first, PROVEN).await;
    assert_problem(old, StatusCode::NOT_FOUND, "link_invalid").await;
    let new = verify(&app, &second, PROVEN).await;
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

#[tokio::test]
async fn proving_an_email_ends_any_password_someone_else_chose() {
    let app = spawn_app().await;
    // A restaurant creates someone's account, logs in as them and sets a password the
    // real person does not know.
    let owner = app.signup("Chez Léa").await;
    let email = format!("victim-{}@example.com", uuid::Uuid::new_v4().simple());
    let created = app
        .send_with(Method::POST, "/api/v1/members", &owner.access_token,
            &json!({ "email": email, "name": "Victor", "temporary_password": "chosen for victor 1", "role": "waiter" }))
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let tokens: Value = app
        .login(&email, "chosen for victor 1")
        .await
        .json()
        .await
        .unwrap();
    let token = tokens["access_token"].as_str().unwrap();
    app.send_with(Method::POST, "/api/v1/me/password", token,
        &json!({ "current_password": "chosen for victor 1", "new_password": "known to the restaurant" }))
        .await;
    let token: Value = app
        .login(&email, "known to the restaurant")
        .await
        .json()
        .await
        .unwrap();
    let asked = app
        .send_with(
            Method::POST,
            "/api/v1/me/email-verification",
            token["access_token"].as_str().unwrap(),
            &json!({}),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    // Handed the restaurant's password, the real person may not keep it as theirs.
    let secret = app.link_secret(&email, "verify_email").await;
    let kept = verify(&app, &secret, "known to the restaurant").await;
    let problem = assert_problem(kept, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "password");
    assert_eq!(problem["errors"][0]["code"], "unchanged");
    assert_eq!(app.count("accounts WHERE email_verified = true").await, 0);
    // With a password of their own, the account is theirs alone.
    assert_eq!(
        verify(&app, &secret, PROVEN).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_problem(
        app.login(&email, "known to the restaurant").await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    assert_eq!(
        app.get_with("/api/v1/me", token["access_token"].as_str().unwrap())
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.login(&email, PROVEN).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_proven_account_is_never_given_a_temporary_password_by_a_restaurant() {
    let app = spawn_app().await;
    let here = app.signup("Chez Léa").await;
    let (waiter, waiter_token) = app.add_member(here.restaurant_id, "waiter").await;
    let email = app.email_of(&waiter_token).await;
    app.execute(
        "UPDATE accounts SET email_verified = true WHERE email = $1",
        vec![email.clone().into()],
    )
    .await
    .unwrap();
    let response = reset_member(&app, &here.access_token, waiter, json!({})).await;
    assert_problem(response, StatusCode::CONFLICT, "proven_account").await;
    assert_eq!(app.login(&email, PASSWORD).await.status(), StatusCode::OK);
}
