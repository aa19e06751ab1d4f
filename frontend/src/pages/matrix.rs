//! The permission matrix (note 001 C4), for the owner only: rows are the system roles,
//! columns note 001's twelve groups under short headings (the full name on hover and
//! focus); a switch turns a whole group on or off for a role, a partial group says
//! which of its codes are on, and each heading opens the group's fine codes, marking
//! those another group shares. Changes wait in one save bar, per role, until saved
//! together (a toast confirms) or discarded; leaving with changes asks first. A role
//! set back to its defaults stores nothing. On a phone it is one role at a time: choose
//! the role, then its groups as switches. The owner's row is shown greyed: it always
//! has everything.

use std::collections::BTreeSet;

use brigade_domain::api::{RoleList, SystemRoleInfo};
use brigade_domain::permissions::{groups, Group, Permission, SystemRole};
use leptos::prelude::*;

use crate::api;
use crate::components::page::focus;
use crate::components::{use_toasts, LeaveGuard, Loaded, PageHeader, SaveBar};
use crate::i18n::{tr, use_i18n, Lang};
use crate::mutation::{mutation, run, Mutation};

/// One editable row: the role, what it grants now (being edited), what is saved, and
/// its defaults.
#[derive(Clone, Copy)]
struct Row {
    role: SystemRole,
    working: RwSignal<BTreeSet<String>>,
    saved: RwSignal<BTreeSet<String>>,
    defaults: StoredValue<BTreeSet<String>>,
}

fn codes(list: &[String]) -> BTreeSet<String> {
    list.iter().cloned().collect()
}

impl Row {
    fn new(info: &SystemRoleInfo) -> Self {
        Row {
            role: info.role,
            working: RwSignal::new(codes(&info.permissions)),
            saved: RwSignal::new(codes(&info.permissions)),
            defaults: StoredValue::new(codes(&info.default_permissions)),
        }
    }

    /// How many codes differ from what is saved (reactive).
    fn pending(self) -> usize {
        self.working
            .with(|w| self.saved.with(|s| w.symmetric_difference(s).count()))
    }

    fn customised(self) -> bool {
        self.defaults.with_value(|d| self.saved.with(|s| s != d))
    }

    fn at_defaults(self) -> bool {
        self.defaults.with_value(|d| self.working.with(|w| w == d))
    }
}

/// Saves every row with changes, one after the other: a row back at its defaults
/// drops its override, any other stores what differs. A toast says how it went.
fn save_all(rows: &[Row], change: Mutation) {
    let toasts = use_toasts();
    let i18n = use_i18n();
    let dirty: Vec<Row> = rows
        .iter()
        .copied()
        .filter(|row| row.pending() > 0)
        .collect();
    run(change, async move {
        for row in dirty {
            let sent = row.working.get_untracked();
            let at_defaults = row.defaults.with_value(|d| *d == sent);
            let outcome = if at_defaults {
                api::roles::reset_system_role(row.role).await
            } else {
                api::roles::set_system_role(row.role, sent.iter().cloned().collect()).await
            };
            let info = match outcome {
                Ok(info) => info,
                Err(error) => {
                    toasts.failed(error.message(i18n.t()).to_owned());
                    return Err(error);
                }
            };
            let now = codes(&info.permissions);
            // A switch turned while the row was being saved stays as turned.
            if row.working.with_untracked(|w| *w == sent) {
                row.working.set(now.clone());
            }
            row.saved.set(now);
        }
        toasts.done(|t| t.matrix_saved);
        // The Save button is disabled now: focus stays in the bar rather than on the page.
        focus(".save-bar");
        Ok(())
    });
}

fn group_codes(group: &Group) -> impl Iterator<Item = &'static str> + '_ {
    group.permissions.iter().map(|p: &Permission| p.code())
}

/// A group's full name and the modules its codes belong to: "Edit settings — covers:
/// Restaurant, Customers, Sales channels".
fn covers(group: &Group, lang: Lang) -> String {
    let mut modules: Vec<&str> = Vec::new();
    for permission in group.permissions {
        let name = lang.pick(permission.module().labels());
        if !modules.contains(&name) {
            modules.push(name);
        }
    }
    lang.text()
        .group_covers
        .replace("{group}", lang.pick(&group.labels))
        .replace("{modules}", &modules.join(", "))
}

/// `true`, `false` or `mixed`, for `aria-checked` and the switch's look.
fn state(working: &BTreeSet<String>, group: &Group) -> &'static str {
    let held = group_codes(group).filter(|c| working.contains(*c)).count();
    if held == group.permissions.len() {
        "true"
    } else if held == 0 {
        "false"
    } else {
        "mixed"
    }
}

