//! What the app says instead of a page: loading while the session resumes, the server
//! unreachable, and a place the person may not go.

use leptos::prelude::*;

use crate::i18n::tr;
use crate::session::use_session;

/// Shown instead of a page the person may not use: its content is never drawn.
#[component]
pub fn NotAllowed() -> impl IntoView {
    view! {
        <section class="notice" data-page="not-allowed">
            <h1>{tr(|t| t.not_allowed_title)}</h1>
            <p>{tr(|t| t.not_allowed_body)}</p>
            <a class="button" href="/">{tr(|t| t.back_to_dashboard)}</a>
        </section>
    }
}

/// Shown while the session is being resumed.
#[component]
pub fn Splash() -> impl IntoView {
    view! {
        <div class="splash" role="status" aria-live="polite">
            <span class="brand-mark" aria-hidden="true">"B"</span>
            <p>{tr(|t| t.loading)}</p>
        </div>
    }
}

/// Shown when the server cannot be reached while resuming the session.
#[component]
pub fn Unreachable() -> impl IntoView {
    let session = use_session();
    view! {
        <main class="splash" id="main">
            <h1>{tr(|t| t.unreachable_title)}</h1>
            <p>{tr(|t| t.unreachable_body)}</p>
            <button class="button" type="button" on:click=move |_| session.resume()>
                {tr(|t| t.retry)}
            </button>
        </main>
    }
}
