use crate::helpers::{assert_problem, spawn_app};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn a_waiter_without_staff_view_permissions_gets_403_naming_the_code() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let problem = assert_problem(
        app.get_with("/api/v1/roles", &waiter).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    assert_eq!(problem["missing_permission"], "staff.view_permissions");
}

#[tokio::test]
async fn the_owner_reads_the_roles_of_the_restaurant() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = app.get_with("/api/v1/roles", &owner.access_token).await;
    assert_eq!(response.status(), StatusCode::OK);
    let roles: Value = response.json().await.unwrap();
    let names: Vec<&str> = roles["system"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["owner", "admin", "manager", "cashier", "chef", "waiter"]
    );
    assert_eq!(roles["system"][0]["editable"], false);
    assert_eq!(roles["system"][0]["member_count"], 1);
}

#[tokio::test]
async fn a_waiters_permissions_are_the_waiter_defaults() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let expected: Vec<&str> = brigade_domain::permissions::SystemRole::Waiter
        .default_permissions()
        .codes();
    let actual = app.permissions_of(&waiter).await;
    assert_eq!(actual, expected);
    assert!(!actual.iter().any(|code| code == "staff.view"));
}

#[tokio::test]
async fn a_personal_grant_applies_on_the_very_next_request() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (membership_id, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    assert_eq!(
        app.get_with("/api/v1/members", &waiter).await.status(),
        StatusCode::FORBIDDEN
    );
    use sea_orm::{ActiveModelTrait, Set};
    brigade_server::entities::membership::ActiveModel {
        id: Set(membership_id),
        permission_overrides: Set(json!({ "staff.view": true })),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    app.bump_access_version(owner.restaurant_id).await;
    assert_eq!(
        app.get_with("/api/v1/members", &waiter).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_personal_deny_beats_the_role_grant_on_the_next_request() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (membership_id, manager) = app.add_member(owner.restaurant_id, "manager").await;
    assert_eq!(
        app.get_with("/api/v1/members", &manager).await.status(),
        StatusCode::OK
    );
    use sea_orm::{ActiveModelTrait, Set};
    brigade_server::entities::membership::ActiveModel {
        id: Set(membership_id),
        permission_overrides: Set(json!({ "staff.view": false })),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    app.bump_access_version(owner.restaurant_id).await;
    let problem = assert_problem(
        app.get_with("/api/v1/members", &manager).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    assert_eq!(problem["missing_permission"], "staff.view");
}

#[tokio::test]
async fn a_restaurant_role_override_applies_to_every_member_with_that_role() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, chef) = app.add_member(owner.restaurant_id, "chef").await;
    assert_eq!(
        app.get_with("/api/v1/audit", &chef).await.status(),
        StatusCode::FORBIDDEN
    );
    use sea_orm::{ActiveModelTrait, Set};
    brigade_server::entities::role_override::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        tenant_id: Set(owner.restaurant_id),
        role: Set("chef".into()),
        permissions: Set(json!({ "audit.view": true })),
        updated_at: Set(chrono::Utc::now()),
        updated_by: Set(Some(owner.account_id)),
    }
    .insert(&app.db)
    .await
    .unwrap();
    app.bump_access_version(owner.restaurant_id).await;
    assert_eq!(
        app.get_with("/api/v1/audit", &chef).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_member_of_another_restaurant_is_not_found() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    let brunos: Value = app
        .get_with("/api/v1/members", &bruno.access_token)
        .await
        .json()
        .await
        .unwrap();
    let brunos_member = brunos["items"][0]["id"].as_str().unwrap();
    let response = app
        .get_with(
            &format!("/api/v1/members/{brunos_member}"),
            &ana.access_token,
        )
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let own = app
        .get_with(
            &format!("/api/v1/members/{brunos_member}"),
            &bruno.access_token,
        )
        .await;
    assert_eq!(own.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_restaurant_sees_only_its_own_team_and_audit_trail() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    let members: Value = app
        .get_with("/api/v1/members", &ana.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(members["total"], 1);
    assert_eq!(members["items"][0]["email"], ana.email.as_str());
    let audit: Value = app
        .get_with("/api/v1/audit", &ana.access_token)
        .await
        .json()
        .await
        .unwrap();
    let entries = audit["items"].as_array().unwrap();
    assert!(
        entries.iter().any(|e| e["action"] == "restaurant.signup"),
        "Ana's own trail is there: {audit}"
    );
    for entry in entries {
        assert_ne!(entry["actor_account_id"], bruno.account_id.to_string());
    }
}

#[tokio::test]
async fn members_can_be_searched_and_filtered() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    app.add_member(owner.restaurant_id, "waiter").await;
    app.add_member(owner.restaurant_id, "chef").await;
    let waiters: Value = app
        .get_with("/api/v1/members?role=waiter", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(waiters["total"], 1);
    assert_eq!(waiters["items"][0]["role"], "waiter");
    let by_name: Value = app
        .get_with("/api/v1/members?q=A%20CHEF", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_name["total"], 1);
    assert_eq!(by_name["items"][0]["role"], "chef");
    let page: Value = app
        .get_with("/api/v1/members?limit=2&offset=2", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], 3);
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn every_documented_permission_is_the_one_enforced() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (membership_id, admin) = app.add_member(owner.restaurant_id, "admin").await;
    let document = serde_json::to_value(brigade_server::openapi::document()).unwrap();
    let mut checked = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Some(code) = operation["x-required-permission"].as_str() else {
                continue;
            };
            use sea_orm::{ActiveModelTrait, Set};
            brigade_server::entities::membership::ActiveModel {
                id: Set(membership_id),
                permission_overrides: Set(json!({ code: false })),
                ..Default::default()
            }
            .update(&app.db)
            .await
            .unwrap();
            app.bump_access_version(owner.restaurant_id).await;
            let url = app.url(
                &path
                    .replace("{id}", &uuid::Uuid::new_v4().to_string())
                    .replace("{format}", "svg"),
            );
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let response = app
                .client
                .request(method, url)
                .bearer_auth(&admin)
                .json(&json!({}))
                .send()
                .await
                .unwrap();
            let problem =
                assert_problem(response, StatusCode::FORBIDDEN, "permission_denied").await;
            assert_eq!(problem["missing_permission"], code, "{path}");
            checked += 1;
        }
    }
    assert!(
        checked >= 16,
        "only {checked} operations declare a permission"
    );
}

/// The request an operation's template stands for, with fresh ids and an empty body.
fn probe(app: &crate::helpers::TestApp, path: &str, method: &str) -> reqwest::RequestBuilder {
    let url = app.url(
        &path
            .replace("{id}", &uuid::Uuid::new_v4().to_string())
            .replace("{role}", "waiter")
            .replace("{format}", "svg"),
    );
    let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    app.client.request(method, url).json(&json!({}))
}

#[tokio::test]
async fn every_operation_declares_who_may_call_it_and_that_is_what_is_enforced() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, admin) = app.add_member(owner.restaurant_id, "admin").await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let document = serde_json::to_value(brigade_server::openapi::document()).unwrap();
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let access = operation["x-access"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} does not say who may call it"));
            *kinds.entry(access.to_owned()).or_default() += 1;
            let answer = probe(&app, path, method).send().await.unwrap();
            let anonymous = answer.status();
            let code = answer
                .json::<Value>()
                .await
                .ok()
                .and_then(|problem| problem["code"].as_str().map(str::to_owned));
            match access {
                // A public operation never asks for a token (a refresh without any
                // refresh token is refused as such, not as unauthenticated).
                "public" => assert_ne!(code.as_deref(), Some("unauthenticated"), "{method} {path}"),
                "signed-in" | "owner" | "permission" => {
                    assert_eq!(anonymous, StatusCode::UNAUTHORIZED, "{method} {path}")
                }
                other => panic!("{method} {path}: unknown access {other}"),
            }
            match access {
                "signed-in" => {
                    // A member who holds no staff permission is not refused for one.
                    let response = probe(&app, path, method)
                        .bearer_auth(&waiter)
                        .send()
                        .await
                        .unwrap();
                    assert_ne!(response.status(), StatusCode::FORBIDDEN, "{method} {path}");
                }
                "owner" => {
                    let response = probe(&app, path, method)
                        .bearer_auth(&admin)
                        .send()
                        .await
                        .unwrap();
                    assert_problem(response, StatusCode::FORBIDDEN, "owner_only").await;
                }
                "permission" => {
                    let code = operation["x-required-permission"]
                        .as_str()
                        .unwrap_or_default();
                    assert!(
                        brigade_domain::permissions::Permission::from_code(code).is_some(),
                        "{method} {path}: `{code}` is not a catalogue code"
                    );
                    if operation["x-owner-only"] == true {
                        let response = probe(&app, path, method)
                            .bearer_auth(&admin)
                            .send()
                            .await
                            .unwrap();
                        assert_problem(response, StatusCode::FORBIDDEN, "owner_only").await;
                    }
                }
                _ => {}
            }
        }
    }
    assert!(kinds.len() == 4, "{kinds:?}");
}

