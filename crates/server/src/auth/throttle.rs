//! Login throttling: after 5 failed logins for one email, or 20 from one client
//! address, within 15 minutes, further attempts get `429` until the window has moved
//! on. Failures are rows in the database, so every replica counts the same ones.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use crate::entities::login_attempt::{self, Column};

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

/// Seconds to wait before `key` may try again, if it is over its limit now.
async fn blocked_for<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Option<u64>, DbErr> {
    let limit = scope.limit();
    let recent: Vec<DateTime<Utc>> = login_attempt::Entity::find()
        .select_only()
        .column(Column::AttemptedAt)
        .filter(Column::Scope.eq(scope.as_str()))
        .filter(Column::Key.eq(key))
        .filter(Column::AttemptedAt.gt(now - window()))
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

/// If this email or client address is throttled, how long to wait (the longer wait).
pub async fn check<C: ConnectionTrait>(
    db: &C,
    email: &str,
    client: &str,
) -> Result<Option<u64>, DbErr> {
    let now = Utc::now();
    let by_email = blocked_for(db, Scope::Email, email, now).await?;
    let by_client = blocked_for(db, Scope::Client, client, now).await?;
    Ok(by_email.into_iter().chain(by_client).max())
}

/// Counts one failed login against the email and the client address, and forgets
/// failures that have left the window.
pub async fn record_failure<C: ConnectionTrait>(
    db: &C,
    email: &str,
    client: &str,
) -> Result<(), DbErr> {
    let now = Utc::now();
    login_attempt::Entity::delete_many()
        .filter(Column::AttemptedAt.lte(now - window()))
        .exec(db)
        .await?;
    for (scope, key) in [(Scope::Email, email), (Scope::Client, client)] {
        login_attempt::ActiveModel {
            id: Set(Uuid::new_v4()),
            scope: Set(scope.as_str().to_owned()),
            key: Set(key.to_owned()),
            attempted_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// A successful login clears the email's failures (not the client address's).
pub async fn record_success<C: ConnectionTrait>(db: &C, email: &str) -> Result<(), DbErr> {
    login_attempt::Entity::delete_many()
        .filter(Column::Scope.eq(Scope::Email.as_str()))
        .filter(Column::Key.eq(email))
        .exec(db)
        .await
        .map(|_| ())
}
