//! The roles endpoints: custom roles (create, replace, delete with reassignment) and
//! the owner's matrix of system roles (only the difference from the defaults stored,
//! restore defaults), with their limits: nobody grants what they do not hold, the
//! owner role never changes, and a change applies on the next request.

use crate::helpers::{assert_problem, spawn_app, TestApp};
use brigade_domain::permissions::SystemRole;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

fn role_body(name: &str, codes: &[&str]) -> Value {
    json!({
        "name": name,
        "description": "Serves drinks",
        "color": "#2F855A",
        "permissions": codes,
    })
}

async fn create_role(app: &TestApp, token: &str, name: &str, codes: &[&str]) -> Value {
    let response = app
        .send_with(
            Method::POST,
            "/api/v1/roles",
            token,
            &role_body(name, codes),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn roles(app: &TestApp, token: &str) -> Value {
    app.get_with("/api/v1/roles", token)
        .await
        .json()
        .await
        .unwrap()
}

fn system<'a>(roles: &'a Value, role: &str) -> &'a Value {
    roles["system"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == role)
        .unwrap()
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    app.count(&format!("audit_log WHERE action = '{action}'"))
        .await
}

/// A manager the owner allowed to manage roles (a personal grant).
async fn role_manager(app: &TestApp, restaurant: Uuid, owner: &str) -> String {
    let (id, token) = app.add_member(restaurant, "manager").await;
    let response = app
        .send_with(
            Method::PUT,
            &format!("/api/v1/members/{id}/overrides"),
            owner,
            &json!({ "grant": ["staff.manage_roles"] }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    token
}

async fn hold(app: &TestApp, owner: &str, member: Uuid, roles: &[&Value]) {
    let ids: Vec<&Value> = roles.iter().map(|r| &r["id"]).collect();
    let response = app
        .send_with(
            Method::PATCH,
            &format!("/api/v1/members/{member}"),
            owner,
            &json!({ "custom_role_ids": ids }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_custom_role_is_created_replaced_and_listed() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let role = create_role(
        &app,
        &owner.access_token,
        "Barman",
        &["inventory.edit", "orders.create"],
    )
    .await;
    assert_eq!(role["name"], "Barman");
    assert_eq!(role["color"], "#2f855a");
    assert_eq!(
        role["permissions"],
        json!(["orders.create", "inventory.edit"])
    );
    assert_eq!(role["member_count"], 0);
    let (waiter_id, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    hold(&app, &owner.access_token, waiter_id, &[&role]).await;
    assert!(app
        .permissions_of(&waiter)
        .await
        .contains(&"inventory.edit".to_owned()));

    let id = role["id"].as_str().unwrap();
    let response = app
        .send_with(
            Method::PUT,
            &format!("/api/v1/roles/{id}"),
            &owner.access_token,
            &role_body("Bar", &["orders.create"]),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let replaced: Value = response.json().await.unwrap();
    assert_eq!(replaced["name"], "Bar");
    assert_eq!(replaced["member_count"], 1);
    // The holder loses the code on their next request.
    assert!(!app
        .permissions_of(&waiter)
        .await
        .contains(&"inventory.edit".to_owned()));
    let listed = roles(&app, &owner.access_token).await;
    assert_eq!(listed["custom"][0], replaced);
    assert_eq!(audit_count(&app, "role.created").await, 1);
    let before_after = app
        .count(
            "audit_log WHERE action = 'role.updated' AND before IS NOT NULL AND after IS NOT NULL",
        )
        .await;
    assert_eq!(before_after, 1);
}

/// Sends a role named `name` (POST to `/api/v1/roles`, PUT to one role) and expects
/// `409 role_name_taken`.
async fn assert_name_taken(app: &TestApp, token: &str, method: Method, path: &str, name: &str) {
    assert_problem(
        app.send_with(method, path, token, &role_body(name, &[]))
            .await,
        StatusCode::CONFLICT,
        "role_name_taken",
    )
    .await;
}

#[tokio::test]
async fn role_names_are_unique_in_a_restaurant_ignoring_case() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let other = app.signup("Chez Bruno").await;
    create_role(&app, &owner.access_token, "Barman", &[]).await;
    let second = create_role(&app, &owner.access_token, "Host", &[]).await;
    create_role(&app, &other.access_token, "barman", &[]).await;
    let token = &owner.access_token;
    assert_name_taken(&app, token, Method::POST, "/api/v1/roles", " BARMAN ").await;
    let path = format!("/api/v1/roles/{}", second["id"].as_str().unwrap());
    assert_name_taken(&app, token, Method::PUT, &path, "barMan").await;
    assert_eq!(app.count("custom_roles").await, 3);
}

#[tokio::test]
async fn a_custom_role_cannot_take_a_system_roles_name_in_any_language() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let host = create_role(&app, &owner.access_token, "Host", &[]).await;
    let token = &owner.access_token;
    for name in [
        "Owner",
        "propriétaire",
        " Proprietario ",
        "CHEF",
        "cameriere",
    ] {
        assert_name_taken(&app, token, Method::POST, "/api/v1/roles", name).await;
    }
    let path = format!("/api/v1/roles/{}", host["id"].as_str().unwrap());
    assert_name_taken(&app, token, Method::PUT, &path, "Admin").await;
    assert_eq!(app.count("custom_roles").await, 1);
}

#[tokio::test]
async fn invalid_roles_are_422_and_change_nothing() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let cases = [
        (json!({ "name": "  " }), "name", "required"),
        (json!({ "color": "green" }), "color", "invalid_color"),
        (
            json!({ "permissions": ["orders.fly"] }),
            "permissions",
            "unknown_permission",
        ),
    ];
    for (change, field, code) in cases {
        let mut body = role_body("Barman", &[]);
        for (key, value) in change.as_object().unwrap() {
            body[key] = value.clone();
        }
        let problem = assert_problem(
            app.send_with(Method::POST, "/api/v1/roles", &owner.access_token, &body)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        assert_eq!(problem["errors"][0]["code"], code, "{problem}");
    }
    assert_eq!(app.count("custom_roles").await, 0);
    assert_eq!(audit_count(&app, "role.created").await, 0);
}

#[tokio::test]
async fn roles_of_another_restaurant_are_404() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let other = app.signup("Chez Bruno").await;
    let foreign = create_role(&app, &other.access_token, "Barman", &[]).await;
    let path = format!("/api/v1/roles/{}", foreign["id"].as_str().unwrap());
    assert_problem(
        app.send_with(
            Method::PUT,
            &path,
            &owner.access_token,
            &role_body("Mine", &[]),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_problem(
        app.send_with(Method::DELETE, &path, &owner.access_token, &json!({}))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(
        roles(&app, &other.access_token).await["custom"][0]["name"],
        "Barman"
    );
}

#[tokio::test]
async fn nobody_puts_codes_they_do_not_hold_in_a_custom_role() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let manager = role_manager(&app, owner.restaurant_id, &owner.access_token).await;
    let problem = assert_problem(
        app.send_with(
            Method::POST,
            "/api/v1/roles",
            &manager,
            &role_body("Office", &["orders.view_all", "restaurant.edit_settings"]),
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
    assert_eq!(app.count("custom_roles").await, 0);

    // Editing: adding a code they lack is refused; a role the owner made with such a
    // code may still lose codes.
    let own = create_role(&app, &manager, "Floor", &["orders.view_all"]).await;
    let problem = assert_problem(
        app.send_with(
            Method::PUT,
            &format!("/api/v1/roles/{}", own["id"].as_str().unwrap()),
            &manager,
            &role_body("Floor", &["orders.view_all", "customers.view"]),
        )
        .await,
        StatusCode::FORBIDDEN,
        "exceeds_own_permissions",
    )
    .await;
    assert_eq!(problem["exceeding_permissions"], json!(["customers.view"]));
    let office = create_role(
        &app,
        &owner.access_token,
        "Office",
        &["orders.view_all", "restaurant.edit_settings"],
    )
    .await;
    let narrowed = app
        .send_with(
            Method::PUT,
            &format!("/api/v1/roles/{}", office["id"].as_str().unwrap()),
            &manager,
            &role_body("Office", &["restaurant.edit_settings"]),
        )
        .await;
    assert_eq!(narrowed.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_role_members_hold_is_deleted_only_with_a_replacement() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let barman = create_role(&app, &owner.access_token, "Barman", &["inventory.edit"]).await;
    let host = create_role(&app, &owner.access_token, "Host", &["reservations.view"]).await;
    let (first, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let (second, _) = app.add_member(owner.restaurant_id, "waiter").await;
    hold(&app, &owner.access_token, first, &[&barman]).await;
    hold(&app, &owner.access_token, second, &[&barman, &host]).await;
    let path = format!("/api/v1/roles/{}", barman["id"].as_str().unwrap());
    let problem = assert_problem(
        app.send_with(Method::DELETE, &path, &owner.access_token, &json!({}))
            .await,
        StatusCode::CONFLICT,
        "role_in_use",
    )
    .await;
    assert!(problem["detail"].as_str().unwrap().starts_with("2 member"));
    for bad in [
        "owner",
        "nobody",
        "",
        "%20waiter",
        path.rsplit('/').next().unwrap(),
    ] {
        assert_problem(
            app.send_with(
                Method::DELETE,
                &format!("{path}?reassign_to={bad}"),
                &owner.access_token,
                &json!({}),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
    }
    assert_eq!(app.count("custom_roles").await, 2);
    let response = app
        .send_with(
            Method::DELETE,
            &format!("{path}?reassign_to={}", host["id"].as_str().unwrap()),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    for member in [first, second] {
        let body: Value = app
            .get_with(&format!("/api/v1/members/{member}"), &owner.access_token)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            body["roles"],
            json!([
                { "kind": "system", "role": "waiter" },
                { "kind": "custom", "id": host["id"], "name": "Host", "color": "#2f855a" },
            ])
        );
    }
    assert_eq!(audit_count(&app, "role.deleted").await, 1);

    // To a system role: held as an extra role.
    let response = app
        .send_with(
            Method::DELETE,
            &format!(
                "/api/v1/roles/{}?reassign_to=cashier",
                host["id"].as_str().unwrap()
            ),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let body: Value = app
        .get_with(&format!("/api/v1/members/{first}"), &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        body["roles"],
        json!([{ "kind": "system", "role": "waiter" }, { "kind": "system", "role": "cashier" }])
    );
    // A role nobody holds goes without a replacement.
    let unused = create_role(&app, &owner.access_token, "Unused", &[]).await;
    let response = app
        .send_with(
            Method::DELETE,
            &format!("/api/v1/roles/{}", unused["id"].as_str().unwrap()),
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn nobody_moves_holders_to_a_role_beyond_their_own() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let manager = role_manager(&app, owner.restaurant_id, &owner.access_token).await;
    let barman = create_role(&app, &owner.access_token, "Barman", &["orders.view_all"]).await;
    let (waiter, _) = app.add_member(owner.restaurant_id, "waiter").await;
    hold(&app, &owner.access_token, waiter, &[&barman]).await;
    let problem = assert_problem(
        app.send_with(
            Method::DELETE,
            &format!(
                "/api/v1/roles/{}?reassign_to=admin",
                barman["id"].as_str().unwrap()
            ),
            &manager,
            &json!({}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "exceeds_own_permissions",
    )
    .await;
    let manager_holds = SystemRole::Manager
        .default_permissions()
        .with(brigade_domain::permissions::code::STAFF_MANAGE_ROLES);
    assert_eq!(
        problem["exceeding_permissions"],
        json!(SystemRole::Admin
            .default_permissions()
            .difference(manager_holds)
            .codes())
    );
    assert_eq!(app.count("custom_roles").await, 1);
}

const SHARED_CODES: [&str; 2] = ["orders.view_all", "inventory.edit"];

/// A restaurant where a member with primary role `holder` also holds the custom role
/// "Shared" (`SHARED_CODES`), and a manager may manage roles. Returns the owner's
/// token, the manager's, the holder's and the role's path.
async fn shared_role_held_by(app: &TestApp, holder: &str) -> (String, String, String, String) {
    let owner = app.signup("Chez Ana").await;
    let manager = role_manager(app, owner.restaurant_id, &owner.access_token).await;
    let shared = create_role(app, &owner.access_token, "Shared", &SHARED_CODES).await;
    let (member, member_token) = app.add_member(owner.restaurant_id, holder).await;
    hold(app, &owner.access_token, member, &[&shared]).await;
    let path = format!("/api/v1/roles/{}", shared["id"].as_str().unwrap());
    (owner.access_token, manager, member_token, path)
}

/// `PUT` of the role at `path` with `codes`, by `token`.
async fn replace_codes(
    app: &TestApp,
    token: &str,
    path: &str,
    name: &str,
    codes: &[&str],
) -> Response {
    app.send_with(Method::PUT, path, token, &role_body(name, codes))
        .await
}

async fn delete_to_waiter(app: &TestApp, token: &str, path: &str) -> Response {
    let path = format!("{path}?reassign_to=waiter");
    app.send_with(Method::DELETE, &path, token, &json!({}))
        .await
}

#[tokio::test]
async fn nobody_weakens_a_stronger_member_through_a_role_they_hold() {
    let app = spawn_app().await;
    let (owner, manager, admin, path) = shared_role_held_by(&app, "admin").await;
    // Stripping a code, or deleting the role, would weaken the admin: refused.
    let stripped = replace_codes(&app, &manager, &path, "Shared", &SHARED_CODES[..1]).await;
    assert_problem(stripped, StatusCode::FORBIDDEN, "exceeds_own_permissions").await;
    let deleted = delete_to_waiter(&app, &manager, &path).await;
    assert_problem(deleted, StatusCode::FORBIDDEN, "exceeds_own_permissions").await;
    assert!(app
        .permissions_of(&admin)
        .await
        .contains(&"inventory.edit".to_owned()));
    // Renaming changes nobody's permissions; the owner may do all of it.
    let renamed = replace_codes(&app, &manager, &path, "Shared role", &SHARED_CODES).await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let stripped = replace_codes(&app, &owner, &path, "Shared", &SHARED_CODES[..1]).await;
    assert_eq!(stripped.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_role_held_only_by_weaker_members_is_edited_by_a_role_manager() {
    let app = spawn_app().await;
    let (_, manager, _, path) = shared_role_held_by(&app, "waiter").await;
    let stripped = replace_codes(&app, &manager, &path, "Shared", &SHARED_CODES[..1]).await;
    assert_eq!(stripped.status(), StatusCode::OK);
    let deleted = delete_to_waiter(&app, &manager, &path).await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn the_owner_edits_the_matrix_and_the_change_applies_on_the_next_request() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let defaults = SystemRole::Waiter.default_permissions();
    assert!(defaults.codes().contains(&"tables.view"));
    let mut wanted: Vec<&str> = defaults
        .codes()
        .into_iter()
        .filter(|code| *code != "tables.view")
        .collect();
    wanted.push("audit.view");
    let response = app
        .send_with(
            Method::PUT,
            "/api/v1/roles/system/waiter",
            &owner.access_token,
            &json!({ "permissions": wanted }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let info: Value = response.json().await.unwrap();
    assert_eq!(info["role"], "waiter");
    assert_eq!(info["default_permissions"], json!(defaults.codes()));
    let granted: Vec<String> = app.permissions_of(&waiter).await;
    assert!(granted.contains(&"audit.view".to_owned()));
    assert!(!granted.contains(&"tables.view".to_owned()));
    assert_eq!(
        app.get_with("/api/v1/audit", &waiter).await.status(),
        StatusCode::OK
    );
    // Only the difference is stored.
    use brigade_server::entities::role_override;
    use sea_orm::EntityTrait;
    let rows = role_override::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].permissions,
        json!({ "audit.view": true, "tables.view": false })
    );
    let listed = roles(&app, &owner.access_token).await;
    assert_eq!(
        system(&listed, "waiter")["permissions"],
        info["permissions"]
    );
    assert_eq!(system(&listed, "waiter")["member_count"], 1);
    assert_eq!(audit_count(&app, "role_override.changed").await, 1);

    // Restore defaults.
    let response = app
        .send_with(
            Method::DELETE,
            "/api/v1/roles/system/waiter",
            &owner.access_token,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let info: Value = response.json().await.unwrap();
    assert_eq!(info["permissions"], json!(defaults.codes()));
    assert_eq!(app.count("role_overrides").await, 0);
    assert_eq!(app.permissions_of(&waiter).await, defaults.codes());
    assert_problem(
        app.get_with("/api/v1/audit", &waiter).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;
    assert_eq!(audit_count(&app, "role_override.reset").await, 1);

    // Setting exactly the defaults stores nothing.
    let response = app
        .send_with(
            Method::PUT,
            "/api/v1/roles/system/waiter",
            &owner.access_token,
            &json!({ "permissions": defaults.codes() }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.count("role_overrides").await, 0);
}

#[tokio::test]
async fn only_the_owner_edits_the_matrix_and_never_the_owner_row() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (_, admin) = app.add_member(owner.restaurant_id, "admin").await;
    // An admin holds every code but is not the owner: the matrix is the owner's, so no
    // admin can widen a role past what the owner decided.
    for method in [Method::PUT, Method::DELETE] {
        assert_problem(
            app.send_with(
                method,
                "/api/v1/roles/system/waiter",
                &admin,
                &json!({ "permissions": ["audit.view"] }),
            )
            .await,
            StatusCode::FORBIDDEN,
            "owner_only",
        )
        .await;
    }
    for method in [Method::PUT, Method::DELETE] {
        assert_problem(
            app.send_with(
                method,
                "/api/v1/roles/system/owner",
                &owner.access_token,
                &json!({ "permissions": [] }),
            )
            .await,
            StatusCode::FORBIDDEN,
            "owner_protected",
        )
        .await;
    }
    assert_problem(
        app.send_with(
            Method::PUT,
            "/api/v1/roles/system/sommelier",
            &owner.access_token,
            &json!({ "permissions": [] }),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
    )
    .await;
    let problem = assert_problem(
        app.send_with(
            Method::PUT,
            "/api/v1/roles/system/chef",
            &owner.access_token,
            &json!({ "permissions": ["orders.fly"] }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "unknown_permission");
    assert_eq!(app.count("role_overrides").await, 0);
    assert_eq!(
        app.permissions_of(&owner.access_token).await.len(),
        brigade_domain::permissions::PermissionSet::all().len()
    );
}

#[tokio::test]
async fn each_restaurant_sees_only_its_own_roles_and_counts() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    app.add_member(bruno.restaurant_id, "waiter").await;
    let created = app
        .send_with(
            Method::POST,
            "/api/v1/roles",
            &bruno.access_token,
            &role_body("Sommelier", &[]),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let matrix = app
        .send_with(
            Method::PUT,
            "/api/v1/roles/system/waiter",
            &bruno.access_token,
            &json!({ "permissions": [] }),
        )
        .await;
    assert_eq!(matrix.status(), StatusCode::OK);
    let roles: Value = app
        .get_with("/api/v1/roles", &ana.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(roles["custom"], json!([]));
    let waiter = roles["system"]
        .as_array()
        .unwrap()
        .iter()
        .find(|role| role["role"] == "waiter")
        .unwrap();
    assert_eq!(waiter["member_count"], 0);
    assert_eq!(waiter["permissions"], waiter["default_permissions"]);
    assert_eq!(roles["system"][0]["member_count"], 1);
}

/// Moves the holders of a new custom role to `system` by deleting it; returns the member.
async fn holder_moved_to(app: &TestApp, owner: &str, restaurant: Uuid, system: &str) -> Uuid {
    let host = create_role(app, owner, "Host", &[]).await;
    let (waiter, _) = app.add_member(restaurant, "waiter").await;
    hold(app, owner, waiter, &[&host]).await;
    let response = app
        .send_with(
            Method::DELETE,
            &format!(
                "/api/v1/roles/{}?reassign_to={system}",
                host["id"].as_str().unwrap()
            ),
            owner,
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    waiter
}

#[tokio::test]
async fn a_system_role_held_on_top_of_the_primary_one_can_be_taken_away() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let waiter = holder_moved_to(&app, &owner.access_token, owner.restaurant_id, "manager").await;
    let response = app
        .send_with(
            Method::PATCH,
            &format!("/api/v1/members/{waiter}"),
            &owner.access_token,
            &json!({ "extra_system_roles": [] }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["roles"],
        json!([{ "kind": "system", "role": "waiter" }])
    );
    let staff_view = app
        .decision(waiter, &owner.access_token, "staff.view")
        .await;
    assert_eq!(staff_view["granted"], false);
    assert_eq!(audit_count(&app, "member.updated").await, 2);
}

#[tokio::test]
async fn an_extra_system_role_is_never_the_owner_nor_beyond_the_callers_own() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (manager_id, manager) = app.add_member(owner.restaurant_id, "manager").await;
    let granted = app
        .send_with(
            Method::PUT,
            &format!("/api/v1/members/{manager_id}/overrides"),
            &owner.access_token,
            &json!({ "grant": ["staff.edit", "staff.assign_roles"] }),
        )
        .await;
    assert_eq!(granted.status(), StatusCode::OK);
    let (waiter, _) = app.add_member(owner.restaurant_id, "waiter").await;
    let path = format!("/api/v1/members/{waiter}");
    let problem = assert_problem(
        app.send_with(
            Method::PATCH,
            &path,
            &owner.access_token,
            &json!({ "extra_system_roles": ["owner"] }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "not_assignable");
    assert_problem(
        app.send_with(
            Method::PATCH,
            &path,
            &manager,
            &json!({ "extra_system_roles": ["admin"] }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "exceeds_own_permissions",
    )
    .await;
    let body: Value = app
        .get_with(&path, &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        body["roles"],
        json!([{ "kind": "system", "role": "waiter" }])
    );
}
