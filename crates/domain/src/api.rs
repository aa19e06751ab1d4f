//! The API's request and response bodies. The server serialises them and documents them
//! in OpenAPI; the browser app deserialises the very same types.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::permissions::SystemRole;
use crate::validation::FieldError;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Sign up a new restaurant and its owner.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = crate::validation::schema::RestaurantNameText)
    )]
    pub restaurant_name: String,
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = crate::validation::schema::PersonNameText)
    )]
    pub owner_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::validation::schema::EmailText))]
    pub email: String,
    /// 8 to 128 characters; very common passwords are refused.
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "a long kitchen phrase",
            min_length = 8,
            max_length = 128,
            format = "password"
        )
    )]
    pub password: String,
    /// How many tables the dining room starts with.
    #[cfg_attr(feature = "openapi", schema(example = 12, minimum = 1, maximum = 500))]
    #[serde(deserialize_with = "whole_number")]
    pub table_count: i64,
    /// The language of the email that proves the address; by default French.
    #[serde(default)]
    pub language: Option<crate::invitations::Language>,
}

/// A whole number, written `12` or `12.0` (JSON Schema's `integer` accepts both).
pub(crate) fn whole_number<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<i64, D::Error> {
    whole(serde_json::Number::deserialize(deserializer)?)
}

/// An optional whole number: absent or `null` is `None`.
pub(crate) fn optional_whole_number<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i64>, D::Error> {
    Option::<serde_json::Number>::deserialize(deserializer)?
        .map(whole)
        .transpose()
}

fn whole<E: serde::de::Error>(number: serde_json::Number) -> Result<i64, E> {
    if let Some(whole) = number.as_i64() {
        return Ok(whole);
    }
    match number.as_f64() {
        Some(value) if value.fract() == 0.0 && value.abs() < 9.0e15 => Ok(value as i64),
        _ => Err(E::custom("expected a whole number")),
    }
}

/// Log in with an email and a password.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = crate::validation::schema::EmailText))]
    pub email: String,
    #[cfg_attr(
        feature = "openapi",
        schema(format = "password", min_length = 1, max_length = 1024)
    )]
    pub password: String,
    /// The restaurant to act in; by default the first one the person joined.
    #[serde(default)]
    pub restaurant_id: Option<Uuid>,
}

/// The header a browser sends, with the value [`COOKIE_SESSION`], to keep its refresh
/// token in an HttpOnly cookie instead of the body: no script of the page ever holds
/// it. Integrators leave it out and keep the token themselves.
pub const SESSION_HEADER: &str = "X-Brigade-Session";
/// The value of [`SESSION_HEADER`] that asks for the cookie.
pub const COOKIE_SESSION: &str = "cookie";
/// The HttpOnly cookie (path `/api/v1/auth`, `SameSite=Strict`) the refresh token
/// travels in for a browser that sent [`SESSION_HEADER`].
pub const REFRESH_COOKIE: &str = "brigade_refresh";

/// A refresh token, exchanged for new tokens or revoked at logout. Left out by a
/// browser whose token is in the [`REFRESH_COOKIE`] (with [`SESSION_HEADER`] sent).
#[derive(Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 512))]
    pub refresh_token: Option<String>,
}

/// Tokens issued at sign-up, login and refresh (OAuth 2.0's field names).
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TokenResponse {
    /// A short-lived JWT to send as `Authorization: Bearer …`.
    pub access_token: String,
    /// A single-use opaque token for `/auth/refresh`; absent when it was set in the
    /// `brigade_refresh` cookie instead (the request sent `X-Brigade-Session: cookie`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Always `Bearer`.
    #[cfg_attr(feature = "openapi", schema(example = "Bearer"))]
    pub token_type: String,
    /// Seconds until the access token expires.
    #[cfg_attr(feature = "openapi", schema(example = 900))]
    pub expires_in: u64,
}

/// The person behind an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    /// Whether the person proved they receive mail at this email (a link sent to it).
    #[serde(default)]
    pub email_verified: bool,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

/// One restaurant the person belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RestaurantMembership {
    pub restaurant_id: Uuid,
    pub restaurant_name: String,
    pub membership_id: Uuid,
    pub role: SystemRole,
    pub active: bool,
}

/// A role a member holds: a system role or one of the restaurant's custom roles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HeldRoleRef {
    System {
        role: SystemRole,
    },
    Custom {
        id: Uuid,
        name: String,
        color: String,
    },
}

