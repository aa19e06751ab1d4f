//! The page for an address that is no page: back to the dashboard when signed in, to
//! the login otherwise.

use leptos::prelude::*;

use crate::i18n::tr;
use crate::session::{use_session, SessionState};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let session = use_session();
    let signed_in = move || matches!(session.state.get(), SessionState::SignedIn(_));
    view! {
        <main id="main" class="splash">
            <h1>{tr(|t| t.not_found_title)}</h1>
            <p>{tr(|t| t.not_found_body)}</p>
            {move || if signed_in() {
                view! { <a class="button" href="/">{tr(|t| t.back_to_dashboard)}</a> }
            } else {
                view! { <a class="button primary" href="/login">{tr(|t| t.login_link)}</a> }
            }}
        </main>
    }
}
