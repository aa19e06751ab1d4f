//! The Équipe page: who belongs to the restaurant, with what roles, whether active and
//! when last seen, searchable; and, for those allowed (`staff.create`), adding a member
//! directly with a temporary password. Each name opens the member's page. Needs
//! `staff.view`.

use brigade_domain::api::{HeldRoleRef, Member, RoleList};
use brigade_domain::permissions::{code, SystemRole};
use brigade_domain::team::{CreateMemberRequest, MEMBER_SEARCH_MAX};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use uuid::Uuid;

use crate::api;
use crate::components::{
    use_toasts, Field, FormAlert, FormErrors, Loaded, PageHeader, PagedList, RolePicker, Toolbar,
};
use crate::format;
use crate::i18n::{tr, use_i18n, Lang, Text};
use crate::mutation::mutation;
use crate::session::use_session;

/// The member's roles as chips; custom roles carry their colour.
fn roles_of(member: &Member, lang: Lang) -> impl IntoView {
    member
        .roles
        .iter()
        .map(|role| match role {
            HeldRoleRef::System { role } => {
                view! { <span class="chip">{lang.pick(role.labels())}</span> }.into_any()
            }
            HeldRoleRef::Custom { name, color, .. } => view! {
                <span class="chip">
                    <span class="swatch" style:background-color=color.clone() aria-hidden="true"></span>
                    {name.clone()}
                </span>
            }
            .into_any(),
        })
        .collect_view()
}

