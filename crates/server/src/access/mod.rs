//! Who is asking, in which restaurant, and what they may do there: the caller of each
//! request ([`caller`]), the guards handlers declare ([`guard`]) and the loading of a
//! member's permissions ([`member_access`]).

pub mod caller;
pub mod guard;
pub mod member_access;

pub use caller::Caller;
pub use guard::{Authorized, Owner, OwnerOnly, Public, SignedIn};
pub use member_access::MemberAccess;
