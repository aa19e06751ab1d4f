//! The wire types of invitations by email (note 001 §B) and of account recovery: an
//! invitation and its outcome, checking and accepting a link, resetting a password
//! and proving an email. Their validation lives here, shared by server and app.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::api::Member;
use crate::permissions::SystemRole;
use crate::team::PersonalOverrides;
use crate::validation::{Email, FieldError, Password, PersonName, Validator};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// How long an invitation's link works.
pub const INVITATION_HOURS: i64 = 72;
/// How long a password reset link works.
pub const PASSWORD_RESET_MINUTES: i64 = 60;
/// How long an email verification link works.
pub const EMAIL_VERIFICATION_HOURS: i64 = 72;
/// A link's secret: 32 random bytes, URL-safe base64 without padding is 43
/// characters; Brigade's are 64 (48 bytes, 384 bits).
pub const TOKEN_LENGTH: usize = 64;

/// The language of a message Brigade sends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Fr,
    En,
    It,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
            Language::It => "it",
        }
    }

    pub fn parse(raw: &str) -> Option<Language> {
        match raw {
            "fr" => Some(Language::Fr),
            "en" => Some(Language::En),
            "it" => Some(Language::It),
            _ => None,
        }
    }
}

/// Where an invitation stands. `expired` is decided when the list is read or the
/// link followed, 72 hours after it was (re)sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    Pending,
    Expired,
    Accepted,
    Cancelled,
}

impl InvitationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "pending",
            InvitationStatus::Expired => "expired",
            InvitationStatus::Accepted => "accepted",
            InvitationStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Option<InvitationStatus> {
        match raw {
            "pending" => Some(InvitationStatus::Pending),
            "expired" => Some(InvitationStatus::Expired),
            "accepted" => Some(InvitationStatus::Accepted),
            "cancelled" => Some(InvitationStatus::Cancelled),
            _ => None,
        }
    }
}

/// Who sent an invitation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Inviter {
    pub account_id: Uuid,
    pub name: String,
}

/// An invitation, as the team page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Invitation {
    pub id: Uuid,
    pub email: String,
    pub role: SystemRole,
    pub custom_role_ids: Vec<Uuid>,
    pub overrides: PersonalOverrides,
    pub language: Language,
    pub status: InvitationStatus,
    pub invited_by: Inviter,
    pub created_at: DateTime<Utc>,
    /// When the link was last sent (the creation, or the latest resend).
    pub sent_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Invite a person by email (note 001 B1, tab 1).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateInvitationRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = crate::validation::schema::EmailText))]
    pub email: String,
    /// The primary role; never `owner`.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::team::AssignableRole))]
    pub role: SystemRole,
    /// Custom roles held on top of the primary role.
    #[serde(default)]
    pub custom_role_ids: Vec<Uuid>,
    /// Personal overrides the member starts with (needs `staff.manage_roles`).
    #[serde(default)]
    pub overrides: Option<PersonalOverrides>,
    /// The language of the email; by default French.
    #[serde(default)]
    pub language: Option<Language>,
}

impl CreateInvitationRequest {
    pub fn validate(&self) -> Result<Email, Vec<FieldError>> {
        let mut v = Validator::new();
        let email = v.check(Email::parse("email", &self.email));
        v.check(crate::team::assignable("role", self.role));
        if let Some(overrides) = &self.overrides {
            if let Err(errors) = overrides.validate() {
                for error in errors {
                    v.check::<()>(Err(FieldError {
                        field: format!("overrides.{}", error.field),
                        ..error
                    }));
                }
            }
        }
        v.finish()?;
        email.ok_or_else(Vec::new)
    }
}

/// What inviting did: the person joined at once (their email has a verified Brigade
/// account), or an invitation was sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum InviteOutcome {
    /// The person already had a verified account and is now a member; they were told
    /// by email.
    Added { member: Member },
    /// An invitation was created, or the pending one for this email refreshed, and its
    /// link sent.
    Invited { invitation: Invitation },
}

/// A link's secret, sent back to check or use it (never in a URL the server sees).
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub token: String,
}

debug_without_secrets!(TokenRequest {} secret { token });

/// Whether the invited email's account must sign in, be created, or be taken over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InviteeAccount {
    /// A verified account: the person logs in with its password to accept.
    Existing,
    /// No account: the person gives their name and chooses a password.
    New,
    /// An account nobody proved (a restaurant created it for this email): accepting
    /// as for a new account hands it to the email's holder, whose name and password
    /// replace the old ones.
    Unproven,
}

