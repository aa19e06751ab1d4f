//! Password hashing with argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane),
//! always off the async executor. Unknown emails get a verify against a dummy hash so
//! the response time does not reveal whether an account exists.

use std::sync::OnceLock;

use anyhow::Context;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};

fn hasher() -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None)
        .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_now(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow::anyhow!("argon2 hash: {e}"))
}

fn verify_now(password: &str, encoded: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(encoded) else {
        return false;
    };
    hasher()
        .map(|argon| argon.verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_now("brigade-dummy-password").unwrap_or_default())
}

/// At most this many hashes run at once (each holds 19 MiB); the rest wait their turn,
/// so a flood of logins queues instead of exhausting memory.
fn hashing_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(cores * 2)
    })
}

/// Hashes a new password on the blocking pool.
pub async fn hash(password: String) -> anyhow::Result<String> {
    let _slot = hashing_slots()
        .acquire()
        .await
        .context("hashing slots closed")?;
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .context("password hashing task")?
}

/// Verifies a password against a stored hash, or against a dummy hash when there is no
/// account, on the blocking pool.
pub async fn verify(password: String, stored: Option<String>) -> anyhow::Result<bool> {
    let _slot = hashing_slots()
        .acquire()
        .await
        .context("hashing slots closed")?;
    tokio::task::spawn_blocking(move || match stored {
        Some(encoded) => verify_now(&password, &encoded),
        None => {
            verify_now(&password, dummy_hash());
            false
        }
    })
    .await
    .context("password verification task")
}

/// Computes the dummy hash ahead of the first login.
pub fn warm_up() {
    let _ = dummy_hash();
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hashed_password_verifies_and_another_does_not() {
        let stored = hash("a long kitchen phrase".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("a long kitchen phrase".into(), Some(stored.clone()))
            .await
            .unwrap());
        assert!(!verify("another phrase".into(), Some(stored)).await.unwrap());
    }

    #[tokio::test]
    async fn an_unknown_account_never_verifies() {
        assert!(!verify("brigade-dummy-password".into(), None).await.unwrap());
    }
}
