//! Authentication: password hashing, tokens, login throttling and the [`Caller`]
//! extractor that answers, on every request, who is asking, where, and what they may do.

mod caller;
pub mod password;
pub mod throttle;
pub mod tokens;

pub use caller::{client_addr, Caller};