fn member_table(members: Vec<Member>, lang: Lang) -> AnyView {
    let t = lang.text();
    let rows = members
        .into_iter()
        .map(|member| {
            let last = member
                .last_activity_at
                .map(|at| format::date_time(at, lang))
                .unwrap_or_else(|| t.never.to_owned());
            view! {
                <tr>
                    <td class="wrap" data-label=t.name><a href=format!("/team/{}", member.id)>{member.name.clone()}</a></td>
                    <td class="wrap" data-label=t.email>{member.email.clone()}</td>
                    <td data-label=t.role>{roles_of(&member, lang)}</td>
                    <td data-label=t.status>{if member.active { t.active } else { t.inactive }}</td>
                    <td data-label=t.last_activity>{last}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table">
            <thead>
                <tr>
                    <th scope="col">{t.name}</th>
                    <th scope="col">{t.email}</th>
                    <th scope="col">{t.role}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col">{t.last_activity}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let adding = RwSignal::new(false);
    let invitations_changed = RwSignal::new(0_u32);
    let toasts = use_toasts();
    let title = Signal::derive(move || i18n.t().team.to_owned());
    let search = RwSignal::new(String::new());
    let role = RwSignal::new(None::<SystemRole>);
    let active = RwSignal::new(None::<bool>);
    let offset = RwSignal::new(0_u64);
    let page = LocalResource::new(move || {
        let search = search.get();
        let (role, active, offset) = (role.get(), active.get(), offset.get());
        async move { api::team::members(search.trim(), role, active, offset).await }
    });
    view! {
        <div class="page" data-page="team">
            <PageHeader title=title lead=|t: &Text| t.team_card>
                // Nothing is offered while the team could not be loaded.
                <Show when=move || session.holds(code::STAFF_CREATE) && page.get().is_some_and(|p| p.is_ok())>
                    <button class="button primary" type="button" on:click=move |_| adding.set(true)>{tr(|t| t.add_member)}</button>
                </Show>
            </PageHeader>
            <Show when=move || session.holds(code::STAFF_CREATE) && adding.get()>
                <AddMemberDialog on_done=move |outcome: Added| {
                    adding.set(false);
                    match outcome {
                        Added::Nothing => {}
                        Added::Member => { toasts.done(|t: &Text| t.member_added); page.refetch(); }
                        Added::Joined => { toasts.done(|t: &Text| t.member_joined); page.refetch(); }
                        Added::Invited => { toasts.done(|t: &Text| t.invitation_sent); invitations_changed.update(|n| *n += 1); }
                        Added::Refreshed => { toasts.done(|t: &Text| t.invitation_replaced); invitations_changed.update(|n| *n += 1); }
                    }
                }/>
            </Show>
            <Toolbar>
                <label class="sr-only" for="member-search">{tr(|t| t.search)}</label>
                <input
                    id="member-search"
                    type="search"
                    name="q"
                    maxlength=MEMBER_SEARCH_MAX.to_string()
                    placeholder=tr(|t| t.search_members)
                    prop:value=move || search.get()
                    on:input=move |ev| {
                        offset.set(0);
                        search.set(event_target_value(&ev));
                    }
                />
                <label class="sr-only" for="member-role">{tr(|t| t.role)}</label>
                <select id="member-role" name="role" on:change=move |ev| {
                    offset.set(0);
                    role.set(event_target_value(&ev).parse::<SystemRole>().ok());
                }>
                    <option value="">{tr(|t| t.all_roles)}</option>
                    {SystemRole::ALL.into_iter().map(|option| {
                        let labels = *option.labels();
                        view! { <option value=option.as_str()>{move || i18n.lang.get().pick(&labels)}</option> }
                    }).collect_view()}
                </select>
                <label class="sr-only" for="member-status">{tr(|t| t.status)}</label>
                <select id="member-status" name="active" on:change=move |ev| {
                    offset.set(0);
                    active.set(match event_target_value(&ev).as_str() { "true" => Some(true), "false" => Some(false), _ => None });
                }>
                    <option value="">{tr(|t| t.all_statuses)}</option>
                    <option value="true">{tr(|t| t.active)}</option>
                    <option value="false">{tr(|t| t.inactive)}</option>
                </select>
            </Toolbar>
            <PagedList page=page offset=offset empty=|t: &Text| t.no_members
                count=|t: &Text| t.member_count rows=member_table/>
            <Show when=move || session.holds(code::STAFF_CREATE)>
                <PendingInvitations changed=invitations_changed/>
            </Show>
        </div>
    }
}

/// Adds a member directly (note 001 B1, tab 2).
#[component]
fn DirectForm(on_done: impl Fn(Added) + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let roles = LocalResource::new(api::roles::roles);
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let temporary_password = RwSignal::new(String::new());
    let role = RwSignal::new(SystemRole::Waiter);
    let extra = RwSignal::new(Vec::<Uuid>::new());
    let errors = FormErrors::new();
    let add = mutation();
    let pending = add.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = CreateMemberRequest {
            email: email.get_untracked(),
            name: name.get_untracked(),
            temporary_password: temporary_password.get_untracked(),
            role: role.get_untracked(),
            custom_role_ids: extra.get_untracked(),
        };
        let refused = request.validate().err().unwrap_or_default();
        errors.send(add, refused, async move {
            api::team::create_member(&request).await.map_err(|error| {
                // Here an address already in use is the email field's problem.
                match error.code() {
                    Some(brigade_domain::errors::ErrorCode::EmailTaken) => {
                        error.at_field("email", "member_email_taken")
                    }
                    Some(brigade_domain::errors::ErrorCode::AlreadyMember) => {
                        error.at_field("email", "already_member")
                    }
                    _ => error,
                }
            })?;
            on_done(Added::Member);
            Ok(())
        });
    };
    view! {
        <div>
            <p class="hint">{tr(|t| t.direct_hint)}</p>
            <form class="form" novalidate=true on:submit=submit>
                <FormAlert errors=errors/>
                <Field label=|t: &Text| t.email name="email" kind="email" value=email errors=errors/>
                <Field label=|t: &Text| t.name name="name" value=name errors=errors/>
                <Field label=|t: &Text| t.temporary_password name="temporary_password" kind="password"
                    autocomplete="new-password" hint=|t: &Text| t.temporary_password_hint
                    value=temporary_password errors=errors/>
                <Loaded resource=roles children={move |list: RoleList| view! { <RolePicker roles=list role=role extra=extra/> }}/>
                <div class="actions">
                    <button class="button primary" type="submit" disabled=move || pending.get()>
                        {move || if pending.get() { i18n.t().saving } else { i18n.t().add_member }}
                    </button>
                    <button class="button" type="button" on:click=move |_| on_done(Added::Nothing)>{tr(|t| t.cancel)}</button>
                </div>
            </form>
        </div>
    }
}

/// What the dialog did.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Added {
    Nothing,
    /// A member created directly.
    Member,
    /// A person with a proven account added at once.
    Joined,
    Invited,
    /// The pending invitation for that email was sent again.
    Refreshed,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Invite,
    Direct,
}

/// "Ajouter un membre" (note 001 B1): a modal dialog with two tabs, inviting by email
/// (first) and creating directly. Both panels stay in the page, so what was typed in
/// one is still there after a look at the other. The arrow keys, Home and End move
/// between the tabs; Escape or "Cancel" closes it and focus returns to the button that
/// opened it.
#[component]
fn AddMemberDialog(on_done: impl Fn(Added) + Copy + Send + Sync + 'static) -> impl IntoView {
    use wasm_bindgen::JsCast;
    let tab = RwSignal::new(Tab::Invite);
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let opener = StoredValue::new_local(
        document()
            .active_element()
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok()),
    );
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
                crate::components::field::focus_field("invite_email");
            }
        }
    });
    let finish = move |outcome: Added| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
        on_done(outcome);
        if let Some(opener) = opener.get_value() {
            let _ = opener.focus();
        }
    };
    let choose = move |next: Tab| {
        tab.set(next);
        let id = if next == Tab::Invite {
            "tab-invite"
        } else {
            "tab-direct"
        };
        crate::components::page::focus(&format!("#{id}"));
    };
    let on_keys = move |event: web_sys::KeyboardEvent| {
        let next = match event.key().as_str() {
            "Home" => Tab::Invite,
            "End" => Tab::Direct,
            "ArrowRight" | "ArrowLeft" => {
                if tab.get_untracked() == Tab::Invite {
                    Tab::Direct
                } else {
                    Tab::Invite
                }
            }
            _ => return,
        };
        event.prevent_default();
        choose(next);
    };
    let tab_button = move |which: Tab, id: &'static str, panel: &'static str, label: TextLabel| {
        view! {
            <button type="button" role="tab" id=id aria-controls=panel
                class="tab" class:selected=move || tab.get() == which
                aria-selected=move || (tab.get() == which).to_string()
                tabindex=move || if tab.get() == which { "0" } else { "-1" }
                on:click=move |_| tab.set(which) on:keydown=on_keys>
                {tr(label)}
            </button>
        }
    };
    view! {
        <dialog class="modal" aria-labelledby="add-member-title" node_ref=dialog
            on:cancel=move |event: web_sys::Event| {
                event.prevent_default();
                finish(Added::Nothing);
            }>
            <div class="modal-head">
                <h2 id="add-member-title">{tr(|t| t.add_member)}</h2>
                <button class="button ghost" type="button" on:click=move |_| finish(Added::Nothing)
                    aria-label=tr(|t| t.close)>"×"</button>
            </div>
            <div class="tabs" role="tablist" aria-labelledby="add-member-title">
                {tab_button(Tab::Invite, "tab-invite", "panel-invite", |t| t.tab_invite)}
                {tab_button(Tab::Direct, "tab-direct", "panel-direct", |t| t.tab_direct)}
            </div>
            <div role="tabpanel" id="panel-invite" aria-labelledby="tab-invite" hidden=move || tab.get() != Tab::Invite>
                <InviteForm on_done=finish/>
            </div>
            <div role="tabpanel" id="panel-direct" aria-labelledby="tab-direct" hidden=move || tab.get() != Tab::Direct>
                <DirectForm on_done=finish/>
            </div>
        </dialog>
    }
}

