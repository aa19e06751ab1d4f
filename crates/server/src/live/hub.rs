//! The process's open sockets, by restaurant and member. When a delivery is announced
//! (in-process on SQLite, by `NOTIFY` on PostgreSQL, from whichever process delivered
//! it), the hub reads the delivered notifications of the members connected here, in
//! one query, and hands each to its member's sockets.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use brigade_domain::live::{Notification, ServerMessage};
use sea_orm::DatabaseConnection;
use tokio::sync::mpsc;
use uuid::Uuid;

use super::store::{self, Delivered};
use crate::platform::{ApiResult, Tenant};

/// How many messages may wait for one socket before it is closed as too slow (its app
/// reconnects and catches up).
pub const QUEUE: usize = 256;

/// What the hub hands a socket.
#[derive(Debug, Clone)]
pub enum Push {
    /// A notification, with its number (to skip one the catch-up already sent).
    Notification(i64, Arc<str>),
    /// Deliveries may have been missed (the listener reconnected): catch up.
    Resync,
}

struct Socket {
    membership_id: Uuid,
    tx: mpsc::Sender<Push>,
    /// Set when a push did not fit in the queue: the socket catches up from its last
    /// number once it drains.
    lagged: Arc<AtomicBool>,
}

/// The sockets of this process.
#[derive(Default)]
pub struct Hub {
    next: AtomicU64,
    sockets: Mutex<HashMap<Uuid, HashMap<u64, Socket>>>,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub")
            .field("sockets", &self.connected())
            .finish()
    }
}

/// A socket's place in the hub; leaving it (drop) removes the socket.
pub struct Registration {
    hub: Arc<Hub>,
    tenant: Uuid,
    id: u64,
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Ok(mut sockets) = self.hub.sockets.lock() {
            if let Some(of_restaurant) = sockets.get_mut(&self.tenant) {
                of_restaurant.remove(&self.id);
                if of_restaurant.is_empty() {
                    sockets.remove(&self.tenant);
                }
            }
        }
    }
}

impl Hub {
    /// Adds a socket of `membership_id` in `tenant`; it receives on the returned queue
    /// until the registration is dropped.
    pub fn join(
        self: &Arc<Self>,
        tenant: Tenant,
        membership_id: Uuid,
    ) -> (Registration, mpsc::Receiver<Push>, Arc<AtomicBool>) {
        let (tx, rx) = mpsc::channel(QUEUE);
        let lagged = Arc::new(AtomicBool::new(false));
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut sockets) = self.sockets.lock() {
            sockets.entry(tenant.id()).or_default().insert(
                id,
                Socket {
                    membership_id,
                    tx,
                    lagged: Arc::clone(&lagged),
                },
            );
        }
        (
            Registration {
                hub: Arc::clone(self),
                tenant: tenant.id(),
                id,
            },
            rx,
            lagged,
        )
    }

    /// How many sockets are open here.
    pub fn connected(&self) -> usize {
        self.sockets
            .lock()
            .map(|sockets| sockets.values().map(HashMap::len).sum())
            .unwrap_or(0)
    }

    fn members_in(&self, tenant: Uuid) -> Vec<Uuid> {
        let Ok(sockets) = self.sockets.lock() else {
            return Vec::new();
        };
        let mut members: Vec<Uuid> = sockets
            .get(&tenant)
            .map(|of| of.values().map(|s| s.membership_id).collect())
            .unwrap_or_default();
        members.sort_unstable();
        members.dedup();
        members
    }

    /// Hands the notifications of `delivered` to the sockets of their members.
    pub async fn dispatch(&self, db: &DatabaseConnection, delivered: Delivered) -> ApiResult<()> {
        let members = self.members_in(delivered.tenant.id());
        if members.is_empty() {
            return Ok(());
        }
        let txn = delivered
            .tenant
            .read(db)
            .await
            .map_err(anyhow::Error::from)?;
        let rows = store::delivered_to(&txn, &members, delivered.from, delivered.to).await?;
        txn.commit().await.map_err(anyhow::Error::from)?;
        let mut by_member: HashMap<Uuid, Vec<(i64, Arc<str>)>> = HashMap::new();
        for (member, notification) in rows {
            by_member
                .entry(member)
                .or_default()
                .push((notification.seq, encode(notification)));
        }
        self.hand(delivered.tenant.id(), |member| {
            by_member.get(&member).cloned().unwrap_or_default()
        });
        Ok(())
    }

    fn hand(&self, tenant: Uuid, pushes_for: impl Fn(Uuid) -> Vec<(i64, Arc<str>)>) {
        let Ok(mut sockets) = self.sockets.lock() else {
            return;
        };
        let Some(of_restaurant) = sockets.get_mut(&tenant) else {
            return;
        };
        for socket in of_restaurant.values() {
            for (seq, text) in pushes_for(socket.membership_id) {
                if socket.tx.try_send(Push::Notification(seq, text)).is_err() {
                    socket.lagged.store(true, Ordering::Relaxed);
                    break;
                }
            }
        }
    }

    /// Tells every socket to catch up (deliveries may have been missed).
    pub fn resync_all(&self) {
        if let Ok(sockets) = self.sockets.lock() {
            for socket in sockets.values().flat_map(HashMap::values) {
                if socket.tx.try_send(Push::Resync).is_err() {
                    socket.lagged.store(true, Ordering::Relaxed);
                }
            }
        }
    }
}

/// A notification as the socket sends it.
pub fn encode(notification: Notification) -> Arc<str> {
    serde_json::to_string(&ServerMessage::Notification(notification))
        .unwrap_or_default()
        .into()
}
