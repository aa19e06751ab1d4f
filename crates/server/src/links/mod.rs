//! One-time links sent by email — invitations, password resets, email verifications —
//! under one set of rules: a secret of 48 bytes from the operating system's generator
//! (64 URL-safe characters), stored only as its SHA-256 hash, valid until a deadline,
//! used at most once (a conditional update decides, so two uses at once cannot both
//! succeed, on any number of replicas).

pub mod store;

/// Checks and uses of links from one client address in a minute.
pub const ATTEMPTS_PER_MINUTE: u64 = 10;

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Invitation,
    PasswordReset,
    VerifyEmail,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Invitation => "invitation",
            Purpose::PasswordReset => "password_reset",
            Purpose::VerifyEmail => "verify_email",
        }
    }
}

/// A new secret: the value for the link and the hash to store.
pub fn new_secret() -> (String, String) {
    let mut bytes = [0u8; 48];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash(&secret);
    (secret, hash)
}

/// The stored form of a secret.
pub fn hash(secret: &str) -> String {
    hash_bytes(secret.as_bytes())
}

/// SHA-256, in hex.
pub fn hash_bytes(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Refuses a secret that is empty or longer than any link carries, on the field that
/// holds it (`422`), before anything is looked up.
pub fn require_present(secret: &str) -> crate::platform::ApiResult<()> {
    use brigade_domain::validation::FieldError;
    let error = if secret.is_empty() {
        FieldError::new("token", "required", "the link's token is required")
    } else if secret.len() > 200 {
        FieldError::new(
            "token",
            "too_long",
            "a link's token is at most 200 characters",
        )
    } else {
        return Ok(());
    };
    Err(crate::platform::ApiError::Validation(vec![error]))
}

/// Whether a presented secret is shaped like one of ours (anything else is refused
/// before the database is asked).
pub fn well_formed(secret: &str) -> bool {
    secret.len() == brigade_domain::invitations::TOKEN_LENGTH
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_64_url_safe_characters_and_never_repeats() {
        let (one, one_hash) = new_secret();
        let (two, _) = new_secret();
        assert_eq!(one.len(), 64);
        assert!(well_formed(&one));
        assert_ne!(one, two);
        assert_eq!(one_hash, hash(&one));
        assert_ne!(one_hash, one);
    }

    #[test]
    fn a_secret_of_another_shape_is_refused_before_any_lookup() {
        assert!(!well_formed("short"));
        assert!(!well_formed(&"a".repeat(63)));
        assert!(!well_formed(&format!("{}=", "a".repeat(63))));
    }
}
