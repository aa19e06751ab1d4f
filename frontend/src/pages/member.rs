//! One member of the team: their roles (edited here), deactivation, removal and the
//! ownership transfer, and every permission with its effective value, the level that
//! decided it and the person's own override (inherit / grant / deny).

use std::collections::BTreeMap;

use brigade_domain::api::{HeldRoleRef, Member, RoleList};
use brigade_domain::permissions::{code, DecidingLevel, Module, Permission, SystemRole};
use brigade_domain::team::{
    MemberPermissions, PermissionDecision, PersonalOverrides, UpdateMemberRequest,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{
    use_toasts, Confirm, Field, FormAlert, FormErrors, Glyph, Icon, LeaveGuard, Loaded, RolePicker,
    SaveBar, Toolbar,
};
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

/// Why, as one sentence: "From the role Waiter", "Personal setting", "No role gives it".
pub fn decided_by(level: &DecidingLevel, lang: Lang) -> String {
    let t = lang.text();
    match level {
        DecidingLevel::Owner => t.decided_owner.to_owned(),
        DecidingLevel::PersonalOverride => t.decided_personal.to_owned(),
        DecidingLevel::RestaurantRoleOverride { role } => t
            .decided_restaurant_role
            .replace("{role}", lang.pick(role.labels())),
        DecidingLevel::SystemRoleDefault { role } => {
            t.decided_role.replace("{role}", lang.pick(role.labels()))
        }
        DecidingLevel::CustomRole { name } => t.decided_role.replace("{role}", name),
        DecidingLevel::NoRoleGrants => t.decided_no_role.to_owned(),
    }
}

#[component]
pub fn MemberPage() -> impl IntoView {
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
            <p><a class="back-link" href="/team">{tr(|t| t.back_to_team)}</a></p>
            <Loaded resource=member failed_title=|t: &Text| t.member_not_found
                children={move |found: Member| {
                    let id = found.id;
                    view! {
                        <MemberDetail member=found roles=roles reload=reload/>
                        <Show when=move || session.holds(code::STAFF_VIEW_PERMISSIONS)>
                            <MemberPermissionsCard id=id editable=editable renewed=explanations/>
                        </Show>
                    }
                }}/>
        </div>
    }
}

