//! Reusable pieces of the app's pages.

pub mod field;
pub mod guard;
pub mod list;
pub mod shell;
pub mod switches;

pub use field::{Field, FormAlert, FormErrors};
pub use guard::Protected;
pub use list::PagedList;
pub use shell::Shell;
