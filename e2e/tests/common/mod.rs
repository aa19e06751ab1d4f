//! Starts the real `brigade` binary (`BRIGADE_BIN`, built by `make test`) on port 0 —
//! the server picks a free port and prints it, so no two tests can race for one — with
//! a fresh SQLite database in a temporary directory, and stops it at the end.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::Client;
use serde_json::{json, Value};

pub const PASSWORD: &str = "a long kitchen phrase";

pub struct Brigade {
    pub base: String,
    pub client: Client,
    pub child: Option<Child>,
    pub data_dir: PathBuf,
    pub log_path: PathBuf,
}

pub fn binary() -> PathBuf {
    std::env::var_os("BRIGADE_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../target/debug/brigade"
            ))
        })
}

/// How the binary's output begins the line that says where it listens.
const LISTENING: &str = "Brigade is listening on ";

/// The base URL a log announces (`http://127.0.0.1:43210`), once it does.
pub fn announced_address(log: &str) -> Option<String> {
    log.lines()
        .find_map(|line| line.strip_prefix(LISTENING))
        .map(|url| url.trim_end_matches('/').to_owned())
}

impl Brigade {
    pub async fn start() -> Self {
        Self::start_with(&[]).await
    }

    pub async fn start_with(env: &[(&str, &str)]) -> Self {
        let data_dir =
            std::env::temp_dir().join(format!("brigade-e2e-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&data_dir).expect("data dir");
        let log_path = data_dir.join("server.log");
        let log = std::fs::File::create(&log_path).expect("log file");
        let mut command = Command::new(binary());
        command
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("BRIGADE_BIND", "127.0.0.1:0")
            .env("BRIGADE_DATA_DIR", &data_dir)
            .env("BRIGADE_LOG", "info")
            .stdout(Stdio::from(log.try_clone().expect("log")))
            .stderr(Stdio::from(log));
        for (name, value) in env {
            command.env(name, value);
        }
        let child = command
            .spawn()
            .expect("start the brigade binary (build it with `cargo build -p brigade-server`)");
        let mut brigade = Brigade {
            base: String::new(),
            client: Client::new(),
            child: Some(child),
            data_dir,
            log_path,
        };
        for _ in 0..400 {
            if let Some(address) = announced_address(&brigade.log()) {
                brigade.base = address;
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        assert!(
            !brigade.base.is_empty(),
            "brigade never said where it listens: {}",
            brigade.log()
        );
        for _ in 0..200 {
            if let Ok(response) = brigade.client.get(brigade.url("/ready")).send().await {
                if response.status().is_success() {
                    return brigade;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("brigade did not become ready: {}", brigade.log());
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log_path).unwrap_or_default()
    }

    pub async fn post(&self, path: &str, body: Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .expect("request")
    }

    pub async fn get(&self, path: &str, token: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
    }

    /// Signs up a restaurant and returns (email, tokens).
    pub async fn signup(&self, restaurant: &str) -> (String, Value) {
        let email = format!("owner-{}@example.com", uuid::Uuid::new_v4().simple());
        let response = self
            .post(
                "/api/v1/auth/signup",
                json!({ "restaurant_name": restaurant, "owner_name": "Owner", "email": email, "password": PASSWORD, "table_count": 6 }),
            )
            .await;
        assert_eq!(response.status(), 201);
        (email, response.json().await.expect("tokens"))
    }

    /// Sends SIGTERM without waiting.
    pub fn send_sigterm(&self) {
        if let Some(child) = &self.child {
            // SAFETY: kill(2) on a pid we spawned and still own.
            unsafe {
                libc::kill(child.id() as i32, libc::SIGTERM);
            }
        }
    }

    /// Waits for the process to exit.
    pub fn wait(&mut self) -> std::process::ExitStatus {
        let mut child = self.child.take().expect("running");
        child.wait().expect("exit status")
    }

    /// Waits until the log has a line containing every one of `parts`.
    pub async fn wait_for_log(&self, parts: &[&str]) {
        for _ in 0..400 {
            if self
                .log()
                .lines()
                .any(|line| parts.iter().all(|part| line.contains(part)))
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("no log line with {parts:?} in:\n{}", self.log());
    }

    pub fn address(&self) -> String {
        self.base.trim_start_matches("http://").to_owned()
    }
}

impl Drop for Brigade {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// A fresh PostgreSQL database owned by an ordinary role (row-level security applies to
/// it), for tests that run several Brigade processes over one database; dropped at the
/// end. `None` when PostgreSQL does not answer (a failure when `CI=true`).
pub struct PostgresDatabase {
    pub url: String,
    name: String,
}

const POSTGRES_HOST: &str = "127.0.0.1";
const E2E_ROLE: &str = "brigade_e2e";

fn psql(sql: &str) -> bool {
    Command::new("psql")
        .args([
            "-h",
            POSTGRES_HOST,
            "-U",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-qc",
            sql,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

impl PostgresDatabase {
    pub fn create() -> Option<Self> {
        if !psql("SELECT 1") {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "PostgreSQL is required in CI but does not answer on {POSTGRES_HOST}:5432"
            );
            eprintln!("SKIPPED: PostgreSQL does not answer on {POSTGRES_HOST}:5432");
            return None;
        }
        let name = format!("brigade_e2e_{}", uuid::Uuid::new_v4().simple());
        assert!(psql(&format!(
            "DO $$ BEGIN CREATE ROLE {E2E_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS; \
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        )));
        assert!(psql(&format!(
            "CREATE DATABASE \"{name}\" OWNER {E2E_ROLE}"
        )));
        Some(Self {
            url: format!("postgres://{E2E_ROLE}@{POSTGRES_HOST}:5432/{name}"),
            name,
        })
    }
}

impl Drop for PostgresDatabase {
    fn drop(&mut self) {
        psql(&format!(
            "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
            self.name
        ));
    }
}

/// The password an admin made by [`admin`] changes theirs to.
pub const NEW_PASSWORD: &str = "another long kitchen phrase";

/// An admin created through the API, with their temporary password changed; returns
/// their access token.
pub async fn admin(brigade: &Brigade, owner: &str) -> String {
    let email = format!("admin-{}@example.com", uuid::Uuid::new_v4().simple());
    let created = brigade
        .client
        .post(brigade.url("/api/v1/members"))
        .bearer_auth(owner)
        .json(&json!({ "email": email, "name": "Léa Admin", "temporary_password": PASSWORD, "role": "admin" }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let tokens: Value = brigade
        .post(
            "/api/v1/auth/login",
            json!({ "email": email, "password": PASSWORD }),
        )
        .await
        .json()
        .await
        .unwrap();
    let token = tokens["access_token"].as_str().unwrap().to_owned();
    let changed = brigade
        .client
        .post(brigade.url("/api/v1/me/password"))
        .bearer_auth(&token)
        .json(&json!({ "current_password": PASSWORD, "new_password": NEW_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert!(changed.status().is_success(), "{}", changed.status());
    let tokens: Value = brigade
        .post(
            "/api/v1/auth/login",
            json!({ "email": email, "password": NEW_PASSWORD }),
        )
        .await
        .json()
        .await
        .unwrap();
    tokens["access_token"].as_str().unwrap().to_owned()
}
