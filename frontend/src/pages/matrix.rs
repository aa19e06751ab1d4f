//! The permission matrix (note 001 C4), for the owner only: rows are the system roles,
//! columns note 001's groups; a switch turns a whole group on or off for a role, a
//! mixed group shows as partial, and each group opens onto its fine codes. Saving a
//! row stores only what differs from that role's defaults; "restore defaults" drops it.
//! The owner's row is shown greyed: it always has everything.

use std::collections::BTreeSet;

use brigade_domain::api::{RoleList, SystemRoleInfo};
use brigade_domain::permissions::{groups, Group, Permission, SystemRole};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::Loaded;
use crate::i18n::{tr, use_i18n};
use crate::mutation::{failure, mutation, run, Mutation};

/// One editable row: the role, what it grants now (being edited), what is saved, and
/// the action that saves or restores it.
#[derive(Clone, Copy)]
struct Row {
    role: SystemRole,
    working: RwSignal<BTreeSet<String>>,
    saved: RwSignal<BTreeSet<String>>,
    defaults: StoredValue<BTreeSet<String>>,
    change: Mutation,
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
            change: mutation(),
        }
    }

    /// Saves what is being edited (`Some`) or restores the defaults (`None`).
    fn store(self, permissions: Option<Vec<String>>) {
        let sent = self.working.get_untracked();
        run(self.change, async move {
            let info = match permissions {
                Some(permissions) => api::roles::set_system_role(self.role, permissions).await?,
                None => api::roles::reset_system_role(self.role).await?,
            };
            let now = codes(&info.permissions);
            // A switch turned while the row was being saved stays as turned.
            if permissions_untouched(self.working, &sent) {
                self.working.set(now.clone());
            }
            self.saved.set(now);
            Ok(())
        });
    }

    fn pending(self) -> bool {
        self.change.pending().get()
    }

    fn failed(self) -> Option<ApiError> {
        failure(self.change)
    }
}

/// Whether the row still holds what was sent (nothing was turned since).
fn permissions_untouched(working: RwSignal<BTreeSet<String>>, sent: &BTreeSet<String>) -> bool {
    working.with_untracked(|now| now == sent)
}

fn group_codes(group: &Group) -> Vec<&'static str> {
    group
        .permissions
        .iter()
        .map(|p: &Permission| p.code())
        .collect()
}

/// `true`, `false` or `mixed`, for `aria-checked`.
fn state(working: &BTreeSet<String>, group: &Group) -> &'static str {
    let codes = group_codes(group);
    let held = codes.iter().filter(|c| working.contains(**c)).count();
    if held == codes.len() {
        "true"
    } else if held == 0 {
        "false"
    } else {
        "mixed"
    }
}

