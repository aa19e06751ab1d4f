//! Who is asking: [`authenticate`] checks the bearer token, that its session is still
//! open and its membership still active, and resolves the member's permissions from
//! storage on this very request, so a change to roles or overrides applies on the next
//! request, not at the next token refresh. While the account still has a temporary
//! password, it lets through only `GET /me` and `POST /me/password`.

use actix_web::{http::header, web, HttpMessage, HttpRequest};
use anyhow::Context;
use brigade_domain::errors::ErrorCode;
use brigade_domain::permissions::{Permission, PermissionSet, SystemRole};
use chrono::{Duration, Utc};
use uuid::Uuid;

use std::sync::Arc;

use super::member_access::{MemberAccess, FRESH};
use super::snapshot::AccessSnapshot;
use crate::audit::refusals::Requester;
use crate::audit::AuditRecord;
use crate::platform::client::client_addr;
use crate::platform::{ApiError, ApiResult, AppState, Tenant, TenantTxn};
use crate::restaurants::store as restaurants;
use crate::sessions::store as sessions;
use crate::sessions::tokens::AccessClaims;
use crate::team::store::{self as team, Membership};
use crate::telemetry;

/// An authenticated member acting in one restaurant, with their effective permissions.
#[derive(Debug, Clone)]
pub struct Caller {
    pub account_id: Uuid,
    pub session_id: Uuid,
    pub tenant: Tenant,
    /// The restaurant's access version this caller was resolved at.
    pub access_version: i64,
    /// The restaurant's team version when this request arrived.
    pub team_version: i64,
    pub membership: Membership,
    pub access: MemberAccess,
    pub permissions: PermissionSet,
    pub client_addr: Option<String>,
    /// The account still has a temporary password.
    pub must_change_password: bool,
}

impl Caller {
    /// Refuses with `403` naming the code unless the caller holds `permission`.
    pub fn require(&self, permission: Permission) -> ApiResult<()> {
        if self.permissions.contains(permission) {
            Ok(())
        } else {
            Err(ApiError::PermissionDenied(permission))
        }
    }

    /// Refuses with `403 exceeds_own_permissions`, naming the codes, unless the caller
    /// holds every code of `wanted`: nobody grants, nor acts on, more than they hold.
    pub fn require_within(&self, wanted: PermissionSet) -> ApiResult<()> {
        let beyond = wanted.difference(self.permissions);
        if beyond.is_empty() {
            Ok(())
        } else {
            Err(ApiError::ExceedsOwnPermissions(beyond))
        }
    }

    /// Refuses with `403 owner_only` unless the caller owns the restaurant.
    pub fn require_owner(&self) -> ApiResult<()> {
        if self.role() == SystemRole::Owner {
            Ok(())
        } else {
            Err(ApiError::with_detail(
                ErrorCode::OwnerOnly,
                "only the owner of the restaurant can do this",
            ))
        }
    }

    pub fn role(&self) -> SystemRole {
        self.access.primary_role
    }

    /// An audit entry attributed to this caller in their restaurant.
    pub fn audit(
        &self,
        action: &'static str,
        entity: &'static str,
        entity_id: impl ToString,
    ) -> AuditRecord {
        AuditRecord {
            tenant_id: Some(self.tenant.id()),
            actor_account_id: Some(self.account_id),
            action,
            entity,
            entity_id: Some(entity_id.to_string()),
            client_addr: self.client_addr.clone(),
            ..AuditRecord::default()
        }
    }
}

fn unauthenticated(detail: &str) -> ApiError {
    ApiError::with_detail(ErrorCode::Unauthenticated, detail)
}

fn bearer_token(request: &HttpRequest) -> Option<String> {
    let value = request
        .headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    (scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty())
        .then(|| token.trim().to_owned())
}

/// How stale `last_activity_at` may get before a request refreshes it.
const ACTIVITY_GRANULARITY_SECS: i64 = 60;

/// The caller an access token names, checked as every request checks it (signature,
/// expiry, open session, active membership), with the token's claims; for the
/// WebSocket, which receives its token in a message rather than a header.
pub async fn from_token(state: &AppState, token: &str) -> ApiResult<(Caller, AccessClaims)> {
    let claims = state
        .keys
        .verify_access(token)
        .ok_or_else(|| unauthenticated("the access token is invalid or expired"))?;
    // The token is signed: the restaurant it names is the one to act in.
    let tenant = Tenant::new(claims.rid);
    // One query on every request: what the process remembers is good only if nothing
    // changed who may do what here since.
    let versions = restaurants::current_versions(&state.db, tenant)
        .await?
        .ok_or_else(|| unauthenticated("this restaurant no longer exists"))?;
    let version = versions.access;
    let remembered = state
        .access
        .caller(claims.sid, version)
        .filter(|caller| caller.account_id == claims.sub && caller.tenant == tenant);
    let mut caller = match remembered {
        Some(caller) => (*caller).clone(),
        None => {
            let txn = tenant
                .read(&state.db)
                .await
                .context("opening the caller's transaction")?;
            let snapshot = state.access.snapshot(&txn, version).await?;
            let caller = resolve(&txn, claims.sub, claims.sid, &snapshot).await?;
            txn.commit()
                .await
                .context("ending the caller's transaction")?;
            state.access.keep_caller(Arc::new(caller.clone()));
            caller
        }
    };
    caller.team_version = versions.team;
    Ok((caller, claims))
}

