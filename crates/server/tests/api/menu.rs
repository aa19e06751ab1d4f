//! The menu: categories, products with variants and modifier groups, prices in minor
//! units, availability, images, the order on screen, archiving, and the guest's menu.

use std::io::Cursor;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, spawn_app, spawn_app_with, Owner, TestApp};

pub async fn create_category(app: &TestApp, token: &str, name: &str) -> Value {
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/menu/categories",
            token,
            &json!({ "name": name }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

pub async fn create_product(app: &TestApp, token: &str, body: Value) -> Value {
    let response = app
        .send_with(Method::POST, "/api/v1/menu/products", token, &body)
        .await;
    assert_eq!(response.status(), StatusCode::CREATED, "{body}");
    response.json().await.unwrap()
}

/// A category "Boissons" with a product at `price` minor units.
pub async fn a_product(app: &TestApp, owner: &Owner, name: &str, price: i64) -> Value {
    let category = create_category(app, &owner.access_token, "Boissons").await;
    create_product(
        app,
        &owner.access_token,
        json!({ "category_id": category["id"], "name": name, "price": price }),
    )
    .await
}

async fn products(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let response = app
        .get_with(&format!("/api/v1/menu/products{query}"), token)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Value,
) -> reqwest::Response {
    app.send_with(method, path, token, &body).await
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_pixel(width, height, image::Rgb([180, 90, 20]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

async fn upload(
    app: &TestApp,
    token: &str,
    product: &Value,
    bytes: Vec<u8>,
    declared: &str,
) -> reqwest::Response {
    app.client
        .put(app.url(&format!(
            "/api/v1/menu/products/{}/image",
            product["id"].as_str().unwrap()
        )))
        .bearer_auth(token)
        .header("content-type", declared)
        .body(bytes)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_product_with_variants_and_modifier_groups_keeps_its_prices_in_minor_units() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let category = create_category(&app, &owner.access_token, "Boissons chaudes").await;
    let product = create_product(
        &app,
        &owner.access_token,
        json!({
            "category_id": category["id"],
            "name": "Cappuccino",
            "description": "Mousse de lait",
            "variants": [{ "name": "25 cl", "price": 350 }, { "name": "50 cl", "price": 520 }],
            "modifier_groups": [{
                "name": "Suppléments", "min_choices": 0, "max_choices": 2,
                "options": [{ "name": "Vanille", "price_delta": 50 }, { "name": "Caramel", "price_delta": 60 }]
            }],
            "allergens": ["milk"],
            "dietary": ["vegetarian"],
            "station": "bar",
            "tax_rate": 550
        }),
    )
    .await;
    assert_eq!(product["variants"][0]["price"], 350);
    assert_eq!(product["variants"][1]["name"], "50 cl");
    assert_eq!(
        product["modifier_groups"][0]["options"][1]["price_delta"],
        60
    );
    assert_eq!(product["modifier_groups"][0]["max_choices"], 2);
    assert_eq!(
        (product["station"].as_str(), product["tax_rate"].as_u64()),
        (Some("bar"), Some(550))
    );
    assert_eq!(product["allergens"], json!(["milk"]));
    assert_eq!(product["available"], true);
    let listed = products(&app, &owner.access_token, "").await;
    assert_eq!(listed, vec![product]);
    let categories: Vec<Value> = app
        .get_with("/api/v1/menu/categories", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(categories[0]["products"], 1);
}

#[tokio::test]
async fn a_price_must_be_whole_minor_units_and_a_bad_product_creates_nothing() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let category = create_category(&app, &owner.access_token, "Plats").await;
    for (body, field) in [
        (
            json!({ "category_id": category["id"], "name": "Steak", "price": 12.5 }),
            None,
        ),
        (
            json!({ "category_id": category["id"], "name": "Steak", "price": -1 }),
            Some("price"),
        ),
        (
            json!({ "category_id": category["id"], "name": " " , "price": 100 }),
            Some("name"),
        ),
        (
            json!({ "category_id": category["id"], "name": "Steak" }),
            Some("price"),
        ),
        (
            json!({ "category_id": category["id"], "name": "Steak", "price": 100, "allergens": ["peanut"] }),
            Some("allergens[0]"),
        ),
        (
            json!({ "category_id": category["id"], "name": "Steak", "price": 100, "modifier_groups": [
            { "name": "Cuisson", "min_choices": 2, "max_choices": 1, "options": [{ "name": "Bleu" }] }
        ] }),
            Some("modifier_groups[0].max_choices"),
        ),
    ] {
        let response = send(
            &app,
            Method::POST,
            "/api/v1/menu/products",
            &owner.access_token,
            body.clone(),
        )
        .await;
        match field {
            None => assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{body}"),
            Some(field) => {
                let problem = assert_problem(
                    response,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation_failed",
                )
                .await;
                assert_eq!(problem["errors"][0]["field"], field, "{problem}");
            }
        }
    }
    assert!(products(&app, &owner.access_token, "").await.is_empty());
}

#[tokio::test]
async fn a_waiter_reads_the_menu_but_cannot_change_it() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let product = a_product(&app, &owner, "Espresso", 180).await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    assert_eq!(products(&app, &waiter, "").await.len(), 1);
    let id = product["id"].as_str().unwrap();
    for (method, path, body) in [
        (
            Method::POST,
            "/api/v1/menu/categories".to_owned(),
            json!({ "name": "X" }),
        ),
        (
            Method::PATCH,
            format!("/api/v1/menu/products/{id}"),
            json!({ "name": "X" }),
        ),
        (
            Method::PUT,
            format!("/api/v1/menu/products/{id}/prices"),
            json!({ "prices": [{ "variant_id": product["variants"][0]["id"], "price": 1 }] }),
        ),
        (
            Method::DELETE,
            format!("/api/v1/menu/products/{id}"),
            json!({}),
        ),
        (
            Method::PUT,
            "/api/v1/menu/reorder".to_owned(),
            json!({ "category_ids": [] }),
        ),
    ] {
        let response = send(&app, method, &path, &waiter, body).await;
        assert_problem(response, StatusCode::FORBIDDEN, "permission_denied").await;
    }
    assert_eq!(products(&app, &owner.access_token, "").await[0], product);
}

#[tokio::test]
async fn variants_at_creation_need_the_variants_permission_and_prices_the_prices_one() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let product = a_product(&app, &owner, "Bière", 500).await;
    let (member, token) = app.add_member(owner.restaurant_id, "waiter").await;
    app.give_custom_role(
        &owner.access_token,
        member,
        "Carte",
        &["products.create", "products.manage_variants"],
    )
    .await;
    let with_variants = json!({
        "category_id": product["category_id"], "name": "Cidre",
        "variants": [{ "name": "25 cl", "price": 300 }, { "name": "50 cl", "price": 550 }]
    });
    create_product(&app, &token, with_variants).await;
    let variant = &product["variants"][0];
    let repriced = send(
        &app,
        Method::PUT,
        &format!(
            "/api/v1/menu/products/{}/variants",
            product["id"].as_str().unwrap()
        ),
        &token,
        json!({ "variants": [{ "id": variant["id"], "price": 450 }] }),
    )
    .await;
    assert_problem(repriced, StatusCode::FORBIDDEN, "permission_denied").await;
    let renamed = send(
        &app,
        Method::PUT,
        &format!("/api/v1/menu/products/{}/variants", product["id"].as_str().unwrap()),
        &token,
        json!({ "variants": [{ "id": variant["id"], "price": 500 }, { "name": "Pinte", "price": 800 }] }),
    )
    .await;
    assert_eq!(
        renamed.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the first of two variants needs a name"
    );
}

#[tokio::test]
async fn a_retried_creation_answers_the_first_product_and_another_body_with_its_key_is_refused() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let category = create_category(&app, &owner.access_token, "Plats").await;
    let body = json!({ "category_id": category["id"], "name": "Risotto", "price": 1650 });
    let post = |body: Value| {
        app.client
            .post(app.url("/api/v1/menu/products"))
            .bearer_auth(&owner.access_token)
            .header("idempotency-key", "tap-1")
            .json(&body)
            .send()
    };
    let first = post(body.clone()).await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let again = post(body).await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.json::<Value>().await.unwrap()["id"], first["id"]);
    let other = post(json!({ "category_id": category["id"], "name": "Risotto", "price": 1700 }))
        .await
        .unwrap();
    assert_problem(other, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(products(&app, &owner.access_token, "").await.len(), 1);
}

#[tokio::test]
async fn a_price_change_is_in_the_audit_trail_with_before_and_after() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let product = a_product(&app, &owner, "Espresso", 180).await;
    let variant = product["variants"][0]["id"].clone();
    let response = send(
        &app,
        Method::PUT,
        &format!(
            "/api/v1/menu/products/{}/prices",
            product["id"].as_str().unwrap()
        ),
        &owner.access_token,
        json!({ "prices": [{ "variant_id": variant, "price": 200 }] }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.json::<Value>().await.unwrap()["variants"][0]["price"],
        200
    );
    let trail: Value = app
        .get_with(
            "/api/v1/audit?action=product.prices_changed",
            &owner.access_token,
        )
        .await
        .json()
        .await
        .unwrap();
    let entry = &trail["items"][0];
    assert_eq!(entry["after"]["changed"][0]["before"], 180, "{entry}");
    assert_eq!(entry["after"]["changed"][0]["after"], 200);
    assert_eq!(entry["subject"], "Espresso");
}

#[tokio::test]
async fn a_product_the_ledger_refers_to_is_archived_and_one_without_history_is_deleted() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let sold = a_product(&app, &owner, "Tarte", 450).await;
    let fresh = create_product(
        &app,
        &owner.access_token,
        json!({ "category_id": sold["category_id"], "name": "Flan", "price": 400 }),
    )
    .await;
    let item = sold["variants"][0]["id"].as_str().unwrap();
    send(
        &app,
        Method::PUT,
        &format!("/api/v1/stock/{item}"),
        &owner.access_token,
        json!({ "tracked": true }),
    )
    .await;
    let restock = send(
        &app,
        Method::POST,
        &format!("/api/v1/stock/{item}/movements"),
        &owner.access_token,
        json!({ "kind": "restock", "quantity": 4 }),
    )
    .await;
    assert_eq!(restock.status(), StatusCode::CREATED);

    let archived = send(
        &app,
        Method::DELETE,
        &format!("/api/v1/menu/products/{}", sold["id"].as_str().unwrap()),
        &owner.access_token,
        json!({}),
    )
    .await;
    assert_eq!(archived.status(), StatusCode::OK);
    assert!(archived.json::<Value>().await.unwrap()["archived_at"].is_string());
    let deleted = send(
        &app,
        Method::DELETE,
        &format!("/api/v1/menu/products/{}", fresh["id"].as_str().unwrap()),
        &owner.access_token,
        json!({}),
    )
    .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);

    assert!(products(&app, &owner.access_token, "").await.is_empty());
    let history = products(&app, &owner.access_token, "?archived=true").await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["name"], "Tarte");
    let gone = app
        .get_with(
            &format!("/api/v1/menu/products/{}", fresh["id"].as_str().unwrap()),
            &owner.access_token,
        )
        .await;
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    let ledger: Vec<Value> = app
        .get_with(
            &format!("/api/v1/stock/{item}/movements"),
            &owner.access_token,
        )
        .await
        .json()
        .await
        .unwrap_or_default();
    assert!(
        ledger.is_empty(),
        "an archived product's item leaves the stock page"
    );
    assert_eq!(
        app.count("stock_movements").await,
        1,
        "but its ledger stays"
    );
}

