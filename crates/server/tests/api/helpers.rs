//! `spawn_app()`: the real application on a random port over a fresh database — a
//! SQLite file, or a new PostgreSQL database when `BRIGADE_TEST_DATABASE=postgres` —
//! dropped again when the test ends, pass or fail.
//!
//! On PostgreSQL the application connects as an ordinary role that owns its database
//! (`brigade_test_app`: not a superuser, no `BYPASSRLS`), as a deployment should, so
//! row-level security applies to it; the test's own connection, [`TestApp::db`], is a
//! superuser's, to inspect and set scenes across restaurants.

use brigade_domain::permissions::SystemRole;
use brigade_server::accounts::password;
use brigade_server::config::Settings;
use brigade_server::platform::Tenant;
use brigade_server::startup::{connect, Application};
use brigade_server::team::store::{self as team, NewPerson};
use reqwest::{Client, Response, StatusCode};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::{json, Value};
use uuid::Uuid;

/// The ordinary role the application connects as on PostgreSQL.
pub const APP_ROLE: &str = "brigade_test_app";

pub const PASSWORD: &str = "a long kitchen phrase";

enum Engine {
    Sqlite(std::path::PathBuf),
    Postgres {
        admin_url: String,
        name: String,
        /// The test database, as the superuser.
        inspect: String,
    },
}

pub struct TestApp {
    pub address: String,
    pub settings: Settings,
    pub client: Client,
    /// The test's connection: on PostgreSQL a superuser's, which row-level security
    /// does not limit, to inspect the database and set scenes.
    pub db: DatabaseConnection,
    /// The application's own connection (on PostgreSQL, as [`APP_ROLE`]).
    pub app_db: DatabaseConnection,
    /// The application's clock, which [`TestApp::advance`] moves forward.
    pub clock: std::sync::Arc<brigade_server::platform::clock::Clock>,
    engine: Engine,
}

