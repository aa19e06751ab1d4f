//! The first page after logging in: a greeting, the pages the person can open, and the
//! modules where their role gives them rights.

use brigade_domain::api::Me;
use brigade_domain::permissions::{Module, Permission};
use leptos::prelude::*;

use crate::components::icons::Glyph;
use crate::i18n::use_i18n;
use crate::sections::Section;
use crate::session::use_session;

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// How many codes the person holds in each module, for modules where they hold any.
fn modules_held(me: &Me) -> Vec<(Module, usize)> {
    Module::ALL
        .into_iter()
        .map(|module| {
            let held = me
                .permissions
                .iter()
                .filter_map(|code| Permission::from_code(code))
                .filter(|permission| permission.module() == module)
                .count();
            (module, held)
        })
        .filter(|(_, held)| *held > 0)
        .collect()
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let me = Memo::new(move |_| session.me());
    move || {
        let me = me.get()?;
        let lang = i18n.lang.get();
        let t = lang.text();
        let restaurant = me
            .restaurants
            .iter()
            .find(|r| r.restaurant_id == me.active_restaurant_id)
            .map(|r| r.restaurant_name.clone())
            .unwrap_or_default();
        let sections = Section::ALL
            .into_iter()
            .filter(|section| *section != Section::Dashboard)
            .filter(|section| section.allowed(&me))
            .map(|section| {
                view! {
                    <li>
                        <a class="card section-card" href=section.path()>
                            <Glyph icon=section.icon()/>
                            <strong>{(section.title())(t)}</strong>
                            <span>{section.summary().map(|s| s(t))}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        let modules = modules_held(&me);
        let modules_view = if modules.is_empty() {
            view! { <p class="empty">{t.no_modules}</p> }.into_any()
        } else {
            view! {
                <ul class="module-list">
                    {modules
                        .into_iter()
                        .map(|(module, held)| {
                            view! {
                                <li data-module=module.as_str()>
                                    <span>{lang.pick(module.labels())}</span>
                                    <span class="badge">
                                        {lang.plural(t.permission_count, held)}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        };
        Some(view! {
            <div class="page" data-page="dashboard">
                <h1>{t.hello.replace("{name}", first_name(&me.account.name))}</h1>
                <p class="lead">
                    {t.dashboard_lead.replace("{restaurant}", &restaurant)} " "
                    <span class="role">{format!("{}{}{}", t.role, t.label_sep, lang.role_names(&me.roles))}</span>
                </p>
                <h2>{t.your_pages}</h2>
                <ul class="section-cards">{sections}</ul>
                <h2>{t.your_modules}</h2>
                <p class="hint">{t.modules_lead}</p>
                {modules_view}
            </div>
        })
    }
}
