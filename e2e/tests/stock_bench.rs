//! The menu and stock's benchmark (`make bench-stock`, part of `make bench`; ignored by
//! `make test`), against the release binary (`BRIGADE_BIN`):
//! - sales per second of one hot item under contention (64 clients at once) on SQLite
//!   and on PostgreSQL with two processes, and the wrong results (a quantity that does
//!   not match the sales that passed, or a ledger that does not): must be 0;
//! - the guest's table page with a menu of 200 products: `wrk` at 64 connections, its
//!   p99 and its throughput as a share of `/health`'s, and its size.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly

mod common;

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Brigade, PostgresDatabase};
use serde_json::{json, Value};

const CLIENTS: usize = 64;
const STOCK: i64 = 1_000_000;
const FOR: Duration = Duration::from_secs(5);

async fn created(brigade: &Brigade, token: &str, path: &str, body: Value) -> Value {
    let response = brigade
        .client
        .post(brigade.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    response.json().await.unwrap()
}

/// A tracked item with `STOCK` units; its movements' path.
async fn hot_item(brigade: &Brigade, token: &str) -> String {
    let category = created(
        brigade,
        token,
        "/api/v1/menu/categories",
        json!({ "name": "Bar" }),
    )
    .await;
    let product = created(
        brigade,
        token,
        "/api/v1/menu/products",
        json!({ "category_id": category["id"], "name": "Espresso", "price": 180 }),
    )
    .await;
    let item = product["variants"][0]["id"].as_str().unwrap().to_owned();
    brigade
        .client
        .put(brigade.url(&format!("/api/v1/stock/{item}")))
        .bearer_auth(token)
        .json(&json!({ "tracked": true }))
        .send()
        .await
        .unwrap();
    let path = format!("/api/v1/stock/{item}/movements");
    created(
        brigade,
        token,
        &path,
        json!({ "kind": "restock", "quantity": STOCK }),
    )
    .await;
    path
}

/// `CLIENTS` clients selling one unit at a time for `FOR`, through `processes` in turn.
async fn contend(label: &str, processes: &[&Brigade], token: &str, path: &str) {
    let sold = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for n in 0..CLIENTS {
        let brigade = processes[n % processes.len()];
        let (client, url, token) = (brigade.client.clone(), brigade.url(path), token.to_owned());
        let (sold, failed) = (Arc::clone(&sold), Arc::clone(&failed));
        tasks.push(tokio::spawn(async move {
            while started.elapsed() < FOR {
                let status = client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&json!({ "kind": "sale", "quantity": 1 }))
                    .send()
                    .await
                    .map(|r| r.status().as_u16());
                match status {
                    Ok(201) => sold.fetch_add(1, Ordering::Relaxed),
                    _ => failed.fetch_add(1, Ordering::Relaxed),
                };
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    let sold = sold.load(Ordering::Relaxed);
    let items: Vec<Value> = processes[0]
        .get("/api/v1/stock", token)
        .await
        .json()
        .await
        .unwrap();
    let left = items[0]["quantity"].as_i64().unwrap();
    let ledger: Vec<Value> = processes[0]
        .get(&format!("{path}?limit=1"), token)
        .await
        .json()
        .await
        .unwrap();
    let last = ledger[0]["quantity_after"].as_i64().unwrap();
    let wrong = u64::from(left != STOCK - sold as i64) + u64::from(last != left);
    println!(
        "stock {label}: {:.0} sales/s on one item with {CLIENTS} clients ({sold} sold, {} refused or failed), wrong results: {wrong}",
        sold as f64 / seconds,
        failed.load(Ordering::Relaxed),
    );
    assert_eq!(
        wrong, 0,
        "{left} left after {sold} sales of {STOCK}; the ledger says {last}"
    );
}

async fn owner_of(brigade: &Brigade) -> String {
    let (_, tokens) = brigade.signup("Chez Ana").await;
    tokens["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
#[ignore = "a benchmark: make bench-stock"]
async fn sales_of_one_hot_item_per_second_with_no_wrong_result() {
    let brigade = Brigade::start().await;
    let token = owner_of(&brigade).await;
    let path = hot_item(&brigade, &token).await;
    contend("SQLite, one process", &[&brigade], &token, &path).await;
    drop(brigade);

    let Some(database) = PostgresDatabase::create() else {
        return;
    };
    let settings = [
        ("DATABASE_URL", database.url.as_str()),
        ("BRIGADE_JWT_SECRET", "a-signing-secret-both-replicas-share"),
    ];
    let first = Brigade::start_with(&settings).await;
    let second = Brigade::start_with(&settings).await;
    let token = owner_of(&first).await;
    let path = hot_item(&first, &token).await;
    contend(
        "PostgreSQL, two processes",
        &[&first, &second],
        &token,
        &path,
    )
    .await;
}

/// `wrk` at 64 connections on `url`: requests per second and p99 in milliseconds.
fn wrk(url: &str) -> (f64, f64) {
    let out = Command::new("wrk")
        .args(["-t2", "-c64", "-d5s", "--latency", url])
        .output()
        .expect("wrk (apt-get install wrk)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("Non-2xx"), "{text}");
    let rate = text
        .lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap();
    let p99 = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))
        .map(|v| {
            let v = v.trim();
            let (number, factor) = if let Some(n) = v.strip_suffix("us") {
                (n, 0.001)
            } else if let Some(n) = v.strip_suffix("ms") {
                (n, 1.0)
            } else {
                (v.trim_end_matches('s'), 1000.0)
            };
            number.parse::<f64>().unwrap() * factor
        })
        .unwrap();
    (rate, p99)
}

#[tokio::test]
#[ignore = "a benchmark: make bench-stock"]
async fn the_guest_menu_of_two_hundred_products_against_health() {
    let brigade = Brigade::start_with(&[("BRIGADE_SIGNUP_LIMIT", "100")]).await;
    let token = owner_of(&brigade).await;
    for c in 0..10 {
        let category = created(
            &brigade,
            &token,
            "/api/v1/menu/categories",
            json!({ "name": format!("Catégorie {c}") }),
        )
        .await;
        for p in 0..20 {
            created(
                &brigade,
                &token,
                "/api/v1/menu/products",
                json!({
                    "category_id": category["id"],
                    "name": format!("Produit {c}-{p}"),
                    "description": "Tomates, basilic, huile d'olive, fleur de sel",
                    "variants": [{ "name": "Petit", "price": 450 + p }, { "name": "Grand", "price": 750 + p }],
                    "allergens": ["gluten", "milk"],
                }),
            )
            .await;
        }
    }
    created(
        &brigade,
        &token,
        "/api/v1/zones",
        json!({ "name": "Salle", "tables": 1 }),
    )
    .await;
    let sheet: Vec<Value> = brigade
        .get("/api/v1/tables/qr", &token)
        .await
        .json()
        .await
        .unwrap();
    let guest = sheet[0]["url"].as_str().unwrap().to_owned();
    let size = brigade
        .client
        .get(&guest)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .len();
    let (health, health_p99) = wrk(&brigade.url("/health"));
    let (page, page_p99) = wrk(&guest);
    println!(
        "guest menu (200 products, {size} bytes): {page:.0} req/s, p99 {page_p99:.1} ms; /health {health:.0} req/s, p99 {health_p99:.1} ms; ratio {:.2}",
        page / health
    );
}
