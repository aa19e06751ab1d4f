//! The stable, machine-readable error codes of the API. Each code has one HTTP status
//! and one English title; the browser app translates by code. Every `problem+json`
//! response carries exactly one of these.

use serde::{Deserialize, Serialize};

macro_rules! error_codes {
    ($($variant:ident => ($code:literal, $status:literal, $title:literal)),+ $(,)?) => {
        /// A stable error code, serialised as snake_case in `problem+json`'s `code`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorCode { $($variant),+ }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            /// The code as it appears on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code),+ }
            }

            /// The HTTP status that always accompanies this code.
            pub fn status(self) -> u16 {
                match self { $(ErrorCode::$variant => $status),+ }
            }

            /// A short English summary, RFC 9457's `title`.
            pub fn title(self) -> &'static str {
                match self { $(ErrorCode::$variant => $title),+ }
            }
        }
    };
}

error_codes! {
    ValidationFailed => ("validation_failed", 422, "The request has invalid fields"),
    MalformedBody => ("malformed_body", 400, "The request body is not valid JSON for this operation"),
    PayloadTooLarge => ("payload_too_large", 413, "The request body is too large"),
    UnsupportedMediaType => ("unsupported_media_type", 415, "The request body is not of a media type this operation accepts"),
    InvalidParameter => ("invalid_parameter", 400, "A path or query parameter is invalid"),
    Unauthenticated => ("unauthenticated", 401, "A valid access token is required"),
    InvalidCredentials => ("invalid_credentials", 401, "The email or password is incorrect"),
    InvalidRefreshToken => ("invalid_refresh_token", 401, "The refresh token is invalid, expired or revoked"),
    PermissionDenied => ("permission_denied", 403, "You do not have the permission this action needs"),
    NotAMember => ("not_a_member", 403, "You are not an active member of this restaurant"),
    NotFound => ("not_found", 404, "The resource does not exist"),
    MethodNotAllowed => ("method_not_allowed", 405, "The method is not allowed on this resource"),
    EmailTaken => ("email_taken", 409, "An account with this email already exists; log in instead"),
    AlreadyMember => ("already_member", 409, "This person is already a member of this restaurant"),
    ExceedsOwnPermissions => ("exceeds_own_permissions", 403, "This would give or touch permissions you do not hold yourself"),
    OwnerProtected => ("owner_protected", 403, "The owner cannot be changed this way"),
    OwnerOnly => ("owner_only", 403, "Only the owner of the restaurant can do this"),
    PasswordChangeRequired => ("password_change_required", 403, "Change your temporary password first"),
    RoleNameTaken => ("role_name_taken", 409, "A role with this name already exists in the restaurant"),
    RoleInUse => ("role_in_use", 409, "Members hold this role; say which role they move to"),
    InvitationInvalid => ("invitation_invalid", 404, "This invitation link is not valid; ask the restaurant for a new one"),
    InvitationExpired => ("invitation_expired", 410, "This invitation has expired; ask the restaurant to send it again"),
    InvitationCancelled => ("invitation_cancelled", 410, "This invitation was cancelled by the restaurant"),
    InvitationUsed => ("invitation_used", 410, "This invitation has already been accepted"),
    InvitationClosed => ("invitation_closed", 409, "This invitation was already accepted or cancelled"),
    WrongAccount => ("wrong_account", 403, "This invitation is for another email address"),
    LinkInvalid => ("link_invalid", 404, "This link is invalid, has expired or was already used; ask for a new one"),
    ProvenAccount => ("proven_account", 409, "This person proved their email: they reset their own password from the login page"),
    OwnerCannotLeave => ("owner_cannot_leave", 409, "The owner cannot leave the restaurant; transfer ownership first"),
    PrefixTaken => ("prefix_taken", 409, "Another zone of the restaurant uses this prefix"),
    FloorNotEmpty => ("floor_not_empty", 409, "The restaurant already has zones; add tables to them instead"),
    OnboardingIncomplete => ("onboarding_incomplete", 409, "The establishment and tables steps come before the launch"),
    FloorFull => ("floor_full", 409, "The restaurant has as many zones or tables as it may have"),
    CategoryNotEmpty => ("category_not_empty", 409, "The category still has products; move or delete them first"),
    MenuFull => ("menu_full", 409, "The menu has as many categories or products as it may have"),
    OutOfStock => ("out_of_stock", 409, "There is not enough of this item in stock"),
    NotTracked => ("not_tracked", 409, "This item's stock is not tracked; start tracking it first"),
    UpgradeRequired => ("upgrade_required", 426, "This address speaks WebSocket only"),
    TooManyAttempts => ("too_many_attempts", 429, "Too many failed attempts; try again later"),
    Internal => ("internal", 500, "An unexpected error occurred"),
    Unavailable => ("unavailable", 503, "The service is temporarily unavailable"),
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_serialises_as_its_wire_string() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_value(code).unwrap_or_default();
            assert_eq!(json, serde_json::Value::String(code.as_str().into()));
        }
    }

    #[test]
    fn every_code_has_an_error_status() {
        for code in ErrorCode::ALL {
            assert!((400..600).contains(&code.status()), "{code}");
        }
    }
}