#[component]
fn MemberDetail(
    member: Member,
    roles: LocalResource<Result<RoleList, ApiError>>,
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
                    view! { <Loaded resource=roles children={move |list: RoleList| view! { <EditMember member=member.clone() roles=list reload=reload/> }}/> }
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
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let name = RwSignal::new(member.name.clone());
    let role = RwSignal::new(member.role);
    let extra = RwSignal::new(custom_ids(&member));
    let extra_system = RwSignal::new(extra_system_roles(&member));
    let errors = FormErrors::new();
    let toasts = use_toasts();
    let id = member.id;
    let save = mutation();
    let pending = save.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
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
            toasts.done(|t: &Text| t.member_saved);
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
    ResetPassword,
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
    let by_email = RwSignal::new(false);
    let temporary = RwSignal::new(None::<String>);
    let verified = member.email_verified;
    let is_self = session.me().is_some_and(|me| me.membership_id == member.id);
    let owner_target = member.role == SystemRole::Owner;
    let id = member.id;
    let active = member.active;
    let admin = member.role == SystemRole::Admin;
    let name = member.name.clone();
    let me_is_owner = Memo::new(move |_| session.is_owner());
    // One mutation for everything done to the member from here, confirmed or not.
    let act = mutation();
    let toasts = use_toasts();
    let busy = act.pending();
    let failed = move || failure(act);
    let run_step = move |step: Step| {
        let navigate = navigate.clone();
        run(act, async move {
            match step {
                Step::Confirmed(Pending::Deactivate) => {
                    api::team::set_member_active(id, false).await?;
                    toasts.done(|t: &Text| t.member_deactivated);
                    reload();
                }
                Step::Reactivate => {
                    api::team::set_member_active(id, true).await?;
                    toasts.done(|t: &Text| t.member_reactivated);
                    reload();
                }
                Step::Confirmed(Pending::Remove) => {
                    api::team::remove_member(id).await?;
                    toasts.done(|t: &Text| t.member_removed);
                    navigate("/team", NavigateOptions::default());
                }
                Step::Confirmed(Pending::ResetPassword) => {
                    let request = brigade_domain::invitations::ResetMemberPasswordRequest {
                        send_by_email: by_email.get_untracked(),
                        language: Some(i18n.lang.get_untracked().mail_language()),
                    };
                    let answer =
                        api::team::reset_password(id, &request)
                            .await
                            .inspect_err(|_| {
                                // The confirmation closes so the reason shows.
                                asking.set(None);
                            })?;
                    match answer.temporary_password {
                        Some(password) => {
                            temporary.set(Some(password));
                            crate::components::page::focus("[data-state=\"temporary-password\"]");
                        }
                        None => toasts.done(|t: &Text| t.temporary_password_emailed),
                    }
                }
                Step::Confirmed(Pending::Transfer) => {
                    api::team::transfer_ownership(id).await?;
                    toasts.done(|t: &Text| t.ownership_transferred);
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
                // A person who proved their email resets their own password by email.
                <Show when=move || session.holds(code::STAFF_EDIT) && !is_self && !owner_target && !verified>
                    <button class="button" type="button" disabled=move || busy.get()
                        on:click=move |_| { temporary.set(None); asking.set(Some(Pending::ResetPassword)) }>{tr(|t| t.reset_member_password)}</button>
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
                    Pending::ResetPassword => (t.confirm_reset_member_password, t.reset_member_password),
                };
                let question = question.replace("{name}", &name);
                let danger = action != Pending::ResetPassword;
                let choose_mail = (action == Pending::ResetPassword).then(|| view! {
                    <label class="check">
                        <input type="checkbox" name="send_by_email" prop:checked=move || by_email.get()
                            on:change=move |ev| by_email.set(event_target_checked(&ev))/>
                        {tr(|t| t.send_by_email)}
                    </label>
                });
                view! {
                    <Confirm question=question confirm_label=confirm_label cancel_label=t.cancel
                        busy=busy danger=danger
                        on_confirm=move || run(action) on_cancel=move || asking.set(None)>
                        {choose_mail}
                    </Confirm>
                }
            })}
            {move || temporary.get().map(|password| view! {
                <div class="alert alert-info" role="status" data-state="temporary-password" tabindex="-1">
                    <p>{tr(|t| t.temporary_password_once)}</p>
                    <p><code class="secret" data-field="temporary-password">{password}</code></p>
                </div>
            })}
            {move || failed().map(|error| {
                let t = i18n.t();
                // Refusing a reset, "email taken" means the person works elsewhere too.
                let text = if error.code() == Some(brigade_domain::errors::ErrorCode::EmailTaken) {
                    t.err_member_elsewhere.to_owned()
                } else {
                    error.message(t)
                };
                view! { <p class="alert alert-error" role="alert">{text}</p> }
            })}
        </section>
    }
}

/// The filters of the permissions list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    All,
    Granted,
    Denied,
    Overrides,
}

impl Filter {
    const ALL: [Filter; 4] = [
        Filter::All,
        Filter::Granted,
        Filter::Denied,
        Filter::Overrides,
    ];

    const fn value(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Granted => "granted",
            Filter::Denied => "not-granted",
            Filter::Overrides => "overrides",
        }
    }

    fn label(self) -> TextFn {
        match self {
            Filter::All => |t: &Text| t.filter_all,
            Filter::Granted => |t: &Text| t.filter_granted,
            Filter::Denied => |t: &Text| t.filter_not_granted,
            Filter::Overrides => |t: &Text| t.filter_overrides,
        }
    }
}

/// Every code, grouped by module (collapsed, each header counting what is granted),
/// filtered and searched; each row's state and reason follow its override at once, and
/// the changes wait in a sticky save bar. Read-only, it is a plain list.
#[component]
fn MemberPermissionsCard(
    id: Uuid,
    editable: Signal<bool>,
    /// Changed when the member's roles changed: the explanation is read again.
    renewed: RwSignal<u32>,
) -> impl IntoView {
    let explained = LocalResource::new(move || {
        renewed.track();
        api::team::member_permissions(id)
    });
    view! {
        <section class="card" aria-labelledby="member-permissions-title" data-card="permissions">
            <h2 id="member-permissions-title">{tr(|t| t.personal_permissions)}</h2>
            <p class="hint">{move || if editable.get() { tr(|t| t.personal_lead)() } else { tr(|t| t.personal_lead_read_only)() }}</p>
            <Loaded resource=explained children={move |found: MemberPermissions| {
                view! { <PermissionList id=id found=found editable=editable/> }
            }}/>
        </section>
    }
}

