//! One member of the team: their roles (edited here), deactivation, removal and the
//! ownership transfer, and every permission with its effective value, the level that
//! decided it and the person's own override (inherit / grant / deny).

use std::collections::BTreeMap;

use brigade_domain::api::{HeldRoleRef, Member, RoleList};
use brigade_domain::permissions::{code, DecidingLevel, Module, Permission, SystemRole};
use brigade_domain::team::{MemberPermissions, PersonalOverrides, UpdateMemberRequest};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{Confirm, Field, FormAlert, FormErrors, Loaded, RolePicker};
use crate::i18n::{tr, use_i18n, Lang, Text, TextFn};
use crate::mutation::{failure, mutation, run};
use crate::session::use_session;

fn custom_ids(member: &Member) -> Vec<Uuid> {
    member
        .roles
        .iter()
        .filter_map(|role| match role {
            HeldRoleRef::Custom { id, .. } => Some(*id),
            HeldRoleRef::System { .. } => None,
        })
        .collect()
}

/// The system roles a member holds on top of the primary one (the API lists the
/// primary role first).
fn extra_system_roles(member: &Member) -> Vec<SystemRole> {
    member
        .roles
        .iter()
        .skip(1)
        .filter_map(|role| match role {
            HeldRoleRef::System { role } => Some(*role),
            HeldRoleRef::Custom { .. } => None,
        })
        .collect()
}

/// Why, in words.
pub fn decided_by(level: &DecidingLevel, lang: Lang) -> String {
    let t = lang.text();
    match level {
        DecidingLevel::Owner => t.decided_owner.to_owned(),
        DecidingLevel::PersonalOverride => t.decided_personal.to_owned(),
        DecidingLevel::RestaurantRoleOverride { role } => t
            .decided_restaurant_role
            .replace("{role}", lang.pick(role.labels())),
        DecidingLevel::SystemRoleDefault { role } => t
            .decided_role_default
            .replace("{role}", lang.pick(role.labels())),
        DecidingLevel::CustomRole { name } => t.decided_custom_role.replace("{role}", name),
        DecidingLevel::NoRoleGrants => t.decided_no_role.to_owned(),
    }
}

#[component]
pub fn MemberPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|raw| raw.parse::<Uuid>().ok())
    });
    let member = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => api::team::member(id).await,
                None => Err(ApiError::Unexpected(404)),
            }
        }
    });
    // Loaded once for the page: saving the member redraws its cards, not these.
    let roles = LocalResource::new(api::roles::roles);
    let explanations = RwSignal::new(0_u32);
    let notice = RwSignal::new(None::<TextFn>);
    let reload = move || {
        member.refetch();
        explanations.update(|n| *n += 1);
    };
    let editable = Signal::derive(move || {
        session.holds(code::STAFF_MANAGE_ROLES)
            && member
                .get()
                .and_then(Result::ok)
                .is_some_and(|found| found.role != SystemRole::Owner)
    });
    view! {
        <div class="page" data-page="member">
            <p><a href="/team">{tr(|t| t.back_to_team)}</a></p>
            {move || notice.get().map(|text| view! { <p class="alert alert-success" role="status">{text(i18n.t())}</p> })}
            <Loaded resource=member failed_title=|t: &Text| t.not_found_title
                children={move |found: Member| view! { <MemberDetail member=found roles=roles notice=notice reload=reload/> }}/>
            <Show when=move || session.holds(code::STAFF_VIEW_PERMISSIONS)>
                {move || id.get().map(|id| view! { <MemberPermissionsCard id=id editable=editable renewed=explanations/> })}
            </Show>
        </div>
    }
}

