//! Brigade's pure rules, shared by the server and the browser app: the permission
//! catalogue and resolver, validated values, error codes and the API's wire types.
//! Nothing here does I/O, so it compiles for wasm32 as well as for the server.

/// Implements `Debug` for a request or response type that carries a password or a
/// token: every field is shown but the secret ones, printed `***`, so logging a value
/// never leaks them. Name every field, plain ones first.
macro_rules! debug_without_secrets {
    ($ty:ident { $($field:ident),* } secret { $($secret:ident),+ }) => {
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let _ = ($(&self.$secret,)+);
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($field), &self.$field))*
                    $(.field(stringify!($secret), &"***"))+
                    .finish()
            }
        }
    };
}

pub mod api;
pub mod errors;
pub mod floor;
pub mod invitations;
pub mod journal;
pub mod live;
pub mod menu;
pub mod money;
pub mod onboarding;
pub mod permissions;
pub mod service_grid;
pub mod settings;
pub mod stock;
pub mod team;
pub mod validation;
