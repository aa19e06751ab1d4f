//! The tables settings page (note 001 §A2, `tables.manage`): the zones on the left,
//! reordered by drag and drop or with Alt + arrows, "+ Add a zone"; the selected zone's
//! tables on the right — rename, seats, in use, delete, "+ Add tables" — numbered by the
//! server for good. And the QR codes' printable sheet (`public_menu.manage_qr`).

use brigade_domain::floor::{
    AddTablesRequest, CreateZoneRequest, DiningTable, TableQr, UpdateTableRequest,
    UpdateZoneRequest, Zone, CAPACITY, DEFAULT_CAPACITY, ZONE_NAME_MAX,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::table_picker::TablePicker;
use crate::components::{
    use_toasts, Confirm, EmptyState, Field, FormAlert, FormErrors, Glyph, Icon, Loaded, PageHeader,
};
use crate::i18n::{tr, use_i18n, Text};
use crate::mutation::{mutation, run, Mutation};

/// The zones and every table, read together.
#[derive(Debug, Clone, PartialEq)]
struct Floor {
    zones: Vec<Zone>,
    tables: Vec<DiningTable>,
}

async fn floor() -> Result<Floor, ApiError> {
    let (zones, tables) = futures::join!(api::floor::zones(), api::floor::tables(false));
    Ok(Floor {
        zones: zones?,
        tables: tables?,
    })
}

/// Seats to choose from, 1 to 12.
fn seat_options(selected: u8) -> impl IntoView {
    CAPACITY
        .map(|n| {
            let n = n as u8;
            view! { <option value=n.to_string() selected=n == selected>{n}</option> }
        })
        .collect_view()
}

#[component]
pub fn TablesPage() -> impl IntoView {
    let i18n = use_i18n();
    let resource = LocalResource::new(floor);
    let title = Signal::derive(move || i18n.t().tables_title.to_owned());
    view! {
        <div class="page" data-page="tables">
            <PageHeader title=title lead=|t: &Text| t.tables_lead>
                <a class="button" href="/admin/settings/tables/qr">{tr(|t| t.qr_codes)}</a>
            </PageHeader>
            <Loaded resource=resource children=|floor: Floor| view! { <FloorEditor floor/> }/>
        </div>
    }
}

/// The floor once loaded. It is kept in a signal that every change renews from the
/// API, so what changed is redrawn in place and the rest of the page (focus, open
/// forms, scroll) stays as it was.
#[component]
fn FloorEditor(floor: Floor) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let state = RwSignal::new(floor);
    let chosen = RwSignal::new(None::<Uuid>);
    let adding_zone = RwSignal::new(false);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match self::floor().await {
                Ok(floor) => {
                    let _ = state.try_set(floor);
                }
                Err(error) => toasts.failed(error.message(i18n.t())),
            }
        })
    };
    // The zone shown: the chosen one while it exists, otherwise the first.
    let zone = Memo::new(move |_| {
        state.with(|floor| {
            let chosen = chosen.get();
            chosen
                .and_then(|id| floor.zones.iter().find(|z| z.id == id))
                .or_else(|| floor.zones.first())
                .cloned()
        })
    });
    let selected = Signal::derive(move || zone.with(|z| z.as_ref().map(|z| z.id)));
    let panel = move || {
        let zone = zone.get()?;
        let id = zone.id;
        let tables = Signal::derive(move || {
            state.with(|floor| {
                floor
                    .tables
                    .iter()
                    .filter(|t| t.zone_id == id)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        });
        Some(view! { <ZonePanel zone tables reload/> })
    };
    view! {
        <div class="floor-layout">
            <section class="card zone-column" aria-labelledby="zones-heading">
                <div class="zone-column-head">
                    <h2 id="zones-heading">{tr(|t| t.zones_title)}</h2>
                    <button class="button primary" type="button" data-action="add-zone"
                        aria-expanded=move || adding_zone.get().to_string()
                        on:click=move |_| adding_zone.update(|open| *open = !*open)>
                        <Glyph icon=Icon::Plus/>{tr(|t| t.add_zone)}
                    </button>
                </div>
                <Show when=move || adding_zone.get()>
                    <NewZoneForm on_done=move |id| { adding_zone.set(false); chosen.set(Some(id)); reload(); } on_cancel=move || adding_zone.set(false)/>
                </Show>
                <Show when=move || state.with(|floor| !floor.zones.is_empty())
                    fallback=|| view! { <EmptyState text=|t: &Text| t.no_zones/> }>
                    <ZoneList state selected choose=move |id| chosen.set(Some(id)) reload/>
                </Show>
            </section>
            <div class="zone-main">{panel}</div>
        </div>
    }
}

/// The zones in order, each a drop target; Alt + arrows or the arrow buttons move one.
#[component]
fn ZoneList(
    state: RwSignal<Floor>,
    selected: Signal<Option<Uuid>>,
    choose: impl Fn(Uuid) + Copy + Send + Sync + 'static,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let order = Memo::new(move |_| {
        state.with(|floor| floor.zones.iter().map(|z| z.id).collect::<Vec<_>>())
    });
    let dragged = RwSignal::new(None::<Uuid>);
    let save = mutation();
    let send = move |ids: Vec<Uuid>| {
        // Shown at once; the server's answer confirms it or the floor is read again.
        state.update(|floor| {
            floor
                .zones
                .sort_by_key(|z| ids.iter().position(|id| *id == z.id).unwrap_or(usize::MAX))
        });
        run(save, async move {
            match api::floor::reorder(ids).await {
                Ok(_) => toasts.done(|t| t.zones_reordered),
                Err(error) => {
                    toasts.failed(error.message(i18n.t()));
                    reload();
                }
            }
            Ok(())
        });
    };
    let move_by = move |id: Uuid, delta: isize| {
        let mut ids = order.get_untracked();
        let Some(from) = ids.iter().position(|z| *z == id) else {
            return;
        };
        let to = from as isize + delta;
        if to < 0 || to as usize >= ids.len() {
            return;
        }
        ids.swap(from, to as usize);
        send(ids);
        // Keep the keyboard on the zone that moved.
        request_animation_frame(move || {
            if let Some(button) = document().get_element_by_id(&format!("zone-{id}")) {
                let _ = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&button)
                    .map(|b| b.focus());
            }
        });
    };
    let drop_on = move |target: Uuid| {
        let Some(moving) = dragged.get_untracked() else {
            return;
        };
        dragged.set(None);
        if moving == target {
            return;
        }
        let mut ids = order.get_untracked();
        ids.retain(|id| *id != moving);
        let at = ids.iter().position(|id| *id == target).unwrap_or(ids.len());
        ids.insert(at, moving);
        send(ids);
    };
    view! {
        <p class="hint" id="reorder-hint">{tr(|t| t.reorder_hint)}</p>
        <ol class="zone-list" aria-describedby="reorder-hint">
            <For each=move || order.get() key=|id| *id let:id>
                {
                let row = Memo::new(move |_| state.with(|floor| floor.zones.iter().find(|z| z.id == id).cloned()));
                move || {
                    let zone = row.get()?;
                    let name = zone.name.clone();
                    let (up, down) = (name.clone(), name.clone());
                    let place = move || order.with(|ids| ids.iter().position(|z| *z == id).unwrap_or(0));
                    let last = move || order.with(|ids| ids.len().saturating_sub(1));
                    Some(view! {
                        <li class="zone-item" data-zone=zone.prefix.clone() draggable="true"
                            class:dragging=move || dragged.get() == Some(id)
                            on:dragstart=move |ev| {
                                dragged.set(Some(id));
                                if let Some(data) = ev.data_transfer() {
                                    let _ = data.set_data("text/plain", &id.to_string());
                                    data.set_effect_allowed("move");
                                }
                            }
                            on:dragend=move |_| dragged.set(None)
                            on:dragover=move |ev| ev.prevent_default()
                            on:drop=move |ev| { ev.prevent_default(); drop_on(id); }>
                            <button type="button" class="zone-select" id=format!("zone-{id}")
                                aria-pressed=move || (selected.get() == Some(id)).to_string()
                                on:click=move |_| choose(id)
                                on:keydown=move |ev| {
                                    if ev.alt_key() && ev.key() == "ArrowUp" { ev.prevent_default(); move_by(id, -1); }
                                    if ev.alt_key() && ev.key() == "ArrowDown" { ev.prevent_default(); move_by(id, 1); }
                                }>
                                <span class="zone-name">{zone.name.clone()}</span>
                                <span class="badge">{zone.prefix.clone()}</span>
                                <span class="hint">{move || { let lang = i18n.lang.get(); lang.plural(lang.text().tables_in_zone, zone.tables as usize) }}</span>
                            </button>
                            <span class="zone-moves">
                                <button type="button" class="icon-button" disabled=move || place() == 0 || save.pending().get()
                                    aria-label=move || i18n.t().move_up.replace("{name}", &up)
                                    on:click=move |_| move_by(id, -1)><Glyph icon=Icon::ArrowUp/></button>
                                <button type="button" class="icon-button" disabled=move || place() == last() || save.pending().get()
                                    aria-label=move || i18n.t().move_down.replace("{name}", &down)
                                    on:click=move |_| move_by(id, 1)><Glyph icon=Icon::ArrowDown/></button>
                            </span>
                        </li>
                    })
                }
                }
            </For>
        </ol>
    }
}

