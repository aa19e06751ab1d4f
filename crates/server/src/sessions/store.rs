//! Sessions and their refresh tokens: the only code that opens, finds, rotates and ends
//! them. A session belongs to one person in one restaurant; its refresh tokens are
//! global (found by their hash, before anyone is known) and name the session's account,
//! so the session is then read through that person's scope.

use anyhow::Context;
use brigade_domain::api::TokenResponse;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set, UpdateMany,
};
use uuid::Uuid;

use super::tokens::{self, TokenKeys};
use crate::entities::{refresh_token, session};
use crate::platform::tenant::global;
use crate::platform::{AccountTxn, ApiResult, Tenant, TenantTxn};

pub use crate::entities::refresh_token::Model as RefreshToken;
pub use crate::entities::session::Model as Session;

/// How long after a refresh the same refresh token may be presented again and be taken
/// for a retry after a lost response, not for theft.
pub const RETRY_GRACE_SECS: i64 = 10;

/// When a session started at `started` ends, however often it is refreshed.
pub fn ends_at(keys: &TokenKeys, started: DateTime<Utc>) -> ApiResult<DateTime<Utc>> {
    let lifetime = Duration::from_std(keys.session_lifetime).context("the session lifetime")?;
    Ok(started + lifetime)
}

/// How a new session begins: when its person logged in, and whether its refresh
/// tokens travel in the browser's cookie.
#[derive(Debug, Clone, Copy)]
pub struct Start {
    pub at: DateTime<Utc>,
    pub in_cookie: bool,
}

impl Start {
    /// A login now.
    pub fn now(in_cookie: bool) -> Self {
        Self {
            at: Utc::now(),
            in_cookie,
        }
    }

    /// Where `session` began: a switch of restaurant continues it.
    pub fn of(session: &Session) -> Self {
        Self {
            at: session.created_at,
            in_cookie: session.refresh_in_cookie,
        }
    }
}

/// Opens a session for an account in a restaurant and issues its first tokens.
///
/// A session row names both its restaurant and its person, so either scope may write
/// it: sign-up opens the owner's in the new restaurant's transaction, login and the
/// restaurant switch in the person's.
#[allow(clippy::disallowed_methods)] // a session is both tenant- and account-owned
pub async fn open<C: ConnectionTrait>(
    db: &C,
    keys: &TokenKeys,
    account_id: Uuid,
    tenant: Tenant,
    start: Start,
) -> ApiResult<(Uuid, TokenResponse)> {
    let session_id = Uuid::new_v4();
    let started = start.at;
    session::Entity::insert(session::ActiveModel {
        id: Set(session_id),
        account_id: Set(account_id),
        tenant_id: Set(tenant.id()),
        created_at: Set(started),
        revoked_at: Set(None),
        revoked_reason: Set(None),
        refresh_in_cookie: Set(start.in_cookie),
    })
    .exec_without_returning(db)
    .await
    .context("opening a session")?;
    let issued = issue_tokens(db, keys, account_id, (session_id, started), tenant).await?;
    Ok((session_id, issued.tokens))
}

/// Tokens just issued, and the id of their refresh token.
pub struct Issued {
    pub tokens: TokenResponse,
    pub refresh_token_id: Uuid,
}

/// Issues a fresh refresh token in a session (started at `session.1`) and an access
/// token to go with it. The refresh token expires after the idle limit, and neither
/// outlives the session.
pub async fn issue_tokens<C: ConnectionTrait>(
    db: &C,
    keys: &TokenKeys,
    account_id: Uuid,
    (session_id, started): (Uuid, DateTime<Utc>),
    tenant: Tenant,
) -> ApiResult<Issued> {
    let now = Utc::now();
    let (refresh_value, refresh_hash) = tokens::new_refresh_token();
    let idle = Duration::from_std(keys.session_idle).context("the idle limit")?;
    let ends = ends_at(keys, started)?;
    let id = Uuid::new_v4();
    global::insert(refresh_token::ActiveModel {
        id: Set(id),
        session_id: Set(session_id),
        account_id: Set(Some(account_id)),
        token_hash: Set(refresh_hash),
        expires_at: Set((now + idle).min(ends)),
        used_at: Set(None),
        created_at: Set(now),
        replaced_by: Set(None),
    })
    .exec_without_returning(db)
    .await
    .context("issuing a refresh token")?;
    let (access, expires_in) =
        keys.issue_access(account_id, session_id, tenant.id(), ends.timestamp())?;
    Ok(Issued {
        tokens: TokenResponse {
            access_token: access,
            refresh_token: Some(refresh_value),
            token_type: "Bearer".into(),
            expires_in,
        },
        refresh_token_id: id,
    })
}