/// The caller of `request`, or why there is none.
pub async fn authenticate(request: &HttpRequest) -> ApiResult<Caller> {
    let state = request
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("application state is missing")))?
        .clone();
    let token = bearer_token(request).ok_or_else(|| {
        unauthenticated("send an access token as `Authorization: Bearer <token>`")
    })?;
    let (mut caller, _) = from_token(&state, &token).await?;
    let tenant = caller.tenant;
    caller.client_addr = client_addr(request);
    telemetry::record_membership(caller.membership.id);
    request.extensions_mut().insert(Requester {
        tenant,
        account_id: caller.account_id,
        membership_id: caller.membership.id,
    });
    if caller.must_change_password && !allowed_before_password_change(request) {
        return Err(ApiError::with_detail(
            ErrorCode::PasswordChangeRequired,
            "this account has a temporary password: change it with POST /api/v1/me/password first",
        ));
    }
    let now = Utc::now();
    let stale = caller
        .membership
        .last_activity_at
        .is_none_or(|last| now - last > Duration::seconds(ACTIVITY_GRANULARITY_SECS));
    if stale {
        // Best effort: a busy database must not turn a read into an error.
        match touch(&state, tenant, caller.membership.id, now).await {
            Ok(()) => {
                caller.membership.last_activity_at = Some(now);
                state.access.keep_caller(Arc::new(caller.clone()));
            }
            Err(error) => {
                tracing::warn!(
                    error = format!("{error:#}"),
                    "could not record the member's last activity"
                );
            }
        }
    }
    Ok(caller)
}

/// Reads who an account is in the transaction's restaurant, within a session: the
/// session must be open and the membership active; what they may do comes from the
/// restaurant's `snapshot`.
async fn resolve(
    txn: &TenantTxn,
    account_id: Uuid,
    session_id: Uuid,
    snapshot: &AccessSnapshot,
) -> ApiResult<Caller> {
    if !sessions::is_open(txn, session_id, account_id).await? {
        return Err(unauthenticated("this session has ended; log in again"));
    }
    let (member, person) = team::active_member_of_account(txn, account_id)
        .await?
        .ok_or_else(|| unauthenticated("this membership is no longer active"))?;
    let access = snapshot.access_of(&member)?;
    let permissions = access.permissions();
    Ok(Caller {
        account_id,
        session_id,
        tenant: txn.tenant(),
        access_version: snapshot.version,
        team_version: 0,
        client_addr: None,
        must_change_password: person.must_change_password,
        membership: member,
        access,
        permissions,
    })
}

impl Caller {
    /// The caller as they are now, read again inside `txn` (a change's transaction,
    /// after it took its turn): what they may do there decides, not what it was when
    /// the request arrived.
    pub async fn reread(&self, txn: &TenantTxn) -> ApiResult<Caller> {
        let snapshot = AccessSnapshot::load(txn, FRESH).await?;
        let mut now = resolve(txn, self.account_id, self.session_id, &snapshot).await?;
        now.client_addr = self.client_addr.clone();
        now.team_version = self.team_version;
        Ok(now)
    }

    /// A transaction that reads in the caller's restaurant.
    pub async fn read(&self, db: &sea_orm::DatabaseConnection) -> ApiResult<TenantTxn> {
        Ok(self
            .tenant
            .read(db)
            .await
            .context("opening a reading transaction")?)
    }
}

async fn touch(
    state: &AppState,
    tenant: Tenant,
    membership_id: Uuid,
    at: chrono::DateTime<Utc>,
) -> anyhow::Result<()> {
    let txn = tenant.write(&state.db).await?;
    team::touch_activity(&txn, membership_id, at).await?;
    // The team list shows last activity.
    restaurants::bump_team_version(&txn, tenant).await?;
    txn.commit().await?;
    Ok(())
}

/// The only operations open to an account that must still replace its temporary
/// password: reading `/me` and changing the password.
fn allowed_before_password_change(request: &HttpRequest) -> bool {
    let method = request.method();
    match request.path().trim_end_matches('/') {
        "/api/v1/me" => method == actix_web::http::Method::GET,
        "/api/v1/me/password" => method == actix_web::http::Method::POST,
        _ => false,
    }
}
