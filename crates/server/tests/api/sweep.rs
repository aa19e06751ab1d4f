//! The cross-tenant sweep, generated from the OpenAPI document, so each new module is
//! covered without a new test. Restaurant A calls every operation that takes an id
//! with restaurant B's ids:
//!
//! - an id in the path (`format: uuid`): every one of B's ids in turn, with an
//!   otherwise valid body. The answer is `404` (or `403` where A's caller lacks the
//!   permission first), never `2xx`, never `5xx`.
//! - an id in the body or the query (a `uuid` field, or a parameter named `…_id`,
//!   `…_ids` or `…_to`): B's ids there, with each of A's own ids in the path. The
//!   answer is a refusal (`4xx`), never `2xx`, never `5xx`.
//!
//! Afterwards B's team, roles, explanations and audit trail are exactly as before.

use reqwest::{Method, StatusCode};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::helpers::{spawn_app, Owner, TestApp};

/// A restaurant with a little of everything that has an id.
struct Furnished {
    owner: Owner,
    waiter_token: String,
    ids: Vec<Uuid>,
}

async fn furnished(app: &TestApp, name: &str) -> Furnished {
    let owner = app.signup(name).await;
    let (waiter_id, waiter_token) = app.add_member(owner.restaurant_id, "waiter").await;
    let (admin_id, _) = app.add_member(owner.restaurant_id, "admin").await;
    let role: Value = app
        .send_with(
            Method::POST,
            "/api/v1/roles",
            &owner.access_token,
            &json!({ "name": "Barman", "color": "#2f855a", "permissions": ["inventory.view"] }),
        )
        .await
        .json()
        .await
        .unwrap();
    let role_id: Uuid = role["id"].as_str().unwrap().parse().unwrap();
    let held = app
        .send_with(
            Method::PATCH,
            &format!("/api/v1/members/{waiter_id}"),
            &owner.access_token,
            &json!({ "custom_role_ids": [role_id] }),
        )
        .await;
    assert_eq!(held.status(), StatusCode::OK);
    let me: Value = app
        .get_with("/api/v1/me", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let owner_membership: Uuid = me["membership_id"].as_str().unwrap().parse().unwrap();
    let invited: Value = app
        .send_with(
            Method::POST,
            "/api/v1/invitations",
            &owner.access_token,
            &json!({ "email": format!("invitee-{}@example.com", Uuid::new_v4().simple()), "role": "waiter" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let invitation_id: Uuid = invited["invitation"]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let zone: Value = app
        .send_with(
            Method::POST,
            "/api/v1/zones",
            &owner.access_token,
            &json!({ "name": "Terrasse", "tables": 2 }),
        )
        .await
        .json()
        .await
        .unwrap();
    let zone_id: Uuid = zone["id"].as_str().unwrap().parse().unwrap();
    let tables: Value = app
        .get_with("/api/v1/tables", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let table_id: Uuid = tables[0]["id"].as_str().unwrap().parse().unwrap();
    // A Thursday dinner (the schema's example date and time) with its waiter placed, so
    // the service grid's ids are checked rather than its time refused.
    let opened = app
        .send_with(
            Method::PUT,
            "/api/v1/restaurant/opening-hours",
            &owner.access_token,
            &json!({ "ranges": [{ "weekday": "thursday", "opens": "19:00", "closes": "23:00" }] }),
        )
        .await;
    assert_eq!(opened.status(), StatusCode::OK);
    let placed = app
        .send_with(
            Method::PUT,
            "/api/v1/service-grid",
            &owner.access_token,
            &json!({ "date": "2026-12-03", "opens": "19:00", "assignments": [
                { "member_id": waiter_id, "zone_id": zone_id },
                { "member_id": admin_id, "table_id": table_id },
            ] }),
        )
        .await;
    assert_eq!(placed.status(), StatusCode::OK);
    let ids = vec![
        zone_id,
        table_id,
        invitation_id,
        owner_membership,
        waiter_id,
        admin_id,
        role_id,
        owner.account_id,
        owner.restaurant_id,
    ];
    Furnished {
        owner,
        waiter_token,
        ids,
    }
}

/// A valid instance of `schema`: ids are `id` (or none), strings their example.
fn instance(document: &Value, schema: &Value, id: Option<Uuid>) -> Value {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        return instance(document, &document["components"]["schemas"][name], id);
    }
    if let Some(variants) = schema["oneOf"].as_array() {
        let chosen = variants
            .iter()
            .find(|variant| variant["type"] != "null")
            .unwrap_or(&Value::Null);
        return instance(document, chosen, id);
    }
    let kind = match &schema["type"] {
        Value::Array(kinds) => kinds
            .iter()
            .find(|kind| *kind != "null")
            .cloned()
            .unwrap_or(Value::Null),
        kind => kind.clone(),
    };
    if let Some(values) = schema["enum"].as_array() {
        // The last value: the first is often the one nobody may choose (`owner`).
        return values.last().cloned().unwrap_or(Value::Null);
    }
    match kind.as_str() {
        Some("object") => {
            let mut object = Map::new();
            for (name, property) in schema["properties"].as_object().into_iter().flatten() {
                object.insert(name.clone(), instance(document, property, id));
            }
            Value::Object(object)
        }
        Some("array") => match id {
            // An array carries the id when its items do: ids themselves, or objects
            // with an id field (a service's places).
            Some(id) => {
                let item = instance(document, &schema["items"], Some(id));
                if item.to_string().contains(&id.to_string()) {
                    json!([item])
                } else {
                    json!([])
                }
            }
            // A list that must not be empty gets one item.
            None if schema["minItems"].as_u64().unwrap_or(0) > 0 => {
                json!([instance(document, &schema["items"], None)])
            }
            None => json!([]),
        },
        Some("string") => match schema["format"].as_str() {
            Some("uuid") => json!(id.unwrap_or_else(Uuid::new_v4)),
            Some("email") => json!(format!("sweep-{}@example.com", Uuid::new_v4().simple())),
            Some("password") => json!("a long sweeping phrase"),
            Some("date-time") => json!("2099-01-01T00:00:00Z"),
            _ => schema
                .get("example")
                .cloned()
                .unwrap_or_else(|| json!("Sweep")),
        },
        Some("integer") => schema.get("minimum").cloned().unwrap_or(json!(1)),
        Some("boolean") => json!(false),
        _ => Value::Null,
    }
}

/// Whether a body schema carries an id somewhere.
fn carries_ids(document: &Value, schema: &Value) -> bool {
    instance(document, schema, Some(Uuid::nil()))
        .to_string()
        .contains(&Uuid::nil().to_string())
}

fn names_an_id(name: &str) -> bool {
    name.ends_with("_id") || name.ends_with("_ids") || name.ends_with("_to")
}

struct Call {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Value>,
}

async fn send(app: &TestApp, token: &str, call: &Call) -> StatusCode {
    let mut request = app
        .client
        .request(call.method.clone(), app.url(&call.path))
        .bearer_auth(token)
        .query(&call.query);
    if let Some(body) = &call.body {
        request = request.json(body);
    }
    request.send().await.unwrap().status()
}

/// A valid value of a path parameter that is not an id: an enumeration's first value,
/// or the example.
fn path_value(document: &Value, schema: &Value) -> String {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        return path_value(document, &document["components"]["schemas"][name]);
    }
    schema["enum"][0]
        .as_str()
        .or(schema["example"].as_str())
        .unwrap_or("x")
        .to_owned()
}

/// Every request the sweep sends, with whether its id is in the path.
fn calls(document: &Value, theirs: &[Uuid], ours: &[Uuid]) -> Vec<(Call, bool)> {
    let mut calls = Vec::new();
    for (template, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let parameters = operation["parameters"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let path_ids: Vec<String> = parameters
                .iter()
                .filter(|p| p["in"] == "path" && p["schema"]["format"] == "uuid")
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect();
            let query_ids: Vec<String> = parameters
                .iter()
                .filter(|p| p["in"] == "query" && names_an_id(p["name"].as_str().unwrap()))
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect();
            let body_schema = &operation["requestBody"]["content"]["application/json"]["schema"];
            let body_ids = !body_schema.is_null() && carries_ids(document, body_schema);
            // Other path parameters (a picture's format) take a valid value.
            let fixed = parameters
                .iter()
                .filter(|p| p["in"] == "path" && p["schema"]["format"] != "uuid")
                .fold(template.clone(), |path, p| {
                    let name = p["name"].as_str().unwrap();
                    path.replace(&format!("{{{name}}}"), &path_value(document, &p["schema"]))
                });
            let with_path = |id: Uuid| {
                path_ids.iter().fold(fixed.clone(), |path, name| {
                    path.replace(&format!("{{{name}}}"), &id.to_string())
                })
            };
            let body = |id: Option<Uuid>| {
                (!body_schema.is_null()).then(|| instance(document, body_schema, id))
            };
            if !path_ids.is_empty() {
                for id in theirs {
                    calls.push((
                        Call {
                            method: method.clone(),
                            path: with_path(*id),
                            query: Vec::new(),
                            body: body(None),
                        },
                        true,
                    ));
                }
            }
            if !query_ids.is_empty() || body_ids {
                let own_paths: Vec<String> = if path_ids.is_empty() {
                    vec![fixed.clone()]
                } else {
                    ours.iter().map(|id| with_path(*id)).collect()
                };
                for path in &own_paths {
                    for id in theirs {
                        calls.push((
                            Call {
                                method: method.clone(),
                                path: path.clone(),
                                query: query_ids
                                    .iter()
                                    .map(|name| (name.clone(), id.to_string()))
                                    .collect(),
                                body: body(Some(*id)),
                            },
                            false,
                        ));
                    }
                }
            }
        }
    }
    calls
}

#[tokio::test]
async fn another_restaurants_ids_are_not_found_and_change_nothing() {
    let app = spawn_app().await;
    let ana = furnished(&app, "Chez Ana").await;
    let bruno = furnished(&app, "Da Bruno").await;
    let document = serde_json::to_value(brigade_server::openapi::document()).unwrap();
    let before = app.restaurant_state(&bruno.owner.access_token).await;
    let calls = calls(&document, &bruno.ids, &ana.ids);
    assert!(
        calls.iter().filter(|(_, in_path)| *in_path).count() >= 54,
        "{} calls",
        calls.len()
    );
    assert!(calls.iter().any(|(_, in_path)| !*in_path));
    for (who, token) in [
        ("the owner", &ana.owner.access_token),
        ("a waiter", &ana.waiter_token),
    ] {
        for (call, in_path) in &calls {
            let status = send(&app, token, call).await;
            let what = format!(
                "{} {} {:?} {:?} as {who}: {status}",
                call.method, call.path, call.query, call.body
            );
            assert!(!status.is_success() && !status.is_server_error(), "{what}");
            if *in_path {
                assert!(
                    status == StatusCode::NOT_FOUND || status == StatusCode::FORBIDDEN,
                    "{what}"
                );
                if who == "the owner" {
                    assert_eq!(status, StatusCode::NOT_FOUND, "{what}");
                }
            }
        }
    }
    assert_eq!(
        app.restaurant_state(&bruno.owner.access_token).await,
        before,
        "B's data and trail are unchanged"
    );
}