#[tokio::test]
async fn a_category_with_products_is_not_deleted() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let product = a_product(&app, &owner, "Thé", 300).await;
    let path = format!(
        "/api/v1/menu/categories/{}",
        product["category_id"].as_str().unwrap()
    );
    let refused = send(&app, Method::DELETE, &path, &owner.access_token, json!({})).await;
    assert_problem(refused, StatusCode::CONFLICT, "category_not_empty").await;
    send(
        &app,
        Method::DELETE,
        &format!("/api/v1/menu/products/{}", product["id"].as_str().unwrap()),
        &owner.access_token,
        json!({}),
    )
    .await;
    let emptied = send(&app, Method::DELETE, &path, &owner.access_token, json!({})).await;
    assert_eq!(emptied.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn the_menu_is_reordered_in_one_call_and_a_list_missing_one_is_refused() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let token = &owner.access_token;
    let starters = create_category(&app, token, "Entrées").await;
    let mains = create_category(&app, token, "Plats").await;
    let a = create_product(
        &app,
        token,
        json!({ "category_id": mains["id"], "name": "A", "price": 1 }),
    )
    .await;
    let b = create_product(
        &app,
        token,
        json!({ "category_id": mains["id"], "name": "B", "price": 1 }),
    )
    .await;
    let c = create_product(
        &app,
        token,
        json!({ "category_id": mains["id"], "name": "C", "price": 1 }),
    )
    .await;
    let response = send(
        &app,
        Method::PUT,
        "/api/v1/menu/reorder",
        token,
        json!({
            "category_ids": [mains["id"], starters["id"]],
            "products": { "category_id": mains["id"], "product_ids": [c["id"], a["id"], b["id"]] }
        }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let categories: Vec<Value> = app
        .get_with("/api/v1/menu/categories", token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        categories
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["Plats", "Entrées"]
    );
    let names: Vec<String> = products(&app, token, "")
        .await
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["C", "A", "B"]);

    let missing = send(
        &app,
        Method::PUT,
        "/api/v1/menu/reorder",
        token,
        json!({ "products": { "category_id": mains["id"], "product_ids": [a["id"], b["id"]] } }),
    )
    .await;
    let problem = assert_problem(
        missing,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "not_every_one");
    let names: Vec<String> = products(&app, token, "")
        .await
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["C", "A", "B"]);
}