/// A number typed in a field, or `None`.
fn number(value: &str) -> Option<i64> {
    value.trim().parse().ok()
}

#[component]
fn NewZoneForm(
    on_done: impl Fn(Uuid) + Copy + Send + Sync + 'static,
    on_cancel: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let toasts = use_toasts();
    let errors = FormErrors::new();
    let name = RwSignal::new(String::new());
    let prefix = RwSignal::new(String::new());
    let proposed = RwSignal::new(String::new());
    let count = RwSignal::new("4".to_owned());
    let seats = RwSignal::new(DEFAULT_CAPACITY);
    let save = mutation();
    // The prefix the server would give this name, shown until one is typed.
    let propose = move || {
        let typed = name.get_untracked();
        if typed.trim().is_empty() {
            proposed.set(String::new());
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(answer) = api::floor::proposed_prefix(typed).await {
                proposed.set(answer.prefix);
            }
        });
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = prefix.get_untracked();
        let request = CreateZoneRequest {
            name: name.get_untracked(),
            prefix: (!typed.trim().is_empty()).then_some(typed),
            tables: Some(number(&count.get_untracked()).unwrap_or(-1)),
            capacity: Some(i64::from(seats.get_untracked())),
        };
        errors.send(
            save,
            request.validate().err().unwrap_or_default(),
            async move {
                let zone = api::floor::create_zone(&request).await?;
                toasts.done(|t| t.zone_created);
                on_done(zone.id);
                Ok(())
            },
        );
    };
    view! {
        <form class="zone-form" on:submit=submit novalidate>
            <FormAlert errors/>
            <div on:focusout=move |_| propose()>
                <Field label=|t: &Text| t.zone_name name="name" value=name errors max=ZONE_NAME_MAX/>
            </div>
            <PrefixField prefix proposed errors/>
            <div class="field-row">
                <div class="field">
                    <label for="field-tables">{tr(|t| t.table_count_label)}</label>
                    <input id="field-tables" name="tables" type="number" min="0" max="100" inputmode="numeric"
                        prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev))/>
                    <FieldMessage errors field="tables"/>
                </div>
                <div class="field">
                    <label for="field-capacity">{tr(|t| t.seats_per_table)}</label>
                    <select id="field-capacity" name="capacity" on:change=move |ev| seats.set(event_target_value(&ev).parse().unwrap_or(DEFAULT_CAPACITY))>
                        {seat_options(DEFAULT_CAPACITY)}
                    </select>
                </div>
            </div>
            <div class="form-actions">
                <button class="button primary" type="submit" disabled=move || save.pending().get()>{tr(|t| t.create_zone)}</button>
                <button class="button" type="button" on:click=move |_| on_cancel()>{tr(|t| t.cancel)}</button>
            </div>
        </form>
    }
}

