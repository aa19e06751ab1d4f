//! `spawn_app()`: the real application on a random port over a fresh database — a
//! SQLite file, or a new PostgreSQL database when `BRIGADE_TEST_DATABASE=postgres` —
//! dropped again when the test ends, pass or fail.

use brigade_server::auth::password;
use brigade_server::config::Settings;
use brigade_server::entities::{account, membership};
use brigade_server::startup::{connect, Application};
use chrono::Utc;
use reqwest::{Client, Response, StatusCode};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, Set, Statement};
use serde_json::{json, Value};
use uuid::Uuid;

pub const PASSWORD: &str = "a long kitchen phrase";

enum Engine {
    Sqlite(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

pub struct TestApp {
    pub address: String,
    pub settings: Settings,
    pub client: Client,
    pub db: DatabaseConnection,
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
    let id = Uuid::new_v4().simple().to_string();
    let (engine, database_url) = if uses_postgres() {
        let admin_url = postgres_admin_url();
        let name = format!("brigade_test_{id}");
        let admin = sea_orm::Database::connect(&admin_url)
            .await
            .expect("connect to PostgreSQL");
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create the test database");
        admin.close().await.ok();
        let base = admin_url
            .rsplit_once('/')
            .map(|(base, _)| base.to_owned())
            .unwrap_or(admin_url.clone());
        let url = format!("{base}/{name}");
        (Engine::Postgres { admin_url, name }, url)
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
    let db = connect(&settings).await.expect("connect and migrate");
    let application = Application::build_with_database(settings.clone(), db.clone())
        .await
        .expect("build the application");
    let address = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped());
    TestApp {
        address,
        settings,
        client: Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        db,
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
            Engine::Postgres { admin_url, name } => {
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
        let replica = Application::build_with_database(self.settings.clone(), self.db.clone())
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

    /// Adds a person with a system role to a restaurant, straight in the database
    /// (the team API arrives with team management), and returns their access token.
    pub async fn add_member(&self, restaurant_id: Uuid, role: &str) -> (Uuid, String) {
        let now = Utc::now();
        let email = format!("{role}-{}@example.com", Uuid::new_v4().simple());
        let account_id = Uuid::new_v4();
        account::ActiveModel {
            id: Set(account_id),
            email: Set(email.clone()),
            name: Set(format!("A {role}")),
            password_hash: Set(password::hash(PASSWORD.into()).await.expect("hash")),
            must_change_password: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.db)
        .await
        .expect("insert account");
        let membership_id = Uuid::new_v4();
        membership::ActiveModel {
            id: Set(membership_id),
            tenant_id: Set(restaurant_id),
            account_id: Set(account_id),
            role: Set(role.into()),
            permission_overrides: Set(json!({})),
            active: Set(true),
            last_activity_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.db)
        .await
        .expect("insert membership");
        let response = self.login(&email, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK);
        let tokens: Value = response.json().await.expect("json");
        (
            membership_id,
            tokens["access_token"].as_str().expect("token").to_owned(),
        )
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
