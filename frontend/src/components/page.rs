//! The pieces every page is built from, so that every module looks and reads the same:
//! the page header (title, lead and actions), the toolbar of filters, the empty state
//! and the sticky save bar. Their looks live in `style/app.css` under the same names.

use leptos::prelude::*;

use crate::components::icons::{Glyph, Icon};
use crate::i18n::{tr, TextFn};

/// A page's heading, an optional lead line and the page's actions on the right
/// (they wrap under the title on a phone).
#[component]
pub fn PageHeader(
    #[prop(into)] title: Signal<String>,
    #[prop(optional)] lead: Option<TextFn>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <header class="page-header">
            <div class="page-title">
                <h1>{move || title.get()}</h1>
                {lead.map(|lead| view! { <p class="lead">{tr(lead)}</p> })}
            </div>
            {children.map(|children| view! { <div class="page-actions">{children()}</div> })}
        </header>
    }
}

/// The filters above a list: a search and its selects, wrapping on a phone.
#[component]
pub fn Toolbar(children: Children) -> impl IntoView {
    view! { <div class="toolbar" role="search">{children()}</div> }
}

/// What a list shows when it has nothing: a sentence, and maybe an action.
#[component]
pub fn EmptyState(text: TextFn, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <div class="empty-state">
            <Glyph icon=Icon::Info/>
            <p class="empty">{tr(text)}</p>
            {children.map(|children| children())}
        </div>
    }
}

/// The bar that stays at the bottom of the screen while a page has unsaved changes:
/// what is pending, in words, and Save and Discard, always within reach.
#[component]
pub fn SaveBar(
    /// How many changes are pending; the bar says "no unsaved changes" at zero.
    #[prop(into)]
    pending: Signal<usize>,
    /// What is pending, in words ("Waiter: 2 changes").
    #[prop(into)]
    summary: Signal<String>,
    #[prop(into)] busy: Signal<bool>,
    on_save: impl Fn() + Send + Sync + 'static,
    on_discard: impl Fn() + Send + Sync + 'static,
    save_label: TextFn,
) -> impl IntoView {
    view! {
        <div class="save-bar" data-pending=move || pending.get().to_string() tabindex="-1"
            role="region" aria-label=tr(|t| t.unsaved_changes)>
            <p class="save-summary" aria-live="polite">
                {move || if pending.get() == 0 { String::new() } else { summary.get() }}
                <span class="muted">{move || (pending.get() == 0).then(tr(|t| t.no_unsaved_changes))}</span>
            </p>
            <div class="save-actions">
                <button class="button" type="button" disabled=move || busy.get() || pending.get() == 0
                    on:click=move |_| on_discard()>{tr(|t| t.discard)}</button>
                <button class="button primary" type="button" disabled=move || busy.get() || pending.get() == 0
                    on:click=move |_| on_save()>
                    {move || if busy.get() { tr(|t| t.saving)() } else { tr(save_label)() }}
                </button>
            </div>
        </div>
    }
}

/// Moves focus to the first element matching `selector`, if there is one.
pub fn focus(selector: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
