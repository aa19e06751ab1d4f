//! Choosing a member's roles: the primary role (a select) and the custom roles they
//! hold on top of it (checkboxes).

use brigade_domain::api::RoleList;
use brigade_domain::permissions::SystemRole;
use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::{tr, use_i18n};

/// The primary role (a select) and the custom roles held (checkboxes); for a member
/// who already holds system roles on top of the primary one (moved there when a custom
/// role was deleted), those too, so they can be taken away.
#[component]
pub fn RolePicker(
    roles: RoleList,
    role: RwSignal<SystemRole>,
    extra: RwSignal<Vec<Uuid>>,
    /// The system roles held on top of the primary one, if the form changes them.
    #[prop(optional)]
    extra_system: Option<RwSignal<Vec<SystemRole>>>,
    /// Prefixes the fields' ids, for two pickers in one page (the add-member tabs).
    #[prop(default = "")]
    prefix: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let role_id = format!("{prefix}field-role");
    // The ones held when the form opened stay listed, ticked or not, until it is saved.
    let held_system: Vec<SystemRole> = extra_system
        .map(|extra| extra.get_untracked())
        .unwrap_or_default();
    let shows_extras = !roles.custom.is_empty() || !held_system.is_empty();
    view! {
        <div class="field">
            <label for=role_id.clone()>{tr(|t| t.primary_role)}</label>
            <select id=role_id name="role" on:change=move |ev| {
                if let Ok(chosen) = event_target_value(&ev).parse::<SystemRole>() { role.set(chosen); }
            }>
                {SystemRole::ALL.into_iter().filter(|r| *r != SystemRole::Owner).map(|option| {
                    let labels = *option.labels();
                    view! { <option value=option.as_str() prop:selected=move || role.get() == option>{move || i18n.lang.get().pick(&labels)}</option> }
                }).collect_view()}
            </select>
        </div>
        {shows_extras.then(|| view! {
            <fieldset class="field">
                <legend>{tr(|t| t.extra_roles)}</legend>
                {(!held_system.is_empty()).then(|| view! { <p class="hint">{tr(|t| t.extra_system_roles_note)}</p> })}
                {extra_system.map(|extra| held_system.iter().map(|system| {
                    let system = *system;
                    let field = format!("{prefix}extra-system-role-{}", system.as_str());
                    let label_for = field.clone();
                    let labels = *system.labels();
                    view! {
                        <label class="check" for=label_for>
                            <input type="checkbox" id=field name="extra_system_roles" value=system.as_str()
                                prop:checked=move || extra.with(|e| e.contains(&system))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    extra.update(|e| { e.retain(|x| *x != system); if on { e.push(system); } });
                                }/>
                            {move || i18n.lang.get().pick(&labels)}
                        </label>
                    }
                }).collect_view())}
                {roles.custom.iter().map(|custom| {
                    let cid = custom.id;
                    let field = format!("{prefix}custom-role-{cid}");
                    let label_for = field.clone();
                    view! {
                        <label class="check" for=label_for>
                            <input type="checkbox" id=field name="custom_role_ids" value=cid.to_string()
                                prop:checked=move || extra.with(|e| e.contains(&cid))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    extra.update(|e| { e.retain(|x| *x != cid); if on { e.push(cid); } });
                                }/>
                            <span class="swatch" style:background-color=custom.color.clone() aria-hidden="true"></span>
                            {custom.name.clone()}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        })}
    }
}
