//! `PermissionSet`, a bit set over the catalogue (two `u64` words), and the error for an
//! unknown code. Checking one permission is a shift and a mask.

use std::fmt;

use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::catalogue::{Permission, LEN};

/// A code that is not in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownPermission(pub String);

impl fmt::Display for UnknownPermission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown permission code `{}`", self.0)
    }
}

impl std::error::Error for UnknownPermission {}

/// A set of permissions: bit `i` is [`CATALOGUE`](super::CATALOGUE)`[i]`.
///
/// Iterates, lists and serialises in catalogue order; on the wire it is a JSON array of
/// codes, and an unknown code does not deserialise.
#[derive(Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct PermissionSet([u64; 2]);

/// The words holding every catalogue bit.
const ALL_WORDS: [u64; 2] = {
    let mut words = [0u64; 2];
    let mut i = 0;
    while i < LEN {
        words[i >> 6] |= 1 << (i & 63);
        i += 1;
    }
    words
};

impl PermissionSet {
    /// No permission.
    pub const fn empty() -> Self {
        PermissionSet([0, 0])
    }

    /// Every permission of the catalogue.
    pub const fn all() -> Self {
        PermissionSet(ALL_WORDS)
    }

    /// Whether `p` is in the set. The hot path of every permission check.
    #[inline]
    pub const fn contains(&self, p: Permission) -> bool {
        let i = p.index();
        // `& 1` keeps the word index in bounds without a check: the catalogue has at
        // most 128 codes (asserted at compile time).
        (self.0[(i >> 6) & 1] >> (i & 63)) & 1 == 1
    }

    /// Adds `p`.
    #[inline]
    pub fn insert(&mut self, p: Permission) {
        *self = self.with(p);
    }

    /// Removes `p`.
    #[inline]
    pub fn remove(&mut self, p: Permission) {
        let i = p.index();
        self.0[(i >> 6) & 1] &= !(1 << (i & 63));
    }

    /// This set with `p` added; usable in `const` items.
    #[inline]
    pub const fn with(self, p: Permission) -> Self {
        let i = p.index();
        let mut words = self.0;
        words[(i >> 6) & 1] |= 1 << (i & 63);
        PermissionSet(words)
    }

    /// Every permission in either set.
    #[inline]
    pub const fn union(self, other: Self) -> Self {
        PermissionSet([self.0[0] | other.0[0], self.0[1] | other.0[1]])
    }

    /// Every permission in both sets.
    #[inline]
    pub const fn intersection(self, other: Self) -> Self {
        PermissionSet([self.0[0] & other.0[0], self.0[1] & other.0[1]])
    }

    /// Every permission of `self` that is not in `other`.
    #[inline]
    pub const fn difference(self, other: Self) -> Self {
        PermissionSet([self.0[0] & !other.0[0], self.0[1] & !other.0[1]])
    }

    /// Whether every permission of `self` is in `other`.
    #[inline]
    pub const fn is_subset(&self, other: &Self) -> bool {
        self.0[0] & !other.0[0] == 0 && self.0[1] & !other.0[1] == 0
    }

    /// Whether the set holds no permission.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.0[0] == 0 && self.0[1] == 0
    }

    /// How many permissions the set holds.
    #[inline]
    pub const fn len(&self) -> usize {
        (self.0[0].count_ones() + self.0[1].count_ones()) as usize
    }

    /// The permissions, in catalogue order.
    pub fn iter(&self) -> PermissionIter {
        PermissionIter {
            words: self.0,
            word: 0,
        }
    }

    /// The codes, in catalogue order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.iter().map(Permission::code).collect()
    }

    /// The set of these codes; the first unknown code is an error.
    pub fn from_codes<'a>(
        codes: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, UnknownPermission> {
        codes.into_iter().try_fold(Self::empty(), |set, code| {
            Permission::from_code(code)
                .map(|p| set.with(p))
                .ok_or_else(|| UnknownPermission(code.to_owned()))
        })
    }

    /// The set of the given permissions; usable in `const` items.
    pub const fn from_slice(permissions: &[Permission]) -> Self {
        let mut set = Self::empty();
        let mut i = 0;
        while i < permissions.len() {
            set = set.with(permissions[i]);
            i += 1;
        }
        set
    }
}