/// Who is asking, where, and what they may do there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Me {
    pub account: Account,
    /// Every restaurant this person belongs to.
    pub restaurants: Vec<RestaurantMembership>,
    /// The restaurant this session acts in.
    pub active_restaurant_id: Uuid,
    pub membership_id: Uuid,
    /// The primary role in the active restaurant.
    pub role: SystemRole,
    /// Every role held in the active restaurant (their grants are united).
    pub roles: Vec<HeldRoleRef>,
    /// The effective permission codes in the active restaurant, in catalogue order.
    #[cfg_attr(feature = "openapi", schema(example = json!(["orders.view_all", "tables.view"])))]
    pub permissions: Vec<String>,
    pub last_activity_at: Option<DateTime<Utc>>,
    /// True while the account still has the temporary password it was created with:
    /// every other endpoint answers `403 password_change_required` until it is changed.
    #[serde(default)]
    pub password_change_required: bool,
    /// The active restaurant's currency (ISO 4217): every amount is an integer of its
    /// minor units, for everyone who sees prices.
    #[cfg_attr(feature = "openapi", schema(example = "EUR"))]
    pub currency: String,
    /// Its minor unit's decimal places (2 for EUR: 1250 is 12.50 €).
    pub currency_exponent: u8,
}

/// A text in Brigade's three languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LocalizedText {
    pub fr: String,
    pub en: String,
    pub it: String,
}

impl From<&crate::permissions::Labels> for LocalizedText {
    fn from(labels: &crate::permissions::Labels) -> Self {
        Self {
            fr: labels.fr.into(),
            en: labels.en.into(),
            it: labels.it.into(),
        }
    }
}

/// A permission module (a section of the app).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ModuleInfo {
    #[cfg_attr(feature = "openapi", schema(example = "orders"))]
    pub code: String,
    pub labels: LocalizedText,
}

/// One fine permission code of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PermissionInfo {
    #[cfg_attr(feature = "openapi", schema(example = "orders.create"))]
    pub code: String,
    #[cfg_attr(feature = "openapi", schema(example = "orders"))]
    pub module: String,
    pub labels: LocalizedText,
    pub description: String,
}

/// A named bundle of fine codes (note 001's twelve permissions), toggled together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PermissionGroupInfo {
    #[cfg_attr(feature = "openapi", schema(example = "orders.manage"))]
    pub code: String,
    pub labels: LocalizedText,
    pub description: String,
    pub permissions: Vec<String>,
}

/// The whole permission catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PermissionCatalogue {
    pub modules: Vec<ModuleInfo>,
    pub permissions: Vec<PermissionInfo>,
    pub groups: Vec<PermissionGroupInfo>,
}

/// A system role with its defaults and what it grants in this restaurant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SystemRoleInfo {
    pub role: SystemRole,
    pub labels: LocalizedText,
    /// False for the owner: its permissions never change.
    pub editable: bool,
    /// The product's default codes for this role.
    pub default_permissions: Vec<String>,
    /// The codes this role grants in the active restaurant (defaults with its overrides).
    pub permissions: Vec<String>,
    /// Active members whose primary role this is.
    pub member_count: u64,
}

/// A role the restaurant defined itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CustomRoleInfo {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    #[cfg_attr(feature = "openapi", schema(example = "#2f855a"))]
    pub color: String,
    pub permissions: Vec<String>,
    pub member_count: u64,
}

/// The restaurant's roles: the six system roles and its custom roles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RoleList {
    pub system: Vec<SystemRoleInfo>,
    pub custom: Vec<CustomRoleInfo>,
}

/// A person in the active restaurant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Member {
    pub id: Uuid,
    pub account_id: Uuid,
    /// The name this restaurant gives the member: the one it set when renaming them,
    /// else the person's own.
    pub name: String,
    pub email: String,
    /// Whether the person proved they receive mail at `email`. An account a restaurant
    /// created for an email is unproven, and joins no other restaurant until it is.
    pub email_verified: bool,
    pub role: SystemRole,
    pub roles: Vec<HeldRoleRef>,
    pub active: bool,
    pub last_activity_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many items match the filters, across all pages.
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

