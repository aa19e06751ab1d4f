//! The pages a link from an email opens: accepting an invitation
//! (`/auth/accept-invite`), asking for and completing a password reset
//! (`/auth/forgot-password`, `/auth/reset-password`) and proving an email
//! (`/auth/verify-email`). The link's secret stays in the page's address; it is sent
//! to the API in a request body, never in a URL the server logs.

use brigade_domain::api::{Contact, LoginRequest};
use brigade_domain::errors::ErrorCode;
use brigade_domain::invitations::{
    AcceptInvitationRequest, CompletePasswordResetRequest, InvitationPreview, InviteeAccount,
    PasswordResetRequest,
};
use brigade_domain::validation::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::auth::AuthFrame;
use crate::api::{self, ApiError};
use crate::components::{Field, FormAlert, FormErrors};
use crate::format;
use crate::i18n::{tr, use_i18n, Text};
use crate::mutation::mutation;
use crate::session::use_session;

fn token_in_address() -> String {
    use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default()
}

fn contact_of(error: &ApiError) -> Option<Contact> {
    match error {
        ApiError::Problem { problem, .. } => problem.contact.clone(),
        _ => None,
    }
}

/// A link that cannot be used: why, and whom to ask (or, for a reset or a
/// verification, where to ask for a new link: `again`).
#[component]
fn BrokenLink(error: ApiError, #[prop(optional)] again: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let used = error.code() == Some(ErrorCode::InvitationUsed);
    let contact = if used { None } else { contact_of(&error) };
    view! {
        <div class="alert alert-error" role="alert" data-state="broken-link">
            <p><strong>{tr(|t| t.link_broken_title)}</strong></p>
            <p>{move || error.message(i18n.t())}</p>
        </div>
        {used.then(|| view! {
            <p><a class="button primary" href="/login">{tr(|t| t.go_to_login)}</a></p>
        })}
        {again.map(|href| view! {
            <p><a class="button primary" href=href>{tr(|t| t.ask_new_reset_link)}</a></p>
        })}
        {contact.map(|contact| {
            let mail = format!("mailto:{}", contact.owner_email);
            let owner = contact.owner_name.clone();
            let restaurant = contact.restaurant_name.clone();
            view! {
                <p>{move || i18n.t().contact_owner_of.replace("{owner}", &owner).replace("{restaurant}", &restaurant)}</p>
                <p><a class="button" href=mail>{tr(|t| t.contact_owner)}</a></p>
            }
        })}
        <p class="switch-page"><a href="/login">{tr(|t| t.back_to_login)}</a></p>
    }
}

#[component]
pub fn AcceptInvitePage() -> impl IntoView {
    let token = token_in_address();
    let check = {
        let token = token.clone();
        LocalResource::new(move || {
            let token = token.clone();
            async move { api::invitations::check(&token).await }
        })
    };
    view! {
        <AuthFrame title=|t: &Text| t.accept_title lead=|_: &Text| "">
            {move || match check.get() {
                None => view! { <p role="status">{tr(|t| t.link_checking)}</p> }.into_any(),
                Some(Err(error)) if error.code() == Some(ErrorCode::TooManyAttempts) => view! {
                    <p class="alert alert-info" role="status">{tr(|t| t.wait_a_moment)}</p>
                    <p><button class="button primary" type="button" on:click=move |_| check.refetch()>{tr(|t| t.retry)}</button></p>
                }.into_any(),
                Some(Err(error)) => view! { <BrokenLink error=error/> }.into_any(),
                Some(Ok(preview)) => view! { <AcceptForm preview=preview token=token.clone()/> }.into_any(),
            }}
        </AuthFrame>
    }
}

