//! Building and running the application: connect and migrate the database, bind the
//! listener (port 0 picks a free port, which tests use), and serve the API, its
//! OpenAPI document, the docs UI and the browser app from one process.

use std::net::TcpListener;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use anyhow::Context;
use brigade_domain::errors::ErrorCode;
use brigade_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::pool::PoolOptions;
use sea_orm::sqlx::postgres::{PgConnectOptions, Postgres};
use sea_orm::sqlx::sqlite::{Sqlite, SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::sqlx::{self, ConnectOptions as _};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, SqlxPostgresConnector, SqlxSqliteConnector,
    TransactionTrait,
};
use utoipa_actix_web::{scope, AppExt};
use utoipa_swagger_ui::SwaggerUi;

use crate::accounts::password;
use crate::audit::refusals;
use crate::config::Settings;
use crate::mail::Mailer;
use crate::platform::clock::Clock;
use crate::platform::{headers, ApiError, AppState};
use crate::sessions::tokens::TokenKeys;
use crate::{browser_app, openapi, routes, telemetry};

/// The largest JSON body accepted.
pub const JSON_LIMIT: usize = 64 * 1024;

/// A built application, bound and ready to run.
pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
}

/// How long a pooled connection may sit unused before it is tested (one round trip)
/// on its way out: the database or a firewall may have dropped it meanwhile. One in
/// steady use needs no test, the pool has just tested it when it came back.
const IDLE_BEFORE_TEST: Duration = Duration::from_secs(1);

fn pool_options<DB: sqlx::Database>(settings: &Settings) -> PoolOptions<DB> {
    PoolOptions::new()
        .max_connections(settings.database_pool)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .test_before_acquire(false)
        .before_acquire(|connection, meta| {
            Box::pin(async move {
                if meta.idle_for >= IDLE_BEFORE_TEST {
                    sqlx::Connection::ping(connection).await?;
                }
                Ok(true)
            })
        })
}

/// Connects to the configured database and brings its schema up to date.
pub async fn connect(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    if settings.is_sqlite() {
        let url = settings.database_url.expose();
        let path = url
            .trim_start_matches("sqlite://")
            .trim_start_matches("sqlite:");
        let path = path.split('?').next().unwrap_or_default();
        if let Some(parent) = std::path::Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
    }
    let url = settings.database_url.expose();
    let db = if settings.is_sqlite() {
        let options = SqliteConnectOptions::from_str(url)
            .context("DATABASE_URL is not a valid SQLite address")?
            .disable_statement_logging()
            // Write-ahead logging lets readers go on while the one writer writes; each
            // commit is synced to the log before it is answered, so a deactivation
            // the owner saw succeed survives a power cut too.
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full);
        // The schema changes on one connection of its own: a pool's other connections
        // could run a migration's next statement against the schema as it was.
        let migrator = pool_options::<Sqlite>(settings)
            .max_connections(1)
            .connect_with(options.clone())
            .await
            .context("cannot connect to the database")?;
        let migrator = SqlxSqliteConnector::from_sqlx_sqlite_pool(migrator);
        migrate(&migrator)
            .await
            .context("cannot apply the database migrations")?;
        migrator
            .close()
            .await
            .context("closing the migrations' connection")?;
        let pool = pool_options::<Sqlite>(settings)
            .connect_with(options)
            .await
            .context("cannot connect to the database")?;
        SqlxSqliteConnector::from_sqlx_sqlite_pool(pool)
    } else {
        let options = PgConnectOptions::from_str(url)
            .context("DATABASE_URL is not a valid PostgreSQL address")?
            .disable_statement_logging();
        let pool = pool_options::<Postgres>(settings)
            .connect_with(options)
            .await
            .context("cannot connect to the database")?;
        SqlxPostgresConnector::from_sqlx_postgres_pool(pool)
    };
    migrate(&db)
        .await
        .context("cannot apply the database migrations")?;
    warn_if_row_security_is_bypassed(&db).await;
    Ok(db)
}

/// Row-level security (PostgreSQL's second line of tenant isolation) does not apply to
/// a superuser or a `BYPASSRLS` role: say so when Brigade connects as one.
#[allow(clippy::disallowed_methods)] // a question about the connection, not tenant data
async fn warn_if_row_security_is_bypassed(db: &DatabaseConnection) {
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return;
    }
    let statement = sea_orm::Statement::from_string(
        sea_orm::DatabaseBackend::Postgres,
        "SELECT (rolsuper OR rolbypassrls) AS bypasses FROM pg_roles WHERE rolname = current_user",
    );
    let bypasses = db
        .query_one(statement)
        .await
        .ok()
        .flatten()
        .and_then(|row| row.try_get::<bool>("", "bypasses").ok());
    if bypasses == Some(true) {
        tracing::warn!(
            "the database role is a superuser or has BYPASSRLS: row-level security does not \
             apply to it; connect as an ordinary role that owns the tables"
        );
    }
}

