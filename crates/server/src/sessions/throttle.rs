//! Throttling, shared by every replica: attempts are rows in the database.
//!
//! **Password checks** (logging in, changing one's password), within 15 minutes:
//! - 5 failures for one email *from one client address* block that pair: the person
//!   themselves, from anywhere else, still logs in — an attacker cannot lock them out;
//! - 20 failures from one client address block that address, whatever the emails;
//! - from 10 failures for one email, counted over every address, each further attempt
//!   for that email waits a pause that doubles with every failure (1 s, 2 s, 4 s… at
//!   most a minute): attackers spread over many addresses are slowed down. An address
//!   the person logged in from within 30 days is *known* and never waits, so an attack
//!   cannot keep them out from their usual places. Reaching 10 is audited in each of
//!   the person's restaurants (see [`Attempt::alarm`]).
//!
//! An attempt is written *before* the password is checked and counted with itself, so a
//! burst of parallel requests cannot slip past the limit while the slow hash runs: the
//! k-th request to arrive sees at least k rows. A success then deletes its own rows and
//! the pair's earlier failures; a failure's rows stay and count.
//!
//! **Floods** ([`flood`]): sign-ups and members created directly, per client address
//! and hour, counted the same way. **Refusals** ([`refusal`]): requests a member was
//! refused, so the audit trail can tell when they keep trying.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, Statement,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::entities::login_attempt::{self, Column};
use crate::platform::client::throttle_key;
use crate::platform::tenant::global;

pub const WINDOW_MINUTES: i64 = 15;
/// Failures for one email from one client address.
pub const PAIR_LIMIT: u64 = 5;
/// Failures from one client address, whatever the emails.
pub const CLIENT_LIMIT: u64 = 20;
/// Failures for one email over every address, from which each attempt waits a pause.
pub const SPREAD_THRESHOLD: u64 = 10;
/// The longest pause between two attempts for an email under a spread attack.
pub const SPREAD_MAX_PAUSE_SECS: i64 = 60;
/// How long an address a person logged in from stays known, exempt from the pause.
pub const KNOWN_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// One email from one client address (the key is a hash of both).
    Pair,
    /// One email, every address.
    Email,
    /// One client address, every email.
    Client,
    /// One of the [`Flood`]s.
    Flood(Flood),
    /// Requests a signed-in member was refused (see [`refusal`]).
    Refusal,
    /// A successful login for one email from one address (the key is a hash of both),
    /// remembered [`KNOWN_DAYS`].
    Known,
}

/// Creations that are limited per client address and hour (the limits are settings:
/// `BRIGADE_SIGNUP_LIMIT`, `BRIGADE_NEW_MEMBER_LIMIT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flood {
    /// Signing up a restaurant.
    Signup,
    /// Creating a member with a password the restaurant chose.
    DirectMember,
    /// Checking or using an invitation's or a password reset's link, per client
    /// address and minute (guessing a secret).
    Link,
    /// Asking for a password reset, per email and hour.
    ResetForEmail,
    /// Asking for a password reset, per client address and hour.
    ResetFromClient,
    /// Invitations sent, per restaurant and hour.
    Invitation,
    /// Verification links asked for, per account and hour.
    Verification,
    /// Guests' table pages asked for and not found, per client address and minute
    /// (guessing a table's address).
    TableScan,
    /// Team messages written, per member and minute.
    Message,
}

impl Flood {
    fn window(self) -> Duration {
        match self {
            Flood::Link | Flood::TableScan | Flood::Message => Duration::minutes(1),
            _ => Duration::hours(1),
        }
    }
}

impl Scope {
    fn as_str(self) -> &'static str {
        match self {
            Scope::Pair => "pair",
            Scope::Email => "email",
            Scope::Client => "client",
            Scope::Flood(Flood::Signup) => "signup",
            Scope::Flood(Flood::DirectMember) => "member",
            Scope::Flood(Flood::Link) => "link",
            Scope::Flood(Flood::ResetForEmail) => "reset-mail",
            Scope::Flood(Flood::ResetFromClient) => "reset-addr",
            Scope::Flood(Flood::Invitation) => "invite",
            Scope::Flood(Flood::Verification) => "verify",
            Scope::Flood(Flood::TableScan) => "table",
            Scope::Flood(Flood::Message) => "message",
            Scope::Refusal => "refused",
            Scope::Known => "known",
        }
    }
}

fn window() -> Duration {
    Duration::minutes(WINDOW_MINUTES)
}

fn pair_key(email: &str, client: &str) -> String {
    hex::encode(Sha256::digest(format!("{email}\n{client}").as_bytes()))
}

fn since(scope: Scope, key: &str, from: DateTime<Utc>) -> sea_orm::Select<login_attempt::Entity> {
    global::find::<login_attempt::Entity>()
        .filter(Column::Scope.eq(scope.as_str()))
        .filter(Column::Key.eq(key))
        .filter(Column::AttemptedAt.gt(from))
}