#[component]
fn MemberDetail(
    member: Member,
    roles: LocalResource<Result<RoleList, ApiError>>,
    notice: RwSignal<Option<TextFn>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let is_owner = member.role == SystemRole::Owner;
    let me_is_owner = Memo::new(move |_| session.is_owner());
    let may = move |permission| session.holds(permission);
    let name_for_title = member.name.clone();
    let active = member.active;
    let email = member.email.clone();
    let email_verified = member.email_verified;
    let for_edit = member.clone();
    let for_actions = member.clone();
    let roles_text = {
        let roles = member.roles.clone();
        move || i18n.lang.get().role_names(&roles)
    };
    view! {
        <h1>{name_for_title}</h1>
        <p class="lead">{email} " "
            {(!email_verified).then(|| view! {
                <span class="badge">{tr(|t| t.email_unverified)}</span>
            })}
            " · " {roles_text} " · "
            {move || if active { i18n.t().active } else { i18n.t().inactive }}</p>
        {(!email_verified).then(|| view! { <p class="hint">{tr(|t| t.email_unverified_hint)}</p> })}
        {is_owner.then(|| view! { <p class="hint">{tr(|t| t.owner_protected_note)}</p> })}
        <div class="card-grid">
            <Show when=move || !is_owner && (may(code::STAFF_EDIT) || may(code::STAFF_ASSIGN_ROLES))>
                {
                    let member = for_edit.clone();
                    view! { <Loaded resource=roles children={move |list: RoleList| view! { <EditMember member=member.clone() roles=list notice=notice reload=reload/> }}/> }
                }
            </Show>
            <Show when=move || !is_owner && (may(code::STAFF_DEACTIVATE) || may(code::STAFF_DELETE) || me_is_owner.get())>
                <MemberActions member=for_actions.clone() reload=reload/>
            </Show>
        </div>
    }
}

#[component]
fn EditMember(
    member: Member,
    roles: RoleList,
    notice: RwSignal<Option<TextFn>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let name = RwSignal::new(member.name.clone());
    let role = RwSignal::new(member.role);
    let extra = RwSignal::new(custom_ids(&member));
    let extra_system = RwSignal::new(extra_system_roles(&member));
    let errors = FormErrors::new();
    let id = member.id;
    let save = mutation();
    let pending = save.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let request = UpdateMemberRequest {
            name: session
                .holds(code::STAFF_EDIT)
                .then(|| name.get_untracked()),
            role: session
                .holds(code::STAFF_ASSIGN_ROLES)
                .then(|| role.get_untracked()),
            custom_role_ids: session
                .holds(code::STAFF_ASSIGN_ROLES)
                .then(|| extra.get_untracked()),
            extra_system_roles: session
                .holds(code::STAFF_ASSIGN_ROLES)
                .then(|| extra_system.get_untracked()),
        };
        let refused = request.validate().err().unwrap_or_default();
        errors.send(save, refused, async move {
            api::team::update_member(id, &request).await?;
            notice.set(Some(|t: &Text| t.member_saved));
            // The editor may have changed themselves: what they see follows at once.
            session.reload().await?;
            reload();
            Ok(())
        });
    };
    view! {
        <section class="card" aria-labelledby="edit-member-title">
            <h2 id="edit-member-title">{tr(|t| t.edit)}</h2>
            <form class="form" novalidate=true on:submit=submit>
                <FormAlert errors=errors/>
                <Show when=move || session.holds(code::STAFF_EDIT)>
                    <Field label=|t: &Text| t.name name="name" value=name errors=errors hint=|t: &Text| t.member_name_hint/>
                </Show>
                <Show when=move || session.holds(code::STAFF_ASSIGN_ROLES)>
                    <RolePicker roles=roles.clone() role=role extra=extra extra_system=extra_system/>
                </Show>
                <button class="button primary" type="submit" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t().saving } else { i18n.t().save }}
                </button>
            </form>
        </section>
    }
}

/// What a destructive action is waiting to be confirmed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pending {
    Deactivate,
    Remove,
    Transfer,
}

/// What the actions card does: a confirmed destructive action, or a reactivation.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Confirmed(Pending),
    Reactivate,
}