/// Brings the schema up to date. On PostgreSQL, replicas starting together take turns
/// behind an advisory lock, in one transaction (PostgreSQL's DDL is transactional).
#[allow(clippy::disallowed_methods)] // the advisory lock replicas take turns behind
async fn migrate(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return Migrator::up(db, None).await;
    }
    let txn = db.begin().await?;
    txn.execute_unprepared("SELECT pg_advisory_xact_lock(4242424242)")
        .await?;
    Migrator::up(&txn, None).await?;
    txn.commit().await
}

fn json_error(error: JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    let api = match &error {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            ApiError::with_detail(
                ErrorCode::PayloadTooLarge,
                format!("the body must be at most {JSON_LIMIT} bytes"),
            )
        }
        JsonPayloadError::ContentType => ApiError::with_detail(
            ErrorCode::UnsupportedMediaType,
            "send Content-Type: application/json",
        ),
        JsonPayloadError::Deserialize(cause) => {
            ApiError::with_detail(ErrorCode::MalformedBody, cause.to_string())
        }
        _ => ApiError::Code(ErrorCode::MalformedBody, None),
    };
    api.into()
}

fn query_error(error: QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    ApiError::with_detail(ErrorCode::InvalidParameter, error.to_string()).into()
}

fn path_error(error: PathError, _: &HttpRequest) -> actix_web::Error {
    ApiError::with_detail(ErrorCode::InvalidParameter, error.to_string()).into()
}

/// `/api/docs` leads to the docs UI.
async fn to_docs() -> HttpResponse {
    HttpResponse::Found()
        .insert_header(("Location", "/api/docs/"))
        .finish()
}

/// The OpenAPI document at `/api/openapi.json`, and the docs UI at `/api/docs/` unless
/// `BRIGADE_DOCS=false`.
fn docs(config: &mut web::ServiceConfig, settings: &Settings, document: &utoipa::openapi::OpenApi) {
    if settings.docs_ui {
        config
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", document.clone()))
            .route("/api/docs", web::get().to(to_docs));
    } else {
        let document = document.clone();
        config.route(
            "/api/openapi.json",
            web::get().to(move || {
                let document = document.clone();
                async move { HttpResponse::Ok().json(document) }
            }),
        );
    }
}

impl Application {
    /// Connects, migrates and binds, without serving yet.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let db = connect(&settings).await?;
        Self::build_with_database(settings, db).await
    }

    /// Binds the application over an existing, migrated database connection.
    pub async fn build_with_database(
        mut settings: Settings,
        db: DatabaseConnection,
    ) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        // Links in mail name the port actually bound when none was configured.
        if let Some(base) = settings.public_url.strip_suffix(":0") {
            settings.public_url = format!("{base}:{port}");
        }
        tokio::task::spawn_blocking(password::warm_up).await?;
        browser_app::warn_if_not_built(&settings.app_dir);
        let mail = Arc::new(Mailer::new(&settings)?);
        let clock = Arc::new(Clock::default());
        mail.spawn(db.clone(), Arc::clone(&clock));
        let live = Arc::new(crate::live::Live::default());
        live.spawn(db.clone());
        let images = Arc::new(crate::menu::images::ImageStore::new(
            settings.data_dir.clone(),
            settings.image_store.as_ref(),
        )?);
        let state = AppState {
            db,
            images,
            keys: Arc::new(TokenKeys::new(&settings)),
            settings: Arc::new(settings),
            access: Arc::default(),
            mail,
            clock,
            guests: Arc::default(),
            live,
        };
        let document = openapi::document();
        let shutdown_timeout = state.settings.shutdown_timeout.as_secs();
        let app_state = state.clone();
        let server = HttpServer::new(move || {
            let (app, _) = App::new()
                .into_utoipa_app()
                .configure(routes::operations)
                .configure(routes::guests)
                .service(scope::scope("/api/v1").configure(routes::api_v1))
                .split_for_parts();
            app.app_data(web::Data::new(app_state.clone()))
                .app_data(
                    web::JsonConfig::default()
                        .limit(JSON_LIMIT)
                        .error_handler(json_error),
                )
                .app_data(web::QueryConfig::default().error_handler(query_error))
                .app_data(web::PathConfig::default().error_handler(path_error))
                .configure(|config| docs(config, &app_state.settings, &document))
                // The browser app; unknown `/api/…` paths stay a `404` problem.
                .default_service(web::to(browser_app::serve))
                .wrap(Compress::default())
                .wrap(from_fn(refusals::watch))
                .wrap(from_fn(headers::secure))
                .wrap(from_fn(telemetry::trace_request))
        })
        .listen(listener)?
        .shutdown_timeout(shutdown_timeout)
        .run();
        Ok(Self {
            port,
            server,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until SIGTERM or SIGINT; then stops accepting connections and lets
    /// requests in flight finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