/// Seconds until `key`'s count (within `span` before `now`) drops below `limit`, if it
/// is at the limit now.
async fn blocked_for<C: ConnectionTrait>(
    db: &C,
    (scope, key): (Scope, &str),
    limit: u64,
    span: Duration,
    now: DateTime<Utc>,
) -> Result<Option<u64>, DbErr> {
    let recent: Vec<DateTime<Utc>> = since(scope, key, now - span)
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
    // Once the limit-th most recent attempt leaves the window, the count drops below it.
    let releasing = recent[recent.len() - 1];
    let wait = (releasing + span - now).num_seconds().max(1);
    Ok(Some(wait as u64))
}

/// The pause an email under a spread attack is in at `now`, in seconds, if any: from
/// the threshold on, the latest failure starts a pause of 2^(failures − threshold)
/// seconds, at most [`SPREAD_MAX_PAUSE_SECS`].
async fn spread_pause<C: ConnectionTrait>(
    db: &C,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Option<u64>, DbErr> {
    let failures = since(Scope::Email, email, now - window()).count(db).await?;
    let Some(pause) = pause_after(failures) else {
        return Ok(None);
    };
    let latest: Option<DateTime<Utc>> = since(Scope::Email, email, now - window())
        .select_only()
        .column(Column::AttemptedAt)
        .order_by_desc(Column::AttemptedAt)
        .into_tuple()
        .one(db)
        .await?;
    let Some(latest) = latest else {
        return Ok(None);
    };
    let wait = (latest + pause - now).num_milliseconds();
    Ok((wait > 0).then(|| (wait as u64).div_ceil(1000)))
}

/// The pause after the latest of `failures` for one email: none below the threshold,
/// then 1 s, doubling with each failure, at most [`SPREAD_MAX_PAUSE_SECS`].
fn pause_after(failures: u64) -> Option<Duration> {
    let doublings = failures.checked_sub(SPREAD_THRESHOLD)?.min(6) as u32;
    Some(Duration::seconds(
        (1i64 << doublings).min(SPREAD_MAX_PAUSE_SECS),
    ))
}

/// Takes the advisory locks that make counts for these keys take turns on PostgreSQL
/// (SQLite has a single writer anyway), always in the order given, so never a deadlock.
#[allow(clippy::disallowed_methods)] // the advisory locks that serialise the count
async fn take_turns<C: ConnectionTrait>(db: &C, keys: &[String]) -> Result<(), DbErr> {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    for key in keys {
        db.execute(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            [key.clone().into()],
        ))
        .await?;
    }
    Ok(())
}

