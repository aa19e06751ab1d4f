use crate::helpers::{assert_problem, spawn_app};
use reqwest::StatusCode;

#[tokio::test]
async fn malformed_json_is_a_400_problem() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/signup"))
        .header("content-type", "application/json")
        .body("{ not json")
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::BAD_REQUEST, "malformed_body").await;
}

#[tokio::test]
async fn a_missing_field_is_a_400_problem() {
    let app = spawn_app().await;
    let response = app
        .post_json(
            "/api/v1/auth/login",
            &serde_json::json!({ "email": "a@b.co" }),
        )
        .await;
    assert_problem(response, StatusCode::BAD_REQUEST, "malformed_body").await;
}

#[tokio::test]
async fn an_oversized_body_is_a_413_problem() {
    let app = spawn_app().await;
    let huge = format!(
        "{{\"email\":\"{}\",\"password\":\"x\"}}",
        "a".repeat(200 * 1024)
    );
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_415_problem() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "text/plain")
        .body("email=a")
        .send()
        .await
        .unwrap();
    assert_problem(
        response,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
}

#[tokio::test]
async fn a_path_id_that_is_not_a_uuid_is_a_400_problem() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = app
        .get_with("/api/v1/members/not-a-uuid", &owner.access_token)
        .await;
    assert_problem(response, StatusCode::BAD_REQUEST, "invalid_parameter").await;
}

#[tokio::test]
async fn a_page_size_out_of_range_is_a_422_problem() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = app
        .get_with("/api/v1/members?limit=1000", &owner.access_token)
        .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "limit");
}

/// Everything the server logs, from the test that installs it on.
#[derive(Clone, Default)]
struct CapturedLogs(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for CapturedLogs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for CapturedLogs {
    type Writer = CapturedLogs;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn an_internal_error_is_opaque_and_its_request_id_finds_the_cause_in_the_logs() {
    let logs = CapturedLogs::default();
    tracing_subscriber::fmt()
        .with_writer(logs.clone())
        .with_ansi(false)
        .try_init()
        .expect("only this test installs a subscriber");
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter, _) = app.add_member(owner.restaurant_id, "waiter").await;
    app.refuse_audit_writes().await;
    let response = app
        .send_with(
            reqwest::Method::PATCH,
            &format!("/api/v1/members/{waiter}"),
            &owner.access_token,
            &serde_json::json!({ "name": "Zoé" }),
        )
        .await;
    let header = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let problem = assert_problem(response, StatusCode::INTERNAL_SERVER_ERROR, "internal").await;
    assert_eq!(problem["request_id"], header.as_str());
    assert!(
        !problem.to_string().contains("audit refused"),
        "the cause stays in the logs: {problem}"
    );
    let logged = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    let failure = logged
        .lines()
        .find(|line| line.contains("request failed") && line.contains(&header))
        .unwrap_or_else(|| panic!("no error line for {header} in:\n{logged}"));
    assert!(
        failure.contains("writing the audit entry member.updated"),
        "{failure}"
    );
    assert!(failure.contains("audit refused by the test"), "{failure}");
    assert!(failure.contains("route=/api/v1/members/{id}"), "{failure}");
    let me: serde_json::Value = app
        .get_with("/api/v1/me", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let membership = me["membership_id"].as_str().unwrap();
    assert!(
        failure.contains(&format!("membership={membership}")),
        "{failure}"
    );
}

#[tokio::test]
async fn every_problem_names_the_request_it_answers() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/api/v1/me")).send().await.unwrap();
    let header = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let problem = assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    assert_eq!(problem["request_id"], header.as_str());
}

/// A login body of exactly `size` bytes (a long, harmless email).
fn login_body_of(size: usize) -> String {
    let frame = "{\"email\":\"\",\"password\":\"x\"}".len();
    format!(
        "{{\"email\":\"{}\",\"password\":\"x\"}}",
        "a".repeat(size - frame)
    )
}

#[tokio::test]
async fn a_body_just_under_64_kib_is_read_and_one_just_over_is_refused() {
    let app = spawn_app().await;
    let limit = brigade_server::startup::JSON_LIMIT;
    let send = |body: String| {
        app.client
            .post(app.url("/api/v1/auth/login"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let under = send(login_body_of(limit - 1)).await.unwrap();
    // Read and judged: an email that long is invalid, not too large.
    assert_problem(under, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let at = send(login_body_of(limit)).await.unwrap();
    assert_problem(at, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let over = send(login_body_of(limit + 1)).await.unwrap();
    assert_problem(over, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
}