/// What a valid invitation link shows before it is accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct InvitationPreview {
    pub restaurant_name: String,
    pub email: String,
    pub role: SystemRole,
    pub inviter_name: String,
    pub expires_at: DateTime<Utc>,
    pub account: InviteeAccount,
}

/// Accept an invitation: with the account's password when it exists (and is
/// verified), else with a name and a new password.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitationRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub token: String,
    /// For a new account only.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = Option<crate::validation::schema::PersonNameText>)
    )]
    pub name: Option<String>,
    /// The existing account's password, or the new account's (8 to 128 characters).
    #[cfg_attr(feature = "openapi", schema(format = "password", max_length = 128))]
    pub password: String,
}

debug_without_secrets!(AcceptInvitationRequest { name } secret { token, password });

impl AcceptInvitationRequest {
    /// The checks that need no database: a new account's name and password.
    pub fn validate_new(&self) -> Result<(PersonName, Password), Vec<FieldError>> {
        let mut v = Validator::new();
        let name = v.check(PersonName::parse(
            "name",
            self.name.as_deref().unwrap_or(""),
        ));
        let password = v.check(Password::parse("password", &self.password));
        v.finish()?;
        match (name, password) {
            (Some(name), Some(password)) => Ok((name, password)),
            _ => Err(Vec::new()),
        }
    }
}

/// Ask for a password reset link.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = crate::validation::schema::EmailText))]
    pub email: String,
    /// The email's language; by default French.
    #[serde(default)]
    pub language: Option<Language>,
}

impl PasswordResetRequest {
    pub fn validate(&self) -> Result<Email, Vec<FieldError>> {
        Email::parse("email", &self.email).map_err(|e| vec![e])
    }
}

/// Choose a new password with a reset link's secret.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompletePasswordResetRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub token: String,
    #[cfg_attr(
        feature = "openapi",
        schema(format = "password", min_length = 8, max_length = 128)
    )]
    pub password: String,
}

debug_without_secrets!(CompletePasswordResetRequest {} secret { token, password });

impl CompletePasswordResetRequest {
    pub fn validate(&self) -> Result<Password, Vec<FieldError>> {
        Password::parse("password", &self.password).map_err(|e| vec![e])
    }
}

/// Ask for a new email verification link.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VerificationRequest {
    /// The email's language; by default French.
    #[serde(default)]
    pub language: Option<Language>,
}

/// Prove an email: the link's secret and a new password for the account, chosen now by
/// the email's holder (never the current one), so no password someone else chose
/// survives the proof.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VerifyEmailRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub token: String,
    #[cfg_attr(
        feature = "openapi",
        schema(format = "password", min_length = 8, max_length = 128)
    )]
    pub password: String,
}

debug_without_secrets!(VerifyEmailRequest {} secret { token, password });

/// Give a member a new temporary password.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetMemberPasswordRequest {
    /// `true`: email it to the member instead of showing it.
    #[serde(default)]
    pub send_by_email: bool,
    /// The email's language; by default French.
    #[serde(default)]
    pub language: Option<Language>,
}

/// The new temporary password, shown once (absent when it was emailed).
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TemporaryPassword {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary_password: Option<String>,
    pub sent_by_email: bool,
}

debug_without_secrets!(TemporaryPassword { sent_by_email } secret { temporary_password });

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn inviting_as_owner_is_refused_on_the_role_field() {
        let request = CreateInvitationRequest {
            email: "chef@example.com".into(),
            role: SystemRole::Owner,
            custom_role_ids: vec![],
            overrides: None,
            language: None,
        };
        let errors = request.validate().unwrap_err();
        assert_eq!(errors[0].field, "role");
        assert_eq!(errors[0].code, "not_assignable");
    }

    #[test]
    fn an_override_code_that_does_not_exist_is_named_under_overrides() {
        let request = CreateInvitationRequest {
            email: "chef@example.com".into(),
            role: SystemRole::Chef,
            custom_role_ids: vec![],
            overrides: Some(PersonalOverrides {
                grant: vec!["orders.fly".into()],
                deny: vec![],
            }),
            language: Some(Language::It),
        };
        let errors = request.validate().unwrap_err();
        assert!(errors[0].field.starts_with("overrides.grant"), "{errors:?}");
    }

    #[test]
    fn a_new_account_needs_a_name_and_a_strong_password() {
        let request = AcceptInvitationRequest {
            token: "t".into(),
            name: None,
            password: "password".into(),
        };
        let errors = request.validate_new().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "password"]);
    }
}
