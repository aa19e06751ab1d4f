//! The restaurant's audit trail, newest first: what was done, to what, and when. Needs
//! `audit.view`.

use brigade_domain::api::AuditEntry;
use leptos::prelude::*;

use crate::api;
use crate::components::{PageHeader, PagedList};
use crate::format;
use crate::i18n::{tr, Lang, Text};

fn audit_table(entries: Vec<AuditEntry>, lang: Lang) -> AnyView {
    let t = lang.text();
    let rows = entries
        .into_iter()
        .map(|entry| {
            let subject = match &entry.entity_id {
                Some(id) => format!("{} {}", entry.entity, id),
                None => entry.entity.clone(),
            };
            view! {
                <tr>
                    <td data-label=t.when>{format::date_time(entry.created_at, lang)}</td>
                    <td data-label=t.action><code>{entry.action.clone()}</code></td>
                    <td data-label=t.subject class="subject">{subject}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table">
            <thead>
                <tr>
                    <th scope="col">{t.when}</th>
                    <th scope="col">{t.action}</th>
                    <th scope="col">{t.subject}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let offset = RwSignal::new(0_u64);
    let page = LocalResource::new(move || {
        let offset = offset.get();
        async move { api::audit::page(offset).await }
    });
    view! {
        <div class="page" data-page="audit">
            <PageHeader title=Signal::derive(move || tr(|t| t.audit)().to_owned()) lead=|t: &Text| t.audit_card/>
            <PagedList page=page offset=offset empty=|t: &Text| t.no_audit rows=audit_table/>
        </div>
    }
}
