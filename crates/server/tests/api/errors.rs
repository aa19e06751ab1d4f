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