/// A page of members.
pub type MemberPage = Page<Member>;
/// A page of audit entries.
pub type AuditPage = Page<AuditEntry>;

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AuditEntry {
    pub id: Uuid,
    /// The entry's number in its restaurant's chain (none for entries written before
    /// the chain began).
    pub seq: Option<i64>,
    /// What happened, as a sentence in the language asked for, in the restaurant's
    /// time zone: "Le 01/07 à 18h02 — Léa Martin a modifié le rôle Barman".
    pub sentence: String,
    pub actor_account_id: Option<Uuid>,
    /// The actor's name in this restaurant, when they are (or were) a member.
    pub actor_name: Option<String>,
    /// The actor's role in this restaurant today.
    pub actor_role: Option<String>,
    /// The thing concerned, by name ("Léa Martin", "Barman", "T12").
    pub subject: Option<String>,
    /// A security or session event (logins, failures, lock-outs, refreshes).
    pub security: bool,
    #[cfg_attr(feature = "openapi", schema(example = "auth.login"))]
    pub action: String,
    #[cfg_attr(feature = "openapi", schema(example = "session"))]
    pub entity: String,
    pub entity_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub client_addr: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// An RFC 9457 problem, the body of every error response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Problem {
    /// A URI naming the problem type (`about:blank` style identifiers under /problems/).
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The stable machine-readable code.
    pub code: crate::errors::ErrorCode,
    /// Per-field reasons, for `validation_failed`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The permission the caller lacks, for `permission_denied`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_permission: Option<String>,
    /// The codes beyond the caller's own permissions, for `exceeds_own_permissions`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceeding_permissions: Vec<String>,
    /// The request's id (also its `x-request-id` header), to quote when reporting a
    /// problem: the server's logs for that request carry it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Whom to ask for a new link, for an invitation that expired, was cancelled or
    /// was already used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// The restaurant behind an invitation, and its owner to contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Contact {
    pub restaurant_name: String,
    pub owner_name: String,
    pub owner_email: String,
}

/// `GET /health` and `GET /ready`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct HealthStatus {
    #[cfg_attr(feature = "openapi", schema(example = "ok"))]
    pub status: String,
}

/// A sign-up whose every field passed its rule.
#[derive(Debug, Clone)]
pub struct ValidSignup {
    pub restaurant_name: crate::validation::RestaurantName,
    pub owner_name: crate::validation::PersonName,
    pub email: crate::validation::Email,
    pub password: crate::validation::Password,
    pub table_count: crate::validation::TableCount,
}

impl SignupRequest {
    /// Checks every field, reporting all invalid ones at once.
    pub fn validate(&self) -> Result<ValidSignup, Vec<FieldError>> {
        use crate::validation::*;
        let mut v = Validator::new();
        let restaurant_name = v.check(RestaurantName::parse(
            "restaurant_name",
            &self.restaurant_name,
        ));
        let owner_name = v.check(PersonName::parse("owner_name", &self.owner_name));
        let email = v.check(Email::parse("email", &self.email));
        let password = v.check(Password::parse("password", &self.password));
        let table_count = v.check(TableCount::parse("table_count", self.table_count));
        match (restaurant_name, owner_name, email, password, table_count) {
            (
                Some(restaurant_name),
                Some(owner_name),
                Some(email),
                Some(password),
                Some(table_count),
            ) => Ok(ValidSignup {
                restaurant_name,
                owner_name,
                email,
                password,
                table_count,
            }),
            _ => Err(v.finish().err().unwrap_or_default()),
        }
    }
}

impl LoginRequest {
    /// Checks the shape of the fields only: the password policy applies to new
    /// passwords, not to logins.
    pub fn validate(&self) -> Result<crate::validation::Email, Vec<FieldError>> {
        use crate::validation::*;
        let mut v = Validator::new();
        let email = v.check(Email::parse("email", &self.email));
        if self.password.is_empty() {
            v.check::<()>(Err(FieldError::new(
                "password",
                "required",
                "password is required",
            )));
        } else if self.password.chars().count() > 1024 {
            v.check::<()>(Err(FieldError::new(
                "password",
                "too_long",
                "password must be at most 1024 characters",
            )));
        }
        match (email, v.finish()) {
            (Some(email), Ok(())) => Ok(email),
            (_, Err(errors)) => Err(errors),
            (None, Ok(())) => Err(Vec::new()),
        }
    }
}

/// Change the signed-in person's own profile.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateProfileRequest {
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = crate::validation::schema::PersonNameText)
    )]
    pub name: String,
}

impl UpdateProfileRequest {
    pub fn validate(&self) -> Result<crate::validation::PersonName, Vec<FieldError>> {
        crate::validation::PersonName::parse("name", &self.name).map_err(|error| vec![error])
    }
}

/// Change the signed-in person's password: the current one proves it is them.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[cfg_attr(
        feature = "openapi",
        schema(format = "password", min_length = 1, max_length = 1024)
    )]
    pub current_password: String,
    /// 8 to 128 characters; very common passwords are refused.
    #[cfg_attr(
        feature = "openapi",
        schema(format = "password", min_length = 8, max_length = 128)
    )]
    pub new_password: String,
}

