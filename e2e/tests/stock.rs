//! The stock under contention: parallel sales of one item through two Brigade processes
//! over one PostgreSQL database never take more than there is, and reaching zero is
//! announced exactly once.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod common;

use std::time::Duration;

use common::{admin, Brigade, PostgresDatabase};
use serde_json::{json, Value};

async fn created(brigade: &Brigade, token: &str, path: &str, body: Value) -> Value {
    let response = brigade
        .client
        .post(brigade.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "{path}");
    response.json().await.unwrap()
}

#[tokio::test]
async fn fifty_parallel_sales_of_ten_through_two_processes_sell_exactly_ten() {
    let Some(database) = PostgresDatabase::create() else {
        return;
    };
    let settings = [
        ("DATABASE_URL", database.url.as_str()),
        ("BRIGADE_JWT_SECRET", "a-signing-secret-both-replicas-share"),
    ];
    let first = Brigade::start_with(&settings).await;
    let second = Brigade::start_with(&settings).await;
    let (_, tokens) = first.signup("Chez Ana").await;
    let owner = tokens["access_token"].as_str().unwrap().to_owned();
    let watcher = admin(&first, &owner).await;
    let category = created(
        &first,
        &owner,
        "/api/v1/menu/categories",
        json!({ "name": "Boissons" }),
    )
    .await;
    let product = created(
        &first,
        &owner,
        "/api/v1/menu/products",
        json!({ "category_id": category["id"], "name": "Cappuccino", "price": 350 }),
    )
    .await;
    let item = product["variants"][0]["id"].as_str().unwrap().to_owned();
    let tracked = first
        .client
        .put(first.url(&format!("/api/v1/stock/{item}")))
        .bearer_auth(&owner)
        .json(&json!({ "tracked": true, "threshold": 3 }))
        .send()
        .await
        .unwrap();
    assert_eq!(tracked.status(), 200);
    let path = format!("/api/v1/stock/{item}/movements");
    created(
        &first,
        &owner,
        &path,
        json!({ "kind": "restock", "quantity": 10 }),
    )
    .await;

    let sales = (0..50).map(|n| {
        let brigade = if n % 2 == 0 { &first } else { &second };
        let (owner, path) = (owner.clone(), path.clone());
        async move {
            brigade
                .client
                .post(brigade.url(&path))
                .bearer_auth(owner)
                .json(&json!({ "kind": "sale", "quantity": 1 }))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let statuses = futures::future::join_all(sales).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        10,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        40,
        "{statuses:?}"
    );

    let items: Vec<Value> = second
        .get("/api/v1/stock", &owner)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(items[0]["quantity"], 0);
    assert_eq!(items[0]["available"], false, "auto-86 at zero");
    let ledger: Vec<Value> = second
        .get(&format!("{path}?limit=200"), &owner)
        .await
        .json()
        .await
        .unwrap();
    let sales: Vec<&Value> = ledger.iter().filter(|m| m["kind"] == "sale").collect();
    assert_eq!(sales.len(), 10);
    let mut after: Vec<i64> = sales
        .iter()
        .map(|m| m["quantity_after"].as_i64().unwrap())
        .collect();
    after.sort_unstable();
    assert_eq!(after, (0..10).collect::<Vec<_>>(), "each unit sold once");

    let outs: Value = first
        .get("/api/v1/audit?action=stock.out", &owner)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(outs["total"], 1, "{outs}");
    let mut kinds: Vec<String> = Vec::new();
    for _ in 0..100 {
        let listed: Value = second
            .get("/api/v1/notifications?limit=100", &watcher)
            .await
            .json()
            .await
            .unwrap();
        kinds = listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["kind"].as_str().unwrap().to_owned())
            .filter(|kind| kind.starts_with("stock."))
            .collect();
        if kinds.contains(&"stock.out".to_owned()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        kinds,
        ["stock.out", "stock.low", "stock.back"],
        "each crossing announced once"
    );
}