#[component]
fn AcceptForm(preview: InvitationPreview, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let existing = preview.account == InviteeAccount::Existing;
    let unproven = preview.account == InviteeAccount::Unproven;
    let signed_in_as = session
        .me_untracked()
        .filter(|me| me.account.email != preview.email)
        .map(|me| me.account.name);
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let accept = mutation();
    let pending = accept.pending();
    let lead = {
        let preview = preview.clone();
        move || {
            let lang = i18n.lang.get();
            lang.text()
                .accept_lead
                .replace("{inviter}", &preview.inviter_name)
                .replace("{restaurant}", &preview.restaurant_name)
                .replace("{role}", lang.pick(preview.role.labels()))
        }
    };
    let expires_at = preview.expires_at;
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = AcceptInvitationRequest {
            token: token.clone(),
            name: (!existing).then(|| name.get_untracked()),
            password: password.get_untracked(),
        };
        let refused = if existing {
            // The account's password: only its presence is checked here.
            let login = LoginRequest {
                email: "someone@example.com".into(),
                password: request.password.clone(),
                restaurant_id: None,
            };
            login
                .validate()
                .err()
                .unwrap_or_default()
                .into_iter()
                .filter(|e| e.field == "password")
                .collect()
        } else {
            request.validate_new().err().unwrap_or_default()
        };
        let navigate = navigate.clone();
        errors.send(accept, refused, async move {
            let tokens = api::invitations::accept(&request).await?;
            session.begin(tokens).await?;
            navigate("/", Default::default());
            Ok(())
        });
    };
    view! {
        <p class="lead" data-field="invitation-lead">{lead}</p>
        <p class="hint">{move || i18n.t().link_expires_on.replace("{date}", &format::date_time(expires_at, i18n.lang.get()))}</p>
        <p class="hint">{move || {
            let t = i18n.t();
            if existing { t.accept_existing_hint } else if unproven { t.accept_unproven_hint } else { t.accept_new_hint }
        }}</p>
        {signed_in_as.map(|name| view! {
            <p class="alert alert-info" role="status">{move || i18n.t().accept_signed_in_as.replace("{name}", &name)}</p>
        })}
        <form class="form" novalidate=true on:submit=submit>
            <FormAlert errors=errors/>
            <p class="read-only">
                <span class="label">{tr(|t| t.email)}</span>
                <span data-field="email">{preview.email.clone()}</span>
            </p>
            {(!existing).then(|| view! {
                <Field label=|t: &Text| t.name name="name" autocomplete="name" value=name errors=errors/>
            })}
            {if existing {
                view! { <Field label=|t: &Text| t.password name="password" kind="password"
                    autocomplete="current-password" value=password errors=errors/> }.into_any()
            } else {
                view! { <Field label=|t: &Text| t.password name="password" kind="password"
                    autocomplete="new-password" hint=|t: &Text| t.password_hint value=password errors=errors/> }.into_any()
            }}
            <button class="button primary" type="submit" disabled=move || pending.get()>
                {move || if pending.get() { i18n.t().accept_pending } else { i18n.t().accept_submit }}
            </button>
        </form>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let errors = FormErrors::new();
    let ask = mutation();
    let pending = ask.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = PasswordResetRequest {
            email: email.get_untracked(),
            language: Some(i18n.lang.get_untracked().mail_language()),
        };
        let refused = request.validate().err().unwrap_or_default();
        errors.send(ask, refused, async move {
            api::auth::request_password_reset(&request).await?;
            sent.set(true);
            Ok(())
        });
    };
    view! {
        <AuthFrame title=|t: &Text| t.forgot_title lead=|t: &Text| t.forgot_lead>
            <Show when=move || sent.get() fallback=move || view! {
                <form class="form" novalidate=true on:submit=submit>
                    <FormAlert errors=errors/>
                    <Field label=|t: &Text| t.email name="email" kind="email" autocomplete="username"
                        value=email errors=errors/>
                    <button class="button primary" type="submit" disabled=move || pending.get()>
                        {move || if pending.get() { i18n.t().sending } else { i18n.t().forgot_submit }}
                    </button>
                </form>
            }>
                <p class="alert alert-info" role="status" data-state="reset-sent">{move || i18n.t().forgot_sent.replace("{email}", &email.get())}</p>
            </Show>
            <p class="switch-page"><a href="/login">{tr(|t| t.back_to_login)}</a></p>
        </AuthFrame>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = token_in_address();
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    let broken = RwSignal::new(None::<ApiError>);
    let errors = FormErrors::new();
    let reset = mutation();
    let pending = reset.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = CompletePasswordResetRequest {
            token: token.clone(),
            password: password.get_untracked(),
        };
        let mut refused = request.validate().err().unwrap_or_default();
        if refused.is_empty() && confirm.get_untracked() != request.password {
            refused.push(FieldError::new(
                "confirm_password",
                "mismatch",
                "the passwords differ",
            ));
        }
        errors.send(reset, refused, async move {
            match api::auth::complete_password_reset(&request).await {
                Ok(()) => {
                    done.set(true);
                    Ok(())
                }
                Err(error) if error.code() == Some(ErrorCode::LinkInvalid) => {
                    broken.set(Some(error));
                    Ok(())
                }
                Err(error) => Err(error),
            }
        });
    };
    view! {
        <AuthFrame title=|t: &Text| t.reset_title lead=|t: &Text| t.reset_lead>
            {move || {
                if done.get() {
                    view! {
                        <p class="alert alert-info" role="status" data-state="reset-done">{tr(|t| t.reset_done)}</p>
                        <p><a class="button primary" href="/login">{tr(|t| t.go_to_login)}</a></p>
                    }.into_any()
                } else if let Some(error) = broken.get() {
                    view! { <BrokenLink error=error again="/auth/forgot-password"/> }.into_any()
                } else {
                    let submit = submit.clone();
                    view! {
                        <form class="form" novalidate=true on:submit=submit>
                            <FormAlert errors=errors/>
                            <Field label=|t: &Text| t.new_password name="password" kind="password"
                                autocomplete="new-password" value=password errors=errors/>
                            <Field label=|t: &Text| t.confirm_password name="confirm_password" kind="password"
                                autocomplete="new-password" value=confirm errors=errors/>
                            <button class="button primary" type="submit" disabled=move || pending.get()>
                                {move || if pending.get() { i18n.t().saving } else { i18n.t().reset_submit }}
                            </button>
                        </form>
                    }.into_any()
                }
            }}
        </AuthFrame>
    }
}

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let token = token_in_address();
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    let broken = RwSignal::new(None::<ApiError>);
    let errors = FormErrors::new();
    let prove = mutation();
    let pending = prove.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let token = token.clone();
        let chosen = password.get_untracked();
        let mut refused: Vec<FieldError> =
            brigade_domain::validation::Password::parse("password", &chosen)
                .err()
                .into_iter()
                .collect();
        if refused.is_empty() && confirm.get_untracked() != chosen {
            refused.push(FieldError::new(
                "confirm_password",
                "mismatch",
                "the passwords differ",
            ));
        }
        errors.send(prove, refused, async move {
            match api::auth::verify_email(&token, &chosen).await {
                Ok(()) => {
                    done.set(true);
                    // Every session ended with the proof: this one too.
                    if session.me_untracked().is_some() {
                        session.end().await;
                    }
                    Ok(())
                }
                Err(error) if error.code() == Some(ErrorCode::LinkInvalid) => {
                    broken.set(Some(error));
                    Ok(())
                }
                Err(error) => Err(error),
            }
        });
    };
    view! {
        <AuthFrame title=|t: &Text| t.verify_title lead=|t: &Text| t.verify_lead>
            {move || {
                if done.get() {
                    view! {
                        <p class="alert alert-info" role="status" data-state="verified">{tr(|t| t.verify_done)}</p>
                        <p><a class="button primary" href="/login">{tr(|t| t.go_to_login)}</a></p>
                    }.into_any()
                } else if let Some(error) = broken.get() {
                    view! { <BrokenLink error=error again="/profile"/> }.into_any()
                } else {
                    let submit = submit.clone();
                    view! {
                        <form class="form" novalidate=true on:submit=submit>
                            <FormAlert errors=errors/>
                            <Field label=|t: &Text| t.new_password name="password" kind="password"
                                autocomplete="new-password" hint=|t: &Text| t.password_hint value=password errors=errors/>
                            <Field label=|t: &Text| t.confirm_password name="confirm_password" kind="password"
                                autocomplete="new-password" value=confirm errors=errors/>
                            <button class="button primary" type="submit" disabled=move || pending.get()>
                                {move || if pending.get() { i18n.t().saving } else { i18n.t().verify_submit }}
                            </button>
                        </form>
                    }.into_any()
                }
            }}
        </AuthFrame>
    }
}
