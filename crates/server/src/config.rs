//! Settings, read once at start-up from `BRIGADE_*` environment variables plus the
//! conventional `DATABASE_URL` and `RESEND_API_KEY`. Secrets never print: `Debug` masks them.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context};
use base64::Engine;
use rand::RngCore;

/// Whether this is a developer's machine or a real deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

/// The forwarded header the trusted proxies write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For: client, proxy1` (what nginx and most load balancers append).
    XForwardedFor,
    /// `Forwarded: for=client, for=proxy1` (RFC 7239).
    Forwarded,
}

impl ForwardedHeader {
    pub fn name(self) -> &'static str {
        match self {
            ForwardedHeader::XForwardedFor => "x-forwarded-for",
            ForwardedHeader::Forwarded => "forwarded",
        }
    }
}

/// A secret value that never appears in logs or `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    pub environment: Environment,
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; by default a SQLite file under `data_dir`.
    pub database_url: Secret,
    /// How many database connections the process keeps open at most. A few per core
    /// serve best: more only make the database's processes take turns for the CPU.
    pub database_pool: u32,
    pub jwt_secret: Secret,
    pub access_token_ttl: Duration,
    /// How long a session may go unused: each refresh token expires this long after it
    /// is issued (`BRIGADE_SESSION_IDLE_SECS`, default 14 days).
    pub session_idle: Duration,
    /// How long a session lasts from its login, however often it is refreshed
    /// (`BRIGADE_SESSION_LIFETIME_SECS`, default 30 days).
    pub session_lifetime: Duration,
    pub public_url: String,
    pub resend_api_key: Option<Secret>,
    pub resend_base_url: Option<String>,
    pub mail_from: String,
    /// How long in-flight requests may take to finish after SIGTERM.
    pub shutdown_timeout: Duration,
    /// The proxies in front of Brigade (`BRIGADE_TRUST_PROXY`, networks in CIDR
    /// notation): only from these peers are `Forwarded` / `X-Forwarded-For` believed,
    /// for throttling and the audit trail. Empty: the TCP peer is the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The one header those proxies write (`BRIGADE_TRUST_PROXY_HEADER`): the other is
    /// the client's own and never read.
    pub forwarded_header: ForwardedHeader,
    /// Serve the docs UI at `/api/docs/` (`BRIGADE_DOCS`, default true). The OpenAPI
    /// document stays at `/api/openapi.json` either way.
    pub docs_ui: bool,
    /// Sign-ups from one client address in an hour (`BRIGADE_SIGNUP_LIMIT`, default 10).
    pub signup_limit: u64,
    /// Members created directly (with a password the restaurant chose) from one client
    /// address in an hour (`BRIGADE_NEW_MEMBER_LIMIT`, default 60).
    pub new_member_limit: u64,
    /// The built browser app (`index.html`, its scripts, WASM and styles), served at
    /// every path outside `/api/`; relative paths start at the working directory.
    pub app_dir: PathBuf,
    /// Where products' images are kept: an S3-compatible object store when
    /// `BRIGADE_S3_BUCKET` is set, the data directory otherwise.
    pub image_store: Option<ObjectStoreSettings>,
}

/// An S3-compatible object store (`BRIGADE_S3_BUCKET`, `BRIGADE_S3_REGION` (default
/// `us-east-1`), `BRIGADE_S3_ENDPOINT` for a store other than AWS (MinIO, Garage,
/// R2…), `BRIGADE_S3_ACCESS_KEY_ID`, `BRIGADE_S3_SECRET_ACCESS_KEY`).
#[derive(Debug, Clone)]
pub struct ObjectStoreSettings {
    pub bucket: String,
    pub region: String,
    pub endpoint: Option<String>,
    pub access_key_id: String,
    pub secret_access_key: Secret,
}

/// The token issuer and audience written into and required of every access token.
pub const TOKEN_ISSUER: &str = "brigade";
pub const TOKEN_AUDIENCE: &str = "brigade-api";

