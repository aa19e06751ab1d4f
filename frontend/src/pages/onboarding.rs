//! The onboarding (note 001 §A1): five steps — Establishment, Tables, Branding, Menu,
//! Launch — kept by the server per restaurant, so a person who leaves resumes at the
//! first step not done. The tables step offers the three modes: the complete
//! configuration (the tables page), the minimum (zones and a number of tables each,
//! numbered by the server) and "configure later" (one "Salle principale", SAL-1…N).

use brigade_domain::floor::{CreateZoneRequest, Zone, DEFAULT_CAPACITY, MAX_TABLES_PER_REQUEST};
use brigade_domain::menu::{
    Category, CreateCategoryRequest, CreateProductRequest, PRODUCT_NAME_MAX,
};
use brigade_domain::onboarding::{OnboardingProgress, OnboardingStep};
use brigade_domain::settings::RestaurantSettings;
use brigade_domain::validation::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use uuid::Uuid;

use super::establishment::{BrandingCard, EstablishmentCard, OpeningHoursCard};
use super::menu::read_amount;
use crate::api::{self, ApiError};
use crate::components::{
    use_toasts, FormAlert, FormErrors, Glyph, Icon, LabelledInput, Loaded, PageHeader,
};
use crate::i18n::{tr, use_i18n, Text, TextFn};
use crate::mutation::{mutation, run};

/// What the onboarding shows, read together.
#[derive(Debug, Clone, PartialEq)]
struct Setup {
    progress: OnboardingProgress,
    settings: RestaurantSettings,
    zones: Vec<Zone>,
}

async fn setup() -> Result<Setup, ApiError> {
    let (progress, settings, zones) = futures::join!(
        api::onboarding::progress(),
        api::settings::settings(),
        api::floor::zones()
    );
    Ok(Setup {
        progress: progress?,
        settings: settings?,
        zones: zones?,
    })
}

fn step_title(step: OnboardingStep) -> TextFn {
    match step {
        OnboardingStep::Establishment => |t: &Text| t.establishment,
        OnboardingStep::Tables => |t: &Text| t.step_tables,
        OnboardingStep::Branding => |t: &Text| t.step_branding,
        OnboardingStep::Menu => |t: &Text| t.step_menu,
        OnboardingStep::Launch => |t: &Text| t.step_launch,
    }
}

#[component]
pub fn OnboardingPage() -> impl IntoView {
    let i18n = use_i18n();
    let resource = LocalResource::new(setup);
    let shown = RwSignal::new(None::<OnboardingStep>);
    let title = Signal::derive(move || i18n.t().onboarding.to_owned());
    view! {
        <div class="page" data-page="onboarding">
            <PageHeader title=title lead=|t: &Text| t.onboarding_lead/>
            <Loaded resource=resource children=move |setup: Setup| {
                if shown.get_untracked().is_none() {
                    shown.set(Some(setup.progress.current.unwrap_or(OnboardingStep::Launch)));
                }
                view! { <Steps setup shown reload=move || resource.refetch()/> }
            }/>
        </div>
    }
}

