//! A form in a modal `<dialog>` (the team's "Add a member" look): the title, a close
//! button, the content. The rest of the page is inert while it is open, Escape or the
//! close button closes it, and focus returns to what opened it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{tr, TextFn};

#[component]
pub fn Modal(
    /// The dialog's heading and accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// A unique id for the heading.
    id: &'static str,
    on_close: impl Fn() + Copy + Send + Sync + 'static,
    /// Focused when it opens (a selector); the dialog's first field otherwise.
    #[prop(optional)]
    focus: Option<&'static str>,
    #[prop(optional)] wide: bool,
    /// True once its form was changed: closing (Escape, ×) then asks first.
    #[prop(optional)]
    unsaved: Option<RwSignal<bool>>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let opener = StoredValue::new_local(
        document()
            .active_element()
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok()),
    );
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
                if let Some(selector) = focus {
                    crate::components::page::focus(selector);
                }
            }
        }
    });
    let close = move || {
        if unsaved.is_some_and(|unsaved| unsaved.get_untracked()) {
            let question = crate::i18n::use_i18n().t().discard_changes;
            if !window().confirm_with_message(question).unwrap_or(true) {
                return;
            }
        }
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
        on_close();
        if let Some(opener) = opener.get_value() {
            if opener.is_connected() {
                let _ = opener.focus();
            }
        }
    };
    let close_label: TextFn = |t| t.close;
    view! {
        <dialog class="modal" class:wide=wide aria-labelledby=id node_ref=dialog
            on:cancel=move |event: web_sys::Event| {
                event.prevent_default();
                close();
            }>
            <div class="modal-head">
                <h2 id=id>{move || title.get()}</h2>
                <button class="button ghost" type="button" data-action="close-dialog"
                    on:click=move |_| close() aria-label=tr(close_label)>"×"</button>
            </div>
            {children()}
        </dialog>
    }
}