/// A field's refusal, under an input that is not a [`Field`].
#[component]
fn FieldMessage(errors: FormErrors, field: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        errors.fields.with(|all| {
            all.iter()
                .find(|e| e.field == field)
                .map(|e| i18n.t().field_error(e))
        })
    };
    view! { <p class="field-error" id=format!("field-{field}-error")>{message}</p> }
}

/// The prefix: upper-cased as typed, with the proposed one as its placeholder.
#[component]
fn PrefixField(
    prefix: RwSignal<String>,
    proposed: RwSignal<String>,
    errors: FormErrors,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="field-prefix">{tr(|t| t.prefix)}</label>
            <input id="field-prefix" name="prefix" maxlength="6" autocomplete="off" class="prefix-input"
                aria-describedby="field-prefix-hint field-prefix-error"
                placeholder=move || proposed.get()
                prop:value=move || prefix.get()
                on:input=move |ev| prefix.set(event_target_value(&ev).to_uppercase())/>
            <p class="hint" id="field-prefix-hint">{tr(|t| t.prefix_hint)}</p>
            <FieldMessage errors field="prefix"/>
        </div>
    }
}

#[component]
fn ZonePanel(
    zone: Zone,
    tables: Signal<Vec<DiningTable>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let renaming = RwSignal::new(false);
    let adding = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let remove = mutation();
    let id = zone.id;
    let name = zone.name.clone();
    let delete = move || {
        run(remove, async move {
            api::floor::delete_zone(id).await?;
            toasts.done(|t| t.zone_deleted);
            reload();
            Ok(())
        });
    };
    let question = {
        let lang = i18n.lang.get_untracked();
        i18n.t()
            .delete_zone_question
            .replace("{name}", &name)
            .replace(
                "{tables}",
                &lang.plural(lang.text().tables_in_zone, zone.tables as usize),
            )
    };
    let zone_for_form = zone.clone();
    view! {
        <section class="card zone-panel" aria-labelledby="zone-heading" data-zone=zone.prefix.clone()>
            <header class="zone-panel-head">
                <h2 id="zone-heading">{zone.name.clone()} " " <span class="badge">{zone.prefix.clone()}</span></h2>
                <div class="page-actions">
                    <button class="button" type="button" aria-expanded=move || renaming.get().to_string() on:click=move |_| renaming.update(|o| *o = !*o)>{tr(|t| t.rename)}</button>
                    <button class="button danger" type="button" on:click=move |_| deleting.set(true)>{tr(|t| t.delete)}</button>
                    <button class="button primary" type="button" aria-expanded=move || adding.get().to_string() on:click=move |_| adding.update(|o| *o = !*o)>
                        <Glyph icon=Icon::Plus/>{tr(|t| t.add_tables)}
                    </button>
                </div>
            </header>
            <Show when=move || renaming.get()>
                <RenameZoneForm zone=zone_for_form.clone() on_done=move || { renaming.set(false); reload(); } on_cancel=move || renaming.set(false)/>
            </Show>
            <Show when=move || adding.get()>
                <AddTablesForm zone_id=id on_done=move || { adding.set(false); reload(); } on_cancel=move || adding.set(false)/>
            </Show>
            <Show when=move || tables.with(|all| !all.is_empty())
                fallback=|| view! { <EmptyState text=|t: &Text| t.no_tables/> }>
                <ul class="table-grid">
                    // A table is drawn again only when it changed, so focus stays on the others.
                    <For each=move || tables.get()
                        key=|t| (t.id, t.display_name.clone(), t.capacity, t.is_active)
                        children=move |table| view! { <TableCard table reload/> }/>
                </ul>
            </Show>
            <Show when=move || deleting.get()>
                <Confirm question=question.clone() confirm_label=i18n.t().delete cancel_label=i18n.t().cancel
                    busy=remove.pending() on_confirm=delete on_cancel=move || deleting.set(false)/>
            </Show>
        </section>
    }
}

