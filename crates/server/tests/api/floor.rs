//! The floor: zones, tables numbered for good, QR codes and the guest's page.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, spawn_app, Owner, TestApp};

async fn create_zone(app: &TestApp, owner: &Owner, body: Value) -> Value {
    let response = app
        .send_with(Method::POST, "/api/v1/zones", &owner.access_token, &body)
        .await;
    assert_eq!(response.status(), StatusCode::CREATED, "{body}");
    response.json().await.unwrap()
}

async fn tables(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let response = app.get_with(&format!("/api/v1/tables{query}"), token).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn numbers(tables: &[Value]) -> Vec<&str> {
    tables
        .iter()
        .map(|t| t["table_number"].as_str().unwrap())
        .collect()
}

async fn add_tables(app: &TestApp, owner: &Owner, zone: &Value, count: u32) -> Vec<Value> {
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/tables",
            &owner.access_token,
            &json!({ "zone_id": zone["id"], "count": count }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_zone_takes_its_prefix_from_its_name_and_numbers_its_tables() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let zone = create_zone(
        &app,
        &owner,
        json!({ "name": "Intérieur", "tables": 3, "capacity": 2 }),
    )
    .await;
    assert_eq!(zone["prefix"], "INT");
    assert_eq!(
        (zone["tables"].as_u64(), zone["active_tables"].as_u64()),
        (Some(3), Some(3))
    );
    let listed = tables(&app, &owner.access_token, "").await;
    assert_eq!(numbers(&listed), ["INT-1", "INT-2", "INT-3"]);
    assert!(listed
        .iter()
        .all(|t| t["capacity"] == 2 && t["display_name"] == t["table_number"]));
}

#[tokio::test]
async fn a_deduced_prefix_already_used_becomes_a_free_variant() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    create_zone(&app, &owner, json!({ "name": "Terrasse" })).await;
    let second = create_zone(&app, &owner, json!({ "name": "Terrasse haute" })).await;
    assert_eq!(second["prefix"], "TER2");
    let proposed: Value = app
        .get_with("/api/v1/zones/prefix?name=Terrain", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(proposed["prefix"], "TER3");
}

#[tokio::test]
async fn a_prefix_asked_for_that_another_zone_uses_is_a_conflict_naming_a_free_one() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    create_zone(&app, &owner, json!({ "name": "Bar" })).await;
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/zones",
            &owner.access_token,
            &json!({ "name": "Comptoir", "prefix": "bar" }),
        )
        .await;
    let problem = assert_problem(response, StatusCode::CONFLICT, "prefix_taken").await;
    assert!(
        problem["detail"].as_str().unwrap().contains("BAR2"),
        "{problem}"
    );
    let zones: Vec<Value> = app
        .get_with("/api/v1/zones", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(zones.len(), 1);
}

#[tokio::test]
async fn added_tables_continue_after_the_highest_number_even_once_it_was_deleted() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let zone = create_zone(&app, &owner, json!({ "name": "Salle", "tables": 3 })).await;
    let listed = tables(&app, &owner.access_token, "").await;
    let deleted = app
        .send_with(
            Method::DELETE,
            &format!("/api/v1/tables/{}", listed[2]["id"].as_str().unwrap()),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let added = add_tables(&app, &owner, &zone, 2).await;
    assert_eq!(numbers(&added), ["SAL-4", "SAL-5"]);
}

#[tokio::test]
async fn a_prefix_given_again_to_a_new_zone_never_repeats_a_number() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let first = create_zone(&app, &owner, json!({ "name": "Jardin", "tables": 2 })).await;
    let gone = app
        .send_with(
            Method::DELETE,
            &format!("/api/v1/zones/{}", first["id"].as_str().unwrap()),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(gone.status(), StatusCode::NO_CONTENT);
    assert!(tables(&app, &owner.access_token, "").await.is_empty());
    let again = create_zone(&app, &owner, json!({ "name": "Jardin", "tables": 1 })).await;
    assert_eq!(again["prefix"], "JAR");
    assert_eq!(
        numbers(&tables(&app, &owner.access_token, "").await),
        ["JAR-3"]
    );
}

#[tokio::test]
async fn renaming_a_zones_prefix_keeps_its_tables_numbers() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let zone = create_zone(&app, &owner, json!({ "name": "Intérieur", "tables": 2 })).await;
    let renamed = app
        .send_with(
            Method::PATCH,
            &format!("/api/v1/zones/{}", zone["id"].as_str().unwrap()),
            &owner.access_token,
            &json!({ "name": "Salle du fond", "prefix": "FON" }),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let renamed: Value = renamed.json().await.unwrap();
    assert_eq!(
        (renamed["name"].as_str(), renamed["prefix"].as_str()),
        (Some("Salle du fond"), Some("FON"))
    );
    add_tables(&app, &owner, &zone, 1).await;
    assert_eq!(
        numbers(&tables(&app, &owner.access_token, "").await),
        ["INT-1", "INT-2", "FON-1"]
    );
}

#[tokio::test]
async fn tables_added_at_the_same_moment_never_share_a_number() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let zone = create_zone(&app, &owner, json!({ "name": "Terrasse" })).await;
    let requests: Vec<_> = (0..8)
        .map(|_| {
            let (client, url) = (app.client.clone(), app.url("/api/v1/tables"));
            let (token, body) = (
                owner.access_token.clone(),
                json!({ "zone_id": zone["id"], "count": 5 }),
            );
            tokio::spawn(async move {
                client
                    .post(url)
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
        assert_eq!(request.await.unwrap(), StatusCode::CREATED);
    }
    let listed = tables(&app, &owner.access_token, "").await;
    let mut got: Vec<String> = numbers(&listed).iter().map(|n| n.to_string()).collect();
    got.sort();
    let mut wanted: Vec<String> = (1..=40).map(|n| format!("TER-{n}")).collect();
    wanted.sort();
    assert_eq!(got, wanted);
}

#[tokio::test]
async fn a_retried_addition_with_its_key_adds_nothing_more() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let zone = create_zone(&app, &owner, json!({ "name": "Bar" })).await;
    let send = |body: Value| {
        app.client
            .post(app.url("/api/v1/tables"))
            .bearer_auth(&owner.access_token)
            .header("Idempotency-Key", "add-bar-1")
            .json(&body)
            .send()
    };
    let body = json!({ "zone_id": zone["id"], "count": 2 });
    let first = send(body.clone()).await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let again = send(body).await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    let other = send(json!({ "zone_id": zone["id"], "count": 3 }))
        .await
        .unwrap();
    let problem =
        assert_problem(other, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "Idempotency-Key");
    assert_eq!(tables(&app, &owner.access_token, "").await.len(), 2);
}

#[tokio::test]
async fn a_retried_zone_with_its_key_is_created_once() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let send = || {
        app.client
            .post(app.url("/api/v1/zones"))
            .bearer_auth(&owner.access_token)
            .header("Idempotency-Key", "zone-1")
            .json(&json!({ "name": "Patio", "tables": 2 }))
            .send()
    };
    assert_eq!(send().await.unwrap().status(), StatusCode::CREATED);
    assert_eq!(send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(tables(&app, &owner.access_token, "").await.len(), 2);
}

#[tokio::test]
async fn zones_keep_the_order_they_were_given() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let a = create_zone(&app, &owner, json!({ "name": "Intérieur" })).await;
    let b = create_zone(&app, &owner, json!({ "name": "Terrasse" })).await;
    let c = create_zone(&app, &owner, json!({ "name": "Bar" })).await;
    let order = json!({ "zone_ids": [c["id"], a["id"], b["id"]] });
    let moved = app
        .send_with(
            Method::PUT,
            "/api/v1/zones/order",
            &owner.access_token,
            &order,
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let zones: Vec<Value> = app
        .get_with("/api/v1/zones", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = zones.iter().map(|z| z["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Bar", "Intérieur", "Terrasse"]);
}

#[tokio::test]
async fn an_order_that_leaves_a_zone_out_is_refused() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let a = create_zone(&app, &owner, json!({ "name": "Intérieur" })).await;
    create_zone(&app, &owner, json!({ "name": "Terrasse" })).await;
    for ids in [json!([a["id"]]), json!([a["id"], a["id"]])] {
        let response = app
            .send_with(
                Method::PUT,
                "/api/v1/zones/order",
                &owner.access_token,
                &json!({ "zone_ids": ids }),
            )
            .await;
        let problem = assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["code"], "not_every_zone");
    }
}

#[tokio::test]
async fn a_capacity_outside_one_to_twelve_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    create_zone(&app, &owner, json!({ "name": "Salle", "tables": 1 })).await;
    let table = &tables(&app, &owner.access_token, "").await[0];
    let response = app
        .send_with(
            Method::PATCH,
            &format!("/api/v1/tables/{}", table["id"].as_str().unwrap()),
            &owner.access_token,
            &json!({ "capacity": 13, "display_name": "Fenêtre" }),
        )
        .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "capacity");
    assert_eq!(&tables(&app, &owner.access_token, "").await[0], table);
}

