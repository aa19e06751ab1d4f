//! Asks before leaving a page with unsaved changes: a link inside the app opens a
//! confirmation (stay, or leave and drop the changes); closing or reloading the tab
//! gets the browser's own question.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::components::Confirm;
use crate::i18n::use_i18n;

/// The link a click was about to follow, if it leaves for another page of the app.
fn followed_link(event: &web_sys::MouseEvent) -> Option<String> {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.ctrl_key()
        || event.shift_key()
        || event.alt_key()
    {
        return None;
    }
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let anchor = target
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    if anchor.rel().split_whitespace().any(|rel| rel == "external") {
        return None;
    }
    let here = window().location();
    // A path such as `//elsewhere.example` would be read as another site's address.
    if anchor.pathname().starts_with("//") {
        return None;
    }
    let same_origin = anchor.origin() == here.origin().ok()?;
    let new_tab = !anchor.target().is_empty() || anchor.has_attribute("download");
    let elsewhere =
        anchor.pathname() != here.pathname().ok()? || anchor.search() != here.search().ok()?;
    (same_origin && !new_tab && elsewhere)
        .then(|| format!("{}{}{}", anchor.pathname(), anchor.search(), anchor.hash()))
}

/// Guards the current page while `dirty` is true.
#[component]
pub fn LeaveGuard(#[prop(into)] dirty: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let leaving_to = RwSignal::new(None::<String>);
    // Before the router sees the click: the capture phase on the window comes first.
    let on_click = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MouseEvent)>::new(
        move |event: web_sys::MouseEvent| {
            if !dirty.get_untracked() {
                return;
            }
            if let Some(href) = followed_link(&event) {
                event.prevent_default();
                event.stop_immediate_propagation();
                leaving_to.set(Some(href));
            }
        },
    );
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(true);
    let _ = window().add_event_listener_with_callback_and_add_event_listener_options(
        "click",
        on_click.as_ref().unchecked_ref(),
        &options,
    );
    let before_unload = window_event_listener(leptos::ev::beforeunload, move |event| {
        if dirty.get_untracked() {
            event.prevent_default();
            event.set_return_value("unsaved");
        }
    });
    let on_click = StoredValue::new_local(Some(on_click));
    on_cleanup(move || {
        before_unload.remove();
        if let Some(on_click) = on_click.try_update_value(Option::take).flatten() {
            let _ = window().remove_event_listener_with_callback_and_bool(
                "click",
                on_click.as_ref().unchecked_ref(),
                true,
            );
        }
    });
    move || {
        leaving_to.get().map(|href| {
            let navigate = navigate.clone();
            let t = i18n.t();
            view! {
                <Confirm question=t.leave_unsaved.to_owned() confirm_label=t.leave_anyway cancel_label=t.stay
                    busy=Signal::derive(|| false) danger=false
                    on_confirm=move || { leaving_to.set(None); navigate(&href, NavigateOptions::default()); }
                    on_cancel=move || leaving_to.set(None)/>
            }
        })
    }
}
