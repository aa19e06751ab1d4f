//! The roles page (note 002): the six system roles and the restaurant's custom roles
//! with their colour, description and members; custom roles are created, edited (the
//! checkbox tree, from a template) and deleted here. Needs `staff.view_permissions`;
//! changing custom roles needs `staff.manage_roles`.

use std::collections::BTreeSet;

use brigade_domain::api::{CustomRoleInfo, RoleList};
use brigade_domain::errors::ErrorCode;
use brigade_domain::permissions::{code, SystemRole};
use brigade_domain::team::{employee_template, CustomRoleRequest};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{
    use_toasts, Confirm, Field, FormAlert, FormErrors, Loaded, PageHeader, PermissionTree,
};
use crate::i18n::{tr, use_i18n, Text, TextFn};
use crate::mutation::{failure, mutation, run};
use crate::session::use_session;

/// What the editor is doing.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    Nothing,
    New,
    Role(CustomRoleInfo),
}

#[component]
pub fn RolesPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = LocalResource::new(api::roles::roles);
    let editing = RwSignal::new(Editing::Nothing);
    let toasts = use_toasts();
    let may_manage = Memo::new(move |_| session.holds(code::STAFF_MANAGE_ROLES));
    let is_owner = Memo::new(move |_| session.is_owner());
    let done = move |text: TextFn| {
        editing.set(Editing::Nothing);
        toasts.done(text);
        list.refetch();
    };
    let title = Signal::derive(move || i18n.t().roles.to_owned());
    view! {
        <div class="page" data-page="roles">
            <PageHeader title=title lead=|t: &Text| t.roles_card>
                <Show when=move || is_owner.get()>
                    <a class="button" href="/roles/matrix">{tr(|t| t.matrix)}</a>
                </Show>
                // Nothing is offered while the roles could not be loaded.
                <Show when=move || may_manage.get() && list.get().is_some_and(|l| l.is_ok())>
                    <button class="button primary" type="button" on:click=move |_| editing.set(Editing::New)>
                        {tr(|t| t.new_role)}
                    </button>
                </Show>
            </PageHeader>
            <Loaded resource=list children={move |roles: RoleList| view! {
                <RoleLists roles=roles editing=editing may_manage=may_manage.get_untracked() on_deleted=move || done(|t: &Text| t.role_deleted)/>
            }}/>
            {move || match editing.get() {
                Editing::Nothing => None,
                Editing::New => Some(view! { <RoleEditor role=None on_cancel=move || editing.set(Editing::Nothing) on_saved=move || done(|t: &Text| t.role_created)/> }.into_any()),
                Editing::Role(role) => Some(view! { <RoleEditor role=Some(role) on_cancel=move || editing.set(Editing::Nothing) on_saved=move || done(|t: &Text| t.role_saved)/> }.into_any()),
            }}
        </div>
    }
}