#[component]
fn RenameZoneForm(
    zone: Zone,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
    on_cancel: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let toasts = use_toasts();
    let errors = FormErrors::new();
    let name = RwSignal::new(zone.name.clone());
    let prefix = RwSignal::new(zone.prefix.clone());
    let proposed = RwSignal::new(zone.prefix.clone());
    let save = mutation();
    let id = zone.id;
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = UpdateZoneRequest {
            name: Some(name.get_untracked()),
            prefix: Some(prefix.get_untracked()),
        };
        errors.send(
            save,
            request.validate().err().unwrap_or_default(),
            async move {
                api::floor::update_zone(id, &request).await?;
                toasts.done(|t| t.zone_saved);
                on_done();
                Ok(())
            },
        );
    };
    view! {
        <form class="zone-form" on:submit=submit novalidate>
            <FormAlert errors/>
            <Field label=|t: &Text| t.zone_name name="name" value=name errors max=ZONE_NAME_MAX/>
            <PrefixField prefix proposed errors/>
            <div class="form-actions">
                <button class="button primary" type="submit" disabled=move || save.pending().get()>{tr(|t| t.save)}</button>
                <button class="button" type="button" on:click=move |_| on_cancel()>{tr(|t| t.cancel)}</button>
            </div>
        </form>
    }
}