#[tokio::test]
async fn an_image_is_re_encoded_into_two_sizes_served_for_good() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let product = a_product(&app, &owner, "Tiramisu", 650).await;
    let response = upload(
        &app,
        &owner.access_token,
        &product,
        png(1600, 1200),
        "application/octet-stream",
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "the type is told by the content"
    );
    let product: Value = response.json().await.unwrap();
    let thumbnail = app
        .client
        .get(app.url(product["image"]["thumbnail_url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(thumbnail.status(), StatusCode::OK);
    assert_eq!(thumbnail.headers()["content-type"], "image/jpeg");
    assert!(thumbnail.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let small = image::load_from_memory(&thumbnail.bytes().await.unwrap()).unwrap();
    assert_eq!((small.width(), small.height()), (160, 120));
    let large = app
        .client
        .get(app.url(product["image"]["large_url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    let large = image::load_from_memory(&large.bytes().await.unwrap()).unwrap();
    assert_eq!((large.width(), large.height()), (960, 720));
}

#[tokio::test]
async fn a_disguised_a_broken_or_an_oversized_image_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let product = a_product(&app, &owner, "Tiramisu", 650).await;
    let script = upload(
        &app,
        &owner.access_token,
        &product,
        b"<svg onload=alert(1)>".to_vec(),
        "image/png",
    )
    .await;
    assert_problem(
        script,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let mut broken = png(40, 40);
    broken.truncate(broken.len() / 2);
    let broken = upload(&app, &owner.access_token, &product, broken, "image/png").await;
    assert_problem(
        broken,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let mut huge = png(10, 10);
    huge.resize(5 * 1024 * 1024 + 1, 0);
    let huge = upload(&app, &owner.access_token, &product, huge, "image/png").await;
    assert_problem(huge, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
    let now: Value = app
        .get_with(
            &format!("/api/v1/menu/products/{}", product["id"].as_str().unwrap()),
            &owner.access_token,
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(now["image"].is_null());
}

#[tokio::test]
async fn images_go_to_the_object_store_when_one_is_configured() {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};
    use wiremock::{Request, Respond, ResponseTemplate};

    /// A bucket in memory, answering as S3 does.
    struct Bucket(Arc<Mutex<HashMap<String, Vec<u8>>>>);
    impl Respond for Bucket {
        fn respond(&self, request: &Request) -> ResponseTemplate {
            let mut objects = self.0.lock().unwrap();
            let key = request.url.path().to_owned();
            let stamped = |t: ResponseTemplate| {
                t.insert_header("etag", "\"1\"")
                    .insert_header("last-modified", "Fri, 04 Dec 2026 20:00:00 GMT")
            };
            match request.method.as_str() {
                "PUT" => {
                    objects.insert(key, request.body.clone());
                    stamped(ResponseTemplate::new(200))
                }
                "GET" => match objects.get(&key) {
                    Some(bytes) => stamped(ResponseTemplate::new(200))
                        .insert_header("content-length", bytes.len().to_string().as_str())
                        .set_body_bytes(bytes.clone()),
                    None => ResponseTemplate::new(404),
                },
                "DELETE" => {
                    objects.remove(&key);
                    ResponseTemplate::new(204)
                }
                _ => ResponseTemplate::new(405),
            }
        }
    }

    let server = wiremock::MockServer::start().await;
    let objects = Arc::new(Mutex::new(HashMap::new()));
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(Bucket(objects.clone()))
        .mount(&server)
        .await;
    let app = spawn_app_with(&[
        ("BRIGADE_S3_BUCKET", "menu"),
        ("BRIGADE_S3_ENDPOINT", &server.uri()),
        ("BRIGADE_S3_ACCESS_KEY_ID", "brigade"),
        ("BRIGADE_S3_SECRET_ACCESS_KEY", "secret-key"),
    ])
    .await;
    let owner = app.signup("Chez Ana").await;
    let product = a_product(&app, &owner, "Tiramisu", 650).await;
    let response = upload(
        &app,
        &owner.access_token,
        &product,
        png(300, 200),
        "image/png",
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let product: Value = response.json().await.unwrap();
    let keys: Vec<String> = objects.lock().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(
        keys.iter()
            .all(|k| k.starts_with(&format!("/menu/menu-images/{}/", owner.restaurant_id))),
        "{keys:?}"
    );
    let served = app
        .client
        .get(app.url(product["image"]["thumbnail_url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), StatusCode::OK);
    assert!(image::load_from_memory(&served.bytes().await.unwrap()).is_ok());
    assert!(!app.settings.data_dir.join("menu-images").exists());
}

#[tokio::test]
async fn an_item_made_unavailable_until_a_time_is_sold_again_after_it() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let product = a_product(&app, &owner, "Soupe", 700).await;
    let until = (chrono::Utc::now() + chrono::Duration::hours(2)).to_rfc3339();
    let path = format!(
        "/api/v1/menu/products/{}/availability",
        product["id"].as_str().unwrap()
    );
    let response = send(
        &app,
        Method::PUT,
        &path,
        &owner.access_token,
        json!({ "available": false, "until": until }),
    )
    .await;
    let now: Value = response.json().await.unwrap();
    assert_eq!(
        (now["available"].as_bool(), now["unavailable"].as_bool()),
        (Some(false), Some(true))
    );
    app.advance(chrono::Duration::hours(3));
    assert_eq!(
        products(&app, &owner.access_token, "").await[0]["available"],
        true
    );
    let past = send(
        &app,
        Method::PUT,
        &path,
        &owner.access_token,
        json!({ "available": false, "until": "2020-01-01T00:00:00Z" }),
    )
    .await;
    let problem = assert_problem(past, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "until");
}

#[tokio::test]
async fn making_an_item_unavailable_tells_the_floor_staff_live() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let product = a_product(&app, &owner, "Soupe", 700).await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let variant = product["variants"][0]["id"].clone();
    let path = format!(
        "/api/v1/menu/products/{}/availability",
        product["id"].as_str().unwrap()
    );
    send(
        &app,
        Method::PUT,
        &path,
        &owner.access_token,
        json!({ "available": false, "variant_id": variant }),
    )
    .await;
    let mut kinds = Vec::new();
    for _ in 0..50 {
        let listed: Value = app
            .get_with("/api/v1/notifications", &waiter)
            .await
            .json()
            .await
            .unwrap();
        kinds = listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["kind"].as_str().unwrap().to_owned())
            .collect();
        if !kinds.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(kinds, ["product.made_unavailable"]);
}

async fn guest_page(app: &TestApp, owner: &Owner) -> String {
    let zone = send(
        app,
        Method::POST,
        "/api/v1/zones",
        &owner.access_token,
        json!({ "name": "Terrasse", "tables": 1 }),
    )
    .await;
    assert_eq!(zone.status(), StatusCode::CREATED);
    let sheet: Vec<Value> = app
        .get_with("/api/v1/tables/qr", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    sheet[0]["url"].as_str().unwrap().to_owned()
}

async fn read_page(app: &TestApp, url: &str) -> String {
    let page = app.client.get(url).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    page.text().await.unwrap()
}

#[tokio::test]
async fn the_guests_table_page_shows_the_menu_priced_in_the_restaurants_language() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let category = create_category(&app, &owner.access_token, "Desserts").await;
    create_product(
        &app,
        &owner.access_token,
        json!({ "category_id": category["id"], "name": "Tiramisu", "description": "Mascarpone, café", "price": 1250, "allergens": ["milk", "eggs", "gluten"] }),
    )
    .await;
    let gone = create_product(
        &app,
        &owner.access_token,
        json!({ "category_id": category["id"], "name": "Sorbet", "price": 500 }),
    )
    .await;
    send(
        &app,
        Method::PUT,
        &format!(
            "/api/v1/menu/products/{}/availability",
            gone["id"].as_str().unwrap()
        ),
        &owner.access_token,
        json!({ "available": false }),
    )
    .await;
    let url = guest_page(&app, &owner).await;
    let page = read_page(&app, &url).await;
    assert!(page.contains("<h2>Desserts</h2>"), "{page}");
    assert!(page.contains("Tiramisu") && page.contains("Mascarpone, café"));
    assert!(page.contains("12,50\u{a0}€"), "{page}");
    assert!(page.contains("Allergènes : Gluten, Œufs, Lait"), "{page}");
    assert!(page.contains("Sorbet") && page.contains("Indisponible"));
    assert!(page.len() < 16 * 1024, "{} bytes", page.len());

    let hidden = send(
        &app,
        Method::PATCH,
        "/api/v1/menu/settings",
        &owner.access_token,
        json!({ "show_unavailable": false, "show_prices": false }),
    )
    .await;
    assert_eq!(hidden.status(), StatusCode::OK);
    let page = read_page(&app, &url).await;
    assert!(
        !page.contains("Sorbet"),
        "a change this process made shows at once"
    );
    assert!(!page.contains("12,50"));
}

#[tokio::test]
async fn the_menu_settings_that_touch_prices_or_stock_need_those_permissions_too() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (member, token) = app.add_member(owner.restaurant_id, "waiter").await;
    app.give_custom_role(
        &owner.access_token,
        member,
        "Vitrine",
        &["public_menu.view_settings", "public_menu.edit_settings"],
    )
    .await;
    let shown = send(
        &app,
        Method::PATCH,
        "/api/v1/menu/settings",
        &token,
        json!({ "show_prices": false }),
    )
    .await;
    assert_eq!(shown.status(), StatusCode::OK);
    let taxed = send(
        &app,
        Method::PATCH,
        "/api/v1/menu/settings",
        &token,
        json!({ "prices_include_tax": false }),
    )
    .await;
    assert_problem(taxed, StatusCode::FORBIDDEN, "permission_denied").await;
    let settings: Value = app
        .get_with("/api/v1/menu/settings", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            settings["show_prices"].as_bool(),
            settings["prices_include_tax"].as_bool()
        ),
        (Some(false), Some(true))
    );
}

#[tokio::test]
async fn managing_variants_is_no_way_round_prices_stock_or_availability() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let product = a_product(&app, &owner, "Bière", 500).await;
    let variant = product["variants"][0]["id"].clone();
    let path = format!(
        "/api/v1/menu/products/{}/variants",
        product["id"].as_str().unwrap()
    );
    let (member, token) = app.add_member(owner.restaurant_id, "waiter").await;
    app.give_custom_role(
        &owner.access_token,
        member,
        "Variantes",
        &["products.manage_variants"],
    )
    .await;
    // A new variant in place of the old one would set its price.
    let replaced = send(
        &app,
        Method::PUT,
        &path,
        &token,
        json!({ "variants": [{ "name": "Pinte", "price": 1 }] }),
    )
    .await;
    assert_problem(replaced, StatusCode::FORBIDDEN, "permission_denied").await;
    // Groups alone are this code's.
    let grouped = send(
        &app,
        Method::PUT,
        &path,
        &token,
        json!({ "variants": [{ "id": variant, "price": 500 }], "modifier_groups": [
            { "name": "Sirop", "max_choices": 1, "options": [{ "name": "Grenadine", "price_delta": 50 }] }
        ] }),
    )
    .await;
    assert_eq!(grouped.status(), StatusCode::OK);
    // A tracked variant is not removed without inventory.edit.
    send(
        &app,
        Method::PUT,
        &format!("/api/v1/stock/{}", variant.as_str().unwrap()),
        &owner.access_token,
        json!({ "tracked": true }),
    )
    .await;
    app.give_custom_role(
        &owner.access_token,
        member,
        "Variantes et prix",
        &["products.manage_variants", "products.set_prices"],
    )
    .await;
    let dropped = send(
        &app,
        Method::PUT,
        &path,
        &token,
        json!({ "variants": [{ "name": "Pinte", "price": 800 }] }),
    )
    .await;
    assert_problem(dropped, StatusCode::FORBIDDEN, "permission_denied").await;
    let now: Value = app
        .get_with(
            &format!("/api/v1/menu/products/{}", product["id"].as_str().unwrap()),
            &owner.access_token,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(now["variants"][0]["id"], variant);
    assert_eq!(now["variants"][0]["price"], 500);
}

#[tokio::test]
async fn stock_levels_are_shown_only_to_those_who_see_the_stock() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let product = a_product(&app, &owner, "Croissant", 150).await;
    let item = product["variants"][0]["id"].as_str().unwrap();
    send(
        &app,
        Method::PUT,
        &format!("/api/v1/stock/{item}"),
        &owner.access_token,
        json!({ "tracked": true }),
    )
    .await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let seen = products(&app, &waiter, "").await;
    assert!(seen[0]["variants"][0]["stock"].is_null());
    assert_eq!(
        seen[0]["variants"][0]["available"], false,
        "but not what can be sold"
    );
    let owners = products(&app, &owner.access_token, "").await;
    assert_eq!(owners[0]["variants"][0]["stock"]["quantity"], 0);
}

#[tokio::test]
async fn a_tax_rate_change_needs_the_prices_permission() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let product = a_product(&app, &owner, "Croissant", 150).await;
    let (member, token) = app.add_member(owner.restaurant_id, "waiter").await;
    app.give_custom_role(&owner.access_token, member, "Fiches", &["products.edit"])
        .await;
    let path = format!("/api/v1/menu/products/{}", product["id"].as_str().unwrap());
    let taxed = send(
        &app,
        Method::PATCH,
        &path,
        &token,
        json!({ "tax_rate": 2000 }),
    )
    .await;
    assert_problem(taxed, StatusCode::FORBIDDEN, "permission_denied").await;
    let renamed = send(
        &app,
        Method::PATCH,
        &path,
        &token,
        json!({ "name": "Croissant au beurre" }),
    )
    .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    assert_eq!(renamed.json::<Value>().await.unwrap()["tax_rate"], 1000);
}
