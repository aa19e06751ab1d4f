use crate::helpers::{assert_problem, refusal, spawn_app, spawn_app_with, TestApp, PASSWORD};
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

async fn refresh(app: &TestApp, token: &Value) -> reqwest::Response {
    app.post_json("/api/v1/auth/refresh", &json!({ "refresh_token": token }))
        .await
}

async fn refreshed(app: &TestApp, token: &Value) -> Value {
    let response = refresh(app, token).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_reused_refresh_token_revokes_the_whole_session() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let first = refreshed(&app, &json!(owner.refresh_token)).await;
    let second = refreshed(&app, &first["refresh_token"]).await;
    // The first token's successor was used: presenting it again is theft.
    let reuse = refresh(&app, &json!(owner.refresh_token)).await;
    assert_problem(reuse, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    // The legitimate latest token is revoked too, and so are the session's access tokens.
    let latest = refresh(&app, &second["refresh_token"]).await;
    assert_problem(latest, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    let access = app
        .get_with("/api/v1/me", second["access_token"].as_str().unwrap())
        .await;
    assert_problem(access, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

#[tokio::test]
async fn a_refresh_retried_after_a_lost_answer_gets_a_fresh_pair_and_keeps_the_session() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    // The answer to this refresh is lost on the way: the client never sees `lost`.
    let lost = refreshed(&app, &json!(owner.refresh_token)).await;
    let retried = refreshed(&app, &json!(owner.refresh_token)).await;
    assert_ne!(retried["refresh_token"], lost["refresh_token"]);
    let me = app
        .get_with("/api/v1/me", retried["access_token"].as_str().unwrap())
        .await;
    assert_eq!(me.status(), StatusCode::OK);
    let next = refreshed(&app, &retried["refresh_token"]).await;
    assert_eq!(
        app.count("audit_log WHERE action = 'auth.refresh_retried'")
            .await,
        1
    );
    assert_eq!(app.count("sessions WHERE revoked_at IS NOT NULL").await, 0);
    // The unused token of the lost answer was revoked: if it ever shows up, it was
    // stolen, and the session ends.
    let stolen = refresh(&app, &lost["refresh_token"]).await;
    assert_problem(stolen, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    let after = refresh(&app, &next["refresh_token"]).await;
    assert_problem(after, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
}

#[tokio::test]
async fn a_spent_refresh_token_presented_after_the_grace_ends_the_session() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let first = refreshed(&app, &json!(owner.refresh_token)).await;
    // The first refresh happened a minute ago.
    let a_minute_ago = chrono::Utc::now() - chrono::Duration::minutes(1);
    app.execute(
        "UPDATE refresh_tokens SET used_at = $1 WHERE used_at IS NOT NULL",
        vec![a_minute_ago.into()],
    )
    .await
    .unwrap();
    let late = refresh(&app, &json!(owner.refresh_token)).await;
    assert_problem(late, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    let successor = refresh(&app, &first["refresh_token"]).await;
    assert_problem(successor, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
}

#[tokio::test]
async fn a_session_ends_thirty_days_after_its_login_however_often_it_is_refreshed() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    // The login was 30 days less a minute ago.
    let started = chrono::Utc::now() - chrono::Duration::days(30) + chrono::Duration::minutes(1);
    app.execute("UPDATE sessions SET created_at = $1", vec![started.into()])
        .await
        .unwrap();
    // A refresh now gets tokens that end with the session, not 15 minutes later.
    let last = refreshed(&app, &json!(owner.refresh_token)).await;
    let expires_in = last["expires_in"].as_u64().unwrap();
    assert!(expires_in <= 60, "{expires_in}");
    let ended = started - chrono::Duration::minutes(2);
    app.execute("UPDATE sessions SET created_at = $1", vec![ended.into()])
        .await
        .unwrap();
    let over = refresh(&app, &last["refresh_token"]).await;
    assert_problem(over, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
}

#[tokio::test]
async fn a_session_left_unused_past_the_idle_limit_cannot_be_refreshed() {
    let app = spawn_app_with(&[("BRIGADE_SESSION_IDLE_SECS", "1")]).await;
    let owner = app.signup("Chez Ana").await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let idle = refresh(&app, &json!(owner.refresh_token)).await;
    assert_problem(idle, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
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
    app.join(ana.account_id, bruno.restaurant_id, "manager", true)
        .await;

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

#[tokio::test]
async fn an_email_is_one_account_however_it_is_written() {
    let app = spawn_app().await;
    let app = &app;
    let signup = |email: &str| {
        let body = json!({
            "restaurant_name": "Chez Ana",
            "owner_name": "Ana",
            "email": email,
            "password": PASSWORD,
            "table_count": 4,
        });
        async move { app.signup_body(&body).await }
    };
    assert_eq!(
        signup(" Ana@B\u{fc}cher.Example ").await.status(),
        StatusCode::CREATED
    );
    // Decomposed "ü", the ASCII form of the domain, other cases: the same account.
    for again in ["ana@bu\u{308}cher.example", "ANA@XN--BCHER-KVA.EXAMPLE"] {
        assert_problem(signup(again).await, StatusCode::CONFLICT, "email_taken").await;
    }
    for written in ["ana@xn--bcher-kva.example", "Ana@Bu\u{308}cher.example"] {
        assert_eq!(
            app.login(written, PASSWORD).await.status(),
            StatusCode::OK,
            "{written}"
        );
    }
    assert_eq!(app.count("accounts").await, 1);
}

/// The `brigade_refresh` cookie a response sets: its value and its attributes.
fn refresh_cookie(response: &reqwest::Response) -> (String, String) {
    let set = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("brigade_refresh="))
        .expect("a brigade_refresh cookie")
        .to_owned();
    let (pair, attributes) = set.split_once(';').unwrap_or((&set, ""));
    let value = pair.trim_start_matches("brigade_refresh=").to_owned();
    (value, attributes.to_owned())
}

/// A browser's call: `X-Brigade-Session: cookie`, and the cookie if it has one.
async fn as_browser(
    app: &TestApp,
    path: &str,
    body: Value,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(path))
        .header("x-brigade-session", "cookie")
        .json(&body);
    if let Some(value) = cookie {
        request = request.header("cookie", format!("brigade_refresh={value}"));
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_browser_gets_its_refresh_token_in_an_http_only_cookie_and_never_in_the_body() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let login = json!({ "email": owner.email, "password": PASSWORD });
    let logged_in = as_browser(&app, "/api/v1/auth/login", login, None).await;
    assert_eq!(logged_in.status(), StatusCode::OK);
    let (token, attributes) = refresh_cookie(&logged_in);
    for attribute in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/api/v1/auth",
        "Max-Age=",
    ] {
        assert!(
            attributes.contains(attribute),
            "{attribute} in {attributes}"
        );
    }
    assert!(!attributes.contains("Secure"), "plain http: {attributes}");
    let body: Value = logged_in.json().await.unwrap();
    assert!(body.get("refresh_token").is_none(), "{body}");
    assert!(body["access_token"].is_string());
    // The cookie alone refreshes, and is replaced.
    let refreshed = as_browser(&app, "/api/v1/auth/refresh", json!({}), Some(&token)).await;
    assert_eq!(refreshed.status(), StatusCode::OK);
    let (next, _) = refresh_cookie(&refreshed);
    assert_ne!(next, token);
    let body: Value = refreshed.json().await.unwrap();
    assert!(body.get("refresh_token").is_none(), "{body}");
    // Without the header the cookie is not read: a cross-site form cannot use it.
    let forged = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .header("cookie", format!("brigade_refresh={next}"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_problem(forged, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    // Logging out ends the session and removes the cookie.
    let out = as_browser(&app, "/api/v1/auth/logout", json!({}), Some(&next)).await;
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let (emptied, attributes) = refresh_cookie(&out);
    assert_eq!(emptied, "");
    assert!(attributes.contains("Max-Age=0"), "{attributes}");
    let after = as_browser(&app, "/api/v1/auth/refresh", json!({}), Some(&next)).await;
    assert_problem(after, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
}

#[tokio::test]
async fn behind_https_the_refresh_cookie_is_secure() {
    let app = spawn_app_with(&[("BRIGADE_PUBLIC_URL", "https://brigade.example")]).await;
    let body = json!({
        "restaurant_name": "Chez Ana",
        "owner_name": "Ana",
        "email": "ana@example.com",
        "password": PASSWORD,
        "table_count": 4,
    });
    let signed_up = as_browser(&app, "/api/v1/auth/signup", body, None).await;
    assert_eq!(signed_up.status(), StatusCode::CREATED);
    let (_, attributes) = refresh_cookie(&signed_up);
    assert!(attributes.contains("Secure"), "{attributes}");
}

#[tokio::test]
async fn parallel_retries_of_one_refresh_token_all_succeed_and_keep_the_session() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let retries: Vec<_> = (0..8)
        .map(|_| {
            let (client, url) = (app.client.clone(), app.url("/api/v1/auth/refresh"));
            let body = json!({ "refresh_token": owner.refresh_token });
            tokio::spawn(async move { client.post(url).json(&body).send().await.unwrap().status() })
        })
        .collect();
    for retry in retries {
        assert_eq!(retry.await.unwrap(), StatusCode::OK);
    }
    assert_eq!(app.count("sessions WHERE revoked_at IS NOT NULL").await, 0);
    // Exactly one token of the session is still unused: the last one issued.
    assert_eq!(app.count("refresh_tokens WHERE used_at IS NULL").await, 1);
}

#[tokio::test]
async fn switching_continues_the_session_it_replaces() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    app.join(ana.account_id, bruno.restaurant_id, "manager", true)
        .await;
    let switch = |token: String, restaurant: uuid::Uuid, cookie: bool| {
        let mut request = app
            .client
            .post(app.url("/api/v1/auth/switch"))
            .bearer_auth(token)
            .json(&json!({ "restaurant_id": restaurant }));
        if cookie {
            request = request.header("x-brigade-session", "cookie");
        }
        request.send()
    };
    // Not to the restaurant the session is in.
    let here = switch(ana.access_token.clone(), ana.restaurant_id, false)
        .await
        .unwrap();
    let problem = assert_problem(here, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(problem["errors"][0]["code"], "current_restaurant");
    // The login was 30 days less a minute ago: the new session ends when the old would.
    let started = chrono::Utc::now() - chrono::Duration::days(30) + chrono::Duration::minutes(1);
    app.execute("UPDATE sessions SET created_at = $1", vec![started.into()])
        .await
        .unwrap();
    let there = switch(ana.access_token.clone(), bruno.restaurant_id, false)
        .await
        .unwrap();
    assert_eq!(there.status(), StatusCode::OK);
    let there: Value = there.json().await.unwrap();
    assert!(there["expires_in"].as_u64().unwrap() <= 60, "{there}");
}

#[tokio::test]
async fn a_cookie_session_never_hands_its_refresh_token_to_a_body() {
    let app = spawn_app().await;
    let ana = app.signup("Chez Ana").await;
    let bruno = app.signup("Da Bruno").await;
    app.join(ana.account_id, bruno.restaurant_id, "manager", true)
        .await;
    let login = json!({ "email": ana.email, "password": PASSWORD });
    let logged_in = as_browser(&app, "/api/v1/auth/login", login, None).await;
    let body: Value = logged_in.json().await.unwrap();
    // A script holding the access token asks for the switch without the header.
    let switched = app
        .client
        .post(app.url("/api/v1/auth/switch"))
        .bearer_auth(body["access_token"].as_str().unwrap())
        .json(&json!({ "restaurant_id": bruno.restaurant_id }))
        .send()
        .await
        .unwrap();
    assert_eq!(switched.status(), StatusCode::OK);
    let (in_cookie, _) = refresh_cookie(&switched);
    assert!(!in_cookie.is_empty());
    let body: Value = switched.json().await.unwrap();
    assert!(body.get("refresh_token").is_none(), "{body}");
}
