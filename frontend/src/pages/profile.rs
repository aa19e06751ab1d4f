//! Every member's own page (note 000 §10): their name, their password, their activity.

use brigade_domain::api::UpdateProfileRequest;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::components::{use_toasts, Field, FormAlert, FormErrors, PageHeader, PasswordCard};
use crate::format;
use crate::i18n::{tr, use_i18n, Text};
use crate::mutation::mutation;
use crate::session::{use_session, SessionState};

#[component]
pub fn ProfilePage() -> impl IntoView {
    view! {
        <div class="page" data-page="profile">
            <PageHeader title=Signal::derive(move || tr(|t| t.profile)().to_owned()) lead=|t: &Text| t.profile_card/>
            <div class="card-grid">
                <NameCard/>
                <PasswordCard/>
                <ActivityCard/>
            </div>
        </div>
    }
}

#[component]
fn NameCard() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let current =
        session
            .me()
            .map(|me| me.account)
            .unwrap_or_else(|| brigade_domain::api::Account {
                id: uuid::Uuid::nil(),
                email: String::new(),
                name: String::new(),
                created_at: chrono::DateTime::default(),
            });
    let name = RwSignal::new(current.name.clone());
    let email = Memo::new(move |_| session.me().map(|me| me.account.email).unwrap_or_default());
    let errors = FormErrors::new();
    let toasts = use_toasts();
    let save = mutation();
    let pending = save.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = UpdateProfileRequest {
            name: name.get_untracked(),
        };
        let refused = request.validate().err().unwrap_or_default();
        errors.send(save, refused, async move {
            let me = api::me::update_profile(&request).await?;
            name.set(me.account.name.clone());
            session.state.set(SessionState::SignedIn(Box::new(me)));
            toasts.done(|t: &Text| t.name_saved);
            Ok(())
        });
    };
    view! {
        <section class="card" aria-labelledby="identity-title">
            <h2 id="identity-title">{tr(|t| t.identity)}</h2>
            <form class="form" novalidate=true on:submit=submit>
                <FormAlert errors=errors/>
                <Field label=|t: &Text| t.name name="name" autocomplete="name" value=name errors=errors/>
                <p class="read-only">
                    <span class="label">{tr(|t| t.email)}</span>
                    <span data-field="email">{move || email.get()}</span>
                </p>
                <button class="button primary" type="submit" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t().saving } else { i18n.t().save }}
                </button>
            </form>
        </section>
    }
}

#[component]
fn ActivityCard() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    // The activity recorded before this visit: `/me` reports it as it was on arrival.
    let me = Memo::new(move |_| session.me());
    view! {
        <section class="card" aria-labelledby="activity-title">
            <h2 id="activity-title">{tr(|t| t.activity)}</h2>
            <dl class="facts">
                <dt>{tr(|t| t.last_activity)}</dt>
                <dd data-field="last_activity">
                    {move || {
                        let lang = i18n.lang.get();
                        me.get()
                            .and_then(|me| me.last_activity_at)
                            .map(|at| format::date_time(at, lang))
                            .unwrap_or_else(|| lang.text().first_visit.to_owned())
                    }}
                </dd>
                <dt>{tr(|t| t.account_created)}</dt>
                <dd data-field="account_created">
                    {move || {
                        let lang = i18n.lang.get();
                        me.get().map(|me| format::date(me.account.created_at, lang))
                    }}
                </dd>
            </dl>
        </section>
    }
}
