//! The stock (note 000 §4, note 001 `inventory.*`): every item (a product's variant)
//! with its quantity, threshold and state, filtered to all, low, out or untracked; for
//! `inventory.edit`, a movement (restock, recount, sale, return, waste with its reason)
//! and the tracking settings (threshold, auto-86); and an item's ledger, newest first.

use brigade_domain::menu::{StockState, DEFAULT_THRESHOLD};
use brigade_domain::permissions::code;
use brigade_domain::stock::{
    MovementKind, MovementRequest, StockItem, StockMovement, StockSettingsRequest, REASON_MAX,
};
use brigade_domain::validation::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{
    use_toasts, EmptyState, FieldMessage, FormAlert, FormErrors, LabelledInput, Loaded, Modal,
    PageHeader, Toolbar,
};
use crate::format;
use crate::i18n::{tr, use_i18n, Text, TextFn};
use crate::live::use_live;
use crate::mutation::mutation;
use crate::session::use_session;

/// The list's filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    All,
    Low,
    Out,
    Untracked,
}

impl Filter {
    const ALL: [Filter; 4] = [Filter::All, Filter::Low, Filter::Out, Filter::Untracked];

    fn param(self) -> Option<&'static str> {
        match self {
            Filter::All => None,
            Filter::Low => Some("low"),
            Filter::Out => Some("out"),
            Filter::Untracked => Some("untracked"),
        }
    }

    fn label(self) -> TextFn {
        match self {
            Filter::All => |t| t.stock_all,
            Filter::Low => |t| t.stock_low,
            Filter::Out => |t| t.stock_out,
            Filter::Untracked => |t| t.untracked,
        }
    }
}

fn kind_label(kind: MovementKind) -> TextFn {
    match kind {
        MovementKind::Restock => |t| t.kind_restock,
        MovementKind::Recount => |t| t.kind_recount,
        MovementKind::Sale => |t| t.kind_sale,
        MovementKind::Return => |t| t.kind_return,
        MovementKind::Waste => |t| t.kind_waste,
    }
}

const KINDS: [MovementKind; 5] = [
    MovementKind::Restock,
    MovementKind::Recount,
    MovementKind::Waste,
    MovementKind::Sale,
    MovementKind::Return,
];

fn item_name(item: &StockItem) -> String {
    match &item.variant_name {
        Some(variant) => format!("{} — {variant}", item.product_name),
        None => item.product_name.clone(),
    }
}

/// What a dialog of the page is open on.
#[derive(Debug, Clone)]
enum Open {
    Movement(StockItem, MovementKind),
    Tracking(StockItem),
    Ledger(StockItem),
}

#[component]
pub fn StockPage() -> impl IntoView {
    let i18n = use_i18n();
    let live = use_live();
    let filter = RwSignal::new(Filter::All);
    let resource = LocalResource::new(move || api::stock::items(filter.get().param()));
    // A stock alert received: the list is read again.
    Effect::new(move |seen: Option<u64>| {
        let now = live.received.get();
        if seen.is_some_and(|seen| seen != now) {
            resource.refetch();
        }
        now
    });
    let title = Signal::derive(move || i18n.t().stock_title.to_owned());
    let chips = Filter::ALL
        .into_iter()
        .map(|which| {
            view! {
                <button type="button" class="chip filter-chip" data-filter=format!("{which:?}").to_lowercase()
                    aria-pressed=move || (filter.get() == which).to_string()
                    on:click=move |_| filter.set(which)>{tr(which.label())}</button>
            }
        })
        .collect_view();
    view! {
        <div class="page wide" data-page="stock">
            <PageHeader title=title lead=|t: &Text| t.stock_lead>
                {use_session().holds(code::PRODUCTS_VIEW).then(|| view! {
                    <a class="button" href="/menu">{tr(|t| t.menu_title)}</a>
                })}
            </PageHeader>
            <Toolbar>
                <div class="chips" role="group" aria-label=tr(|t| t.filter_stock)>{chips}</div>
            </Toolbar>
            <Loaded resource=resource children={move |items: Vec<StockItem>| view! {
                <StockTable items reload=move || resource.refetch()/>
            }}/>
        </div>
    }
}

