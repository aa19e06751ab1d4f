//! The one error type of the HTTP layer. Every failure becomes an RFC 9457
//! `application/problem+json` response with a stable `code` from the domain's
//! catalogue and the request's id. Internal causes, with what was being done when they
//! happened (`anyhow::Context` on every database call), are logged in full inside the
//! request's span and never sent to the client.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use brigade_domain::api::{Contact, Problem};
use brigade_domain::errors::ErrorCode;
use brigade_domain::permissions::{Permission, PermissionSet};
use brigade_domain::validation::FieldError;

use crate::telemetry;

pub type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    Code(ErrorCode, Option<String>),
    #[error("missing permission {0}")]
    PermissionDenied(Permission),
    #[error("exceeds the caller's own permissions")]
    ExceedsOwnPermissions(PermissionSet),
    #[error("too many attempts; retry in {retry_after_secs}s")]
    TooManyAttempts { retry_after_secs: u64 },
    #[error("{0}")]
    WithContact(ErrorCode, Box<Contact>),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Validation(_) => ErrorCode::ValidationFailed,
            ApiError::Code(code, _) | ApiError::WithContact(code, _) => *code,
            ApiError::PermissionDenied(_) => ErrorCode::PermissionDenied,
            ApiError::ExceedsOwnPermissions(_) => ErrorCode::ExceedsOwnPermissions,
            ApiError::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn not_found() -> Self {
        ApiError::Code(ErrorCode::NotFound, None)
    }

    pub fn with_detail(code: ErrorCode, detail: impl Into<String>) -> Self {
        ApiError::Code(code, Some(detail.into()))
    }

    /// One invalid field.
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, code, message.into())])
    }

    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        let code = self.code();
        let exceeding_permissions = match self {
            ApiError::ExceedsOwnPermissions(codes) => {
                codes.codes().into_iter().map(str::to_owned).collect()
            }
            _ => Vec::new(),
        };
        let (detail, errors, missing_permission) = match self {
            ApiError::Validation(errors) => (
                Some(format!("{} field(s) are invalid", errors.len())),
                errors.clone(),
                None,
            ),
            ApiError::Code(_, detail) => (detail.clone(), Vec::new(), None),
            ApiError::WithContact(_, contact) => (
                Some(format!(
                    "ask {} ({}), who runs {}, for a new invitation",
                    contact.owner_name, contact.owner_email, contact.restaurant_name
                )),
                Vec::new(),
                None,
            ),
            ApiError::PermissionDenied(permission) => (
                Some(format!("this action needs the permission `{permission}`")),
                Vec::new(),
                Some(permission.code().to_owned()),
            ),
            ApiError::ExceedsOwnPermissions(codes) => (
                Some(format!(
                    "you do not hold these permissions yourself: {}",
                    codes.codes().join(", ")
                )),
                Vec::new(),
                None,
            ),
            ApiError::TooManyAttempts { retry_after_secs } => (
                Some(format!("try again in {retry_after_secs} seconds")),
                Vec::new(),
                None,
            ),
            ApiError::Internal(_) => (
                Some(
                    "something went wrong on our side; quote the request id when reporting it"
                        .into(),
                ),
                Vec::new(),
                None,
            ),
        };
        Problem {
            kind: format!("/problems/{}", code.as_str()),
            title: code.title().to_owned(),
            status: code.status(),
            detail,
            code,
            errors,
            missing_permission,
            exceeding_permissions,
            request_id: telemetry::current_request_id(),
            contact: match self {
                ApiError::WithContact(_, contact) => Some((**contact).clone()),
                _ => None,
            },
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(error: anyhow::Error) -> Self {
        ApiError::Internal(error)
    }
}

/// Renders a problem with the right status and media type.
pub fn problem_response(problem: &Problem) -> HttpResponse {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, "application/problem+json"))
        .json(problem)
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code().status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(cause) = self {
            tracing::error!(error = chain(cause), "request failed");
        }
        let mut response = problem_response(&self.problem());
        if let ApiError::TooManyAttempts { retry_after_secs } = self {
            if let Ok(value) = header::HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

/// The whole chain of an error — what was being done, then why it failed — each cause
/// once (a database error's message already repeats the causes beneath it).
fn chain(error: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let message = cause.to_string();
        if !parts.last().is_some_and(|last| last.contains(&message)) {
            parts.push(message);
        }
    }
    parts.join(": ")
}

/// Maps a unique-index violation to `error`, and anything else to an internal error
/// saying what was being done.
pub fn unique_or(error: sea_orm::DbErr, taken: ApiError, doing: &'static str) -> ApiError {
    match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => taken,
        _ => ApiError::Internal(anyhow::Error::new(error).context(doing)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_chain_names_each_cause_once() {
        #[derive(Debug, thiserror::Error)]
        #[error("database said no: {0}")]
        struct Outer(#[source] Inner);
        #[derive(Debug, thiserror::Error)]
        #[error("disk full")]
        struct Inner;
        let error = anyhow::Error::new(Outer(Inner)).context("saving a member");
        assert_eq!(
            chain(&error),
            "saving a member: database said no: disk full"
        );
    }
}
