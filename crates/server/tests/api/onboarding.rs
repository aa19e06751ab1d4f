//! The onboarding: five steps remembered per restaurant, and "configure later".

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, spawn_app, Owner, TestApp};

async fn progress(app: &TestApp, owner: &Owner) -> Value {
    let response = app
        .get_with("/api/v1/onboarding", &owner.access_token)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn complete(app: &TestApp, token: &str, step: &str) -> reqwest::Response {
    app.send_with(
        Method::POST,
        "/api/v1/onboarding/complete",
        token,
        &json!({ "step": step }),
    )
    .await
}

#[tokio::test]
async fn a_new_restaurant_starts_at_the_establishment_step() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let progress = progress(&app, &owner).await;
    assert_eq!(progress["current"], "establishment");
    let steps: Vec<&str> = progress["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        ["establishment", "tables", "branding", "menu", "launch"]
    );
}

#[tokio::test]
async fn a_person_who_leaves_resumes_at_the_first_step_not_done() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    for step in ["establishment", "tables", "establishment"] {
        assert_eq!(
            complete(&app, &owner.access_token, step).await.status(),
            StatusCode::OK
        );
    }
    let again = app.login(&owner.email, crate::helpers::PASSWORD).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(progress(&app, &owner).await["current"], "branding");
}

#[tokio::test]
async fn the_launch_waits_for_the_establishment_and_the_tables() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    complete(&app, &owner.access_token, "establishment").await;
    let early = complete(&app, &owner.access_token, "launch").await;
    assert_problem(early, StatusCode::CONFLICT, "onboarding_incomplete").await;
    complete(&app, &owner.access_token, "tables").await;
    let launched = complete(&app, &owner.access_token, "launch").await;
    assert_eq!(launched.status(), StatusCode::OK);
    let launched: Value = launched.json().await.unwrap();
    assert!(launched["finished_at"].is_string());
    assert_eq!(launched["current"], "branding");
}

#[tokio::test]
async fn configure_later_makes_the_main_room_with_the_sign_up_table_count() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/onboarding/tables/later",
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let zone: Value = response.json().await.unwrap();
    assert_eq!(
        (zone["name"].as_str(), zone["prefix"].as_str()),
        (Some("Salle principale"), Some("SAL"))
    );
    let tables: Vec<Value> = app
        .get_with("/api/v1/tables", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let numbers: Vec<&str> = tables
        .iter()
        .map(|t| t["table_number"].as_str().unwrap())
        .collect();
    let wanted: Vec<String> = (1..=12).map(|n| format!("SAL-{n}")).collect();
    assert_eq!(numbers, wanted);
    assert_eq!(progress(&app, &owner).await["steps"][1]["done"], true);
}

#[tokio::test]
async fn configure_later_on_a_floor_with_zones_is_refused() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    app.send_with(
        Method::POST,
        "/api/v1/zones",
        &owner.access_token,
        &json!({ "name": "Bar", "tables": 1 }),
    )
    .await;
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/onboarding/tables/later",
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_problem(response, StatusCode::CONFLICT, "floor_not_empty").await;
    assert_eq!(progress(&app, &owner).await["current"], "establishment");
}

#[tokio::test]
async fn a_waiter_cannot_move_the_onboarding() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let refused = complete(&app, &waiter, "establishment").await;
    assert_problem(refused, StatusCode::FORBIDDEN, "permission_denied").await;
    assert_eq!(progress(&app, &owner).await["current"], "establishment");
}

#[tokio::test]
async fn an_unknown_step_is_refused() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = complete(&app, &owner.access_token, "payment").await;
    assert!(response.status().is_client_error());
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}
