//! The live notifications' benchmark (`make bench-live`, part of `make bench`; ignored
//! by `make test`): 1,000 WebSocket clients on one process, the time from a change's
//! request to its notification's arrival at every client (p50, p99), the same across
//! two processes over PostgreSQL, and 10,000 idle authenticated connections held past
//! three heartbeats with the server's resident memory. Run against the release binary
//! (`BRIGADE_BIN`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{Brigade, PostgresDatabase, PASSWORD};
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

const NEW_PASSWORD: &str = "another long kitchen phrase";
/// How many members the clients are spread over.
const MEMBERS: usize = 20;
/// How many changes are timed.
const CHANGES: usize = 20;

fn raise_open_file_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

/// A client address of its own for each member, so login throttling does not count
/// the benchmark's logins together.
fn address(n: usize) -> String {
    format!("10.1.{}.{}", n / 250, n % 250 + 1)
}

/// `MEMBERS` managers with their passwords set; their access tokens.
async fn managers(brigade: &Brigade, owner: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    for n in 0..MEMBERS {
        let email = format!("manager-{n}-{}@example.com", uuid::Uuid::new_v4().simple());
        let created = brigade
            .client
            .post(brigade.url("/api/v1/members"))
            .bearer_auth(owner)
            .json(&json!({ "email": email, "name": format!("Manager {n}"), "temporary_password": PASSWORD, "role": "manager" }))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), 201);
        let login = |password: &'static str| {
            brigade
                .client
                .post(brigade.url("/api/v1/auth/login"))
                .header("X-Forwarded-For", address(n))
                .json(&json!({ "email": email, "password": password }))
                .send()
        };
        let first: Value = login(PASSWORD).await.unwrap().json().await.unwrap();
        let token = first["access_token"].as_str().unwrap().to_owned();
        let changed = brigade
            .client
            .post(brigade.url("/api/v1/me/password"))
            .bearer_auth(&token)
            .json(&json!({ "current_password": PASSWORD, "new_password": NEW_PASSWORD }))
            .send()
            .await
            .unwrap();
        assert!(changed.status().is_success());
        let second: Value = login(NEW_PASSWORD).await.unwrap().json().await.unwrap();
        tokens.push(second["access_token"].as_str().unwrap().to_owned());
    }
    tokens
}

/// An arrival: which client, its how-manieth notification, when.
type Arrival = (usize, usize, Instant);