#[component]
fn MemberActions(
    member: Member,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let asking = RwSignal::new(None::<Pending>);
    let id = member.id;
    let active = member.active;
    let admin = member.role == SystemRole::Admin;
    let name = member.name.clone();
    let me_is_owner = Memo::new(move |_| session.is_owner());
    // One mutation for everything done to the member from here, confirmed or not.
    let act = mutation();
    let busy = act.pending();
    let failed = move || failure(act);
    let run_step = move |step: Step| {
        let navigate = navigate.clone();
        run(act, async move {
            match step {
                Step::Confirmed(Pending::Deactivate) => {
                    api::team::set_member_active(id, false).await?;
                    reload();
                }
                Step::Reactivate => {
                    api::team::set_member_active(id, true).await?;
                    reload();
                }
                Step::Confirmed(Pending::Remove) => {
                    api::team::remove_member(id).await?;
                    navigate("/team", NavigateOptions::default());
                }
                Step::Confirmed(Pending::Transfer) => {
                    api::team::transfer_ownership(id).await?;
                    let _ = session.reload().await;
                    reload();
                }
            }
            asking.set(None);
            Ok(())
        });
    };
    let run = {
        let run_step = run_step.clone();
        move |action: Pending| run_step(Step::Confirmed(action))
    };
    let reactivate = move |_| run_step(Step::Reactivate);
    view! {
        <section class="card" aria-label=tr(|t| t.action)>
            <div class="actions">
                <Show when=move || session.holds(code::STAFF_DEACTIVATE)>
                    {if active {
                        view! { <button class="button" type="button" disabled=move || busy.get() on:click=move |_| asking.set(Some(Pending::Deactivate))>{tr(|t| t.deactivate)}</button> }.into_any()
                    } else {
                        view! { <button class="button" type="button" disabled=move || busy.get() on:click=reactivate.clone()>{tr(|t| t.reactivate)}</button> }.into_any()
                    }}
                </Show>
                <Show when=move || session.holds(code::STAFF_DELETE)>
                    <button class="button danger" type="button" disabled=move || busy.get() on:click=move |_| asking.set(Some(Pending::Remove))>{tr(|t| t.remove_from_team)}</button>
                </Show>
                <Show when=move || me_is_owner.get() && admin && active>
                    <button class="button" type="button" disabled=move || busy.get() on:click=move |_| asking.set(Some(Pending::Transfer))>{tr(|t| t.transfer_ownership)}</button>
                </Show>
            </div>
            {move || asking.get().map(|action| {
                let run = run.clone();
                let t = i18n.t();
                // The confirming button says what it does, as the button that asked did.
                let (question, confirm_label) = match action {
                    Pending::Deactivate => (t.confirm_deactivate, t.deactivate),
                    Pending::Remove => (t.confirm_remove, t.remove_from_team),
                    Pending::Transfer => (t.confirm_transfer, t.transfer_ownership),
                };
                let question = question.replace("{name}", &name);
                view! {
                    <Confirm question=question confirm_label=confirm_label cancel_label=t.cancel
                        busy=busy on_confirm=move || run(action) on_cancel=move || asking.set(None)/>
                }
            })}
            {move || failed().map(|error| view! { <p class="alert alert-error" role="alert">{error.message(i18n.t())}</p> })}
        </section>
    }
}

