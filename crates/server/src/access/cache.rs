//! What each process remembers between requests about who may do what: for each
//! restaurant, its [`AccessSnapshot`] and its team list; for each session, the caller
//! it resolved to. Each is kept with the restaurant's version it was read at (access,
//! or team for the list), and every request reads those versions from the database
//! first (one query): a change committed by any replica moves them, so the next
//! request anywhere reads the restaurant again. Nothing here is trusted past the
//! version it was read at.

use std::sync::Arc;

use anyhow::Context;
use quick_cache::sync::Cache;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::member_access::FRESH;
use super::snapshot::AccessSnapshot;
use super::Caller;
use crate::platform::{ApiResult, Tenant, TenantTxn};
use crate::team::store::{self as team, Account, Membership};

/// How many restaurants' snapshots and sessions' callers a process keeps.
const RESTAURANTS: usize = 4_096;
const SESSIONS: usize = 65_536;

pub struct AccessCache {
    snapshots: Cache<Uuid, Arc<AccessSnapshot>>,
    callers: Cache<Uuid, Arc<Caller>>,
    teams: Cache<Uuid, Arc<Team>>,
}

/// A restaurant's members with their accounts, as of a team version.
pub struct Team {
    pub version: i64,
    pub members: Vec<(Membership, Account)>,
}

impl Default for AccessCache {
    fn default() -> Self {
        Self {
            snapshots: Cache::new(RESTAURANTS),
            callers: Cache::new(SESSIONS),
            teams: Cache::new(RESTAURANTS),
        }
    }
}

impl AccessCache {
    /// The transaction's restaurant's snapshot at `version`, from memory when it was
    /// read at that version, else read now (and kept).
    pub async fn snapshot(&self, txn: &TenantTxn, version: i64) -> ApiResult<Arc<AccessSnapshot>> {
        if let Some(known) = self.remembered(txn.tenant(), version) {
            return Ok(known);
        }
        let read = Arc::new(AccessSnapshot::load(txn, version).await?);
        if version != FRESH {
            self.snapshots.insert(txn.tenant().id(), Arc::clone(&read));
        }
        Ok(read)
    }

    /// `tenant`'s snapshot at `version`, from memory or read in a transaction of its own.
    pub async fn snapshot_of(
        &self,
        db: &DatabaseConnection,
        tenant: Tenant,
        version: i64,
    ) -> ApiResult<Arc<AccessSnapshot>> {
        if let Some(known) = self.remembered(tenant, version) {
            return Ok(known);
        }
        let txn = tenant
            .read(db)
            .await
            .context("opening a transaction to read the restaurant's roles")?;
        let read = self.snapshot(&txn, version).await?;
        txn.commit()
            .await
            .context("ending the transaction that read the restaurant's roles")?;
        Ok(read)
    }

    fn remembered(&self, tenant: Tenant, version: i64) -> Option<Arc<AccessSnapshot>> {
        if version == FRESH {
            return None;
        }
        self.snapshots
            .get(&tenant.id())
            .filter(|known| known.version == version)
    }

    /// `tenant`'s team at team `version`, from memory or read now (and kept).
    pub async fn team(
        &self,
        db: &DatabaseConnection,
        tenant: Tenant,
        version: i64,
    ) -> ApiResult<Arc<Team>> {
        if let Some(known) = self
            .teams
            .get(&tenant.id())
            .filter(|team| team.version == version)
        {
            return Ok(known);
        }
        let txn = tenant
            .read(db)
            .await
            .context("opening a transaction to read the team")?;
        let members = team::members(&txn).await?;
        txn.commit()
            .await
            .context("ending the transaction that read the team")?;
        let read = Arc::new(Team { version, members });
        self.teams.insert(tenant.id(), Arc::clone(&read));
        Ok(read)
    }

    /// The caller a session resolved to at `version`, if remembered.
    pub fn caller(&self, session_id: Uuid, version: i64) -> Option<Arc<Caller>> {
        self.callers
            .get(&session_id)
            .filter(|caller| caller.access_version == version)
    }

    pub fn keep_caller(&self, caller: Arc<Caller>) {
        self.callers.insert(caller.session_id, caller);
    }
}