/// The permissions of a [`PermissionSet`], in catalogue order.
#[derive(Debug, Clone)]
pub struct PermissionIter {
    words: [u64; 2],
    word: usize,
}

impl Iterator for PermissionIter {
    type Item = Permission;

    #[inline]
    fn next(&mut self) -> Option<Permission> {
        while self.word < self.words.len() {
            let bits = self.words[self.word];
            if bits != 0 {
                let bit = bits.trailing_zeros() as usize;
                self.words[self.word] = bits & (bits - 1);
                return Some(Permission((self.word * 64 + bit) as u8));
            }
            self.word += 1;
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // Bits are cleared as they are yielded, so the words hold exactly what is left.
        let left = (self.words[0].count_ones() + self.words[1].count_ones()) as usize;
        (left, Some(left))
    }
}

impl ExactSizeIterator for PermissionIter {}

impl IntoIterator for PermissionSet {
    type Item = Permission;
    type IntoIter = PermissionIter;

    fn into_iter(self) -> PermissionIter {
        self.iter()
    }
}

impl IntoIterator for &PermissionSet {
    type Item = Permission;
    type IntoIter = PermissionIter;

    fn into_iter(self) -> PermissionIter {
        self.iter()
    }
}

impl FromIterator<Permission> for PermissionSet {
    fn from_iter<I: IntoIterator<Item = Permission>>(iter: I) -> Self {
        iter.into_iter().fold(Self::empty(), Self::with)
    }
}

impl Extend<Permission> for PermissionSet {
    fn extend<I: IntoIterator<Item = Permission>>(&mut self, iter: I) {
        for p in iter {
            self.insert(p);
        }
    }
}

impl fmt::Debug for PermissionSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.iter().map(Permission::code))
            .finish()
    }
}

impl Serialize for PermissionSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for p in self.iter() {
            seq.serialize_element(&p)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for PermissionSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SetVisitor;

        impl<'de> serde::de::Visitor<'de> for SetVisitor {
            type Value = PermissionSet;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of permission codes")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<PermissionSet, A::Error> {
                let mut set = PermissionSet::empty();
                while let Some(p) = seq.next_element::<Permission>()? {
                    set.insert(p);
                }
                Ok(set)
            }
        }

        deserializer.deserialize_seq(SetVisitor)
    }
}

#[cfg(feature = "openapi")]
mod openapi {
    //! `PermissionSet`'s OpenAPI schema: an array of distinct `Permission` codes.

    use std::borrow::Cow;

    use utoipa::openapi::schema::{ArrayBuilder, Schema};
    use utoipa::openapi::{Ref, RefOr};
    use utoipa::{PartialSchema, ToSchema};

    use super::{Permission, PermissionSet};

    impl PartialSchema for PermissionSet {
        fn schema() -> RefOr<Schema> {
            ArrayBuilder::new()
                .items(Ref::from_schema_name(Permission::name()))
                .unique_items(true)
                .description(Some("Permission codes, in catalogue order."))
                .into()
        }
    }

    impl ToSchema for PermissionSet {
        fn name() -> Cow<'static, str> {
            Cow::Borrowed("PermissionSet")
        }

        fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
            schemas.push((Permission::name().into_owned(), Permission::schema()));
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::{code, CATALOGUE};
    use super::*;

    fn set(codes: &[&str]) -> PermissionSet {
        PermissionSet::from_codes(codes.iter().copied()).unwrap()
    }

    #[test]
    fn the_empty_set_contains_nothing() {
        let empty = PermissionSet::empty();
        assert!(empty.is_empty());
        assert_eq!(empty.len(), 0);
        assert!(Permission::all().all(|p| !empty.contains(p)));
        assert_eq!(empty, PermissionSet::default());
    }

