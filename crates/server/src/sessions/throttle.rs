//! Login throttling: after 5 failed logins for one email, or 20 from one client
//! address, within 15 minutes, further attempts get `429` until the window has moved
//! on. Attempts are rows in the database, so every replica sees the same counts.
//!
//! An attempt is written *before* the password is checked and counted with itself, so a
//! burst of parallel requests cannot slip past the limit while the slow hash runs: the
//! k-th request to arrive sees at least k rows. A success then deletes its own row and
//! resets the email's count; a failure's row stays and counts.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, Statement,
};
use uuid::Uuid;

use crate::entities::login_attempt::{self, Column};
use crate::platform::tenant::global;

pub const WINDOW_MINUTES: i64 = 15;
pub const EMAIL_LIMIT: u64 = 5;
pub const CLIENT_LIMIT: u64 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Email,
    Client,
}

impl Scope {
    fn as_str(self) -> &'static str {
        match self {
            Scope::Email => "email",
            Scope::Client => "client",
        }
    }

    fn limit(self) -> u64 {
        match self {
            Scope::Email => EMAIL_LIMIT,
            Scope::Client => CLIENT_LIMIT,
        }
    }
}

fn window() -> Duration {
    Duration::minutes(WINDOW_MINUTES)
}

fn in_window(
    scope: Scope,
    key: &str,
    now: DateTime<Utc>,
) -> sea_orm::Select<login_attempt::Entity> {
    global::find::<login_attempt::Entity>()
        .filter(Column::Scope.eq(scope.as_str()))
        .filter(Column::Key.eq(key))
        .filter(Column::AttemptedAt.gt(now - window()))
}

/// Seconds until `key`'s count drops below its limit, if it is at the limit now.
async fn blocked_for<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Option<u64>, DbErr> {
    let limit = scope.limit();
    let recent: Vec<DateTime<Utc>> = in_window(scope, key, now)
        .select_only()
        .column(Column::AttemptedAt)
        .order_by_desc(Column::AttemptedAt)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    if (recent.len() as u64) < limit {
        return Ok(None);
    }
    // Once the limit-th most recent failure leaves the window, the count drops below it.
    let releasing = recent[recent.len() - 1];
    let wait = (releasing + window() - now).num_seconds().max(1);
    Ok(Some(wait as u64))
}

/// A login attempt under way, counted against its email and client address.
#[derive(Debug)]
pub struct Attempt {
    email_row: Uuid,
    client_row: Uuid,
}

/// Counts an attempt before the password is checked. `Err(seconds)` when the email or
/// the client address is over its limit: the attempt is then not counted.
#[allow(clippy::disallowed_methods)] // the advisory locks that serialise the count
pub async fn begin(
    db: &DatabaseConnection,
    email: &str,
    client: &str,
) -> Result<Result<Attempt, u64>, DbErr> {
    // Attempts for one email or one client address are counted one at a time, in a
    // transaction: SQLite has a single writer anyway; PostgreSQL takes an advisory lock
    // per email and per client address (always in that order, so never a deadlock).
    let txn = global::write(db).await?;
    if db.get_database_backend() == DatabaseBackend::Postgres {
        for key in [
            format!("login-email:{email}"),
            format!("login-client:{client}"),
        ] {
            txn.execute(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "SELECT pg_advisory_xact_lock(hashtext($1))",
                [key.into()],
            ))
            .await?;
        }
    }
    let outcome = count_attempt(&txn, email, client).await?;
    txn.commit().await?;
    Ok(outcome)
}

async fn count_attempt<C: ConnectionTrait>(
    db: &C,
    email: &str,
    client: &str,
) -> Result<Result<Attempt, u64>, DbErr> {
    let now = Utc::now();
    global::delete_many::<login_attempt::Entity>()
        .filter(Column::AttemptedAt.lte(now - window()))
        .exec(db)
        .await?;
    let mut rows = [Uuid::nil(); 2];
    for (row, (scope, key)) in rows
        .iter_mut()
        .zip([(Scope::Email, email), (Scope::Client, client)])
    {
        *row = Uuid::new_v4();
        // No read-back after the insert: a concurrent success may already have
        // cleared this email's rows.
        global::insert(login_attempt::ActiveModel {
            id: Set(*row),
            scope: Set(scope.as_str().to_owned()),
            key: Set(key.to_owned()),
            attempted_at: Set(now),
        })
        .exec_without_returning(db)
        .await?;
    }
    let attempt = Attempt {
        email_row: rows[0],
        client_row: rows[1],
    };
    let over_email = in_window(Scope::Email, email, now).count(db).await? > EMAIL_LIMIT;
    let over_client = in_window(Scope::Client, client, now).count(db).await? > CLIENT_LIMIT;
    if !(over_email || over_client) {
        return Ok(Ok(attempt));
    }
    global::delete_many::<login_attempt::Entity>()
        .filter(Column::Id.is_in([attempt.email_row, attempt.client_row]))
        .exec(db)
        .await?;
    let by_email = blocked_for(db, Scope::Email, email, now).await?;
    let by_client = blocked_for(db, Scope::Client, client, now).await?;
    Ok(Err(by_email
        .into_iter()
        .chain(by_client)
        .max()
        .unwrap_or(1)))
}

impl Attempt {
    /// The password was right: forget this attempt and the email's earlier failures
    /// (the client address keeps its other failures).
    pub async fn succeeded<C: ConnectionTrait>(self, db: &C, email: &str) -> Result<(), DbErr> {
        global::delete_many::<login_attempt::Entity>()
            .filter(Column::Id.eq(self.client_row))
            .exec(db)
            .await?;
        global::delete_many::<login_attempt::Entity>()
            .filter(Column::Scope.eq(Scope::Email.as_str()))
            .filter(Column::Key.eq(email))
            .exec(db)
            .await
            .map(|_| ())
    }
}
