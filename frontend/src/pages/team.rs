//! The team, read-only: who belongs to the restaurant, with what role, and when they
//! were last active. Managing the team (adding, editing, roles) comes with the team
//! feature; this page needs `staff.view`.

use brigade_domain::api::{HeldRoleRef, Member};
use leptos::prelude::*;

use crate::api;
use crate::components::PagedList;
use crate::format;
use crate::i18n::{use_i18n, Lang, Text};

fn roles_of(member: &Member, lang: Lang) -> String {
    member
        .roles
        .iter()
        .map(|role| match role {
            HeldRoleRef::System { role } => lang.pick(role.labels()).to_owned(),
            HeldRoleRef::Custom { name, .. } => name.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
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
                    <td data-label=t.name>{member.name.clone()}</td>
                    <td data-label=t.email>{member.email.clone()}</td>
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
    let search = RwSignal::new(String::new());
    let offset = RwSignal::new(0_u64);
    let page = LocalResource::new(move || {
        let search = search.get();
        let offset = offset.get();
        async move { api::members(search.trim(), offset).await }
    });
    view! {
        <div class="page" data-page="team">
            <h1>{move || i18n.t().team}</h1>
            <div class="toolbar" role="search">
                <label class="sr-only" for="member-search">{move || i18n.t().search}</label>
                <input
                    id="member-search"
                    type="search"
                    name="q"
                    placeholder=move || i18n.t().search_members
                    prop:value=move || search.get()
                    on:input=move |ev| {
                        offset.set(0);
                        search.set(event_target_value(&ev));
                    }
                />
            </div>
            <PagedList page=page offset=offset empty=|t: &Text| t.no_members
                count=|t: &Text| t.member_count rows=member_table/>
        </div>
    }
}