type TextLabel = fn(&Text) -> &'static str;

/// Invites a person by email (note 001 B1, tab 1): an email, roles, the email's
/// language and, for those who manage roles, extra permissions.
#[component]
fn InviteForm(on_done: impl Fn(Added) + Copy + Send + Sync + 'static) -> impl IntoView {
    use brigade_domain::errors::ErrorCode;
    use brigade_domain::invitations::{CreateInvitationRequest, InviteOutcome, Language};
    use brigade_domain::team::PersonalOverrides;
    use std::collections::BTreeSet;
    let i18n = use_i18n();
    let session = use_session();
    let roles = LocalResource::new(api::roles::roles);
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(SystemRole::Waiter);
    let extra = RwSignal::new(Vec::<Uuid>::new());
    let grants = RwSignal::new(BTreeSet::<String>::new());
    let language = RwSignal::new(i18n.lang.get_untracked().mail_language());
    let errors = FormErrors::new();
    let invite = mutation();
    let pending = invite.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let granted: Vec<String> = grants.get_untracked().into_iter().collect();
        let request = CreateInvitationRequest {
            email: email.get_untracked(),
            role: role.get_untracked(),
            custom_role_ids: extra.get_untracked(),
            overrides: (!granted.is_empty()).then(|| PersonalOverrides {
                grant: granted,
                deny: Vec::new(),
            }),
            language: Some(language.get_untracked()),
        };
        let refused: Vec<_> = request
            .validate()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|mut error| {
                if error.field == "email" {
                    error.field = "invite_email".into();
                }
                error
            })
            .collect();
        errors.send(invite, refused, async move {
            let outcome = api::invitations::invite(&request)
                .await
                .map_err(|error| match error.code() {
                    Some(ErrorCode::AlreadyMember) => error.at_field("email", "already_member"),
                    _ => error,
                })?;
            on_done(match outcome {
                InviteOutcome::Added { .. } => Added::Joined,
                InviteOutcome::Invited { invitation }
                    if invitation.created_at != invitation.sent_at =>
                {
                    Added::Refreshed
                }
                InviteOutcome::Invited { .. } => Added::Invited,
            });
            Ok(())
        });
    };
    view! {
        <div>
            <p class="hint">{tr(|t| t.invite_hint)}</p>
            <form class="form" novalidate=true on:submit=submit>
                <FormAlert errors=errors/>
                <Field label=|t: &Text| t.email name="invite_email" kind="email" value=email errors=errors/>
                <Loaded resource=roles children={move |list: RoleList| view! { <RolePicker roles=list role=role extra=extra prefix="invite-"/> }}/>
                <div class="field">
                    <label for="invite-language">{tr(|t| t.mail_language)}</label>
                    <select id="invite-language" name="language" on:change=move |ev| {
                        if let Some(chosen) = Language::parse(&event_target_value(&ev)) { language.set(chosen); }
                    }>
                        {[(Language::Fr, Lang::Fr), (Language::En, Lang::En), (Language::It, Lang::It)].into_iter().map(|(value, lang)| view! {
                            <option value=value.as_str() selected=move || language.get() == value>{lang.native_name()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <Show when=move || session.holds(code::STAFF_MANAGE_ROLES)>
                    <details class="extra-permissions">
                        <summary>{tr(|t| t.invite_extra_permissions)}</summary>
                        <p class="hint">{tr(|t| t.invite_extra_lead)}</p>
                        <crate::components::permission_tree::PermissionTree selected=grants/>
                    </details>
                </Show>
                <div class="actions">
                    <button class="button primary" type="submit" disabled=move || pending.get()>
                        {move || if pending.get() { i18n.t().sending } else { i18n.t().send_invitation }}
                    </button>
                    <button class="button" type="button" on:click=move |_| on_done(Added::Nothing)>{tr(|t| t.cancel)}</button>
                </div>
            </form>
        </div>
    }
}

/// Note 001 B5: the invitations still waiting, with who sent them, when, as which
/// role and until when; each can be sent again or cancelled. Drawn on its own (not in
/// a `Loaded` boundary): a failure here says so here, and the team above stays.
#[component]
fn PendingInvitations(changed: RwSignal<u32>) -> impl IntoView {
    use brigade_domain::invitations::{Invitation, InvitationStatus};
    let toasts = use_toasts();
    let i18n = use_i18n();
    let offset = RwSignal::new(0_u64);
    let page = LocalResource::new(move || {
        changed.track();
        let offset = offset.get();
        async move { api::invitations::pending(offset).await }
    });
    let cancelling = RwSignal::new(None::<Invitation>);
    let busy = RwSignal::new(false);
    // After an action the row may be gone: focus goes to the section's heading.
    let settle = move || crate::components::page::focus("#pending-invitations-title");
    let resend = move |id: Uuid| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = api::invitations::resend(id).await;
            busy.set(false);
            match result {
                Ok(invitation) => {
                    let text = i18n
                        .t()
                        .invitation_resent_toast
                        .replace("{email}", &invitation.email);
                    toasts.note(text);
                    page.refetch();
                }
                Err(error) => toasts.failed(error.message(i18n.t())),
            }
            settle();
        });
    };
    let row = move |invitation: Invitation, lang: Lang| {
        let t = lang.text();
        let id = invitation.id;
        let expired = invitation.status == InvitationStatus::Expired;
        let shown = invitation.clone();
        let resend_label = t.resend_to.replace("{email}", &invitation.email);
        let cancel_label = t.cancel_invitation_to.replace("{email}", &invitation.email);
        view! {
            <tr data-invitation=invitation.email.clone()>
                <td class="wrap" data-label=t.email>{invitation.email.clone()}</td>
                <td data-label=t.role><span class="chip">{lang.pick(invitation.role.labels())}</span></td>
                <td data-label=t.invited_by>{invitation.invited_by.name.clone()}</td>
                <td data-label=t.sent_on>{format::date_time(invitation.sent_at, lang)}</td>
                <td data-label=t.expires>
                    {if expired {
                        view! { <span class="badge warning">{t.status_expired}</span> }.into_any()
                    } else {
                        view! { <span>{format::date_time(invitation.expires_at, lang)}</span> }.into_any()
                    }}
                </td>
                <td data-label=t.actions>
                    <div class="row-actions">
                        <button class="button" type="button" aria-label=resend_label
                            disabled=move || busy.get() on:click=move |_| resend(id)>{t.resend}</button>
                        <button class="button danger" type="button" aria-label=cancel_label
                            disabled=move || busy.get()
                            on:click=move |_| cancelling.set(Some(shown.clone()))>{t.cancel_invitation}</button>
                    </div>
                </td>
            </tr>
        }
    };
    let body = move || {
        let lang = i18n.lang.get();
        let t = lang.text();
        match page.get() {
            None => view! { <p class="loading" role="status">{t.loading}</p> }.into_any(),
            Some(Err(error)) => view! {
                <div class="alert alert-error" role="alert">
                    <p>{error.message(t)}</p>
                    <button class="button" type="button" on:click=move |_| page.refetch()>{t.retry}</button>
                </div>
            }
            .into_any(),
            Some(Ok(found)) if found.items.is_empty() => {
                view! { <p class="empty">{t.no_invitations}</p> }.into_any()
            }
            Some(Ok(found)) => {
                let more = found.offset + (found.items.len() as u64) < found.total;
                let back = found.offset > 0;
                let limit = found.limit;
                let rows = found.items.into_iter().map(|invitation| row(invitation, lang)).collect_view();
                view! {
                    <p class="hint">{lang.plural(t.invitation_count, found.total as usize)}</p>
                    <table class="data-table invitations">
                        <thead>
                            <tr>
                                <th scope="col">{t.email}</th>
                                <th scope="col">{t.role}</th>
                                <th scope="col">{t.invited_by}</th>
                                <th scope="col">{t.sent_on}</th>
                                <th scope="col">{t.expires}</th>
                                <th scope="col">{t.actions}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    {(more || back).then(|| view! {
                        <nav class="pager">
                            <button class="button" type="button" disabled=!back
                                on:click=move |_| offset.update(|o| *o = o.saturating_sub(limit))>{t.previous}</button>
                            <button class="button" type="button" disabled=!more
                                on:click=move |_| offset.update(|o| *o += limit)>{t.next}</button>
                        </nav>
                    })}
                }
                .into_any()
            }
        }
    };
    view! {
        <section class="card section-gap" aria-labelledby="pending-invitations-title" data-section="invitations">
            <h2 id="pending-invitations-title" tabindex="-1">{tr(|t| t.pending_invitations)}</h2>
            {body}
        </section>
        {move || cancelling.get().map(|invitation| {
            let question = i18n.t().confirm_cancel_invitation.replace("{email}", &invitation.email);
            let id = invitation.id;
            view! {
                <crate::components::Confirm question=question
                    confirm_label=i18n.t().cancel_invitation cancel_label=i18n.t().keep_invitation
                    busy=busy
                    on_confirm=move || {
                        busy.set(true);
                        leptos::task::spawn_local(async move {
                            let result = api::invitations::cancel(id).await;
                            busy.set(false);
                            cancelling.set(None);
                            match result {
                                Ok(()) => toasts.done(|t: &Text| t.invitation_cancelled_toast),
                                Err(error) => toasts.failed(error.message(i18n.t())),
                            }
                            page.refetch();
                            settle();
                        });
                    }
                    on_cancel=move || cancelling.set(None)/>
            }
        })}
    }
}
