//! Live notifications: events reach the members who may see them, over a real
//! WebSocket and in their stored notifications, and nobody else; they survive a
//! disconnect; team messages reach their addressees.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use uuid::Uuid;

use crate::helpers::{assert_problem, spawn_app, TestApp};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens the socket and says hello; returns it with the `ready` answer.
pub async fn connect(address: &str, token: &str, since: Option<i64>) -> (Socket, Value) {
    let url = format!("{}/api/v1/ws", address.replacen("http", "ws", 1));
    let (mut socket, _) = tokio_tungstenite::connect_async(url)
        .await
        .expect("the socket opens");
    let hello = json!({ "type": "hello", "token": token, "since": since });
    socket
        .send(Message::text(hello.to_string()))
        .await
        .expect("hello is sent");
    let ready = next(&mut socket).await.expect("an answer to hello");
    (socket, ready)
}

/// The next JSON message, within five seconds.
pub async fn next(socket: &mut Socket) -> Option<Value> {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(5), socket.next())
            .await
            .ok()??
            .ok()?;
        match message {
            Message::Text(text) => return serde_json::from_str(&text).ok(),
            Message::Close(_) => return None,
            _ => continue,
        }
    }
}

/// Whether anything arrives within a second.
async fn silent(socket: &mut Socket) -> bool {
    loop {
        match tokio::time::timeout(Duration::from_secs(1), socket.next()).await {
            Err(_) => return true,
            Ok(Some(Ok(Message::Ping(_) | Message::Pong(_)))) => continue,
            Ok(_) => return false,
        }
    }
}

async fn notifications(app: &TestApp, token: &str) -> Value {
    app.get_with("/api/v1/notifications", token)
        .await
        .json()
        .await
        .unwrap()
}

async fn unread(app: &TestApp, token: &str) -> u64 {
    let count: Value = app
        .get_with("/api/v1/notifications/unread-count", token)
        .await
        .json()
        .await
        .unwrap();
    count["unread"].as_u64().unwrap()
}

/// Waits (up to five seconds) until the member has `count` unread notifications.
async fn until_unread(app: &TestApp, token: &str, count: u64) {
    for _ in 0..50 {
        if unread(app, token).await == count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        unread(app, token).await,
        count,
        "notifications never arrived"
    );
}