#[component]
fn PermissionList(id: Uuid, found: MemberPermissions, editable: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let saved_choices: BTreeMap<String, Option<bool>> = found
        .permissions
        .iter()
        .map(|d| (d.code.clone(), d.personal_override))
        .collect();
    let saved = RwSignal::new(saved_choices.clone());
    let choices = RwSignal::new(saved_choices);
    let filter = RwSignal::new(Filter::All);
    let search = RwSignal::new(String::new());
    let technical = RwSignal::new(false);
    let save = mutation();
    let busy = save.pending();
    let pending = Signal::derive(move || {
        choices.with(|c| saved.with(|s| c.iter().filter(|(k, v)| s.get(*k) != Some(*v)).count()))
    });
    let summary = Signal::derive(move || {
        let lang = i18n.lang.get();
        lang.plural(lang.text().changes, pending.get())
    });
    let decisions = StoredValue::new(found.permissions.clone());
    let on_save = move || {
        if busy.get_untracked() {
            return;
        }
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
        run(save, async move {
            match api::team::set_overrides(id, &overrides).await {
                Ok(()) => {
                    saved.set(choices.get_untracked());
                    toasts.done(|t| t.permissions_saved);
                    crate::components::page::focus(".save-bar");
                    // The rows already show what was saved (overrides over the roles'
                    // decisions), so the list is not read again: its filters stay.
                    session.reload().await?;
                    Ok(())
                }
                Err(error) => {
                    toasts.failed(error.message(i18n.t()));
                    Err(error)
                }
            }
        });
    };
    // Whether a row is shown under the filter and the search.
    let shown = move |decision: &PermissionDecision, lang: Lang| {
        let choice = choices.with(|c| c.get(&decision.code).copied().flatten());
        let (granted, _) = decision.with_override(choice);
        let passes = match filter.get() {
            Filter::All => true,
            Filter::Granted => granted,
            Filter::Denied => !granted,
            Filter::Overrides => choice.is_some(),
        };
        let needle = search.with(|s| s.trim().to_lowercase());
        passes
            && (needle.is_empty()
                || Permission::from_code(&decision.code).is_some_and(|p| {
                    lang.pick(&p.def().labels).to_lowercase().contains(&needle)
                        || p.code().contains(&needle)
                        || lang
                            .pick(p.module().labels())
                            .to_lowercase()
                            .contains(&needle)
                }))
    };
    let narrowed = move || filter.get() != Filter::All || search.with(|s| !s.trim().is_empty());
    let modules = Module::ALL
        .into_iter()
        .map(|module| {
            let rows: Vec<PermissionDecision> = found
                .permissions
                .iter()
                .filter(|d| Permission::from_code(&d.code).is_some_and(|p| p.module() == module))
                .cloned()
                .collect();
            let counted = rows.clone();
            let visible = rows.clone();
            let granted = Memo::new(move |_| {
                counted
                    .iter()
                    .filter(|d| d.with_override(choices.with(|c| c.get(&d.code).copied().flatten())).0)
                    .count()
            });
            let total = rows.len();
            let any_shown = move || visible.iter().any(|d| shown(d, i18n.lang.get()));
            view! {
                <details class="module-block" data-module=module.as_str() hidden=move || !any_shown()
                    prop:open=narrowed>
                    <summary>
                        <span class="module-name">{move || i18n.lang.get().pick(module.labels())}</span>
                        <span class="badge" data-granted=move || granted.get().to_string()>
                            {move || { let lang = i18n.lang.get(); lang.text().granted_of.replace("{n}", &granted.get().to_string()).replace("{of}", &total.to_string()) }}
                        </span>
                        <Glyph icon=Icon::ChevronDown/>
                    </summary>
                    <ul class="permission-rows">
                        {rows.into_iter().map(|decision| view! {
                            <PermissionRow decision=decision choices=choices editable=editable technical=technical shown=shown/>
                        }).collect_view()}
                    </ul>
                </details>
            }
        })
        .collect_view();
    view! {
        <LeaveGuard dirty=Signal::derive(move || pending.get() > 0)/>
        <Toolbar>
            <label class="sr-only" for="permission-search">{tr(|t| t.search)}</label>
            <input id="permission-search" type="search" name="permission-search" placeholder=tr(|t| t.search_permissions)
                prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
            <label class="sr-only" for="permission-filter">{tr(|t| t.show)}</label>
            <select id="permission-filter" name="permission-filter" on:change=move |ev| {
                let chosen = event_target_value(&ev);
                filter.set(Filter::ALL.into_iter().find(|f| f.value() == chosen).unwrap_or(Filter::All));
            }>
                {Filter::ALL.into_iter().map(|f| view! { <option value=f.value() selected=f == Filter::All>{tr(f.label())}</option> }).collect_view()}
            </select>
            <label class="check">
                <input type="checkbox" name="technical-names" prop:checked=move || technical.get()
                    on:change=move |ev| technical.set(event_target_checked(&ev))/>
                <span>{tr(|t| t.technical_names)}</span>
            </label>
        </Toolbar>
        <div class="module-blocks">{modules}</div>
        <p class="empty" hidden=move || {
            let lang = i18n.lang.get();
            decisions.with_value(|all| all.iter().any(|d| shown(d, lang)))
        }>{tr(|t| t.no_permission_matches)}</p>
        <Show when=move || editable.get()>
            <SaveBar pending=pending summary=summary busy=busy save_label=|t| t.save_overrides
                on_save=on_save on_discard=move || choices.set(saved.get_untracked())/>
        </Show>
    }
}

