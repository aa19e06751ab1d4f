//! Brigade's admin app: a Leptos single-page app in client-side rendering, compiled to
//! wasm32 and served by the API server itself. It speaks the API through the domain
//! crate's wire types and runs the domain's validation before sending a form.

pub mod api;
pub mod app;
pub mod components;
pub mod format;
pub mod i18n;
pub mod live;
pub mod mutation;
pub mod pages;
pub mod sections;
pub mod session;
pub mod storage;
pub mod theme;
pub mod vault;

/// Mounts the app on the page.
pub fn start() {
    leptos::mount::mount_to_body(app::App);
}
