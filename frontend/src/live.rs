//! The live notifications' socket, open while someone is signed in. It says hello with
//! the access token (in a message, never in the URL) and the last event number it saw,
//! so a reconnection catches up; it sends each refreshed token on; it pings every 25
//! seconds and starts again when the server is silent for 60; after a drop or a server
//! restart it reconnects with a growing pause (1 s, 2 s, 4 s… at most 30 s, with some
//! jitter). Each notification shows a toast and raises the bell's count.

use std::cell::RefCell;
use std::time::Duration;

use brigade_domain::journal;
use brigade_domain::live::{ClientMessage, Notification, ServerMessage};
use brigade_domain::permissions::{code, Permission};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, WebSocket};

use crate::api;
use crate::components::use_toasts;
use crate::i18n::{use_i18n, Lang};
use crate::session::{use_session, Status};

/// How often the app pings.
const PING_EVERY: Duration = Duration::from_secs(25);
/// How long the server may stay silent before the app starts again.
const SILENCE_MS: f64 = 60_000.0;
/// The longest pause between two attempts.
const MAX_PAUSE_MS: f64 = 30_000.0;

/// What the app knows live, shared through the context.
#[derive(Debug, Clone, Copy)]
pub struct Live {
    /// The bell's count.
    pub unread: RwSignal<u64>,
    /// Moves with each notification received (lists that show them read it again).
    pub received: RwSignal<u64>,
    /// The socket is open and said ready.
    pub connected: RwSignal<bool>,
}

struct Socket {
    ws: WebSocket,
    restaurant: Uuid,
    generation: u64,
    _on_open: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut()>,
}

