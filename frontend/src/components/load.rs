//! What a page loads from the API, drawn in the app's states: loading (and, on a
//! reload, the previous content kept in place while the new one arrives), failed (the
//! error in the person's language, with a retry), and loaded. It is Leptos's own
//! `ErrorBoundary` around a `Transition` over a `LocalResource`.

use std::sync::Arc;

use futures::future::BoxFuture;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{tr, use_i18n, TextFn};

/// Draws `children` with what `resource` loaded; a failure shows `failed_title` as the
/// page's heading when given (a page whose subject could not be loaded).
#[component]
pub fn Loaded<T, V, F>(
    resource: LocalResource<Result<T, ApiError>>,
    children: F,
    #[prop(optional)] failed_title: Option<TextFn>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // Only this closure depends on `T`: the boundary, the transition and the suspense
    // below are compiled once for every page (the bundle's weight).
    let load: Load = Arc::new(move || {
        let children = children.clone();
        Box::pin(async move { resource.await.map(|value| children(value).into_any()) })
    });
    let retry: Retry = Arc::new(move || resource.refetch());
    boundary(load, retry, failed_title)
}

/// What a page loads, as a view.
type Load = Arc<dyn Fn() -> BoxFuture<'static, Result<AnyView, ApiError>> + Send + Sync>;
type Retry = Arc<dyn Fn() + Send + Sync>;

fn boundary(load: Load, retry: Retry, failed_title: Option<TextFn>) -> AnyView {
    // While a reload is under way the previous content stays, marked as being renewed.
    let reloading = RwSignal::new(false);
    view! {
        <ErrorBoundary fallback=move |errors| {
            let retry = retry.clone();
            view! { <LoadFailed errors=errors failed_title=failed_title retry=move || retry()/> }
        }>
            <div class="loaded" aria-busy=move || if reloading.get() { "true" } else { "false" }>
                {move || reloading.get().then(|| view! { <p class="loading reloading" role="status">{tr(|t| t.loading)}</p> })}
                <Transition set_pending=reloading fallback=|| view! { <p class="loading" role="status">{tr(|t| t.loading)}</p> }>
                    {
                        let load = load.clone();
                        move || Suspend::new(load())
                    }
                </Transition>
            </div>
        </ErrorBoundary>
    }
    .into_any()
}

/// Why loading failed, and a way to try again. A page whose subject does not exist
/// says so in its heading (`failed_title`); one that failed otherwise says it could not
/// be loaded.
#[component]
fn LoadFailed(
    errors: ArcRwSignal<Errors>,
    failed_title: Option<TextFn>,
    retry: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let retrying = RwSignal::new(false);
    let retry = Arc::new(retry);
    let found = {
        let errors = errors.clone();
        move || {
            errors
                .get()
                .into_iter()
                .filter_map(|(_, error)| error.downcast_ref::<ApiError>().cloned())
                .collect::<Vec<_>>()
        }
    };
    // The page's subject does not exist: retrying cannot help, so none is offered.
    let missing = {
        let found = found.clone();
        Memo::new(move |_| {
            failed_title.is_some()
                && found().iter().any(|error| {
                    error.code() == Some(brigade_domain::errors::ErrorCode::NotFound)
                        || matches!(error, ApiError::Unexpected(404))
                })
        })
    };
    let heading = move || {
        let t = i18n.t();
        failed_title.map(|title| {
            if missing.get() {
                title(t)
            } else {
                t.load_failed_title
            }
        })
    };
    let messages = move || {
        let t = i18n.t();
        let found = found();
        if missing.get() {
            return view! { <p>{t.err_not_found}</p> }.into_any();
        }
        if found.is_empty() {
            return view! { <p>{t.err_unexpected}</p> }.into_any();
        }
        found
            .iter()
            .map(|error| view! { <p>{error.message(t)}</p> })
            .collect_view()
            .into_any()
    };
    view! {
        {move || heading().map(|title| view! { <h1>{title}</h1> })}
        <div class="alert alert-error" role="alert">
            {messages}
            {move || (!missing.get()).then(|| {
                let retry = retry.clone();
                view! {
                    <button class="button" type="button" disabled=move || retrying.get()
                        on:click=move |_| { retrying.set(true); retry() }>
                        {move || if retrying.get() { i18n.t().loading } else { i18n.t().retry }}
                    </button>
                }
            })}
        </div>
    }
}
