//! Live notifications (note 000 §1). A change that matters writes its event in the
//! outbox (`events`) with its audit entry, in its own transaction (`audit::record`
//! does it for every action `journal::audience` names). A deliverer in each process
//! turns waiting events into per-member notifications and announces each delivery; the
//! hub of each process then pushes them to the sockets open there.
//!
//! - **Nothing lost.** An event that committed waits in the outbox until a deliverer
//!   delivers it: a process killed after the commit leaves it for the next one (each
//!   deliverer also looks every [`POLL`]). A reconnecting app catches up from the last
//!   number it saw.
//! - **Several processes.** On PostgreSQL a writer's commit wakes every process
//!   (`NOTIFY brigade_outbox`), one of them delivers (an advisory lock per
//!   restaurant), and its commit tells every process what to push (`NOTIFY
//!   brigade_delivered`). On SQLite (one process) the same goes through memory.

pub mod http;
pub mod hub;
pub mod rules;
pub mod socket;
pub mod store;

use std::sync::Arc;
use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};
use tokio::sync::Notify;
use utoipa_actix_web::service_config::ServiceConfig;

use hub::Hub;
use store::Delivered;

/// How often a deliverer looks at the outbox when nothing woke it.
pub const POLL: Duration = Duration::from_secs(2);

/// Woken after a transaction that wrote an event commits (in this process).
static OUTBOX: Notify = Notify::const_new();

/// Tells this process's deliverers an event committed.
pub fn outbox_written() {
    OUTBOX.notify_waiters();
}

pub fn routes(config: &mut ServiceConfig) {
    config
        .service(socket::socket)
        .service(http::list_notifications)
        .service(http::unread_count)
        .service(http::mark_all_read)
        .service(http::mark_read)
        .service(http::post_message)
        .service(http::list_messages);
}

/// The process's live side: its sockets.
#[derive(Debug, Default)]
pub struct Live {
    pub hub: Arc<Hub>,
}

impl Live {
    /// Starts the deliverer (and, on PostgreSQL, the listener) until the process ends.
    pub fn spawn(self: &Arc<Self>, db: DatabaseConnection) {
        let postgres = db.get_database_backend() == DbBackend::Postgres;
        if postgres {
            let live = Arc::clone(self);
            let listener_db = db.clone();
            tokio::spawn(async move { live.listen(listener_db).await });
        }
        let live = Arc::clone(self);
        tokio::spawn(async move {
            loop {
                let woken = OUTBOX.notified();
                tokio::pin!(woken);
                woken.as_mut().enable();
                if let Err(error) = live.deliver_waiting(&db, !postgres).await {
                    tracing::warn!(error = format!("{error:#}"), "delivering live events");
                }
                let _ = tokio::time::timeout(POLL, woken).await;
            }
        });
    }

    /// Delivers every restaurant's waiting events; on SQLite, pushes them here.
    pub async fn deliver_waiting(
        &self,
        db: &DatabaseConnection,
        push_here: bool,
    ) -> anyhow::Result<()> {
        for tenant in store::waiting(db)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
        {
            let tenant = crate::platform::Tenant::new(tenant);
            while let Some(delivered) = store::deliver(db, tenant)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
            {
                if push_here {
                    self.push(db, delivered).await;
                }
            }
        }
        Ok(())
    }

    async fn push(&self, db: &DatabaseConnection, delivered: Delivered) {
        if let Err(error) = self.hub.dispatch(db, delivered).await {
            tracing::warn!(error = %error, "pushing live notifications");
        }
    }

    /// Listens to PostgreSQL's announcements: new events wake the deliverer, deliveries
    /// are pushed to this process's sockets. After a lost connection every socket
    /// catches up, since announcements may have been missed.
    async fn listen(self: Arc<Self>, db: DatabaseConnection) {
        let pool = db.get_postgres_connection_pool().clone();
        loop {
            let mut listener = match sqlx::postgres::PgListener::connect_with(&pool).await {
                Ok(listener) => listener,
                Err(error) => {
                    tracing::warn!(error = %error, "listening to PostgreSQL's announcements");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            if let Err(error) = listener
                .listen_all([store::OUTBOX_CHANNEL, store::DELIVERED_CHANNEL])
                .await
            {
                tracing::warn!(error = %error, "listening to PostgreSQL's announcements");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            // Whatever was announced while nobody listened.
            outbox_written();
            self.hub.resync_all();
            loop {
                match listener.try_recv().await {
                    Ok(Some(notification)) => {
                        if notification.channel() == store::OUTBOX_CHANNEL {
                            outbox_written();
                        } else if let Some(delivered) = Delivered::parse(notification.payload()) {
                            // In order: a socket skips what is older than its last.
                            self.push(&db, delivered).await;
                        }
                    }
                    // The connection was lost and is back: announcements may be missing.
                    Ok(None) => {
                        outbox_written();
                        self.hub.resync_all();
                    }
                    Err(error) => {
                        tracing::warn!(error = %error, "listening to PostgreSQL's announcements");
                        break;
                    }
                }
            }
        }
    }
}
