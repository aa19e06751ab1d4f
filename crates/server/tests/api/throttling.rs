use crate::helpers::{assert_problem, spawn_app, PASSWORD};
use reqwest::StatusCode;

#[tokio::test]
async fn five_failed_logins_lock_the_email_with_retry_after() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    for _ in 0..5 {
        assert_eq!(
            app.login(&owner.email, "wrong password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let locked = app.login(&owner.email, PASSWORD).await;
    let retry_after: u64 = locked.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after > 0 && retry_after <= 15 * 60, "{retry_after}");
    assert_problem(locked, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
}

#[tokio::test]
async fn a_successful_login_resets_the_emails_count() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    for _ in 0..4 {
        app.login(&owner.email, "wrong password").await;
    }
    assert_eq!(
        app.login(&owner.email, PASSWORD).await.status(),
        StatusCode::OK
    );
    for _ in 0..4 {
        assert_eq!(
            app.login(&owner.email, "wrong password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        app.login(&owner.email, PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn twenty_failures_from_one_address_lock_that_address() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    for attempt in 0..20 {
        let email = format!("stranger-{attempt}@example.com");
        assert_eq!(
            app.login(&email, "wrong password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    assert_problem(
        app.login(&owner.email, PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
    )
    .await;
}

/// A login as it arrives through a proxy that sets `X-Forwarded-For`.
async fn login_behind_proxy(
    app: &crate::helpers::TestApp,
    forwarded_for: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/auth/login"))
        .header("x-forwarded-for", forwarded_for)
        .json(&serde_json::json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_is_counted_apart() {
    let app = crate::helpers::spawn_app_with(&[("BRIGADE_TRUST_PROXY", "true")]).await;
    let owner = app.signup("Chez Ana").await;
    for attempt in 0..20 {
        let response = login_behind_proxy(
            &app,
            "192.0.2.7",
            &format!("stranger-{attempt}@example.com"),
            "wrong password",
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let from_another_client =
        login_behind_proxy(&app, "198.51.100.9", &owner.email, PASSWORD).await;
    assert_eq!(from_another_client.status(), StatusCode::OK);
}

#[tokio::test]
async fn without_a_trusted_proxy_forwarded_headers_are_ignored() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    for attempt in 0..20 {
        login_behind_proxy(
            &app,
            &format!("192.0.2.{attempt}"),
            &format!("stranger-{attempt}@example.com"),
            "wrong password",
        )
        .await;
    }
    assert_problem(
        app.login(&owner.email, PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
    )
    .await;
}

#[tokio::test]
async fn a_client_cannot_dodge_the_limit_by_writing_its_own_forwarded_for() {
    let app = crate::helpers::spawn_app_with(&[("BRIGADE_TRUST_PROXY", "true")]).await;
    let owner = app.signup("Chez Ana").await;
    // The proxy appends the real address (192.0.2.7); the client invents the rest.
    for attempt in 0..20 {
        login_behind_proxy(
            &app,
            &format!("203.0.113.{attempt}, 192.0.2.7"),
            &format!("stranger-{attempt}@example.com"),
            "wrong password",
        )
        .await;
    }
    let response =
        login_behind_proxy(&app, "203.0.113.99, 192.0.2.7", &owner.email, PASSWORD).await;
    assert_problem(response, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
}

#[tokio::test]
async fn a_burst_of_parallel_wrong_passwords_gets_no_more_than_five_tries() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let attempts: Vec<_> = (0..12)
        .map(|_| {
            let (client, url) = (app.client.clone(), app.url("/api/v1/auth/login"));
            let body = serde_json::json!({ "email": owner.email, "password": "wrong password" });
            tokio::spawn(async move { client.post(url).json(&body).send().await.unwrap().status() })
        })
        .collect();
    let mut tried = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            StatusCode::UNAUTHORIZED => tried += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("unexpected {other}"),
        }
    }
    // Attempts are counted one at a time: exactly the first five are checked.
    assert_eq!(tried, 5, "{tried} passwords were checked");
}

#[tokio::test]
async fn every_replica_sees_the_same_failed_logins() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let replica = app.spawn_replica().await;
    for _ in 0..5 {
        assert_eq!(
            app.login(&owner.email, "wrong password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let on_replica = app
        .client
        .post(format!("{replica}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": owner.email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_problem(
        on_replica,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
    )
    .await;
}

#[tokio::test]
async fn up_to_five_parallel_logins_of_one_person_all_succeed() {
    // Attempts in flight count against the email's limit of five, so a burst cannot
    // slip through while passwords are being checked.
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let logins: Vec<_> = (0..5)
        .map(|_| {
            let (client, url) = (app.client.clone(), app.url("/api/v1/auth/login"));
            let body = serde_json::json!({ "email": owner.email, "password": PASSWORD });
            tokio::spawn(async move { client.post(url).json(&body).send().await.unwrap().status() })
        })
        .collect();
    for login in logins {
        assert_eq!(login.await.unwrap(), StatusCode::OK);
    }
}