#[component]
fn Steps(
    setup: Setup,
    shown: RwSignal<Option<OnboardingStep>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let Setup {
        progress,
        settings,
        zones,
    } = setup;
    let done = StoredValue::new(progress.steps.clone());
    let is_done = move |step| done.with_value(|all| all.iter().any(|s| s.step == step && s.done));
    let toasts = use_toasts();
    let finish = mutation();
    // Marks `step` done on the server, then shows the next step.
    let complete = move |step: OnboardingStep| {
        run(finish, async move {
            let progress = api::onboarding::complete(step).await?;
            let next = OnboardingStep::ALL
                .into_iter()
                .skip_while(|s| *s != step)
                .nth(1)
                .or(progress.current);
            shown.set(next.or(Some(step)));
            reload();
            Ok(())
        });
    };
    let nav = OnboardingStep::ALL
        .into_iter()
        .enumerate()
        .map(|(at, step)| {
            view! {
                <li>
                    <button type="button" class="step" data-step=step.as_str()
                        class:done=move || is_done(step)
                        aria-current=move || (shown.get() == Some(step)).then_some("step")
                        on:click=move |_| shown.set(Some(step))>
                        <span class="step-number" aria-hidden="true">
                            {move || if is_done(step) { "✓".to_owned() } else { (at + 1).to_string() }}
                        </span>
                        <span>{tr(step_title(step))}</span>
                        <span class="sr-only">{move || if is_done(step) { i18n.t().step_done } else { "" }}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    let settings = StoredValue::new(settings);
    // What a step saved is what the others show when the person comes back to it.
    let keep = move |saved: RestaurantSettings| settings.set_value(saved);
    let zones = StoredValue::new(zones);
    let body = move || {
        match shown.get().unwrap_or(OnboardingStep::Establishment) {
        OnboardingStep::Establishment => view! {
            <div class="card-grid settings-grid">
                <EstablishmentCard settings=settings.get_value() on_saved=keep/>
                <OpeningHoursCard ranges=settings.get_value().opening_hours on_saved=keep/>
            </div>
            <StepFooter step=OnboardingStep::Establishment pending=finish.pending() on_next=complete/>
        }
        .into_any(),
        OnboardingStep::Tables => view! {
            <TablesStep zones=zones.get_value() on_done=move || complete(OnboardingStep::Tables) pending=finish.pending()/>
        }
        .into_any(),
        OnboardingStep::Branding => view! {
            <BrandingCard settings=settings.get_value() on_saved=keep/>
            <StepFooter step=OnboardingStep::Branding pending=finish.pending() on_next=complete/>
        }
        .into_any(),
        OnboardingStep::Menu => view! {
            <MenuStep exponent=settings.with_value(|s| s.currency_exponent)
                on_done=move || complete(OnboardingStep::Menu)/>
            <StepFooter step=OnboardingStep::Menu pending=finish.pending() on_next=complete skip=true/>
        }
        .into_any(),
        OnboardingStep::Launch => {
            let navigate = use_navigate();
            let launch = mutation();
            let pending = launch.pending();
            let errors = FormErrors::new();
            let go = move |ev: SubmitEvent| {
                ev.prevent_default();
                let navigate = navigate.clone();
                errors.send(launch, Vec::new(), async move {
                    api::onboarding::complete(OnboardingStep::Launch).await?;
                    toasts.done(|t: &Text| t.launched);
                    navigate("/", NavigateOptions::default());
                    Ok(())
                });
            };
            let s = settings.get_value();
            let (zone_count, table_count) = zones.with_value(|all| {
                (all.len(), all.iter().map(|z| z.active_tables).sum::<u32>())
            });
            view! {
                <section class="card" aria-labelledby="launch-title">
                    <h2 id="launch-title">{tr(|t| t.step_launch)}</h2>
                    <dl class="facts">
                        <dt>{tr(|t| t.restaurant_name)}</dt><dd>{s.name.clone()}</dd>
                        <dt>{tr(|t| t.time_zone)}</dt><dd>{s.time_zone.replace('_', " ")}</dd>
                        <dt>{tr(|t| t.currency)}</dt><dd>{s.currency.clone()}</dd>
                        <dt>{tr(|t| t.zones_title)}</dt><dd data-field="zones">{zone_count}</dd>
                        <dt>{tr(|t| t.active_tables)}</dt><dd data-field="tables">{table_count}</dd>
                    </dl>
                    <p><a class="button" href="/admin/settings/tables/qr">{tr(|t| t.print_qr_sheet)}</a></p>
                    <form class="form" novalidate=true on:submit=go>
                        <FormAlert errors=errors/>
                        <button class="button primary" type="submit" data-action="launch" disabled=move || pending.get()>
                            {tr(|t| t.launch)}
                        </button>
                    </form>
                </section>
            }
            .into_any()
        }
    }
    };
    view! {
        <nav class="stepper" aria-label=move || i18n.t().onboarding>
            <ol>{nav}</ol>
        </nav>
        {body}
    }
}

/// "Next" (or "Skip") under a step.
#[component]
fn StepFooter(
    step: OnboardingStep,
    #[prop(into)] pending: Signal<bool>,
    on_next: impl Fn(OnboardingStep) + Copy + Send + Sync + 'static,
    #[prop(optional)] skip: bool,
) -> impl IntoView {
    view! {
        <div class="step-footer">
            <button class=if skip { "button" } else { "button primary" } type="button" data-action="next-step"
                disabled=move || pending.get()
                on:click=move |_| on_next(step)>
                {tr(if skip { |t: &Text| t.skip_step } else { |t: &Text| t.next_step })}

            </button>
        </div>
    }
}

/// The tables step's three modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Complete,
    Minimum,
    Later,
}

/// A zone of the minimum configuration, being written.
#[derive(Debug, Clone, Copy)]
struct ZoneDraft {
    key: u32,
    name: RwSignal<String>,
    tables: RwSignal<String>,
}

#[component]
fn TablesStep(
    zones: Vec<Zone>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
    #[prop(into)] pending: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_zones = !zones.is_empty();
    let mode = RwSignal::new(if has_zones {
        Mode::Complete
    } else {
        Mode::Minimum
    });
    let summary = zones
        .iter()
        .map(|zone| {
            let line = format!("{} ({}) — {}", zone.name, zone.prefix, zone.active_tables);
            view! { <li>{line}</li> }
        })
        .collect_view();
    let choice = move |value: Mode, title: TextFn, lead: TextFn, key: &'static str| {
        view! {
            <label class="mode-option" class:selected=move || mode.get() == value>
                <input type="radio" name="tables-mode" value=key
                    prop:checked=move || mode.get() == value
                    on:change=move |_| mode.set(value)/>
                <span class="mode-title">{tr(title)}</span>
                <span class="hint">{tr(lead)}</span>
            </label>
        }
    };
    view! {
        <section class="card" aria-labelledby="tables-step-title">
            <h2 id="tables-step-title">{tr(|t| t.step_tables)}</h2>
            {has_zones.then(|| view! {
                <p>{tr(|t| t.floor_so_far)}</p>
                <ul class="floor-summary" data-field="floor-summary">{summary}</ul>
            })}
            <fieldset class="modes">
                <legend>{tr(|t| t.tables_mode)}</legend>
                {choice(Mode::Complete, |t| t.mode_complete, |t| t.mode_complete_lead, "complete")}
                {choice(Mode::Minimum, |t| t.mode_minimum, |t| t.mode_minimum_lead, "minimum")}
                {(!has_zones).then(|| choice(Mode::Later, |t| t.mode_later, |t| t.mode_later_lead, "later"))}
            </fieldset>
            {move || match mode.get() {
                Mode::Complete => view! {
                    <p><a class="button" href="/admin/settings/tables">{tr(|t| t.open_tables_page)}</a></p>
                    <div class="step-footer">
                        <button class="button primary" type="button" data-action="next-step"
                            disabled=move || pending.get() || !has_zones
                            on:click=move |_| on_done()>
                            {tr(|t| t.next_step)}
                        </button>
                    </div>
                    {(!has_zones).then(|| view! { <p class="hint">{tr(|t| t.add_a_zone_first)}</p> })}
                }
                .into_any(),
                Mode::Minimum => view! { <MinimumForm on_done/> }.into_any(),
                Mode::Later => view! { <LaterForm on_done/> }.into_any(),
            }}
        </section>
        <p class="sr-only" aria-live="polite">{move || match mode.get() {
            Mode::Complete => i18n.t().mode_complete,
            Mode::Minimum => i18n.t().mode_minimum,
            Mode::Later => i18n.t().mode_later,
        }}</p>
    }
}

/// Zones and a number of tables each; the server numbers them.
#[component]
fn MinimumForm(on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let next_key = StoredValue::new(0u32);
    let draft = move |name: &str, tables: &str| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        ZoneDraft {
            key,
            name: RwSignal::new(name.to_owned()),
            tables: RwSignal::new(tables.to_owned()),
        }
    };
    let drafts = RwSignal::new(vec![draft("", "8")]);
    let errors = FormErrors::new();
    let save = mutation();
    let pending = save.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let rows = drafts.get_untracked();
        let requests: Vec<(u32, CreateZoneRequest)> = rows
            .iter()
            .map(|row| {
                (
                    row.key,
                    CreateZoneRequest {
                        name: row.name.get_untracked(),
                        prefix: None,
                        tables: Some(row.tables.get_untracked().trim().parse().unwrap_or(-1)),
                        capacity: Some(i64::from(DEFAULT_CAPACITY)),
                    },
                )
            })
            .collect();
        // Refusals name the row: `zones[1].name`.
        let refused: Vec<_> = requests
            .iter()
            .enumerate()
            .flat_map(|(at, (_, request))| {
                request
                    .validate()
                    .err()
                    .unwrap_or_default()
                    .into_iter()
                    .map(move |mut error| {
                        error.field = format!("zones[{at}].{}", error.field);
                        error
                    })
            })
            .collect();
        errors.send(save, refused, async move {
            for (key, request) in requests {
                api::floor::create_zone(&request).await?;
                // A zone made is not made again when the form is sent after a failure.
                drafts.update(|all| all.retain(|row| row.key != key));
            }
            on_done();
            Ok(())
        });
    };
    let error_of = move |key: u32, field: &'static str| {
        let at = drafts.with(|all| all.iter().position(|row| row.key == key))?;
        let name = format!("zones[{at}].{field}");
        errors.fields.with(|all| {
            all.iter().find(|e| e.field == name).map(|e| {
                let mut plain = e.clone();
                plain.field = field.to_owned();
                i18n.t().field_error(&plain)
            })
        })
    };
    view! {
        <form class="form" novalidate=true on:submit=submit data-form="minimum">
            <FormAlert errors=errors/>
            <ul class="zone-drafts">
                <For each=move || drafts.get() key=|row| row.key let:row>
                    <li class="zone-draft">
                        <div class="field">
                            <label for=format!("draft-name-{}", row.key)>{tr(|t| t.zone_name)}</label>
                            <input id=format!("draft-name-{}", row.key) name="zone-name" required=true
                                                                prop:value=move || row.name.get()
                                on:input=move |ev| row.name.set(event_target_value(&ev))/>
                            <p class="field-error">{move || error_of(row.key, "name")}</p>
                        </div>
                        <div class="field narrow">
                            <label for=format!("draft-tables-{}", row.key)>{tr(|t| t.table_count_label)}</label>
                            <input id=format!("draft-tables-{}", row.key) name="zone-tables" type="number"
                                min="1" max=MAX_TABLES_PER_REQUEST.to_string() inputmode="numeric"
                                prop:value=move || row.tables.get()
                                on:input=move |ev| row.tables.set(event_target_value(&ev))/>
                            <p class="field-error">{move || error_of(row.key, "tables")}</p>
                        </div>
                        <Show when=move || drafts.with(|all| all.len() > 1)>
                            <button class="button ghost" type="button" data-action="remove-zone-draft"
                                on:click=move |_| drafts.update(|all| all.retain(|r| r.key != row.key))>
                                {tr(|t| t.remove_range)}
                            </button>
                        </Show>
                    </li>
                </For>
            </ul>
            <button class="button" type="button" data-action="add-zone-draft"
                on:click=move |_| { let row = draft("", "4"); drafts.update(|all| all.push(row)); }>
                <Glyph icon=Icon::Plus/>{tr(|t| t.add_zone)}
            </button>
            <div class="step-footer">
                <button class="button primary" type="submit" data-action="create-zones" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t().saving } else { i18n.t().create_and_continue }}
                </button>
            </div>
        </form>
    }
}

