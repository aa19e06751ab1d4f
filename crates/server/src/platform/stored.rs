//! How permissions are kept in JSON columns: a set of codes as an array, overrides as
//! `{ "code": true | false }`. Codes no longer in the catalogue are ignored on reading,
//! so removing a code from the catalogue never breaks a stored role.

use brigade_domain::permissions::{Overrides, Permission, PermissionSet};
use serde_json::{json, Value};

/// A set of codes as stored.
pub fn codes_json(set: PermissionSet) -> Value {
    json!(set.codes())
}

/// Parses a stored array of codes.
pub fn permission_set_from_json(value: &Value) -> PermissionSet {
    value
        .as_array()
        .map(|codes| {
            codes
                .iter()
                .filter_map(|code| code.as_str().and_then(Permission::from_code))
                .collect()
        })
        .unwrap_or_default()
}

/// Overrides as stored.
pub fn overrides_json(overrides: &Overrides) -> Value {
    json!(overrides.to_map())
}

/// Parses stored `{ "code": bool }` overrides.
pub fn overrides_from_json(value: &Value) -> Overrides {
    let mut overrides = Overrides::new();
    if let Some(map) = value.as_object() {
        for (code, granted) in map {
            if let (Some(permission), Some(granted)) =
                (Permission::from_code(code), granted.as_bool())
            {
                if granted {
                    overrides.grant(permission);
                } else {
                    overrides.deny(permission);
                }
            }
        }
    }
    overrides
}
