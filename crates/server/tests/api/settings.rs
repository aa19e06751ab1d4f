//! The restaurant's settings: name, address, language, time zone, currency, and the
//! week's opening hours.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, spawn_app, Owner, TestApp};

async fn settings(app: &TestApp, token: &str) -> Value {
    let response = app.get_with("/api/v1/restaurant/settings", token).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn patch(app: &TestApp, owner: &Owner, body: Value) -> reqwest::Response {
    app.send_with(
        Method::PATCH,
        "/api/v1/restaurant/settings",
        &owner.access_token,
        &body,
    )
    .await
}

async fn hours(app: &TestApp, token: &str, ranges: Value) -> reqwest::Response {
    app.send_with(
        Method::PUT,
        "/api/v1/restaurant/opening-hours",
        token,
        &json!({ "ranges": ranges }),
    )
    .await
}

async fn audit_actions(app: &TestApp, owner: &Owner) -> Vec<Value> {
    let audit: Value = app
        .get_with("/api/v1/audit?limit=100", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| {
            let action = entry["action"].as_str().unwrap();
            [
                "restaurant.settings",
                "restaurant.opening",
                "restaurant.logo",
            ]
            .iter()
            .any(|prefix| action.starts_with(prefix))
        })
        .cloned()
        .collect()
}

#[tokio::test]
async fn a_new_restaurant_has_its_sign_up_name_and_french_defaults() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let settings = settings(&app, &owner.access_token).await;
    assert_eq!(settings["name"], "Chez Ana");
    assert_eq!(settings["time_zone"], "Europe/Paris");
    assert_eq!(settings["currency"], "EUR");
    assert_eq!(settings["currency_exponent"], 2);
    assert_eq!(settings["opening_hours"], json!([]));
}

#[tokio::test]
async fn an_owner_changes_the_establishment_and_it_is_audited_with_before_and_after() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = patch(
        &app,
        &owner,
        json!({
            "name": "Trattoria Ana",
            "address": "Via Roma 1\n00100 Roma",
            "language": "it",
            "time_zone": "Europe/Rome",
            "currency": "EUR",
        }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let now = settings(&app, &owner.access_token).await;
    assert_eq!(now["name"], "Trattoria Ana");
    assert_eq!(now["address"], "Via Roma 1\n00100 Roma");
    assert_eq!(now["language"], "it");
    assert_eq!(now["time_zone"], "Europe/Rome");
    let audit = audit_actions(&app, &owner).await;
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0]["action"], "restaurant.settings_updated");
    assert_eq!(audit[0]["before"]["name"], "Chez Ana");
    assert_eq!(audit[0]["after"]["time_zone"], "Europe/Rome");
}

#[tokio::test]
async fn a_currency_brings_the_number_of_its_minor_units() {
    let app = spawn_app().await;
    let owner = app.signup("Sushi Ken").await;
    let response = patch(&app, &owner, json!({ "currency": "JPY" })).await;
    assert_eq!(response.status(), StatusCode::OK);
    let now: Value = response.json().await.unwrap();
    assert_eq!(now["currency"], "JPY");
    assert_eq!(now["currency_exponent"], 0);
}

#[tokio::test]
async fn an_unknown_time_zone_or_currency_is_refused_field_by_field_and_changes_nothing() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let before = app.restaurant_state(&owner.access_token).await;
    let response = patch(
        &app,
        &owner,
        json!({ "name": "Autre", "time_zone": "Europe/Lyon", "currency": "XAU" }),
    )
    .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let codes: Vec<(&str, &str)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            ("time_zone", "unknown_time_zone"),
            ("currency", "unknown_currency")
        ]
    );
    assert_eq!(app.restaurant_state(&owner.access_token).await, before);
}

