//! The service grid: who serves which zones and tables during each service of a day.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{assert_problem, spawn_app, Owner, TestApp};

/// 3 December 2026, a Thursday.
const THURSDAY: &str = "2026-12-03";

/// Opens the restaurant for lunch and dinner on Thursdays.
async fn open_on_thursdays(app: &TestApp, owner: &Owner) {
    let response = app
        .send_with(
            Method::PUT,
            "/api/v1/restaurant/opening-hours",
            &owner.access_token,
            &json!({ "ranges": [
                { "weekday": "thursday", "opens": "12:00", "closes": "14:30" },
                { "weekday": "thursday", "opens": "19:00", "closes": "01:00" },
            ] }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

/// A zone with `tables` tables: its id and its tables' ids.
async fn zone(app: &TestApp, owner: &Owner, name: &str, tables: u32) -> (Uuid, Vec<Uuid>) {
    let zone: Value = app
        .send_with(
            Method::POST,
            "/api/v1/zones",
            &owner.access_token,
            &json!({ "name": name, "tables": tables }),
        )
        .await
        .json()
        .await
        .unwrap();
    let id: Uuid = zone["id"].as_str().unwrap().parse().unwrap();
    let listed: Vec<Value> = app
        .get_with(&format!("/api/v1/tables?zone_id={id}"), &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let tables = listed
        .iter()
        .map(|t| t["id"].as_str().unwrap().parse().unwrap())
        .collect();
    (id, tables)
}

async fn day(app: &TestApp, token: &str, date: &str) -> Value {
    let response = app
        .get_with(&format!("/api/v1/service-grid?date={date}"), token)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn replace(app: &TestApp, token: &str, opens: &str, places: Value) -> reqwest::Response {
    app.send_with(
        Method::PUT,
        "/api/v1/service-grid",
        token,
        &json!({ "date": THURSDAY, "opens": opens, "assignments": places }),
    )
    .await
}

/// The first field a `422` answer refuses, and why.
async fn first_refusal(response: reqwest::Response) -> (String, String) {
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let first = &problem["errors"][0];
    (
        first["field"].as_str().unwrap().to_owned(),
        first["code"].as_str().unwrap().to_owned(),
    )
}

/// The places of the service opening at `opens`, as sent back by the day's view.
fn places_of(day: &Value, opens: &str) -> Value {
    day["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["opens"] == opens)
        .map(|s| s["assignments"].clone())
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn a_day_has_the_services_of_its_opening_hours_and_the_active_team() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    open_on_thursdays(&app, &owner).await;
    let (waiter, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let day = day(&app, &owner.access_token, THURSDAY).await;
    assert_eq!(day["date"], THURSDAY);
    let services: Vec<(&str, &str)> = day["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["opens"].as_str().unwrap(), s["closes"].as_str().unwrap()))
        .collect();
    assert_eq!(services, vec![("12:00", "14:30"), ("19:00", "01:00")]);
    let staff: Vec<&str> = day["staff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["member_id"].as_str().unwrap())
        .collect();
    assert!(staff.contains(&waiter.to_string().as_str()), "{staff:?}");
    assert_eq!(staff.len(), 2);
}

#[tokio::test]
async fn a_closed_day_has_no_service() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    open_on_thursdays(&app, &owner).await;
    let friday = day(&app, &owner.access_token, "2026-12-04").await;
    assert_eq!(friday["services"], json!([]));
}

#[tokio::test]
async fn without_a_date_the_grid_shows_today_where_the_restaurant_is() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = app
        .send_with(
            Method::PATCH,
            "/api/v1/restaurant/settings",
            &owner.access_token,
            &json!({ "time_zone": "Pacific/Kiritimati" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let today: Value = app
        .get_with("/api/v1/service-grid", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let expected = app
        .clock
        .now()
        .with_timezone(&chrono_tz::Pacific::Kiritimati)
        .date_naive()
        .to_string();
    assert_eq!(today["date"], expected);
}

#[tokio::test]
async fn an_owner_places_members_on_zones_and_tables_and_it_is_audited() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    open_on_thursdays(&app, &owner).await;
    let (waiter, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let (other, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let (terrace, _) = zone(&app, &owner, "Terrasse", 2).await;
    let (_, inside) = zone(&app, &owner, "Intérieur", 3).await;
    let places = json!([
        { "member_id": waiter, "zone_id": terrace },
        { "member_id": other, "table_id": inside[1] },
    ]);
    let response = replace(&app, &owner.access_token, "19:00", places).await;
    assert_eq!(response.status(), StatusCode::OK);
    let service: Value = response.json().await.unwrap();
    assert_eq!(service["opens"], "19:00");
    assert_eq!(service["assignments"].as_array().unwrap().len(), 2);

    let day = day(&app, &owner.access_token, THURSDAY).await;
    let dinner = places_of(&day, "19:00");
    assert!(dinner
        .as_array()
        .unwrap()
        .contains(&json!({ "member_id": waiter, "zone_id": terrace })));
    assert!(dinner
        .as_array()
        .unwrap()
        .contains(&json!({ "member_id": other, "table_id": inside[1] })));
    assert_eq!(
        places_of(&day, "12:00"),
        json!([]),
        "lunch is another service"
    );

    let audit: Value = app
        .get_with("/api/v1/audit?limit=100", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let entry = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "service.places_replaced")
        .cloned()
        .expect("an audit entry");
    assert_eq!(entry["entity_id"], format!("{THURSDAY} 19:00"));
    assert_eq!(entry["before"], json!([]));
    assert_eq!(entry["after"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn sending_the_same_places_again_changes_nothing_and_is_audited_once() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    open_on_thursdays(&app, &owner).await;
    let (waiter, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let (terrace, _) = zone(&app, &owner, "Terrasse", 1).await;
    let places = json!([{ "member_id": waiter, "zone_id": terrace }]);
    for _ in 0..3 {
        let response = replace(&app, &owner.access_token, "12:00", places.clone()).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    assert_eq!(
        places_of(&day(&app, &owner.access_token, THURSDAY).await, "12:00"),
        places
    );
    let audited = app
        .count("audit_log WHERE action = 'service.places_replaced'")
        .await;
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn a_service_the_restaurant_does_not_open_for_is_refused() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    open_on_thursdays(&app, &owner).await;
    let response = replace(&app, &owner.access_token, "16:00", json!([])).await;
    assert_eq!(
        first_refusal(response).await,
        ("opens".to_owned(), "not_a_service".to_owned())
    );
}

#[tokio::test]
async fn a_place_is_a_zone_or_a_table_never_both() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    open_on_thursdays(&app, &owner).await;
    let (waiter, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let (terrace, tables) = zone(&app, &owner, "Terrasse", 1).await;
    let places = json!([
        { "member_id": waiter, "zone_id": terrace },
        { "member_id": waiter, "zone_id": terrace, "table_id": tables[0] },
    ]);
    let response = replace(&app, &owner.access_token, "12:00", places).await;
    assert_eq!(
        first_refusal(response).await,
        ("assignments[1]".to_owned(), "one_place".to_owned())
    );
    assert_eq!(
        places_of(&day(&app, &owner.access_token, THURSDAY).await, "12:00"),
        json!([])
    );
}

#[tokio::test]
async fn another_restaurants_member_zone_or_table_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Chez Bruno").await;
    open_on_thursdays(&app, &ana).await;
    let (own_waiter, _) = app.add_member(ana.restaurant_id, "waiter").await;
    let (own_zone, _) = zone(&app, &ana, "Terrasse", 1).await;
    let (their_waiter, _) = app.add_member(bruno.restaurant_id, "waiter").await;
    let (their_zone, their_tables) = zone(&app, &bruno, "Salle", 1).await;
    let before = app.restaurant_state(&bruno.access_token).await;
    for (place, code) in [
        (
            json!({ "member_id": their_waiter, "zone_id": own_zone }),
            "unknown_member",
        ),
        (
            json!({ "member_id": own_waiter, "zone_id": their_zone }),
            "unknown_zone",
        ),
        (
            json!({ "member_id": own_waiter, "table_id": their_tables[0] }),
            "unknown_table",
        ),
    ] {
        let response = replace(&app, &ana.access_token, "12:00", json!([place])).await;
        assert_eq!(first_refusal(response).await.1, code, "{place}");
    }
    assert_eq!(
        places_of(&day(&app, &ana.access_token, THURSDAY).await, "12:00"),
        json!([])
    );
    assert_eq!(app.count("service_assignments").await, 0);
    assert_eq!(app.restaurant_state(&bruno.access_token).await, before);
}

#[tokio::test]
async fn a_table_out_of_service_cannot_be_given() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    open_on_thursdays(&app, &owner).await;
    let (waiter, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let (_, tables) = zone(&app, &owner, "Terrasse", 1).await;
    let response = app
        .send_with(
            Method::PATCH,
            &format!("/api/v1/tables/{}", tables[0]),
            &owner.access_token,
            &json!({ "is_active": false }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = replace(
        &app,
        &owner.access_token,
        "12:00",
        json!([{ "member_id": waiter, "table_id": tables[0] }]),
    )
    .await;
    assert_eq!(first_refusal(response).await.1, "unknown_table");
}

#[tokio::test]
async fn a_waiter_reads_the_grid_but_cannot_change_it() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    open_on_thursdays(&app, &owner).await;
    let (waiter, token) = app.add_member(owner.restaurant_id, "waiter").await;
    let (terrace, _) = zone(&app, &owner, "Terrasse", 1).await;
    let places = json!([{ "member_id": waiter, "zone_id": terrace }]);
    let response = replace(&app, &token, "12:00", places.clone()).await;
    assert_problem(response, StatusCode::FORBIDDEN, "permission_denied").await;
    let response = replace(&app, &owner.access_token, "12:00", places.clone()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        places_of(&day(&app, &token, THURSDAY).await, "12:00"),
        places
    );
}

#[tokio::test]
async fn deleting_a_zone_or_deactivating_a_member_takes_their_places_away() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    open_on_thursdays(&app, &owner).await;
    let (waiter, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let (other, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let (terrace, _) = zone(&app, &owner, "Terrasse", 1).await;
    let (inside, _) = zone(&app, &owner, "Intérieur", 1).await;
    let places = json!([
        { "member_id": waiter, "zone_id": terrace },
        { "member_id": other, "zone_id": inside },
    ]);
    assert_eq!(
        replace(&app, &owner.access_token, "12:00", places)
            .await
            .status(),
        StatusCode::OK
    );
    let deleted = app
        .send_with(
            Method::DELETE,
            &format!("/api/v1/zones/{terrace}"),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let left = places_of(&day(&app, &owner.access_token, THURSDAY).await, "12:00");
    assert_eq!(left, json!([{ "member_id": other, "zone_id": inside }]));

    let deactivated = app
        .send_with(
            Method::POST,
            &format!("/api/v1/members/{other}/deactivate"),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(deactivated.status(), StatusCode::OK);
    let day = day(&app, &owner.access_token, THURSDAY).await;
    assert_eq!(places_of(&day, "12:00"), json!([]));
    assert!(!day["staff"].to_string().contains(&other.to_string()));
}

#[tokio::test]
async fn a_malformed_date_is_refused_with_its_field() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = app
        .get_with("/api/v1/service-grid?date=2026-02-30", &owner.access_token)
        .await;
    assert_eq!(
        first_refusal(response).await,
        ("date".to_owned(), "invalid_date".to_owned())
    );
}

#[tokio::test]
async fn services_replaced_at_the_same_moment_on_two_servers_leave_one_whole_plan() {
    let app = spawn_app().await;
    let other = app.spawn_replica().await;
    let owner = app.signup("Chez Ana").await;
    open_on_thursdays(&app, &owner).await;
    let mut members = Vec::new();
    for _ in 0..4 {
        members.push(app.add_member(owner.restaurant_id, "waiter").await.0);
    }
    let (_, tables) = zone(&app, &owner, "Salle", 8).await;
    // Eight plans, each giving every table to one member: whichever lands last, the
    // service holds exactly one plan, never a mix of two.
    let plans: Vec<Value> = (0..8)
        .map(|n| {
            json!(tables
                .iter()
                .map(|t| json!({ "member_id": members[n % members.len()], "table_id": t }))
                .collect::<Vec<_>>())
        })
        .collect();
    let requests: Vec<_> = plans
        .iter()
        .enumerate()
        .map(|(n, plan)| {
            let base = if n % 2 == 0 {
                app.address.clone()
            } else {
                other.clone()
            };
            let client = app.client.clone();
            let token = owner.access_token.clone();
            let body = json!({ "date": THURSDAY, "opens": "19:00", "assignments": plan });
            tokio::spawn(async move {
                client
                    .put(format!("{base}/api/v1/service-grid"))
                    .bearer_auth(token)
                    .json(&body)
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    for request in requests {
        assert_eq!(request.await.unwrap(), StatusCode::OK);
    }
    let held = places_of(&day(&app, &owner.access_token, THURSDAY).await, "19:00");
    let held = held.as_array().unwrap();
    assert_eq!(held.len(), tables.len());
    let first = &held[0]["member_id"];
    assert!(
        held.iter().all(|place| &place["member_id"] == first),
        "{held:?}"
    );
}

#[tokio::test]
async fn a_waiter_sees_who_has_a_place_but_not_the_whole_team() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    open_on_thursdays(&app, &owner).await;
    let (placed, token) = app.add_member(owner.restaurant_id, "waiter").await;
    let (unplaced, _) = app.add_member(owner.restaurant_id, "chef").await;
    let (terrace, _) = zone(&app, &owner, "Terrasse", 1).await;
    let places = json!([{ "member_id": placed, "zone_id": terrace }]);
    assert_eq!(
        replace(&app, &owner.access_token, "19:00", places)
            .await
            .status(),
        StatusCode::OK
    );
    let seen = day(&app, &token, THURSDAY).await;
    let staff: Vec<&str> = seen["staff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["member_id"].as_str().unwrap())
        .collect();
    assert_eq!(staff, vec![placed.to_string().as_str()]);
    let everyone = day(&app, &owner.access_token, THURSDAY).await;
    assert!(everyone["staff"]
        .to_string()
        .contains(&unplaced.to_string()));
}

#[tokio::test]
async fn a_place_at_a_table_out_of_service_is_hidden_kept_and_back_with_the_table() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    open_on_thursdays(&app, &owner).await;
    let (waiter, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let (terrace, tables) = zone(&app, &owner, "Terrasse", 2).await;
    let at_zone = json!({ "member_id": waiter, "zone_id": terrace });
    let at_table = json!({ "member_id": waiter, "table_id": tables[1] });
    let both = json!([at_zone.clone(), at_table.clone()]);
    assert_eq!(
        replace(&app, &owner.access_token, "12:00", both)
            .await
            .status(),
        StatusCode::OK
    );
    let set_active = |on: bool| {
        let (app, token, id) = (&app, owner.access_token.clone(), tables[1]);
        async move {
            let response = app
                .send_with(
                    Method::PATCH,
                    &format!("/api/v1/tables/{id}"),
                    &token,
                    &json!({ "is_active": on }),
                )
                .await;
            assert_eq!(response.status(), StatusCode::OK);
        }
    };
    set_active(false).await;
    let shown = places_of(&day(&app, &owner.access_token, THURSDAY).await, "12:00");
    assert_eq!(shown, json!([at_zone.clone()]));
    // Saving what the grid shows keeps the hidden place, and changes nothing.
    let audited = app
        .count("audit_log WHERE action = 'service.places_replaced'")
        .await;
    assert_eq!(
        replace(&app, &owner.access_token, "12:00", shown)
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'service.places_replaced'")
            .await,
        audited
    );
    set_active(true).await;
    let back = places_of(&day(&app, &owner.access_token, THURSDAY).await, "12:00");
    assert_eq!(back.as_array().unwrap().len(), 2, "{back}");
}
