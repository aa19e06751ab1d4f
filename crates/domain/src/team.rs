//! The team-management wire types: members created and edited by the owner and
//! managers, custom roles, the restaurant's overrides of system roles (the matrix),
//! personal overrides and the explanation of a member's permissions. Their validation
//! lives here too, so the server and the app apply the same rules.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::permissions::{DecidingLevel, Permission, SystemRole};
use crate::validation::{FieldError, Validator};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Add a person to the team directly (note 001 B1, tab 2), with a temporary password
/// they must replace at their first login. An email that already has a Brigade account
/// is refused (`409 email_taken`): that person joins through an invitation instead.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateMemberRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = crate::validation::schema::EmailText))]
    pub email: String,
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = crate::validation::schema::PersonNameText)
    )]
    pub name: String,
    /// 8 to 128 characters; the person must change it at first login.
    #[cfg_attr(
        feature = "openapi",
        schema(format = "password", min_length = 8, max_length = 128)
    )]
    pub temporary_password: String,
    /// The primary role; never `owner`.
    #[cfg_attr(feature = "openapi", schema(value_type = AssignableRole))]
    pub role: SystemRole,
    /// Custom roles held on top of the primary role.
    #[serde(default)]
    pub custom_role_ids: Vec<Uuid>,
}

/// Change a member; fields left out stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateMemberRequest {
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = Option<crate::validation::schema::PersonNameText>)
    )]
    pub name: Option<String>,
    /// The new primary role; never `owner` (transfer ownership instead).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<AssignableRole>))]
    pub role: Option<SystemRole>,
    /// The complete new list of custom roles held.
    #[serde(default)]
    pub custom_role_ids: Option<Vec<Uuid>>,
    /// The complete new list of system roles held on top of the primary role (one
    /// comes from deleting a custom role whose holders were moved to a system role);
    /// never `owner`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<AssignableRole>>))]
    pub extra_system_roles: Option<Vec<SystemRole>>,
}

/// A custom role as created or replaced.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomRoleRequest {
    /// Unique in the restaurant (case-insensitively).
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = crate::validation::schema::RoleNameText)
    )]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub description: String,
    /// `#rrggbb`.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "#2f7d5b", pattern = "^#[0-9a-fA-F]{6}$")
    )]
    pub color: String,
    /// The codes the role grants.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Permission>))]
    pub permissions: Vec<String>,
}

/// The permissions a system role has in this restaurant (a row of the matrix). Only
/// what differs from the role's defaults is stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SystemRolePermissionsRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Permission>))]
    pub permissions: Vec<String>,
}

/// A member's personal overrides (note 001 C2, level 2): codes granted or denied to
/// this person whatever their roles say. Codes in neither list inherit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonalOverrides {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Permission>))]
    pub grant: Vec<String>,
    /// Never a code also granted (`conflict`).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Permission>))]
    pub deny: Vec<String>,
}

/// Make an admin the owner; the current owner becomes an admin.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TransferOwnershipRequest {
    pub member_id: Uuid,
}

/// Whether a member has one code, and which level decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PermissionDecision {
    #[cfg_attr(feature = "openapi", schema(example = "orders.create"))]
    pub code: String,
    pub granted: bool,
    pub decided_by: DecidingLevel,
    /// The member's personal override for this code, if any: `true` grant, `false` deny.
    pub personal_override: Option<bool>,
    /// What the member would have without a personal override: the roles' decision.
    /// An app shows it at once when the override is set back to "inherit".
    pub inherited: InheritedDecision,
}

impl PermissionDecision {
    /// What the code would come to with `choice` as the member's personal override
    /// (`None`: none): the owner keeps everything, an override decides, else the
    /// roles do. The resolver's order, for an app showing a choice before it is saved.
    pub fn with_override(&self, choice: Option<bool>) -> (bool, DecidingLevel) {
        if self.decided_by == DecidingLevel::Owner {
            return (true, DecidingLevel::Owner);
        }
        match choice {
            Some(granted) => (granted, DecidingLevel::PersonalOverride),
            None => (self.inherited.granted, self.inherited.decided_by.clone()),
        }
    }
}