#[component]
fn StockTable(
    items: Vec<StockItem>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let edit = session.holds(code::INVENTORY_EDIT);
    let open = RwSignal::new(None::<Open>);
    if items.is_empty() {
        return view! { <EmptyState text=|t: &Text| t.no_stock_items/> }.into_any();
    }
    let rows = items
        .into_iter()
        .map(|item| view! { <StockRow item edit open/> })
        .collect_view();
    view! {
        <table class="data-table stock-table">
            <thead>
                <tr>
                    <th scope="col">{tr(|t| t.item)}</th>
                    <th scope="col">{tr(|t| t.quantity)}</th>
                    <th scope="col">{tr(|t| t.threshold)}</th>
                    <th scope="col">{tr(|t| t.status)}</th>
                    <th scope="col"><span class="sr-only">{tr(|t| t.action)}</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {move || open.get().map(|what| {
            let close = move || open.set(None);
            match what {
                Open::Movement(item, kind) => view! { <MovementDialog item kind on_close=close on_saved=reload/> }.into_any(),
                Open::Tracking(item) => view! { <TrackingDialog item on_close=close on_saved=reload/> }.into_any(),
                Open::Ledger(item) => view! { <LedgerDialog item on_close=close/> }.into_any(),
            }
        })}
    }
    .into_any()
}

#[component]
fn StockRow(item: StockItem, edit: bool, open: RwSignal<Option<Open>>) -> impl IntoView {
    let name = item_name(&item);
    let state = match (item.tracked, item.state) {
        (false, _) | (true, None) => {
            view! { <span class="badge">{tr(|t| t.untracked)}</span> }.into_any()
        }
        (true, Some(StockState::Ok)) => {
            view! { <span class="badge success" data-state="ok">{tr(|t| t.stock_ok)}</span> }
                .into_any()
        }
        (true, Some(StockState::Low)) => {
            view! { <span class="badge low" data-state="low">{tr(|t| t.stock_low)}</span> }
                .into_any()
        }
        (true, Some(StockState::Out)) => {
            view! { <span class="badge warning" data-state="out">{tr(|t| t.stock_out)}</span> }
                .into_any()
        }
    };
    let quantity = item
        .quantity
        .filter(|_| item.tracked)
        .map_or_else(|| "—".to_owned(), |q| q.to_string());
    let threshold = if item.tracked {
        item.threshold.to_string()
    } else {
        "—".to_owned()
    };
    let tracked = item.tracked;
    let (a, b, c, d) = (item.clone(), item.clone(), item.clone(), item.clone());
    view! {
        <tr data-item=name.clone() class:inactive=!item.tracked>
            <td data-label=tr(|t| t.item)>
                <strong>{name.clone()}</strong>
                {(!item.available).then(|| view! { " " <span class="badge warning">{tr(|t| t.unavailable)}</span> })}
                {(tracked && item.auto_86).then(|| view! { " " <span class="badge-muted">{tr(|t| t.auto_86_short)}</span> })}
            </td>
            <td data-label=tr(|t| t.quantity) data-field="quantity">{quantity}</td>
            <td data-label=tr(|t| t.threshold) data-field="threshold">{threshold}</td>
            <td data-label=tr(|t| t.status)>{state}</td>
            <td class="row-actions" data-label=tr(|t| t.action)>
                {(edit && tracked).then(|| view! {
                    <button class="button primary" type="button" data-action="restock"
                        on:click=move |_| open.set(Some(Open::Movement(a.clone(), MovementKind::Restock)))>{tr(|t| t.restock)}</button>
                    <button class="button" type="button" data-action="movement"
                        on:click=move |_| open.set(Some(Open::Movement(b.clone(), MovementKind::Recount)))>{tr(|t| t.other_movement)}</button>
                })}
                {edit.then(|| view! {
                    <button class="button" type="button" data-action="tracking"
                        on:click=move |_| open.set(Some(Open::Tracking(c.clone())))>{tr(if tracked { |t: &Text| t.tracking } else { |t: &Text| t.start_tracking })}</button>
                })}
                {tracked.then(|| view! {
                    <button class="button ghost" type="button" data-action="ledger"
                        on:click=move |_| open.set(Some(Open::Ledger(d.clone())))>{tr(|t| t.ledger)}</button>
                })}
            </td>
        </tr>
    }
}

