use crate::helpers::{spawn_app, PASSWORD};
use serde_json::{json, Value};

async fn actions(app: &crate::helpers::TestApp, token: &str) -> Vec<String> {
    let audit: Value = app
        .get_with("/api/v1/audit?limit=100", token)
        .await
        .json()
        .await
        .unwrap();
    audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn signup_login_and_logout_are_in_the_audit_trail() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let second: Value = app
        .login(&owner.email, PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    app.post_json(
        "/api/v1/auth/logout",
        &json!({ "refresh_token": second["refresh_token"] }),
    )
    .await;
    let recorded = actions(&app, &owner.access_token).await;
    assert_eq!(recorded, ["auth.logout", "auth.login", "restaurant.signup"]);
}

#[tokio::test]
async fn a_signup_entry_records_actor_entity_after_values_and_address() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let audit: Value = app
        .get_with(
            "/api/v1/audit?action=restaurant.signup",
            &owner.access_token,
        )
        .await
        .json()
        .await
        .unwrap();
    let entry = &audit["items"][0];
    assert_eq!(entry["actor_account_id"], owner.account_id.to_string());
    assert_eq!(entry["entity"], "restaurant");
    assert_eq!(entry["entity_id"], owner.restaurant_id.to_string());
    assert_eq!(entry["after"]["restaurant"]["name"], "Chez Ana");
    assert_eq!(entry["after"]["venue"]["table_count"], 12);
    assert_eq!(entry["client_addr"], "127.0.0.1");
    assert!(entry["after"].to_string().find(PASSWORD).is_none());
}

#[tokio::test]
async fn a_failed_login_and_a_reused_refresh_token_are_audited() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    app.login(&owner.email, "wrong password").await;
    use brigade_server::entities::audit_log;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let failed = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("auth.login_failed"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].actor_account_id, Some(owner.account_id));
    let second: Value = app
        .login(&owner.email, PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    let third: Value = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": second["refresh_token"] }),
        )
        .await
        .json()
        .await
        .unwrap();
    // Its successor used, the spent token presented again is a reuse.
    app.post_json(
        "/api/v1/auth/refresh",
        &json!({ "refresh_token": third["refresh_token"] }),
    )
    .await;
    app.post_json(
        "/api/v1/auth/refresh",
        &json!({ "refresh_token": second["refresh_token"] }),
    )
    .await;
    let recorded = actions(&app, &owner.access_token).await;
    // Plain refreshes are not recorded: the app refreshes on every page load.
    assert!(!recorded.contains(&"auth.refresh".to_owned()));
    assert!(recorded.contains(&"auth.refresh_token_reused".to_owned()));
}

#[tokio::test]
async fn a_signup_whose_audit_entry_cannot_be_written_creates_nothing() {
    let app = spawn_app().await;
    app.refuse_audit_writes().await;
    let response = app
        .signup_body(&json!({
            "restaurant_name": "Chez Ana",
            "owner_name": "Ana",
            "email": "ana@example.com",
            "password": PASSWORD,
            "table_count": 4,
        }))
        .await;
    let problem = crate::helpers::assert_problem(
        response,
        reqwest::StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
    )
    .await;
    assert!(
        !problem.to_string().contains("audit refused"),
        "internal causes stay in the logs: {problem}"
    );
    for table in [
        "accounts",
        "restaurants",
        "venues",
        "memberships",
        "sessions",
        "refresh_tokens",
    ] {
        assert_eq!(app.count(table).await, 0, "{table}");
    }
}

#[tokio::test]
async fn a_logout_whose_audit_entry_cannot_be_written_leaves_the_session_open() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    app.refuse_audit_writes().await;
    let logout = app
        .post_json(
            "/api/v1/auth/logout",
            &json!({ "refresh_token": owner.refresh_token }),
        )
        .await;
    assert_eq!(logout.status(), reqwest::StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        app.get_with("/api/v1/me", &owner.access_token)
            .await
            .status(),
        reqwest::StatusCode::OK
    );
}

#[tokio::test]
async fn an_audit_entry_can_be_neither_changed_nor_removed() {
    let app = spawn_app().await;
    app.signup("Chez Ana").await;
    let entries = app.count("audit_log").await;
    assert!(entries > 0);
    let rewritten = app
        .execute(
            "UPDATE audit_log SET action = $1",
            vec!["nothing.happened".into()],
        )
        .await;
    assert!(rewritten.is_err(), "an audit entry was rewritten");
    let removed = app.execute("DELETE FROM audit_log", vec![]).await;
    assert!(removed.is_err(), "audit entries were removed");
    assert_eq!(app.count("audit_log").await, entries);
    assert_eq!(
        app.count("audit_log WHERE action = 'nothing.happened'")
            .await,
        0
    );
}

#[tokio::test]
async fn a_member_refused_again_and_again_is_written_into_the_audit_trail() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter_id, waiter) = app.add_member(owner.restaurant_id, "waiter").await;
    let repeated = "audit_log WHERE action = 'access.refused_repeatedly'";
    for attempt in 1..=10 {
        assert_eq!(app.count(repeated).await, 0, "before refusal {attempt}");
        let refused = app.get_with("/api/v1/audit", &waiter).await;
        assert_eq!(refused.status(), reqwest::StatusCode::FORBIDDEN);
    }
    let audit: Value = app
        .get_with(
            "/api/v1/audit?action=access.refused_repeatedly",
            &owner.access_token,
        )
        .await
        .json()
        .await
        .unwrap();
    let items = audit["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{audit}");
    assert_eq!(items[0]["entity_id"], waiter_id.to_string());
    assert_eq!(items[0]["after"]["refusals"], 10);
    assert_eq!(items[0]["after"]["last"]["route"], "/api/v1/audit");
}
