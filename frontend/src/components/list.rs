//! A paged list fetched from the API, in the states of [`Loaded`] (loading, failed
//! with a retry), plus empty, and the rows with previous/next buttons.

use brigade_domain::api::Page;
use leptos::prelude::*;

use super::{EmptyState, Loaded};
use crate::api::ApiError;
use crate::i18n::{tr, use_i18n, Lang, TextFn};

/// The list behind `page`, drawn by `rows` once loaded.
#[component]
pub fn PagedList<T, R>(
    page: LocalResource<Result<Page<T>, ApiError>>,
    offset: RwSignal<u64>,
    /// What to say when the list is empty.
    empty: TextFn,
    /// Draws the loaded items (a table, say) in the current language.
    rows: R,
    #[prop(optional)] count: Option<TextFn>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    R: Fn(Vec<T>, Lang) -> AnyView + Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <Loaded resource=page children={move |found: Page<T>| {
            let rows = rows.clone();
            move || {
                let lang = i18n.lang.get();
                let t = lang.text();
                if found.items.is_empty() {
                    return view! { <EmptyState text=empty/> }.into_any();
                }
                let shown_to = found.offset + found.items.len() as u64;
                let (limit, total) = (found.limit, found.total);
                view! {
                    {count.map(|count| view! {
                        <p class="hint">{lang.plural(count(t), total as usize)}</p>
                    })}
                    {rows(found.items.clone(), lang)}
                    <Pager offset=offset limit=limit total=total shown_to=shown_to/>
                }
                .into_any()
            }
        }}/>
    }
}

/// Previous / next buttons, when there is more than one page.
#[component]
fn Pager(offset: RwSignal<u64>, limit: u64, total: u64, shown_to: u64) -> impl IntoView {
    let at_start = offset.get_untracked() == 0;
    let at_end = shown_to >= total;
    (!(at_start && at_end)).then(|| {
        view! {
            <nav class="pager">
                <button class="button" type="button" disabled=at_start
                    on:click=move |_| offset.update(|o| *o = o.saturating_sub(limit))>
                    {tr(|t| t.previous)}
                </button>
                <button class="button" type="button" disabled=at_end
                    on:click=move |_| offset.update(|o| *o += limit)>
                    {tr(|t| t.next)}
                </button>
            </nav>
        }
    })
}
