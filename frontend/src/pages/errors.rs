//! The pages for a place the person may not go, and for an address that is no page.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn NotAllowed() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="notice" data-page="not-allowed">
            <h1>{move || i18n.t().not_allowed_title}</h1>
            <p>{move || i18n.t().not_allowed_body}</p>
            <a class="button" href="/">{move || i18n.t().back_to_dashboard}</a>
        </section>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <main id="main" class="splash">
            <h1>{move || i18n.t().not_found_title}</h1>
            <p>{move || i18n.t().not_found_body}</p>
            <a class="button" href="/">{move || i18n.t().back_to_dashboard}</a>
        </main>
    }
}
