//! The service grid (note 001's `ServiceManager`, `tables.view`; changes need
//! `tables.manage`): for one day and one of its services, which members serve which
//! zones — a grid, a row per member and a column per zone — and which tables are given
//! to one member of their own.

use std::collections::{BTreeSet, HashMap};

use brigade_domain::floor::{DiningTable, Zone};
use brigade_domain::permissions::code;
use brigade_domain::service_grid::{
    Assignment, ReplaceServiceRequest, Service, ServiceDay, ServiceStaff,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{use_toasts, EmptyState, FormAlert, FormErrors, Loaded, PageHeader};
use crate::i18n::{tr, use_i18n, Text};
use crate::mutation::mutation;
use crate::session::use_session;

/// A day's services, the zones and the tables in use, read together.
#[derive(Debug, Clone, PartialEq)]
struct Board {
    day: ServiceDay,
    zones: Vec<Zone>,
    tables: Vec<DiningTable>,
}

async fn board(date: Option<String>) -> Result<Board, ApiError> {
    let (day, zones, tables) = futures::join!(
        api::service_grid::day(date),
        api::floor::zones(),
        api::floor::tables(true)
    );
    Ok(Board {
        day: day?,
        zones: zones?,
        tables: tables?,
    })
}

#[component]
pub fn ServicePage() -> impl IntoView {
    let i18n = use_i18n();
    let date = RwSignal::new(None::<String>);
    let resource = LocalResource::new(move || board(date.get()));
    let title = Signal::derive(move || i18n.t().service_grid.to_owned());
    view! {
        <div class="page" data-page="service">
            <PageHeader title=title lead=|t: &Text| t.service_grid_lead/>
            <Loaded resource=resource children=move |board: Board| view! { <ServiceBoard board date/> }/>
        </div>
    }
}

fn service_label(t: &Text, service: &Service) -> String {
    t.service_hours
        .replace("{opens}", &service.opens)
        .replace("{closes}", &service.closes)
}

#[component]
fn ServiceBoard(board: Board, date: RwSignal<Option<String>>) -> impl IntoView {
    let Board { day, zones, tables } = board;
    let shown_date = day.date.to_string();
    let picker = view! {
        <div class="toolbar service-toolbar">
            <div class="field">
                <label for="service-date">{tr(|t| t.service_day)}</label>
                <input id="service-date" name="date" type="date" required=true value=shown_date
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if !value.is_empty() {
                            date.set(Some(value));
                        }
                    }/>
            </div>
        </div>
    };
    let body = if day.services.is_empty() {
        view! {
            <EmptyState text=|t: &Text| t.closed_day>
                <a class="button" href="/admin/settings/restaurant">{tr(|t| t.opening_hours)}</a>
            </EmptyState>
        }
        .into_any()
    } else if zones.is_empty() {
        view! {
            <EmptyState text=|t: &Text| t.no_zones>
                <a class="button" href="/admin/settings/tables">{tr(|t| t.tables_title)}</a>
            </EmptyState>
        }
        .into_any()
    } else if day.staff.is_empty() {
        view! { <EmptyState text=|t: &Text| t.no_staff_to_place/> }.into_any()
    } else {
        view! { <ServiceEditor day zones tables/> }.into_any()
    };
    view! { {picker} {body} }
}

