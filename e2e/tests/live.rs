//! Live notifications across processes: a change made through one Brigade process
//! reaches a WebSocket client connected to another, over one PostgreSQL database
//! (`LISTEN/NOTIFY`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod common;

use std::time::Duration;

use common::{admin, Brigade, PostgresDatabase};
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The next JSON message, within ten seconds.
async fn next(socket: &mut Socket) -> Value {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(10), socket.next())
            .await
            .expect("a message within ten seconds")
            .expect("the socket stays open")
            .expect("a message");
        if let Message::Text(text) = message {
            return serde_json::from_str(&text).unwrap();
        }
    }
}

#[tokio::test]
async fn a_change_through_one_process_reaches_a_socket_on_another() {
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
    let admin = admin(&first, &owner).await;

    // The owner's app is connected to the second process.
    let url = format!("ws://{}/api/v1/ws", second.address());
    let (mut socket, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    socket
        .send(Message::text(
            json!({ "type": "hello", "token": owner }).to_string(),
        ))
        .await
        .unwrap();
    let ready = next(&mut socket).await;
    assert_eq!(ready["type"], "ready", "{ready}");

    // The admin adds a zone through the first process.
    let created = first
        .client
        .post(first.url("/api/v1/zones"))
        .bearer_auth(&admin)
        .json(&json!({ "name": "Terrasse", "tables": 2 }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);

    let pushed = next(&mut socket).await;
    assert_eq!(pushed["type"], "notification", "{pushed}");
    assert_eq!(pushed["kind"], "zone.created");
    assert_eq!(pushed["actor"], "Léa Admin");
    assert_eq!(pushed["subject"], "Terrasse");
}

#[tokio::test]
async fn parallel_changes_through_two_processes_chain_and_deliver_each_event_once() {
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
    let admin = admin(&first, &owner).await;
    let changes = (0..16).map(|n| {
        let brigade = if n % 2 == 0 { &first } else { &second };
        let owner = owner.clone();
        async move {
            let request = if n % 4 < 2 {
                brigade
                    .client
                    .post(brigade.url("/api/v1/zones"))
                    .json(&json!({ "name": format!("Salle {n}") }))
            } else {
                brigade
                    .client
                    .post(brigade.url("/api/v1/messages"))
                    .json(&json!({ "text": format!("Message {n}") }))
            };
            request
                .bearer_auth(owner)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let statuses = futures::future::join_all(changes).await;
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");

    // Both processes deliver; each event becomes one notification, numbered once. (The
    // admin may also be told of their own arrival, depending on when it was delivered.)
    let ours = |listed: &Value| -> Vec<i64> {
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["kind"] == "zone.created" || n["kind"] == "message.sent")
            .map(|n| n["seq"].as_i64().unwrap())
            .collect()
    };
    let mut listed = Value::Null;
    for _ in 0..100 {
        listed = second
            .get("/api/v1/notifications?limit=100", &admin)
            .await
            .json()
            .await
            .unwrap();
        if ours(&listed).len() >= 16 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(ours(&listed).len(), 16, "{listed}");
    let mut numbers: Vec<i64> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["seq"].as_i64().unwrap())
        .collect();
    let all = numbers.len();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers.len(), all, "no number given twice");
    let check: Value = first
        .get("/api/v1/audit/verify", &owner)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(check["intact"], true, "{check}");
}
