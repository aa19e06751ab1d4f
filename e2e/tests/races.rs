//! Rules that must hold when requests race across several Brigade processes over one
//! PostgreSQL database, as a deployment with replicas runs: each change to who may do
//! what takes its turn behind the restaurant's access version.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod common;

use common::{Brigade, PostgresDatabase, PASSWORD};
use serde_json::{json, Value};

/// Two processes over one database, sharing their signing secret as replicas do.
async fn two_replicas(database: &PostgresDatabase) -> (Brigade, Brigade) {
    let settings = [
        ("DATABASE_URL", database.url.as_str()),
        ("BRIGADE_JWT_SECRET", "a-signing-secret-both-replicas-share"),
    ];
    let first = Brigade::start_with(&settings).await;
    let second = Brigade::start_with(&settings).await;
    (first, second)
}

/// An owner's token on `brigade`, and `count` admins created through the API.
async fn restaurant_with_admins(brigade: &Brigade, count: usize) -> (String, Vec<String>) {
    let (_, tokens) = brigade.signup("Chez Ana").await;
    let owner = tokens["access_token"].as_str().unwrap().to_owned();
    let mut admins = Vec::new();
    for n in 0..count {
        let created: Value = brigade
            .client
            .post(brigade.url("/api/v1/members"))
            .bearer_auth(&owner)
            .json(&json!({
                "email": format!("admin-{n}-{}@example.com", uuid::Uuid::new_v4().simple()),
                "name": format!("Admin {n}"),
                "temporary_password": PASSWORD,
                "role": "admin",
            }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        admins.push(created["id"].as_str().unwrap().to_owned());
    }
    (owner, admins)
}

#[tokio::test]
async fn parallel_ownership_transfers_through_two_processes_leave_one_owner() {
    let Some(database) = PostgresDatabase::create() else {
        return;
    };
    let (first, second) = two_replicas(&database).await;
    let (owner, admins) = restaurant_with_admins(&first, 6).await;
    let transfers = admins.iter().enumerate().map(|(n, admin)| {
        let brigade = if n % 2 == 0 { &first } else { &second };
        let owner = owner.clone();
        async move {
            brigade
                .client
                .post(brigade.url("/api/v1/ownership/transfer"))
                .bearer_auth(&owner)
                .json(&json!({ "member_id": admin }))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let statuses = futures::future::join_all(transfers).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 403),
        "{statuses:?}"
    );
    // The new owner lists the team: exactly one owner.
    let members: Value = second
        .client
        .get(second.url("/api/v1/members"))
        .bearer_auth(&owner)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let owners = members["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|member| member["role"] == "owner")
        .count();
    assert_eq!(owners, 1, "{members}");
}

#[tokio::test]
async fn a_transfer_racing_a_deactivation_never_leaves_an_inactive_owner() {
    let Some(database) = PostgresDatabase::create() else {
        return;
    };
    let (first, second) = two_replicas(&database).await;
    for _ in 0..4 {
        let (owner, admins) = restaurant_with_admins(&first, 1).await;
        let admin = &admins[0];
        let transfer = first
            .client
            .post(first.url("/api/v1/ownership/transfer"))
            .bearer_auth(&owner)
            .json(&json!({ "member_id": admin }))
            .send();
        let deactivate = second
            .client
            .post(second.url(&format!("/api/v1/members/{admin}/deactivate")))
            .bearer_auth(&owner)
            .send();
        let (transferred, deactivated) = tokio::join!(transfer, deactivate);
        let (transferred, deactivated) = (
            transferred.unwrap().status().as_u16(),
            deactivated.unwrap().status().as_u16(),
        );
        assert!(
            !(transferred == 200 && deactivated == 200),
            "both a transfer and a deactivation of the same admin succeeded"
        );
        let members: Value = first
            .client
            .get(first.url("/api/v1/members"))
            .bearer_auth(&owner)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for member in members["items"].as_array().unwrap() {
            if member["role"] == "owner" {
                assert_eq!(member["active"], true, "{members}");
            }
        }
    }
}

#[tokio::test]
async fn parallel_role_changes_through_two_processes_never_fail_nor_lose_a_holder() {
    let Some(database) = PostgresDatabase::create() else {
        return;
    };
    let (first, second) = two_replicas(&database).await;
    let (owner, admins) = restaurant_with_admins(&first, 1).await;
    let member = &admins[0];
    let send = |brigade: &'static str, method: reqwest::Method, path: String, body: Value| {
        let brigade = if brigade == "first" { &first } else { &second };
        let owner = owner.clone();
        async move {
            brigade
                .client
                .request(method, brigade.url(&path))
                .bearer_auth(&owner)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let mut roles = Vec::new();
    for name in ["Bar", "Cellar"] {
        let role: Value = send(
            "first",
            reqwest::Method::POST,
            "/api/v1/roles".into(),
            json!({ "name": name, "color": "#2f855a", "permissions": ["inventory.view"] }),
        )
        .await
        .json()
        .await
        .unwrap();
        roles.push(role["id"].as_str().unwrap().to_owned());
    }
    let held = send(
        "first",
        reqwest::Method::PATCH,
        format!("/api/v1/members/{member}"),
        json!({ "custom_role_ids": roles }),
    )
    .await;
    assert_eq!(held.status(), 200);
    let (bar_to_cellar, cellar_to_chef, matrix_one, matrix_two) = tokio::join!(
        send(
            "first",
            reqwest::Method::DELETE,
            format!("/api/v1/roles/{}?reassign_to={}", roles[0], roles[1]),
            json!({})
        ),
        send(
            "second",
            reqwest::Method::DELETE,
            format!("/api/v1/roles/{}?reassign_to=chef", roles[1]),
            json!({})
        ),
        send(
            "first",
            reqwest::Method::PUT,
            "/api/v1/roles/system/waiter".into(),
            json!({ "permissions": [] })
        ),
        send(
            "second",
            reqwest::Method::PUT,
            "/api/v1/roles/system/waiter".into(),
            json!({ "permissions": ["orders.view_all"] })
        ),
    );
    for response in [&bar_to_cellar, &cellar_to_chef, &matrix_one, &matrix_two] {
        assert!(!response.status().is_server_error(), "{response:?}");
    }
    let after: Value = send(
        "second",
        reqwest::Method::GET,
        format!("/api/v1/members/{member}"),
        json!({}),
    )
    .await
    .json()
    .await
    .unwrap();
    let roles_held = after["roles"].as_array().unwrap();
    assert!(
        roles_held.len() >= 2,
        "the member still holds a role besides their primary one: {after}"
    );
}

/// The secret of the last link a process wrote to its log (no mail service is set, as
/// on a laptop: the log is where the link goes).
fn last_link_secret(brigade: &Brigade) -> String {
    let log = brigade.log();
    let start = log.rfind("token=").expect("a link in the log") + "token=".len();
    log[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

#[tokio::test]
async fn parallel_acceptances_of_one_invitation_through_two_processes_make_one_member() {
    let Some(database) = PostgresDatabase::create() else {
        return;
    };
    let (first, second) = two_replicas(&database).await;
    let (_, tokens) = first.signup("Chez Ana").await;
    let owner = tokens["access_token"].as_str().unwrap().to_owned();
    let email = format!("chef-{}@example.com", uuid::Uuid::new_v4().simple());
    let invited = first
        .client
        .post(first.url("/api/v1/invitations"))
        .bearer_auth(&owner)
        .json(&json!({ "email": email, "role": "chef" }))
        .send()
        .await
        .unwrap();
    assert_eq!(invited.status().as_u16(), 201);
    let secret = last_link_secret(&first);
    assert_eq!(secret.len(), 64);
    let attempts = (0..6).map(|n| {
        let brigade = if n % 2 == 0 { &first } else { &second };
        let body = json!({ "token": secret, "name": format!("Chef {n}"), "password": PASSWORD });
        async move {
            brigade
                .client
                .post(brigade.url("/api/v1/invitations/accept"))
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let statuses = futures::future::join_all(attempts).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 410),
        "{statuses:?}"
    );
    let members: Value = first
        .get("/api/v1/members", &owner)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(members["total"], 2);
}

#[tokio::test]
async fn parallel_table_additions_through_two_processes_never_share_a_number() {
    let Some(database) = PostgresDatabase::create() else {
        return;
    };
    let (first, second) = two_replicas(&database).await;
    let (_, tokens) = first.signup("Chez Ana").await;
    let owner = tokens["access_token"].as_str().unwrap().to_owned();
    let zone: Value = first
        .client
        .post(first.url("/api/v1/zones"))
        .bearer_auth(&owner)
        .json(&json!({ "name": "Terrasse" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let additions = (0..10).map(|n| {
        let brigade = if n % 2 == 0 { &first } else { &second };
        let (owner, body) = (&owner, json!({ "zone_id": zone["id"], "count": 3 }));
        async move {
            brigade
                .client
                .post(brigade.url("/api/v1/tables"))
                .bearer_auth(owner)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let statuses = futures::future::join_all(additions).await;
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    let tables: Vec<Value> = second
        .get("/api/v1/tables", &owner)
        .await
        .json()
        .await
        .unwrap();
    let mut numbers: Vec<String> = tables
        .iter()
        .map(|t| t["table_number"].as_str().unwrap().to_owned())
        .collect();
    numbers.sort();
    let mut wanted: Vec<String> = (1..=30).map(|n| format!("TER-{n}")).collect();
    wanted.sort();
    assert_eq!(numbers, wanted);
}