#[component]
fn MovementDialog(
    item: StockItem,
    kind: MovementKind,
    on_close: impl Fn() + Copy + Send + Sync + 'static,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let errors = FormErrors::new();
    let chosen = RwSignal::new(kind);
    let quantity = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let save = mutation();
    let id = item.id;
    let name = item_name(&item);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = quantity.get_untracked();
        let mut refused = Vec::new();
        let amount = typed.trim().parse::<i64>().unwrap_or_else(|_| {
            refused.push(FieldError::new(
                "quantity",
                "number",
                "Enter a whole number.",
            ));
            0
        });
        let why = reason.get_untracked();
        let request = MovementRequest {
            kind: chosen.get_untracked(),
            quantity: amount,
            reason: (!why.trim().is_empty()).then_some(why),
        };
        if refused.is_empty() {
            refused = request.validate().err().unwrap_or_default();
        }
        errors.send(save, refused, async move {
            api::stock::record(id, &request).await?;
            toasts.done(|t| t.movement_recorded);
            on_saved();
            on_close();
            Ok(())
        });
    };
    let title = Signal::derive(move || i18n.t().movement_of.replace("{name}", &name));
    let options = KINDS
        .into_iter()
        .map(|k| view! { <option value=k.as_str() selected=k == kind>{tr(kind_label(k))}</option> })
        .collect_view();
    let now = item.quantity.unwrap_or(0);
    view! {
        <Modal title id="movement-title" on_close focus="#movement-quantity">
            <form class="form" on:submit=submit novalidate data-form="movement">
                <FormAlert errors/>
                <p class="hint">{move || i18n.t().in_stock_now.replace("{n}", &now.to_string())}</p>
                <div class="field">
                    <label for="movement-kind">{tr(|t| t.movement_kind)}</label>
                    <select id="movement-kind" on:change=move |ev| {
                        if let Some(k) = MovementKind::parse(&event_target_value(&ev)) { chosen.set(k) }
                    }>{options}</select>
                </div>
                <LabelledInput id="movement-quantity".into()
                    label=|t: &Text| t.quantity value=quantity errors field="quantity" kind="number" inputmode="numeric"/>
                <p class="hint">{move || if chosen.get() == MovementKind::Recount { i18n.t().recount_hint } else { i18n.t().movement_hint }}</p>
                <LabelledInput id="movement-reason".into()
                    label=|t: &Text| t.reason value=reason errors field="reason" max=REASON_MAX/>
                <div class="form-actions">
                    <button class="button primary" type="submit" data-action="record" disabled=move || save.pending().get()>{tr(|t| t.record)}</button>
                    <button class="button" type="button" on:click=move |_| on_close()>{tr(|t| t.cancel)}</button>
                </div>
            </form>
        </Modal>
    }
}

#[component]
fn TrackingDialog(
    item: StockItem,
    on_close: impl Fn() + Copy + Send + Sync + 'static,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let errors = FormErrors::new();
    let tracked = RwSignal::new(true);
    let was_tracked = item.tracked;
    let threshold = RwSignal::new(if item.tracked {
        item.threshold.to_string()
    } else {
        DEFAULT_THRESHOLD.to_string()
    });
    let auto_86 = RwSignal::new(item.auto_86 || !item.tracked);
    let save = mutation();
    let id = item.id;
    let name = item_name(&item);
    let send = move |track: bool| {
        let mut refused = Vec::new();
        let limit = threshold.get_untracked().trim().parse::<i64>().ok();
        if track && limit.is_none() {
            refused.push(FieldError::new(
                "threshold",
                "number",
                "Enter a whole number.",
            ));
        }
        let request = StockSettingsRequest {
            tracked: track,
            threshold: if track { limit } else { None },
            auto_86: track.then(|| auto_86.get_untracked()),
        };
        if refused.is_empty() {
            refused = request.validate().err().unwrap_or_default();
        }
        tracked.set(track);
        errors.send(save, refused, async move {
            api::stock::settings(id, &request).await?;
            toasts.done(if track {
                |t: &Text| t.tracking_saved
            } else {
                |t: &Text| t.tracking_stopped
            });
            on_saved();
            on_close();
            Ok(())
        });
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        send(true);
    };
    let title = Signal::derive(move || i18n.t().tracking_of.replace("{name}", &name));
    view! {
        <Modal title id="tracking-title" on_close focus="#tracking-threshold">
            <form class="form" on:submit=submit novalidate data-form="tracking">
                <FormAlert errors/>
                <p class="hint">{tr(|t| t.tracking_lead)}</p>
                <LabelledInput id="tracking-threshold".into()
                    label=|t: &Text| t.low_stock_threshold value=threshold errors field="threshold" kind="number" inputmode="numeric"/>
                <label class="check">
                    <input type="checkbox" name="auto_86" prop:checked=move || auto_86.get()
                        on:change=move |ev| auto_86.set(event_target_checked(&ev))/>
                    <span>{tr(|t| t.auto_86)}</span>
                </label>
                <FieldMessage errors field="tracked"/>
                <div class="form-actions">
                    <button class="button primary" type="submit" data-action="save-tracking" disabled=move || save.pending().get()>
                        {tr(if was_tracked { |t: &Text| t.save } else { |t: &Text| t.start_tracking })}
                    </button>
                    {was_tracked.then(|| view! {
                        <button class="button danger" type="button" data-action="stop-tracking"
                            disabled=move || save.pending().get() on:click=move |_| send(false)>{tr(|t| t.stop_tracking)}</button>
                    })}
                    <button class="button" type="button" on:click=move |_| on_close()>{tr(|t| t.cancel)}</button>
                </div>
            </form>
        </Modal>
    }
}

