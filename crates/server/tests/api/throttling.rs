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
    let app = crate::helpers::spawn_app_with(&[("BRIGADE_TRUST_PROXY", "127.0.0.1/32")]).await;
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
    let app = crate::helpers::spawn_app_with(&[("BRIGADE_TRUST_PROXY", "127.0.0.1/32")]).await;
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

/// An app behind a proxy on 127.0.0.1, so each test request can come from its own
/// client address.
async fn behind_proxy(extra: &[(&str, &str)]) -> crate::helpers::TestApp {
    let mut settings = vec![("BRIGADE_TRUST_PROXY", "127.0.0.1/32")];
    settings.extend_from_slice(extra);
    crate::helpers::spawn_app_with(&settings).await
}

#[tokio::test]
async fn an_attackers_wrong_passwords_do_not_lock_the_owner_out_from_their_own_address() {
    let app = behind_proxy(&[]).await;
    let owner = app.signup("Chez Ana").await;
    for _ in 0..5 {
        let response = login_behind_proxy(&app, "192.0.2.66", &owner.email, "guess").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let attacker = login_behind_proxy(&app, "192.0.2.66", &owner.email, PASSWORD).await;
    assert_problem(attacker, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    let at_home = login_behind_proxy(&app, "198.51.100.9", &owner.email, PASSWORD).await;
    assert_eq!(at_home.status(), StatusCode::OK);
    // Changing the password from home is not blocked either.
    let tokens: serde_json::Value = at_home.json().await.unwrap();
    let changed = app
        .client
        .post(app.url("/api/v1/me/password"))
        .header("x-forwarded-for", "198.51.100.9")
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .json(&serde_json::json!({
            "current_password": PASSWORD,
            "new_password": "another long kitchen phrase",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn failures_spread_over_many_addresses_slow_the_email_down_and_are_audited() {
    let app = behind_proxy(&[]).await;
    let owner = app.signup("Chez Ana").await;
    for attacker in 0..10 {
        let address = format!("203.0.113.{attacker}");
        let response = login_behind_proxy(&app, &address, &owner.email, "guess").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    // Every further attempt for this email now waits a pause, from anywhere.
    let paused = login_behind_proxy(&app, "198.51.100.9", &owner.email, PASSWORD).await;
    let retry_after: u64 = paused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_problem(paused, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    // Another email is not slowed down.
    let other = app.signup("Chez Bruno").await;
    let unaffected = login_behind_proxy(&app, "198.51.100.9", &other.email, PASSWORD).await;
    assert_eq!(unaffected.status(), StatusCode::OK);
    // The owner's restaurant is told, once.
    let audit: serde_json::Value = app
        .get_with(
            "/api/v1/audit?action=auth.password_guessing_suspected",
            &owner.access_token,
        )
        .await
        .json()
        .await
        .unwrap();
    let items = audit["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{audit}");
    assert_eq!(items[0]["after"]["email"], owner.email.as_str());
}

#[tokio::test]
async fn ipv6_clients_are_counted_by_their_64() {
    let app = behind_proxy(&[]).await;
    let owner = app.signup("Chez Ana").await;
    for host in 1..=5 {
        let address = format!("2001:db8:1:2::{host:x}");
        let response = login_behind_proxy(&app, &address, &owner.email, "guess").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let same_prefix =
        login_behind_proxy(&app, "2001:db8:1:2:ffff::1", &owner.email, PASSWORD).await;
    assert_problem(
        same_prefix,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
    )
    .await;
    let next_prefix =
        login_behind_proxy(&app, "[2001:db8:1:3::1]:443", &owner.email, PASSWORD).await;
    assert_eq!(next_prefix.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_forwarded_header_is_believed_from_a_proxy_said_to_write_it() {
    let app = behind_proxy(&[("BRIGADE_TRUST_PROXY_HEADER", "forwarded")]).await;
    let owner = app.signup("Chez Ana").await;
    let forwarded = |address: &str| {
        app.client
            .post(app.url("/api/v1/auth/login"))
            .header(
                "forwarded",
                format!("for=6.6.6.6, for=\"{address}\";proto=https"),
            )
            .json(&serde_json::json!({ "email": owner.email, "password": "guess" }))
            .send()
    };
    for _ in 0..5 {
        assert_eq!(
            forwarded("192.0.2.7:5000").await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        forwarded("192.0.2.7").await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        forwarded("192.0.2.8").await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

/// A sign-up as it arrives from `address` through the proxy.
async fn signup_from(
    client: reqwest::Client,
    url: String,
    address: &str,
    n: usize,
) -> reqwest::Response {
    client
        .post(url)
        .header("x-forwarded-for", address)
        .json(&serde_json::json!({
            "restaurant_name": format!("Flood {n}"),
            "owner_name": "Someone",
            "email": format!("flood-{n}@example.com"),
            "password": PASSWORD,
            "table_count": 4,
        }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_burst_of_forty_sign_ups_from_one_address_meets_the_limit() {
    let app = behind_proxy(&[]).await;
    let burst: Vec<_> = (0..40)
        .map(|n| {
            let (client, url) = (app.client.clone(), app.url("/api/v1/auth/signup"));
            tokio::spawn(async move { signup_from(client, url, "192.0.2.40", n).await })
        })
        .collect();
    let (mut created, mut refused) = (0, 0);
    for signup in burst {
        let response = signup.await.unwrap();
        match response.status() {
            StatusCode::CREATED => created += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                assert!(response.headers().contains_key("retry-after"));
                refused += 1;
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!((created, refused), (10, 30));
    assert_eq!(app.count("restaurants").await, 10);
    // Another address signs up as usual.
    let elsewhere = signup_from(
        app.client.clone(),
        app.url("/api/v1/auth/signup"),
        "198.51.100.9",
        99,
    );
    assert_eq!(elsewhere.await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn members_created_directly_from_one_address_are_limited() {
    let app = behind_proxy(&[("BRIGADE_NEW_MEMBER_LIMIT", "3")]).await;
    let owner = app.signup("Chez Ana").await;
    let create = |n: usize| {
        app.client
            .post(app.url("/api/v1/members"))
            .header("x-forwarded-for", "192.0.2.50")
            .bearer_auth(&owner.access_token)
            .json(&serde_json::json!({
                "email": format!("waiter-{n}@example.com"),
                "name": format!("Waiter {n}"),
                "role": "waiter",
                "temporary_password": PASSWORD,
            }))
            .send()
    };
    for n in 0..3 {
        assert_eq!(create(n).await.unwrap().status(), StatusCode::CREATED);
    }
    let refused = create(3).await.unwrap();
    assert!(refused.headers().contains_key("retry-after"));
    assert_problem(refused, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    assert_eq!(app.count("memberships").await, 4);
}

#[tokio::test]
async fn a_forwarded_header_the_client_adds_is_not_read_behind_an_x_forwarded_for_proxy() {
    let app = behind_proxy(&[]).await;
    let owner = app.signup("Chez Ana").await;
    let attempt = |forged: String| {
        app.client
            .post(app.url("/api/v1/auth/login"))
            .header("x-forwarded-for", "203.0.113.1")
            .header("forwarded", forged)
            .json(&serde_json::json!({ "email": owner.email, "password": "guess" }))
            .send()
    };
    for n in 0..5 {
        let response = attempt(format!("for=198.51.100.{n}")).await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    // Every attempt counted for 203.0.113.1, whatever the client wrote in `Forwarded`.
    let next = attempt("for=198.51.100.77".into()).await.unwrap();
    assert_problem(next, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
}

#[tokio::test]
async fn an_address_the_person_logged_in_from_is_never_paused_by_a_spread_attack() {
    let app = behind_proxy(&[]).await;
    let owner = app.signup("Chez Ana").await;
    let home = "198.51.100.9";
    assert_eq!(
        login_behind_proxy(&app, home, &owner.email, PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
    for attacker in 0..12 {
        let address = format!("203.0.113.{attacker}");
        login_behind_proxy(&app, &address, &owner.email, "guess").await;
    }
    // A new address waits; home, known from the earlier login, does not.
    let elsewhere = login_behind_proxy(&app, "192.0.2.200", &owner.email, PASSWORD).await;
    assert_problem(
        elsewhere,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
    )
    .await;
    for _ in 0..3 {
        let at_home = login_behind_proxy(&app, home, &owner.email, PASSWORD).await;
        assert_eq!(at_home.status(), StatusCode::OK);
    }
}
