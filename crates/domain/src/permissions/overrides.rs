//! Overrides: per code, "granted", "denied" or nothing said. Used for a restaurant's
//! override of a system role (note 001's C2 level 1) and for one member (level 2).

use std::collections::BTreeMap;
use std::fmt;

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::catalogue::Permission;
use super::set::{PermissionSet, UnknownPermission};

/// What a level says about each code: granted, denied, or nothing.
///
/// `granted` and `denied` are always disjoint. On the wire (and in the JSONB columns) it
/// is note 001's object of code to boolean, e.g. `{"reports.view": true}`; an unknown
/// code does not deserialise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Overrides {
    granted: PermissionSet,
    denied: PermissionSet,
}

impl Overrides {
    /// Says nothing about any code.
    pub const fn new() -> Self {
        Overrides {
            granted: PermissionSet::empty(),
            denied: PermissionSet::empty(),
        }
    }

    /// The overrides that turn `base` into `target`: grant what `target` adds, deny what
    /// it removes, nothing else. A restaurant role override stores only this difference.
    pub const fn between(base: PermissionSet, target: PermissionSet) -> Self {
        Overrides {
            granted: target.difference(base),
            denied: base.difference(target),
        }
    }

    /// Grants `p` (and forgets any denial of it).
    pub fn grant(&mut self, p: Permission) {
        self.granted.insert(p);
        self.denied.remove(p);
    }

    /// Denies `p` (and forgets any grant of it).
    pub fn deny(&mut self, p: Permission) {
        self.denied.insert(p);
        self.granted.remove(p);
    }

    /// Says nothing about `p` any more.
    pub fn clear(&mut self, p: Permission) {
        self.granted.remove(p);
        self.denied.remove(p);
    }

    /// `Some(true)` if granted, `Some(false)` if denied, `None` if nothing is said.
    #[inline]
    pub const fn get(&self, p: Permission) -> Option<bool> {
        if self.granted.contains(p) {
            Some(true)
        } else if self.denied.contains(p) {
            Some(false)
        } else {
            None
        }
    }

    /// The codes this level grants.
    pub const fn granted(&self) -> PermissionSet {
        self.granted
    }

    /// The codes this level denies.
    pub const fn denied(&self) -> PermissionSet {
        self.denied
    }

    /// Whether nothing is said about any code.
    pub const fn is_empty(&self) -> bool {
        self.granted.is_empty() && self.denied.is_empty()
    }

    /// How many codes this level says something about.
    pub const fn len(&self) -> usize {
        self.granted.len() + self.denied.len()
    }

    /// Drops what changes nothing on `base`: grants of codes `base` has and denials of
    /// codes it lacks.
    pub const fn normalized(self, base: PermissionSet) -> Self {
        Overrides {
            granted: self.granted.difference(base),
            denied: self.denied.intersection(base),
        }
    }

    /// Reads note 001's object of code to boolean; an unknown code is an error.
    pub fn from_map(map: BTreeMap<String, bool>) -> Result<Self, UnknownPermission> {
        let mut overrides = Overrides::new();
        for (code, granted) in map {
            let p = Permission::from_code(&code).ok_or(UnknownPermission(code))?;
            if granted {
                overrides.grant(p);
            } else {
                overrides.deny(p);
            }
        }
        Ok(overrides)
    }

    /// Note 001's object of code to boolean.
    pub fn to_map(&self) -> BTreeMap<String, bool> {
        self.entries()
            .map(|(p, g)| (p.code().to_owned(), g))
            .collect()
    }

    /// Each code something is said about, with what is said, in catalogue order.
    pub fn entries(&self) -> impl Iterator<Item = (Permission, bool)> + '_ {
        self.granted
            .union(self.denied)
            .iter()
            .map(|p| (p, self.granted.contains(p)))
    }

    /// `base`, with this level's grants added and its denials removed.
    #[inline]
    pub const fn apply(&self, base: PermissionSet) -> PermissionSet {
        base.union(self.granted).difference(self.denied)
    }
}

impl Serialize for Overrides {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (p, granted) in self.entries() {
            map.serialize_entry(&p, &granted)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Overrides {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor;

        impl<'de> serde::de::Visitor<'de> for MapVisitor {
            type Value = Overrides;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of permission code to boolean")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Overrides, A::Error> {
                let mut overrides = Overrides::new();
                while let Some((p, granted)) = map.next_entry::<Permission, bool>()? {
                    if granted {
                        overrides.grant(p);
                    } else {
                        overrides.deny(p);
                    }
                }
                Ok(overrides)
            }
        }

        deserializer.deserialize_map(MapVisitor)
    }
}

#[cfg(feature = "openapi")]
mod openapi {
    //! `Overrides`' OpenAPI schema: an object of permission code to boolean.

    use std::borrow::Cow;