#[component]
fn AddTablesForm(
    zone_id: Uuid,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
    on_cancel: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let toasts = use_toasts();
    let errors = FormErrors::new();
    let count = RwSignal::new("1".to_owned());
    let seats = RwSignal::new(DEFAULT_CAPACITY);
    let save = mutation();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = AddTablesRequest {
            zone_id,
            count: Some(number(&count.get_untracked()).unwrap_or(0)),
            capacity: Some(i64::from(seats.get_untracked())),
            tables: None,
        };
        errors.send(
            save,
            request.validate().err().unwrap_or_default(),
            async move {
                api::floor::add_tables(&request).await?;
                toasts.done(|t| t.tables_added);
                on_done();
                Ok(())
            },
        );
    };
    view! {
        <form class="zone-form" on:submit=submit novalidate>
            <FormAlert errors/>
            <div class="field-row">
                <div class="field">
                    <label for="field-count">{tr(|t| t.how_many)}</label>
                    <input id="field-count" name="count" type="number" min="1" max="100" inputmode="numeric"
                        aria-describedby="field-count-error"
                        prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev))/>
                    <FieldMessage errors field="count"/>
                </div>
                <div class="field">
                    <label for="field-add-capacity">{tr(|t| t.seats_per_table)}</label>
                    <select id="field-add-capacity" name="capacity" on:change=move |ev| seats.set(event_target_value(&ev).parse().unwrap_or(DEFAULT_CAPACITY))>
                        {seat_options(DEFAULT_CAPACITY)}
                    </select>
                </div>
            </div>
            <div class="form-actions">
                <button class="button primary" type="submit" disabled=move || save.pending().get()>{tr(|t| t.add_tables)}</button>
                <button class="button" type="button" on:click=move |_| on_cancel()>{tr(|t| t.cancel)}</button>
            </div>
        </form>
    }
}

/// Sends one change of a table, and says how it went.
fn change_table(
    save: Mutation,
    id: Uuid,
    request: UpdateTableRequest,
    reload: impl Fn() + 'static,
) {
    let toasts = use_toasts();
    let i18n = use_i18n();
    if let Err(errors) = request.validate() {
        if let Some(error) = errors.first() {
            toasts.failed(i18n.t().field_error(error));
        }
        return;
    }
    run(save, async move {
        match api::floor::update_table(id, &request).await {
            Ok(_) => toasts.done(|t| t.table_saved),
            Err(error) => toasts.failed(error.message(i18n.t())),
        }
        reload();
        Ok(())
    });
}

