use crate::helpers::{assert_problem, refusal, spawn_app, spawn_app_with, PASSWORD};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn signup_creates_the_restaurant_venue_owner_and_returns_tokens() {
    let app = spawn_app().await;
    let response = app
        .signup_body(&json!({
            "restaurant_name": "Chez Ana",
            "owner_name": "Ana Duval",
            "email": "Ana@Example.com",
            "password": PASSWORD,
            "table_count": 12,
        }))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let tokens: Value = response.json().await.unwrap();
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 900);
    assert!(tokens["refresh_token"].as_str().unwrap().len() >= 40);
    assert_eq!(app.count("restaurants").await, 1);
    assert_eq!(app.count("venues").await, 1);
    assert_eq!(app.count("accounts").await, 1);
    assert_eq!(app.count("memberships").await, 1);
    let me: Value = app
        .get_with("/api/v1/me", tokens["access_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["account"]["email"], "ana@example.com");
    assert_eq!(me["role"], "owner");
    assert_eq!(me["restaurants"][0]["restaurant_name"], "Chez Ana");
}

#[tokio::test]
async fn the_password_is_stored_as_an_argon2id_hash() {
    let app = spawn_app().await;
    app.signup("Chez Ana").await;
    use sea_orm::EntityTrait;
    let accounts = brigade_server::entities::account::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert!(accounts[0].password_hash.starts_with("$argon2id$"));
    assert!(!accounts[0].password_hash.contains(PASSWORD));
}

#[tokio::test]
async fn an_email_that_has_an_account_cannot_sign_up_again() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = app
        .signup_body(&json!({
            "restaurant_name": "Another",
            "owner_name": "Someone",
            "email": owner.email.to_uppercase(),
            "password": "another long phrase",
            "table_count": 3,
        }))
        .await;
    assert_problem(response, StatusCode::CONFLICT, "email_taken").await;
    assert_eq!(app.count("restaurants").await, 1);
}

#[tokio::test]
async fn signup_reports_every_invalid_field_and_creates_nothing() {
    let app = spawn_app().await;
    let response = app
        .signup_body(&json!({
            "restaurant_name": " ",
            "owner_name": "Ana",
            "email": "not-an-email",
            "password": "password123",
            "table_count": 0,
        }))
        .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["restaurant_name", "email", "password", "table_count"]
    );
    assert_eq!(problem["errors"][2]["code"], "common_password");
    assert_eq!(app.count("accounts").await, 0);
    assert_eq!(app.count("restaurants").await, 0);
}

#[tokio::test]
async fn login_returns_tokens_for_the_right_password() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = app.login(&owner.email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let tokens: Value = response.json().await.unwrap();
    let me = app
        .get_with("/api/v1/me", tokens["access_token"].as_str().unwrap())
        .await;
    assert_eq!(me.status(), StatusCode::OK);
}

