//! The team endpoints: creating, changing, deactivating and removing members, their
//! personal overrides and the explanation of their permissions, transferring
//! ownership, the first-login password — and every way to grant more than one holds.

use crate::helpers::{assert_problem, spawn_app, TestApp, PASSWORD};
use brigade_domain::permissions::{code, PermissionSet, SystemRole};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

const TEMPORARY: &str = "a temporary kitchen phrase";

/// Grants codes to a member through the API, as the owner.
async fn grant(app: &TestApp, owner: &str, member: Uuid, codes: &[&str]) {
    let response = app
        .send_with(
            Method::PUT,
            &format!("/api/v1/members/{member}/overrides"),
            owner,
            &json!({ "grant": codes }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

/// A manager who may also create, edit, deactivate and remove members and manage
/// roles, overrides and assignments (a personal grant from the owner) — still without
/// the settings, customers and other codes a manager lacks.
async fn trusted_manager(app: &TestApp, restaurant: Uuid, owner: &str) -> (Uuid, String) {
    let (id, token) = app.add_member(restaurant, "manager").await;
    grant(
        app,
        owner,
        id,
        &[
            "staff.create",
            "staff.edit",
            "staff.deactivate",
            "staff.delete",
            "staff.manage_roles",
            "staff.assign_roles",
        ],
    )
    .await;
    (id, token)
}

/// What the trusted manager holds: a manager's defaults and the six staff codes.
fn trusted_manager_holds() -> PermissionSet {
    [
        code::STAFF_CREATE,
        code::STAFF_EDIT,
        code::STAFF_DEACTIVATE,
        code::STAFF_DELETE,
        code::STAFF_MANAGE_ROLES,
        code::STAFF_ASSIGN_ROLES,
    ]
    .into_iter()
    .fold(
        SystemRole::Manager.default_permissions(),
        PermissionSet::with,
    )
}

/// The codes of `wanted` a holder of `held` lacks, as `exceeding_permissions` lists them.
fn beyond(wanted: PermissionSet, held: PermissionSet) -> Value {
    json!(wanted.difference(held).codes())
}

/// What an admin holds that the trusted manager does not.
fn admin_beyond_manager() -> Value {
    beyond(
        SystemRole::Admin.default_permissions(),
        trusted_manager_holds(),
    )
}

async fn create_role(app: &TestApp, token: &str, name: &str, codes: &[&str]) -> Uuid {
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/roles",
            token,
            &json!({ "name": name, "color": "#2f855a", "permissions": codes }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let role: Value = response.json().await.unwrap();
    role["id"].as_str().unwrap().parse().unwrap()
}

fn new_member(role: &str, custom: &[Uuid]) -> Value {
    json!({
        "email": format!("lea-{}@example.com", Uuid::new_v4().simple()),
        "name": "Léa Martin",
        "temporary_password": TEMPORARY,
        "role": role,
        "custom_role_ids": custom,
    })
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    app.count(&format!("audit_log WHERE action = '{action}'"))
        .await
}

async fn last_audit(app: &TestApp, action: &str) -> (Value, Value) {
    use brigade_server::entities::audit_log;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .order_by_desc(audit_log::Column::CreatedAt)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no {action} entry"));
    (
        entry.before.unwrap_or(Value::Null),
        entry.after.unwrap_or(Value::Null),
    )
}

async fn token_of(app: &TestApp, email: &str, password: &str) -> String {
    let response = app.login(email, password).await;
    assert_eq!(response.status(), StatusCode::OK);
    let tokens: Value = response.json().await.unwrap();
    tokens["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_owner_creates_a_member_who_must_change_the_password_first() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let barman = create_role(&app, &owner.access_token, "Barman", &["inventory.edit"]).await;
    let body = new_member("manager", &[barman]);
    let response = app
        .send_with(Method::POST, "/api/v1/members", &owner.access_token, &body)
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let member: Value = response.json().await.unwrap();
    assert_eq!(member["name"], "Léa Martin");
    assert_eq!(member["role"], "manager");
    assert_eq!(member["active"], true);
    assert_eq!(
        member["roles"],
        json!([
            { "kind": "system", "role": "manager" },
            { "kind": "custom", "id": barman, "name": "Barman", "color": "#2f855a" },
        ])
    );
    let fetched: Value = app
        .get_with(
            &format!("/api/v1/members/{}", member["id"].as_str().unwrap()),
            &owner.access_token,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(fetched, member);
    let (_, after) = last_audit(&app, "member.created").await;
    assert_eq!(after["role"], "manager");
    assert_eq!(after["must_change_password"], true);

    // First login: only /me and the password change are open; every other operation
    // that needs a token refuses, whatever its permission.
    let email = body["email"].as_str().unwrap();
    let token = token_of(&app, email, TEMPORARY).await;
    let document = serde_json::to_value(brigade_server::openapi::document()).unwrap();
    let mut refused = 0;
    for (template, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let open = operation["x-access"] == "public"
                || (method == "get" && template == "/api/v1/me")
                || (method == "post" && template == "/api/v1/me/password");
            if open {
                continue;
            }
            let path = template
                .replace("{id}", member["id"].as_str().unwrap())
                .replace("{role}", "waiter")
                .replace("{format}", "svg")
                .replace("{restaurant_id}", &owner.restaurant_id.to_string());
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            assert_problem(
                app.send_with(method, &path, &token, &json!({ "name": "Léa" }))
                    .await,
                StatusCode::FORBIDDEN,
                "password_change_required",
            )
            .await;
            refused += 1;
        }
    }
    assert!(refused >= 19, "{refused} operations tried");
    let me: Value = app
        .get_with("/api/v1/me", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["password_change_required"], true);
    let changed = app
        .send_with(
            Method::POST,
            "/api/v1/me/password",
            &token,
            &json!({ "current_password": TEMPORARY, "new_password": PASSWORD }),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    let me: Value = app
        .get_with("/api/v1/me", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["password_change_required"], false);
    assert_eq!(
        app.get_with("/api/v1/members", &token).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_email_that_has_an_account_is_409_email_taken() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let elsewhere = app.signup("Da Bruno").await;
    let mut body = new_member("waiter", &[]);
    body["email"] = json!(elsewhere.email.to_uppercase());
    let accounts = app.count("accounts").await;
    assert_problem(
        app.send_with(Method::POST, "/api/v1/members", &owner.access_token, &body)
            .await,
        StatusCode::CONFLICT,
        "email_taken",
    )
    .await;
    assert_eq!(app.count("accounts").await, accounts);
}

#[tokio::test]
async fn an_email_already_on_the_team_is_409_already_member() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let mut body = new_member("waiter", &[]);
    body["email"] = json!(owner.email.to_uppercase());
    let memberships = app.count("memberships").await;
    assert_problem(
        app.send_with(Method::POST, "/api/v1/members", &owner.access_token, &body)
            .await,
        StatusCode::CONFLICT,
        "already_member",
    )
    .await;
    assert_eq!(app.count("memberships").await, memberships);
}

#[tokio::test]
async fn invalid_members_are_422_and_change_nothing() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let other = app.signup("Chez Bruno").await;
    let foreign = create_role(&app, &other.access_token, "Barman", &[]).await;
    let accounts = app.count("accounts").await;
    let cases = [
        (json!({ "email": "nope" }), "email", "invalid_email"),
        (json!({ "role": "owner" }), "role", "not_assignable"),
        (
            json!({ "temporary_password": "short" }),
            "temporary_password",
            "too_short",
        ),
        (
            json!({ "custom_role_ids": [Uuid::new_v4()] }),
            "custom_role_ids",
            "unknown_role",
        ),
        (
            json!({ "custom_role_ids": [foreign] }),
            "custom_role_ids",
            "unknown_role",
        ),
    ];
    for (change, field, code) in cases {
        let mut body = new_member("waiter", &[]);
        for (key, value) in change.as_object().unwrap() {
            body[key] = value.clone();
        }
        let problem = assert_problem(
            app.send_with(Method::POST, "/api/v1/members", &owner.access_token, &body)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        assert_eq!(problem["errors"][0]["code"], code, "{problem}");
    }
    assert_eq!(app.count("accounts").await, accounts);
    assert_eq!(audit_count(&app, "member.created").await, 0);
}

#[tokio::test]
async fn nobody_creates_a_member_with_roles_beyond_their_own() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, manager) = trusted_manager(&app, owner.restaurant_id, &owner.access_token).await;
    let problem = assert_problem(
        app.send_with(
            Method::POST,
            "/api/v1/members",
            &manager,
            &new_member("admin", &[]),
        )
        .await,
        StatusCode::FORBIDDEN,
        "exceeds_own_permissions",
    )
    .await;
    assert_eq!(
        problem["exceeding_permissions"],
        admin_beyond_manager(),
        "{problem}"
    );
    assert!(admin_beyond_manager()
        .as_array()
        .unwrap()
        .contains(&json!("restaurant.edit_settings")));
    let settings = create_role(
        &app,
        &owner.access_token,
        "Office",
        &["restaurant.edit_settings"],
    )
    .await;
    let problem = assert_problem(
        app.send_with(
            Method::POST,
            "/api/v1/members",
            &manager,
            &new_member("waiter", &[settings]),
        )
        .await,
        StatusCode::FORBIDDEN,
        "exceeds_own_permissions",
    )
    .await;
    assert_eq!(
        problem["exceeding_permissions"],
        json!(["restaurant.edit_settings"])
    );
    let created = app
        .send_with(
            Method::POST,
            "/api/v1/members",
            &manager,
            &new_member("waiter", &[]),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_member_is_renamed_and_given_roles() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter_id, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let barman = create_role(&app, &owner.access_token, "Barman", &["inventory.edit"]).await;
    let response = app
        .send_with(
            Method::PATCH,
            &format!("/api/v1/members/{waiter_id}"),
            &owner.access_token,
            &json!({ "name": "Léo Garnier", "role": "chef", "custom_role_ids": [barman] }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let member: Value = response.json().await.unwrap();
    assert_eq!(member["name"], "Léo Garnier");
    assert_eq!(member["role"], "chef");
    assert_eq!(member["roles"][1]["id"], json!(barman));
    let (before, after) = last_audit(&app, "member.updated").await;
    assert_eq!(before["role"], "waiter");
    assert_eq!(after["role"], "chef");
    assert_eq!(before["name"], "A waiter");
    assert_eq!(after["custom_role_ids"], json!([barman]));

    // Dropping the custom roles, keeping the rest.
    let member: Value = app
        .send_with(
            Method::PATCH,
            &format!("/api/v1/members/{waiter_id}"),
            &owner.access_token,
            &json!({ "custom_role_ids": [] }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        member["roles"],
        json!([{ "kind": "system", "role": "chef" }])
    );
    assert_eq!(member["name"], "Léo Garnier");
}

#[tokio::test]
async fn renaming_needs_staff_edit_and_roles_need_staff_assign_roles() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (manager_id, manager) = app.add_member(owner.restaurant_id, "manager").await;
    let (waiter_id, _) = app.add_member(owner.restaurant_id, "waiter").await;
    grant(&app, &owner.access_token, manager_id, &["staff.edit"]).await;
    let path = format!("/api/v1/members/{waiter_id}");
    let renamed = app
        .send_with(Method::PATCH, &path, &manager, &json!({ "name": "Zoé" }))
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let problem = assert_problem(
        app.send_with(Method::PATCH, &path, &manager, &json!({ "role": "chef" }))
            .await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    assert_eq!(problem["missing_permission"], "staff.assign_roles");
}

#[tokio::test]
async fn nobody_assigns_a_role_beyond_their_own_at_update() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, manager) = trusted_manager(&app, owner.restaurant_id, &owner.access_token).await;
    let (waiter_id, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let path = format!("/api/v1/members/{waiter_id}");
    let problem = assert_problem(
        app.send_with(Method::PATCH, &path, &manager, &json!({ "role": "admin" }))
            .await,
        StatusCode::FORBIDDEN,
        "exceeds_own_permissions",
    )
    .await;
    assert_eq!(problem["exceeding_permissions"], admin_beyond_manager());
    let office = create_role(
        &app,
        &owner.access_token,
        "Office",
        &["customers.view", "orders.view_all"],
    )
    .await;
    let problem = assert_problem(
        app.send_with(
            Method::PATCH,
            &path,
            &manager,
            &json!({ "custom_role_ids": [office] }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "exceeds_own_permissions",
    )
    .await;
    assert_eq!(problem["exceeding_permissions"], json!(["customers.view"]));
    let member: Value = app
        .get_with(&path, &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        member["roles"],
        json!([{ "kind": "system", "role": "waiter" }])
    );
    assert_eq!(audit_count(&app, "member.updated").await, 0);
    // Within their own permissions, it works.
    let chef = app
        .send_with(Method::PATCH, &path, &manager, &json!({ "role": "chef" }))
        .await;
    assert_eq!(chef.status(), StatusCode::OK);
}

#[tokio::test]
async fn nobody_acts_on_a_member_more_powerful_than_themselves() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, manager) = trusted_manager(&app, owner.restaurant_id, &owner.access_token).await;
    let (admin_id, admin) = app.add_member(owner.restaurant_id, "admin").await;
    let path = format!("/api/v1/members/{admin_id}");
    let attempts = [
        (Method::PATCH, path.clone(), json!({ "name": "Demoted" })),
        (Method::PATCH, path.clone(), json!({ "role": "waiter" })),
        (Method::POST, format!("{path}/deactivate"), json!({})),
        (Method::DELETE, path.clone(), json!({})),
        (
            Method::PUT,
            format!("{path}/overrides"),
            json!({ "deny": ["orders.view_all"] }),
        ),
    ];
    for (method, url, body) in attempts {
        let problem = assert_problem(
            app.send_with(method.clone(), &url, &manager, &body).await,
            StatusCode::FORBIDDEN,
            "exceeds_own_permissions",
        )
        .await;
        assert_eq!(
            problem["exceeding_permissions"],
            admin_beyond_manager(),
            "{method} {url}"
        );
    }
    assert_eq!(
        app.get_with("/api/v1/me", &admin).await.status(),
        StatusCode::OK
    );
    let member: Value = app
        .get_with(&path, &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(member["role"], "admin");
    assert_eq!(member["active"], true);
}

#[tokio::test]
async fn the_owner_is_never_removed_deactivated_demoted_renamed_or_overridden() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, admin) = app.add_member(owner.restaurant_id, "admin").await;
    let me: Value = app
        .get_with("/api/v1/me", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let owner_id = me["membership_id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/members/{owner_id}");
    let attempts = [
        (Method::PATCH, path.clone(), json!({ "name": "Someone" })),
        (Method::PATCH, path.clone(), json!({ "role": "admin" })),
        (Method::POST, format!("{path}/deactivate"), json!({})),
        (Method::DELETE, path.clone(), json!({})),
        (
            Method::PUT,
            format!("{path}/overrides"),
            json!({ "deny": ["audit.view"] }),
        ),
    ];
    for (method, url, body) in attempts {
        assert_problem(
            app.send_with(method, &url, &admin, &body).await,
            StatusCode::FORBIDDEN,
            "owner_protected",
        )
        .await;
    }
    // Not even by the owner.
    for (method, url, body) in [
        (Method::PATCH, path.clone(), json!({ "role": "admin" })),
        (Method::POST, format!("{path}/deactivate"), json!({})),
        (Method::DELETE, path.clone(), json!({})),
        (
            Method::PUT,
            format!("{path}/overrides"),
            json!({ "deny": ["audit.view"] }),
        ),
    ] {
        assert_problem(
            app.send_with(method, &url, &owner.access_token, &body)
                .await,
            StatusCode::FORBIDDEN,
            "owner_protected",
        )
        .await;
    }
    // Nobody is made owner by an edit.
    let (waiter_id, _) = app.add_member(owner.restaurant_id, "waiter").await;
    assert_problem(
        app.send_with(
            Method::PATCH,
            &format!("/api/v1/members/{waiter_id}"),
            &owner.access_token,
            &json!({ "role": "owner" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    // The owner renames themselves.
    let renamed = app
        .send_with(
            Method::PATCH,
            &path,
            &owner.access_token,
            &json!({ "name": "Ana Duval-Rossi" }),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    assert_eq!(
        app.permissions_of(&owner.access_token).await.len(),
        brigade_domain::permissions::PermissionSet::all().len()
    );
}

#[tokio::test]
async fn a_deactivated_member_is_signed_out_at_once_and_cannot_log_in() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter_id, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let member: Value = app
        .get_with(&format!("/api/v1/members/{waiter_id}"), &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let email = member["email"].as_str().unwrap().to_owned();
    let response = app
        .send_with(
            Method::POST,
            &format!("/api/v1/members/{waiter_id}/deactivate"),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let member: Value = response.json().await.unwrap();
    assert_eq!(member["active"], false);
    assert_problem(
        app.get_with("/api/v1/me", &waiter).await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
    assert_problem(
        app.login(&email, PASSWORD).await,
        StatusCode::FORBIDDEN,
        "not_a_member",
    )
    .await;
    let (before, after) = last_audit(&app, "member.deactivated").await;
    assert_eq!(before["active"], true);
    assert_eq!(after["active"], false);
    assert_eq!(after["sessions_ended"], 1);

    let response = app
        .send_with(
            Method::POST,
            &format!("/api/v1/members/{waiter_id}/reactivate"),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.login(&email, PASSWORD).await.status(), StatusCode::OK);
    assert_eq!(audit_count(&app, "member.reactivated").await, 1);
}

#[tokio::test]
async fn nobody_reactivates_a_member_more_powerful_than_themselves() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, manager) = trusted_manager(&app, owner.restaurant_id, &owner.access_token).await;
    let (admin_id, _) = app.add_member(owner.restaurant_id, "admin").await;
    let path = format!("/api/v1/members/{admin_id}");
    let deactivated = app
        .send_with(
            Method::POST,
            &format!("{path}/deactivate"),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(deactivated.status(), StatusCode::OK);
    let problem = assert_problem(
        app.send_with(
            Method::POST,
            &format!("{path}/reactivate"),
            &manager,
            &json!({}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "exceeds_own_permissions",
    )
    .await;
    assert_eq!(problem["exceeding_permissions"], admin_beyond_manager());
    let admin: Value = app
        .get_with(&path, &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(admin["active"], false);
    assert_eq!(audit_count(&app, "member.reactivated").await, 0);
}

#[tokio::test]
async fn a_removed_member_leaves_the_restaurant_but_keeps_the_account() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter_id, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let barman = create_role(&app, &owner.access_token, "Barman", &[]).await;
    let path = format!("/api/v1/members/{waiter_id}");
    let held = app
        .send_with(
            Method::PATCH,
            &path,
            &owner.access_token,
            &json!({ "custom_role_ids": [barman] }),
        )
        .await;
    assert_eq!(held.status(), StatusCode::OK);
    let accounts = app.count("accounts").await;
    let response = app
        .send_with(Method::DELETE, &path, &owner.access_token, &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_problem(
        app.get_with(&path, &owner.access_token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_problem(
        app.get_with("/api/v1/me", &waiter).await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
    assert_eq!(app.count("accounts").await, accounts);
    assert_eq!(app.count("membership_roles").await, 0);
    let (before, _) = last_audit(&app, "member.removed").await;
    assert_eq!(before["member"]["role"], "waiter");
}

#[tokio::test]
async fn members_of_another_restaurant_are_404() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let other = app.signup("Chez Bruno").await;
    let (foreign, _) = app.add_member(other.restaurant_id, "waiter").await;
    let path = format!("/api/v1/members/{foreign}");
    let attempts = [
        (Method::PATCH, path.clone(), json!({ "name": "Mine" })),
        (Method::POST, format!("{path}/deactivate"), json!({})),
        (Method::POST, format!("{path}/reactivate"), json!({})),
        (Method::DELETE, path.clone(), json!({})),
        (Method::GET, format!("{path}/permissions"), json!({})),
        (
            Method::PUT,
            format!("{path}/overrides"),
            json!({ "grant": [] }),
        ),
    ];
    for (method, url, body) in attempts {
        assert_problem(
            app.send_with(method, &url, &owner.access_token, &body)
                .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    let member: Value = app
        .get_with(&path, &other.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(member["active"], true);
    assert_eq!(member["name"], "A waiter");
}

#[tokio::test]
async fn the_explanation_names_the_level_that_decided_each_code() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter_id, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let barman = create_role(&app, &owner.access_token, "Barman", &["inventory.edit"]).await;
    app.send_with(
        Method::PATCH,
        &format!("/api/v1/members/{waiter_id}"),
        &owner.access_token,
        &json!({ "custom_role_ids": [barman] }),
    )
    .await;
    let response = app
        .send_with(
            Method::PUT,
            &format!("/api/v1/members/{waiter_id}/overrides"),
            &owner.access_token,
            &json!({ "grant": ["audit.view"], "deny": ["orders.create"] }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let explained: Value = app
        .get_with(
            &format!("/api/v1/members/{waiter_id}/permissions"),
            &owner.access_token,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(explained["member_id"], json!(waiter_id));
    let decision = |code: &str| {
        explained["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        decision("audit.view"),
        json!({
            "code": "audit.view",
            "granted": true,
            "decided_by": { "level": "personal_override" },
            "personal_override": true,
            "inherited": { "granted": false, "decided_by": { "level": "no_role_grants" } },
        })
    );
    assert_eq!(decision("orders.create")["granted"], false);
    assert_eq!(decision("orders.create")["personal_override"], false);
    // What the roles alone give, for an app to show when the override is dropped.
    assert_eq!(
        decision("orders.create")["inherited"],
        json!({ "granted": true, "decided_by": { "level": "system_role_default", "role": "waiter" } })
    );
    assert_eq!(
        decision("inventory.edit")["decided_by"],
        json!({ "level": "custom_role", "name": "Barman" })
    );
    assert_eq!(
        decision("tables.view")["decided_by"],
        json!({ "level": "system_role_default", "role": "waiter" })
    );
    assert_eq!(
        decision("restaurant.edit_settings")["decided_by"],
        json!({ "level": "no_role_grants" })
    );
    assert_eq!(
        explained["permissions"].as_array().unwrap().len(),
        brigade_domain::permissions::PermissionSet::all().len()
    );
    let (before, after) = last_audit(&app, "member.overrides_changed").await;
    assert_eq!(before, json!({}));
    assert_eq!(after, json!({ "audit.view": true, "orders.create": false }));
}

#[tokio::test]
async fn a_personal_override_applies_on_the_members_next_request() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter_id, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    assert_eq!(
        app.get_with("/api/v1/members", &waiter).await.status(),
        StatusCode::FORBIDDEN
    );
    grant(&app, &owner.access_token, waiter_id, &["staff.view"]).await;
    assert_eq!(
        app.get_with("/api/v1/members", &waiter).await.status(),
        StatusCode::OK
    );
    let response = app
        .send_with(
            Method::PUT,
            &format!("/api/v1/members/{waiter_id}/overrides"),
            &owner.access_token,
            &json!({ "deny": ["staff.view"] }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.get_with("/api/v1/members", &waiter).await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn nobody_grants_an_override_they_do_not_hold_but_anyone_allowed_may_deny() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, manager) = trusted_manager(&app, owner.restaurant_id, &owner.access_token).await;
    let (waiter_id, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let path = format!("/api/v1/members/{waiter_id}/overrides");
    let problem = assert_problem(
        app.send_with(
            Method::PUT,
            &path,
            &manager,
            &json!({ "grant": ["restaurant.edit_settings", "orders.view_all"] }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "exceeds_own_permissions",
    )
    .await;
    assert_eq!(
        problem["exceeding_permissions"],
        json!(["restaurant.edit_settings"])
    );
    assert!(!app
        .permissions_of(&waiter)
        .await
        .contains(&"restaurant.edit_settings".to_owned()));
    let denied = app
        .send_with(
            Method::PUT,
            &path,
            &manager,
            &json!({ "deny": ["tables.view"] }),
        )
        .await;
    assert_eq!(denied.status(), StatusCode::OK);
    assert!(!app
        .permissions_of(&waiter)
        .await
        .contains(&"tables.view".to_owned()));
    let problem = assert_problem(
        app.send_with(
            Method::PUT,
            &path,
            &manager,
            &json!({ "grant": ["tables.view"], "deny": ["tables.view"] }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "conflict");
}

#[tokio::test]
async fn the_owner_hands_the_restaurant_to_an_admin() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (admin_id, admin) = app.add_member(owner.restaurant_id, "admin").await;
    let (waiter_id, _) = app.add_member(owner.restaurant_id, "waiter").await;
    assert_problem(
        app.send_with(
            Method::POST,
            "/api/v1/ownership/transfer",
            &admin,
            &json!({ "member_id": admin_id }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "owner_only",
    )
    .await;
    for target in [waiter_id, Uuid::new_v4()] {
        let problem = assert_problem(
            app.send_with(
                Method::POST,
                "/api/v1/ownership/transfer",
                &owner.access_token,
                &json!({ "member_id": target }),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["code"], "not_an_admin");
    }
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/ownership/transfer",
            &owner.access_token,
            &json!({ "member_id": admin_id }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let new_owner: Value = response.json().await.unwrap();
    assert_eq!(new_owner["role"], "owner");
    let me: Value = app
        .get_with("/api/v1/me", &admin)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "owner");
    let me: Value = app
        .get_with("/api/v1/me", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "admin");
    // The former owner is now an ordinary admin.
    assert_problem(
        app.send_with(
            Method::POST,
            "/api/v1/ownership/transfer",
            &owner.access_token,
            &json!({ "member_id": admin_id }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "owner_only",
    )
    .await;
    let (before, after) = last_audit(&app, "ownership.transferred").await;
    assert_eq!(after["owner"], json!(admin_id));
    assert_ne!(before["owner"], json!(admin_id));
}

#[tokio::test]
async fn renaming_a_member_renames_them_in_that_restaurant_only() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    let (paolo, paolo_token) = app.add_member(ana.restaurant_id, "chef").await;
    let member: Value = app
        .get_with(&format!("/api/v1/members/{paolo}"), &ana.access_token)
        .await
        .json()
        .await
        .unwrap();
    let account_id: Uuid = member["account_id"].as_str().unwrap().parse().unwrap();
    let own_name = member["name"].as_str().unwrap().to_owned();
    let at_bruno = app
        .join(account_id, bruno.restaurant_id, "waiter", true)
        .await;
    let renamed = app
        .send_with(
            Method::PATCH,
            &format!("/api/v1/members/{paolo}"),
            &ana.access_token,
            &json!({ "name": "Chef Paolo" }),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let renamed: Value = renamed.json().await.unwrap();
    assert_eq!(renamed["name"], "Chef Paolo");
    // Da Bruno still shows the person's own name, and so does their account.
    let there: Value = app
        .get_with(&format!("/api/v1/members/{at_bruno}"), &bruno.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(there["name"], own_name.as_str());
    let me: Value = app
        .get_with("/api/v1/me", &paolo_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["account"]["name"], own_name.as_str());
    let (before, after) = last_audit(&app, "member.updated").await;
    assert_eq!(
        (before["name"].clone(), after["name"].clone()),
        (json!(own_name), json!("Chef Paolo"))
    );
}

#[tokio::test]
async fn an_account_created_for_an_email_is_unproven_and_joins_no_other_restaurant() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    let body = new_member("waiter", &[]);
    let created = app
        .send_with(Method::POST, "/api/v1/members", &ana.access_token, &body)
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["email_verified"], false);
    let memberships = app.count("memberships").await;
    let again = app
        .send_with(Method::POST, "/api/v1/members", &bruno.access_token, &body)
        .await;
    assert_problem(again, StatusCode::CONFLICT, "email_taken").await;
    assert_eq!(app.count("memberships").await, memberships);
    assert_eq!(app.count("accounts WHERE email_verified").await, 0);
}

#[tokio::test]
async fn the_database_refuses_a_second_owner_in_a_restaurant() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (admin_id, _) = app.add_member(owner.restaurant_id, "admin").await;
    let promoted = app
        .execute(
            "UPDATE memberships SET role = 'owner' WHERE id = $1",
            vec![admin_id.into()],
        )
        .await;
    assert!(
        promoted.is_err(),
        "a second owner was written: {promoted:?}"
    );
    assert_eq!(app.count("memberships WHERE role = 'owner'").await, 1);
}

#[tokio::test]
async fn two_transfers_sent_at_once_to_two_replicas_leave_one_owner() {
    let app = spawn_app().await;
    let replica = app.spawn_replica().await;
    for round in 0..3 {
        let owner = app.signup(&format!("Chez Ana {round}")).await;
        let (first, _) = app.add_member(owner.restaurant_id, "admin").await;
        let (second, _) = app.add_member(owner.restaurant_id, "admin").await;
        let transfers: Vec<_> = [(app.address.clone(), first), (replica.clone(), second)]
            .into_iter()
            .map(|(base, admin)| {
                let request = app
                    .client
                    .post(format!("{base}/api/v1/ownership/transfer"))
                    .bearer_auth(&owner.access_token)
                    .json(&json!({ "member_id": admin }));
                tokio::spawn(async move { request.send().await.unwrap().status() })
            })
            .collect();
        let mut statuses = Vec::new();
        for transfer in transfers {
            statuses.push(transfer.await.unwrap());
        }
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::FORBIDDEN],
            "{statuses:?}"
        );
        // One owner for each restaurant signed up so far.
        let owners = app.count("memberships WHERE role = 'owner'").await;
        assert_eq!(owners, app.count("restaurants").await);
    }
}

#[tokio::test]
async fn a_team_change_never_commits_without_its_audit_entry() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter_id, _) = app.add_member(owner.restaurant_id, "waiter").await;
    app.refuse_audit_writes().await;
    let accounts = app.count("accounts").await;
    assert_problem(
        app.send_with(
            Method::POST,
            "/api/v1/members",
            &owner.access_token,
            &new_member("waiter", &[]),
        )
        .await,
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
    )
    .await;
    assert_eq!(app.count("accounts").await, accounts);
    assert_problem(
        app.send_with(
            Method::POST,
            &format!("/api/v1/members/{waiter_id}/deactivate"),
            &owner.access_token,
            &json!({}),
        )
        .await,
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
    )
    .await;
    assert_eq!(app.count("memberships WHERE active = false").await, 0);
    assert_problem(
        app.send_with(
            Method::POST,
            "/api/v1/roles",
            &owner.access_token,
            &json!({ "name": "Barman", "color": "#2f855a", "permissions": [] }),
        )
        .await,
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
    )
    .await;
    assert_eq!(app.count("custom_roles").await, 0);
}

#[tokio::test]
async fn a_deactivated_members_refresh_token_no_longer_works() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter_id, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let member: Value = app
        .get_with(&format!("/api/v1/members/{waiter_id}"), &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let tokens: Value = app
        .login(member["email"].as_str().unwrap(), PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    app.send_with(
        Method::POST,
        &format!("/api/v1/members/{waiter_id}/deactivate"),
        &owner.access_token,
        &json!({}),
    )
    .await;
    assert_problem(
        app.post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": tokens["refresh_token"] }),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;
}

#[tokio::test]
async fn lifting_a_deny_cannot_give_back_a_code_the_editor_lacks() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, manager) = trusted_manager(&app, owner.restaurant_id, &owner.access_token).await;
    let (waiter_id, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let host = create_role(&app, &owner.access_token, "Host", &["customers.view"]).await;
    app.send_with(
        Method::PATCH,
        &format!("/api/v1/members/{waiter_id}"),
        &owner.access_token,
        &json!({ "custom_role_ids": [host] }),
    )
    .await;
    let path = format!("/api/v1/members/{waiter_id}/overrides");
    let denied = app
        .send_with(
            Method::PUT,
            &path,
            &owner.access_token,
            &json!({ "deny": ["customers.view"] }),
        )
        .await;
    assert_eq!(denied.status(), StatusCode::OK);
    let problem = assert_problem(
        app.send_with(Method::PUT, &path, &manager, &json!({}))
            .await,
        StatusCode::FORBIDDEN,
        "exceeds_own_permissions",
    )
    .await;
    assert_eq!(problem["exceeding_permissions"], json!(["customers.view"]));
    assert!(!app
        .permissions_of(&waiter)
        .await
        .contains(&"customers.view".to_owned()));
}

#[tokio::test]
async fn deactivation_ends_the_sessions_in_that_restaurant_only() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Chez Bruno").await;
    // Bruno also works at Ana's, as a waiter.
    let membership_id = app
        .join(bruno.account_id, ana.restaurant_id, "waiter", true)
        .await;
    let response = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": bruno.email, "password": PASSWORD, "restaurant_id": ana.restaurant_id }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let at_ana: Value = response.json().await.unwrap();
    let at_ana = at_ana["access_token"].as_str().unwrap();
    let response = app
        .send_with(
            Method::POST,
            &format!("/api/v1/members/{membership_id}/deactivate"),
            &ana.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.get_with("/api/v1/me", at_ana).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // His own restaurant is untouched.
    let me: Value = app
        .get_with("/api/v1/me", &bruno.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "owner");
    assert_eq!(me["active_restaurant_id"], json!(bruno.restaurant_id));
}

/// Changing overrides without `staff.view_permissions` saves them and answers `204`:
/// the explanation of the member's permissions is not the caller's to read.
#[tokio::test]
async fn overrides_set_without_the_right_to_read_permissions_answer_without_them() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (manager_id, manager) = app.add_member(owner.restaurant_id, "manager").await;
    let (waiter_id, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let response = app
        .send_with(
            Method::PUT,
            &format!("/api/v1/members/{manager_id}/overrides"),
            &owner.access_token,
            &json!({ "grant": ["staff.manage_roles"], "deny": ["staff.view_permissions"] }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let path = format!("/api/v1/members/{waiter_id}/overrides");
    for body in [
        json!({ "grant": [], "deny": [] }),
        json!({ "grant": ["orders.view_all"], "deny": [] }),
    ] {
        let response = app.send_with(Method::PUT, &path, &manager, &body).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        assert_eq!(response.text().await.unwrap(), "");
    }
    let (_, after) = last_audit(&app, "member.overrides_changed").await;
    assert_eq!(after, json!({ "orders.view_all": true }));
}

/// Every body is a JSON object: an array, which serde would read field by field, is
/// refused and changes nothing.
#[tokio::test]
async fn an_array_body_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter_id, _) = app.add_member(owner.restaurant_id, "waiter").await;
    grant(&app, &owner.access_token, waiter_id, &["audit.view"]).await;
    let response = app
        .send_with(
            Method::PUT,
            &format!("/api/v1/members/{waiter_id}/overrides"),
            &owner.access_token,
            &json!([]),
        )
        .await;
    assert_problem(response, StatusCode::BAD_REQUEST, "malformed_body").await;
    let response = app
        .send_with(
            Method::PUT,
            "/api/v1/roles/system/waiter",
            &owner.access_token,
            &json!([["audit.view"]]),
        )
        .await;
    assert_problem(response, StatusCode::BAD_REQUEST, "malformed_body").await;
    let audit = app
        .decision(waiter_id, &owner.access_token, "audit.view")
        .await;
    assert_eq!(audit["personal_override"], true);
    assert_eq!(app.count("role_overrides").await, 0);
}
