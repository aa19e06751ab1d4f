//! The gate in front of every signed-in page: while the session is unknown it shows a
//! loading state, a signed-out visitor goes to the login page (and comes back after),
//! and a page the person may not use shows "not allowed" — its content is never drawn.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use super::notices::{NotAllowed, Splash, Unreachable};
use super::password::PasswordCard;
use super::switches::{LanguageSwitch, ThemeToggle};
use super::Shell;
use crate::sections::Section;
use crate::session::{use_session, Status};

#[component]
pub fn Protected(section: Section, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let status = Memo::new(move |_| session.status());
    let allowed = Memo::new(move |_| session.may_open(section));
    let must_change_password =
        Memo::new(move |_| session.me().is_some_and(|me| me.password_change_required));
    let location = use_location();
    move || match status.get() {
        Status::Starting => view! { <Splash/> }.into_any(),
        Status::Unreachable => view! { <Unreachable/> }.into_any(),
        Status::SignedOut => {
            let here = location.pathname.get_untracked();
            let path = if here == "/" || here == "/login" || here == "/signup" {
                "/login".to_owned()
            } else {
                // The page as it was asked for, its query and fragment included.
                let whole = format!(
                    "{here}{}{}",
                    location.search.get_untracked(),
                    location.hash.get_untracked()
                );
                format!(
                    "/login?next={}",
                    String::from(js_sys::encode_uri_component(&whole))
                )
            };
            view! { <Redirect path=path/> }.into_any()
        }
        Status::SignedIn if must_change_password.get() => view! { <FirstPassword/> }.into_any(),
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

/// At first login with a temporary password: choose one's own before anything else.
#[component]
fn FirstPassword() -> impl IntoView {
    view! {
        <div class="auth">
            <header class="auth-bar">
                <span class="brand">
                    <span class="brand-mark" aria-hidden="true">"B"</span>
                    <span class="brand-name">"Brigade"</span>
                </span>
                <div class="topbar-actions">
                    <ThemeToggle/>
                    <LanguageSwitch/>
                </div>
            </header>
            <main id="main" class="auth-main">
                <div class="auth-card">
                    <PasswordCard first_login=true/>
                </div>
            </main>
        </div>
    }
}
