//! The invitations' rules as plain functions.

use brigade_domain::errors::ErrorCode;
use brigade_domain::invitations::InvitationStatus;
use chrono::{DateTime, Utc};

use crate::platform::ApiError;

/// Why a link that names an invitation cannot be used: the problem its follower sees.
pub fn unusable(
    status: InvitationStatus,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ApiError {
    let code = match status {
        InvitationStatus::Accepted => ErrorCode::InvitationUsed,
        InvitationStatus::Cancelled => ErrorCode::InvitationCancelled,
        InvitationStatus::Expired => ErrorCode::InvitationExpired,
        InvitationStatus::Pending if expires_at <= now => ErrorCode::InvitationExpired,
        // A pending, unexpired invitation whose link was replaced by a resend.
        InvitationStatus::Pending => ErrorCode::InvitationInvalid,
    };
    ApiError::Code(code, None)
}

/// What the follower of a link that names no invitation sees.
pub fn unknown() -> ApiError {
    ApiError::Code(ErrorCode::InvitationInvalid, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn a_pending_invitation_past_its_deadline_reads_as_expired() {
        let now = Utc::now();
        let error = unusable(InvitationStatus::Pending, now - Duration::seconds(1), now);
        assert_eq!(error.code(), ErrorCode::InvitationExpired);
    }

    #[test]
    fn an_accepted_invitation_reads_as_used_and_a_cancelled_one_as_cancelled() {
        let now = Utc::now();
        let later = now + Duration::hours(1);
        assert_eq!(
            unusable(InvitationStatus::Accepted, later, now).code(),
            ErrorCode::InvitationUsed
        );
        assert_eq!(
            unusable(InvitationStatus::Cancelled, later, now).code(),
            ErrorCode::InvitationCancelled
        );
    }
}