/// Every code: granted or not, why, and this person's own override.
#[component]
fn MemberPermissionsCard(
    id: Uuid,
    editable: Signal<bool>,
    /// Changed when the member's roles changed: the explanation is read again.
    renewed: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let explained = LocalResource::new(move || {
        renewed.track();
        api::team::member_permissions(id)
    });
    let errors = FormErrors::new();
    let saved = RwSignal::new(None::<TextFn>);
    let save = mutation();
    let pending = save.pending();
    view! {
        <section class="card" aria-labelledby="member-permissions-title">
            <h2 id="member-permissions-title">{tr(|t| t.personal_permissions)}</h2>
            <p class="hint">{tr(|t| t.personal_lead)}</p>
            <Loaded resource=explained children={move |found: MemberPermissions| {
                let choices = RwSignal::new(
                    found
                        .permissions
                        .iter()
                        .map(|d| (d.code.clone(), d.personal_override))
                        .collect::<BTreeMap<String, Option<bool>>>(),
                );
                let submit = move |ev: SubmitEvent| {
                    ev.prevent_default();
                    saved.set(None);
                    let overrides = choices.with_untracked(|c| PersonalOverrides {
                        grant: c
                            .iter()
                            .filter(|(_, v)| **v == Some(true))
                            .map(|(k, _)| k.clone())
                            .collect(),
                        deny: c
                            .iter()
                            .filter(|(_, v)| **v == Some(false))
                            .map(|(k, _)| k.clone())
                            .collect(),
                    });
                    let refused = overrides.validate().err().unwrap_or_default();
                    errors.send(save, refused, async move {
        api::team::set_overrides(id, &overrides).await?;
        explained.refetch();
        session.reload().await?;
        saved.set(Some(|t: &Text| t.saved));
        Ok(())
    });
                };
                view! {
                    <form class="form" novalidate=true on:submit=submit>
                        <FormAlert errors=errors success=saved/>
                        {Module::ALL.into_iter().map(|module| {
                            let rows = found.permissions.iter().filter(|d| Permission::from_code(&d.code).is_some_and(|p| p.module() == module)).cloned().collect::<Vec<_>>();
                            view! {
                                <fieldset class="explain-module">
                                    <legend>{move || i18n.lang.get().pick(module.labels())}</legend>
                                    <table class="data-table explain">
                                        <thead><tr>
                                            <th scope="col">{tr(|t| t.permissions)}</th>
                                            <th scope="col">{tr(|t| t.status)}</th>
                                            <th scope="col">{tr(|t| t.why)}</th>
                                            <th scope="col">{tr(|t| t.for_this_person)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {rows.into_iter().map(|decision| {
                                                let code = decision.code.clone();
                                                let labels = Permission::from_code(&code).map(|p| p.def().labels);
                                                let select_code = code.clone();
                                                let change_code = code.clone();
                                                view! {
                                                    <tr data-code=code.clone()>
                                                        <td data-label=tr(|t| t.permissions)>{move || labels.map(|l| i18n.lang.get().pick(&l)).unwrap_or_default()} <code>{code.clone()}</code></td>
                                                        <td data-label=tr(|t| t.status) class=if decision.granted { "granted" } else { "denied" }>
                                                            {move || if decision.granted { i18n.t().granted } else { i18n.t().denied }}
                                                        </td>
                                                        <td data-label=tr(|t| t.why) class="why">{
                                                            let level = decision.decided_by.clone();
                                                            move || decided_by(&level, i18n.lang.get())
                                                        }</td>
                                                        <td data-label=tr(|t| t.for_this_person)>
                                                            <select name=format!("override:{}", select_code) disabled=move || !editable.get()
                                                                aria-label=move || format!("{} — {}", i18n.t().for_this_person, select_code)
                                                                on:change=move |ev| {
                                                                    let value = match event_target_value(&ev).as_str() { "grant" => Some(true), "deny" => Some(false), _ => None };
                                                                    choices.update(|c| { c.insert(change_code.clone(), value); });
                                                                }>
                                                                <option value="inherit" selected=decision.personal_override.is_none()>{tr(|t| t.inherit)}</option>
                                                                <option value="grant" selected=decision.personal_override == Some(true)>{tr(|t| t.grant)}</option>
                                                                <option value="deny" selected=decision.personal_override == Some(false)>{tr(|t| t.deny)}</option>
                                                            </select>
                                                        </td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </fieldset>
                            }
                        }).collect_view()}
                        {move || editable.get().then(|| view! {
                            <div class="actions">
                                <button class="button primary" type="submit" disabled=move || pending.get()>
                                    {move || if pending.get() { i18n.t().saving } else { i18n.t().save_overrides }}
                                </button>
                                // Said here too: on a phone the form's top is far above.
                                {move || saved.get().map(|text| view! { <span class="saved-note">{text(i18n.t())}</span> })}
                            </div>
                        })}
                    </form>
                }
            }}/>
        </section>
    }
}