impl ChangePasswordRequest {
    /// Checks both fields at once; whether the current password is right is the
    /// server's business (`current_password` / `incorrect`).
    pub fn validate(&self) -> Result<crate::validation::Password, Vec<FieldError>> {
        use crate::validation::*;
        let mut v = Validator::new();
        if self.current_password.is_empty() {
            v.check::<()>(Err(FieldError::new(
                "current_password",
                "required",
                "current_password is required",
            )));
        } else if self.current_password.chars().count() > 1024 {
            v.check::<()>(Err(FieldError::new(
                "current_password",
                "too_long",
                "current_password must be at most 1024 characters",
            )));
        }
        let new_password = v.check(Password::parse("new_password", &self.new_password));
        if new_password.is_some() && self.new_password == self.current_password {
            v.check::<()>(Err(FieldError::new(
                "new_password",
                "unchanged",
                "new_password must differ from the current password",
            )));
        }
        match (new_password, v.finish()) {
            (Some(password), Ok(())) => Ok(password),
            (_, Err(errors)) => Err(errors),
            (None, Ok(())) => Err(Vec::new()),
        }
    }
}

/// Act in another of the person's restaurants.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SwitchRestaurantRequest {
    pub restaurant_id: Uuid,
}

/// How many items a list returns by default and at most.
pub const DEFAULT_PAGE_SIZE: u64 = 50;
pub const MAX_PAGE_SIZE: u64 = 100;

/// `limit` and `offset` of a list request.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PageQuery {
    /// 1 to 100; 50 by default.
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u64>,
    /// How many items to skip; 0 by default.
    #[cfg_attr(feature = "openapi", param(minimum = 0))]
    pub offset: Option<u64>,
}

impl PageQuery {
    pub fn validate(&self) -> Result<(u64, u64), Vec<FieldError>> {
        let limit = self.limit.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(1..=MAX_PAGE_SIZE).contains(&limit) {
            return Err(vec![FieldError::new(
                "limit",
                "out_of_range",
                format!("limit must be between 1 and {MAX_PAGE_SIZE}"),
            )]);
        }
        let offset = self.offset.unwrap_or(0);
        if offset > i64::MAX as u64 {
            return Err(vec![FieldError::new(
                "offset",
                "out_of_range",
                "offset is too large",
            )]);
        }
        Ok((limit, offset))
    }
}

#[cfg(test)]
mod profile_tests {
    use super::*;

    #[test]
    fn a_new_password_equal_to_the_current_one_is_refused() {
        let request = ChangePasswordRequest {
            current_password: "a long kitchen phrase".into(),
            new_password: "a long kitchen phrase".into(),
        };
        let errors = request.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].field.as_str(), errors[0].code.as_str()),
            ("new_password", "unchanged")
        );
    }

    #[test]
    fn an_empty_current_password_and_a_short_new_one_are_both_reported() {
        let request = ChangePasswordRequest {
            current_password: String::new(),
            new_password: "short".into(),
        };
        let codes: Vec<_> = request
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("current_password".to_owned(), "required".to_owned()),
                ("new_password".to_owned(), "too_short".to_owned())
            ]
        );
    }
}

debug_without_secrets!(SignupRequest { restaurant_name, owner_name, email, table_count, language } secret { password });
debug_without_secrets!(LoginRequest { email, restaurant_id } secret { password });
debug_without_secrets!(RefreshRequest {} secret { refresh_token });
debug_without_secrets!(TokenResponse { token_type, expires_in } secret { access_token, refresh_token });
debug_without_secrets!(ChangePasswordRequest {} secret { current_password, new_password });

#[cfg(test)]
mod secrets_tests {
    use super::*;

    #[test]
    fn requests_and_answers_with_secrets_never_print_them() {
        let printed = [
            format!(
                "{:?}",
                LoginRequest {
                    email: "ana@example.com".into(),
                    password: "hunter2-secret".into(),
                    restaurant_id: None,
                }
            ),
            format!(
                "{:?}",
                RefreshRequest {
                    refresh_token: Some("rt-secret".into())
                }
            ),
            format!(
                "{:?}",
                TokenResponse {
                    access_token: "at-secret".into(),
                    refresh_token: Some("rt-secret".into()),
                    token_type: "Bearer".into(),
                    expires_in: 900,
                }
            ),
            format!(
                "{:?}",
                ChangePasswordRequest {
                    current_password: "old-secret".into(),
                    new_password: "new-secret".into(),
                }
            ),
            format!(
                "{:?}",
                SignupRequest {
                    restaurant_name: "Chez Ana".into(),
                    owner_name: "Ana".into(),
                    email: "ana@example.com".into(),
                    password: "hunter2-secret".into(),
                    table_count: 4,
                    language: None,
                }
            ),
        ];
        for line in &printed {
            assert!(!line.contains("secret"), "{line}");
            assert!(line.contains("***"), "{line}");
        }
        assert!(printed[0].contains("ana@example.com"));
    }
}
