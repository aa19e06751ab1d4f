//! Changing one's password, on the profile page and, at first login with a temporary
//! password, as the only thing the person can do.

use brigade_domain::api::ChangePasswordRequest;
use brigade_domain::validation::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::{Field, FormAlert, FormErrors};
use crate::api;
use crate::i18n::{use_i18n, Text};
use crate::mutation::mutation;
use crate::session::use_session;

/// Changing one's password; at first login (a temporary password) it is the only
/// thing the person can do, and success lets them in.
#[component]
pub fn PasswordCard(#[prop(optional)] first_login: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current_password = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let confirm_password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let toasts = crate::components::use_toasts();
    let change = mutation();
    let pending = change.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = ChangePasswordRequest {
            current_password: current_password.get_untracked(),
            new_password: new_password.get_untracked(),
        };
        let mut refused = request.validate().err().unwrap_or_default();
        if confirm_password.get_untracked() != request.new_password {
            refused.push(FieldError::new(
                "confirm_password",
                "mismatch",
                "the two passwords differ",
            ));
        }
        errors.send(change, refused, async move {
            api::me::change_password(&request).await?;
            current_password.set(String::new());
            new_password.set(String::new());
            confirm_password.set(String::new());
            toasts.done(|t: &Text| t.password_changed);
            if first_login {
                session.reload().await?;
            }
            Ok(())
        });
    };
    view! {
        <section class="card" aria-labelledby="password-title">
            <h2 id="password-title">{move || if first_login { i18n.t().set_password_title } else { i18n.t().change_password }}</h2>
            <p class="hint">{move || if first_login { i18n.t().set_password_lead } else { i18n.t().password_change_note }}</p>
            <form class="form" novalidate=true on:submit=submit>
                <FormAlert errors=errors/>
                <Field label=|t: &Text| t.current_password name="current_password" kind="password"
                    autocomplete="current-password" value=current_password errors=errors/>
                <Field label=|t: &Text| t.new_password name="new_password" kind="password"
                    autocomplete="new-password" hint=|t: &Text| t.password_hint
                    value=new_password errors=errors/>
                <Field label=|t: &Text| t.confirm_password name="confirm_password" kind="password"
                    autocomplete="new-password" value=confirm_password errors=errors/>
                <button class="button primary" type="submit" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t().saving } else { i18n.t().change_password }}
                </button>
            </form>
        </section>
    }
}
