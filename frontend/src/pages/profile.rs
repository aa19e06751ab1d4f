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
                <EmailCard/>
                <PasswordCard/>
                <RestaurantsCard/>
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
                email_verified: false,
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

/// Whether the person proved their email, and a way to do it.
#[component]
fn EmailCard() -> impl IntoView {
    use brigade_domain::invitations::VerificationRequest;
    let session = use_session();
    let i18n = use_i18n();
    let toasts = use_toasts();
    let me = Memo::new(move |_| session.me());
    let sending = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let send = move |_| {
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        let language = i18n.lang.get_untracked().mail_language();
        leptos::task::spawn_local(async move {
            let result = api::me::send_verification(&VerificationRequest {
                language: Some(language),
            })
            .await;
            sending.set(false);
            match result {
                Ok(()) => sent.set(true),
                Err(error) => toasts.failed(error.message(i18n.t())),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="email-title" data-card="email">
            <h2 id="email-title">{tr(|t| t.email)}</h2>
            <p class="read-only">
                <span data-field="account-email">{move || me.get().map(|me| me.account.email).unwrap_or_default()}</span>
            </p>
            {move || if me.get().is_some_and(|me| me.account.email_verified) {
                view! { <p><span class="badge success">{tr(|t| t.email_confirmed)}</span></p> }.into_any()
            } else {
                view! {
                    <p><span class="badge warning">{tr(|t| t.email_unverified)}</span></p>
                    <p class="hint">{tr(|t| t.email_unconfirmed_hint)}</p>
                    {move || sent.get().then(|| view! {
                        <p class="alert alert-info" role="status" data-state="verification-sent">
                            {move || i18n.t().verification_sent.replace("{email}", &me.get().map(|me| me.account.email).unwrap_or_default())}
                        </p>
                    })}
                    <div class="actions">
                        <button class="button" type="button" disabled=move || sending.get() on:click=send>
                            {move || if sending.get() { i18n.t().sending } else if sent.get() { i18n.t().send_verification_again } else { i18n.t().send_verification }}
                        </button>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// The restaurants the person belongs to; they may leave any but one they own.
#[component]
fn RestaurantsCard() -> impl IntoView {
    use brigade_domain::api::RestaurantMembership;
    use brigade_domain::permissions::SystemRole;
    let session = use_session();
    let i18n = use_i18n();
    let toasts = use_toasts();
    let me = Memo::new(move |_| session.me());
    let leaving = RwSignal::new(None::<RestaurantMembership>);
    let busy = RwSignal::new(false);
    view! {
        <section class="card" aria-labelledby="restaurants-title" data-card="restaurants">
            <h2 id="restaurants-title" tabindex="-1">{tr(|t| t.your_restaurants)}</h2>
            <ul class="plain-list">
                {move || {
                    let lang = i18n.lang.get();
                    let t = lang.text();
                    let Some(me) = me.get() else { return Vec::new() };
                    let active = me.active_restaurant_id;
                    me.restaurants.into_iter().map(|place| {
                        let current = place.restaurant_id == active;
                        let owner = place.role == SystemRole::Owner;
                        let shown = place.clone();
                        view! {
                            <li class="row-between" data-restaurant=place.restaurant_name.clone()>
                                <span>
                                    <strong>{place.restaurant_name.clone()}</strong>
                                    " · " {lang.pick(place.role.labels())}
                                    {current.then(|| view! { " · " <em>{t.current_restaurant}</em> })}
                                </span>
                                {if owner {
                                    view! { <span class="hint">{t.owner_stays}</span> }.into_any()
                                } else {
                                    view! {
                                        <button class="button danger" type="button"
                                            on:click=move |_| leaving.set(Some(shown.clone()))>{t.leave}</button>
                                    }.into_any()
                                }}
                            </li>
                        }
                    }).collect::<Vec<_>>()
                }}
            </ul>
        </section>
        {move || leaving.get().map(|place| {
            let question = i18n.t().confirm_leave.replace("{restaurant}", &place.restaurant_name);
            let id = place.restaurant_id;
            let name = place.restaurant_name.clone();
            view! {
                <crate::components::Confirm question=question confirm_label=i18n.t().leave
                    cancel_label=i18n.t().cancel busy=busy
                    on_confirm=move || {
                        busy.set(true);
                        let name = name.clone();
                        leptos::task::spawn_local(async move {
                            let leaving_active = session.me().is_some_and(|me| me.active_restaurant_id == id);
                            let other = session.me().and_then(|me| {
                                me.restaurants.into_iter().find(|p| p.restaurant_id != id && p.active).map(|p| p.restaurant_id)
                            });
                            // Leaving the restaurant this session acts in: move to
                            // another first (or end the session when none is left).
                            if let (true, Some(next)) = (leaving_active, other) {
                                if let Ok(tokens) = api::auth::switch_restaurant(next).await {
                                    let _ = session.begin(tokens).await;
                                }
                            }
                            let result = api::me::leave_restaurant(id).await;
                            busy.set(false);
                            leaving.set(None);
                            match result {
                                Ok(()) => {
                                    toasts.note(i18n.t().left_restaurant.replace("{restaurant}", &name));
                                    if leaving_active && other.is_none() {
                                        session.end().await;
                                    } else {
                                        let _ = session.reload().await;
                                        crate::components::page::focus("#restaurants-title");
                                    }
                                }
                                Err(error) => toasts.failed(error.message(i18n.t())),
                            }
                        });
                    }
                    on_cancel=move || leaving.set(None)/>
            }
        })}
    }
}