#[tokio::test]
async fn an_inactive_table_is_kept_but_left_out_of_the_active_list() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    create_zone(&app, &owner, json!({ "name": "Salle", "tables": 2 })).await;
    let first = tables(&app, &owner.access_token, "").await[0].clone();
    let changed = app
        .send_with(
            Method::PATCH,
            &format!("/api/v1/tables/{}", first["id"].as_str().unwrap()),
            &owner.access_token,
            &json!({ "is_active": false, "display_name": "Fenêtre", "capacity": 6 }),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(
        (
            changed["table_number"].as_str(),
            changed["display_name"].as_str()
        ),
        (Some("SAL-1"), Some("Fenêtre"))
    );
    assert_eq!(
        numbers(&tables(&app, &owner.access_token, "?active=true").await),
        ["SAL-2"]
    );
    assert_eq!(
        numbers(&tables(&app, &owner.access_token, "?active=false").await),
        ["SAL-1"]
    );
}

#[tokio::test]
async fn a_waiter_sees_the_floor_but_cannot_change_it() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let zone = create_zone(&app, &owner, json!({ "name": "Salle", "tables": 1 })).await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    assert_eq!(tables(&app, &waiter, "").await.len(), 1);
    let refused = app
        .send_with(
            Method::POST,
            "/api/v1/tables",
            &waiter,
            &json!({ "zone_id": zone["id"], "count": 1 }),
        )
        .await;
    assert_problem(refused, StatusCode::FORBIDDEN, "permission_denied").await;
    let codes = app.get_with("/api/v1/tables/qr", &waiter).await;
    assert_problem(codes, StatusCode::FORBIDDEN, "permission_denied").await;
}