#[tokio::test]
async fn login_with_a_wrong_password_or_unknown_email_is_the_same_refusal() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let wrong = assert_problem(
        app.login(&owner.email, "not the password").await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    let unknown = assert_problem(
        app.login("nobody@example.com", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    assert_eq!(refusal(wrong), refusal(unknown));
}

#[tokio::test]
async fn me_lists_the_effective_permissions_of_the_owner() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let me: Value = app
        .get_with("/api/v1/me", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let permissions: Vec<&str> = me["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let catalogue: Vec<&str> = brigade_domain::permissions::Permission::all()
        .map(|p| p.code())
        .collect();
    assert_eq!(permissions, catalogue);
    assert_eq!(me["active_restaurant_id"], owner.restaurant_id.to_string());
    assert_eq!(me["roles"], json!([{ "kind": "system", "role": "owner" }]));
}

#[tokio::test]
async fn me_without_a_token_is_unauthenticated() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

#[tokio::test]
async fn me_with_a_forged_token_is_unauthenticated() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    // Swap one character in the middle of the signature: the token no longer verifies.
    let mut forged: Vec<char> = owner.access_token.chars().collect();
    let middle = owner.access_token.rfind('.').unwrap() + 20;
    forged[middle] = if forged[middle] == 'x' { 'y' } else { 'x' };
    let forged: String = forged.into_iter().collect();
    assert_problem(
        app.get_with("/api/v1/me", &forged).await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
}

#[tokio::test]
async fn an_expired_access_token_is_refused() {
    let app = spawn_app_with(&[("BRIGADE_ACCESS_TOKEN_TTL_SECS", "1")]).await;
    let owner = app.signup("Chez Ana").await;
    // The validation allows 5 seconds of clock skew.
    tokio::time::sleep(std::time::Duration::from_secs(7)).await;
    assert_problem(
        app.get_with("/api/v1/me", &owner.access_token).await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
}

#[tokio::test]
async fn refresh_rotates_the_refresh_token() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": owner.refresh_token }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let tokens: Value = response.json().await.unwrap();
    assert_ne!(tokens["refresh_token"], owner.refresh_token.as_str());
    assert_eq!(
        app.get_with("/api/v1/me", tokens["access_token"].as_str().unwrap())
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_reused_refresh_token_revokes_the_whole_session() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let first: Value = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": owner.refresh_token }),
        )
        .await
        .json()
        .await
        .unwrap();
    let reuse = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": owner.refresh_token }),
        )
        .await;
    assert_problem(reuse, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    // The legitimate successor is revoked too, and so are the session's access tokens.
    let successor = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": first["refresh_token"] }),
        )
        .await;
    assert_problem(successor, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    let access = app
        .get_with("/api/v1/me", first["access_token"].as_str().unwrap())
        .await;
    assert_problem(access, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

#[tokio::test]
async fn an_unknown_refresh_token_is_refused() {
    let app = spawn_app().await;
    let response = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": "made-up" }),
        )
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
}

#[tokio::test]
async fn logout_ends_the_refresh_token_and_the_access_token() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let response = app
        .post_json(
            "/api/v1/auth/logout",
            &json!({ "refresh_token": owner.refresh_token }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let refresh = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": owner.refresh_token }),
        )
        .await;
    assert_problem(refresh, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    assert_problem(
        app.get_with("/api/v1/me", &owner.access_token).await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
}

#[tokio::test]
async fn logging_out_one_session_leaves_the_others_open() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let other: Value = app
        .login(&owner.email, PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    let logout = app
        .post_json(
            "/api/v1/auth/logout",
            &json!({ "refresh_token": owner.refresh_token }),
        )
        .await;
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    let ended = app.get_with("/api/v1/me", &owner.access_token).await;
    assert_eq!(ended.status(), StatusCode::UNAUTHORIZED);
    let still = app
        .get_with("/api/v1/me", other["access_token"].as_str().unwrap())
        .await;
    assert_eq!(still.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_deactivated_member_is_signed_out_on_the_next_request_and_cannot_log_in() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let (membership_id, token) = app.add_member(owner.restaurant_id, "waiter").await;
    assert_eq!(
        app.get_with("/api/v1/me", &token).await.status(),
        StatusCode::OK
    );
    use sea_orm::{ActiveModelTrait, Set};
    brigade_server::entities::membership::ActiveModel {
        id: Set(membership_id),
        active: Set(false),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    app.bump_access_version(owner.restaurant_id).await;
    assert_problem(
        app.get_with("/api/v1/me", &token).await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
    let members: Value = app
        .get_with("/api/v1/members?active=false", &owner.access_token)
        .await
        .json()
        .await
        .unwrap();
    let email = members["items"][0]["email"].as_str().unwrap().to_owned();
    assert_problem(
        app.login(&email, PASSWORD).await,
        StatusCode::FORBIDDEN,
        "not_a_member",
    )
    .await;
}

#[tokio::test]
async fn a_person_in_two_restaurants_chooses_where_to_log_in() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    use sea_orm::{ActiveModelTrait, Set};
    let now = chrono::Utc::now() + chrono::Duration::seconds(1);
    brigade_server::entities::membership::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        tenant_id: Set(bruno.restaurant_id),
        account_id: Set(ana.account_id),
        role: Set("manager".into()),
        permission_overrides: Set(json!({})),
        active: Set(true),
        last_activity_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&app.db)
    .await
    .unwrap();

    let at_bruno: Value = app
        .post_json("/api/v1/auth/login", &json!({ "email": ana.email, "password": PASSWORD, "restaurant_id": bruno.restaurant_id }))
        .await
        .json()
        .await
        .unwrap();
    let me: Value = app
        .get_with("/api/v1/me", at_bruno["access_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["active_restaurant_id"], bruno.restaurant_id.to_string());
    assert_eq!(me["role"], "manager");
    let names: Vec<&str> = me["restaurants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["restaurant_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Chez Ana", "Da Bruno"]);

    let by_default: Value = app.login(&ana.email, PASSWORD).await.json().await.unwrap();
    let me: Value = app
        .get_with("/api/v1/me", by_default["access_token"].as_str().unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["active_restaurant_id"], ana.restaurant_id.to_string());
    assert_eq!(me["role"], "owner");
}

#[tokio::test]
async fn logging_in_to_a_restaurant_one_does_not_belong_to_is_refused() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    let response = app
        .post_json("/api/v1/auth/login", &json!({ "email": ana.email, "password": PASSWORD, "restaurant_id": bruno.restaurant_id }))
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "not_a_member").await;
}

#[tokio::test]
async fn an_expired_refresh_token_is_refused() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    use brigade_server::entities::refresh_token;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let expired = chrono::Utc::now() - chrono::Duration::seconds(1);
    let changed = refresh_token::Entity::update_many()
        .col_expr(
            refresh_token::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(expired),
        )
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(changed.rows_affected, 1);
    let response = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({ "refresh_token": owner.refresh_token }),
        )
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
}
