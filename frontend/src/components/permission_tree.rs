//! Note 002's checkbox tree: every code of the catalogue under its module, with a
//! "select all" per module (mixed when some are chosen). Codes the editor does not hold
//! are shown but cannot be chosen: nobody grants what they do not have.

use std::collections::BTreeSet;

use brigade_domain::permissions::{Module, CATALOGUE};
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::session::use_session;

/// The chosen codes, edited in place.
#[component]
pub fn PermissionTree(selected: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let held = Memo::new(move |_| {
        session
            .me()
            .map(|me| me.permissions.into_iter().collect::<BTreeSet<_>>())
            .unwrap_or_default()
    });
    let modules = Module::ALL
        .into_iter()
        .map(|module| {
            let codes: Vec<&'static str> = CATALOGUE
                .iter()
                .filter(|def| def.module == module)
                .map(|def| def.code)
                .collect();
            let all = codes.clone();
            let grantable = move || {
                let held = held.get();
                all.iter()
                    .filter(|code| held.contains(**code))
                    .map(|code| (*code).to_owned())
                    .collect::<Vec<_>>()
            };
            let chosen_count = {
                let codes = codes.clone();
                move || selected.with(|s| codes.iter().filter(|c| s.contains(**c)).count())
            };
            let total = codes.len();
            let toggle_all = {
                let grantable = grantable.clone();
                let chosen_count = chosen_count.clone();
                move |_| {
                    let everything = chosen_count() == total;
                    let grantable = grantable();
                    selected.update(|s| {
                        for code in grantable {
                            if everything {
                                s.remove(&code);
                            } else {
                                s.insert(code);
                            }
                        }
                    });
                }
            };
            let items = CATALOGUE
                .iter()
                .filter(|def| def.module == module)
                .map(|def| {
                    let code = def.code;
                    let id = format!("perm-{code}");
                    let labels = def.labels;
                    let mine = move || held.with(|h| h.contains(code));
                    view! {
                        <li>
                            <input
                                type="checkbox"
                                id=id.clone()
                                name="permissions"
                                value=code
                                prop:checked=move || selected.with(|s| s.contains(code))
                                disabled=move || !mine()
                                title=move || (!mine()).then(|| i18n.t().not_yours)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    selected.update(|s| {
                                        if on {
                                            s.insert(code.to_owned());
                                        } else {
                                            s.remove(code);
                                        }
                                    });
                                }
                            />
                            <label for=id>{move || i18n.lang.get().pick(&labels)}</label>
                        </li>
                    }
                })
                .collect_view();
            let chosen_for_state = chosen_count.clone();
            view! {
                <fieldset class="tree-module" data-module=module.as_str()>
                    <legend>
                        <input
                            type="checkbox"
                            id=format!("module-{}", module.as_str())
                            prop:checked=move || chosen_for_state() == total
                            prop:indeterminate=move || {
                                let n = chosen_count();
                                n > 0 && n < total
                            }
                            on:change=toggle_all
                        />
                        <label for=format!("module-{}", module.as_str())>
                            {move || {
                                let lang = i18n.lang.get();
                                lang.text().all_of.replace("{module}", lang.pick(module.labels()))
                            }}
                        </label>
                    </legend>
                    <ul>{items}</ul>
                </fieldset>
            }
        })
        .collect_view();
    view! { <div class="permission-tree">{modules}</div> }
}