async fn hold_extra_role(
    app: &crate::helpers::TestApp,
    restaurant: uuid::Uuid,
    membership: uuid::Uuid,
    system: Option<&str>,
    custom: Option<uuid::Uuid>,
) {
    use sea_orm::{ActiveModelTrait, Set};
    brigade_server::entities::membership_role::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        tenant_id: Set(restaurant),
        membership_id: Set(membership),
        system_role: Set(system.map(str::to_owned)),
        custom_role_id: Set(custom),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    app.bump_access_version(restaurant).await;
}

#[tokio::test]
async fn a_member_holds_the_union_of_their_roles_custom_ones_included() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (membership_id, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let barman = uuid::Uuid::new_v4();
    use sea_orm::{ActiveModelTrait, Set};
    brigade_server::entities::custom_role::ActiveModel {
        id: Set(barman),
        tenant_id: Set(owner.restaurant_id),
        name: Set("Barman".into()),
        description: Set("Serves drinks and watches the stock".into()),
        color: Set("#2f855a".into()),
        permissions: Set(json!(["inventory.view", "inventory.edit"])),
        created_at: Set(chrono::Utc::now()),
        updated_at: Set(chrono::Utc::now()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    hold_extra_role(
        &app,
        owner.restaurant_id,
        membership_id,
        Some("cashier"),
        None,
    )
    .await;
    hold_extra_role(&app, owner.restaurant_id, membership_id, None, Some(barman)).await;

    use brigade_domain::permissions::{code, SystemRole};
    let mut expected = SystemRole::Waiter
        .default_permissions()
        .union(SystemRole::Cashier.default_permissions());
    expected.insert(code::INVENTORY_VIEW);
    expected.insert(code::INVENTORY_EDIT);
    let actual = app.permissions_of(&waiter).await;
    assert_eq!(actual, expected.codes());
    let me: Value = app
        .get_with("/api/v1/me", &waiter)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        me["roles"],
        json!([
            { "kind": "system", "role": "waiter" },
            { "kind": "system", "role": "cashier" },
            { "kind": "custom", "id": barman, "name": "Barman", "color": "#2f855a" },
        ])
    );
}

#[tokio::test]
async fn an_extra_owner_role_grants_nothing() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (membership_id, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    hold_extra_role(
        &app,
        owner.restaurant_id,
        membership_id,
        Some("owner"),
        None,
    )
    .await;
    let actual = app.permissions_of(&waiter).await;
    assert_eq!(
        actual,
        brigade_domain::permissions::SystemRole::Waiter
            .default_permissions()
            .codes()
    );
}

#[tokio::test]
async fn the_member_search_ignores_the_case_of_accented_names() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (membership_id, _) = app.add_member(owner.restaurant_id, "chef").await;
    let member: Value = app
        .get_with(
            &format!("/api/v1/members/{membership_id}"),
            &owner.access_token,
        )
        .await
        .json()
        .await
        .unwrap();
    use sea_orm::{ActiveModelTrait, Set};
    brigade_server::entities::account::ActiveModel {
        id: Set(member["account_id"].as_str().unwrap().parse().unwrap()),
        name: Set("Élodie Marchand".into()),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    for query in ["%C3%A9lodie", "%C3%89LODIE", "marchand"] {
        let found: Value = app
            .get_with(&format!("/api/v1/members?q={query}"), &owner.access_token)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(found["total"], 1, "{query}");
        assert_eq!(found["items"][0]["name"], "Élodie Marchand");
    }
}