#[component]
pub fn MatrixPage() -> impl IntoView {
    let list = LocalResource::new(api::roles::roles);
    let expanded = RwSignal::new(None::<&'static str>);
    view! {
        <div class="page wide" data-page="matrix">
            <h1>{tr(|t| t.matrix)}</h1>
            <p class="lead">{tr(|t| t.matrix_lead)}</p>
            <Loaded resource=list children={move |roles: RoleList| {
                let rows: Vec<Row> = roles.system.iter().filter(|i| i.role != SystemRole::Owner).map(Row::new).collect();
                view! { <Matrix rows=rows expanded=expanded/> }
            }}/>
        </div>
    }
}

#[component]
fn Matrix(rows: Vec<Row>, expanded: RwSignal<Option<&'static str>>) -> impl IntoView {
    let i18n = use_i18n();
    let header = groups()
        .iter()
        .map(|group| {
            let labels = group.labels;
            let code = group.code;
            view! {
                <th scope="col">
                    <button class="link-button" type="button" aria-expanded=move || if expanded.get() == Some(code) { "true" } else { "false" }
                        on:click=move |_| expanded.update(|e| *e = if *e == Some(code) { None } else { Some(code) })>
                        {move || i18n.lang.get().pick(&labels)}
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
        .iter()
        .map(|row| {
            let row = *row;
            let labels = *row.role.labels();
            let cells = groups()
                .iter()
                .map(|group| {
                    let group_labels = group.labels;
                    view! {
                        <td>
                            <button
                                class=move || format!("switch {}", row.working.with(|w| state(w, group)))
                                type="button"
                                role="switch"
                                aria-checked=move || row.working.with(|w| state(w, group))
                                aria-label=move || {
                                    let lang = i18n.lang.get();
                                    format!("{} — {}", lang.pick(&labels), lang.pick(&group_labels))
                                }
                                on:click=move |_| {
                                    let on = row.working.with(|w| state(w, group)) == "true";
                                    row.working.update(|w| {
                                        for code in group_codes(group) {
                                            if on { w.remove(code); } else { w.insert(code.to_owned()); }
                                        }
                                    });
                                }
                            >
                                <span class="sr-only">{move || if row.working.with(|w| state(w, group)) == "mixed" { i18n.t().partial } else { "" }}</span>
                            </button>
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr data-role=row.role.as_str()>
                    <th scope="row">
                        {move || i18n.lang.get().pick(&labels)}
                        <Show when=move || row.defaults.with_value(|d| row.saved.with(|s| s != d))>
                            " " <span class="badge">{tr(|t| t.customised)}</span>
                        </Show>
                    </th>
                    {cells}
                    <td class="row-actions">
                        <button class="button primary" type="button"
                            disabled=move || row.pending() || row.working.with(|w| row.saved.with(|s| w == s))
                            on:click=move |_| row.store(Some(row.working.get_untracked().into_iter().collect()))>
                            {tr(|t| t.save)}
                        </button>
                        <button class="button" type="button"
                            disabled=move || row.pending() || row.defaults.with_value(|d| row.saved.with(|s| s == d) && row.working.with(|w| w == d))
                            on:click=move |_| row.store(None)>
                            {tr(|t| t.restore_defaults)}
                        </button>
                        {move || row.failed().map(|error| view! { <p class="alert alert-error" role="alert">{error.message(i18n.t())}</p> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let detail_rows = rows.clone();
    view! {
        <div class="table-scroll">
            <table class="matrix">
                <thead><tr><th scope="col">{tr(|t| t.role)}</th>{header}<th scope="col"><span class="sr-only">{tr(|t| t.save)}</span></th></tr></thead>
                <tbody>
                    <tr class="owner-row" data-role="owner" aria-disabled="true">
                        <th scope="row">{move || i18n.lang.get().pick(&owner_labels)} " " <span class="badge">{tr(|t| t.every_permission_always)}</span></th>
                        {owner_cells}
                        <td></td>
                    </tr>
                    {body}
                </tbody>
            </table>
        </div>
        {move || expanded.get().and_then(Group::by_code).map(|group| {
            let rows = detail_rows.clone();
            view! { <GroupDetail group=group rows=rows close=move || expanded.set(None)/> }
        })}
    }
}

/// A group's fine codes for every role, each a checkbox.
#[component]
fn GroupDetail(
    group: &'static Group,
    rows: Vec<Row>,
    close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let labels = group.labels;
    let codes = group.permissions;
    let header = codes
        .iter()
        .map(|permission| {
            let labels = permission.def().labels;
            view! { <th scope="col">{move || i18n.lang.get().pick(&labels)}</th> }
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
                    view! {
                        <td>
                            <input type="checkbox" name=format!("{}:{code}", row.role.as_str())
                                aria-label=move || format!("{} — {code}", i18n.lang.get().pick(&role_labels))
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
        <section class="card group-detail" aria-labelledby="group-detail-title">
            <h2 id="group-detail-title">{move || { let lang = i18n.lang.get(); lang.text().group_details.replace("{group}", lang.pick(&labels)) }}</h2>
            <div class="table-scroll">
                <table class="matrix"><thead><tr><th scope="col">{tr(|t| t.role)}</th>{header}</tr></thead><tbody>{body}</tbody></table>
            </div>
            <button class="button" type="button" on:click=move |_| close()>{tr(|t| t.close)}</button>
        </section>
    }
}