/// The decision of the roles alone, before any personal override.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct InheritedDecision {
    pub granted: bool,
    pub decided_by: DecidingLevel,
}

/// `GET /members/{id}/permissions`: every code of the catalogue, explained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MemberPermissions {
    pub member_id: Uuid,
    pub permissions: Vec<PermissionDecision>,
}

/// Parses a list of codes, naming every unknown one.
pub fn parse_codes(field: &str, codes: &[String]) -> Result<Vec<Permission>, FieldError> {
    let unknown: Vec<&str> = codes
        .iter()
        .filter(|code| Permission::from_code(code).is_none())
        .map(String::as_str)
        .collect();
    if unknown.is_empty() {
        Ok(codes
            .iter()
            .filter_map(|code| Permission::from_code(code))
            .collect())
    } else {
        Err(FieldError::new(
            field,
            "unknown_permission",
            format!("unknown permission codes: {}", unknown.join(", ")),
        ))
    }
}

pub(crate) fn assignable(field: &str, role: SystemRole) -> Result<SystemRole, FieldError> {
    if role == SystemRole::Owner {
        Err(FieldError::new(
            field,
            "not_assignable",
            "nobody can be made owner this way; transfer ownership instead",
        ))
    } else {
        Ok(role)
    }
}

/// The roles a member can be given: every system role but the owner, which changes
/// hands only by a transfer.
#[cfg(feature = "openapi")]
pub struct AssignableRole;

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for AssignableRole {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .enum_values(Some(
                SystemRole::ALL
                    .into_iter()
                    .filter(|role| *role != SystemRole::Owner)
                    .map(SystemRole::as_str),
            ))
            .description(Some(
                "A system role a member can be given: any but `owner`, which changes hands only by a transfer.",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for AssignableRole {}

/// Where the holders of a deleted role go: a system role they can be given, or a custom
/// role's id.
#[cfg(feature = "openapi")]
pub struct RoleReference;

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for RoleReference {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{
            ObjectBuilder, OneOfBuilder, SchemaFormat, SchemaType, Type,
        };
        OneOfBuilder::new()
            .item(AssignableRole::schema())
            .item(
                ObjectBuilder::new()
                    .schema_type(SchemaType::Type(Type::String))
                    .format(Some(SchemaFormat::KnownFormat(
                        utoipa::openapi::schema::KnownFormat::Uuid,
                    )))
                    .description(Some("A custom role's id")),
            )
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for RoleReference {}

/// Checks a `#rrggbb` colour.
pub fn parse_color(field: &str, raw: &str) -> Result<String, FieldError> {
    let hex = raw.strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(format!("#{}", hex.to_ascii_lowercase()))
    } else {
        Err(FieldError::new(
            field,
            "invalid_color",
            "color must be #rrggbb",
        ))
    }
}

impl CreateMemberRequest {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        use crate::validation::{Email, Password, PersonName};
        let mut v = Validator::new();
        v.check(Email::parse("email", &self.email));
        v.check(PersonName::parse("name", &self.name));
        v.check(Password::parse(
            "temporary_password",
            &self.temporary_password,
        ));
        v.check(assignable("role", self.role));
        v.finish()
    }
}

impl UpdateMemberRequest {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        use crate::validation::PersonName;
        let mut v = Validator::new();
        if let Some(name) = &self.name {
            v.check(PersonName::parse("name", name));
        }
        if let Some(role) = self.role {
            v.check(assignable("role", role));
        }
        for role in self.extra_system_roles.iter().flatten() {
            v.check(assignable("extra_system_roles", *role));
        }
        v.finish()
    }
}

/// The most characters a search of the team list may have.
pub const MEMBER_SEARCH_MAX: usize = 100;

impl CustomRoleRequest {
    pub const NAME_MAX: usize = 60;
    pub const DESCRIPTION_MAX: usize = 300;

    pub fn validate(&self) -> Result<Vec<Permission>, Vec<FieldError>> {
        let mut v = Validator::new();
        v.check(crate::validation::display_name(
            "name",
            &self.name,
            Self::NAME_MAX,
        ));
        if self.description.chars().count() > Self::DESCRIPTION_MAX {
            v.check::<()>(Err(FieldError::new(
                "description",
                "too_long",
                format!(
                    "description must be at most {} characters",
                    Self::DESCRIPTION_MAX
                ),
            )));
        }
        v.check(parse_color("color", &self.color));
        let codes = v.check(parse_codes("permissions", &self.permissions));
        v.finish()?;
        Ok(codes.unwrap_or_default())
    }
}

impl PersonalOverrides {
    /// The parsed lists; a code may not be both granted and denied.
    pub fn validate(&self) -> Result<(Vec<Permission>, Vec<Permission>), Vec<FieldError>> {
        let mut v = Validator::new();
        let grant = v.check(parse_codes("grant", &self.grant));
        let deny = v.check(parse_codes("deny", &self.deny));
        if let (Some(grant), Some(deny)) = (&grant, &deny) {
            let both: Vec<&str> = grant
                .iter()
                .filter(|p| deny.contains(p))
                .map(|p| p.code())
                .collect();
            if !both.is_empty() {
                v.check::<()>(Err(FieldError::new(
                    "deny",
                    "conflict",
                    format!("granted and denied at once: {}", both.join(", ")),
                )));
            }
        }
        v.finish()?;
        Ok((grant.unwrap_or_default(), deny.unwrap_or_default()))
    }
}

/// Note 000 §3's "employé", a template for a custom role: per module, what an employee
/// may see, add and change (reservations: view, add, edit; customers: view; menu:
/// view, add, edit; never delete).
pub fn employee_template() -> Vec<Permission> {
    use crate::permissions::code;
    vec![
        code::RESERVATIONS_VIEW,
        code::RESERVATIONS_CREATE,
        code::RESERVATIONS_EDIT,
        code::CUSTOMERS_VIEW,
        code::PRODUCTS_VIEW,
        code::PRODUCTS_CREATE,
        code::PRODUCTS_EDIT,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_is_created_as_owner() {
        let request = CreateMemberRequest {
            email: "lea@example.com".into(),
            name: "Léa".into(),
            temporary_password: "a long kitchen phrase".into(),
            role: SystemRole::Owner,
            custom_role_ids: Vec::new(),
        };
        let errors = request.validate().unwrap_err();
        assert_eq!(
            (errors[0].field.as_str(), errors[0].code.as_str()),
            ("role", "not_assignable")
        );
    }

    #[test]
    fn unknown_codes_are_named() {
        let error = parse_codes(
            "permissions",
            &["orders.create".into(), "orders.fly".into()],
        )
        .unwrap_err();
        assert_eq!(error.code, "unknown_permission");
        assert!(error.message.contains("orders.fly"));
    }

    #[test]
    fn a_code_cannot_be_granted_and_denied_at_once() {
        let overrides = PersonalOverrides {
            grant: vec!["orders.create".into()],
            deny: vec!["orders.create".into()],
        };
        assert_eq!(overrides.validate().unwrap_err()[0].code, "conflict");
    }

    #[test]
    fn colours_are_six_hex_digits() {
        assert_eq!(parse_color("color", "#2F7D5B").unwrap(), "#2f7d5b");
        assert!(parse_color("color", "green").is_err());
        assert!(parse_color("color", "#2f7d5").is_err());
    }
}

debug_without_secrets!(CreateMemberRequest { email, name, role, custom_role_ids } secret { temporary_password });
