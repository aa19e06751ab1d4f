//! The gate in front of every signed-in page: while the session is unknown it shows a
//! loading state, a signed-out visitor goes to the login page (and comes back after),
//! and a page the person may not use shows "not allowed" — its content is never drawn.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::components::Shell;
use crate::i18n::use_i18n;
use crate::pages::NotAllowed;
use crate::sections::Section;
use crate::session::{use_session, Status};

#[component]
pub fn Protected(section: Section, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let status = Memo::new(move |_| session.status());
    let allowed = Memo::new(move |_| {
        section
            .required()
            .is_none_or(|permission| session.holds(permission))
    });
    let location = use_location();
    move || match status.get() {
        Status::Starting => view! { <Splash/> }.into_any(),
        Status::Unreachable => view! { <Unreachable/> }.into_any(),
        Status::SignedOut => {
            let here = location.pathname.get_untracked();
            let path = if here == "/" || here == "/login" || here == "/signup" {
                "/login".to_owned()
            } else {
                format!(
                    "/login?next={}",
                    String::from(js_sys::encode_uri_component(&here))
                )
            };
            view! { <Redirect path=path/> }.into_any()
        }
        Status::SignedIn => {
            let children = children.clone();
            view! {
                <Shell>
                    {move || {
                        if allowed.get() {
                            children().into_any()
                        } else {
                            view! { <NotAllowed/> }.into_any()
                        }
                    }}
                </Shell>
            }
            .into_any()
        }
    }
}

/// Shown while the session is being resumed.
#[component]
pub fn Splash() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="splash" role="status" aria-live="polite">
            <span class="brand-mark" aria-hidden="true">"B"</span>
            <p>{move || i18n.t().loading}</p>
        </div>
    }
}

/// Shown when the server cannot be reached while resuming the session.
#[component]
fn Unreachable() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <main class="splash" id="main">
            <h1>{move || i18n.t().unreachable_title}</h1>
            <p>{move || i18n.t().unreachable_body}</p>
            <button class="button" type="button" on:click=move |_| session.resume()>
                {move || i18n.t().retry}
            </button>
        </main>
    }
}
