//! How the app changes things: every change it asks the API for — a form sent, a
//! button pressed — runs through a Leptos [`Action`], whose `pending()` disables what
//! started it and whose `value()` holds the outcome. All of them are one type,
//! [`Mutation`], whose input is the change's own future, so the action machinery is
//! compiled once for the whole app (the bundle's weight) rather than once per form.

use std::cell::Cell;
use std::future::Future;

use futures::future::LocalBoxFuture;
use leptos::prelude::*;

use crate::api::ApiError;

/// One change, ready to run: built when it is dispatched, run by the action.
pub struct Job(Cell<Option<LocalBoxFuture<'static, Result<(), ApiError>>>>);

/// An action that runs changes, one type for all of them.
pub type Mutation = Action<Job, Result<(), ApiError>>;

/// A new mutation, owned by the current component.
pub fn mutation() -> Mutation {
    Action::new_local(|job: &Job| {
        job.0
            .take()
            .unwrap_or_else(|| Box::pin(async { Ok::<(), ApiError>(()) }))
    })
}

/// Runs `change` through `mutation`.
pub fn run(mutation: Mutation, change: impl Future<Output = Result<(), ApiError>> + 'static) {
    mutation.dispatch_local(Job(Cell::new(Some(Box::pin(change)))));
}

/// The error of the last change, if it failed (reactive).
pub fn failure(mutation: Mutation) -> Option<ApiError> {
    mutation.value().get().and_then(Result::err)
}
