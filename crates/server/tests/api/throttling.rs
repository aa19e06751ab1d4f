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
