//! The restaurant's journal (note 000 §2), newest first: each entry as a sentence in
//! the reader's language ("Le 01/07 à 18h02 — Léa Martin a modifié le rôle Barman"),
//! its actor by name and role, and what changed, before and after. Filters by member,
//! action, kind of thing and dates; security and session events behind their own
//! filter; the filtered entries as CSV; and a check of the tamper-evident chain. Needs
//! `audit.view`.

use brigade_domain::api::AuditEntry;
use brigade_domain::journal;
use brigade_domain::live::ChainCheck;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::api;
use crate::components::{PageHeader, PagedList, Toolbar};
use crate::i18n::{tr, use_i18n, Lang, Text};
use crate::mutation::{failure, mutation, run};

/// The kinds of thing the journal speaks of, for the filter.
const ENTITIES: &[&str] = &[
    "membership",
    "invitation",
    "custom_role",
    "role_override",
    "zone",
    "table",
    "service",
    "menu",
    "category",
    "product",
    "stock_item",
    "restaurant",
    "message",
    "account",
    "session",
];

fn entity_label(entity: &str, t: &Text) -> &'static str {
    match entity {
        "membership" => t.entity_member,
        "invitation" => t.entity_invitation,
        "custom_role" => t.entity_custom_role,
        "role_override" => t.entity_system_role,
        "zone" => t.entity_zone,
        "table" => t.entity_table,
        "service" => t.entity_service,
        "menu" => t.entity_menu,
        "category" => t.entity_category,
        "product" => t.entity_product,
        "stock_item" => t.entity_stock_item,
        "restaurant" => t.entity_restaurant,
        "message" => t.entity_message,
        "account" => t.entity_account,
        _ => t.entity_session,
    }
}

