//! Toasts: the short confirmation a save, a creation or a deletion shows ("Role
//! saved."). One live region for the whole app, present from the start so screen
//! readers announce each new toast; each can be dismissed, disappears by itself after a
//! few seconds (not while the pointer or the focus is on them), and no more than three
//! are shown at once (the oldest goes first).

use std::time::Duration;

use leptos::prelude::*;

use crate::components::icons::{Glyph, Icon};
use crate::i18n::{tr, use_i18n, TextFn};

/// How long a toast stays.
const SHOWN_FOR: Duration = Duration::from_secs(6);
/// How many toasts show at once.
const AT_MOST: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Success,
    Error,
    Info,
}

#[derive(Debug, Clone)]
struct Toast {
    id: u64,
    tone: Tone,
    /// A text of the app (follows the language) or, for a refusal, a message.
    text: ToastText,
}

#[derive(Debug, Clone)]
enum ToastText {
    Static(TextFn),
    Message(String),
}

/// The app's toasts, shared through the context.
#[derive(Debug, Clone, Copy)]
pub struct Toasts {
    shown: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
    /// The pointer or the focus is on the toasts: none goes away meanwhile.
    held: RwSignal<bool>,
}

impl Toasts {
    pub fn provide() -> Self {
        let toasts = Toasts {
            shown: RwSignal::new(Vec::new()),
            next: StoredValue::new(0),
            held: RwSignal::new(false),
        };
        provide_context(toasts);
        toasts
    }

    /// Confirms that something was done.
    pub fn done(self, text: TextFn) {
        self.push(Tone::Success, ToastText::Static(text));
    }

    /// Tells something worth knowing, in words already translated.
    pub fn note(self, message: String) {
        self.push(Tone::Info, ToastText::Message(message));
    }

    /// Says that something failed, in words already translated.
    pub fn failed(self, message: String) {
        self.push(Tone::Error, ToastText::Message(message));
    }

    fn push(self, tone: Tone, text: ToastText) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.shown.update(|shown| {
            shown.push(Toast { id, tone, text });
            let extra = shown.len().saturating_sub(AT_MOST);
            shown.drain(..extra);
        });
        set_timeout(move || self.expire(id), SHOWN_FOR);
    }

    /// Dismisses a toast whose time is up, unless someone is reading the toasts.
    fn expire(self, id: u64) {
        if self.held.try_get_untracked().unwrap_or(false) {
            set_timeout(move || self.expire(id), Duration::from_secs(2));
        } else {
            self.dismiss(id);
        }
    }

    fn dismiss(self, id: u64) {
        // The toasts may be gone with the page (signed out): nothing to do then.
        let _ = self
            .shown
            .try_update(|shown| shown.retain(|toast| toast.id != id));
    }
}

pub fn use_toasts() -> Toasts {
    use_context::<Toasts>().unwrap_or_else(Toasts::provide)
}

/// The region where toasts appear, once in the app.
#[component]
pub fn Toaster() -> impl IntoView {
    let toasts = use_toasts();
    let i18n = use_i18n();
    view! {
        <div class="toasts" aria-live="polite" aria-relevant="additions"
            on:mouseenter=move |_| toasts.held.set(true)
            on:mouseleave=move |_| toasts.held.set(false)
            on:focusin=move |_| toasts.held.set(true)
            on:focusout=move |_| toasts.held.set(false)>
            <For each=move || toasts.shown.get() key=|toast| toast.id let:toast>
                {
                    let id = toast.id;
                    let class = match toast.tone { Tone::Success => "toast success", Tone::Error => "toast error", Tone::Info => "toast info" };
                    let icon = match toast.tone { Tone::Success => Icon::Check, Tone::Error => Icon::Alert, Tone::Info => Icon::Info };
                    let text = toast.text.clone();
                    view! {
                        <div class=class role="status" data-toast="">
                            <Glyph icon=icon/>
                            <p>{move || match &text { ToastText::Static(text) => text(i18n.t()).to_owned(), ToastText::Message(m) => m.clone() }}</p>
                            <button class="icon-button" type="button" aria-label=tr(|t| t.dismiss) title=tr(|t| t.dismiss)
                                on:click=move |_| toasts.dismiss(id)>
                                <Glyph icon=Icon::Close/>
                            </button>
                        </div>
                    }
                }
            </For>
        </div>
    }
}
