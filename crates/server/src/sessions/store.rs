//! Sessions and their refresh tokens: the only code that opens, finds, rotates and ends
//! them. A session belongs to one person in one restaurant; its refresh tokens are
//! global (found by their hash, before anyone is known) and name the session's account,
//! so the session is then read through that person's scope.

use anyhow::Context;
use brigade_domain::api::TokenResponse;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, UpdateMany};
use uuid::Uuid;

use super::tokens::{self, TokenKeys};
use crate::entities::{refresh_token, session};
use crate::platform::tenant::global;
use crate::platform::{AccountTxn, ApiResult, Tenant, TenantTxn};

pub use crate::entities::refresh_token::Model as RefreshToken;
pub use crate::entities::session::Model as Session;

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
) -> ApiResult<(Uuid, TokenResponse)> {
    let session_id = Uuid::new_v4();
    session::Entity::insert(session::ActiveModel {
        id: Set(session_id),
        account_id: Set(account_id),
        tenant_id: Set(tenant.id()),
        created_at: Set(Utc::now()),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    })
    .exec_without_returning(db)
    .await
    .context("opening a session")?;
    let tokens = issue_tokens(db, keys, account_id, session_id, tenant).await?;
    Ok((session_id, tokens))
}

/// Issues a fresh refresh token in a session and an access token to go with it.
pub async fn issue_tokens<C: ConnectionTrait>(
    db: &C,
    keys: &TokenKeys,
    account_id: Uuid,
    session_id: Uuid,
    tenant: Tenant,
) -> ApiResult<TokenResponse> {
    let now = Utc::now();
    let (refresh_value, refresh_hash) = tokens::new_refresh_token();
    let refresh_ttl = Duration::from_std(keys.refresh_ttl).context("the refresh lifetime")?;
    global::insert(refresh_token::ActiveModel {
        id: Set(Uuid::new_v4()),
        session_id: Set(session_id),
        account_id: Set(Some(account_id)),
        token_hash: Set(refresh_hash),
        expires_at: Set(now + refresh_ttl),
        used_at: Set(None),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await
    .context("issuing a refresh token")?;
    let access = keys.issue_access(account_id, session_id, tenant.id())?;
    Ok(TokenResponse {
        access_token: access,
        refresh_token: refresh_value,
        token_type: "Bearer".into(),
        expires_in: keys.access_ttl.as_secs(),
    })
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

/// Ends every session an account has in this restaurant (deactivation, removal).
pub async fn revoke_here(txn: &TenantTxn, account_id: Uuid, reason: &str) -> ApiResult<u64> {
    let here = txn
        .update_many::<session::Entity>()
        .filter(session::Column::AccountId.eq(account_id));
    revoke(txn, here, reason).await
}