/// A value as the table shows it.
fn shown(value: &Value) -> String {
    match value {
        Value::Null => "—".into(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// What changed: each field of `before` and `after` whose value differs.
fn changes(before: Option<&Value>, after: Option<&Value>) -> Vec<(String, String, String)> {
    let empty = serde_json::Map::new();
    let fields = |value: Option<&Value>| match value {
        Some(Value::Object(map)) => map.clone(),
        Some(other) => {
            let mut map = serde_json::Map::new();
            map.insert("value".into(), other.clone());
            map
        }
        None => empty.clone(),
    };
    let (before, after) = (fields(before), fields(after));
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| {
            let old = before.get(key).unwrap_or(&Value::Null);
            let new = after.get(key).unwrap_or(&Value::Null);
            (old != new).then(|| (key.clone(), shown(old), shown(new)))
        })
        .collect()
}

fn journal_table(entries: Vec<AuditEntry>, lang: Lang) -> AnyView {
    let t = lang.text();
    let rows = entries
        .into_iter()
        .map(|entry| {
            let changed = changes(entry.before.as_ref(), entry.after.as_ref());
            let actor = match (&entry.actor_name, &entry.actor_role) {
                (Some(name), Some(role)) => {
                    let role = role
                        .parse::<brigade_domain::permissions::SystemRole>()
                        .map(|r| lang.pick(r.labels()).to_owned())
                        .unwrap_or_else(|_| role.clone());
                    format!("{name} ({role})")
                }
                (Some(name), None) => name.clone(),
                _ => "—".into(),
            };
            let details = (!changed.is_empty()).then(|| {
                let lines = changed
                    .into_iter()
                    .map(|(field, old, new)| {
                        view! {
                            <tr><th scope="row">{field}</th><td>{old}</td><td>{new}</td></tr>
                        }
                    })
                    .collect_view();
                view! {
                    <details>
                        <summary>{t.before_after}</summary>
                        <table class="changes">
                            <thead><tr><th scope="col">{t.field}</th><th scope="col">{t.before}</th><th scope="col">{t.after}</th></tr></thead>
                            <tbody>{lines}</tbody>
                        </table>
                    </details>
                }
            });
            view! {
                <tr data-action=entry.action.clone()>
                    <td data-label=t.what_happened class="sentence">
                        {entry.sentence.clone()}
                        {entry.security.then(|| view! { <span class="badge-muted">{t.security_event}</span> })}
                    </td>
                    <td data-label=t.actor>{actor}</td>
                    <td data-label=t.change_details>{details}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table journal">
            <thead>
                <tr>
                    <th scope="col">{t.what_happened}</th>
                    <th scope="col">{t.actor}</th>
                    <th scope="col">{t.change_details}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// "a ajouté … à l'équipe" → "A ajouté … à l'équipe".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn encoded(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

/// Offers `text` as a file to download.
fn download(text: &str, name: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(anchor) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let offset = RwSignal::new(0_u64);
    let member = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let entity = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let security = RwSignal::new(false);
    let query = Memo::new(move |_| {
        let mut parts = vec![format!("lang={}", i18n.lang.get().code())];
        let (start, end) = (from.get(), to.get());
        // Dates out of order are said on the page, not sent.
        let reversed = !start.is_empty() && !end.is_empty() && end < start;
        let (start, end) = if reversed {
            (String::new(), String::new())
        } else {
            (start, end)
        };
        for (name, value) in [
            ("member", member.get()),
            ("action", action.get()),
            ("entity", entity.get()),
            ("from", start),
            ("to", end),
        ] {
            if !value.is_empty() {
                parts.push(format!("{name}={}", encoded(&value)));
            }
        }
        if security.get() {
            parts.push("security=true".into());
        }
        parts.join("&")
    });
    // A new filter starts from the first page.
    Effect::new(move |_| {
        query.track();
        offset.set(0);
    });
    let dates_reversed = Memo::new(move |_| {
        let (from, to) = (from.get(), to.get());
        !from.is_empty() && !to.is_empty() && to < from
    });
    let filtered = Memo::new(move |_| {
        !(member.get().is_empty()
            && action.get().is_empty()
            && entity.get().is_empty()
            && from.get().is_empty()
            && to.get().is_empty())
    });
    let page = LocalResource::new(move || {
        let (offset, query) = (offset.get(), query.get());
        async move { api::audit::page(offset, &query).await }
    });
    let clear = move |_| {
        for filter in [member, action, entity, from, to] {
            filter.set(String::new());
        }
    };
    let members = LocalResource::new(|| async { api::team::members("", None, None, 0).await });
    let exporting = mutation();
    let export = move |_| {
        run(exporting, async move {
            let csv = api::audit::export(&query.get_untracked()).await?;
            let today = js_sys::Date::new_0()
                .to_iso_string()
                .as_string()
                .unwrap_or_default();
            download(
                &csv,
                &format!("brigade-audit-{}.csv", today.get(..10).unwrap_or("")),
            );
            Ok(())
        })
    };
    let checking = mutation();
    let check = RwSignal::new(None::<ChainCheck>);
    let verify = move |_| {
        run(checking, async move {
            check.set(Some(api::audit::verify().await?));
            Ok(())
        })
    };
    let action_choices = move || {
        let lang = i18n.lang.get();
        journal::actions()
            .map(|name| {
                let label = capitalised(&journal::phrase(lang.mail_language(), name, Some("…")));
                view! { <option value=name>{label}</option> }
            })
            .collect_view()
    };
    let member_choices = move || {
        members.get().and_then(Result::ok).map(|page| {
            page.items
                .into_iter()
                .map(|m| view! { <option value=m.id.to_string()>{m.name.clone()}</option> })
                .collect_view()
        })
    };
    view! {
        <div class="page" data-page="audit">
            <PageHeader title=Signal::derive(move || tr(|t| t.audit)().to_owned()) lead=|t: &Text| t.audit_card>
                <button class="button" type="button" disabled=move || exporting.pending().get() on:click=export>
                    {tr(|t| t.export_csv)}
                </button>
                <button class="button" type="button" disabled=move || checking.pending().get() on:click=verify>
                    {tr(|t| t.verify_chain)}
                </button>
            </PageHeader>
            {move || {
                let t = i18n.t();
                check.get().map(|check| match check.first_broken {
                    None => view! {
                        <p class="alert alert-success" role="status" data-chain="intact">
                            {i18n.lang.get().plural(t.chain_intact, check.checked as usize)}
                        </p>
                    }.into_any(),
                    Some(broken) => view! {
                        <p class="alert alert-error" role="alert" data-chain="broken">
                            {t.chain_broken.replace("{seq}", &broken.seq.to_string()).replace("{reason}", match broken.reason.as_str() {
                                "altered" => t.chain_altered,
                                "unlinked" => t.chain_unlinked,
                                _ => t.chain_missing,
                            })}
                        </p>
                    }.into_any(),
                })
            }}
            {move || failure(exporting).or_else(|| failure(checking)).map(|error| view! {
                <p class="alert alert-error" role="alert">{error.message(i18n.t())}</p>
            })}
            <Toolbar>
                <label class="field-inline">
                    <span>{tr(|t| t.member)}</span>
                    <select name="member" prop:value=move || member.get() on:change=move |ev| member.set(event_target_value(&ev))>
                        <option value="">{tr(|t| t.everyone)}</option>
                        {member_choices}
                    </select>
                </label>
                <label class="field-inline">
                    <span>{tr(|t| t.action)}</span>
                    <select name="action" prop:value=move || action.get() on:change=move |ev| action.set(event_target_value(&ev))>
                        <option value="">{tr(|t| t.all_actions)}</option>
                        {action_choices}
                    </select>
                </label>
                <label class="field-inline">
                    <span>{tr(|t| t.concerning)}</span>
                    <select name="entity" prop:value=move || entity.get() on:change=move |ev| entity.set(event_target_value(&ev))>
                        <option value="">{tr(|t| t.all_subjects)}</option>
                        {move || ENTITIES.iter().map(|e| view! { <option value=*e>{entity_label(e, i18n.t())}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field-inline">
                    <span>{tr(|t| t.from_date)}</span>
                    <input type="date" name="from" prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev))/>
                </label>
                <label class="field-inline">
                    <span>{tr(|t| t.to_date)}</span>
                    <input type="date" name="to" prop:value=move || to.get() aria-invalid=move || dates_reversed.get().then_some("true") on:change=move |ev| to.set(event_target_value(&ev))/>
                </label>
                <label class="check">
                    <input type="checkbox" name="security" on:change=move |ev| security.set(event_target_checked(&ev))/>
                    <span>{tr(|t| t.security_events)}</span>
                </label>
                <Show when=move || filtered.get()>
                    <button class="button" type="button" on:click=clear>{tr(|t| t.clear_filters)}</button>
                </Show>
            </Toolbar>
            {move || {
                if dates_reversed.get() {
                    view! { <p class="alert alert-error" role="alert">{tr(|t| t.dates_reversed)}</p> }.into_any()
                } else if filtered.get() {
                    view! { <PagedList page=page offset=offset empty=|t: &Text| t.no_audit_match rows=journal_table count=|t: &Text| t.entries_count/> }.into_any()
                } else {
                    view! { <PagedList page=page offset=offset empty=|t: &Text| t.no_audit rows=journal_table count=|t: &Text| t.entries_count/> }.into_any()
                }
            }}
        </div>
    }
}
