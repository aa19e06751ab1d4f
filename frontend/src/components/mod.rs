//! Reusable pieces of the app's pages.

pub mod field;
pub mod guard;
pub mod list;
pub mod permission_tree;
pub mod shell;
pub mod switches;

pub use field::{Field, FormAlert, FormErrors};
pub use guard::Protected;
pub use list::PagedList;
pub use permission_tree::PermissionTree;
pub use shell::Shell;