async fn make_chef(app: &TestApp, owner_token: &str, member: Uuid) {
    let response = app
        .send_with(
            Method::PATCH,
            &format!("/api/v1/members/{member}"),
            owner_token,
            &json!({ "role": "chef" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_role_change_reaches_a_managers_socket_and_not_a_waiters() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, manager) = app.add_member(owner.restaurant_id, "manager").await;
    let (waiter_id, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let (_, bystander) = app.add_member(owner.restaurant_id, "waiter").await;
    let (mut managers, ready) = connect(&app.address, &manager, None).await;
    assert_eq!(ready["type"], "ready");
    let (mut waiters, _) = connect(&app.address, &bystander, None).await;

    make_chef(&app, &owner.access_token, waiter_id).await;

    let pushed = next(&mut managers).await.expect("the manager is told");
    assert_eq!(pushed["type"], "notification");
    assert_eq!(pushed["kind"], "member.updated");
    assert_eq!(pushed["entity_id"], waiter_id.to_string());
    assert_eq!(pushed["actor"], "Ana Duval");
    assert_eq!(pushed["subject"], "A waiter");
    assert!(silent(&mut waiters).await, "a waiter has no staff.view");
    assert_eq!(notifications(&app, &bystander).await["total"], 0);
    // Nobody is told of what they did themselves.
    assert_eq!(notifications(&app, &owner.access_token).await["total"], 0);
    drop(waiter);
}

#[tokio::test]
async fn notifications_wait_for_those_away_and_are_marked_read() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, manager) = app.add_member(owner.restaurant_id, "manager").await;
    let (waiter_id, _) = app.add_member(owner.restaurant_id, "waiter").await;
    make_chef(&app, &owner.access_token, waiter_id).await;
    let response = app
        .send_with(
            Method::POST,
            &format!("/api/v1/members/{waiter_id}/deactivate"),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert!(response.status().is_success(), "{}", response.status());
    until_unread(&app, &manager, 2).await;

    let listed = notifications(&app, &manager).await;
    assert_eq!(listed["items"][0]["kind"], "member.deactivated");
    assert_eq!(listed["items"][1]["kind"], "member.updated");
    let first = listed["items"][1]["id"].as_str().unwrap();
    let read = app
        .send_with(
            Method::POST,
            &format!("/api/v1/notifications/{first}/read"),
            &manager,
            &json!({}),
        )
        .await;
    assert_eq!(read.status(), StatusCode::OK);
    assert_eq!(unread(&app, &manager).await, 1);
    let all = app
        .send_with(
            Method::POST,
            "/api/v1/notifications/read-all",
            &manager,
            &json!({}),
        )
        .await;
    assert_eq!(all.json::<Value>().await.unwrap()["unread"], 0);
    assert_eq!(unread(&app, &manager).await, 0);
}

#[tokio::test]
async fn a_reconnecting_app_catches_up_from_the_last_number_it_saw() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, manager) = app.add_member(owner.restaurant_id, "manager").await;
    let (waiter_id, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let (socket, ready) = connect(&app.address, &manager, None).await;
    let seen = ready["last_seq"].as_i64().unwrap();
    drop(socket);

    make_chef(&app, &owner.access_token, waiter_id).await;
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/zones",
            &owner.access_token,
            &json!({ "name": "Terrasse", "tables": 2 }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    until_unread(&app, &manager, 2).await;

    let (mut socket, ready) = connect(&app.address, &manager, Some(seen)).await;
    assert_eq!(ready["unread"], 2);
    let first = next(&mut socket).await.unwrap();
    let second = next(&mut socket).await.unwrap();
    assert_eq!(first["kind"], "member.updated");
    assert_eq!(second["kind"], "zone.created");
    assert_eq!(second["subject"], "Terrasse");
    assert!(first["seq"].as_i64().unwrap() < second["seq"].as_i64().unwrap());
    assert!(silent(&mut socket).await, "nothing is sent twice");
}

#[tokio::test]
async fn two_restaurants_never_see_each_others_events() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Chez Bruno").await;
    let (_, brunos_manager) = app.add_member(bruno.restaurant_id, "manager").await;
    let (mut socket, _) = connect(&app.address, &brunos_manager, None).await;
    let (anas_waiter, _) = app.add_member(ana.restaurant_id, "waiter").await;
    let (_, anas_manager) = app.add_member(ana.restaurant_id, "manager").await;
    make_chef(&app, &ana.access_token, anas_waiter).await;
    until_unread(&app, &anas_manager, 1).await;
    assert!(silent(&mut socket).await);
    assert_eq!(notifications(&app, &brunos_manager).await["total"], 0);
    // Nor mark another restaurant's notification read.
    let anas = notifications(&app, &anas_manager).await;
    let id = anas["items"][0]["id"].as_str().unwrap();
    let response = app
        .send_with(
            Method::POST,
            &format!("/api/v1/notifications/{id}/read"),
            &brunos_manager,
            &json!({}),
        )
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(unread(&app, &anas_manager).await, 1);
}

#[tokio::test]
async fn a_message_to_one_role_reaches_only_its_holders() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let (_, chef) = app.add_member(owner.restaurant_id, "chef").await;
    let (mut waiters, _) = connect(&app.address, &waiter, None).await;
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/messages",
            &owner.access_token,
            &json!({ "text": "  Briefing à 18 h  ", "role": "waiter" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let message: Value = response.json().await.unwrap();
    assert_eq!(message["text"], "Briefing à 18 h");
    assert_eq!(message["author"], "Ana Duval");

    let pushed = next(&mut waiters).await.expect("the waiter is told");
    assert_eq!(pushed["kind"], "message.sent");
    assert_eq!(pushed["text"], "Briefing à 18 h");
    assert_eq!(notifications(&app, &chef).await["total"], 0);
    let listed: Value = app
        .get_with("/api/v1/messages", &chef)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        listed["total"], 0,
        "a chef does not read the waiters' messages"
    );
    let listed: Value = app
        .get_with("/api/v1/messages", &waiter)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["items"][0]["text"], "Briefing à 18 h");
}

#[tokio::test]
async fn a_waiter_may_not_write_to_the_team() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/messages",
            &waiter,
            &json!({ "text": "Hi" }),
        )
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "permission_denied").await;
}

#[tokio::test]
async fn a_message_is_checked_and_a_retry_writes_it_once() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let empty = app
        .send_with(
            Method::POST,
            "/api/v1/messages",
            &owner.access_token,
            &json!({ "text": "   " }),
        )
        .await;
    let problem =
        assert_problem(empty, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(problem["errors"][0]["field"], "text");
    let unknown = app
        .send_with(
            Method::POST,
            "/api/v1/messages",
            &owner.access_token,
            &json!({ "text": "Hi", "custom_role_id": Uuid::new_v4() }),
        )
        .await;
    let problem = assert_problem(
        unknown,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "custom_role_id");

    let send = |text: &'static str| {
        app.client
            .post(app.url("/api/v1/messages"))
            .bearer_auth(&owner.access_token)
            .header("Idempotency-Key", "briefing-1")
            .json(&json!({ "text": text }))
    };
    let first = send("Briefing").send().await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let again = send("Briefing").send().await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.json::<Value>().await.unwrap()["id"], first["id"]);
    let other = send("Something else").send().await.unwrap();
    assert_problem(other, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(app.count("team_messages").await, 1);
}

