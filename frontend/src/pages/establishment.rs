//! The restaurant's settings page (`restaurant.view_settings`): its name, address,
//! language, time zone and currency (`restaurant.edit_settings`), and the week's opening
//! hours (`restaurant.edit_opening_hours`), several ranges a day, past midnight allowed;
//! and the branding the guests' pages show: the logo and the main colour
//! (`restaurant.edit_settings`). The onboarding's Establishment and Branding steps show
//! the same cards.

use brigade_domain::permissions::code;
use brigade_domain::settings::{
    OpeningHours, OpeningRange, RestaurantSettings, UpdateSettingsRequest, Weekday, LANGUAGES,
    LOGO_MAX_BYTES, LOGO_TYPES, RANGES_PER_DAY,
};
use brigade_domain::validation::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api;
use crate::components::{
    use_toasts, Confirm, Field, FormAlert, FormErrors, Glyph, Icon, Loaded, PageHeader,
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
                <div class="card-grid settings-grid">
                    <EstablishmentCard settings=settings.clone() on_saved=|_| ()/>
                    <BrandingCard settings=settings.clone() on_saved=|_| ()/>
                    <OpeningHoursCard ranges=settings.opening_hours on_saved=|_| ()/>
                </div>
            }/>
        </div>
    }
}

/// The colour the guests' pages have until the restaurant chooses its own.
const DEFAULT_BRAND_COLOR: &str = "#a23a14";

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
        // Lunch first, then dinner; a third range starts blank.
        let add = move |_| {
            let (opens, closes) = match own().len() {
                0 => ("12:00", "14:30"),
                1 => ("19:00", "22:30"),
                _ => ("", ""),
            };
            let slot = new_slot(weekday, opens, closes);
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
                                    aria-label=move || format!("{} ({} {}–{})", i18n.t().remove_range, weekday_name(i18n.t(), weekday), slot.opens.get(), slot.closes.get())
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
        <section class="card hours-card" aria-labelledby="hours-title">
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

/// Why a chosen file cannot be the logo, checked before sending it (the server checks
/// it again, with its content).
fn logo_refusals(file: &web_sys::File) -> Vec<FieldError> {
    let known = LOGO_TYPES
        .iter()
        .any(|(media_type, _)| *media_type == file.type_());
    if !known {
        vec![FieldError::new(
            "logo",
            "image_type",
            "a logo is a PNG, JPEG or WebP image",
        )]
    } else if file.size() > LOGO_MAX_BYTES as f64 {
        vec![FieldError::new(
            "logo",
            "image_too_large",
            "a logo is at most 512 KiB",
        )]
    } else {
        Vec::new()
    }
}

/// The logo and the main colour the guests' pages show (`restaurant.edit_settings`).
#[component]
pub fn BrandingCard(
    settings: RestaurantSettings,
    on_saved: impl Fn(RestaurantSettings) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let editable = Signal::derive(move || session.holds(code::RESTAURANT_EDIT_SETTINGS));
    let logo = RwSignal::new(settings.logo_url.clone());
    let chosen = RwSignal::new(settings.brand_color.clone());
    let color = RwSignal::new(
        settings
            .brand_color
            .clone()
            .unwrap_or_else(|| DEFAULT_BRAND_COLOR.to_owned()),
    );
    let logo_errors = FormErrors::new();
    let color_errors = FormErrors::new();
    let send_logo = mutation();
    let send_color = mutation();
    let removing = RwSignal::new(false);
    let upload = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Choosing the same file again sends it again.
        input.set_value("");
        let refused = logo_refusals(&file);
        logo_errors.send(send_logo, refused, async move {
            let saved = api::settings::upload_logo(&file).await?;
            logo.set(saved.logo_url.clone());
            toasts.done(|t: &Text| t.logo_saved);
            on_saved(saved);
            Ok(())
        });
    };
    let remove = move || {
        logo_errors.send(send_logo, Vec::new(), async move {
            let saved = api::settings::delete_logo().await?;
            removing.set(false);
            logo.set(None);
            toasts.done(|t: &Text| t.logo_removed);
            on_saved(saved);
            Ok(())
        });
    };
    let save_color = move |value: String| {
        let request = UpdateSettingsRequest {
            brand_color: Some(value),
            ..Default::default()
        };
        let refused = request.validate().err().unwrap_or_default();
        color_errors.send(send_color, refused, async move {
            let saved = api::settings::update(&request).await?;
            chosen.set(saved.brand_color.clone());
            if let Some(value) = &saved.brand_color {
                color.set(value.clone());
            } else {
                color.set(DEFAULT_BRAND_COLOR.to_owned());
            }
            if saved.brand_color.is_some() {
                toasts.done(|t: &Text| t.color_saved);
            } else {
                toasts.done(|t: &Text| t.color_cleared);
            }
            on_saved(saved);
            Ok(())
        });
    };
    let logo_message = move || {
        logo_errors.fields.with(|all| {
            all.iter()
                .find(|error| error.field == "logo")
                .map(|error| i18n.t().field_error(error))
        })
    };
    let color_message = move || {
        color_errors.fields.with(|all| {
            all.iter()
                .find(|error| error.field == "brand_color")
                .map(|error| i18n.t().field_error(error))
        })
    };
    view! {
        <section class="card branding" aria-labelledby="branding-title">
            <h2 id="branding-title">{tr(|t| t.step_branding)}</h2>
            <p class="hint">{tr(|t| t.branding_lead)}</p>
            <h3>{tr(|t| t.logo)}</h3>
            <div class="logo-preview" data-field="logo">
                {move || match logo.get() {
                    Some(url) => view! { <img src=url alt=move || i18n.t().logo_alt/> }.into_any(),
                    None => view! { <p class="hint">{tr(|t| t.no_logo)}</p> }.into_any(),
                }}
            </div>
            <FormAlert errors=logo_errors/>
            <Show when=move || editable.get()>
                <div class="field">
                    <label for="field-logo">{move || if logo.with(Option::is_some) { i18n.t().replace_logo } else { i18n.t().choose_logo }}</label>
                    <input id="field-logo" name="logo" type="file" accept="image/png,image/jpeg,image/webp"
                        aria-invalid=move || if logo_message().is_some() { "true" } else { "false" }
                        aria-describedby="field-logo-hint field-logo-error"
                        disabled=move || send_logo.pending().get()
                        on:change=upload/>
                    <p class="hint" id="field-logo-hint">{tr(|t| t.logo_hint)}</p>
                    <p class="field-error" id="field-logo-error">{logo_message}</p>
                </div>
                <Show when=move || logo.with(Option::is_some)>
                    <button class="button danger" type="button" data-action="remove-logo"
                        disabled=move || send_logo.pending().get()
                        on:click=move |_| removing.set(true)>{tr(|t| t.remove_logo)}</button>
                </Show>
            </Show>
            <Show when=move || removing.get()>
                <Confirm question=i18n.t().remove_logo_question.to_owned() confirm_label=i18n.t().remove_logo cancel_label=i18n.t().cancel
                    busy=send_logo.pending() on_confirm=remove on_cancel=move || removing.set(false)/>
            </Show>
            <form class="form" novalidate=true on:submit=move |ev: SubmitEvent| {
                ev.prevent_default();
                save_color(color.get_untracked());
            }>
                <FormAlert errors=color_errors/>
                <fieldset class="plain" disabled=move || !editable.get()>
                    <div class="field color-field">
                        <label for="field-brand_color">{tr(|t| t.brand_color)}</label>
                        <input id="field-brand_color" name="brand_color" type="color"
                            aria-invalid=move || if color_message().is_some() { "true" } else { "false" }
                            aria-describedby="field-brand_color-hint field-brand_color-error"
                            prop:value=move || color.get()
                            on:input=move |ev| color.set(event_target_value(&ev))/>
                        <output for="field-brand_color" class="badge">{move || color.get()}</output>
                        <Show when=move || chosen.get().unwrap_or_else(|| DEFAULT_BRAND_COLOR.to_owned()) != color.get()>
                            <span class="badge">{tr(|t| t.unsaved)}</span>
                        </Show>
                        <p class="hint" id="field-brand_color-hint">
                            {move || if chosen.with(Option::is_none) { i18n.t().no_brand_color } else { i18n.t().brand_color_hint }}
                        </p>
                        <p class="field-error" id="field-brand_color-error">{color_message}</p>
                    </div>
                </fieldset>
                <Show when=move || editable.get()>
                    <div class="page-actions">
                        <button class="button primary" type="submit" disabled=move || send_color.pending().get()>
                            {move || if send_color.pending().get() { i18n.t().saving } else { i18n.t().save_color }}
                        </button>
                        <Show when=move || chosen.with(Option::is_some)>
                            <button class="button" type="button" data-action="clear-color"
                                disabled=move || send_color.pending().get()
                                on:click=move |_| save_color(String::new())>{tr(|t| t.clear_color)}</button>
                        </Show>
                    </div>
                </Show>
            </form>
        </section>
    }
}
