//! The table picker (note 001's TablePicker): a zone, then one of its tables. Only
//! active tables are offered; wherever a table is chosen, this is what chooses it.

use brigade_domain::floor::{DiningTable, Zone};
use leptos::prelude::*;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::Loaded;
use crate::i18n::tr;

async fn choices() -> Result<(Vec<Zone>, Vec<DiningTable>), ApiError> {
    let (zones, tables) = futures::join!(api::floor::zones(), api::floor::tables(true));
    Ok((zones?, tables?))
}

#[component]
pub fn TablePicker(
    /// The chosen table.
    chosen: RwSignal<Option<Uuid>>,
) -> impl IntoView {
    let resource = LocalResource::new(choices);
    view! {
        <Loaded resource=resource children={move |(zones, tables): (Vec<Zone>, Vec<DiningTable>)| {
            view! { <Picker zones tables chosen/> }
        }}/>
    }
}

#[component]
fn Picker(
    zones: Vec<Zone>,
    tables: Vec<DiningTable>,
    chosen: RwSignal<Option<Uuid>>,
) -> impl IntoView {
    let zone = RwSignal::new(None::<Uuid>);
    let tables = StoredValue::new(tables);
    let options = move || {
        let Some(zone) = zone.get() else {
            return Vec::new();
        };
        tables.with_value(|all| {
            all.iter()
                .filter(|t| t.zone_id == zone)
                .map(|t| {
                    let label = if t.display_name == t.table_number {
                        t.table_number.clone()
                    } else {
                        format!("{} · {}", t.display_name, t.table_number)
                    };
                    view! { <option value=t.id.to_string() selected=chosen.get_untracked() == Some(t.id)>{label}</option> }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="field-row table-picker">
            <div class="field">
                <label for="pick-zone">{tr(|t| t.pick_zone)}</label>
                <select id="pick-zone" name="zone" on:change=move |ev| {
                    zone.set(event_target_value(&ev).parse().ok());
                    chosen.set(None);
                }>
                    <option value="">{tr(|t| t.pick_none)}</option>
                    {zones.into_iter().map(|z| view! { <option value=z.id.to_string()>{z.name}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="pick-table">{tr(|t| t.pick_table)}</label>
                <select id="pick-table" name="table" disabled=move || zone.get().is_none()
                    on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                    <option value="">{tr(|t| t.pick_none)}</option>
                    {options}
                </select>
            </div>
        </div>
    }
}
