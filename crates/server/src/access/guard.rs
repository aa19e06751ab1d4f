//! The access guards: the one place a handler says who may call it. Each handler takes
//! exactly one as an argument, and `#[endpoint]` (crate `brigade-macros`) documents in
//! the OpenAPI document what that guard enforces, so the two cannot differ:
//!
//! - [`Public`]: anyone (sign-up, login, the catalogue, probes);
//! - [`SignedIn`]: any active member with a valid token (their own account);
//! - [`OwnerOnly`]: the restaurant's owner;
//! - [`Authorized<P>`]: a member who holds the permission `P` (`needs::STAFF_CREATE`),
//!   and `Authorized<P, Owner>` one who also owns the restaurant.
//!
//! Guards run before the body is judged: see `platform::body`.

use std::future::Future;
use std::marker::PhantomData;
use std::ops::Deref;
use std::pin::Pin;

use actix_web::{dev::Payload, FromRequest, HttpRequest};
use brigade_domain::permissions::RequiredPermission;

use anyhow::Context;
use sea_orm::DatabaseConnection;

use super::caller::{authenticate, Caller};
use crate::platform::client::client_addr;
use crate::platform::{ApiError, ApiResult, TenantTxn};
use crate::restaurants::store as restaurants;

type Guarded<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// Anyone may call: no token is read.
#[derive(Debug, Clone)]
pub struct Public {
    /// The client's address (throttling, the audit trail).
    pub client_addr: Option<String>,
}

impl FromRequest for Public {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(Public {
            client_addr: client_addr(request),
        }))
    }
}

/// Any active member with a valid access token; no permission.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Caller);

/// The owner of the restaurant (`403 owner_only` for anyone else).
#[derive(Debug, Clone)]
pub struct OwnerOnly(pub Caller);

/// A member who holds the permission `P` (`403 permission_denied` naming it otherwise),
/// and, with `W = Owner`, who owns the restaurant too.
#[derive(Debug, Clone)]
pub struct Authorized<P, W = AnyMember> {
    caller: Caller,
    _needs: PhantomData<fn() -> (P, W)>,
}

/// Who, besides holding the permission, may pass an [`Authorized`] guard.
pub trait Who {
    fn check(caller: &Caller) -> ApiResult<()>;
}

/// Any member holding the permission.
#[derive(Debug, Clone, Copy)]
pub struct AnyMember;

/// Only the owner (who holds every permission).
#[derive(Debug, Clone, Copy)]
pub struct Owner;

impl Who for AnyMember {
    fn check(_: &Caller) -> ApiResult<()> {
        Ok(())
    }
}

impl Who for Owner {
    fn check(caller: &Caller) -> ApiResult<()> {
        caller.require_owner()
    }
}

macro_rules! deref_to_caller {
    ($($guard:ty),+) => {$(
        impl Deref for $guard {
            type Target = Caller;
            fn deref(&self) -> &Caller {
                &self.0
            }
        }
    )+};
}
deref_to_caller!(SignedIn, OwnerOnly);

impl<P, W> Deref for Authorized<P, W> {
    type Target = Caller;
    fn deref(&self) -> &Caller {
        &self.caller
    }
}

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = Guarded<Self>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move { authenticate(&request).await.map(SignedIn) })
    }
}

impl FromRequest for OwnerOnly {
    type Error = ApiError;
    type Future = Guarded<Self>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move {
            let caller = authenticate(&request).await?;
            caller.require_owner()?;
            Ok(OwnerOnly(caller))
        })
    }
}

impl<P: RequiredPermission + 'static, W: Who + 'static> FromRequest for Authorized<P, W> {
    type Error = ApiError;
    type Future = Guarded<Self>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move {
            let caller = authenticate(&request).await?;
            caller.require(P::PERMISSION)?;
            W::check(&caller)?;
            Ok(Authorized {
                caller,
                _needs: PhantomData,
            })
        })
    }
}

/// Opens the transaction of a change to who may do what in the caller's restaurant: it
/// takes the restaurant's turn first ([`restaurants::begin_access_change`]), then reads
/// the caller again inside it, so the change is decided on what is committed now.
async fn access_change(db: &DatabaseConnection, caller: &Caller) -> ApiResult<(TenantTxn, Caller)> {
    let txn = caller
        .tenant
        .write(db)
        .await
        .context("opening a change of access")?;
    restaurants::begin_access_change(&txn).await?;
    let now = caller.reread(&txn).await?;
    Ok((txn, now))
}

impl<P: RequiredPermission, W: Who> Authorized<P, W> {
    /// The transaction of a change to who may do what here, and the caller as they are
    /// inside it: they must still pass this guard.
    pub async fn change_access(&self, db: &DatabaseConnection) -> ApiResult<(TenantTxn, Caller)> {
        let (txn, now) = access_change(db, &self.caller).await?;
        now.require(P::PERMISSION)?;
        W::check(&now)?;
        Ok((txn, now))
    }
}

impl<P: RequiredPermission, W: Who> Authorized<P, W> {
    /// The transaction of any other change (the floor, and the modules to come): it
    /// holds the restaurant's access, so a change to who may do what runs wholly before
    /// or after it, and the caller as they are inside it must still pass this guard.
    pub async fn change(&self, db: &DatabaseConnection) -> ApiResult<(TenantTxn, Caller)> {
        let txn = self
            .caller
            .tenant
            .write(db)
            .await
            .context("opening a change")?;
        restaurants::hold_access(&txn, self.caller.tenant).await?;
        let now = self.caller.reread(&txn).await?;
        now.require(P::PERMISSION)?;
        W::check(&now)?;
        Ok((txn, now))
    }
}

impl OwnerOnly {
    /// The transaction of a change to who may do what here, and the caller as they are
    /// inside it: they must still be the owner.
    pub async fn change_access(&self, db: &DatabaseConnection) -> ApiResult<(TenantTxn, Caller)> {
        let (txn, now) = access_change(db, &self.0).await?;
        now.require_owner()?;
        Ok((txn, now))
    }
}
