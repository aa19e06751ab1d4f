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
    view! {
        <ErrorBoundary fallback=move |errors| {
            let retry = retry.clone();
            view! {
                {failed_title.map(|title| view! { <h1>{tr(title)}</h1> })}
                <LoadFailed errors=errors retry=move || retry()/>
            }
        }>
            <Transition fallback=|| view! { <p class="loading" role="status">{tr(|t| t.loading)}</p> }>
                {
                    let load = load.clone();
                    move || Suspend::new(load())
                }
            </Transition>
        </ErrorBoundary>
    }
    .into_any()
}

/// Why loading failed, and a way to try again.
#[component]
fn LoadFailed(
    errors: ArcRwSignal<Errors>,
    retry: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let messages = move || {
        let t = i18n.t();
        errors
            .get()
            .into_iter()
            .map(|(_, error)| match error.downcast_ref::<ApiError>() {
                Some(error) => error.message(t),
                None => t.err_unexpected.to_owned(),
            })
            .map(|message| view! { <p>{message}</p> })
            .collect_view()
    };
    view! {
        <div class="alert alert-error" role="alert">
            {messages}
            <button class="button" type="button" on:click=move |_| retry()>{tr(|t| t.retry)}</button>
        </div>
    }
}