#[tokio::test]
async fn a_change_that_changes_nothing_is_not_audited() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = patch(
        &app,
        &owner,
        json!({ "name": "Chez Ana", "currency": "EUR" }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(audit_actions(&app, &owner).await.is_empty());
}

#[tokio::test]
async fn opening_hours_take_several_ranges_a_day_and_ranges_past_midnight() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = hours(
        &app,
        &owner.access_token,
        json!([
            { "weekday": "friday", "opens": "19:00", "closes": "02:00" },
            { "weekday": "friday", "opens": "12:00", "closes": "14:30" },
            { "weekday": "monday", "opens": "12:00", "closes": "14:00" },
        ]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let now = settings(&app, &owner.access_token).await;
    assert_eq!(
        now["opening_hours"],
        json!([
            { "weekday": "monday", "opens": "12:00", "closes": "14:00" },
            { "weekday": "friday", "opens": "12:00", "closes": "14:30" },
            { "weekday": "friday", "opens": "19:00", "closes": "02:00" },
        ])
    );
    let audit = audit_actions(&app, &owner).await;
    assert_eq!(audit[0]["action"], "restaurant.opening_hours_updated");
    assert_eq!(audit[0]["before"], json!([]));
}

#[tokio::test]
async fn overlapping_ranges_are_refused_naming_the_range() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = hours(
        &app,
        &owner.access_token,
        json!([
            { "weekday": "saturday", "opens": "19:00", "closes": "03:00" },
            { "weekday": "sunday", "opens": "02:30", "closes": "05:00" },
            { "weekday": "sunday", "opens": "25:00", "closes": "05:00" },
        ]),
    )
    .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["ranges[2].opens", "ranges[1]"]);
    assert_eq!(
        settings(&app, &owner.access_token).await["opening_hours"],
        json!([])
    );
}

#[tokio::test]
async fn a_waiter_and_a_manager_read_nothing_and_an_admin_edits_the_hours() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    for role in ["waiter", "manager"] {
        let (_, token) = app.add_member(owner.restaurant_id, role).await;
        let refused = app.get_with("/api/v1/restaurant/settings", &token).await;
        assert_problem(refused, StatusCode::FORBIDDEN, "permission_denied").await;
        let monday = json!([{ "weekday": "monday", "opens": "12:00", "closes": "14:00" }]);
        let refused = hours(&app, &token, monday).await;
        assert_problem(refused, StatusCode::FORBIDDEN, "permission_denied").await;
    }
    let (_, admin) = app.add_member(owner.restaurant_id, "admin").await;
    let monday = json!([{ "weekday": "monday", "opens": "12:00", "closes": "14:00" }]);
    assert_eq!(hours(&app, &admin, monday).await.status(), StatusCode::OK);
    assert_eq!(
        settings(&app, &owner.access_token).await["opening_hours"][0]["opens"],
        "12:00"
    );
}

#[tokio::test]
async fn the_guests_table_page_follows_a_new_name_and_language_at_once() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let zone = app
        .send_with(
            Method::POST,
            "/api/v1/zones",
            &owner.access_token,
            &json!({ "name": "Salle", "tables": 1 }),
        )
        .await;
    assert_eq!(zone.status(), StatusCode::CREATED);
    let sheet: Vec<Value> = app
        .get_with("/api/v1/tables/qr", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let url = sheet[0]["url"].as_str().unwrap().to_owned();
    let page = |url: String| {
        let client = app.client.clone();
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let first = page(url.clone()).await;
    assert!(first.contains("Chez Ana"));
    patch(
        &app,
        &owner,
        json!({ "name": "Trattoria Ana", "language": "it" }),
    )
    .await;
    let second = page(url).await;
    assert!(second.contains("Trattoria Ana"), "{second}");
    assert!(second.contains("lang=\"it\""), "{second}");
}

/// A `width` × `height` PNG, encoded by the `png` crate.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_image_data(&vec![128u8; (width * height) as usize])
            .unwrap();
    }
    bytes
}

