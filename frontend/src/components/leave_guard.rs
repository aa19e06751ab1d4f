//! Asks before leaving a page with unsaved changes: a link inside the app, or the
//! browser's Back, opens a confirmation (stay, or leave and drop the changes); closing
//! or reloading the tab gets the browser's own question. For Back, the page holds one
//! extra history entry (the same address) while it has changes: going back lands on
//! the page itself, which then asks.

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

/// Where the person was going.
#[derive(Debug, Clone, PartialEq)]
enum Leave {
    To(String),
    Back,
}

fn history() -> Option<web_sys::History> {
    window().history().ok()
}

/// Holds the page with one more history entry at the same address.
fn hold() -> bool {
    history().is_some_and(|h| {
        h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", None)
            .is_ok()
    })
}

/// Guards the current page while `dirty` is true.
#[component]
pub fn LeaveGuard(#[prop(into)] dirty: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let leaving_to = RwSignal::new(None::<Leave>);
    let held = StoredValue::new(false);
    Effect::new(move |_| {
        let dirty = dirty.get();
        if dirty && !held.get_value() {
            held.set_value(hold());
        } else if !dirty && held.get_value() {
            // Saved or discarded: the extra entry goes, so Back works in one press.
            held.set_value(false);
            if let Some(history) = history() {
                let _ = history.back();
            }
        }
    });
    let on_back = window_event_listener(leptos::ev::popstate, move |_| {
        if held.get_value() && dirty.get_untracked() {
            held.set_value(false);
            leaving_to.set(Some(Leave::Back));
        }
    });
    // Before the router sees the click: the capture phase on the window comes first.
    let on_click = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MouseEvent)>::new(
        move |event: web_sys::MouseEvent| {
            if !dirty.get_untracked() {
                return;
            }
            if let Some(href) = followed_link(&event) {
                event.prevent_default();
                event.stop_immediate_propagation();
                leaving_to.set(Some(Leave::To(href)));
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
        on_back.remove();
        if let Some(on_click) = on_click.try_update_value(Option::take).flatten() {
            let _ = window().remove_event_listener_with_callback_and_bool(
                "click",
                on_click.as_ref().unchecked_ref(),
                true,
            );
        }
    });
    move || {
        leaving_to.get().map(|leave| {
            let navigate = navigate.clone();
            let back = leave == Leave::Back;
            let t = i18n.t();
            view! {
                <Confirm question=t.leave_unsaved.to_owned() confirm_label=t.leave_anyway cancel_label=t.stay
                    busy=Signal::derive(|| false) danger=false
                    on_confirm=move || {
                        leaving_to.set(None);
                        match &leave {
                            Leave::To(href) => navigate(href, NavigateOptions::default()),
                            Leave::Back => {
                                if let Some(history) = history() {
                                    let _ = history.back();
                                }
                            }
                        }
                    }
                    on_cancel=move || {
                        leaving_to.set(None);
                        // Staying after Back: the page holds its entry again.
                        if back {
                            held.set_value(hold());
                        }
                    }/>
            }
        })
    }
}