/// The other groups a code also belongs to.
fn shared_with(permission: Permission, group: &Group) -> Vec<&'static Group> {
    groups()
        .iter()
        .filter(|other| other.code != group.code && other.permissions.contains(&permission))
        .collect()
}

/// A partial group in words: "Partial: 1 of 2 on — Set availability (also in: Edit
/// the menu)".
fn partial_text(working: &BTreeSet<String>, group: &Group, lang: Lang) -> String {
    let on: Vec<String> = group
        .permissions
        .iter()
        .filter(|p| working.contains(p.code()))
        .map(|p| {
            let name = lang.pick(&p.def().labels);
            let shared = shared_with(*p, group);
            if shared.is_empty() {
                name.to_owned()
            } else {
                let groups: Vec<&str> = shared.iter().map(|g| lang.pick(&g.labels)).collect();
                let also = lang.text().also_in.replace("{groups}", &groups.join(", "));
                format!("{name} ({also})")
            }
        })
        .collect();
    lang.text()
        .partial_explained
        .replace("{on}", &on.len().to_string())
        .replace("{of}", &group.permissions.len().to_string())
        .replace("{codes}", &on.join(", "))
}

/// Turns a group on (or off when it was fully on) and says which other groups moved
/// with it because they share a code.
fn toggle(row: Row, group: &'static Group, moved: RwSignal<Option<String>>, lang: Lang) {
    let before: Vec<&str> = row
        .working
        .with(|w| groups().iter().map(|g| state(w, g)).collect());
    let on = row.working.with(|w| state(w, group)) == "true";
    row.working.update(|w| {
        for code in group_codes(group) {
            if on {
                w.remove(code);
            } else {
                w.insert(code.to_owned());
            }
        }
    });
    let others: Vec<&str> = row.working.with(|w| {
        groups()
            .iter()
            .zip(before)
            .filter(|(g, was)| g.code != group.code && state(w, g) != *was)
            .map(|(g, _)| lang.pick(&g.labels))
            .collect()
    });
    moved.set((!others.is_empty()).then(|| {
        lang.text()
            .also_changed
            .replace("{role}", lang.pick(row.role.labels()))
            .replace("{group}", lang.pick(&group.labels))
            .replace("{others}", &others.join(", "))
    }));
}

#[component]
pub fn MatrixPage() -> impl IntoView {
    let list = LocalResource::new(api::roles::roles);
    let title = Signal::derive(move || tr(|t| t.matrix)().to_owned());
    let i18n = use_i18n();
    view! {
        <div class="page wide" data-page="matrix">
            <PageHeader title=title lead=|t| t.matrix_lead/>
            <Loaded resource=list children={move |roles: RoleList| {
                let rows: Vec<Row> = roles.system.iter().filter(|i| i.role != SystemRole::Owner).map(Row::new).collect();
                let custom = roles.custom.len();
                view! {
                    // The matrix is note 001's system roles; custom roles have their own editor.
                    <p class="hint custom-roles-note">
                        {move || { let lang = i18n.lang.get(); lang.plural(lang.text().custom_roles_elsewhere, custom) }}
                        " " <a href="/roles">{tr(|t| t.roles)}</a>
                    </p>
                    <Matrix rows=rows/>
                }
            }}/>
        </div>
    }
}