/// Records that the refresh which spent `spent` issued `successor`.
pub async fn replaced<C: ConnectionTrait>(db: &C, spent: Uuid, successor: Uuid) -> ApiResult<()> {
    global::update_many::<refresh_token::Entity>()
        .col_expr(refresh_token::Column::ReplacedBy, Expr::value(successor))
        .filter(refresh_token::Column::Id.eq(spent))
        .exec(db)
        .await
        .context("linking a refresh token to its successor")?;
    Ok(())
}

/// Whether presenting `token` again, already spent, is a retry after a lost response:
/// it was spent within [`RETRY_GRACE_SECS`] and the token its refresh issued was never
/// used. The successor is then revoked (spent, with no successor of its own: presented
/// later, it counts as reuse), in this transaction, and `true` returned.
pub async fn retry<C: ConnectionTrait>(db: &C, token: Uuid, now: DateTime<Utc>) -> ApiResult<bool> {
    // Retries of one token take turns (the row's lock; SQLite has one writer anyway), so
    // each finds the successor the previous retry issued, and revokes that one.
    let Some(spent) = global::find::<refresh_token::Entity>()
        .filter(refresh_token::Column::Id.eq(token))
        .lock_exclusive()
        .one(db)
        .await
        .context("reading a spent refresh token")?
    else {
        return Ok(false);
    };
    let recent = spent
        .used_at
        .is_some_and(|used| used > now - Duration::seconds(RETRY_GRACE_SECS));
    match spent.replaced_by {
        Some(successor) if recent => spend(db, successor, now).await,
        _ => Ok(false),
    }
}

/// Whether the session an access token names is still open, for its account, here.
pub async fn is_open(txn: &TenantTxn, session_id: Uuid, account_id: Uuid) -> ApiResult<bool> {
    let found = txn
        .find_by_id::<session::Entity>(session_id)
        .filter(session::Column::AccountId.eq(account_id))
        .filter(session::Column::RevokedAt.is_null())
        .one(txn)
        .await
        .context("checking the caller's session")?;
    Ok(found.is_some())
}

/// The refresh token with this value, spent or not.
pub async fn refresh_token<C: ConnectionTrait>(
    db: &C,
    value: &str,
) -> ApiResult<Option<RefreshToken>> {
    let hash = tokens::hash_refresh_token(value);
    Ok(global::find::<refresh_token::Entity>()
        .filter(refresh_token::Column::TokenHash.eq(hash))
        .one(db)
        .await
        .context("looking a refresh token up")?)
}

/// One of the person's sessions.
pub async fn session(txn: &AccountTxn, id: Uuid) -> ApiResult<Option<Session>> {
    Ok(txn
        .find::<session::Entity>()
        .filter(session::Column::Id.eq(id))
        .one(txn)
        .await
        .context("loading a session")?)
}

/// Spends a refresh token if nobody spent it first; `false` means it was already used.
pub async fn spend<C: ConnectionTrait>(db: &C, token: Uuid, now: DateTime<Utc>) -> ApiResult<bool> {
    let spent = global::update_many::<refresh_token::Entity>()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(token))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(db)
        .await
        .context("spending a refresh token")?;
    Ok(spent.rows_affected == 1)
}

/// Revokes the still-open sessions an update selects; returns how many. Their refresh
/// tokens stop working at once and their access tokens on their next request.
async fn revoke<C: ConnectionTrait>(
    db: &C,
    sessions: UpdateMany<session::Entity>,
    reason: &str,
) -> ApiResult<u64> {
    let ended = sessions
        .filter(session::Column::RevokedAt.is_null())
        .set(session::ActiveModel {
            revoked_at: Set(Some(Utc::now())),
            revoked_reason: Set(Some(reason.to_owned())),
            ..Default::default()
        })
        .exec(db)
        .await
        .context("ending sessions")?;
    Ok(ended.rows_affected)
}

/// Ends one of the person's sessions.
pub async fn revoke_session(txn: &AccountTxn, id: Uuid, reason: &str) -> ApiResult<u64> {
    let one = txn
        .update_many::<session::Entity>()
        .filter(session::Column::Id.eq(id));
    revoke(txn, one, reason).await
}

/// Ends every session of the person but `keep`, in every restaurant.
pub async fn revoke_others(txn: &AccountTxn, keep: Uuid, reason: &str) -> ApiResult<u64> {
    let others = txn
        .update_many::<session::Entity>()
        .filter(session::Column::Id.ne(keep));
    revoke(txn, others, reason).await
}

/// Ends every session of the person, in every restaurant.
pub async fn revoke_all(txn: &AccountTxn, reason: &str) -> ApiResult<u64> {
    let all = txn.update_many::<session::Entity>();
    revoke(txn, all, reason).await
}

/// Ends every session an account has in this restaurant (deactivation, removal).
pub async fn revoke_here(txn: &TenantTxn, account_id: Uuid, reason: &str) -> ApiResult<u64> {
    let here = txn
        .update_many::<session::Entity>()
        .filter(session::Column::AccountId.eq(account_id));
    revoke(txn, here, reason).await
}