async fn put_logo(
    app: &TestApp,
    token: &str,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.client
        .put(app.url("/api/v1/restaurant/logo"))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_uploaded_logo_is_served_publicly_under_an_address_that_follows_its_content() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let image = png(40, 20);
    let response = put_logo(&app, &owner.access_token, "image/png", image.clone()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let now: Value = response.json().await.unwrap();
    let url = now["logo_url"].as_str().unwrap().to_owned();
    assert!(
        url.starts_with(&format!("/logos/{}/", owner.restaurant_id)),
        "{url}"
    );
    let served = app.client.get(app.url(&url)).send().await.unwrap();
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(
        served.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(served.bytes().await.unwrap().to_vec(), image);

    let replaced: Value = put_logo(&app, &owner.access_token, "image/png", png(10, 10))
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(replaced["logo_url"], now["logo_url"]);
    let old = app.client.get(app.url(&url)).send().await.unwrap();
    assert_eq!(old.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_logo_whose_bytes_are_not_its_type_is_refused() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let lying = put_logo(&app, &owner.access_token, "image/jpeg", png(4, 4)).await;
    let problem =
        assert_problem(lying, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(problem["errors"][0]["code"], "invalid_image");
    let svg = put_logo(
        &app,
        &owner.access_token,
        "image/svg+xml",
        b"<svg onload=alert(1)/>".to_vec(),
    )
    .await;
    assert_problem(
        svg,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
    let settings = settings(&app, &owner.access_token).await;
    assert!(settings["logo_url"].is_null());
}

#[tokio::test]
async fn a_logo_over_512_kib_is_refused_as_too_large() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let mut big = png(4, 4);
    big.resize(512 * 1024 + 1, 0);
    let response = put_logo(&app, &owner.access_token, "image/png", big).await;
    assert_problem(response, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
}

#[tokio::test]
async fn a_removed_logo_is_no_longer_served_and_a_waiter_cannot_change_it() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let refused = put_logo(&app, &waiter, "image/png", png(4, 4)).await;
    assert_problem(refused, StatusCode::FORBIDDEN, "permission_denied").await;
    let now: Value = put_logo(&app, &owner.access_token, "image/png", png(4, 4))
        .await
        .json()
        .await
        .unwrap();
    let url = now["logo_url"].as_str().unwrap().to_owned();
    let removed = app
        .client
        .delete(app.url("/api/v1/restaurant/logo"))
        .bearer_auth(&owner.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), StatusCode::OK);
    let gone = app.client.get(app.url(&url)).send().await.unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_brand_colour_is_six_hex_digits_and_an_empty_one_removes_it() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let set: Value = patch(&app, &owner, json!({ "brand_color": "#2F7D5B" }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(set["brand_color"], "#2f7d5b");
    let bad = patch(&app, &owner, json!({ "brand_color": "green" })).await;
    assert_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let cleared: Value = patch(&app, &owner, json!({ "brand_color": "" }))
        .await
        .json()
        .await
        .unwrap();
    assert!(cleared["brand_color"].is_null());
}

#[tokio::test]
async fn logos_changed_at_the_same_moment_always_leave_the_named_file_in_place() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (first, second) = (png(12, 12), png(16, 16));
    for round in 0..6 {
        let uploads = [first.clone(), second.clone(), first.clone()].map(|image| {
            let (client, url, token) = (
                app.client.clone(),
                app.url("/api/v1/restaurant/logo"),
                owner.access_token.clone(),
            );
            tokio::spawn(async move {
                client
                    .put(url)
                    .bearer_auth(token)
                    .header("content-type", "image/png")
                    .body(image)
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        });
        let removal = {
            let (client, url, token) = (
                app.client.clone(),
                app.url("/api/v1/restaurant/logo"),
                owner.access_token.clone(),
            );
            tokio::spawn(async move {
                client
                    .delete(url)
                    .bearer_auth(token)
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        };
        for upload in uploads {
            assert_eq!(upload.await.unwrap(), StatusCode::OK);
        }
        assert_eq!(removal.await.unwrap(), StatusCode::OK);
        let now = settings(&app, &owner.access_token).await;
        if let Some(url) = now["logo_url"].as_str() {
            let served = app.client.get(app.url(url)).send().await.unwrap();
            assert_eq!(served.status(), StatusCode::OK, "round {round}: {url}");
        }
    }
}
