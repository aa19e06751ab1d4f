//! Reusable pieces of the app's pages. Components never import pages: a piece two
//! pages share lives here.

pub mod confirm;
pub mod field;
pub mod guard;
pub mod icons;
pub mod leave_guard;
pub mod list;
pub mod load;
pub mod modal;
pub mod notices;
pub mod page;
pub mod password;
pub mod permission_tree;
pub mod reorder;
pub mod role_picker;
pub mod shell;
pub mod switches;
pub mod table_picker;
pub mod toast;

pub use confirm::Confirm;
pub use field::{Field, FieldMessage, FormAlert, FormErrors, LabelledInput};
pub use guard::Protected;
pub use icons::{Glyph, Icon};
pub use leave_guard::LeaveGuard;
pub use list::PagedList;
pub use load::Loaded;
pub use modal::Modal;
pub use notices::{NotAllowed, Splash};
pub use page::{EmptyState, PageHeader, SaveBar, Toolbar};
pub use password::PasswordCard;
pub use permission_tree::PermissionTree;
pub use role_picker::RolePicker;
pub use shell::Shell;
pub use toast::{use_toasts, Toaster, Toasts};