impl Settings {
    /// Reads the environment of this process.
    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, so tests can configure without touching the
    /// process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let environment = match get("BRIGADE_ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("production") => Environment::Production,
            Some(other) => {
                bail!("BRIGADE_ENV must be `development` or `production`, not `{other}`")
            }
        };
        let bind: SocketAddr = get("BRIGADE_BIND")
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .context("BRIGADE_BIND must be an address such as 127.0.0.1:8080")?;
        let data_dir = PathBuf::from(get("BRIGADE_DATA_DIR").unwrap_or_else(|| "./data".into()));
        let database_url = match get("DATABASE_URL") {
            Some(url) => url,
            None => format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("brigade.sqlite3").display()
            ),
        };
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            bail!("DATABASE_URL must start with sqlite:, postgres:// or postgresql://");
        }
        let seconds = |name: &str, default: u64, max: u64| -> anyhow::Result<Duration> {
            match get(name) {
                None => Ok(Duration::from_secs(default)),
                Some(raw) => raw
                    .parse::<u64>()
                    .ok()
                    .filter(|value| (1..=max).contains(value))
                    .map(Duration::from_secs)
                    .with_context(|| format!("{name} must be a number of seconds from 1 to {max}")),
            }
        };
        const DAY: u64 = 24 * 3600;
        let count = |name: &str, default: u64| -> anyhow::Result<u64> {
            match get(name) {
                None => Ok(default),
                Some(raw) => raw
                    .parse::<u64>()
                    .ok()
                    .filter(|value| (1..=1_000_000).contains(value))
                    .with_context(|| format!("{name} must be a number from 1 to 1000000")),
            }
        };
        let jwt_secret = match get("BRIGADE_JWT_SECRET") {
            Some(secret) if secret.len() >= 32 => Secret::new(secret),
            Some(_) => bail!("BRIGADE_JWT_SECRET must be at least 32 characters"),
            None if environment == Environment::Production => {
                bail!("BRIGADE_JWT_SECRET is required when BRIGADE_ENV=production")
            }
            None => local_signing_secret(&data_dir)?,
        };
        let port = bind.port();
        Ok(Self {
            environment,
            bind,
            data_dir,
            database_url: Secret::new(database_url),
            database_pool: match get("BRIGADE_DATABASE_POOL") {
                None => 8,
                Some(raw) => raw
                    .parse::<u32>()
                    .ok()
                    .filter(|size| (1..=1000).contains(size))
                    .context(
                        "BRIGADE_DATABASE_POOL must be a number of connections from 1 to 1000",
                    )?,
            },
            jwt_secret,
            access_token_ttl: seconds("BRIGADE_ACCESS_TOKEN_TTL_SECS", 15 * 60, DAY)?,
            session_idle: seconds("BRIGADE_SESSION_IDLE_SECS", 14 * DAY, 365 * DAY)?,
            session_lifetime: seconds("BRIGADE_SESSION_LIFETIME_SECS", 30 * DAY, 365 * DAY)?,
            public_url: get("BRIGADE_PUBLIC_URL")
                .unwrap_or_else(|| format!("http://127.0.0.1:{port}")),
            resend_api_key: get("RESEND_API_KEY").map(Secret::new),
            resend_base_url: get("BRIGADE_RESEND_BASE_URL"),
            mail_from: get("BRIGADE_MAIL_FROM")
                .unwrap_or_else(|| "Brigade <no-reply@brigade.local>".into()),
            shutdown_timeout: seconds("BRIGADE_SHUTDOWN_TIMEOUT_SECS", 30, 3600)?,
            trusted_proxies: match get("BRIGADE_TRUST_PROXY") {
                None => Vec::new(),
                Some(list) if list.trim() == "false" => Vec::new(),
                Some(list) => proxy_networks(&list)?,
            },
            forwarded_header: match get("BRIGADE_TRUST_PROXY_HEADER").as_deref() {
                None | Some("x-forwarded-for") => ForwardedHeader::XForwardedFor,
                Some("forwarded") => ForwardedHeader::Forwarded,
                Some(other) => bail!(
                    "BRIGADE_TRUST_PROXY_HEADER must be `x-forwarded-for` or `forwarded`, not `{other}`"
                ),
            },
            docs_ui: match get("BRIGADE_DOCS").as_deref() {
                None | Some("true") => true,
                Some("false") => false,
                Some(other) => bail!("BRIGADE_DOCS must be `true` or `false`, not `{other}`"),
            },
            signup_limit: count("BRIGADE_SIGNUP_LIMIT", 10)?,
            new_member_limit: count("BRIGADE_NEW_MEMBER_LIMIT", 60)?,
            app_dir: PathBuf::from(
                get("BRIGADE_APP_DIR").unwrap_or_else(|| "frontend/dist".into()),
            ),
            image_store: match get("BRIGADE_S3_BUCKET") {
                None => None,
                Some(bucket) => Some(ObjectStoreSettings {
                    bucket,
                    region: get("BRIGADE_S3_REGION").unwrap_or_else(|| "us-east-1".into()),
                    endpoint: get("BRIGADE_S3_ENDPOINT"),
                    access_key_id: get("BRIGADE_S3_ACCESS_KEY_ID").ok_or_else(|| {
                        anyhow::anyhow!("BRIGADE_S3_BUCKET needs BRIGADE_S3_ACCESS_KEY_ID")
                    })?,
                    secret_access_key: Secret::new(get("BRIGADE_S3_SECRET_ACCESS_KEY").ok_or_else(
                        || anyhow::anyhow!("BRIGADE_S3_BUCKET needs BRIGADE_S3_SECRET_ACCESS_KEY"),
                    )?),
                }),
            },
        })
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.expose().starts_with("sqlite:")
    }
}

