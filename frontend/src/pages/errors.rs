//! The page for an address that is no page: back to the dashboard when signed in, to
//! the login otherwise.

use leptos::prelude::*;

use crate::components::Shell;
use crate::i18n::tr;
use crate::session::{use_session, SessionState};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let session = use_session();
    let signed_in = Memo::new(move |_| matches!(session.state.get(), SessionState::SignedIn(_)));
    move || {
        if signed_in.get() {
            // Signed in, the page keeps the app's frame: the sidebar is the way on.
            view! {
                <Shell>
                    <div class="page splash" data-page="not-found">
                        <h1>{tr(|t| t.not_found_title)}</h1>
                        <p>{tr(|t| t.not_found_body)}</p>
                        <a class="button" href="/">{tr(|t| t.back_to_dashboard)}</a>
                    </div>
                </Shell>
            }
            .into_any()
        } else {
            view! {
                <main id="main" class="splash">
                    <h1>{tr(|t| t.not_found_title)}</h1>
                    <p>{tr(|t| t.not_found_body)}</p>
                    <a class="button primary" href="/login">{tr(|t| t.login_link)}</a>
                </main>
            }
            .into_any()
        }
    }
}
