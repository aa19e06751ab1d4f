//! Invitations by email (note 001 §B): inviting, the pending list, resending,
//! cancelling, checking and accepting a link, with their security rules.

use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{assert_problem, spawn_app, Owner, TestApp, PASSWORD};

fn new_email() -> String {
    format!("invitee-{}@example.com", Uuid::new_v4().simple())
}

async fn invite(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.send_with(Method::POST, "/api/v1/invitations", token, &body)
        .await
}

/// The owner invites `email` as a waiter; returns the invitation and its link's secret.
async fn invited(app: &TestApp, owner: &Owner, email: &str) -> (Value, String) {
    let response = invite(
        app,
        &owner.access_token,
        json!({ "email": email, "role": "waiter" }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let outcome: Value = response.json().await.unwrap();
    assert_eq!(outcome["outcome"], "invited");
    let secret = app.link_secret(email, "invitation").await;
    (outcome["invitation"].clone(), secret)
}

async fn check(app: &TestApp, secret: &str) -> reqwest::Response {
    app.post_json("/api/v1/invitations/check", &json!({ "token": secret }))
        .await
}

async fn accept_new(app: &TestApp, secret: &str, name: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/invitations/accept",
        &json!({ "token": secret, "name": name, "password": "a new kitchen phrase" }),
    )
    .await
}

async fn pending(app: &TestApp, owner: &Owner) -> Vec<Value> {
    let page: Value = app
        .get_with("/api/v1/invitations", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    page["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn inviting_a_new_address_sends_a_link_and_lists_the_invitation_as_pending() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let email = new_email();
    let (invitation, secret) = invited(&app, &owner, &email).await;
    assert_eq!(secret.len(), 64);
    let mail = app.outbox(&email, "invitation").await;
    assert_eq!(mail.len(), 1);
    assert_eq!(
        mail[0].subject,
        "Rejoignez l'équipe de Chez Léa sur Brigade"
    );
    assert!(mail[0]
        .html
        .contains(&format!("/auth/accept-invite?token={secret}")));
    let listed = pending(&app, &owner).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], invitation["id"]);
    assert_eq!(listed[0]["status"], "pending");
    assert_eq!(listed[0]["role"], "waiter");
    assert_eq!(listed[0]["invited_by"]["name"], "Ana Duval");
    let sent: chrono::DateTime<chrono::Utc> =
        listed[0]["sent_at"].as_str().unwrap().parse().unwrap();
    let expires: chrono::DateTime<chrono::Utc> =
        listed[0]["expires_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(expires - sent, Duration::hours(72));
}

#[tokio::test]
async fn the_secret_is_stored_only_as_a_hash() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let (_, secret) = invited(&app, &owner, &new_email()).await;
    let in_clear = app
        .count(&format!("one_time_tokens WHERE token_hash = '{secret}'"))
        .await;
    assert_eq!(in_clear, 0);
    assert_eq!(
        app.count("one_time_tokens WHERE purpose = 'invitation'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_new_person_accepts_with_a_name_and_password_and_lands_in_the_restaurant_with_the_role() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let email = new_email();
    let (_, secret) = invited(&app, &owner, &email).await;
    let preview: Value = check(&app, &secret).await.json().await.unwrap();
    assert_eq!(preview["restaurant_name"], "Chez Léa");
    assert_eq!(preview["email"], email);
    assert_eq!(preview["account"], "new");
    assert_eq!(preview["inviter_name"], "Ana Duval");
    let response = accept_new(&app, &secret, "Paul Martin").await;
    assert_eq!(response.status(), StatusCode::OK);
    let tokens: Value = response.json().await.unwrap();
    let me: Value = app
        .get_with("/api/v1/me", tokens["access_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["active_restaurant_id"], owner.restaurant_id.to_string());
    assert_eq!(me["role"], "waiter");
    assert_eq!(me["account"]["email_verified"], true);
    assert!(me["permissions"]
        .as_array()
        .unwrap()
        .contains(&json!("orders.create")));
    assert!(pending(&app, &owner).await.is_empty());
    let told = app.outbox(&owner.email, "invitation_accepted").await;
    assert_eq!(told.len(), 1);
    assert!(told[0].text.contains("Paul Martin"));
    assert_eq!(
        app.count("audit_log WHERE action = 'invitation.accepted'")
            .await,
        1
    );
    assert_eq!(
        app.login(&email, "a new kitchen phrase").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_link_works_once() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let (_, secret) = invited(&app, &owner, &new_email()).await;
    assert_eq!(
        accept_new(&app, &secret, "Paul").await.status(),
        StatusCode::OK
    );
    let problem = assert_problem(
        accept_new(&app, &secret, "Paul").await,
        StatusCode::GONE,
        "invitation_used",
    )
    .await;
    assert_eq!(problem["contact"]["restaurant_name"], "Chez Léa");
    assert_eq!(problem["contact"]["owner_email"], owner.email);
    assert_problem(
        check(&app, &secret).await,
        StatusCode::GONE,
        "invitation_used",
    )
    .await;
}

#[tokio::test]
async fn an_invitation_expires_after_72_hours_and_shows_as_expired_until_resent() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let email = new_email();
    let (invitation, secret) = invited(&app, &owner, &email).await;
    app.advance(Duration::hours(71));
    assert_eq!(check(&app, &secret).await.status(), StatusCode::OK);
    app.advance(Duration::hours(1));
    assert_problem(
        check(&app, &secret).await,
        StatusCode::GONE,
        "invitation_expired",
    )
    .await;
    assert_problem(
        accept_new(&app, &secret, "Paul").await,
        StatusCode::GONE,
        "invitation_expired",
    )
    .await;
    assert_eq!(pending(&app, &owner).await[0]["status"], "expired");
    let id = invitation["id"].as_str().unwrap();
    let resent = app
        .send_with(
            Method::POST,
            &format!("/api/v1/invitations/{id}/resend"),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(resent.status(), StatusCode::OK);
    assert_eq!(pending(&app, &owner).await[0]["status"], "pending");
    let fresh = app.link_secret(&email, "invitation").await;
    assert_eq!(
        accept_new(&app, &fresh, "Paul").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn resending_makes_the_old_link_stop_working() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let email = new_email();
    let (invitation, old) = invited(&app, &owner, &email).await;
    let id = invitation["id"].as_str().unwrap();
    let resent = app
        .send_with(
            Method::POST,
            &format!("/api/v1/invitations/{id}/resend"),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(resent.status(), StatusCode::OK);
    let new = app.link_secret(&email, "invitation").await;
    assert_ne!(old, new);
    assert_eq!(app.outbox(&email, "invitation").await.len(), 2);
    assert_problem(
        check(&app, &old).await,
        StatusCode::NOT_FOUND,
        "invitation_invalid",
    )
    .await;
    assert_eq!(check(&app, &new).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_cancelled_invitation_leaves_the_list_and_its_link_says_so() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let (invitation, secret) = invited(&app, &owner, &new_email()).await;
    let path = format!(
        "/api/v1/invitations/{}/cancel",
        invitation["id"].as_str().unwrap()
    );
    let cancelled = app
        .send_with(Method::POST, &path, &owner.access_token, &json!({}))
        .await;
    assert_eq!(cancelled.status(), StatusCode::NO_CONTENT);
    assert!(pending(&app, &owner).await.is_empty());
    let problem = assert_problem(
        check(&app, &secret).await,
        StatusCode::GONE,
        "invitation_cancelled",
    )
    .await;
    assert_eq!(problem["contact"]["owner_name"], "Ana Duval");
    let again = app
        .send_with(Method::POST, &path, &owner.access_token, &json!({}))
        .await;
    assert_problem(again, StatusCode::CONFLICT, "invitation_closed").await;
    assert_eq!(
        app.count("audit_log WHERE action = 'invitation.cancelled'")
            .await,
        1
    );
}

#[tokio::test]
async fn an_unknown_link_names_no_restaurant_and_is_audited() {
    let app = spawn_app().await;
    app.signup("Chez Léa").await;
    let guess = "A".repeat(64);
    let problem = assert_problem(
        check(&app, &guess).await,
        StatusCode::NOT_FOUND,
        "invitation_invalid",
    )
    .await;
    assert!(problem.get("contact").is_none());
    assert_problem(
        check(&app, "short").await,
        StatusCode::NOT_FOUND,
        "invitation_invalid",
    )
    .await;
    assert_eq!(
        app.count("audit_log WHERE action = 'invitation.check_failed'")
            .await,
        2
    );
}

#[tokio::test]
async fn one_address_checks_at_most_ten_links_a_minute() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let (_, secret) = invited(&app, &owner, &new_email()).await;
    for _ in 0..10 {
        assert_eq!(
            check(&app, &"B".repeat(64)).await.status(),
            StatusCode::NOT_FOUND
        );
    }
    let refused = check(&app, &secret).await;
    assert!(refused.headers().get("retry-after").is_some());
    assert_problem(refused, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    let accepting = accept_new(&app, &secret, "Paul").await;
    assert_eq!(accepting.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn nobody_is_invited_as_owner() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let response = invite(
        &app,
        &owner.access_token,
        json!({ "email": new_email(), "role": "owner" }),
    )
    .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "role");
    assert_eq!(problem["errors"][0]["code"], "not_assignable");
    assert_eq!(app.count("invitations").await, 0);
}

#[tokio::test]
async fn inviting_with_more_power_than_one_holds_is_refused() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    // A waiter who may invite, through a custom role, and nothing more.
    let (waiter, recruiter) = app.add_member(owner.restaurant_id, "waiter").await;
    app.give_custom_role(
        &owner.access_token,
        waiter,
        "Recruiter",
        &["staff.view", "staff.create"],
    )
    .await;
    let as_manager = invite(
        &app,
        &recruiter,
        json!({ "email": new_email(), "role": "manager" }),
    )
    .await;
    let problem =
        assert_problem(as_manager, StatusCode::FORBIDDEN, "exceeds_own_permissions").await;
    assert!(!problem["exceeding_permissions"]
        .as_array()
        .unwrap()
        .is_empty());
    let as_waiter = invite(
        &app,
        &recruiter,
        json!({ "email": new_email(), "role": "waiter" }),
    )
    .await;
    assert_eq!(as_waiter.status(), StatusCode::CREATED);
    app.execute("DELETE FROM invitations", vec![])
        .await
        .unwrap();
    let with_grant = invite(
        &app,
        &owner.access_token,
        json!({ "email": new_email(), "role": "waiter", "overrides": { "grant": ["nope.nope"] } }),
    )
    .await;
    let problem = assert_problem(
        with_grant,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert!(problem["errors"][0]["field"]
        .as_str()
        .unwrap()
        .starts_with("overrides."));
    assert_eq!(app.count("invitations").await, 0);
}

#[tokio::test]
async fn a_waiter_may_not_invite() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let response = invite(
        &app,
        &waiter,
        json!({ "email": new_email(), "role": "waiter" }),
    )
    .await;
    assert_problem(response, StatusCode::FORBIDDEN, "permission_denied").await;
    let listing = app.get_with("/api/v1/invitations", &waiter).await;
    assert_problem(listing, StatusCode::FORBIDDEN, "permission_denied").await;
}

#[tokio::test]
async fn personal_overrides_travel_with_the_invitation() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let email = new_email();
    let response = invite(
        &app,
        &owner.access_token,
        json!({ "email": email, "role": "waiter", "language": "it",
                "overrides": { "grant": ["orders.cancel"], "deny": ["orders.create"] } }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(
        app.outbox(&email, "invitation").await[0].subject,
        "Unisciti al team di Chez Léa su Brigade"
    );
    let secret = app.link_secret(&email, "invitation").await;
    let tokens: Value = accept_new(&app, &secret, "Paola")
        .await
        .json()
        .await
        .unwrap();
    let permissions = app
        .permissions_of(tokens["access_token"].as_str().unwrap())
        .await;
    assert!(permissions.contains(&"orders.cancel".to_owned()));
    assert!(!permissions.contains(&"orders.create".to_owned()));
}

#[tokio::test]
async fn inviting_a_member_is_a_conflict() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let response = invite(
        &app,
        &owner.access_token,
        json!({ "email": owner.email, "role": "waiter" }),
    )
    .await;
    assert_problem(response, StatusCode::CONFLICT, "already_member").await;
}

#[tokio::test]
async fn inviting_an_email_again_refreshes_its_pending_invitation() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let email = new_email();
    let (first, old) = invited(&app, &owner, &email).await;
    let again = invite(
        &app,
        &owner.access_token,
        json!({ "email": email, "role": "chef" }),
    )
    .await;
    assert_eq!(again.status(), StatusCode::OK);
    let outcome: Value = again.json().await.unwrap();
    assert_eq!(outcome["invitation"]["id"], first["id"]);
    assert_eq!(outcome["invitation"]["role"], "chef");
    assert_eq!(app.count("invitations").await, 1);
    assert_problem(
        check(&app, &old).await,
        StatusCode::NOT_FOUND,
        "invitation_invalid",
    )
    .await;
}

#[tokio::test]
async fn a_retried_invitation_with_the_same_key_sends_nothing_more() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let email = new_email();
    let send = || {
        app.client
            .post(app.url("/api/v1/invitations"))
            .bearer_auth(&owner.access_token)
            .header("Idempotency-Key", "invite-paul-1")
            .json(&json!({ "email": email, "role": "waiter" }))
            .send()
    };
    assert_eq!(send().await.unwrap().status(), StatusCode::CREATED);
    let retried = send().await.unwrap();
    assert_eq!(retried.status(), StatusCode::OK);
    assert_eq!(app.outbox(&email, "invitation").await.len(), 1);
    let other = app
        .client
        .post(app.url("/api/v1/invitations"))
        .bearer_auth(&owner.access_token)
        .header("Idempotency-Key", "invite-paul-1")
        .json(&json!({ "email": new_email(), "role": "waiter" }))
        .send()
        .await
        .unwrap();
    assert_problem(other, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
}

/// Marks an account's email as proven, as its verification link would.
async fn prove(app: &TestApp, email: &str) {
    app.execute(
        "UPDATE accounts SET email_verified = true WHERE email = $1",
        vec![email.into()],
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_person_with_a_proven_account_joins_at_once_and_is_told() {
    let app = spawn_app().await;
    let here = app.signup("Chez Léa").await;
    let elsewhere = app.signup("Da Mario").await;
    prove(&app, &elsewhere.email).await;
    let response = invite(
        &app,
        &here.access_token,
        json!({ "email": elsewhere.email, "role": "manager" }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let outcome: Value = response.json().await.unwrap();
    assert_eq!(outcome["outcome"], "added");
    assert_eq!(outcome["member"]["role"], "manager");
    assert_eq!(app.count("invitations WHERE status = 'pending'").await, 0);
    let told = app.outbox(&elsewhere.email, "member_added").await;
    assert_eq!(
        told[0].subject,
        "Vous avez rejoint l'équipe de Chez Léa sur Brigade"
    );
    let me: Value = app
        .get_with("/api/v1/me", &elsewhere.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["restaurants"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_proven_account_accepts_with_its_own_password_only() {
    let app = spawn_app().await;
    let here = app.signup("Chez Léa").await;
    let person = app.signup("Da Mario").await;
    let (_, secret) = invited(&app, &here, &person.email).await;
    prove(&app, &person.email).await;
    let preview: Value = check(&app, &secret).await.json().await.unwrap();
    assert_eq!(preview["account"], "existing");
    let wrong = app
        .post_json(
            "/api/v1/invitations/accept",
            &json!({ "token": secret, "password": "not the password" }),
        )
        .await;
    assert_problem(wrong, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    let right = app
        .post_json(
            "/api/v1/invitations/accept",
            &json!({ "token": secret, "password": PASSWORD }),
        )
        .await;
    assert_eq!(right.status(), StatusCode::OK);
    let tokens: Value = right.json().await.unwrap();
    let me: Value = app
        .get_with("/api/v1/me", tokens["access_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["active_restaurant_id"], here.restaurant_id.to_string());
    assert_eq!(me["account"]["name"], "Ana Duval");
}

#[tokio::test]
async fn an_unproven_account_is_invited_like_a_new_address_and_accepting_hands_it_to_the_email_holder(
) {
    let app = spawn_app().await;
    let other = app.signup("Da Mario").await;
    let email = new_email();
    let created = app
        .send_with(
            Method::POST,
            "/api/v1/members",
            &other.access_token,
            &json!({ "email": email, "name": "Given by Mario", "temporary_password": "mario's choice 1", "role": "waiter" }),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let mario_session: Value = app
        .login(&email, "mario's choice 1")
        .await
        .json()
        .await
        .unwrap();
    let here = app.signup("Chez Léa").await;
    let (_, secret) = invited(&app, &here, &email).await;
    let preview: Value = check(&app, &secret).await.json().await.unwrap();
    assert_eq!(preview["account"], "unproven");
    assert_eq!(
        accept_new(&app, &secret, "Paul Martin").await.status(),
        StatusCode::OK
    );
    assert_problem(
        app.login(&email, "mario's choice 1").await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    let refreshed = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": mario_session["refresh_token"] }),
        )
        .await;
    assert_eq!(refreshed.status(), StatusCode::UNAUTHORIZED);
    let me: Value = app
        .get_with(
            "/api/v1/me",
            mario_session["access_token"].as_str().unwrap(),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["code"], "unauthenticated");
}

#[tokio::test]
async fn another_restaurants_invitation_is_not_found() {
    let app = spawn_app().await;
    let a = app.signup("Chez Léa").await;
    let b = app.signup("Da Mario").await;
    let (invitation, _) = invited(&app, &b, &new_email()).await;
    let id = invitation["id"].as_str().unwrap();
    for action in ["resend", "cancel"] {
        let response = app
            .send_with(
                Method::POST,
                &format!("/api/v1/invitations/{id}/{action}"),
                &a.access_token,
                &json!({}),
            )
            .await;
        assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    }
    assert!(pending(&app, &a).await.is_empty());
    assert_eq!(pending(&app, &b).await[0]["status"], "pending");
}

#[tokio::test]
async fn two_people_accepting_one_link_at_once_on_two_replicas_make_one_member() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let email = new_email();
    let (_, secret) = invited(&app, &owner, &email).await;
    let replica = app.spawn_replica().await;
    let body = json!({ "token": secret, "name": "Paul", "password": "a new kitchen phrase" });
    let (one, two) = tokio::join!(
        app.client
            .post(app.url("/api/v1/invitations/accept"))
            .json(&body)
            .send(),
        app.client
            .post(format!("{replica}/api/v1/invitations/accept"))
            .json(&body)
            .send(),
    );
    let statuses = [one.unwrap().status(), two.unwrap().status()];
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(app.count("accounts").await, 2);
    assert_eq!(app.count("memberships").await, 2);
}

#[tokio::test]
async fn a_less_powerful_member_may_not_refresh_or_cancel_a_more_powerful_invitation() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Léa").await;
    let email = new_email();
    let response = invite(
        &app,
        &owner.access_token,
        json!({ "email": email, "role": "admin" }),
    )
    .await;
    let invitation: Value = response.json().await.unwrap();
    let id = invitation["invitation"]["id"].as_str().unwrap().to_owned();
    let (waiter, recruiter) = app.add_member(owner.restaurant_id, "waiter").await;
    app.give_custom_role(
        &owner.access_token,
        waiter,
        "Recruiter",
        &["staff.view", "staff.create"],
    )
    .await;
    let refreshed = invite(
        &app,
        &recruiter,
        json!({ "email": email, "role": "waiter" }),
    )
    .await;
    assert_problem(refreshed, StatusCode::FORBIDDEN, "exceeds_own_permissions").await;
    let cancelled = app
        .send_with(
            Method::POST,
            &format!("/api/v1/invitations/{id}/cancel"),
            &recruiter,
            &json!({}),
        )
        .await;
    assert_problem(cancelled, StatusCode::FORBIDDEN, "exceeds_own_permissions").await;
    assert_eq!(pending(&app, &owner).await[0]["role"], "admin");
}

#[tokio::test]
async fn a_retried_invitation_that_added_the_person_answers_the_same_again() {
    let app = spawn_app().await;
    let here = app.signup("Chez Léa").await;
    let other = app.signup("Da Mario").await;
    prove(&app, &other.email).await;
    let send = || {
        app.client
            .post(app.url("/api/v1/invitations"))
            .bearer_auth(&here.access_token)
            .header("Idempotency-Key", "add-mario")
            .json(&json!({ "email": other.email, "role": "waiter" }))
            .send()
    };
    assert_eq!(send().await.unwrap().status(), StatusCode::CREATED);
    let again = send().await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    let outcome: Value = again.json().await.unwrap();
    assert_eq!(outcome["outcome"], "added");
    assert_eq!(app.outbox(&other.email, "member_added").await.len(), 1);
}

#[tokio::test]
async fn a_wrong_password_when_accepting_is_a_failed_login() {
    let app = spawn_app().await;
    let here = app.signup("Chez Léa").await;
    let person = app.signup("Da Mario").await;
    let (_, secret) = invited(&app, &here, &person.email).await;
    prove(&app, &person.email).await;
    let wrong = app
        .post_json(
            "/api/v1/invitations/accept",
            &json!({ "token": secret, "password": "not the password" }),
        )
        .await;
    assert_problem(wrong, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    assert_eq!(
        app.count("audit_log WHERE action = 'auth.login_failed'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_body_that_is_not_an_object_is_refused() {
    let app = spawn_app().await;
    let response = app
        .post_json(
            "/api/v1/invitations/accept",
            &json!(["token", "name", "password"]),
        )
        .await;
    assert_problem(response, StatusCode::BAD_REQUEST, "malformed_body").await;
}
