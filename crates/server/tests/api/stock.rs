//! The stock: tracking, the ledger, sales that never take the last unit twice, and
//! threshold alerts sent once per crossing.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, spawn_app, TestApp};
use crate::menu::a_product;

/// Tracks the product's only variant and returns its item id.
async fn tracked(app: &TestApp, token: &str, product: &Value, threshold: i64) -> String {
    let item = product["variants"][0]["id"].as_str().unwrap().to_owned();
    let response = app
        .send_with(
            Method::PUT,
            &format!("/api/v1/stock/{item}"),
            token,
            &json!({ "tracked": true, "threshold": threshold }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    item
}

async fn movement(
    app: &TestApp,
    token: &str,
    item: &str,
    kind: &str,
    quantity: i64,
) -> reqwest::Response {
    let reason = matches!(kind, "waste" | "recount").then_some("counted at closing");
    app.send_with(
        Method::POST,
        &format!("/api/v1/stock/{item}/movements"),
        token,
        &json!({ "kind": kind, "quantity": quantity, "reason": reason }),
    )
    .await
}

async fn quantity(app: &TestApp, token: &str, item: &str) -> Option<i64> {
    let items: Vec<Value> = app
        .get_with("/api/v1/stock", token)
        .await
        .json()
        .await
        .unwrap();
    items
        .iter()
        .find(|i| i["id"] == item)
        .and_then(|i| i["quantity"].as_i64())
}

/// The kinds of the member's notifications, newest first, once `count` arrived.
async fn notified(app: &TestApp, token: &str, count: usize) -> Vec<String> {
    let mut kinds = Vec::new();
    for _ in 0..60 {
        let listed: Value = app
            .get_with("/api/v1/notifications", token)
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
        if kinds.len() >= count {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    kinds
}

#[tokio::test]
async fn every_movement_is_a_row_of_the_ledger_and_the_quantity_follows_it() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let token = &owner.access_token;
    let product = a_product(&app, &owner, "Croissant", 150).await;
    let item = tracked(&app, token, &product, 3).await;
    for (kind, amount, status) in [
        ("restock", 12, 201),
        ("sale", 2, 201),
        ("waste", 1, 201),
        ("return", 1, 201),
        ("recount", 7, 201),
    ] {
        assert_eq!(
            movement(&app, token, &item, kind, amount)
                .await
                .status()
                .as_u16(),
            status,
            "{kind}"
        );
    }
    assert_eq!(quantity(&app, token, &item).await, Some(7));
    let ledger: Vec<Value> = app
        .get_with(&format!("/api/v1/stock/{item}/movements"), token)
        .await
        .json()
        .await
        .unwrap();
    let rows: Vec<(String, i64, i64)> = ledger
        .iter()
        .map(|m| {
            (
                m["kind"].as_str().unwrap().to_owned(),
                m["delta"].as_i64().unwrap(),
                m["quantity_after"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("recount".to_owned(), -3, 7),
            ("return".to_owned(), 1, 10),
            ("waste".to_owned(), -1, 9),
            ("sale".to_owned(), -2, 10),
            ("restock".to_owned(), 12, 12),
        ]
    );
    assert!(ledger.iter().all(|m| m["actor_name"].is_string()));
    assert_eq!(
        ledger
            .iter()
            .map(|m| m["delta"].as_i64().unwrap())
            .sum::<i64>(),
        7
    );
}

#[tokio::test]
async fn a_sale_past_zero_is_refused_unless_the_restaurant_allows_it() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let token = &owner.access_token;
    let product = a_product(&app, &owner, "Croissant", 150).await;
    let item = tracked(&app, token, &product, 3).await;
    movement(&app, token, &item, "restock", 2).await;
    let refused = movement(&app, token, &item, "sale", 3).await;
    let problem = assert_problem(refused, StatusCode::CONFLICT, "out_of_stock").await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("2 left of Croissant"),
        "{problem}"
    );
    assert_eq!(quantity(&app, token, &item).await, Some(2));
    let allowed = app
        .send_with(
            Method::PATCH,
            "/api/v1/menu/settings",
            token,
            &json!({ "allow_negative_stock": true }),
        )
        .await;
    assert_eq!(allowed.status(), StatusCode::OK);
    assert_eq!(
        movement(&app, token, &item, "sale", 3).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(quantity(&app, token, &item).await, Some(-1));
}

#[tokio::test]
async fn an_untracked_item_has_no_movements_and_bad_movements_change_nothing() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let token = &owner.access_token;
    let product = a_product(&app, &owner, "Croissant", 150).await;
    let item = product["variants"][0]["id"].as_str().unwrap().to_owned();
    assert_problem(
        movement(&app, token, &item, "restock", 3).await,
        StatusCode::CONFLICT,
        "not_tracked",
    )
    .await;
    tracked(&app, token, &product, 3).await;
    for body in [
        json!({ "kind": "sale", "quantity": 0 }),
        json!({ "kind": "waste", "quantity": 1 }),
        json!({ "kind": "restock", "quantity": 2_000_000 }),
    ] {
        let response = app
            .send_with(
                Method::POST,
                &format!("/api/v1/stock/{item}/movements"),
                token,
                &body,
            )
            .await;
        assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
    }
    let unknown = app
        .send_with(
            Method::POST,
            &format!("/api/v1/stock/{item}/movements"),
            token,
            &json!({ "kind": "theft", "quantity": 1 }),
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    assert_eq!(quantity(&app, token, &item).await, Some(0));
    assert_eq!(app.count("stock_movements").await, 0);
}

#[tokio::test]
async fn a_chef_sees_the_stock_but_cannot_move_it() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let product = a_product(&app, &owner, "Croissant", 150).await;
    let item = tracked(&app, &owner.access_token, &product, 3).await;
    let (_, chef) = app.add_member(owner.restaurant_id, "chef").await;
    assert_eq!(
        app.get_with("/api/v1/stock", &chef).await.status(),
        StatusCode::OK
    );
    assert_problem(
        movement(&app, &chef, &item, "restock", 5).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    assert_problem(
        app.get_with("/api/v1/stock", &waiter).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
}

#[tokio::test]
async fn crossing_the_threshold_reaching_zero_and_coming_back_are_each_announced_once() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let token = &owner.access_token;
    let product = a_product(&app, &owner, "Cappuccino Vanille", 450).await;
    let item = tracked(&app, token, &product, 3).await;
    let (_, chef) = app.add_member(owner.restaurant_id, "chef").await;
    movement(&app, token, &item, "restock", 5).await;
    for _ in 0..5 {
        assert_eq!(
            movement(&app, token, &item, "sale", 1).await.status(),
            StatusCode::CREATED
        );
    }
    movement(&app, token, &item, "restock", 10).await;
    let kinds = notified(&app, &chef, 4).await;
    assert_eq!(
        kinds,
        ["stock.back", "stock.out", "stock.low", "stock.back"],
        "in from 0 to 5, low at 3, out at 0, back at 10: once each"
    );
    let listed: Value = app
        .get_with("/api/v1/notifications", &chef)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["items"][2]["subject"], "Cappuccino Vanille (3)");
    assert_eq!(listed["items"][0]["subject"], "Cappuccino Vanille (10)");
    // The one who sold is not told of what they did.
    let own: Value = app
        .get_with("/api/v1/notifications", token)
        .await
        .json()
        .await
        .unwrap();
    assert!(own["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn an_item_goes_unavailable_at_zero_with_auto_86_and_comes_back_when_restocked() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let token = &owner.access_token;
    let product = a_product(&app, &owner, "Croissant", 150).await;
    let item = tracked(&app, token, &product, 3).await;
    let available = |items: Vec<Value>| items[0]["available"].as_bool();
    let sold_out = movement(&app, token, &item, "restock", 1).await;
    assert_eq!(sold_out.status(), StatusCode::CREATED);
    movement(&app, token, &item, "sale", 1).await;
    let menu: Vec<Value> = app
        .get_with("/api/v1/menu/products", token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(available(menu), Some(false));
    movement(&app, token, &item, "restock", 4).await;
    let menu: Vec<Value> = app
        .get_with("/api/v1/menu/products", token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(available(menu.clone()), Some(true));
    assert_eq!(menu[0]["variants"][0]["stock"]["state"], "ok");
    let off = app
        .send_with(
            Method::PUT,
            &format!("/api/v1/stock/{item}"),
            token,
            &json!({ "tracked": true, "auto_86": false }),
        )
        .await;
    assert_eq!(off.status(), StatusCode::OK);
    movement(&app, token, &item, "recount", 0).await;
    let menu: Vec<Value> = app
        .get_with("/api/v1/menu/products", token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        available(menu),
        Some(true),
        "without auto-86 an item at zero stays on sale"
    );
}

#[tokio::test]
async fn a_retried_movement_is_recorded_once() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let product = a_product(&app, &owner, "Croissant", 150).await;
    let item = tracked(&app, &owner.access_token, &product, 3).await;
    let post = || {
        app.client
            .post(app.url(&format!("/api/v1/stock/{item}/movements")))
            .bearer_auth(&owner.access_token)
            .header("idempotency-key", "delivery-7")
            .json(&json!({ "kind": "restock", "quantity": 6 }))
            .send()
    };
    assert_eq!(post().await.unwrap().status(), StatusCode::CREATED);
    assert_eq!(post().await.unwrap().status(), StatusCode::OK);
    assert_eq!(quantity(&app, &owner.access_token, &item).await, Some(6));
    assert_eq!(app.count("stock_movements").await, 1);
}

#[tokio::test]
async fn parallel_sales_never_take_more_than_there_is() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let token = owner.access_token.clone();
    let product = a_product(&app, &owner, "Croissant", 150).await;
    let item = tracked(&app, &token, &product, 3).await;
    movement(&app, &token, &item, "restock", 5).await;
    let sales = (0..20).map(|_| movement(&app, &token, &item, "sale", 1));
    let statuses: Vec<u16> = futures_util::future::join_all(sales)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        5,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 409),
        "{statuses:?}"
    );
    assert_eq!(quantity(&app, &token, &item).await, Some(0));
    assert_eq!(app.count("stock_movements").await, 6);
}