/// Opens `count` sockets to `brigade`, spread over `tokens`; each reports its
/// notifications' arrivals on the returned channel. Returns once all said ready.
async fn clients(
    brigade: &Brigade,
    tokens: &[String],
    count: usize,
) -> (
    mpsc::UnboundedReceiver<Arrival>,
    Vec<tokio::task::JoinHandle<bool>>,
) {
    let (tx, rx) = mpsc::unbounded_channel();
    let url = format!("ws://{}/api/v1/ws", brigade.address());
    let mut handles = Vec::new();
    let ready = Arc::new(tokio::sync::Semaphore::new(0));
    for n in 0..count {
        let (url, token, tx, ready) = (
            url.clone(),
            tokens[n % tokens.len()].clone(),
            tx.clone(),
            Arc::clone(&ready),
        );
        handles.push(tokio::spawn(async move {
            let (mut socket, _) = loop {
                match tokio_tungstenite::connect_async(&url).await {
                    Ok(open) => break open,
                    Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                }
            };
            socket
                .send(Message::text(
                    json!({ "type": "hello", "token": token }).to_string(),
                ))
                .await
                .unwrap();
            let mut seen = 0;
            while let Some(Ok(message)) = socket.next().await {
                let Message::Text(text) = message else {
                    continue;
                };
                let value: Value = serde_json::from_str(&text).unwrap();
                match value["type"].as_str() {
                    Some("ready") => ready.add_permits(1),
                    Some("notification") => {
                        let _ = tx.send((n, seen, Instant::now()));
                        seen += 1;
                    }
                    Some("pong") => {
                        let _ = tx.send((n, usize::MAX, Instant::now()));
                    }
                    Some("bye") => return false,
                    _ => {}
                }
            }
            false
        }));
        // Opening sockets in bursts, not all in one instant.
        if n % 200 == 199 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    let _ = tokio::time::timeout(Duration::from_secs(120), ready.acquire_many(count as u32))
        .await
        .expect("every client said ready within two minutes")
        .unwrap();
    (rx, handles)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Makes `CHANGES` changes through `writer` and times their arrival at `count` clients.
async fn time_changes(
    writer: &Brigade,
    owner: &str,
    mut arrivals: mpsc::UnboundedReceiver<Arrival>,
    count: usize,
) -> (f64, f64, f64) {
    let mut latencies = Vec::new();
    for change in 0..CHANGES {
        let sent = Instant::now();
        let created = writer
            .client
            .post(writer.url("/api/v1/zones"))
            .bearer_auth(owner)
            .json(&json!({ "name": format!("Zone {change}") }))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), 201);
        let mut arrived = 0;
        while arrived < count {
            let (_, nth, at) = tokio::time::timeout(Duration::from_secs(10), arrivals.recv())
                .await
                .expect("every client is told within ten seconds")
                .unwrap();
            assert_eq!(nth, change, "notifications arrive once each, in order");
            latencies.push((at - sent).as_secs_f64() * 1000.0);
            arrived += 1;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    latencies.sort_by(f64::total_cmp);
    (
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        *latencies.last().unwrap(),
    )
}

fn resident_kib(brigade: &Brigade) -> u64 {
    let pid = brigade.child.as_ref().unwrap().id();
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rss| rss.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: make bench-live"]
async fn live_notifications_reach_a_thousand_clients() {
    raise_open_file_limit();
    let brigade = Brigade::start_with(&[
        ("BRIGADE_TRUST_PROXY", "127.0.0.1"),
        ("BRIGADE_LOG", "warn"),
    ])
    .await;
    let (_, tokens) = brigade.signup("Chez Ana").await;
    let owner = tokens["access_token"].as_str().unwrap().to_owned();
    let members = managers(&brigade, &owner).await;
    let (arrivals, _clients) = clients(&brigade, &members, 1_000).await;
    let (p50, p99, max) = time_changes(&brigade, &owner, arrivals, 1_000).await;
    println!(
        "live, one process (SQLite), 1,000 clients over {MEMBERS} members, {CHANGES} changes: \
         change to arrival p50 {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms"
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: make bench-live"]
async fn live_notifications_cross_two_processes() {
    raise_open_file_limit();
    let Some(database) = PostgresDatabase::create() else {
        return;
    };
    let settings = [
        ("DATABASE_URL", database.url.as_str()),
        ("BRIGADE_JWT_SECRET", "a-signing-secret-both-replicas-share"),
        ("BRIGADE_TRUST_PROXY", "127.0.0.1"),
        ("BRIGADE_LOG", "warn"),
    ];
    let first = Brigade::start_with(&settings).await;
    let second = Brigade::start_with(&settings).await;
    let (_, tokens) = first.signup("Chez Ana").await;
    let owner = tokens["access_token"].as_str().unwrap().to_owned();
    let members = managers(&first, &owner).await;
    let (arrivals, _clients) = clients(&second, &members, 1_000).await;
    let (p50, p99, max) = time_changes(&first, &owner, arrivals, 1_000).await;
    println!(
        "live, two processes (PostgreSQL), changes through one, 1,000 clients on the other: \
         change to arrival p50 {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms"
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: make bench-live"]
async fn ten_thousand_idle_connections_stay_alive() {
    raise_open_file_limit();
    let brigade = Brigade::start_with(&[
        ("BRIGADE_TRUST_PROXY", "127.0.0.1"),
        ("BRIGADE_LOG", "warn"),
    ])
    .await;
    let (_, tokens) = brigade.signup("Chez Ana").await;
    let owner = tokens["access_token"].as_str().unwrap().to_owned();
    let members = managers(&brigade, &owner).await;
    let before = resident_kib(&brigade);
    let (_arrivals, clients) = clients(&brigade, &members, 10_000).await;
    let connected = resident_kib(&brigade);
    // Past three heartbeats (20 s) and the 60 s of silence after which a dead socket
    // is closed: the clients answer the pings, so every one stays open.
    tokio::time::sleep(Duration::from_secs(75)).await;
    let open = clients
        .iter()
        .filter(|client| !client.is_finished())
        .count();
    let held = resident_kib(&brigade);
    println!(
        "live, 10,000 idle connections on one process: {open} still open after 75 s; \
         server resident memory {} MiB before, {} MiB connected, {} MiB after 75 s \
         ({:.1} KiB per connection)",
        before / 1024,
        connected / 1024,
        held / 1024,
        (held.saturating_sub(before)) as f64 / 10_000.0
    );
    assert_eq!(open, 10_000, "every idle connection stays alive");
}