#[component]
fn RoleLists(
    roles: RoleList,
    editing: RwSignal<Editing>,
    may_manage: bool,
    on_deleted: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let system = roles.system.clone();
    let others = roles.clone();
    view! {
        <h2>{tr(|t| t.system_roles)}</h2>
        <ul class="role-list">
            {system
                .into_iter()
                .map(|info| {
                    let count = info.member_count;
                    let permissions = info.permissions.len();
                    let labels = *info.role.labels();
                    let owner = info.role == SystemRole::Owner;
                    view! {
                        <li class="card role-card" data-role=info.role.as_str()>
                            <strong>{move || i18n.lang.get().pick(&labels)}</strong>
                            <span class="hint">{move || { let lang = i18n.lang.get(); lang.plural(lang.text().member_count, count as usize) }}</span>
                            <span class="badge">
                                {move || if owner { i18n.t().every_permission_always.to_owned() } else { { let lang = i18n.lang.get(); lang.plural(lang.text().permission_count, permissions) } }}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <h2>{tr(|t| t.custom_roles)}</h2>
        {if roles.custom.is_empty() {
            view! { <p class="empty">{tr(|t| t.no_custom_roles)}</p> }.into_any()
        } else {
            view! {
                <ul class="role-list">
                    {roles
                        .custom
                        .into_iter()
                        .map(|role| view! { <CustomRoleCard role=role all=others.clone() editing=editing may_manage=may_manage on_deleted=on_deleted/> })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

#[component]
fn CustomRoleCard(
    role: CustomRoleInfo,
    all: RoleList,
    editing: RwSignal<Editing>,
    may_manage: bool,
    on_deleted: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let reassign = RwSignal::new("waiter".to_owned());
    let id = role.id;
    let count = role.member_count;
    let name = role.name.clone();
    let edit_role = role.clone();
    let remove = mutation();
    let pending = remove.pending();
    let failed = move || failure(remove);
    let delete = move || {
        let target = (count > 0).then(|| reassign.get_untracked());
        run(remove, async move {
            api::roles::delete_role(id, target).await?;
            on_deleted();
            Ok(())
        });
    };
    let targets: Vec<(String, String, Option<brigade_domain::permissions::Labels>)> = all
        .system
        .iter()
        .filter(|info| info.role != SystemRole::Owner)
        .map(|info| {
            (
                info.role.as_str().to_owned(),
                String::new(),
                Some(*info.role.labels()),
            )
        })
        .chain(
            all.custom
                .iter()
                .filter(|other| other.id != id)
                .map(|other| (other.id.to_string(), other.name.clone(), None)),
        )
        .collect();
    view! {
        <li class="card role-card" data-role=role.name.clone()>
            <strong class="role-title">
                <span class="swatch" style:background-color=role.color.clone() aria-hidden="true"></span>
                {role.name.clone()}
            </strong>
            <span>{role.description.clone()}</span>
            <span class="hint">{move || { let lang = i18n.lang.get(); lang.plural(lang.text().member_count, count as usize) }}</span>
            <span class="badge">{move || { let lang = i18n.lang.get(); lang.plural(lang.text().permission_count, role.permissions.len()) }}</span>
            <Show when=move || may_manage>
                <div class="actions">
                    <button class="button" type="button" on:click={
                        let edit_role = edit_role.clone();
                        move |_| editing.set(Editing::Role(edit_role.clone()))
                    }>{tr(|t| t.edit)}</button>
                    <button class="button" type="button" on:click=move |_| confirming.set(true)>{tr(|t| t.delete)}</button>
                </div>
            </Show>
            {
                let name = name.clone();
                let targets = targets.clone();
                move || confirming.get().then(|| {
                    let targets = targets.clone();
                    let t = i18n.t();
                    let lang = i18n.lang.get();
                    view! {
                        <Confirm question=t.delete_role_confirm.replace("{name}", &name)
                            confirm_label=t.delete cancel_label=t.cancel busy=pending
                            on_confirm=move || delete() on_cancel=move || confirming.set(false)>
                            {(count > 0).then(|| view! {
                                <label for=format!("reassign-{id}")>{i18n.lang.get_untracked().plural(t.move_members_to, count as usize)}</label>
                                <select id=format!("reassign-{id}") name="reassign_to" on:change=move |ev| reassign.set(event_target_value(&ev))>
                                    {targets.iter().map(|(value, name, labels)| {
                                        let text = labels.as_ref().map(|l| lang.pick(l).to_owned()).unwrap_or_else(|| name.clone());
                                        view! { <option value=value.clone() selected=value == "waiter">{text}</option> }
                                    }).collect_view()}
                                </select>
                            })}
                            {move || failed().map(|error| view! { <p class="alert alert-error" role="alert">{error.message(i18n.t())}</p> })}
                        </Confirm>
                    }
                })
            }
        </li>
    }
}

/// The custom-role form: name, description, colour, a template and the checkbox tree.
#[component]
fn RoleEditor(
    role: Option<CustomRoleInfo>,
    on_cancel: impl Fn() + Copy + Send + Sync + 'static,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let id: Option<Uuid> = role.as_ref().map(|r| r.id);
    let name = RwSignal::new(role.as_ref().map(|r| r.name.clone()).unwrap_or_default());
    let description = RwSignal::new(
        role.as_ref()
            .map(|r| r.description.clone())
            .unwrap_or_default(),
    );
    let color = RwSignal::new(
        role.as_ref()
            .map(|r| r.color.clone())
            .unwrap_or_else(|| "#2f7d5b".into()),
    );
    let selected = RwSignal::new(
        role.as_ref()
            .map(|r| r.permissions.iter().cloned().collect::<BTreeSet<_>>())
            .unwrap_or_default(),
    );
    let errors = FormErrors::new();
    let save = mutation();
    let pending = save.pending();
    // The form comes into view with its first field focused, wherever it was opened.
    let section = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if let Some(section) = section.get() {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Start);
            section.scroll_into_view_with_scroll_into_view_options(&options);
            crate::components::field::focus_field("name");
        }
    });
    let apply_template = move |choice: String| {
        let codes: BTreeSet<String> = if choice == "employee" {
            employee_template()
                .into_iter()
                .map(|p| p.code().to_owned())
                .collect()
        } else if let Ok(role) = choice.parse::<SystemRole>() {
            role.default_permissions()
                .codes()
                .into_iter()
                .map(str::to_owned)
                .collect()
        } else {
            BTreeSet::new()
        };
        selected.set(codes);
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = CustomRoleRequest {
            name: name.get_untracked(),
            description: description.get_untracked(),
            color: color.get_untracked(),
            permissions: selected.get_untracked().into_iter().collect(),
        };
        let refused = request.validate().err().unwrap_or_default();
        errors.send(save, refused, async move {
            let saved = match id {
                Some(id) => api::roles::update_role(id, &request).await.map(|_| ()),
                None => api::roles::create_role(&request).await.map(|_| ()),
            };
            saved.map_err(|error| name_conflict(error, &request.name))?;
            on_saved();
            Ok(())
        });
    };
    view! {
        <section class="card editor" aria-labelledby="role-editor-title" node_ref=section>
            <h2 id="role-editor-title">{move || if id.is_some() { i18n.t().edit_role } else { i18n.t().new_role }}</h2>
            <form class="form" novalidate=true on:submit=submit>
                <FormAlert errors=errors/>
                <Field label=|t: &Text| t.name name="name" value=name errors=errors max=CustomRoleRequest::NAME_MAX/>
                <Field label=|t: &Text| t.description name="description" value=description errors=errors max=CustomRoleRequest::DESCRIPTION_MAX/>
                <div class="field">
                    <label for="field-color">{tr(|t| t.color)}</label>
                    <input id="field-color" class="color-input" type="color" name="color"
                        prop:value=move || color.get() on:input=move |ev| color.set(event_target_value(&ev))/>
                </div>
                {id.is_none().then(|| view! {
                    <div class="field">
                        <label for="field-template">{tr(|t| t.template)}</label>
                        <select id="field-template" name="template" on:change=move |ev| apply_template(event_target_value(&ev))>
                            <option value="">{tr(|t| t.template_none)}</option>
                            <option value="employee">{tr(|t| t.template_employee)}</option>
                            {SystemRole::ALL.into_iter().filter(|r| *r != SystemRole::Owner).map(|role| {
                                let labels = *role.labels();
                                view! { <option value=role.as_str()>{move || i18n.lang.get().pick(&labels)}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <fieldset class="field">
                    <legend>{tr(|t| t.permissions)}</legend>
                    <p class="field-error" id="field-permissions-error">
                        {move || errors.fields.with(|f| f.iter().find(|e| e.field == "permissions").map(|e| i18n.t().field_error(e)))}
                    </p>
                    <PermissionTree selected=selected/>
                </fieldset>
                <div class="actions">
                    <button class="button primary" type="submit" disabled=move || pending.get()>
                        {move || if pending.get() { i18n.t().saving } else { i18n.t().save }}
                    </button>
                    <button class="button" type="button" on:click=move |_| on_cancel()>{tr(|t| t.cancel)}</button>
                </div>
            </form>
        </section>
    }
}

/// A name already taken is the name field's problem, said apart when the name is a
/// system role's (in one of the app's languages, perhaps not the one on screen).
fn name_conflict(error: ApiError, name: &str) -> ApiError {
    if error.code() != Some(ErrorCode::RoleNameTaken) {
        return error;
    }
    if SystemRole::is_named(name) {
        error.at_field("name", "reserved_role_name")
    } else {
        error.at_field("name", "role_name_taken")
    }
}