thread_local! {
    static SOCKET: RefCell<Option<Socket>> = const { RefCell::new(None) };
    /// The last event number seen, for the catch-up.
    static LAST_SEQ: RefCell<Option<i64>> = const { RefCell::new(None) };
    /// The last number the server's `ready` counted: what follows up to it is the
    /// catch-up, already in the unread count.
    static READY_SEQ: RefCell<i64> = const { RefCell::new(0) };
    static GENERATION: RefCell<u64> = const { RefCell::new(0) };
    static ATTEMPTS: RefCell<u32> = const { RefCell::new(0) };
    static LAST_HEARD: RefCell<f64> = const { RefCell::new(0.0) };
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn send(message: &ClientMessage) {
    let Ok(text) = serde_json::to_string(message) else {
        return;
    };
    SOCKET.with(|socket| {
        if let Some(socket) = socket.borrow().as_ref() {
            if socket.ws.ready_state() == WebSocket::OPEN {
                let _ = socket.ws.send_with_str(&text);
            }
        }
    });
}

fn close_socket() {
    SOCKET.with(|socket| {
        if let Some(socket) = socket.borrow_mut().take() {
            socket.ws.set_onclose(None);
            let _ = socket.ws.close();
        }
    });
}

/// The words of a notification, in `lang`: "Ana Duval a modifié le membre Paul".
pub fn words(notification: &Notification, lang: Lang) -> String {
    let subject = journal::subject_in(
        lang.mail_language(),
        &notification.entity,
        notification.subject.as_deref(),
    );
    journal::sentence(
        lang.mail_language(),
        journal::Facts {
            when: None,
            actor: notification.actor.as_deref(),
            action: &notification.kind,
            subject: subject.as_deref(),
        },
    )
}

/// The longest toast, in characters (the bell keeps the whole text).
const TOAST_MAX: usize = 160;

/// A notification's words as a toast: shortened when long.
pub fn toast_words(notification: &Notification, lang: Lang) -> String {
    let words = words(notification, lang);
    if words.chars().count() <= TOAST_MAX {
        return words;
    }
    let short: String = words.chars().take(TOAST_MAX - 1).collect();
    format!("{}…", short.trim_end())
}

/// Where a notification leads, if the reader may open it (`may` says whether they
/// hold a permission); nowhere for what no longer exists.
pub fn link(notification: &Notification, may: impl Fn(Permission) -> bool) -> Option<String> {
    let id = notification.entity_id.as_deref();
    let gone = matches!(
        notification.kind.as_str(),
        "member.removed"
            | "member.left"
            | "role.deleted"
            | "zone.deleted"
            | "table.deleted"
            | "category.deleted"
            | "product.deleted"
    );
    if gone {
        return None;
    }
    let (path, needs) = match notification.entity.as_str() {
        "membership" => (
            id.map_or("/team".into(), |id| format!("/team/{id}")),
            code::STAFF_VIEW,
        ),
        "invitation" => ("/team".into(), code::STAFF_VIEW),
        "custom_role" | "role_override" => ("/roles".into(), code::STAFF_VIEW_PERMISSIONS),
        "zone" | "table" if may(code::TABLES_MANAGE) => {
            ("/admin/settings/tables".into(), code::TABLES_MANAGE)
        }
        "zone" | "table" | "service" => ("/service".into(), code::TABLES_VIEW),
        "restaurant" => (
            "/admin/settings/restaurant".into(),
            code::RESTAURANT_VIEW_SETTINGS,
        ),
        "session" | "account" => ("/audit".into(), code::AUDIT_VIEW),
        "stock_item" => ("/stock".into(), code::INVENTORY_VIEW),
        "product" | "category" => ("/menu".into(), code::PRODUCTS_VIEW),
        _ => return None,
    };
    may(needs).then_some(path)
}

impl Live {
    /// Provides the live state and keeps the socket open while someone is signed in.
    pub fn provide() -> Self {
        let live = Live {
            unread: RwSignal::new(0),
            received: RwSignal::new(0),
            connected: RwSignal::new(false),
        };
        provide_context(live);
        let session = use_session();
        let toasts = use_toasts();
        let i18n = use_i18n();
        let restaurant = Memo::new(move |_| {
            (session.status() == Status::SignedIn)
                .then(|| session.me().map(|me| me.active_restaurant_id))
                .flatten()
        });
        Effect::new(move |_| match restaurant.get() {
            Some(id) => {
                let current = SOCKET.with(|s| s.borrow().as_ref().map(|s| s.restaurant));
                if current != Some(id) {
                    close_socket();
                    LAST_SEQ.with(|seq| *seq.borrow_mut() = None);
                    ATTEMPTS.with(|a| *a.borrow_mut() = 0);
                    live.open(id, move |n| {
                        toasts.note(words(&n, i18n.lang.get_untracked()))
                    });
                }
            }
            None => {
                close_socket();
                live.connected.set(false);
                live.unread.set(0);
            }
        });
        api::session::on_new_token(|token| {
            send(&ClientMessage::Token {
                token: token.to_owned(),
            })
        });
        if let Ok(handle) = set_interval_with_handle(
            move || {
                let open = SOCKET.with(|s| s.borrow().is_some());
                if !open {
                    return;
                }
                let heard = LAST_HEARD.with(|h| *h.borrow());
                if now() - heard > SILENCE_MS {
                    // The server went quiet: start again.
                    SOCKET.with(|s| {
                        if let Some(socket) = s.borrow().as_ref() {
                            let _ = socket.ws.close();
                        }
                    });
                } else {
                    send(&ClientMessage::Ping);
                }
            },
            PING_EVERY,
        ) {
            on_cleanup(move || handle.clear());
        }
        live
    }

    /// Opens a socket to `restaurant`; `shown` shows a notification (a toast).
    fn open(self, restaurant: Uuid, shown: impl Fn(Notification) + Clone + 'static) {
        let generation = GENERATION.with(|g| {
            *g.borrow_mut() += 1;
            *g.borrow()
        });
        spawn_local(async move {
            let token = match api::session::socket_token().await {
                Ok(token) => token,
                Err(error) if error.is_signed_out() => return,
                Err(_) => return self.again(restaurant, generation, shown),
            };
            let Ok(ws) = WebSocket::new(&api::urls::live_socket()) else {
                return self.again(restaurant, generation, shown);
            };
            let hello = ws.clone();
            let on_open = Closure::<dyn FnMut()>::new(move || {
                LAST_HEARD.with(|h| *h.borrow_mut() = now());
                let since = LAST_SEQ.with(|seq| *seq.borrow());
                let message = ClientMessage::Hello {
                    token: token.clone(),
                    since,
                };
                if let Ok(text) = serde_json::to_string(&message) {
                    let _ = hello.send_with_str(&text);
                }
            });
            let show = shown.clone();
            let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                LAST_HEARD.with(|h| *h.borrow_mut() = now());
                let Some(text) = event.data().as_string() else {
                    return;
                };
                match serde_json::from_str::<ServerMessage>(&text) {
                    Ok(ServerMessage::Ready { unread, last_seq }) => {
                        ATTEMPTS.with(|a| *a.borrow_mut() = 0);
                        READY_SEQ.with(|seq| *seq.borrow_mut() = last_seq);
                        LAST_SEQ.with(|seq| {
                            let mut seq = seq.borrow_mut();
                            if seq.is_none() {
                                *seq = Some(last_seq);
                            }
                        });
                        self.unread.set(unread);
                        self.connected.set(true);
                    }
                    Ok(ServerMessage::Notification(notification)) => {
                        let fresh = LAST_SEQ.with(|seq| {
                            let mut seq = seq.borrow_mut();
                            let fresh = seq.is_none_or(|last| notification.seq > last);
                            if fresh {
                                *seq = Some(notification.seq);
                            }
                            fresh
                        });
                        if fresh {
                            let counted = READY_SEQ.with(|seq| notification.seq <= *seq.borrow());
                            if notification.read_at.is_none() && !counted {
                                self.unread.update(|n| *n += 1);
                            }
                            self.received.update(|n| *n += 1);
                            show(notification);
                        }
                    }
                    Ok(ServerMessage::Bye { reason }) => {
                        if reason == "expired" || reason == "unauthenticated" {
                            // The next attempt gets a fresh token first.
                            spawn_local(async {
                                let _ = api::session::refresh().await;
                            });
                        }
                    }
                    Ok(ServerMessage::Pong) | Err(_) => {}
                }
            });
            let on_close = Closure::<dyn FnMut()>::new(move || {
                self.connected.set(false);
                let current = SOCKET.with(|s| {
                    s.borrow()
                        .as_ref()
                        .is_some_and(|s| s.generation == generation)
                });
                if current {
                    SOCKET.with(|s| s.borrow_mut().take());
                    self.again(restaurant, generation, shown.clone());
                }
            });
            ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
            ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
            close_socket();
            SOCKET.with(|s| {
                *s.borrow_mut() = Some(Socket {
                    ws,
                    restaurant,
                    generation,
                    _on_open: on_open,
                    _on_message: on_message,
                    _on_close: on_close,
                })
            });
        });
    }

    /// Tries again after a pause that grows with each failure.
    fn again(
        self,
        restaurant: Uuid,
        generation: u64,
        shown: impl Fn(Notification) + Clone + 'static,
    ) {
        let attempts = ATTEMPTS.with(|a| {
            let mut a = a.borrow_mut();
            *a = a.saturating_add(1);
            *a
        });
        let pause = (1000.0 * 2f64.powi(attempts.min(6) as i32 - 1)).min(MAX_PAUSE_MS)
            + js_sys::Math::random() * 1000.0;
        set_timeout(
            move || {
                // Only if nothing replaced this socket meanwhile (a switch, a logout).
                let latest = GENERATION.with(|g| *g.borrow()) == generation;
                let still_wanted = SOCKET.with(|s| s.borrow().is_none());
                if latest && still_wanted {
                    self.open(restaurant, shown);
                }
            },
            Duration::from_millis(pause as u64),
        );
    }
}

pub fn use_live() -> Live {
    expect_context::<Live>()
}
