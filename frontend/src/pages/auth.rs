//! Logging in and signing up a restaurant: the two pages a visitor sees.

use brigade_domain::api::{LoginRequest, SignupRequest};
use brigade_domain::validation::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::components::switches::{LanguageSwitch, ThemeToggle};
use crate::components::{Field, FormAlert, FormErrors, Splash};
use crate::i18n::{tr, use_i18n, Text, TextFn};
use crate::mutation::mutation;
use crate::sections::Section;
use crate::session::{use_session, Status};

/// Where to go after logging in: the page that sent the visitor here, if it is ours.
fn next_path(raw: Option<String>) -> String {
    raw.and_then(|raw| app_page(&raw))
        .unwrap_or_else(|| "/".into())
}

/// `raw` as a path of one of the app's pages, or `None`. It is resolved the way the
/// browser and the router will (`/%09/evil.example` becomes `//evil.example`, another
/// site), and kept only when it stays on this origin and names an app page. Control
/// characters, whitespace and backslashes are refused outright.
fn app_page(raw: &str) -> Option<String> {
    let plain = raw.starts_with('/')
        && !raw
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    if !plain {
        return None;
    }
    let origin = web_sys::window()?.location().origin().ok()?;
    let url = web_sys::Url::new_with_base(raw, &origin).ok()?;
    if url.origin() != origin {
        return None;
    }
    let path = url.pathname();
    Section::of_path(&path)?;
    Some(format!("{path}{}{}", url.search(), url.hash()))
}

/// The frame of the visitor pages: brand, switches, a card.
#[component]
pub(crate) fn AuthFrame(title: TextFn, lead: TextFn, children: Children) -> impl IntoView {
    let i18n = use_i18n();
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
                <section class="card auth-card">
                    <h1>{move || title(i18n.t())}</h1>
                    <p class="lead">{move || lead(i18n.t())}</p>
                    {children()}
                </section>
                <p class="tagline">{tr(|t| t.tagline)}</p>
            </main>
        </div>
    }
}

/// Shows the form to visitors; sends signed-in people on to where they were going.
fn visitor_only(render: impl Fn() -> AnyView + Send + Sync + 'static) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let status = Memo::new(move |_| session.status());
    move || match status.get() {
        Status::SignedIn => {
            view! { <Redirect path=next_path(query.read_untracked().get("next"))/> }.into_any()
        }
        Status::Starting => view! { <Splash/> }.into_any(),
        Status::SignedOut | Status::Unreachable => render(),
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    visitor_only(|| view! { <LoginForm/> }.into_any())
}

#[component]
fn LoginForm() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let log_in = mutation();
    let pending = log_in.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = LoginRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
            restaurant_id: None,
        };
        let refused = request.validate().err().unwrap_or_default();
        errors.send(log_in, refused, async move {
            session.begin(api::auth::login(&request).await?).await
        });
    };
    view! {
        <AuthFrame title=|t: &Text| t.login_title lead=|t: &Text| t.login_lead>
            <Show when=move || session.ended.get()>
                <p class="alert alert-info" role="status">{tr(|t| t.session_ended)}</p>
            </Show>
            <form class="form" novalidate=true on:submit=submit>
                <FormAlert errors=errors/>
                <Field label=|t: &Text| t.email name="email" kind="email" autocomplete="username"
                    value=email errors=errors/>
                <Field label=|t: &Text| t.password name="password" kind="password"
                    autocomplete="current-password" value=password errors=errors/>
                <button class="button primary" type="submit" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t().login_pending } else { i18n.t().login_submit }}
                </button>
            </form>
            <p class="switch-page"><a href="/auth/forgot-password">{tr(|t| t.forgot_password)}</a></p>
            <p class="switch-page">
                {tr(|t| t.no_account)} " "
                <a href="/signup">{tr(|t| t.signup_link)}</a>
            </p>
        </AuthFrame>
    }
}

#[component]
pub fn SignupPage() -> impl IntoView {
    visitor_only(|| view! { <SignupForm/> }.into_any())
}

#[component]
fn SignupForm() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let restaurant_name = RwSignal::new(String::new());
    let owner_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let table_count = RwSignal::new("10".to_owned());
    let errors = FormErrors::new();
    let sign_up = mutation();
    let pending = sign_up.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let tables = table_count.get_untracked().trim().parse::<i64>();
        let request = SignupRequest {
            restaurant_name: restaurant_name.get_untracked(),
            owner_name: owner_name.get_untracked(),
            email: email.get_untracked(),
            password: password.get_untracked(),
            table_count: *tables.as_ref().unwrap_or(&1),
            language: Some(i18n.lang.get_untracked().mail_language()),
        };
        let mut refused = request.validate().err().unwrap_or_default();
        if tables.is_err() {
            refused.push(FieldError::new(
                "table_count",
                "number",
                "table_count must be a whole number",
            ));
        }
        errors.send(sign_up, refused, async move {
            session.begin(api::auth::signup(&request).await?).await
        });
    };
    view! {
        <AuthFrame title=|t: &Text| t.signup_title lead=|t: &Text| t.signup_lead>
            <form class="form" novalidate=true on:submit=submit>
                <FormAlert errors=errors/>
                <Field label=|t: &Text| t.restaurant_name name="restaurant_name"
                    autocomplete="organization" value=restaurant_name errors=errors/>
                <Field label=|t: &Text| t.owner_name name="owner_name" autocomplete="name"
                    value=owner_name errors=errors/>
                <Field label=|t: &Text| t.email name="email" kind="email" autocomplete="email"
                    value=email errors=errors/>
                <Field label=|t: &Text| t.password name="password" kind="password"
                    autocomplete="new-password" hint=|t: &Text| t.password_hint
                    value=password errors=errors/>
                <Field label=|t: &Text| t.table_count name="table_count" inputmode="numeric"
                    value=table_count errors=errors/>
                <button class="button primary" type="submit" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t().signup_pending } else { i18n.t().signup_submit }}
                </button>
            </form>
            <p class="switch-page">
                {tr(|t| t.have_account)} " "
                <a href="/login">{tr(|t| t.login_link)}</a>
            </p>
        </AuthFrame>
    }
}
