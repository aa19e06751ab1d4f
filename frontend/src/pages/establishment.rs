//! The restaurant's settings page (`restaurant.view_settings`): its name, address,
//! language, time zone and currency (`restaurant.edit_settings`), and the week's opening
//! hours (`restaurant.edit_opening_hours`), several ranges a day, past midnight allowed.
//! The onboarding's first step shows the same two forms.

use brigade_domain::permissions::code;
use brigade_domain::settings::{
    OpeningHours, OpeningRange, RestaurantSettings, UpdateSettingsRequest, Weekday, LANGUAGES,
    RANGES_PER_DAY,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::components::{
    use_toasts, Field, FormAlert, FormErrors, Glyph, Icon, Loaded, PageHeader,
};
use crate::i18n::{tr, use_i18n, Lang, Text};
use crate::mutation::mutation;
use crate::session::use_session;

#[component]
pub fn EstablishmentPage() -> impl IntoView {
    let i18n = use_i18n();
    let resource = LocalResource::new(api::settings::settings);
    let title = Signal::derive(move || i18n.t().establishment.to_owned());
    view! {
        <div class="page" data-page="establishment">
            <PageHeader title=title lead=|t: &Text| t.establishment_lead/>
            <Loaded resource=resource children=move |settings: RestaurantSettings| view! {
                <div class="card-grid">
                    <EstablishmentCard settings=settings.clone() on_saved=|_| ()/>
                    <OpeningHoursCard ranges=settings.opening_hours on_saved=|_| ()/>
                </div>
            }/>
        </div>
    }
}

/// The IANA time zones the browser knows, with `current` among them.
fn time_zones(current: &str) -> Vec<String> {
    let mut zones: Vec<String> =
        js_sys::Intl::supported_values_of(js_sys::Intl::SupportedValuesKey::TimeZone)
            .iter()
            .filter_map(|zone| zone.as_string())
            .collect();
    if !zones.iter().any(|zone| zone == current) {
        zones.push(current.to_owned());
        zones.sort();
    }
    zones
}

/// The ISO 4217 currencies the browser knows, with `current` among them.
fn currencies(current: &str) -> Vec<String> {
    let mut codes: Vec<String> =
        js_sys::Intl::supported_values_of(js_sys::Intl::SupportedValuesKey::Currency)
            .iter()
            .filter_map(|code| code.as_string())
            .collect();
    if !codes.iter().any(|code| code == current) {
        codes.push(current.to_owned());
        codes.sort();
    }
    codes
}

/// A labelled list whose error comes from the API's field errors, like [`Field`]'s.
#[component]
fn Choice(
    label: crate::i18n::TextFn,
    name: &'static str,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
    errors: FormErrors,
    disabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{name}");
    let error_id = format!("field-{name}-error");
    let message = move || {
        errors.fields.with(|all| {
            all.iter()
                .find(|error| error.field == name)
                .map(|error| i18n.t().field_error(error))
        })
    };
    let options = options
        .into_iter()
        .map(|(key, text)| {
            let selected = key == value.get_untracked();
            view! { <option value=key selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(i18n.t())}</label>
            <select id=id name=name disabled=move || disabled.get()
                aria-invalid=move || if message().is_some() { "true" } else { "false" }
                aria-describedby=error_id.clone()
                on:change=move |ev| value.set(event_target_value(&ev))>
                {options}
            </select>
            <p class="field-error" id=error_id>{message}</p>
        </div>
    }
}

/// The name, address, language, time zone and currency.
#[component]
pub fn EstablishmentCard(
    settings: RestaurantSettings,
    on_saved: impl Fn(RestaurantSettings) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let editable = Signal::derive(move || session.holds(code::RESTAURANT_EDIT_SETTINGS));
    let read_only = Signal::derive(move || !editable.get());
    let name = RwSignal::new(settings.name.clone());
    let address = RwSignal::new(settings.address.clone());
    let language = RwSignal::new(settings.language.clone());
    let time_zone = RwSignal::new(settings.time_zone.clone());
    let currency = RwSignal::new(settings.currency.clone());
    let errors = FormErrors::new();
    let save = mutation();
    let pending = save.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = UpdateSettingsRequest {
            name: Some(name.get_untracked()),
            address: Some(address.get_untracked()),
            language: Some(language.get_untracked()),
            time_zone: Some(time_zone.get_untracked()),
            currency: Some(currency.get_untracked()),
            brand_color: None,
        };
        let refused = request.validate().err().unwrap_or_default();
        errors.send(save, refused, async move {
            let saved = api::settings::update(&request).await?;
            address.set(saved.address.clone());
            toasts.done(|t: &Text| t.settings_saved);
            on_saved(saved);
            Ok(())
        });
    };
    let languages = LANGUAGES
        .iter()
        .filter_map(|code| Lang::from_tag(code))
        .map(|lang| (lang.code().to_owned(), lang.native_name().to_owned()))
        .collect();
    let zones = time_zones(&settings.time_zone)
        .into_iter()
        .map(|zone| (zone.clone(), zone.replace('_', " ")))
        .collect();
    let codes = currencies(&settings.currency)
        .into_iter()
        .map(|code| (code.clone(), code))
        .collect();
    let address_message = move || {
        errors.fields.with(|all| {
            all.iter()
                .find(|error| error.field == "address")
                .map(|error| {
                    i18n.t()
                        .field_error_within(error, Some(brigade_domain::settings::ADDRESS_MAX))
                })
        })
    };
    view! {
        <section class="card" aria-labelledby="establishment-title">
            <h2 id="establishment-title">{tr(|t| t.establishment)}</h2>
            <form class="form" novalidate=true on:submit=submit>
                <FormAlert errors=errors/>
                <fieldset class="plain" disabled=move || read_only.get()>
                    <Field label=|t: &Text| t.restaurant_name name="name" autocomplete="organization" value=name errors=errors max=brigade_domain::validation::RestaurantName::MAX/>
                    <div class="field">
                        <label for="field-address">{tr(|t| t.address)}</label>
                        <textarea id="field-address" name="address" rows="3" autocomplete="street-address"
                            aria-invalid=move || if address_message().is_some() { "true" } else { "false" }
                            aria-describedby="field-address-error"
                            prop:value=move || address.get()
                            on:input=move |ev| address.set(event_target_value(&ev))></textarea>
                        <p class="field-error" id="field-address-error">{address_message}</p>
                    </div>
                    <Choice label=|t: &Text| t.guest_language name="language" value=language options=languages errors=errors disabled=read_only/>
                    <Choice label=|t: &Text| t.time_zone name="time_zone" value=time_zone options=zones errors=errors disabled=read_only/>
                    <Choice label=|t: &Text| t.currency name="currency" value=currency options=codes errors=errors disabled=read_only/>
                    <p class="hint">{tr(|t| t.currency_hint)}</p>
                </fieldset>
                <Show when=move || editable.get()>
                    <button class="button primary" type="submit" disabled=move || pending.get()>
                        {move || if pending.get() { i18n.t().saving } else { i18n.t().save }}
                    </button>
                </Show>
            </form>
        </section>
    }
}

/// One range being edited.
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: u32,
    weekday: Weekday,
    opens: RwSignal<String>,
    closes: RwSignal<String>,
}

