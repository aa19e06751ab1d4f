use crate::helpers::{assert_problem, refusal, spawn_app, Owner, TestApp, PASSWORD};
use brigade_server::entities::{account, audit_log, session};
use reqwest::{Method, Response, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use uuid::Uuid;

const NEW_PASSWORD: &str = "a fresh pastry recipe";

async fn rename(app: &TestApp, token: &str, name: &str) -> Response {
    app.send_with(Method::PATCH, "/api/v1/me", token, &json!({ "name": name }))
        .await
}

async fn change_password(app: &TestApp, token: &str, current: &str, new: &str) -> Response {
    app.send_with(
        Method::POST,
        "/api/v1/me/password",
        token,
        &json!({ "current_password": current, "new_password": new }),
    )
    .await
}

async fn switch(app: &TestApp, token: &str, restaurant_id: Uuid) -> Response {
    app.send_with(
        Method::POST,
        "/api/v1/auth/switch",
        token,
        &json!({ "restaurant_id": restaurant_id }),
    )
    .await
}

/// Makes `person` a member of `restaurant` with `role`, straight in the database.
async fn join(app: &TestApp, person: &Owner, restaurant: Uuid, role: &str, active: bool) {
    app.join(person.account_id, restaurant, role, active).await;
}

async fn stored_account(app: &TestApp, id: Uuid) -> account::Model {
    account::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn audit_entries(app: &TestApp, action: &str) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .all(&app.db)
        .await
        .unwrap()
}

async fn access_token_of(response: Response) -> String {
    assert_eq!(response.status(), StatusCode::OK);
    let tokens: Value = response.json().await.unwrap();
    tokens["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_waiter_renames_their_own_account_and_gets_the_updated_me() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (membership_id, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let response = rename(&app, &waiter, "  Jean Dupont ").await;
    assert_eq!(response.status(), StatusCode::OK);
    let me: Value = response.json().await.unwrap();
    assert_eq!(me["account"]["name"], "Jean Dupont");
    assert_eq!(me["membership_id"], membership_id.to_string());
    assert_eq!(me["role"], "waiter");
    let again: Value = app
        .get_with("/api/v1/me", &waiter)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["account"]["name"], "Jean Dupont");
}

#[tokio::test]
async fn a_blank_name_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let problem = assert_problem(
        rename(&app, &owner.access_token, "   ").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "name");
    assert_eq!(
        stored_account(&app, owner.account_id).await.name,
        "Ana Duval"
    );
    assert!(audit_entries(&app, "account.renamed").await.is_empty());
}

#[tokio::test]
async fn a_rename_is_audited_with_the_old_and_new_names_in_the_callers_restaurant() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    rename(&app, &owner.access_token, "Ana Martin").await;
    let entries = audit_entries(&app, "account.renamed").await;
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry.tenant_id, Some(owner.restaurant_id));
    assert_eq!(entry.actor_account_id, Some(owner.account_id));
    assert_eq!(entry.entity, "account");
    assert_eq!(entry.entity_id, Some(owner.account_id.to_string()));
    assert_eq!(entry.before, Some(json!({ "name": "Ana Duval" })));
    assert_eq!(entry.after, Some(json!({ "name": "Ana Martin" })));
}

#[tokio::test]
async fn keeping_the_same_name_records_no_audit_entry() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = rename(&app, &owner.access_token, "Ana Duval").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(audit_entries(&app, "account.renamed").await.is_empty());
}

#[tokio::test]
async fn a_rename_whose_audit_entry_cannot_be_written_keeps_the_old_name() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    app.refuse_audit_writes().await;
    let response = rename(&app, &owner.access_token, "Ana Martin").await;
    assert_problem(response, StatusCode::INTERNAL_SERVER_ERROR, "internal").await;
    assert_eq!(
        stored_account(&app, owner.account_id).await.name,
        "Ana Duval"
    );
}

