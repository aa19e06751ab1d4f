//! The page for an address that is no page.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <main id="main" class="splash">
            <h1>{tr(|t| t.not_found_title)}</h1>
            <p>{tr(|t| t.not_found_body)}</p>
            <a class="button" href="/">{tr(|t| t.back_to_dashboard)}</a>
        </main>
    }
}
