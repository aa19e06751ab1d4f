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
                <Show when=move || session.holds(code::STAFF_CREATE) && !adding.get() && page.get().is_some_and(|p| p.is_ok())>
                    <button class="button primary" type="button" on:click=move |_| adding.set(true)>{tr(|t| t.add_member)}</button>
                </Show>
            </PageHeader>
            <Show when=move || session.holds(code::STAFF_CREATE) && adding.get()>
                <AddMember on_done=move |created: bool| {
                    adding.set(false);
                    if created { toasts.done(|t: &Text| t.member_added); page.refetch(); }
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
        </div>
    }
}

/// Adds a member directly (note 001 B1, tab 2).
#[component]
fn AddMember(on_done: impl Fn(bool) + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let roles = LocalResource::new(api::roles::roles);
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let temporary_password = RwSignal::new(String::new());
    let role = RwSignal::new(SystemRole::Waiter);
    let extra = RwSignal::new(Vec::<Uuid>::new());
    let errors = FormErrors::new();
    // The form opens with its first field focused.
    Effect::new(move |_| crate::components::field::focus_field("email"));
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
            on_done(true);
            Ok(())
        });
    };
    view! {
        <section class="card editor" aria-labelledby="add-member-title">
            <h2 id="add-member-title">{tr(|t| t.add_member)}</h2>
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
                    <button class="button" type="button" on:click=move |_| on_done(false)>{tr(|t| t.cancel)}</button>
                </div>
            </form>
        </section>
    }
}