#[tokio::test]
async fn renaming_without_a_token_is_unauthenticated() {
    let app = spawn_app().await;
    let response = app
        .client
        .patch(app.url("/api/v1/me"))
        .json(&json!({ "name": "Nobody" }))
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

#[tokio::test]
async fn after_a_password_change_the_new_password_logs_in_and_the_old_one_does_not() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = change_password(&app, &owner.access_token, PASSWORD, NEW_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.login(&owner.email, NEW_PASSWORD).await.status(),
        StatusCode::OK
    );
    assert_problem(
        app.login(&owner.email, PASSWORD).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
}

#[tokio::test]
async fn a_wrong_current_password_is_a_field_error_and_keeps_the_password() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let problem = assert_problem(
        change_password(&app, &owner.access_token, "not the password", NEW_PASSWORD).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(
        problem["errors"],
        json!([{
            "field": "current_password",
            "code": "incorrect",
            "message": "the current password is wrong",
        }])
    );
    assert_eq!(
        app.login(&owner.email, PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_new_password_equal_to_the_current_one_is_refused() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let problem = assert_problem(
        change_password(&app, &owner.access_token, PASSWORD, PASSWORD).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "new_password");
    assert_eq!(problem["errors"][0]["code"], "unchanged");
}

#[tokio::test]
async fn changing_the_password_ends_every_other_session_in_every_restaurant_but_this_one() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    join(&app, &ana, bruno.restaurant_id, "manager", true).await;
    let elsewhere: Value = app.login(&ana.email, PASSWORD).await.json().await.unwrap();
    let at_bruno = access_token_of(
        app.post_json(
            "/api/v1/auth/login",
            &json!({ "email": ana.email, "password": PASSWORD, "restaurant_id": bruno.restaurant_id }),
        )
        .await,
    )
    .await;

    let response = change_password(&app, &ana.access_token, PASSWORD, NEW_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    assert_eq!(
        app.get_with("/api/v1/me", &ana.access_token).await.status(),
        StatusCode::OK
    );
    for ended in [elsewhere["access_token"].as_str().unwrap(), &at_bruno] {
        assert_problem(
            app.get_with("/api/v1/me", ended).await,
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
        )
        .await;
    }
    let refresh = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": elsewhere["refresh_token"] }),
        )
        .await;
    assert_problem(refresh, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    let revoked = session::Entity::find()
        .filter(session::Column::AccountId.eq(ana.account_id))
        .filter(session::Column::RevokedReason.eq("password_changed"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(revoked.len(), 2);
}

#[tokio::test]
async fn a_password_change_is_audited_with_the_sessions_it_ended_and_no_password() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    app.login(&owner.email, PASSWORD).await;
    change_password(&app, &owner.access_token, PASSWORD, NEW_PASSWORD).await;
    let entries = audit_entries(&app, "account.password_changed").await;
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry.tenant_id, Some(owner.restaurant_id));
    assert_eq!(entry.actor_account_id, Some(owner.account_id));
    assert_eq!(entry.entity, "account");
    assert_eq!(entry.entity_id, Some(owner.account_id.to_string()));
    assert_eq!(entry.before, None);
    assert_eq!(entry.after, Some(json!({ "other_sessions_ended": 1 })));
}

#[tokio::test]
async fn a_password_change_whose_audit_entry_cannot_be_written_changes_nothing() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let other: Value = app
        .login(&owner.email, PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    app.refuse_audit_writes().await;
    let response = change_password(&app, &owner.access_token, PASSWORD, NEW_PASSWORD).await;
    assert_problem(response, StatusCode::INTERNAL_SERVER_ERROR, "internal").await;
    let stored = stored_account(&app, owner.account_id).await;
    assert!(brigade_server::accounts::password::verify(
        PASSWORD.into(),
        Some(stored.password_hash)
    )
    .await
    .unwrap());
    assert_eq!(
        app.get_with("/api/v1/me", other["access_token"].as_str().unwrap())
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn five_wrong_current_passwords_lock_password_changes_and_logins_with_retry_after() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    for _ in 0..5 {
        let response = change_password(
            &app,
            &owner.access_token,
            "a guessed password",
            NEW_PASSWORD,
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let locked = change_password(&app, &owner.access_token, PASSWORD, NEW_PASSWORD).await;
    let retry_after: u64 = locked.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after > 0 && retry_after <= 15 * 60, "{retry_after}");
    assert_problem(locked, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    assert_problem(
        app.login(&owner.email, PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
    )
    .await;
}

#[tokio::test]
async fn a_successful_password_change_resets_the_emails_failed_attempts() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    for _ in 0..4 {
        app.login(&owner.email, "wrong password").await;
    }
    let response = change_password(&app, &owner.access_token, PASSWORD, NEW_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    for _ in 0..4 {
        assert_eq!(
            app.login(&owner.email, "wrong password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        app.login(&owner.email, NEW_PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_invalid_new_password_is_refused_before_the_current_one_is_checked() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    for _ in 0..6 {
        let problem = assert_problem(
            change_password(&app, &owner.access_token, "a guessed password", "short").await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], "new_password");
    }
    let response = change_password(&app, &owner.access_token, PASSWORD, NEW_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_person_switches_to_another_of_their_restaurants() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    join(&app, &ana, bruno.restaurant_id, "manager", true).await;
    let response = switch(&app, &ana.access_token, bruno.restaurant_id).await;
    assert_eq!(response.status(), StatusCode::OK);
    let tokens: Value = response.json().await.unwrap();
    assert_eq!(tokens["token_type"], "Bearer");
    let me: Value = app
        .get_with("/api/v1/me", tokens["access_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["active_restaurant_id"], bruno.restaurant_id.to_string());
    assert_eq!(me["role"], "manager");
    let refreshed = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": tokens["refresh_token"] }),
        )
        .await;
    assert_eq!(refreshed.status(), StatusCode::OK);
}

#[tokio::test]
async fn switching_ends_the_session_it_came_from() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    join(&app, &ana, bruno.restaurant_id, "manager", true).await;
    access_token_of(switch(&app, &ana.access_token, bruno.restaurant_id).await).await;
    assert_problem(
        app.get_with("/api/v1/me", &ana.access_token).await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
    let refresh = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": ana.refresh_token }),
        )
        .await;
    assert_problem(refresh, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    let ended = session::Entity::find()
        .filter(session::Column::AccountId.eq(ana.account_id))
        .filter(session::Column::TenantId.eq(ana.restaurant_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ended.revoked_reason.as_deref(), Some("switched_restaurant"));
}

#[tokio::test]
async fn a_restaurant_one_does_not_belong_to_and_an_unknown_one_get_the_same_refusal() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    let foreign = assert_problem(
        switch(&app, &ana.access_token, bruno.restaurant_id).await,
        StatusCode::FORBIDDEN,
        "not_a_member",
    )
    .await;
    let unknown = assert_problem(
        switch(&app, &ana.access_token, Uuid::new_v4()).await,
        StatusCode::FORBIDDEN,
        "not_a_member",
    )
    .await;
    assert_eq!(refusal(foreign), refusal(unknown));
    assert_eq!(
        app.get_with("/api/v1/me", &ana.access_token).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn switching_to_a_restaurant_where_the_membership_is_deactivated_is_refused() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    join(&app, &ana, bruno.restaurant_id, "waiter", false).await;
    assert_problem(
        switch(&app, &ana.access_token, bruno.restaurant_id).await,
        StatusCode::FORBIDDEN,
        "not_a_member",
    )
    .await;
}

#[tokio::test]
async fn a_switch_is_audited_in_the_restaurant_switched_to() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    join(&app, &ana, bruno.restaurant_id, "manager", true).await;
    access_token_of(switch(&app, &ana.access_token, bruno.restaurant_id).await).await;
    let opened = session::Entity::find()
        .filter(session::Column::AccountId.eq(ana.account_id))
        .filter(session::Column::TenantId.eq(bruno.restaurant_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let entries = audit_entries(&app, "auth.restaurant_switched").await;
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry.tenant_id, Some(bruno.restaurant_id));
    assert_eq!(entry.actor_account_id, Some(ana.account_id));
    assert_eq!(entry.entity, "session");
    assert_eq!(entry.entity_id, Some(opened.id.to_string()));
    assert_eq!(
        entry.after,
        Some(json!({ "from": ana.restaurant_id, "session_id": opened.id }))
    );
}

#[tokio::test]
async fn a_switch_whose_audit_entry_cannot_be_written_keeps_the_current_session() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    join(&app, &ana, bruno.restaurant_id, "manager", true).await;
    app.refuse_audit_writes().await;
    assert_problem(
        switch(&app, &ana.access_token, bruno.restaurant_id).await,
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
    )
    .await;
    assert_eq!(
        app.get_with("/api/v1/me", &ana.access_token).await.status(),
        StatusCode::OK
    );
    let at_bruno = session::Entity::find()
        .filter(session::Column::TenantId.eq(bruno.restaurant_id))
        .filter(session::Column::AccountId.eq(ana.account_id))
        .all(&app.db)
        .await
        .unwrap();
    assert!(at_bruno.is_empty());
}