    use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Schema, SchemaType, Type};
    use utoipa::openapi::RefOr;
    use utoipa::{PartialSchema, ToSchema};

    use super::Overrides;

    impl PartialSchema for Overrides {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::Object))
                .additional_properties(Some(AdditionalProperties::RefOr(
                    ObjectBuilder::new()
                        .schema_type(SchemaType::Type(Type::Boolean))
                        .into(),
                )))
                .description(Some(
                    "Permission code to true (granted) or false (denied); codes not listed \
                     fall through to the next level.",
                ))
                .examples([serde_json::json!({"reports.view": true, "orders.delete": false})])
                .into()
        }
    }

    impl ToSchema for Overrides {
        fn name() -> Cow<'static, str> {
            Cow::Borrowed("Overrides")
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::code::*;
    use super::*;

    #[test]
    fn a_new_override_says_nothing() {
        let o = Overrides::new();
        assert!(o.is_empty());
        assert_eq!(o.len(), 0);
        assert!(Permission::all().all(|p| o.get(p).is_none()));
        assert_eq!(o, Overrides::default());
    }

    #[test]
    fn the_last_grant_or_deny_of_a_code_wins_and_the_sets_stay_disjoint() {
        let mut o = Overrides::new();
        o.grant(AUDIT_VIEW);
        assert_eq!(o.get(AUDIT_VIEW), Some(true));
        o.deny(AUDIT_VIEW);
        assert_eq!(o.get(AUDIT_VIEW), Some(false));
        assert!(!o.granted().contains(AUDIT_VIEW));
        o.grant(AUDIT_VIEW);
        assert_eq!(o.get(AUDIT_VIEW), Some(true));
        assert!(o.granted().intersection(o.denied()).is_empty());
        assert_eq!(o.len(), 1);
    }

    #[test]
    fn clear_forgets_what_was_said() {
        let mut o = Overrides::new();
        o.deny(STAFF_VIEW);
        o.clear(STAFF_VIEW);
        assert_eq!(o.get(STAFF_VIEW), None);
        assert!(o.is_empty());
    }

    #[test]
    fn apply_adds_the_grants_and_removes_the_denials() {
        let base: PermissionSet = [ORDERS_VIEW_ALL, ORDERS_CANCEL].into_iter().collect();
        let mut o = Overrides::new();
        o.grant(ANALYTICS_VIEW);
        o.deny(ORDERS_CANCEL);
        assert_eq!(o.apply(base).codes(), ["orders.view_all", "analytics.view"]);
        assert_eq!(Overrides::new().apply(base), base);
    }

    #[test]
    fn from_map_reads_note_001s_object_and_to_map_writes_it_back() {
        let map = BTreeMap::from([
            ("analytics.view".to_owned(), true),
            ("orders.delete".to_owned(), false),
        ]);
        let o = Overrides::from_map(map.clone()).unwrap();
        assert_eq!(o.get(ANALYTICS_VIEW), Some(true));
        assert_eq!(o.get(ORDERS_DELETE), Some(false));
        assert_eq!(o.to_map(), map);
    }

    #[test]
    fn from_map_rejects_an_unknown_code() {
        let map = BTreeMap::from([("reports.view".to_owned(), true)]);
        assert_eq!(
            Overrides::from_map(map),
            Err(UnknownPermission("reports.view".into()))
        );
    }

    #[test]
    fn overrides_serialise_as_an_object_of_code_to_boolean_in_catalogue_order() {
        let mut o = Overrides::new();
        o.grant(AUDIT_VIEW);
        o.deny(ORDERS_DELETE);
        let json = serde_json::to_string(&o).unwrap();
        assert_eq!(json, r#"{"orders.delete":false,"audit.view":true}"#);
        assert_eq!(serde_json::from_str::<Overrides>(&json).unwrap(), o);
        assert!(serde_json::from_str::<Overrides>(r#"{"nope.nope":true}"#).is_err());
        assert!(serde_json::from_str::<Overrides>(r#"{"audit.view":1}"#).is_err());
    }

    #[test]
    fn between_records_only_the_differences_and_applies_back_to_the_target() {
        let base: PermissionSet = [ORDERS_VIEW_ALL, ORDERS_CANCEL].into_iter().collect();
        let target: PermissionSet = [ORDERS_VIEW_ALL, AUDIT_VIEW].into_iter().collect();
        let o = Overrides::between(base, target);
        assert_eq!(o.to_map().len(), 2);
        assert_eq!(o.get(AUDIT_VIEW), Some(true));
        assert_eq!(o.get(ORDERS_CANCEL), Some(false));
        assert_eq!(o.get(ORDERS_VIEW_ALL), None);
        assert_eq!(o.apply(base), target);
    }

    #[test]
    fn normalized_drops_entries_that_change_nothing() {
        let base: PermissionSet = [ORDERS_VIEW_ALL].into_iter().collect();
        let mut o = Overrides::new();
        o.grant(ORDERS_VIEW_ALL);
        o.deny(AUDIT_VIEW);
        o.grant(STAFF_VIEW);
        let n = o.normalized(base);
        assert_eq!(n.to_map().len(), 1);
        assert_eq!(n.get(STAFF_VIEW), Some(true));
        assert_eq!(n.apply(base), o.apply(base));
    }
}
