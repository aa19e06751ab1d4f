//! The headers every answer carries: no content sniffing anywhere, nothing of the API
//! kept in a cache, a policy of its own for the docs UI, HSTS behind HTTPS, and a docs
//! UI that a deployment can switch off.

use crate::helpers::{spawn_app, spawn_app_with, PASSWORD};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};

fn header<'r>(response: &'r Response, name: &str) -> Option<&'r str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn every_api_answer_forbids_content_sniffing() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let answers = [
        app.client
            .get(app.url("/api/v1/permissions"))
            .send()
            .await
            .unwrap(),
        app.get_with("/api/v1/me", &owner.access_token).await,
        app.get_with("/api/v1/members", "not a token").await,
        app.client
            .get(app.url("/api/v1/nothing-here"))
            .send()
            .await
            .unwrap(),
        app.client
            .get(app.url("/api/openapi.json"))
            .send()
            .await
            .unwrap(),
        app.client.get(app.url("/health")).send().await.unwrap(),
    ];
    for response in answers {
        assert_eq!(
            header(&response, "x-content-type-options"),
            Some("nosniff"),
            "{}",
            response.url()
        );
    }
}

#[tokio::test]
async fn tokens_and_the_callers_own_account_are_never_cached() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let login = app.login(&owner.email, PASSWORD).await;
    assert_eq!(login.status(), StatusCode::OK);
    assert_eq!(header(&login, "cache-control"), Some("no-store"));
    let tokens: Value = login.json().await.unwrap();
    let refreshed = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": tokens["refresh_token"] }),
        )
        .await;
    assert_eq!(refreshed.status(), StatusCode::OK);
    assert_eq!(header(&refreshed, "cache-control"), Some("no-store"));
    let signup = app
        .signup_body(&json!({
            "restaurant_name": "Chez Bruno",
            "owner_name": "Bruno",
            "email": "bruno@example.com",
            "password": PASSWORD,
            "table_count": 4,
        }))
        .await;
    assert_eq!(signup.status(), StatusCode::CREATED);
    assert_eq!(header(&signup, "cache-control"), Some("no-store"));
    let me = app.get_with("/api/v1/me", &owner.access_token).await;
    assert_eq!(me.status(), StatusCode::OK);
    assert_eq!(header(&me, "cache-control"), Some("no-store"));
}

#[tokio::test]
async fn the_docs_ui_has_its_own_policy_and_cannot_be_framed() {
    let app = spawn_app().await;
    let docs = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
    let policy = header(&docs, "content-security-policy").expect("a policy");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(policy.contains("script-src 'self'"), "{policy}");
    assert!(!policy.contains("unsafe-eval"), "{policy}");
    assert_eq!(header(&docs, "x-frame-options"), Some("DENY"));
}

#[tokio::test]
async fn hsts_is_sent_only_when_the_public_address_is_https() {
    let plain = spawn_app().await;
    let response = plain.client.get(plain.url("/health")).send().await.unwrap();
    assert_eq!(header(&response, "strict-transport-security"), None);
    let secure = spawn_app_with(&[("BRIGADE_PUBLIC_URL", "https://brigade.example")]).await;
    for path in ["/health", "/api/v1/permissions", "/"] {
        let response = secure.client.get(secure.url(path)).send().await.unwrap();
        let hsts = header(&response, "strict-transport-security").unwrap_or_default();
        assert!(hsts.starts_with("max-age=31536000"), "{path}: {hsts}");
    }
}

#[tokio::test]
async fn with_the_docs_switched_off_only_the_document_is_served() {
    let app = spawn_app_with(&[("BRIGADE_DOCS", "false")]).await;
    for path in ["/api/docs/", "/api/docs", "/api/docs/swagger-ui-bundle.js"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let document = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(document.status(), StatusCode::OK);
    let document: Value = document.json().await.unwrap();
    assert!(document["paths"]["/api/v1/me"].is_object());
}
