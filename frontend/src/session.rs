//! Who is using the app: starting up (a stored refresh token is being exchanged),
//! signed out, signed in with their `/me`, or unable to reach the server. Pages read it
//! to decide what to show, so nothing forbidden is ever drawn while it is unknown.

use brigade_domain::api::{Me, TokenResponse};
use brigade_domain::permissions::{Permission, SystemRole};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};

#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    Starting,
    SignedOut,
    /// The server could not be reached while resuming the session.
    Unreachable,
    SignedIn(Box<Me>),
}

/// The session, shared through the context.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub state: RwSignal<SessionState>,
    /// The server ended the session (a deactivation, a password changed elsewhere, an
    /// expired login), not the person: the login page says so.
    pub ended: RwSignal<bool>,
}

/// The coarse state, for decisions that must not re-render when `/me` is reloaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Starting,
    SignedOut,
    Unreachable,
    SignedIn,
}

impl Session {
    pub fn provide() -> Self {
        let session = Session {
            state: RwSignal::new(SessionState::Starting),
            ended: RwSignal::new(false),
        };
        api::session::on_signed_out(move || {
            session.ended.set(true);
            session.state.set(SessionState::SignedOut);
        });
        provide_context(session);
        session
    }

    /// Resumes a session kept from an earlier visit, if any.
    pub fn resume(self) {
        self.state.set(SessionState::Starting);
        spawn_local(async move {
            if !api::session::has_refresh_token().await {
                self.state.set(SessionState::SignedOut);
                return;
            }
            let resumed = match api::session::refresh().await {
                Ok(()) => self.reload().await,
                Err(error) => Err(error),
            };
            match resumed {
                Ok(()) => {}
                // Only a refusal of the session itself ends it: a server that is down or
                // failing keeps the kept login for when it is back.
                Err(error) if error.is_signed_out() => {
                    api::session::forget_tokens().await;
                    self.ended.set(true);
                    self.state.set(SessionState::SignedOut);
                }
                Err(_) => self.state.set(SessionState::Unreachable),
            }
        });
    }

    /// Fetches `/me` again, so permission changes show after the next page load.
    pub async fn reload(self) -> Result<(), ApiError> {
        match api::me::me().await {
            Ok(me) => {
                if self.me_untracked().as_ref() != Some(&me) {
                    self.state.set(SessionState::SignedIn(Box::new(me)));
                }
                Ok(())
            }
            Err(error) => {
                if error.is_signed_out() {
                    self.state.set(SessionState::SignedOut);
                }
                Err(error)
            }
        }
    }

    /// Starts a session from tokens just issued (sign-up, login, switch).
    pub async fn begin(self, tokens: TokenResponse) -> Result<(), ApiError> {
        api::session::keep_tokens(&tokens).await;
        self.ended.set(false);
        self.reload().await
    }

    pub async fn end(self) {
        api::session::logout().await;
        self.state.set(SessionState::SignedOut);
    }

    pub fn status(self) -> Status {
        match &*self.state.read() {
            SessionState::Starting => Status::Starting,
            SessionState::SignedOut => Status::SignedOut,
            SessionState::Unreachable => Status::Unreachable,
            SessionState::SignedIn(_) => Status::SignedIn,
        }
    }

    /// The signed-in person (reactive).
    pub fn me(self) -> Option<Me> {
        match &*self.state.read() {
            SessionState::SignedIn(me) => Some((**me).clone()),
            _ => None,
        }
    }

    pub fn me_untracked(self) -> Option<Me> {
        match &*self.state.read_untracked() {
            SessionState::SignedIn(me) => Some((**me).clone()),
            _ => None,
        }
    }

    /// Whether the signed-in person owns the active restaurant (reactive).
    pub fn is_owner(self) -> bool {
        matches!(&*self.state.read(), SessionState::SignedIn(me) if me.role == SystemRole::Owner)
    }

    /// Whether the signed-in person may open `section` (reactive).
    pub fn may_open(self, section: crate::sections::Section) -> bool {
        match &*self.state.read() {
            SessionState::SignedIn(me) => section.allowed(me),
            _ => false,
        }
    }

    /// Whether the signed-in person holds `permission` (reactive).
    pub fn holds(self, permission: Permission) -> bool {
        match &*self.state.read() {
            SessionState::SignedIn(me) => me.permissions.iter().any(|c| c == permission.code()),
            _ => false,
        }
    }
}

pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(Session::provide)
}