#[tokio::test]
async fn another_restaurants_zone_cannot_receive_tables() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    let theirs = create_zone(&app, &bruno, json!({ "name": "Salle" })).await;
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/tables",
            &ana.access_token,
            &json!({ "zone_id": theirs["id"], "count": 1 }),
        )
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    assert!(tables(&app, &bruno.access_token, "").await.is_empty());
    assert!(tables(&app, &ana.access_token, "").await.is_empty());
}

#[tokio::test]
async fn each_change_to_the_floor_is_audited() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let zone = create_zone(&app, &owner, json!({ "name": "Salle", "tables": 1 })).await;
    add_tables(&app, &owner, &zone, 1).await;
    let audit: Value = app
        .get_with("/api/v1/audit?limit=100", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"zone.created") && actions.contains(&"table.added"),
        "{actions:?}"
    );
}

/// The address a table's QR code carries, from the sheet.
async fn code_of(app: &TestApp, owner: &Owner, table_number: &str) -> Value {
    let sheet: Vec<Value> = app
        .get_with("/api/v1/tables/qr", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    sheet
        .into_iter()
        .find(|code| code["table"]["table_number"] == table_number)
        .unwrap_or_else(|| panic!("no code for {table_number}"))
}

fn decode_png(bytes: &[u8]) -> String {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let (width, height) = (info.width as usize, info.height as usize);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one code in the picture");
    grids[0].decode().unwrap().1
}

#[tokio::test]
async fn a_tables_png_code_decodes_to_its_guest_page() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    create_zone(&app, &owner, json!({ "name": "Terrasse", "tables": 1 })).await;
    let code = code_of(&app, &owner, "TER-1").await;
    let picture = app
        .get_with(
            &format!(
                "/api/v1/tables/{}/qr.png",
                code["table"]["id"].as_str().unwrap()
            ),
            &owner.access_token,
        )
        .await;
    assert_eq!(picture.status(), StatusCode::OK);
    assert_eq!(picture.headers()["content-type"], "image/png");
    let url = decode_png(&picture.bytes().await.unwrap());
    assert_eq!(url, code["url"].as_str().unwrap());
    let prefix = format!("{}/t/{}/TER-1?k=", app.address, owner.restaurant_id);
    assert!(url.starts_with(&prefix), "{url}");
    assert!(code["svg"].as_str().unwrap().contains("<svg"));
    let svg = app
        .get_with(
            &format!(
                "/api/v1/tables/{}/qr.svg",
                code["table"]["id"].as_str().unwrap()
            ),
            &owner.access_token,
        )
        .await;
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
}