/// `10.0.0.0/8, 192.168.1.7, ::1`: networks, or single addresses, separated by commas.
fn proxy_networks(list: &str) -> anyhow::Result<Vec<ipnet::IpNet>> {
    list.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.parse::<ipnet::IpNet>()
                .or_else(|_| item.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| {
                    anyhow::anyhow!(
                        "BRIGADE_TRUST_PROXY lists the networks of the proxies in front of \
                         Brigade, such as `10.0.0.0/8, 192.168.1.7`; `{item}` is not one"
                    )
                })
        })
        .collect()
}

/// A local run without a configured secret keeps a generated one under the data
/// directory, so tokens survive restarts.
fn local_signing_secret(data_dir: &Path) -> anyhow::Result<Secret> {
    let path = data_dir.join("jwt-secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim();
        if existing.len() >= 32 {
            return Ok(Secret::new(existing));
        }
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create the data directory {}", data_dir.display()))?;
    let mut bytes = [0u8; 48];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    write_private_file(&path, &secret)
        .with_context(|| format!("cannot write the signing secret to {}", path.display()))?;
    Ok(Secret::new(secret))
}

#[cfg(unix)]
fn write_private_file(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_private_file(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(vars: &[(&str, &str)]) -> anyhow::Result<Settings> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn production_refuses_to_start_without_a_signing_secret() {
        let error = settings(&[("BRIGADE_ENV", "production")]).unwrap_err();
        assert!(error.to_string().contains("BRIGADE_JWT_SECRET"));
    }

    #[test]
    fn a_local_run_generates_a_signing_secret_and_keeps_it() {
        let dir = std::env::temp_dir().join(format!("brigade-config-{}", uuid::Uuid::new_v4()));
        let dir_str = dir.to_string_lossy().to_string();
        let first = settings(&[("BRIGADE_DATA_DIR", &dir_str)]).unwrap();
        let second = settings(&[("BRIGADE_DATA_DIR", &dir_str)]).unwrap();
        assert_eq!(first.jwt_secret, second.jwt_secret);
        assert!(first.jwt_secret.expose().len() >= 32);
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn the_default_database_is_sqlite_under_the_data_directory() {
        let s = settings(&[
            ("BRIGADE_JWT_SECRET", &"k".repeat(40)),
            ("BRIGADE_DATA_DIR", "/tmp/x"),
        ])
        .unwrap();
        assert_eq!(
            s.database_url.expose(),
            "sqlite:///tmp/x/brigade.sqlite3?mode=rwc"
        );
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(s.access_token_ttl, Duration::from_secs(900));
    }

    #[test]
    fn the_browser_app_is_served_from_frontend_dist_unless_configured() {
        let key = "k".repeat(40);
        let default = settings(&[("BRIGADE_JWT_SECRET", &key)]).unwrap();
        assert_eq!(default.app_dir, PathBuf::from("frontend/dist"));
        let configured = settings(&[
            ("BRIGADE_JWT_SECRET", &key),
            ("BRIGADE_APP_DIR", "/srv/brigade/app"),
        ])
        .unwrap();
        assert_eq!(configured.app_dir, PathBuf::from("/srv/brigade/app"));
    }

    #[test]
    fn secrets_never_show_in_debug_output() {
        let s = settings(&[
            (
                "BRIGADE_JWT_SECRET",
                "a-very-secret-signing-key-of-40-chars!!",
            ),
            ("DATABASE_URL", "postgres://user:hunter2@db/brigade"),
            ("RESEND_API_KEY", "re_live_key"),
        ])
        .unwrap();
        let printed = format!("{s:?}");
        for secret in ["a-very-secret", "hunter2", "re_live_key"] {
            assert!(!printed.contains(secret), "{secret} leaked: {printed}");
        }
    }

    #[test]
    fn token_lifetimes_are_bounded() {
        let key = "k".repeat(40);
        let error = settings(&[
            ("BRIGADE_JWT_SECRET", &key),
            ("BRIGADE_ACCESS_TOKEN_TTL_SECS", "99999999999"),
        ])
        .unwrap_err();
        assert!(error.to_string().contains("BRIGADE_ACCESS_TOKEN_TTL_SECS"));
        let error = settings(&[
            ("BRIGADE_JWT_SECRET", &key),
            ("BRIGADE_SESSION_LIFETIME_SECS", "0"),
        ])
        .unwrap_err();
        assert!(error.to_string().contains("BRIGADE_SESSION_LIFETIME_SECS"));
        let defaults = settings(&[("BRIGADE_JWT_SECRET", &key)]).unwrap();
        assert_eq!(defaults.session_idle, Duration::from_secs(14 * 24 * 3600));
        assert_eq!(
            defaults.session_lifetime,
            Duration::from_secs(30 * 24 * 3600)
        );
    }

    #[test]
    fn a_signing_secret_shorter_than_32_characters_is_refused() {
        let error = settings(&[("BRIGADE_JWT_SECRET", &"k".repeat(31))]).unwrap_err();
        assert!(
            error.to_string().contains("at least 32 characters"),
            "{error}"
        );
        assert!(settings(&[("BRIGADE_JWT_SECRET", &"k".repeat(32))]).is_ok());
    }

    #[test]
    fn trusted_proxies_are_a_list_of_networks() {
        let key = "k".repeat(40);
        let s = settings(&[
            ("BRIGADE_JWT_SECRET", &key),
            ("BRIGADE_TRUST_PROXY", "10.0.0.0/8, 192.168.1.7,::1"),
        ])
        .unwrap();
        let listed: Vec<String> = s.trusted_proxies.iter().map(|n| n.to_string()).collect();
        assert_eq!(listed, ["10.0.0.0/8", "192.168.1.7/32", "::1/128"]);
        assert!(settings(&[("BRIGADE_JWT_SECRET", &key)])
            .unwrap()
            .trusted_proxies
            .is_empty());
        for wrong in ["true", "10.0.0.0/33", "proxy.local"] {
            let error = settings(&[("BRIGADE_JWT_SECRET", &key), ("BRIGADE_TRUST_PROXY", wrong)])
                .unwrap_err();
            assert!(
                error.to_string().contains("BRIGADE_TRUST_PROXY"),
                "{wrong}: {error}"
            );
        }
    }

    #[test]
    fn a_bad_bind_address_is_a_clear_error() {
        let error = settings(&[
            ("BRIGADE_BIND", "nowhere"),
            ("BRIGADE_JWT_SECRET", &"k".repeat(40)),
        ])
        .unwrap_err();
        assert!(error.to_string().contains("BRIGADE_BIND"));
    }
}
