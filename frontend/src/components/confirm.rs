//! The confirmation a destructive action waits for: a modal dialog with a question,
//! what it needs (a replacement role, say), and two buttons. It is the browser's own
//! modal `<dialog>`, so the rest of the page is inert and Tab stays inside. Keyboard
//! first: focus moves to "Cancel" when it opens, so Enter never confirms by accident;
//! Escape cancels unless the action is already under way; cancelled, focus goes back
//! where it was.

use leptos::prelude::*;

#[component]
pub fn Confirm(
    /// The question, also the dialog's accessible name.
    question: String,
    /// The confirming button's text.
    confirm_label: &'static str,
    cancel_label: &'static str,
    /// True while the action runs: both buttons wait, Escape too.
    #[prop(into)]
    busy: Signal<bool>,
    on_confirm: impl Fn() + Send + Sync + 'static,
    on_cancel: impl Fn() + Copy + Send + Sync + 'static,
    /// `false` for a choice that destroys nothing (leaving a page with changes).
    #[prop(default = true)]
    danger: bool,
    /// Shown between the question and the buttons.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    use wasm_bindgen::JsCast;
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let cancel = NodeRef::<leptos::html::Button>::new();
    // What had focus when it opened: the button that asked, usually.
    let opener = StoredValue::new_local(
        document()
            .active_element()
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok()),
    );
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
        if let Some(button) = cancel.get() {
            let _ = button.focus();
        }
    });
    let on_cancel = move || {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
        on_cancel();
        if let Some(opener) = opener.get_value() {
            let _ = opener.focus();
        }
    };
    let label = question.clone();
    let confirm_class = if danger {
        "button danger"
    } else {
        "button primary"
    };
    view! {
        <dialog class="confirm" role="alertdialog" aria-label=label node_ref=dialog
            on:cancel=move |event: web_sys::Event| {
                // Escape: the dialog stays in the page's hands, closed by `on_cancel`.
                event.prevent_default();
                if !busy.get_untracked() {
                    on_cancel();
                }
            }>
            <p>{question}</p>
            {children.map(|children| children())}
            <div class="actions">
                <button class=confirm_class type="button" disabled=move || busy.get()
                    on:click=move |_| on_confirm()>{confirm_label}</button>
                <button class="button" type="button" node_ref=cancel disabled=move || busy.get()
                    on:click=move |_| on_cancel()>{cancel_label}</button>
            </div>
        </dialog>
    }
}