fn weekday_name(t: &Text, weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => t.monday,
        Weekday::Tuesday => t.tuesday,
        Weekday::Wednesday => t.wednesday,
        Weekday::Thursday => t.thursday,
        Weekday::Friday => t.friday,
        Weekday::Saturday => t.saturday,
        Weekday::Sunday => t.sunday,
    }
}

/// The week, a row a day, each with its ranges.
#[component]
pub fn OpeningHoursCard(
    ranges: Vec<OpeningRange>,
    on_saved: impl Fn(RestaurantSettings) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let editable = Signal::derive(move || session.holds(code::RESTAURANT_EDIT_OPENING_HOURS));
    let next_key = StoredValue::new(0u32);
    let new_slot = move |weekday: Weekday, opens: &str, closes: &str| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        Slot {
            key,
            weekday,
            opens: RwSignal::new(opens.to_owned()),
            closes: RwSignal::new(closes.to_owned()),
        }
    };
    let slots = RwSignal::new(
        ranges
            .iter()
            .map(|range| new_slot(range.weekday, &range.opens, &range.closes))
            .collect::<Vec<Slot>>(),
    );
    let errors = FormErrors::new();
    let save = mutation();
    let pending = save.pending();
    // The request lists the slots in the order they are kept, so `ranges[i]` is slot i.
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = OpeningHours {
            ranges: slots
                .get_untracked()
                .iter()
                .map(|slot| OpeningRange {
                    weekday: slot.weekday,
                    opens: slot.opens.get_untracked(),
                    closes: slot.closes.get_untracked(),
                })
                .collect(),
        };
        let refused = request.validate().err().unwrap_or_default();
        errors.send(save, refused, async move {
            let saved = api::settings::replace_hours(&request).await?;
            toasts.done(|t: &Text| t.hours_saved);
            on_saved(saved);
            Ok(())
        });
    };
    let error_of = move |key: u32| {
        let at = slots.with(|all| all.iter().position(|slot| slot.key == key))?;
        errors.fields.with(|all| {
            all.iter()
                .find(|error| {
                    error.field == format!("ranges[{at}]")
                        || error.field.starts_with(&format!("ranges[{at}]."))
                })
                .map(|error| i18n.t().field_error(error))
        })
    };
    let day = move |weekday: Weekday| {
        let own = move || {
            slots.with(|all| {
                all.iter()
                    .filter(|slot| slot.weekday == weekday)
                    .copied()
                    .collect::<Vec<_>>()
            })
        };
        let full = move || own().len() >= RANGES_PER_DAY;
        let add = move |_| {
            let slot = new_slot(weekday, "12:00", "14:30");
            slots.update(|all| all.push(slot));
        };
        let day_id = format!("day-{}", weekday.as_str());
        view! {
            <li class="hours-day" data-weekday=weekday.as_str()>
                <span class="hours-day-name" id=day_id.clone()>{move || weekday_name(i18n.t(), weekday)}</span>
                <div class="hours-ranges">
                    <Show when=move || own().is_empty()>
                        <span class="muted">{tr(|t| t.closed)}</span>
                    </Show>
                    <For each=own key=|slot| slot.key let:slot>
                        <div class="hours-range" data-range=slot.key>
                            <label class="sr-only" for=format!("opens-{}", slot.key)>{tr(|t| t.opens)}</label>
                            <input type="time" id=format!("opens-{}", slot.key) step="300" required=true
                                disabled=move || !editable.get()
                                prop:value=move || slot.opens.get()
                                on:input=move |ev| slot.opens.set(event_target_value(&ev))/>
                            <span aria-hidden="true">"–"</span>
                            <label class="sr-only" for=format!("closes-{}", slot.key)>{tr(|t| t.closes)}</label>
                            <input type="time" id=format!("closes-{}", slot.key) step="300" required=true
                                disabled=move || !editable.get()
                                prop:value=move || slot.closes.get()
                                on:input=move |ev| slot.closes.set(event_target_value(&ev))/>
                            <Show when=move || editable.get()>
                                <button class="button ghost" type="button" data-action="remove-range"
                                    aria-label=move || format!("{} ({})", i18n.t().remove_range, weekday_name(i18n.t(), weekday))
                                    on:click=move |_| slots.update(|all| all.retain(|s| s.key != slot.key))>
                                    {tr(|t| t.remove_range)}
                                </button>
                            </Show>
                            <Show when=move || {
                                let closes = slot.closes.get();
                                !closes.is_empty() && closes <= slot.opens.get()
                            }>
                                <span class="badge">{tr(|t| t.next_day)}</span>
                            </Show>
                            <p class="field-error">{move || error_of(slot.key)}</p>
                        </div>
                    </For>
                </div>
                <Show when=move || editable.get()>
                    <button class="button" type="button" data-action="add-range"
                        aria-describedby=day_id.clone()
                        disabled=full
                        on:click=add>
                        <Glyph icon=Icon::Plus/>{tr(|t| t.add_range)}
                    </button>
                </Show>
            </li>
        }
    };
    view! {
        <section class="card" aria-labelledby="hours-title">
            <h2 id="hours-title">{tr(|t| t.opening_hours)}</h2>
            <p class="hint">{tr(|t| t.opening_hours_hint)}</p>
            <form class="form" novalidate=true on:submit=submit>
                <FormAlert errors=errors/>
                <ul class="hours-week">{Weekday::ALL.into_iter().map(day).collect_view()}</ul>
                <Show when=move || editable.get()>
                    <button class="button primary" type="submit" disabled=move || pending.get()>
                        {move || if pending.get() { i18n.t().saving } else { i18n.t().save }}
                    </button>
                </Show>
            </form>
        </section>
    }
}
