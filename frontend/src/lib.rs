//! Brigade's admin app will live here (Leptos in client-side rendering, compiled to
//! wasm32). Until then this crate only proves that the domain's wire types and
//! validation compile for the browser.

pub use brigade_domain::api;
pub use brigade_domain::validation;
