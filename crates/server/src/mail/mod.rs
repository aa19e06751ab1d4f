//! Mail: the letters Brigade writes ([`letters`]), the outbox they wait in ([`store`])
//! and the deliverer that sends them through Resend (`resend-rs`) once the change
//! that wrote them has committed.
//!
//! - With `RESEND_API_KEY`, each message is sent with its outbox id as Resend's
//!   idempotency key; a failure is retried with a growing pause (30 s, 1 min, 2 min…
//!   at most an hour) for about a day, and what it announces (an invitation, a reset)
//!   stays valid meanwhile: the owner can resend it.
//! - Without a key (a laptop trying Brigade), messages stay in the outbox and, in
//!   development, their link is written to the log so the person can follow it.

pub mod letters;
pub mod store;

use std::sync::Arc;
use std::time::Duration as StdDuration;

use brigade_domain::invitations::Language;
use chrono::Duration;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use tokio::sync::Notify;
use uuid::Uuid;

use crate::config::{Environment, Settings};
use crate::platform::clock::Clock;
use crate::platform::ApiResult;

/// A message ready to be put in the outbox.
#[derive(Debug, Clone)]
pub struct Letter {
    pub kind: &'static str,
    pub subject: String,
    pub html: String,
    pub text: String,
    /// The link it carries, logged when no mail service is configured.
    pub link: Option<String>,
}

/// Attempts before a message is given up (about a day with the pauses below).
const MAX_ATTEMPTS: i32 = 30;
/// How often the deliverer looks at the outbox when nothing woke it.
const POLL: StdDuration = StdDuration::from_secs(5);

/// Sends the outbox. One per process; replicas share the work through the claims.
pub struct Mailer {
    resend: Option<resend_rs::Resend>,
    from: String,
    public_url: String,
    environment: Environment,
    wake: Notify,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("configured", &self.resend.is_some())
            .field("from", &self.from)
            .finish()
    }
}

impl Mailer {
    pub fn new(settings: &Settings) -> anyhow::Result<Self> {
        let resend = match &settings.resend_api_key {
            None => None,
            Some(key) => {
                let mut config = resend_rs::ConfigBuilder::new(key.expose());
                if let Some(base) = &settings.resend_base_url {
                    let url = base.parse().map_err(|_| {
                        anyhow::anyhow!("BRIGADE_RESEND_BASE_URL must be a URL, not `{base}`")
                    })?;
                    config = config.base_url(url);
                }
                Some(resend_rs::Resend::with_config(config.build()))
            }
        };
        Ok(Self {
            resend,
            from: settings.mail_from.clone(),
            public_url: settings.public_url.trim_end_matches('/').to_owned(),
            environment: settings.environment,
            wake: Notify::new(),
        })
    }

    /// A link to a page of the app carrying a secret.
    pub fn link(&self, path: &str, secret: &str) -> String {
        format!("{}{path}?token={secret}", self.public_url)
    }

    /// A link to a page of the app.
    pub fn page(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }

    /// Puts a letter in the outbox inside the caller's transaction; call
    /// [`Mailer::wake`] after the commit.
    pub async fn post<C: ConnectionTrait>(
        &self,
        db: &C,
        restaurant_id: Option<Uuid>,
        recipient: &str,
        letter: Letter,
        clock: &Clock,
    ) -> ApiResult<Uuid> {
        let id = store::enqueue(db, restaurant_id, recipient, &letter, clock.now()).await?;
        if self.resend.is_none() {
            if self.environment == Environment::Development {
                tracing::info!(
                    kind = letter.kind,
                    link = letter.link.as_deref().unwrap_or("-"),
                    "no RESEND_API_KEY: the message stays in the outbox; follow its link here"
                );
            } else {
                tracing::warn!(
                    kind = letter.kind,
                    "no RESEND_API_KEY: the message stays in the outbox, unsent"
                );
            }
        }
        Ok(id)
    }

    /// Tells the deliverer there is mail (after a commit).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Delivers the outbox until the process ends.
    pub fn spawn(self: &Arc<Self>, db: DatabaseConnection, clock: Arc<Clock>) {
        if self.resend.is_none() {
            return;
        }
        let mailer = Arc::clone(self);
        tokio::spawn(async move {
            loop {
                if let Err(error) = mailer.deliver_due(&db, &clock).await {
                    tracing::warn!(error = %error, "delivering the outbox");
                }
                let _ = tokio::time::timeout(POLL, mailer.wake.notified()).await;
            }
        });
    }

    async fn deliver_due(&self, db: &DatabaseConnection, clock: &Clock) -> ApiResult<()> {
        let Some(resend) = &self.resend else {
            return Ok(());
        };
        loop {
            let batch = store::claim_due(db, clock.now(), 10).await?;
            if batch.is_empty() {
                return Ok(());
            }
            for message in batch {
                let email = resend_rs::types::CreateEmailBaseOptions::new(
                    &self.from,
                    [message.recipient.as_str()],
                    &message.subject,
                )
                .with_html(&message.html)
                .with_text(&message.text)
                .with_idempotency_key(&message.id.to_string());
                match resend.emails.send(email).await {
                    Ok(sent) => {
                        store::sent(db, message.id, sent.id.as_ref(), clock.now()).await?;
                        tracing::info!(kind = %message.kind, "message sent");
                    }
                    Err(error) => {
                        let retry = (message.attempts < MAX_ATTEMPTS).then(|| {
                            let pause = 30i64 << message.attempts.clamp(0, 7);
                            clock.now() + Duration::seconds(pause.min(3600))
                        });
                        tracing::warn!(
                            kind = %message.kind,
                            attempts = message.attempts,
                            error = %error,
                            "a message could not be sent; it will be retried"
                        );
                        store::failed(db, message.id, &error.to_string(), retry, clock.now())
                            .await?;
                    }
                }
            }
        }
    }
}

/// The language a person gets mail in when nobody chose: the one given, else French.
pub fn language(chosen: Option<Language>) -> Language {
    chosen.unwrap_or_default()
}