    #[test]
    fn all_contains_every_code_and_nothing_beyond_the_catalogue() {
        let all = PermissionSet::all();
        assert_eq!(all.len(), CATALOGUE.len());
        assert!(Permission::all().all(|p| all.contains(p)));
        assert_eq!(all.iter().count(), CATALOGUE.len());
    }

    #[test]
    fn insert_and_remove_toggle_exactly_one_code() {
        let mut s = PermissionSet::empty();
        s.insert(code::AUDIT_VIEW);
        s.insert(code::ORDERS_VIEW_ALL);
        s.insert(code::ORDERS_VIEW_ALL);
        assert_eq!(s.len(), 2);
        assert!(s.contains(code::AUDIT_VIEW) && s.contains(code::ORDERS_VIEW_ALL));
        s.remove(code::AUDIT_VIEW);
        assert_eq!(s.codes(), ["orders.view_all"]);
        s.remove(code::AUDIT_VIEW);
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn union_intersection_and_difference_behave_as_set_operations() {
        let a = set(&["orders.view_all", "tables.view", "audit.view"]);
        let b = set(&["tables.view", "inventory.edit"]);
        assert_eq!(
            a.union(b).codes(),
            [
                "orders.view_all",
                "tables.view",
                "inventory.edit",
                "audit.view"
            ]
        );
        assert_eq!(a.intersection(b).codes(), ["tables.view"]);
        assert_eq!(a.difference(b).codes(), ["orders.view_all", "audit.view"]);
        assert_eq!(b.difference(a).codes(), ["inventory.edit"]);
    }

    #[test]
    fn a_set_is_a_subset_of_itself_and_of_all_but_not_of_a_smaller_set() {
        let a = set(&["orders.view_all", "audit.view"]);
        assert!(a.is_subset(&a));
        assert!(a.is_subset(&PermissionSet::all()));
        assert!(PermissionSet::empty().is_subset(&a));
        assert!(!a.is_subset(&set(&["audit.view"])));
    }

    #[test]
    fn codes_and_iteration_follow_catalogue_order_whatever_the_insertion_order() {
        let s: PermissionSet = [code::AUDIT_VIEW, code::STAFF_VIEW, code::ORDERS_VIEW_ALL]
            .into_iter()
            .collect();
        assert_eq!(s.codes(), ["orders.view_all", "staff.view", "audit.view"]);
        assert_eq!(s.iter().len(), 3);
        let mut extended = PermissionSet::empty();
        extended.extend(s);
        assert_eq!(extended, s);
    }

    #[test]
    fn from_codes_rejects_the_first_unknown_code_by_name() {
        let err = PermissionSet::from_codes(["orders.view_all", "orders.fly", "x"]).unwrap_err();
        assert_eq!(err, UnknownPermission("orders.fly".into()));
        assert_eq!(err.to_string(), "unknown permission code `orders.fly`");
    }

    #[test]
    fn a_set_serialises_as_an_array_of_codes_and_back() {
        let s = set(&["audit.view", "orders.view_all"]);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"["orders.view_all","audit.view"]"#);
        assert_eq!(serde_json::from_str::<PermissionSet>(&json).unwrap(), s);
        let all = serde_json::to_string(&PermissionSet::all()).unwrap();
        assert_eq!(
            serde_json::from_str::<PermissionSet>(&all).unwrap(),
            PermissionSet::all()
        );
    }

    #[test]
    fn deserialising_a_set_with_an_unknown_code_fails() {
        let err = serde_json::from_str::<PermissionSet>(r#"["orders.view_all","nope.nope"]"#)
            .unwrap_err();
        assert!(err.to_string().contains("`nope.nope`"), "{err}");
    }

    #[test]
    fn debug_lists_the_codes() {
        let s = set(&["staff.view", "orders.view_all"]);
        assert_eq!(format!("{s:?}"), r#"{"orders.view_all", "staff.view"}"#);
    }
}
