use crate::helpers::{spawn_app, PASSWORD};
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};

async fn actions(app: &crate::helpers::TestApp, token: &str) -> Vec<String> {
    actions_at(app, token, "/api/v1/audit?limit=100").await
}

async fn actions_at(app: &crate::helpers::TestApp, token: &str, path: &str) -> Vec<String> {
    let audit: Value = app.get_with(path, token).await.json().await.unwrap();
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
    let recorded = actions_at(&app, &owner.access_token, "/api/v1/audit?security=true").await;
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
    let recorded = actions_at(&app, &owner.access_token, "/api/v1/audit?security=true").await;
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

async fn altered_in_the_database(app: &crate::helpers::TestApp, action: &str) {
    let (open, close): (&[&str], &[&str]) = match app.db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => (
            &["ALTER TABLE audit_log DISABLE TRIGGER audit_log_is_fixed"],
            &["ALTER TABLE audit_log ENABLE TRIGGER audit_log_is_fixed"],
        ),
        _ => (&["DROP TRIGGER audit_log_is_not_updated"], &[]),
    };
    for statement in open {
        app.execute(statement, vec![]).await.unwrap();
    }
    let done = app
        .execute(
            "UPDATE audit_log SET client_addr = '10.9.8.7' WHERE action = $1",
            vec![action.into()],
        )
        .await
        .unwrap();
    assert_eq!(done.rows_affected(), 1);
    for statement in close {
        app.execute(statement, vec![]).await.unwrap();
    }
}

#[tokio::test]
async fn the_chain_verifies_and_names_the_entry_altered_in_the_database() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter, _) = app.add_member(owner.restaurant_id, "waiter").await;
    app.send_with(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{waiter}"),
        &owner.access_token,
        &json!({ "role": "chef" }),
    )
    .await;
    app.login(&owner.email, PASSWORD).await;
    let check: Value = app
        .get_with("/api/v1/audit/verify", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(check["intact"], true, "{check}");
    let checked = check["checked"].as_u64().unwrap();
    assert!(checked >= 3, "{check}");

    altered_in_the_database(&app, "member.updated").await;
    let entries: Value = app
        .get_with("/api/v1/audit?action=member.updated", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let altered = &entries["items"][0];
    let check: Value = app
        .get_with("/api/v1/audit/verify", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(check["intact"], false);
    assert_eq!(check["first_broken"]["reason"], "altered");
    assert_eq!(check["first_broken"]["id"], altered["id"]);
    assert_eq!(check["first_broken"]["seq"], altered["seq"]);
    assert_eq!(
        check["checked"].as_i64(),
        altered["seq"].as_i64().map(|s| s - 1)
    );
}

#[tokio::test]
async fn each_restaurant_has_its_own_chain() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Chez Bruno").await;
    let first = |token: String| {
        let app = &app;
        async move {
            let page: Value = app
                .get_with("/api/v1/audit?security=true", &token)
                .await
                .json()
                .await
                .unwrap();
            page["items"].as_array().unwrap().last().unwrap()["seq"].clone()
        }
    };
    assert_eq!(first(ana.access_token.clone()).await, 1);
    assert_eq!(first(bruno.access_token.clone()).await, 1);
}

#[tokio::test]
async fn an_entry_reads_as_a_sentence_with_names_not_ids() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter, _) = app.add_member(owner.restaurant_id, "waiter").await;
    app.send_with(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{waiter}"),
        &owner.access_token,
        &json!({ "role": "chef" }),
    )
    .await;
    let page: Value = app
        .get_with("/api/v1/audit?lang=en", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let entry = &page["items"][0];
    assert_eq!(entry["action"], "member.updated");
    assert_eq!(entry["actor_name"], "Ana Duval");
    assert_eq!(entry["actor_role"], "owner");
    assert_eq!(entry["subject"], "A waiter");
    let sentence = entry["sentence"].as_str().unwrap();
    assert!(sentence.starts_with("On "), "{sentence}");
    assert!(
        sentence.ends_with("— Ana Duval changed the member A waiter"),
        "{sentence}"
    );
    let french: Value = app
        .get_with("/api/v1/audit?lang=fr", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let sentence = french["items"][0]["sentence"].as_str().unwrap();
    assert!(
        sentence.ends_with("— Ana Duval a modifié le membre A waiter"),
        "{sentence}"
    );
}

#[tokio::test]
async fn session_events_are_hidden_unless_asked_for() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    app.login(&owner.email, PASSWORD).await;
    let shown = actions(&app, &owner.access_token).await;
    assert_eq!(shown, ["restaurant.signup"]);
    let page: Value = app
        .get_with("/api/v1/audit?security=true&limit=100", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let all: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(all, ["auth.login", "restaurant.signup"]);
    assert_eq!(page["items"][0]["security"], true);
}

#[tokio::test]
async fn the_trail_is_filtered_by_member_and_dates() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter, waiter_token) = app.add_member(owner.restaurant_id, "waiter").await;
    app.send_with(
        reqwest::Method::PATCH,
        "/api/v1/me",
        &waiter_token,
        &json!({ "name": "Léa Martin" }),
    )
    .await;
    let by_waiter: Value = app
        .get_with(
            &format!("/api/v1/audit?member={waiter}"),
            &owner.access_token,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_waiter["total"], 1, "{by_waiter}");
    assert_eq!(by_waiter["items"][0]["action"], "account.renamed");
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(2)).date_naive();
    let later: Value = app
        .get_with(
            &format!("/api/v1/audit?from={tomorrow}"),
            &owner.access_token,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(later["total"], 0);
    let wrong = app
        .get_with("/api/v1/audit?from=2026-13-01", &owner.access_token)
        .await;
    crate::helpers::assert_problem(
        wrong,
        reqwest::StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
}

#[tokio::test]
async fn the_csv_export_holds_the_filtered_entries_with_their_sentences() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (waiter, _) = app.add_member(owner.restaurant_id, "waiter").await;
    app.send_with(
        reqwest::Method::PATCH,
        &format!("/api/v1/members/{waiter}"),
        &owner.access_token,
        &json!({ "role": "chef" }),
    )
    .await;
    let response = app
        .get_with("/api/v1/audit/export?lang=en", &owner.access_token)
        .await;
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = response.text().await.unwrap();
    let mut lines = text.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("\u{feff}time,sentence,actor"));
    let row = lines.next().unwrap();
    assert!(row.contains("Ana Duval changed the member"), "{row}");
    assert!(row.contains("member.updated"), "{row}");
    assert!(
        !text.contains("auth.login"),
        "session events stay out by default"
    );
}

#[tokio::test]
async fn the_trail_cannot_be_changed_through_the_api() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    for method in [
        reqwest::Method::DELETE,
        reqwest::Method::PUT,
        reqwest::Method::PATCH,
    ] {
        let response = app
            .send_with(method, "/api/v1/audit", &owner.access_token, &json!({}))
            .await;
        assert!(
            [
                reqwest::StatusCode::NOT_FOUND,
                reqwest::StatusCode::METHOD_NOT_ALLOWED
            ]
            .contains(&response.status()),
            "{}",
            response.status()
        );
    }
}