#[component]
fn ServiceEditor(day: ServiceDay, zones: Vec<Zone>, tables: Vec<DiningTable>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let editable = Signal::derive(move || session.holds(code::TABLES_MANAGE));
    let ServiceDay {
        date,
        services,
        staff,
    } = day;
    let key = |service: &Service| service.opens.clone();
    // Each service's places as edited, and as last saved: switching between the day's
    // services keeps what was changed in each.
    let edited = RwSignal::new(
        services
            .iter()
            .map(|s| {
                (
                    key(s),
                    s.assignments.iter().cloned().collect::<BTreeSet<_>>(),
                )
            })
            .collect::<HashMap<_, _>>(),
    );
    let saved = RwSignal::new(edited.get_untracked());
    let current = RwSignal::new(services.first().map(key).unwrap_or_default());
    let dirty = move |opens: &str| edited.with(|e| saved.with(|s| e.get(opens) != s.get(opens)));
    let change = move |f: &dyn Fn(&mut BTreeSet<Assignment>)| {
        let opens = current.get_untracked();
        edited.update(|all| f(all.entry(opens).or_default()));
    };
    let errors = FormErrors::new();
    let save = mutation();
    let pending = save.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let opens = current.get_untracked();
        let request = ReplaceServiceRequest {
            date: date.to_string(),
            opens: opens.clone(),
            assignments: edited
                .with_untracked(|all| all.get(&opens).cloned().unwrap_or_default())
                .into_iter()
                .collect(),
        };
        let refused = request.validate().err().unwrap_or_default();
        errors.send(save, refused, async move {
            let service = api::service_grid::replace(&request).await?;
            let now: BTreeSet<Assignment> = service.assignments.into_iter().collect();
            edited.update(|all| {
                all.insert(opens.clone(), now.clone());
            });
            saved.update(|all| {
                all.insert(opens.clone(), now);
            });
            toasts.done(|t: &Text| t.service_saved);
            Ok(())
        });
    };
    let staff = StoredValue::new(staff);
    let zones = StoredValue::new(zones);
    let tables = StoredValue::new(tables);
    let choices = services
        .iter()
        .map(|service| {
            let opens = key(service);
            let label_service = service.clone();
            let (checked, pick, is_dirty) = (opens.clone(), opens.clone(), opens.clone());
            view! {
                <label class="check service-choice">
                    <input type="radio" name="service" value=opens.clone()
                        prop:checked=move || current.get() == checked
                        on:change=move |_| current.set(pick.clone())/>
                    <span>{move || service_label(i18n.t(), &label_service)}</span>
                    <Show when=move || dirty(&is_dirty)>
                        <span class="badge">{tr(|t| t.unsaved)}</span>
                    </Show>
                </label>
            }
        })
        .collect_view();
    let head = move || {
        zones.with_value(|all| {
            all.iter()
                .map(|zone| view! { <th scope="col">{zone.name.clone()} " " <span class="badge">{zone.prefix.clone()}</span></th> })
                .collect_view()
        })
    };
    let rows = move || {
        staff.with_value(|people| {
            people
                .iter()
                .map(|person| {
                    let member = person.member_id;
                    let name = person.name.clone();
                    let role = person.role;
                    let cells = zones.with_value(|all| {
                        all.iter()
                            .map(|zone| {
                                let place = Assignment { member_id: member, zone_id: Some(zone.id), table_id: None };
                                let (has, toggle) = (place.clone(), place);
                                let label = (name.clone(), zone.name.clone());
                                view! {
                                    <td>
                                        <input type="checkbox"
                                            aria-label=move || i18n.t().serves_zone.replace("{member}", &label.0).replace("{zone}", &label.1)
                                            disabled=move || !editable.get()
                                            prop:checked=move || edited.with(|all| all.get(&current.get()).is_some_and(|p| p.contains(&has)))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                let place = toggle.clone();
                                                change(&move |set: &mut BTreeSet<Assignment>| { if on { set.insert(place.clone()); } else { set.remove(&place); } });
                                            }/>
                                    </td>
                                }
                            })
                            .collect_view()
                    });
                    view! {
                        <tr data-member=member.to_string()>
                            <th scope="row">
                                <span>{name.clone()}</span>
                                <span class="hint">{move || i18n.lang.get().pick(role.labels())}</span>
                            </th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let table_rows = move || {
        let zones = zones.get_value();
        tables.with_value(|all| {
            zones
                .iter()
                .map(|zone| {
                    let own: Vec<DiningTable> = all.iter().filter(|t| t.zone_id == zone.id).cloned().collect();
                    if own.is_empty() {
                        return None;
                    }
                    let items = own
                        .into_iter()
                        .map(|table| view! { <TableWaiter table staff edited current editable change/> })
                        .collect_view();
                    Some(view! {
                        <li>
                            <h3>{zone.name.clone()}</h3>
                            <ul class="table-waiters">{items}</ul>
                        </li>
                    })
                })
                .collect_view()
        })
    };
    view! {
        <form class="form service-grid-form" novalidate=true on:submit=submit>
            <fieldset class="plain service-choices">
                <legend>{tr(|t| t.service_choice)}</legend>
                {choices}
            </fieldset>
            <FormAlert errors=errors/>
            // The places refused, each with its reason (they have no field of their own).
            <ul class="field-errors">
                {move || errors.fields.get().into_iter().map(|error| view! {
                    <li class="field-error">{i18n.t().field_error(&error)}</li>
                }).collect_view()}
            </ul>
            <section class="card">
                <h2 id="grid-title">{tr(|t| t.zones_by_member)}</h2>
                <div class="grid-scroll" role="region" aria-labelledby="grid-title" tabindex="0">
                    <table class="service-grid">
                        <thead><tr><th scope="col">{tr(|t| t.member)}</th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
            <section class="card">
                <h2>{tr(|t| t.tables_by_member)}</h2>
                <p class="hint">{tr(|t| t.tables_by_member_hint)}</p>
                <ul class="zone-tables">{table_rows}</ul>
            </section>
            <Show when=move || editable.get()>
                <div class="page-actions">
                    <button class="button primary" type="submit" data-action="save-service" disabled=move || pending.get()>
                        {move || if pending.get() { i18n.t().saving } else { i18n.t().save_service }}
                    </button>
                </div>
            </Show>
        </form>
    }
}

/// A table and the member it is given to, if any, during the current service.
#[component]
fn TableWaiter(
    table: DiningTable,
    staff: StoredValue<Vec<ServiceStaff>>,
    edited: RwSignal<HashMap<String, BTreeSet<Assignment>>>,
    current: RwSignal<String>,
    editable: Signal<bool>,
    change: impl Fn(&dyn Fn(&mut BTreeSet<Assignment>)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = table.id;
    let field = format!("table-waiter-{id}");
    let holder = move || {
        edited.with(|all| {
            all.get(&current.get()).and_then(|places| {
                places
                    .iter()
                    .find(|p| p.table_id == Some(id))
                    .map(|p| p.member_id)
            })
        })
    };
    let options = staff.with_value(|people| {
        people
            .iter()
            .map(|person| {
                let member = person.member_id;
                view! {
                    <option value=member.to_string() prop:selected=move || holder() == Some(member)>{person.name.clone()}</option>
                }
            })
            .collect_view()
    });
    let label = if table.display_name == table.table_number {
        table.table_number.clone()
    } else {
        format!("{} · {}", table.display_name, table.table_number)
    };
    view! {
        <li class="field table-waiter" data-table=table.table_number.clone()>
            <label for=field.clone()>{label}</label>
            <select id=field name="table_waiter" disabled=move || !editable.get()
                on:change=move |ev| {
                    let chosen = event_target_value(&ev).parse::<Uuid>().ok();
                    change(&move |set: &mut BTreeSet<Assignment>| {
                        set.retain(|p| p.table_id != Some(id));
                        if let Some(member) = chosen {
                            set.insert(Assignment { member_id: member, zone_id: None, table_id: Some(id) });
                        }
                    });
                }>
                <option value="" prop:selected=move || holder().is_none()>{tr(|t| t.zone_waiters)}</option>
                {options}
            </select>
        </li>
    }
}
