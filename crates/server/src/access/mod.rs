//! Who is asking, in which restaurant, and what they may do there: the caller of each
//! request ([`caller`]), the guards handlers declare ([`guard`]), the loading of a
//! member's permissions ([`member_access`], from a restaurant's [`snapshot`]) and what a
//! process remembers of them between requests ([`cache`]).

pub mod cache;
pub mod caller;
pub mod guard;
pub mod member_access;
pub mod snapshot;

pub use caller::Caller;
pub use guard::{Authorized, Owner, OwnerOnly, Public, SignedIn};
pub use member_access::MemberAccess;