/// The admin URL tests create their PostgreSQL databases through.
fn postgres_admin_url() -> String {
    std::env::var("BRIGADE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn uses_postgres() -> bool {
    std::env::var("BRIGADE_TEST_DATABASE").is_ok_and(|engine| engine == "postgres")
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// Starts the app with extra settings (`BRIGADE_ACCESS_TOKEN_TTL_SECS`, …), which win
/// over the defaults above.
pub async fn spawn_app_with(extra: &[(&str, &str)]) -> TestApp {
    // `BRIGADE_LOG=…` shows the server's log (with `--nocapture`) to debug a test.
    if std::env::var_os("BRIGADE_LOG").is_some() {
        brigade_server::telemetry::init();
    }
    let id = Uuid::new_v4().simple().to_string();
    let (engine, database_url) = if uses_postgres() {
        let admin_url = postgres_admin_url();
        let name = format!("brigade_test_{id}");
        let admin = sea_orm::Database::connect(&admin_url)
            .await
            .expect("connect to PostgreSQL");
        // Tests start together: a role another test just created is fine.
        admin
            .execute_unprepared(&format!(
                "DO $$ BEGIN CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS; \
                 EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            ))
            .await
            .expect("create the application's role");
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\" OWNER {APP_ROLE}"))
            .await
            .expect("create the test database");
        admin.close().await.ok();
        let (base, _) = admin_url
            .rsplit_once('/')
            .expect("the admin URL names a database");
        let server = base.rsplit_once('@').map_or(base, |(_, host)| host);
        let scheme = base
            .split_once("://")
            .map_or("postgres", |(scheme, _)| scheme);
        let url = format!("{scheme}://{APP_ROLE}@{server}/{name}");
        let inspect = format!("{base}/{name}");
        (
            Engine::Postgres {
                admin_url,
                name,
                inspect,
            },
            url,
        )
    } else {
        let path = std::env::temp_dir().join(format!("brigade-test-{id}.sqlite3"));
        let url = format!("sqlite://{}?mode=rwc", path.display());
        (Engine::Sqlite(path), url)
    };
    let mut vars: Vec<(String, String)> = vec![
        ("BRIGADE_BIND".into(), "127.0.0.1:0".into()),
        (
            "BRIGADE_JWT_SECRET".into(),
            "test-signing-secret-that-is-long-enough".into(),
        ),
        ("DATABASE_URL".into(), database_url),
        (
            "BRIGADE_DATA_DIR".into(),
            std::env::temp_dir()
                .join(format!("brigade-data-{id}"))
                .display()
                .to_string(),
        ),
        // No browser app unless a test builds one (see `app.rs`).
        (
            "BRIGADE_APP_DIR".into(),
            std::env::temp_dir()
                .join(format!("brigade-no-app-{id}"))
                .display()
                .to_string(),
        ),
    ];
    for (name, value) in extra {
        vars.push(((*name).into(), (*value).into()));
    }
    let settings = Settings::from_lookup(|name| {
        vars.iter()
            .rfind(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    })
    .expect("settings");
    let app_db = connect(&settings).await.expect("connect and migrate");
    let db = match &engine {
        Engine::Sqlite(_) => app_db.clone(),
        Engine::Postgres { inspect, .. } => sea_orm::Database::connect(inspect.as_str())
            .await
            .expect("connect as the superuser"),
    };
    let application = Application::build_with_database(settings.clone(), app_db.clone())
        .await
        .expect("build the application");
    let address = format!("http://127.0.0.1:{}", application.port());
    let clock = application.state().clock.clone();
    tokio::spawn(application.run_until_stopped());
    TestApp {
        address,
        clock,
        settings,
        client: Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        db,
        app_db,
        engine,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        match &self.engine {
            Engine::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Engine::Postgres {
                admin_url, name, ..
            } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs outside async: use a small runtime of its own on a thread.
                let _ = std::thread::spawn(move || {
                    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    runtime.block_on(async move {
                        if let Ok(admin) = sea_orm::Database::connect(&admin_url).await {
                            let _ = admin
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                ))
                                .await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// An owner's session after sign-up.
pub struct Owner {
    pub email: String,
    pub access_token: String,
    pub refresh_token: String,
    pub restaurant_id: Uuid,
    pub account_id: Uuid,
}

impl TestApp {
    /// Starts a second replica of the application over the same database, as a
    /// deployment behind a load balancer would, and returns its address.
    pub async fn spawn_replica(&self) -> String {
        let replica = Application::build_with_database(self.settings.clone(), self.app_db.clone())
            .await
            .expect("build a replica");
        let address = format!("http://127.0.0.1:{}", replica.port());
        tokio::spawn(replica.run_until_stopped());
        address
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn get_with(&self, path: &str, token: &str) -> Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
    }

    /// How `GET /members/{member}/permissions` explains one code, as seen with `token`.
    pub async fn decision(&self, member: uuid::Uuid, token: &str, code: &str) -> serde_json::Value {
        let explained: serde_json::Value = self
            .get_with(&format!("/api/v1/members/{member}/permissions"), token)
            .await
            .json()
            .await
            .expect("an explanation");
        explained["permissions"]
            .as_array()
            .and_then(|all| all.iter().find(|d| d["code"] == code).cloned())
            .unwrap_or_else(|| panic!("no decision for {code}"))
    }

    /// A JSON request with an access token.
    pub async fn send_with(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: &Value,
    ) -> Response {
        self.client
            .request(method, self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn signup_body(&self, body: &Value) -> Response {
        self.post_json("/api/v1/auth/signup", body).await
    }

    /// Signs up a restaurant with a unique owner email.
    pub async fn signup(&self, restaurant: &str) -> Owner {
        let email = format!("owner-{}@example.com", Uuid::new_v4().simple());
        let response = self
            .signup_body(&json!({
                "restaurant_name": restaurant,
                "owner_name": "Ana Duval",
                "email": email,
                "password": PASSWORD,
                "table_count": 12,
            }))
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let tokens: Value = response.json().await.expect("json");
        let access_token = tokens["access_token"].as_str().expect("access").to_owned();
        let me: Value = self
            .get_with("/api/v1/me", &access_token)
            .await
            .json()
            .await
            .expect("me");
        Owner {
            email,
            refresh_token: tokens["refresh_token"]
                .as_str()
                .expect("refresh")
                .to_owned(),
            restaurant_id: me["active_restaurant_id"]
                .as_str()
                .and_then(|id| id.parse().ok())
                .expect("restaurant id"),
            account_id: me["account"]["id"]
                .as_str()
                .and_then(|id| id.parse().ok())
                .expect("account id"),
            access_token,
        }
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post_json(
            "/api/v1/auth/login",
            &json!({ "email": email, "password": password }),
        )
        .await
    }

    /// Adds a person with a system role to a restaurant, through the same store
    /// function sign-up and the team use, and returns their membership and access token.
    pub async fn add_member(&self, restaurant_id: Uuid, role: &str) -> (Uuid, String) {
        let email = format!("{role}-{}@example.com", Uuid::new_v4().simple());
        let role: SystemRole = role.parse().expect("a system role");
        let txn = Tenant::new(restaurant_id)
            .write(&self.app_db)
            .await
            .expect("a transaction");
        let added = team::add_person(
            &txn,
            NewPerson {
                email: &email,
                name: &format!("A {role}"),
                password_hash: password::hash(PASSWORD.into()).await.expect("hash"),
                must_change_password: false,
                role,
                last_activity_at: None,
            },
        )
        .await
        .expect("add the person")
        .expect("a new email");
        txn.commit().await.expect("commit");
        let response = self.login(&email, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK);
        let tokens: Value = response.json().await.expect("json");
        (
            added.membership_id,
            tokens["access_token"].as_str().expect("token").to_owned(),
        )
    }

    /// What a restaurant looks like through its owner's eyes — its team, every
    /// member's explained permissions, its roles and its audit trail — to show that
    /// something changed nothing (last activity aside, which reading itself touches).
    pub async fn restaurant_state(&self, owner_token: &str) -> Value {
        let get = |path: String| async move {
            let response = self.get_with(&path, owner_token).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            response.json::<Value>().await.expect("json")
        };
        let mut members = get("/api/v1/members?limit=100".into()).await;
        let mut explanations = Vec::new();
        for member in members["items"].as_array_mut().expect("items") {
            if let Some(fields) = member.as_object_mut() {
                fields.remove("last_activity_at");
            }
            let id = member["id"].as_str().expect("id").to_owned();
            explanations.push(get(format!("/api/v1/members/{id}/permissions")).await);
        }
        json!({
            "members": members,
            "explanations": explanations,
            "roles": get("/api/v1/roles".into()).await,
            "zones": get("/api/v1/zones".into()).await,
            "tables": get("/api/v1/tables".into()).await,
            "codes": get("/api/v1/tables/qr".into()).await,
            "settings": get("/api/v1/restaurant/settings".into()).await,
            "service": get("/api/v1/service-grid?date=2026-12-03".into()).await,
            "audit": get("/api/v1/audit?limit=100".into()).await,
        })
    }

    /// The effective permission codes `/me` reports for this access token.
    pub async fn permissions_of(&self, token: &str) -> Vec<String> {
        let me: Value = self
            .get_with("/api/v1/me", token)
            .await
            .json()
            .await
            .expect("me");
        me["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|code| code.as_str().map(str::to_owned))
            .collect()
    }

    /// Moves a restaurant's access version, as every change through the API does: a
    /// test that changes permissions straight in the database must, or every process
    /// keeps serving what it remembers.
    pub async fn bump_access_version(&self, restaurant_id: Uuid) {
        let done = self
            .db
            .execute(Statement::from_sql_and_values(
                self.db.get_database_backend(),
                match self.db.get_database_backend() {
                    sea_orm::DatabaseBackend::Postgres => {
                        "UPDATE restaurant_versions SET access = access + 1 WHERE restaurant_id = $1"
                    }
                    _ => "UPDATE restaurant_versions SET access = access + 1 WHERE restaurant_id = ?",
                },
                [restaurant_id.into()],
            ))
            .await
            .expect("bump the access version");
        assert_eq!(done.rows_affected(), 1);
    }

    /// Makes every write to the audit trail fail, to show that a change never commits
    /// without its audit entry.
    pub async fn refuse_audit_writes(&self) {
        let statements: &[&str] = match self.db.get_database_backend() {
            sea_orm::DatabaseBackend::Sqlite => {
                &["CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END"]
            }
            _ => &[
                "CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit refused by the test'; END $$ LANGUAGE plpgsql",
                "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()",
            ],
        };
        for statement in statements {
            self.db
                .execute_unprepared(statement)
                .await
                .expect("install the trigger");
        }
    }

    /// Makes an existing account a member of another restaurant straight in the
    /// database (no API does: invitations will, once the email is proved). Returns the
    /// membership's id.
    pub async fn join(
        &self,
        account_id: Uuid,
        restaurant_id: Uuid,
        role: &str,
        active: bool,
    ) -> Uuid {
        use sea_orm::{ActiveModelTrait, Set};
        let id = Uuid::new_v4();
        let now = chrono::Utc::now() + chrono::Duration::seconds(1);
        brigade_server::entities::membership::ActiveModel {
            id: Set(id),
            tenant_id: Set(restaurant_id),
            account_id: Set(account_id),
            role: Set(role.into()),
            permission_overrides: Set(json!({})),
            active: Set(active),
            last_activity_at: Set(None),
            display_name: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.db)
        .await
        .expect("a membership in another restaurant");
        // Every process must read that restaurant's access and team again.
        self.execute(
            "UPDATE restaurant_versions SET access = access + 1, team = team + 1 \
             WHERE restaurant_id = $1",
            vec![restaurant_id.into()],
        )
        .await
        .expect("move the restaurant's versions");
        id
    }

    /// Runs one statement on the test's connection, to set a scene or to show what the
    /// database refuses. Placeholders are written `$1`, `$2`… for both engines.
    pub async fn execute(
        &self,
        sql: &str,
        values: Vec<sea_orm::Value>,
    ) -> Result<sea_orm::ExecResult, sea_orm::DbErr> {
        let backend = self.db.get_database_backend();
        let sql = match backend {
            sea_orm::DatabaseBackend::Postgres => sql.to_owned(),
            _ => sql.replace('$', "?"),
        };
        self.db
            .execute(Statement::from_sql_and_values(backend, sql, values))
            .await
    }

    /// Gives a member, on top of their role, a new custom role granting `permissions`
    /// (created by the owner).
    pub async fn give_custom_role(
        &self,
        owner_token: &str,
        member: Uuid,
        name: &str,
        permissions: &[&str],
    ) {
        let role: Value = self
            .send_with(
                reqwest::Method::POST,
                "/api/v1/roles",
                owner_token,
                &json!({ "name": name, "color": "#2f855a", "permissions": permissions }),
            )
            .await
            .json()
            .await
            .expect("a role");
        let held = self
            .send_with(
                reqwest::Method::PATCH,
                &format!("/api/v1/members/{member}"),
                owner_token,
                &json!({ "custom_role_ids": [role["id"]] }),
            )
            .await;
        assert_eq!(held.status(), StatusCode::OK);
    }

    /// The email of the account a token belongs to.
    pub async fn email_of(&self, token: &str) -> String {
        let me: Value = self
            .get_with("/api/v1/me", token)
            .await
            .json()
            .await
            .expect("/me");
        me["account"]["email"]
            .as_str()
            .expect("an email")
            .to_owned()
    }

    /// Moves the application's time forward (expiries), not the database's.
    pub fn advance(&self, by: chrono::Duration) {
        self.clock.advance(by);
    }

    /// The messages of one kind put in the outbox for a recipient, oldest first.
    pub async fn outbox(
        &self,
        recipient: &str,
        kind: &str,
    ) -> Vec<brigade_server::entities::mail_message::Model> {
        use brigade_server::entities::mail_message::{Column, Entity};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        Entity::find()
            .filter(Column::Recipient.eq(recipient))
            .filter(Column::Kind.eq(kind))
            .order_by_asc(Column::CreatedAt)
            .all(&self.db)
            .await
            .expect("the outbox")
    }

    /// The outbox once it holds `n` messages of a kind for a recipient (or after 5 s).
    pub async fn outbox_of(
        &self,
        recipient: &str,
        kind: &str,
        n: usize,
    ) -> Vec<brigade_server::entities::mail_message::Model> {
        for _ in 0..50 {
            let messages = self.outbox(recipient, kind).await;
            if messages.len() >= n {
                return messages;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        self.outbox(recipient, kind).await
    }

    /// The secret of the latest link of one kind sent to a recipient, read from its
    /// plain-text body in the outbox.
    pub async fn link_secret(&self, recipient: &str, kind: &str) -> String {
        // Some messages are posted just after the answer (a password reset's).
        let mut messages = self.outbox(recipient, kind).await;
        for _ in 0..50 {
            if !messages.is_empty() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            messages = self.outbox(recipient, kind).await;
        }
        let last = messages
            .last()
            .unwrap_or_else(|| panic!("no {kind} message for {recipient}"));
        secret_in(&last.text).unwrap_or_else(|| panic!("no link in {}", last.text))
    }

    /// Counts rows of a table (to show that a refused request changed nothing).
    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .db
            .query_one(Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("count")
            .expect("a row");
        row.try_get::<i64>("", "n").expect("n")
    }
}

/// The secret of the first `token=` link in a text.
pub fn secret_in(text: &str) -> Option<String> {
    let start = text.find("token=")? + "token=".len();
    Some(
        text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect(),
    )
}

/// Asserts a problem+json response with this status and code, and returns it.
pub async fn assert_problem(response: Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(response.status(), status);
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.expect("problem json");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status.as_u16());
    body
}

/// A problem without its request id: two refusals that must not be told apart differ
/// only by it.
pub fn refusal(mut problem: Value) -> Value {
    if let Some(fields) = problem.as_object_mut() {
        assert!(
            fields.remove("request_id").is_some(),
            "a problem carries its request id"
        );
    }
    problem
}