#[tokio::test]
async fn the_guest_page_names_the_restaurant_and_the_table_in_a_small_page() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    create_zone(&app, &owner, json!({ "name": "Terrasse", "tables": 1 })).await;
    let code = code_of(&app, &owner, "TER-1").await;
    let page = app
        .client
        .get(code["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Chez Ana") && html.contains("TER-1"),
        "{html}"
    );
    assert!(html.contains(r#"lang="fr""#) && !html.contains("<script"));
    assert!(html.len() < 50 * 1024);
}

#[tokio::test]
async fn a_wrong_secret_an_inactive_or_a_deleted_table_is_not_available() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    create_zone(&app, &owner, json!({ "name": "Terrasse", "tables": 2 })).await;
    let one = code_of(&app, &owner, "TER-1").await;
    let two = code_of(&app, &owner, "TER-2").await;
    let url = one["url"].as_str().unwrap();
    let guessed = app.client.get(format!("{}x", url)).send().await.unwrap();
    assert_eq!(guessed.status(), StatusCode::NOT_FOUND);
    assert!(guessed.text().await.unwrap().contains("pas disponible"));
    let table = |code: &Value| format!("/api/v1/tables/{}", code["table"]["id"].as_str().unwrap());
    app.send_with(
        Method::PATCH,
        &table(&one),
        &owner.access_token,
        &json!({ "is_active": false }),
    )
    .await;
    assert_eq!(
        app.client.get(url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    app.send_with(
        Method::DELETE,
        &table(&two),
        &owner.access_token,
        &json!({}),
    )
    .await;
    let gone = app
        .client
        .get(two["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_reprinted_code_replaces_the_old_one() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    create_zone(&app, &owner, json!({ "name": "Terrasse", "tables": 1 })).await;
    let old = code_of(&app, &owner, "TER-1").await;
    let rotated = app
        .send_with(
            Method::POST,
            &format!(
                "/api/v1/tables/{}/qr/rotate",
                old["table"]["id"].as_str().unwrap()
            ),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(rotated.status(), StatusCode::OK);
    let new: Value = rotated.json().await.unwrap();
    assert_ne!(new["url"], old["url"]);
    let old_page = app
        .client
        .get(old["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(old_page.status(), StatusCode::NOT_FOUND);
    let new_page = app
        .client
        .get(new["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(new_page.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_renamed_table_keeps_its_address_and_shows_its_new_name() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    create_zone(&app, &owner, json!({ "name": "Terrasse", "tables": 1 })).await;
    let code = code_of(&app, &owner, "TER-1").await;
    app.send_with(
        Method::PATCH,
        &format!("/api/v1/tables/{}", code["table"]["id"].as_str().unwrap()),
        &owner.access_token,
        &json!({ "display_name": "Sous le tilleul" }),
    )
    .await;
    assert_eq!(code_of(&app, &owner, "TER-1").await["url"], code["url"]);
    let html = app
        .client
        .get(code["url"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Sous le tilleul"), "{html}");
}

#[tokio::test]
async fn the_guest_page_is_in_the_restaurants_language() {
    let app = spawn_app().await;
    let email = format!("owner-{}@example.com", uuid::Uuid::new_v4().simple());
    let signed = app
        .signup_body(&json!({
            "restaurant_name": "Da Bruno", "owner_name": "Bruno", "email": email,
            "password": crate::helpers::PASSWORD, "table_count": 2, "language": "it",
        }))
        .await;
    assert_eq!(signed.status(), StatusCode::CREATED);
    let tokens: Value = signed.json().await.unwrap();
    let token = tokens["access_token"].as_str().unwrap();
    app.send_with(
        Method::POST,
        "/api/v1/zones",
        token,
        &json!({ "name": "Sala", "tables": 1 }),
    )
    .await;
    let sheet: Vec<Value> = app
        .get_with("/api/v1/tables/qr", token)
        .await
        .json()
        .await
        .unwrap();
    let html = app
        .client
        .get(sheet[0]["url"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(r#"lang="it""#) && html.contains("Tavolo"),
        "{html}"
    );
}

#[tokio::test]
async fn guessing_table_addresses_is_refused_past_thirty_a_minute_even_for_a_real_one() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    create_zone(&app, &owner, json!({ "name": "Terrasse", "tables": 1 })).await;
    let real = code_of(&app, &owner, "TER-1").await;
    for n in 0..30 {
        let guess = app.url(&format!("/t/{}/TER-1?k=guess{n}", owner.restaurant_id));
        assert_eq!(
            app.client.get(guess).send().await.unwrap().status(),
            StatusCode::NOT_FOUND
        );
    }
    let guess = app.url(&format!("/t/{}/TER-1?k=guess", owner.restaurant_id));
    let refused = app.client.get(guess).send().await.unwrap();
    assert_problem(refused, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    let real = app
        .client
        .get(real["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(real.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_zone_retried_with_its_key_but_other_fields_is_refused() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let send = |body: Value| {
        app.client
            .post(app.url("/api/v1/zones"))
            .bearer_auth(&owner.access_token)
            .header("Idempotency-Key", "zone-2")
            .json(&body)
            .send()
    };
    let first = send(json!({ "name": "Bar", "tables": 2 })).await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let other = send(json!({ "name": "Bar", "tables": 50 })).await.unwrap();
    assert_problem(other, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(tables(&app, &owner.access_token, "").await.len(), 2);
}

#[tokio::test]
async fn a_change_that_changes_nothing_is_not_audited() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let zone = create_zone(&app, &owner, json!({ "name": "Salle", "tables": 1 })).await;
    let table = tables(&app, &owner.access_token, "").await[0].clone();
    let count = || async { app.count("audit_log").await };
    let before = count().await;
    for (path, body) in [
        (
            format!("/api/v1/zones/{}", zone["id"].as_str().unwrap()),
            json!({}),
        ),
        (
            format!("/api/v1/tables/{}", table["id"].as_str().unwrap()),
            json!({ "capacity": table["capacity"] }),
        ),
    ] {
        let response = app
            .send_with(Method::PATCH, &path, &owner.access_token, &body)
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    assert_eq!(count().await, before);
}

#[tokio::test]
async fn a_floor_stops_growing_at_two_thousand_tables() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let zone = create_zone(&app, &owner, json!({ "name": "Salle" })).await;
    for _ in 0..20 {
        add_tables(&app, &owner, &zone, 100).await;
    }
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/tables",
            &owner.access_token,
            &json!({ "zone_id": zone["id"], "count": 1 }),
        )
        .await;
    assert_problem(response, StatusCode::CONFLICT, "floor_full").await;
}

#[tokio::test]
async fn an_address_that_shows_no_table_says_nothing_of_the_restaurant() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    create_zone(&app, &owner, json!({ "name": "Terrasse", "tables": 1 })).await;
    let known = app.url(&format!("/t/{}/TER-1?k=wrong", owner.restaurant_id));
    let malformed = app.url(&format!("/t/{}/{}", owner.restaurant_id, "A".repeat(5000)));
    let unknown = app.url(&format!("/t/{}/TER-1?k=wrong", uuid::Uuid::new_v4()));
    let mut pages = Vec::new();
    for url in [known, malformed, unknown] {
        let response = app.client.get(url).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        pages.push(response.text().await.unwrap());
    }
    assert!(!pages[0].contains("Chez Ana"));
    assert!(pages.iter().all(|page| *page == pages[0]));
}

#[tokio::test]
async fn guesses_from_one_ipv6_network_are_refused_together() {
    let app = crate::helpers::spawn_app_with(&[("BRIGADE_TRUST_PROXY", "127.0.0.1/32")]).await;
    let owner = app.signup("Chez Ana").await;
    create_zone(&app, &owner, json!({ "name": "Terrasse", "tables": 1 })).await;
    let real = code_of(&app, &owner, "TER-1").await;
    let from = |address: &str, url: String| {
        app.client
            .get(url)
            .header("X-Forwarded-For", address.to_owned())
            .send()
    };
    for n in 0..31 {
        let guess = app.url(&format!("/t/{}/TER-1?k=guess{n}", owner.restaurant_id));
        from("2001:db8:1:2::1", guess).await.unwrap();
    }
    let neighbour = from("2001:db8:1:2::2", real["url"].as_str().unwrap().to_owned())
        .await
        .unwrap();
    assert_eq!(neighbour.status(), StatusCode::TOO_MANY_REQUESTS);
    let elsewhere = from("2001:db8:9:9::1", real["url"].as_str().unwrap().to_owned())
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_method_the_qr_sheet_does_not_have_is_405_not_a_table_id() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = app
        .send_with(
            Method::PATCH,
            "/api/v1/tables/qr",
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(response.headers()["allow"], "GET");
    assert_problem(
        response,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;
}
