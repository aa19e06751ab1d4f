//! Mail through Resend: the exact request resend-rs makes to (a local mock of) its
//! HTTP API, and a failed send retried without losing what it carries.

use std::time::Duration as StdDuration;

use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::helpers::{secret_in, spawn_app_with, TestApp};

async fn resend_mock() -> MockServer {
    MockServer::start().await
}

async fn app_sending_to(mock: &MockServer) -> TestApp {
    spawn_app_with(&[
        ("RESEND_API_KEY", "re_test_key"),
        ("BRIGADE_RESEND_BASE_URL", &mock.uri()),
        ("BRIGADE_MAIL_FROM", "Brigade <team@brigade.test>"),
        ("BRIGADE_PUBLIC_URL", "https://brigade.test"),
    ])
    .await
}

/// Waits until the mock has received `n` requests to `/emails`.
async fn emails_received(mock: &MockServer, n: usize) -> Vec<wiremock::Request> {
    for _ in 0..100 {
        let received: Vec<_> = mock
            .received_requests()
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|request| request.url.path() == "/emails")
            .collect();
        if received.len() >= n {
            return received;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    panic!("Resend did not receive {n} emails");
}

#[tokio::test]
async fn an_invitation_is_sent_through_resend_with_its_link_in_both_bodies() {
    let mock = resend_mock().await;
    Mock::given(method("POST"))
        .and(path("/emails"))
        .and(header("authorization", "Bearer re_test_key"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "id": "4ef9a417-02e9-4d39-ad75-9611e0fcc33c" })),
        )
        .mount(&mock)
        .await;
    let app = app_sending_to(&mock).await;
    let owner = app.signup("Chez Léa").await;
    let email = format!("paul-{}@example.com", uuid::Uuid::new_v4().simple());
    let invited = app
        .send_with(
            Method::POST,
            "/api/v1/invitations",
            &owner.access_token,
            &json!({ "email": email, "role": "chef", "language": "en" }),
        )
        .await;
    assert_eq!(invited.status(), StatusCode::CREATED);
    // The owner's verification link at sign-up, then the invitation.
    let received = emails_received(&mock, 2).await;
    let request = received
        .iter()
        .find(|r| r.body_json::<Value>().unwrap()["to"][0] == email.as_str())
        .expect("the invitation's request");
    let body: Value = request.body_json().unwrap();
    assert_eq!(body["from"], "Brigade <team@brigade.test>");
    assert_eq!(body["to"], json!([email]));
    assert_eq!(body["subject"], "Join the Chez Léa team on Brigade");
    let html = body["html"].as_str().unwrap();
    let text = body["text"].as_str().unwrap();
    let secret = secret_in(text).expect("a link in the text");
    let link = format!("https://brigade.test/auth/accept-invite?token={secret}");
    assert!(text.contains(&link), "{text}");
    assert!(html.contains(&link), "{html}");
    assert!(html.contains("Accept the invitation"));
    assert!(text.contains("72 hours"));
    assert!(request.headers.get("idempotency-key").is_some());
    // Once sent, the outbox keeps the envelope, not the link.
    for _ in 0..50 {
        if app.outbox(&email, "invitation").await[0].sent_at.is_some() {
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    let kept = &app.outbox(&email, "invitation").await[0];
    assert!(kept.sent_at.is_some());
    assert_eq!(
        kept.provider_id.as_deref(),
        Some("4ef9a417-02e9-4d39-ad75-9611e0fcc33c")
    );
    assert!(kept.text.is_empty() && kept.html.is_empty());
}

#[tokio::test]
async fn a_failed_send_is_retried_later_and_the_invitation_stays_pending() {
    let mock = resend_mock().await;
    Mock::given(method("POST"))
        .and(path("/emails"))
        .respond_with(ResponseTemplate::new(500).set_body_json(json!({
            "statusCode": 500, "name": "internal_server_error", "message": "down"
        })))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&mock)
        .await;
    Mock::given(method("POST"))
        .and(path("/emails"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": "ok" })))
        .with_priority(2)
        .mount(&mock)
        .await;
    let app = app_sending_to(&mock).await;
    let owner = app.signup("Chez Léa").await;
    // The sign-up's verification message failed: it waits for its retry.
    emails_received(&mock, 1).await;
    let email = format!("paul-{}@example.com", uuid::Uuid::new_v4().simple());
    let invited = app
        .send_with(
            Method::POST,
            "/api/v1/invitations",
            &owner.access_token,
            &json!({ "email": email, "role": "waiter" }),
        )
        .await;
    assert_eq!(invited.status(), StatusCode::CREATED);
    emails_received(&mock, 2).await;
    tokio::time::sleep(StdDuration::from_millis(300)).await;
    let waiting = &app.outbox(&email, "invitation").await[0];
    assert!(waiting.sent_at.is_none());
    assert_eq!(waiting.attempts, 1);
    assert!(waiting.last_error.is_some());
    let secret = secret_in(&waiting.text).unwrap();
    let check = app
        .post_json("/api/v1/invitations/check", &json!({ "token": secret }))
        .await;
    assert_eq!(check.status(), StatusCode::OK);
    // Later, the deliverer tries again and succeeds.
    app.advance(Duration::hours(1));
    let mut sent = false;
    for _ in 0..100 {
        if app.outbox(&email, "invitation").await[0].sent_at.is_some() {
            sent = true;
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    assert!(sent, "the message was not retried");
}
