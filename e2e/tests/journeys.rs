//! Black-box journeys through the real binary, over HTTP only.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod common;

use common::{Brigade, PASSWORD};
use serde_json::{json, Value};

#[tokio::test]
async fn signup_login_me_refresh_reuse_and_logout() {
    let brigade = Brigade::start().await;
    let (email, _) = brigade.signup("Chez Ana").await;

    let login = brigade
        .post(
            "/api/v1/auth/login",
            json!({ "email": email, "password": PASSWORD }),
        )
        .await;
    assert_eq!(login.status(), 200);
    let tokens: Value = login.json().await.unwrap();
    let access = tokens["access_token"].as_str().unwrap();

    let me: Value = brigade
        .get("/api/v1/me", access)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["account"]["email"], email.as_str());
    assert_eq!(me["role"], "owner");
    let catalogue: Value = brigade
        .client
        .get(brigade.url("/api/v1/permissions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let every_code: Vec<&Value> = catalogue["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["code"])
        .collect();
    let granted: Vec<&Value> = me["permissions"].as_array().unwrap().iter().collect();
    assert_eq!(granted, every_code, "the owner holds every code");

    let refreshed = brigade
        .post(
            "/api/v1/auth/refresh",
            json!({ "refresh_token": tokens["refresh_token"] }),
        )
        .await;
    assert_eq!(refreshed.status(), 200);
    let refreshed: Value = refreshed.json().await.unwrap();
    // The refreshed token is used in turn: the first one is now plainly spent.
    let latest = brigade
        .post(
            "/api/v1/auth/refresh",
            json!({ "refresh_token": refreshed["refresh_token"] }),
        )
        .await;
    assert_eq!(latest.status(), 200);
    let latest: Value = latest.json().await.unwrap();

    let reuse = brigade
        .post(
            "/api/v1/auth/refresh",
            json!({ "refresh_token": tokens["refresh_token"] }),
        )
        .await;
    assert_eq!(reuse.status(), 401);
    let problem: Value = reuse.json().await.unwrap();
    assert_eq!(problem["code"], "invalid_refresh_token");
    // Reuse revoked the whole session, the latest tokens included.
    assert_eq!(
        brigade
            .get("/api/v1/me", latest["access_token"].as_str().unwrap())
            .await
            .status(),
        401
    );

    let again: Value = brigade
        .post(
            "/api/v1/auth/login",
            json!({ "email": email, "password": PASSWORD }),
        )
        .await
        .json()
        .await
        .unwrap();
    let logout = brigade
        .post(
            "/api/v1/auth/logout",
            json!({ "refresh_token": again["refresh_token"] }),
        )
        .await;
    assert_eq!(logout.status(), 204);
    assert_eq!(
        brigade
            .get("/api/v1/me", again["access_token"].as_str().unwrap())
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn repeated_wrong_passwords_are_throttled() {
    let brigade = Brigade::start().await;
    let (email, _) = brigade.signup("Chez Ana").await;
    for _ in 0..5 {
        let response = brigade
            .post(
                "/api/v1/auth/login",
                json!({ "email": email, "password": "wrong password" }),
            )
            .await;
        assert_eq!(response.status(), 401);
    }
    let locked = brigade
        .post(
            "/api/v1/auth/login",
            json!({ "email": email, "password": PASSWORD }),
        )
        .await;
    assert_eq!(locked.status(), 429);
    assert!(locked.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn two_restaurants_cannot_see_each_other() {
    let brigade = Brigade::start().await;
    let (_, ana) = brigade.signup("Chez Ana").await;
    let (_, bruno) = brigade.signup("Da Bruno").await;
    let ana_token = ana["access_token"].as_str().unwrap();
    let bruno_token = bruno["access_token"].as_str().unwrap();
    let brunos_team: Value = brigade
        .get("/api/v1/members", bruno_token)
        .await
        .json()
        .await
        .unwrap();
    let brunos_member = brunos_team["items"][0]["id"].as_str().unwrap();
    let response = brigade
        .get(&format!("/api/v1/members/{brunos_member}"), ana_token)
        .await;
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let anas_team: Value = brigade
        .get("/api/v1/members", ana_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(anas_team["total"], 1);
}

#[tokio::test]
async fn the_docs_and_the_spec_are_served_by_the_binary() {
    let brigade = Brigade::start().await;
    let spec: Value = brigade
        .client
        .get(brigade.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(spec["paths"]["/api/v1/auth/signup"].is_object());
    let docs = brigade
        .client
        .get(brigade.url("/api/docs/"))
        .send()
        .await
        .unwrap();
    assert_eq!(docs.status(), 200);
}

#[tokio::test]
async fn sigterm_lets_a_request_in_flight_finish_and_refuses_new_ones() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // The server says when a request has started (its head read, its body awaited).
    let mut brigade =
        Brigade::start_with(&[("BRIGADE_LOG", "info,brigade_server::telemetry=debug")]).await;
    let (email, _) = brigade.signup("Chez Ana").await;
    let body = json!({ "email": email, "password": PASSWORD }).to_string();
    let (first_half, second_half) = body.split_at(body.len() / 2);

    // A login whose body is only half sent when SIGTERM arrives: it is in flight.
    let mut stream = tokio::net::TcpStream::connect(brigade.address())
        .await
        .unwrap();
    let head = format!(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{first_half}",
        brigade.address(),
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    brigade
        .wait_for_log(&["request started", "path=/api/v1/auth/login"])
        .await;
    brigade.send_sigterm();
    // New connections are refused once it is stopping (it may take a moment to close
    // its listener: ask until it does, within a bound).
    let mut refused = false;
    for _ in 0..100 {
        let attempt = brigade
            .client
            .get(brigade.url("/health"))
            .timeout(std::time::Duration::from_millis(500))
            .send()
            .await;
        if attempt.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(refused, "no new connections once stopping");
    stream.write_all(second_half.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("access_token"));
    let status = brigade.wait();
    assert!(status.success(), "{status:?}");
}

#[tokio::test]
async fn production_logs_carry_request_lines_but_no_secrets() {
    let brigade = Brigade::start_with(&[
        ("BRIGADE_ENV", "production"),
        (
            "BRIGADE_JWT_SECRET",
            "a-production-signing-secret-of-enough-length",
        ),
    ])
    .await;
    let (email, tokens) = brigade.signup("Chez Ana").await;
    let login: Value = brigade
        .post(
            "/api/v1/auth/login",
            json!({ "email": email, "password": PASSWORD }),
        )
        .await
        .json()
        .await
        .unwrap();
    brigade
        .get(
            "/api/v1/me?token=leak-check",
            login["access_token"].as_str().unwrap(),
        )
        .await;
    let log = brigade.log();
    assert!(log.contains("request_id="), "{log}");
    assert!(log.contains("path=/api/v1/auth/login"), "{log}");
    for secret in [
        PASSWORD,
        "a-production-signing-secret",
        "leak-check",
        tokens["access_token"].as_str().unwrap(),
        tokens["refresh_token"].as_str().unwrap(),
        login["refresh_token"].as_str().unwrap(),
    ] {
        assert!(!log.contains(secret), "the log contains a secret: {secret}");
    }
}

#[tokio::test]
async fn production_refuses_to_start_without_a_signing_secret() {
    let data_dir =
        std::env::temp_dir().join(format!("brigade-e2e-{}", uuid::Uuid::new_v4().simple()));
    let binary = std::env::var_os("BRIGADE_BIN")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../target/debug/brigade"
            ))
        });
    let output = std::process::Command::new(binary)
        .env_clear()
        .env("BRIGADE_ENV", "production")
        .env("BRIGADE_DATA_DIR", &data_dir)
        .env("BRIGADE_BIND", "127.0.0.1:0")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("BRIGADE_JWT_SECRET"));
    let _ = std::fs::remove_dir_all(data_dir);
}

#[tokio::test]
async fn the_demo_restaurant_lets_every_role_log_in() {
    let data_dir =
        std::env::temp_dir().join(format!("brigade-e2e-{}", uuid::Uuid::new_v4().simple()));
    let binary = common::binary();
    let mut outputs = Vec::new();
    for _ in 0..2 {
        let output = std::process::Command::new(&binary)
            .arg("demo")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("BRIGADE_DATA_DIR", &data_dir)
            .env("BRIGADE_LOG", "warn")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        outputs.push(String::from_utf8_lossy(&output.stdout).into_owned());
    }
    assert!(outputs[0].contains("Created the demo restaurant"));
    assert!(outputs[1].contains("already exists"));
    let data = data_dir.display().to_string();
    let brigade = Brigade::start_with(&[("BRIGADE_DATA_DIR", &data)]).await;
    for role in [
        "owner", "admin", "manager", "cashier", "chef", "waiter", "barman",
    ] {
        let email = format!("{role}@demo.brigade.test");
        assert!(outputs[1].contains(&email), "{}", outputs[1]);
        let response = brigade
            .post(
                "/api/v1/auth/login",
                json!({ "email": email, "password": "brigade demo kitchen" }),
            )
            .await;
        assert_eq!(response.status(), 200, "{email}");
        let tokens: Value = response.json().await.unwrap();
        let me: Value = brigade
            .get("/api/v1/me", tokens["access_token"].as_str().unwrap())
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(me["password_change_required"], false);
        if role == "barman" {
            assert_eq!(me["role"], "waiter");
            assert_eq!(me["roles"][1]["name"], "Barman");
        } else {
            assert_eq!(me["role"], role);
        }
    }
    let _ = std::fs::remove_dir_all(data_dir);
}

#[test]
fn the_demo_refuses_to_run_in_production() {
    let data_dir =
        std::env::temp_dir().join(format!("brigade-e2e-{}", uuid::Uuid::new_v4().simple()));
    let output = std::process::Command::new(common::binary())
        .arg("demo")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("BRIGADE_DATA_DIR", &data_dir)
        .env("BRIGADE_ENV", "production")
        .env(
            "BRIGADE_JWT_SECRET",
            "a-production-signing-secret-of-40-chars!",
        )
        .env("BRIGADE_LOG", "warn")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("BRIGADE_ENV=production"), "{said}");
    // Nothing was created: not even the database.
    assert!(!data_dir.join("brigade.sqlite3").exists());
    let _ = std::fs::remove_dir_all(data_dir);
}

#[tokio::test]
async fn a_refused_request_is_logged_at_info_with_its_request_id() {
    let brigade = Brigade::start().await;
    let refused = brigade.get("/api/v1/members", "not-a-token").await;
    assert_eq!(refused.status(), 401);
    let request_id = refused.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    // The log is written as the answer leaves: give it a moment to reach the file.
    let mut line = None;
    for _ in 0..50 {
        line = brigade
            .log()
            .lines()
            .find(|line| line.contains("request refused") && line.contains(&request_id))
            .map(str::to_owned);
        if line.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let line = line.expect("a `request refused` line with the request id");
    assert!(line.contains("INFO"), "{line}");
    assert!(line.contains("status=401"), "{line}");
}
