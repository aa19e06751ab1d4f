//! The [`Caller`] extractor. Every protected handler takes one: it checks the bearer
//! token, that its session is still open and its membership still active, and resolves
//! the member's permissions from storage on this very request, so a change to roles or
//! overrides applies on the next request, not at the next token refresh. While the
//! account still has a temporary password, it lets through only `GET /me` and
//! `POST /me/password`.

use std::future::Future;
use std::pin::Pin;

use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use brigade_domain::errors::ErrorCode;
use brigade_domain::permissions::{Permission, PermissionSet, SystemRole};
use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::access::{self, MemberAccess};
use crate::audit::AuditRecord;
use crate::entities::{account, membership, session};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::tenant::Tenant;

/// An authenticated member acting in one restaurant, with their effective permissions.
#[derive(Debug, Clone)]
pub struct Caller {
    pub account_id: Uuid,
    pub session_id: Uuid,
    pub tenant: Tenant,
    pub membership: membership::Model,
    pub access: MemberAccess,
    pub permissions: PermissionSet,
    pub client_addr: Option<String>,
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

/// The client's address: the TCP peer, or — when `BRIGADE_TRUST_PROXY=true` — the
/// address the proxy in front of Brigade appended to `X-Forwarded-For` (the rightmost
/// entry: the ones before it were written by the client and prove nothing).
pub fn client_addr(request: &HttpRequest) -> Option<String> {
    let trust_proxy = request
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.settings.trust_proxy);
    if trust_proxy {
        let forwarded = request
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .last()
            .and_then(|addr| addr.trim().parse::<std::net::IpAddr>().ok());
        if let Some(ip) = forwarded {
            return Some(ip.to_string());
        }
    }
    request.peer_addr().map(|addr| addr.ip().to_string())
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

async fn authenticate(request: HttpRequest) -> ApiResult<Caller> {
    let state = request
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("application state is missing")))?
        .clone();
    let token = bearer_token(&request).ok_or_else(|| {
        unauthenticated("send an access token as `Authorization: Bearer <token>`")
    })?;
    let claims = state
        .keys
        .verify_access(&token)
        .ok_or_else(|| unauthenticated("the access token is invalid or expired"))?;
    let db = &state.db;
    let open_session = session::Entity::find_by_id(claims.sid)
        .filter(session::Column::AccountId.eq(claims.sub))
        .filter(session::Column::RevokedAt.is_null())
        .one(db)
        .await?;
    if open_session.is_none() {
        return Err(unauthenticated("this session has ended; log in again"));
    }
    let tenant = Tenant::new(claims.rid);
    // The membership and its account in one query: this runs on every request.
    let (member, person) = tenant
        .find::<membership::Entity>()
        .filter(membership::Column::AccountId.eq(claims.sub))
        .find_also_related(account::Entity)
        .one(db)
        .await?
        .filter(|(member, _)| member.active)
        .ok_or_else(|| unauthenticated("this membership is no longer active"))?;
    let person = person.ok_or_else(|| unauthenticated("this account no longer exists"))?;
    if person.must_change_password && !allowed_before_password_change(&request) {
        return Err(ApiError::with_detail(
            ErrorCode::PasswordChangeRequired,
            "this account has a temporary password: change it with POST /api/v1/me/password first",
        ));
    }
    let access = access::load(db, tenant, &member).await?;
    let permissions = access.permissions();
    let now = Utc::now();
    let stale = member
        .last_activity_at
        .is_none_or(|last| now - last > Duration::seconds(ACTIVITY_GRANULARITY_SECS));
    if stale {
        // Best effort: a busy database must not turn a read into an error.
        let touched = tenant
            .update_many::<membership::Entity>()
            .set(membership::ActiveModel {
                last_activity_at: Set(Some(now)),
                ..Default::default()
            })
            .filter(membership::Column::Id.eq(member.id))
            .exec(db)
            .await;
        if let Err(error) = touched {
            tracing::warn!(%error, "could not record the member's last activity");
        }
    }
    Ok(Caller {
        account_id: claims.sub,
        session_id: claims.sid,
        tenant,
        client_addr: client_addr(&request),
        membership: member,
        access,
        permissions,
    })
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

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(authenticate(request.clone()))
    }
}