#[component]
fn TableCard(
    table: DiningTable,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let save = mutation();
    let remove = mutation();
    let deleting = RwSignal::new(false);
    let id = table.id;
    let number = table.table_number.clone();
    let shown = table.display_name.clone();
    let name_id = format!("table-{id}-name");
    let seats_id = format!("table-{id}-seats");
    let active_id = format!("table-{id}-active");
    let question = i18n.t().delete_table_question.replace("{name}", &shown);
    let delete = move || {
        run(remove, async move {
            api::floor::delete_table(id).await?;
            toasts.done(|t| t.table_deleted);
            reload();
            Ok(())
        });
    };
    let before = shown.clone();
    view! {
        <li class="card table-card" class:inactive=!table.is_active data-table=number.clone()>
            <span class="badge table-number">{number.clone()}</span>
            <div class="field">
                <label for=name_id.clone()>{tr(|t| t.display_name)}</label>
                <input id=name_id name="display_name" maxlength="40" autocomplete="off" value=shown
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if value.trim() != before {
                            change_table(save, id, UpdateTableRequest { display_name: Some(value), ..Default::default() }, reload);
                        }
                    }/>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for=seats_id.clone()>{tr(|t| t.seats)}</label>
                    <select id=seats_id name="capacity" on:change=move |ev| {
                        let seats = event_target_value(&ev).parse().ok();
                        change_table(save, id, UpdateTableRequest { capacity: seats, ..Default::default() }, reload);
                    }>
                        {seat_options(table.capacity)}
                    </select>
                </div>
                <label class="check" for=active_id.clone()>
                    <input id=active_id.clone() type="checkbox" checked=table.is_active
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            change_table(save, id, UpdateTableRequest { is_active: Some(on), ..Default::default() }, reload);
                        }/>
                    <span>{tr(|t| t.in_use)}</span>
                </label>
            </div>
            <button class="button danger" type="button" on:click=move |_| deleting.set(true)>{tr(|t| t.delete)}</button>
            <Show when=move || deleting.get()>
                <Confirm question=question.clone() confirm_label=i18n.t().delete cancel_label=i18n.t().cancel
                    busy=remove.pending() on_confirm=delete on_cancel=move || deleting.set(false)/>
            </Show>
        </li>
    }
}

#[component]
pub fn QrCodesPage() -> impl IntoView {
    let i18n = use_i18n();
    let sheet = LocalResource::new(api::floor::qr_sheet);
    let found = RwSignal::new(None::<Uuid>);
    let title = Signal::derive(move || i18n.t().qr_codes.to_owned());
    // The picker's choice is scrolled to and outlined.
    Effect::new(move |_| {
        if let Some(id) = found.get() {
            if let Some(card) = document().get_element_by_id(&format!("code-{id}")) {
                card.scroll_into_view();
            }
        }
    });
    view! {
        <div class="page" data-page="qr-codes">
            <PageHeader title=title lead=|t: &Text| t.qr_lead>
                <button class="button primary" type="button" on:click=move |_| { let _ = window().print(); }>{tr(|t| t.print)}</button>
            </PageHeader>
            <div class="card no-print">
                <h2>{tr(|t| t.find_table)}</h2>
                <TablePicker chosen=found/>
            </div>
            <Loaded resource=sheet children={move |codes: Vec<TableQr>| {
                if codes.is_empty() {
                    view! { <EmptyState text=|t: &Text| t.no_codes/> }.into_any()
                } else {
                    view! {
                        <ul class="qr-sheet">
                            {codes.into_iter().map(|code| view! { <QrCard code found on_rotated=move || sheet.refetch()/> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}/>
        </div>
    }
}

#[component]
fn QrCard(
    code: TableQr,
    found: RwSignal<Option<Uuid>>,
    on_rotated: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let rotate = mutation();
    let asking = RwSignal::new(false);
    let id = code.table.id;
    let name = code.table.display_name.clone();
    let question = i18n.t().reprint_question.replace("{name}", &name);
    let label = i18n.t().qr_of.replace("{name}", &name);
    let download = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&code.svg))
    );
    let confirm = move || {
        run(rotate, async move {
            api::floor::rotate_qr(id).await?;
            toasts.done(|t| t.code_rotated);
            on_rotated();
            Ok(())
        });
    };
    view! {
        <li class="card qr-card" id=format!("code-{id}") class:found=move || found.get() == Some(id) data-table=code.table.table_number.clone()>
            <div class="qr-image" role="img" aria-label=label inner_html=code.svg.clone()></div>
            <strong class="qr-name">{name.clone()}</strong>
            <span class="badge">{code.table.table_number.clone()}</span>
            <div class="qr-actions no-print">
                <a class="button" href=download download=format!("{}.svg", code.table.table_number)>{tr(|t| t.download_svg)}</a>
                <button class="button" type="button" on:click=move |_| asking.set(true)>{tr(|t| t.reprint)}</button>
            </div>
            <Show when=move || asking.get()>
                <Confirm question=question.clone() confirm_label=i18n.t().reprint cancel_label=i18n.t().cancel
                    busy=rotate.pending() on_confirm=confirm on_cancel=move || asking.set(false)/>
            </Show>
        </li>
    }
}