#[tokio::test]
async fn repeated_refusals_reach_the_owner_and_not_a_chef() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let (_, chef) = app.add_member(owner.restaurant_id, "chef").await;
    let (mut owners, _) = connect(&app.address, &owner.access_token, None).await;
    for _ in 0..10 {
        let refused = app.get_with("/api/v1/audit", &waiter).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
    let pushed = next(&mut owners).await.expect("the owner is told");
    assert_eq!(pushed["kind"], "access.refused_repeatedly");
    assert_eq!(pushed["subject"], "A waiter");
    assert_eq!(notifications(&app, &chef).await["total"], 0);
}

#[tokio::test]
async fn a_socket_without_a_valid_token_is_closed() {
    let app = spawn_app().await;
    let (_, answer) = connect(&app.address, "not-a-token", None).await;
    assert_eq!(
        answer,
        json!({ "type": "bye", "reason": "unauthenticated" })
    );
}

#[tokio::test]
async fn an_event_left_undelivered_by_a_process_that_died_goes_out_later() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, manager) = app.add_member(owner.restaurant_id, "manager").await;
    let (waiter_id, _) = app.add_member(owner.restaurant_id, "waiter").await;
    // What a process leaves when it dies right after its commit: an event in the
    // outbox, its head moved, and nobody woken.
    app.execute(
        "INSERT INTO event_heads (restaurant_id, last_seq, delivered_seq) VALUES ($1, 0, 0) \
         ON CONFLICT (restaurant_id) DO NOTHING",
        vec![owner.restaurant_id.into()],
    )
    .await
    .unwrap();
    app.execute(
        "UPDATE event_heads SET last_seq = last_seq + 1 WHERE restaurant_id = $1",
        vec![owner.restaurant_id.into()],
    )
    .await
    .unwrap();
    let seq: i64 = {
        use sea_orm::EntityTrait;
        brigade_server::entities::event_head::Entity::find_by_id(owner.restaurant_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .last_seq
    };
    use sea_orm::ActiveModelTrait;
    brigade_server::entities::event::ActiveModel {
        id: sea_orm::Set(Uuid::new_v4()),
        tenant_id: sea_orm::Set(owner.restaurant_id),
        seq: sea_orm::Set(seq),
        kind: sea_orm::Set("member.updated".into()),
        entity: sea_orm::Set("membership".into()),
        entity_id: sea_orm::Set(Some(waiter_id.to_string())),
        actor_account_id: sea_orm::Set(Some(owner.account_id)),
        payload: sea_orm::Set(Some(json!({ "before": null, "after": null }))),
        created_at: sea_orm::Set(chrono::Utc::now()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    // The next look at the outbox delivers it.
    until_unread(&app, &manager, 1).await;
    assert_eq!(
        notifications(&app, &manager).await["items"][0]["subject"],
        "A waiter"
    );
}

#[tokio::test]
async fn a_change_that_fails_leaves_no_event() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter_id, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let events = app.count("events").await;
    app.refuse_audit_writes().await;
    let response = app
        .send_with(
            Method::PATCH,
            &format!("/api/v1/members/{waiter_id}"),
            &owner.access_token,
            &json!({ "role": "chef" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(app.count("events").await, events);
}

#[tokio::test]
async fn messages_and_other_changes_at_once_all_commit() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/zones",
            &owner.access_token,
            &json!({ "name": "Terrasse" }),
        )
        .await;
    let zone: Value = response.json().await.unwrap();
    let zone = zone["id"].as_str().unwrap().to_owned();
    let requests = (0..24).map(|n| {
        let (app, token, zone) = (&app, owner.access_token.clone(), zone.clone());
        async move {
            let response = if n % 2 == 0 {
                app.send_with(
                    Method::POST,
                    "/api/v1/messages",
                    &token,
                    &json!({ "text": format!("Message {n}") }),
                )
                .await
            } else {
                app.send_with(
                    Method::PATCH,
                    &format!("/api/v1/zones/{zone}"),
                    &token,
                    &json!({ "name": format!("Terrasse {n}") }),
                )
                .await
            };
            response.status()
        }
    });
    let statuses = futures_util::future::join_all(requests).await;
    assert!(statuses.iter().all(|s| s.is_success()), "{statuses:?}");
    let check: Value = app
        .get_with("/api/v1/audit/verify", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(check["intact"], true, "{check}");
}

#[tokio::test]
async fn a_member_writes_at_most_twenty_messages_a_minute() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    for n in 0..20 {
        let response = app
            .send_with(
                Method::POST,
                "/api/v1/messages",
                &owner.access_token,
                &json!({ "text": format!("Message {n}") }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/messages",
            &owner.access_token,
            &json!({ "text": "One too many" }),
        )
        .await;
    assert!(response.headers().contains_key("retry-after"));
    assert_problem(response, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    assert_eq!(app.count("team_messages").await, 20);
}