/// One code: its name (and technical name when asked), granted or not, why, and the
/// override when the viewer may change it.
#[component]
fn PermissionRow(
    decision: PermissionDecision,
    choices: RwSignal<BTreeMap<String, Option<bool>>>,
    editable: Signal<bool>,
    technical: RwSignal<bool>,
    shown: impl Fn(&PermissionDecision, Lang) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let code = decision.code.clone();
    let labels = Permission::from_code(&code).map(|p| p.def().labels);
    let choice = {
        let code = code.clone();
        move || choices.with(|c| c.get(&code).copied().flatten())
    };
    let now = {
        let decision = decision.clone();
        let choice = choice.clone();
        Memo::new(move |_| decision.with_override(choice()))
    };
    let owner = decision.decided_by == DecidingLevel::Owner;
    let is_hidden = {
        let decision = decision.clone();
        move || !shown(&decision, i18n.lang.get())
    };
    let select_code = code.clone();
    let change_code = code.clone();
    let row_code = code.clone();
    let label_id = format!("permission-{}", code.replace('.', "-"));
    let select_label = label_id.clone();
    view! {
        <li class="permission-row" data-code=row_code hidden=is_hidden
            data-granted=move || if now.get().0 { "true" } else { "false" }>
            <span class="permission-name" id=label_id>
                {move || labels.map(|l| i18n.lang.get().pick(&l)).unwrap_or_default()}
                {
                    let code = code.clone();
                    move || technical.get().then(|| view! { " " <code>{code.clone()}</code> })
                }
            </span>
            <span class=move || if now.get().0 { "state granted" } else { "state denied" }>
                {move || if now.get().0 { view! { <Glyph icon=Icon::Check/> } } else { view! { <Glyph icon=Icon::Close/> } }}
                {move || {
                    // "Denied" is a decision someone took; no role giving it is "not granted".
                    let (granted, level) = now.get();
                    let t = i18n.t();
                    match (granted, level) {
                        (true, _) => t.granted,
                        (false, DecidingLevel::PersonalOverride | DecidingLevel::RestaurantRoleOverride { .. }) => t.denied,
                        (false, _) => t.not_granted,
                    }
                }}
            </span>
            <span class="why">
                {move || decided_by(&now.get().1, i18n.lang.get())}
                {
                    let inherited = decision.inherited.decided_by.clone();
                    move || (now.get().1 == DecidingLevel::PersonalOverride).then(|| {
                        let lang = i18n.lang.get();
                        let reason = decided_by(&inherited, lang);
                        view! { <span class="without">{lang.text().without_it.replace("{reason}", &reason)}</span> }
                    })
                }
            </span>
            {move || (editable.get() && !owner).then(|| {
                let change_code = change_code.clone();
                let choice = choice.clone();
                view! {
                    <select class="override" name=format!("override:{}", select_code)
                        aria-labelledby=select_label.clone()
                        aria-description=tr(|t| t.for_this_person)
                        prop:value=move || match choice() { None => "inherit", Some(true) => "grant", Some(false) => "deny" }
                        on:change=move |ev| {
                            let value = match event_target_value(&ev).as_str() { "grant" => Some(true), "deny" => Some(false), _ => None };
                            choices.update(|c| { c.insert(change_code.clone(), value); });
                        }>
                        <option value="inherit">{tr(|t| t.inherit)}</option>
                        <option value="grant">{tr(|t| t.grant)}</option>
                        <option value="deny">{tr(|t| t.deny)}</option>
                    </select>
                }
            })}
        </li>
    }
}
