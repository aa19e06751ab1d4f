//! Choosing a member's roles: the primary role (a select) and the custom roles they
//! hold on top of it (checkboxes).

use brigade_domain::api::RoleList;
use brigade_domain::permissions::SystemRole;
use leptos::prelude::*;
use uuid::Uuid;

use crate::i18n::{tr, use_i18n};

/// The primary role (a select) and the custom roles held (checkboxes).
#[component]
pub fn RolePicker(
    roles: RoleList,
    role: RwSignal<SystemRole>,
    extra: RwSignal<Vec<Uuid>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for="field-role">{tr(|t| t.primary_role)}</label>
            <select id="field-role" name="role" on:change=move |ev| {
                if let Ok(chosen) = event_target_value(&ev).parse::<SystemRole>() { role.set(chosen); }
            }>
                {SystemRole::ALL.into_iter().filter(|r| *r != SystemRole::Owner).map(|option| {
                    let labels = *option.labels();
                    view! { <option value=option.as_str() prop:selected=move || role.get() == option>{move || i18n.lang.get().pick(&labels)}</option> }
                }).collect_view()}
            </select>
        </div>
        {(!roles.custom.is_empty()).then(|| view! {
            <fieldset class="field">
                <legend>{tr(|t| t.extra_roles)}</legend>
                {roles.custom.iter().map(|custom| {
                    let cid = custom.id;
                    let field = format!("custom-role-{cid}");
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
