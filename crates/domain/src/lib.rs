//! Brigade's pure rules, shared by the server and the browser app: the permission
//! catalogue and resolver, validated values, error codes and the API's wire types.
//! Nothing here does I/O, so it compiles for wasm32 as well as for the server.

pub mod api;
pub mod errors;
pub mod permissions;
pub mod team;
pub mod validation;