async fn insert<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    let id = Uuid::new_v4();
    // No read-back after the insert: a concurrent success may already have cleared it.
    global::insert(login_attempt::ActiveModel {
        id: Set(id),
        scope: Set(scope.as_str().to_owned()),
        key: Set(key.to_owned()),
        attempted_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

async fn forget<C: ConnectionTrait>(db: &C, rows: &[Uuid]) -> Result<(), DbErr> {
    global::delete_many::<login_attempt::Entity>()
        .filter(Column::Id.is_in(rows.iter().copied()))
        .exec(db)
        .await
        .map(|_| ())
}

/// A password check under way, counted against its email, its (email, address) pair
/// and its client address.
#[derive(Debug)]
pub struct Attempt {
    rows: [Uuid; 3],
    pair: String,
    /// This failure, if it is one, brings the email to [`SPREAD_THRESHOLD`].
    alarming: bool,
}

/// Counts a password check before the password is checked. `Err(seconds)` when the
/// pair or the client address is over its limit, or the email is in a pause: the
/// attempt is then not counted.
pub async fn begin(
    db: &DatabaseConnection,
    email: &str,
    client: &str,
) -> Result<Result<Attempt, u64>, DbErr> {
    let client = &throttle_key(client);
    let pair = pair_key(email, client);
    let txn = global::write(db).await?;
    take_turns(
        &txn,
        &[
            format!("login-email:{email}"),
            format!("login-client:{client}"),
        ],
    )
    .await?;
    let now = Utc::now();
    global::delete_many::<login_attempt::Entity>()
        .filter(Column::Scope.is_in(["pair", "email", "client"]))
        .filter(Column::AttemptedAt.lte(now - window()))
        .exec(&txn)
        .await?;
    global::delete_many::<login_attempt::Entity>()
        .filter(Column::Scope.eq(Scope::Known.as_str()))
        .filter(Column::AttemptedAt.lte(now - Duration::days(KNOWN_DAYS)))
        .exec(&txn)
        .await?;
    let known = since(Scope::Known, &pair, now - Duration::days(KNOWN_DAYS))
        .count(&txn)
        .await?
        > 0;
    if !known {
        if let Some(wait) = spread_pause(&txn, email, now).await? {
            txn.commit().await?;
            return Ok(Err(wait));
        }
    }
    let mut rows = [Uuid::nil(); 3];
    let keys = [
        (Scope::Pair, pair.as_str()),
        (Scope::Email, email),
        (Scope::Client, client),
    ];
    for (row, (scope, key)) in rows.iter_mut().zip(keys) {
        *row = insert(&txn, scope, key, now).await?;
    }
    let from = now - window();
    let over_pair = since(Scope::Pair, &pair, from).count(&txn).await? > PAIR_LIMIT;
    let over_client = since(Scope::Client, client, from).count(&txn).await? > CLIENT_LIMIT;
    if over_pair || over_client {
        forget(&txn, &rows).await?;
        let by_pair = blocked_for(&txn, keys[0], PAIR_LIMIT, window(), now).await?;
        let by_client = blocked_for(&txn, keys[2], CLIENT_LIMIT, window(), now).await?;
        txn.commit().await?;
        return Ok(Err(by_pair.into_iter().chain(by_client).max().unwrap_or(1)));
    }
    let alarming = since(Scope::Email, email, from).count(&txn).await? == SPREAD_THRESHOLD;
    txn.commit().await?;
    Ok(Ok(Attempt {
        rows,
        pair,
        alarming,
    }))
}

impl Attempt {
    /// The password was right: forget this attempt and the pair's earlier failures. The
    /// address keeps its other failures, and the email the ones from other addresses.
    /// The address becomes known for the email (see [`KNOWN_DAYS`]).
    /// Successes of one pair take turns: two logins at once each delete their own
    /// attempt, then the pair's rows, and would otherwise wait on each other's.
    pub async fn succeeded<C: ConnectionTrait>(self, db: &C) -> Result<(), DbErr> {
        take_turns(db, &[format!("login-pair:{}", self.pair)]).await?;
        forget(db, &self.rows).await?;
        global::delete_many::<login_attempt::Entity>()
            .filter(Column::Scope.is_in([Scope::Pair.as_str(), Scope::Known.as_str()]))
            .filter(Column::Key.eq(&self.pair))
            .exec(db)
            .await?;
        insert(db, Scope::Known, &self.pair, Utc::now())
            .await
            .map(|_| ())
    }

    /// Whether this attempt, having failed, is the one that brought its email to
    /// [`SPREAD_THRESHOLD`] failures: the person's restaurants are then told.
    pub fn alarm(&self) -> bool {
        self.alarming
    }
}

/// Counts one creation of `kind` from `client`; `Err(seconds)` when the address is over
/// `limit` in the last hour (the creation is then not counted).
pub async fn flood(
    db: &DatabaseConnection,
    kind: Flood,
    client: &str,
    limit: u64,
) -> Result<Result<(), u64>, DbErr> {
    let client = &throttle_key(client);
    let scope = Scope::Flood(kind);
    let txn = global::write(db).await?;
    take_turns(&txn, &[format!("flood-{}:{client}", scope.as_str())]).await?;
    let now = Utc::now();
    global::delete_many::<login_attempt::Entity>()
        .filter(Column::Scope.eq(scope.as_str()))
        .filter(Column::AttemptedAt.lte(now - kind.window()))
        .exec(&txn)
        .await?;
    let row = insert(&txn, scope, client, now).await?;
    if since(scope, client, now - kind.window())
        .count(&txn)
        .await?
        > limit
    {
        forget(&txn, &[row]).await?;
        let wait = blocked_for(&txn, (scope, client), limit, kind.window(), now).await?;
        txn.commit().await?;
        return Ok(Err(wait.unwrap_or(1)));
    }
    txn.commit().await?;
    Ok(Ok(()))
}

/// Counts one request refused to `key` (a membership) and returns how many it was
/// refused in the last 15 minutes, this one included.
pub async fn refusal(db: &DatabaseConnection, key: &str) -> Result<u64, DbErr> {
    let txn = global::write(db).await?;
    take_turns(&txn, &[format!("refused:{key}")]).await?;
    let now = Utc::now();
    global::delete_many::<login_attempt::Entity>()
        .filter(Column::Scope.eq(Scope::Refusal.as_str()))
        .filter(Column::AttemptedAt.lte(now - window()))
        .exec(&txn)
        .await?;
    insert(&txn, Scope::Refusal, key, now).await?;
    let count = since(Scope::Refusal, key, now - window())
        .count(&txn)
        .await?;
    txn.commit().await?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pause_starts_at_the_threshold_and_doubles_up_to_a_minute() {
        let pauses: Vec<Option<i64>> = [0, 9, 10, 11, 12, 15, 16, 17, 500]
            .into_iter()
            .map(|failures| pause_after(failures).map(|pause| pause.num_seconds()))
            .collect();
        assert_eq!(
            pauses,
            [
                None,
                None,
                Some(1),
                Some(2),
                Some(4),
                Some(32),
                Some(60),
                Some(60),
                Some(60)
            ]
        );
    }

    #[test]
    fn a_pair_key_names_neither_the_email_nor_the_address() {
        let key = pair_key("ana@example.com", "192.0.2.7");
        assert_eq!(key.len(), 64);
        assert!(!key.contains("ana") && !key.contains("192"));
        assert_ne!(key, pair_key("ana@example.com", "192.0.2.8"));
    }
}