/// "Configure later": one zone "Salle principale" with the sign-up's table count.
#[component]
fn LaterForm(on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let errors = FormErrors::new();
    let save = mutation();
    let pending = save.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        errors.send(save, Vec::new(), async move {
            api::onboarding::tables_later().await?;
            on_done();
            Ok(())
        });
    };
    view! {
        <form class="form" novalidate=true on:submit=submit data-form="later">
            <FormAlert errors=errors/>
            <p>{tr(|t| t.mode_later_detail)}</p>
            <div class="step-footer">
                <button class="button primary" type="submit" data-action="configure-later" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t().saving } else { i18n.t().create_and_continue }}
                </button>
            </div>
        </form>
    }
}

/// A product of the menu step, being written.
#[derive(Debug, Clone, Copy)]
struct ProductDraft {
    key: u32,
    name: RwSignal<String>,
    price: RwSignal<String>,
}

/// Refusals of one request, named after their place in the form (`products[1].price`).
fn placed(errors: Vec<FieldError>, prefix: &str) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut error| {
            error.field = format!("{prefix}.{}", error.field);
            error
        })
        .collect()
}

/// The menu step: a first category and a few products (name and price), or "Skip".
#[component]
fn MenuStep(exponent: u8, on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let existing = LocalResource::new(api::menu::categories);
    let next_key = StoredValue::new(0u32);
    let draft = move || {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        ProductDraft {
            key,
            name: RwSignal::new(String::new()),
            price: RwSignal::new(String::new()),
        }
    };
    let drafts = RwSignal::new(vec![draft(), draft()]);
    let category_name = RwSignal::new(String::new());
    // The category made by a first attempt, not made again by the next.
    let created = StoredValue::new(None::<Uuid>);
    let errors = FormErrors::new();
    let save = mutation();
    let pending = save.pending();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let category = CreateCategoryRequest {
            name: category_name.get_untracked(),
            description: None,
            is_active: None,
        };
        let mut refused = if created.get_value().is_none() {
            placed(category.validate().err().unwrap_or_default(), "category")
        } else {
            Vec::new()
        };
        let mut products = Vec::new();
        for (at, row) in drafts.get_untracked().iter().enumerate() {
            let (name, price) = (row.name.get_untracked(), row.price.get_untracked());
            if name.trim().is_empty() && price.trim().is_empty() {
                continue;
            }
            let prefix = format!("products[{at}]");
            let minor = match read_amount(&price, exponent, "price") {
                Ok(minor) => minor,
                Err(error) => {
                    refused.extend(placed(vec![error], &prefix));
                    0
                }
            };
            let request = CreateProductRequest {
                category_id: Uuid::nil(),
                name,
                description: None,
                price: Some(minor),
                variants: None,
                modifier_groups: None,
                tax_rate: None,
                allergens: None,
                dietary: None,
                station: None,
                is_active: None,
            };
            refused.extend(placed(
                request.validate().err().unwrap_or_default(),
                &prefix,
            ));
            products.push((row.key, request));
        }
        errors.send(save, refused, async move {
            let category_id = match created.get_value() {
                Some(id) => id,
                None => {
                    let made = api::menu::create_category(&category)
                        .await
                        .map_err(|e| e.renamed_field("name", "category.name"))?;
                    created.set_value(Some(made.id));
                    made.id
                }
            };
            for (key, mut request) in products {
                request.category_id = category_id;
                api::menu::create_product(&request).await?;
                drafts.update(|all| all.retain(|row| row.key != key));
            }
            toasts.done(|t: &Text| t.menu_started);
            on_done();
            Ok(())
        });
    };
    let field_of = move |key: u32, part: &'static str| {
        Signal::derive(move || {
            let at = drafts
                .with(|all| all.iter().position(|row| row.key == key))
                .unwrap_or(0);
            format!("products[{at}].{part}")
        })
    };
    let so_far = move || {
        existing.get().and_then(|answer| answer.ok()).filter(|all: &Vec<Category>| !all.is_empty()).map(|all| {
            let count = all.len();
            view! {
                <p data-field="menu-so-far">{move || { let lang = i18n.lang.get(); lang.plural(lang.text().menu_so_far, count) }}</p>
                <p><a class="button" href="/menu">{tr(|t| t.open_menu_page)}</a></p>
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="menu-step-title">
            <h2 id="menu-step-title">{tr(|t| t.step_menu)}</h2>
            <p>{tr(|t| t.menu_step_lead)}</p>
            {so_far}
            <form class="form" novalidate=true on:submit=submit data-form="menu-step">
                <FormAlert errors=errors/>
                <LabelledInput id="first-category".into() label=|t: &Text| t.first_category value=category_name
                    errors field="category.name" placeholder="Boissons"/>
                <fieldset class="plain">
                    <legend>{tr(|t| t.first_products)}</legend>
                    <ul class="zone-drafts">
                        <For each=move || drafts.get() key=|row| row.key let:row>
                            <li class="zone-draft product-draft">
                                <LabelledInput id=format!("draft-product-{}", row.key) label=|t: &Text| t.product_name
                                    value=row.name errors field=field_of(row.key, "name") max=PRODUCT_NAME_MAX/>
                                <LabelledInput id=format!("draft-price-{}", row.key) label=|t: &Text| t.price
                                    value=row.price errors field=field_of(row.key, "price") inputmode="decimal" class="narrow"/>
                                <Show when=move || drafts.with(|all| all.len() > 1)>
                                    <button class="button ghost" type="button" data-action="remove-product-draft"
                                        on:click=move |_| drafts.update(|all| all.retain(|r| r.key != row.key))>
                                        {tr(|t| t.remove)}
                                    </button>
                                </Show>
                            </li>
                        </For>
                    </ul>
                </fieldset>
                <button class="button" type="button" data-action="add-product-draft"
                    on:click=move |_| { let row = draft(); drafts.update(|all| all.push(row)); }>
                    <Glyph icon=Icon::Plus/>{tr(|t| t.add_product_row)}
                </button>
                <div class="step-footer">
                    <button class="button primary" type="submit" data-action="create-menu" disabled=move || pending.get()>
                        {move || if pending.get() { i18n.t().saving } else { i18n.t().create_and_continue }}
                    </button>
                </div>
            </form>
        </section>
    }
}