/// How many rows of the ledger one page reads.
const LEDGER_PAGE: u32 = 50;

#[component]
fn LedgerDialog(
    item: StockItem,
    on_close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = item.id;
    let name = item_name(&item);
    let rows = RwSignal::new(Vec::<StockMovement>::new());
    let more = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(true);
    let load = move || {
        let offset = rows.with_untracked(|all| all.len() as u32);
        loading.set(true);
        leptos::task::spawn_local(async move {
            match api::stock::movements(id, LEDGER_PAGE, offset).await {
                Ok(page) => {
                    let _ = more.try_set(page.len() as u32 == LEDGER_PAGE);
                    let _ = rows.try_update(|all| all.extend(page));
                    let _ = failed.try_set(None);
                }
                Err(error) => {
                    let _ = failed.try_set(Some(error));
                }
            }
            let _ = loading.try_set(false);
        });
    };
    load();
    let title = Signal::derive(move || i18n.t().ledger_of.replace("{name}", &name));
    let body = move || {
        if let Some(error) = failed.get() {
            return view! {
                <div class="alert alert-error" role="alert">
                    <p>{error.message(i18n.t())}</p>
                    <button class="button" type="button" on:click=move |_| load()>{tr(|t| t.retry)}</button>
                </div>
            }
            .into_any();
        }
        if rows.with(Vec::is_empty) {
            return if loading.get() {
                view! { <p class="loading" role="status">{tr(|t| t.loading)}</p> }.into_any()
            } else {
                view! { <EmptyState text=|t: &Text| t.no_movements/> }.into_any()
            };
        }
        let lang = i18n.lang.get();
        let lines = rows
            .get()
            .into_iter()
            .map(|m| {
                let delta = if m.delta > 0 { format!("+{}", m.delta) } else { m.delta.to_string() };
                view! {
                    <tr data-kind=m.kind.as_str()>
                        <td data-label=tr(|t| t.when)>{format::date_time(m.created_at, lang)}</td>
                        <td data-label=tr(|t| t.actor)>{m.actor_name.clone().unwrap_or_else(|| "—".into())}</td>
                        <td data-label=tr(|t| t.movement_kind)>{tr(kind_label(m.kind))}</td>
                        <td data-label=tr(|t| t.change) data-field="delta">{delta}</td>
                        <td data-label=tr(|t| t.quantity_after) data-field="after">{m.quantity_after}</td>
                        <td data-label=tr(|t| t.reason)>{m.reason.clone().unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="data-table ledger">
                <thead>
                    <tr>
                        <th scope="col">{tr(|t| t.when)}</th>
                        <th scope="col">{tr(|t| t.actor)}</th>
                        <th scope="col">{tr(|t| t.movement_kind)}</th>
                        <th scope="col">{tr(|t| t.change)}</th>
                        <th scope="col">{tr(|t| t.quantity_after)}</th>
                        <th scope="col">{tr(|t| t.reason)}</th>
                    </tr>
                </thead>
                <tbody>{lines}</tbody>
            </table>
            {move || more.get().then(|| view! {
                <button class="button" type="button" disabled=move || loading.get() on:click=move |_| load()>{tr(|t| t.load_more)}</button>
            })}
        }
        .into_any()
    };
    view! {
        <Modal title id="ledger-title" on_close wide=true>
            <div class="ledger-body">{body}</div>
        </Modal>
    }
}