#[component]
fn Matrix(rows: Vec<Row>) -> impl IntoView {
    let i18n = use_i18n();
    let expanded = RwSignal::new(None::<&'static str>);
    let moved = RwSignal::new(None::<String>);
    let change = mutation();
    let busy = change.pending();
    let all = StoredValue::new(rows.clone());
    let pending = Signal::derive(move || {
        all.with_value(|rows| rows.iter().map(|r| r.pending()).sum::<usize>())
    });
    let summary = Signal::derive(move || {
        let lang = i18n.lang.get();
        all.with_value(|rows| {
            rows.iter()
                .filter(|r| r.pending() > 0)
                .map(|r| {
                    format!(
                        "{}{}{}",
                        lang.pick(r.role.labels()),
                        lang.text().label_sep,
                        lang.plural(lang.text().changes, r.pending())
                    )
                })
                .collect::<Vec<_>>()
                .join(" · ")
        })
    });
    let dirty = Signal::derive(move || pending.get() > 0);
    let phone_role = RwSignal::new(rows.first().map(|r| r.role));
    // Groups that moved with a switch because they share codes are said in a toast.
    let toasts = use_toasts();
    Effect::new(move |_| {
        if let Some(text) = moved.get() {
            toasts.note(text);
        }
    });
    view! {
        <LeaveGuard dirty=dirty/>
        <div class="matrix-desktop">
            <MatrixTable rows=rows.clone() expanded=expanded moved=moved/>
        </div>
        <div class="matrix-phone">
            <div class="field">
                <label for="matrix-role">{tr(|t| t.role)}</label>
                <select id="matrix-role" name="matrix-role" on:change=move |ev| {
                    let chosen = event_target_value(&ev).parse::<SystemRole>().ok();
                    phone_role.set(chosen);
                }>
                    {rows.iter().map(|row| {
                        let row = *row;
                        let role = row.role;
                        view! {
                            <option value=role.as_str() selected=Some(role) == phone_role.get_untracked()>
                                {move || {
                                    let lang = i18n.lang.get();
                                    let name = lang.pick(role.labels());
                                    match row.pending() {
                                        0 => name.to_owned(),
                                        n => format!("{name} ({})", lang.plural(lang.text().changes, n)),
                                    }
                                }}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            {move || {
                let role = phone_role.get()?;
                let row = all.with_value(|rows| rows.iter().find(|r| r.role == role).copied())?;
                Some(view! { <PhoneRole row=row moved=moved/> })
            }}
        </div>
        {move || expanded.get().and_then(Group::by_code).map(|group| {
            let rows = all.get_value();
            view! { <GroupDetail group=group rows=rows close=move || expanded.set(None)/> }
        })}
        <SaveBar pending=pending summary=summary busy=busy save_label=|t| t.save
            on_save=move || all.with_value(|rows| save_all(rows, change))
            on_discard=move || { moved.set(None); all.with_value(|rows| rows.iter().for_each(|r| r.working.set(r.saved.get_untracked()))) }/>
    }
}

/// The desktop table: the role column stays in place while the groups scroll.
#[component]
fn MatrixTable(
    rows: Vec<Row>,
    expanded: RwSignal<Option<&'static str>>,
    moved: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let header = groups()
        .iter()
        .map(|group| {
            let code = group.code;
            view! {
                <th scope="col" data-group=code>
                    <button class="column-heading" type="button"
                        aria-expanded=move || if expanded.get() == Some(code) { "true" } else { "false" }
                        aria-description=move || covers(group, i18n.lang.get())
                        data-tip=move || covers(group, i18n.lang.get())
                        on:click=move |_| expanded.update(|e| *e = if *e == Some(code) { None } else { Some(code) })>
                        <span class="area">{move || i18n.lang.get().pick(&group.area)}</span>
                        <span class="verb">{move || i18n.lang.get().pick(&group.verb)}</span>
                    </button>
                </th>
            }
        })
        .collect_view();
    let owner_labels = *SystemRole::Owner.labels();
    let owner_cells = groups()
        .iter()
        .map(|_| view! { <td><span class="switch on" aria-hidden="true"></span></td> })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|row| {
            let labels = *row.role.labels();
            let cells = groups()
                .iter()
                .map(|group| view! { <td><GroupSwitch row=row group=group moved=moved expanded=expanded/></td> })
                .collect_view();
            view! {
                <tr data-role=row.role.as_str() class:changed={move || row.pending() > 0}>
                    <th scope="row">
                        <span class="role-name">{move || i18n.lang.get().pick(&labels)}</span>
                        <Show when=move || row.customised()>
                            <span class="badge">{tr(|t| t.customised)}</span>
                        </Show>
                        <RestoreDefaults row=row class="link-button small"/>
                    </th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll matrix-scroll" tabindex="0" role="region" aria-label=tr(|t| t.matrix)>
            <table class="matrix">
                <thead><tr><th scope="col" class="corner">{tr(|t| t.role)}</th>{header}</tr></thead>
                <tbody>
                    <tr class="owner-row" data-role="owner" aria-disabled="true">
                        <th scope="row"><span class="role-name">{move || i18n.lang.get().pick(&owner_labels)}</span><span class="row-note">{tr(|t| t.every_permission_always)}</span></th>
                        {owner_cells}
                    </tr>
                    {body}
                </tbody>
            </table>
        </div>
    }
}

/// One role's switch for one group, with the partial state in words.
#[component]
fn GroupSwitch(
    row: Row,
    group: &'static Group,
    moved: RwSignal<Option<String>>,
    #[prop(optional)] expanded: Option<RwSignal<Option<&'static str>>>,
    /// The group's name shown next to the switch (the phone's list).
    #[prop(optional)]
    labelled: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let labels = *row.role.labels();
    let now = move || row.working.with(|w| state(w, group));
    let explained = move || {
        let lang = i18n.lang.get();
        row.working
            .with(|w| (state(w, group) == "mixed").then(|| partial_text(w, group, lang)))
    };
    let held = move || {
        row.working.with(|w| {
            let on = group_codes(group).filter(|c| w.contains(*c)).count();
            format!("{on}/{}", group.permissions.len())
        })
    };
    view! {
        <div class="group-switch">
            <button
                class=move || format!("switch {}", now())
                type="button"
                role="switch"
                data-group=group.code
                aria-checked=now
                aria-label=move || {
                    let lang = i18n.lang.get();
                    format!("{} — {}", lang.pick(&labels), lang.pick(&group.labels))
                }
                title=move || explained().unwrap_or_else(|| i18n.lang.get().pick(&group.labels).to_owned())
                on:click=move |_| toggle(row, group, moved, i18n.lang.get_untracked())
            >
                <span class="sr-only">{move || explained().unwrap_or_default()}</span>
            </button>
            {labelled.then(|| view! { <span class="group-name">{move || i18n.lang.get().pick(&group.labels)}</span> })}
            {move || explained().map(|text| {
                let count = held();
                match expanded {
                    Some(expanded) => view! {
                        <button class="partial link-button small" type="button" title=text.clone() data-tip=text
                            on:click=move |_| expanded.set(Some(group.code))>{count}</button>
                    }.into_any(),
                    None => view! { <p class="partial-text">{text}</p> }.into_any(),
                }
            })}
        </div>
    }
}

/// A phone shows one role: its groups as a list of switches.
#[component]
fn PhoneRole(row: Row, moved: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <div class="phone-role" data-role=row.role.as_str()>
            <ul class="switch-list">
                {groups().iter().map(|group| view! { <li><GroupSwitch row=row group=group moved=moved labelled=true/></li> }).collect_view()}
            </ul>
            <RestoreDefaults row=row class="button"/>
        </div>
    }
}

/// Puts a role's switches back to its defaults (saved with the rest), when they differ.
#[component]
fn RestoreDefaults(row: Row, class: &'static str) -> impl IntoView {
    view! {
        <Show when=move || !row.at_defaults()>
            <button class=class type="button" data-restore=""
                on:click=move |_| row.working.set(row.defaults.get_value())>
                {tr(|t| t.restore_defaults)}
            </button>
        </Show>
    }
}

/// A group's fine codes for every role, each a checkbox; a code another group shares
/// says so.
#[component]
fn GroupDetail(
    group: &'static Group,
    rows: Vec<Row>,
    close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let labels = group.labels;
    let codes = group.permissions;
    // Opened from a heading or a partial count, it comes into view and takes focus.
    let section = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if let Some(section) = section.get() {
            section.scroll_into_view();
            let _ = section.focus();
        }
    });
    let header = codes
        .iter()
        .map(|permission| {
            let labels = permission.def().labels;
            let shared = shared_with(*permission, group);
            view! {
                <th scope="col" data-code=permission.code()>
                    {move || i18n.lang.get().pick(&labels)}
                    {(!shared.is_empty()).then(|| {
                        let shared = shared.clone();
                        view! {
                            <span class="shared-note">{move || {
                                let lang = i18n.lang.get();
                                let names: Vec<&str> = shared.iter().map(|g| lang.pick(&g.labels)).collect();
                                lang.text().also_in.replace("{groups}", &names.join(", "))
                            }}</span>
                        }
                    })}
                </th>
            }
        })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|row| {
            let role_labels = *row.role.labels();
            let cells = codes
                .iter()
                .map(|permission| {
                    let code = permission.code();
                    let code_labels = permission.def().labels;
                    view! {
                        <td>
                            <input type="checkbox" name=format!("{}:{code}", row.role.as_str())
                                aria-label=move || { let lang = i18n.lang.get(); format!("{} — {}", lang.pick(&role_labels), lang.pick(&code_labels)) }
                                prop:checked=move || row.working.with(|w| w.contains(code))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    row.working.update(|w| { if on { w.insert(code.to_owned()); } else { w.remove(code); } });
                                }/>
                        </td>
                    }
                })
                .collect_view();
            view! { <tr><th scope="row">{move || i18n.lang.get().pick(&role_labels)}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <section class="card group-detail" aria-labelledby="group-detail-title" tabindex="-1" node_ref=section>
            <div class="card-header">
                <h2 id="group-detail-title">{move || { let lang = i18n.lang.get(); lang.text().group_details.replace("{group}", lang.pick(&labels)) }}</h2>
                <button class="button" type="button" on:click=move |_| close()>{tr(|t| t.close)}</button>
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="group-detail-title">
                <table class="matrix detail"><thead><tr><th scope="col" class="corner">{tr(|t| t.role)}</th>{header}</tr></thead><tbody>{body}</tbody></table>
            </div>
        </section>
    }
}
