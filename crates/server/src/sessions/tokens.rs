//! Access tokens (HS256 JWTs checked for signature, algorithm, expiry, issuer and
//! audience) and opaque refresh tokens (random, given to the client once, stored only
//! as their SHA-256).

use std::time::Duration;

use base64::Engine;
use chrono::Utc;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::config::{Settings, TOKEN_AUDIENCE, TOKEN_ISSUER};

/// What an access token says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct AccessClaims {
    /// The account.
    pub sub: Uuid,
    /// The session (refresh-token family) it was issued from.
    pub sid: Uuid,
    /// The restaurant it acts in.
    pub rid: Uuid,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

/// Keys and rules for access tokens, built once at start-up.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pub access_ttl: Duration,
    pub session_idle: Duration,
    pub session_lifetime: Duration,
}

impl TokenKeys {
    pub fn new(settings: &Settings) -> Self {
        let secret = settings.jwt_secret.expose().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.set_issuer(&[TOKEN_ISSUER]);
        validation.set_audience(&[TOKEN_AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            access_ttl: settings.access_token_ttl,
            session_idle: settings.session_idle,
            session_lifetime: settings.session_lifetime,
        }
    }

    /// Issues an access token for an account acting in a restaurant within a session,
    /// never valid past `until` (the session's end). Returns it with its lifetime in
    /// seconds.
    pub fn issue_access(
        &self,
        account: Uuid,
        session: Uuid,
        restaurant: Uuid,
        until: i64,
    ) -> anyhow::Result<(String, u64)> {
        let now = Utc::now().timestamp();
        let exp = (now + self.access_ttl.as_secs() as i64)
            .min(until)
            .max(now + 1);
        let claims = AccessClaims {
            sub: account,
            sid: session,
            rid: restaurant,
            iat: now,
            exp,
            iss: TOKEN_ISSUER.into(),
            aud: TOKEN_AUDIENCE.into(),
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?;
        Ok((token, (exp - now) as u64))
    }

    /// Checks a presented access token; `None` for anything not valid right now.
    pub fn verify_access(&self, token: &str) -> Option<AccessClaims> {
        decode::<AccessClaims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|data| data.claims)
    }
}

/// A new refresh token: the value for the client and the hash to store.
pub fn new_refresh_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_refresh_token(&token);
    (token, hash)
}

/// The stored form of a refresh token.
pub fn hash_refresh_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn keys(secret: &str, ttl: u64) -> TokenKeys {
        let settings = Settings::from_lookup(|name| match name {
            "BRIGADE_JWT_SECRET" => Some(secret.to_owned()),
            "BRIGADE_ACCESS_TOKEN_TTL_SECS" => Some(ttl.to_string()),
            _ => None,
        })
        .unwrap();
        TokenKeys::new(&settings)
    }

    #[test]
    fn an_issued_token_verifies_with_its_claims() {
        let keys = keys(&"s".repeat(40), 900);
        let (account, session, restaurant) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let (token, _) = keys
            .issue_access(account, session, restaurant, i64::MAX)
            .unwrap();
        let claims = keys.verify_access(&token).unwrap();
        assert_eq!(
            (claims.sub, claims.sid, claims.rid),
            (account, session, restaurant)
        );
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let (token, _) = keys(&"a".repeat(40), 900)
            .issue_access(Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4(), i64::MAX)
            .unwrap();
        assert!(keys(&"b".repeat(40), 900).verify_access(&token).is_none());
    }

    #[test]
    fn an_unsigned_token_is_refused() {
        let keys = keys(&"s".repeat(40), 900);
        let (token, _) = keys
            .issue_access(Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4(), i64::MAX)
            .unwrap();
        let payload = token.split('.').nth(1).unwrap();
        let none_header = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(r#"{"alg":"none","typ":"JWT"}"#);
        assert!(keys
            .verify_access(&format!("{none_header}.{payload}."))
            .is_none());
    }

    #[test]
    fn an_access_token_never_outlives_its_session() {
        let keys = keys(&"s".repeat(40), 900);
        let ends = Utc::now().timestamp() + 60;
        let (token, expires_in) = keys
            .issue_access(Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4(), ends)
            .unwrap();
        assert!(expires_in <= 60, "{expires_in}");
        assert_eq!(keys.verify_access(&token).unwrap().exp, ends);
    }

    /// Claims as `issue_access` would write them, with the given deviations.
    fn claims(issuer: &str, audience: &str, expires_in: i64) -> AccessClaims {
        let now = Utc::now().timestamp();
        AccessClaims {
            sub: Uuid::new_v4(),
            sid: Uuid::new_v4(),
            rid: Uuid::new_v4(),
            iat: now - 120,
            exp: now + expires_in,
            iss: issuer.into(),
            aud: audience.into(),
        }
    }

    fn forge(claims: &AccessClaims, algorithm: Algorithm) -> String {
        let key = EncodingKey::from_secret("s".repeat(40).as_bytes());
        encode(&Header::new(algorithm), claims, &key).unwrap()
    }

    #[test]
    fn forged_claims_verify_when_every_rule_holds() {
        let keys = keys(&"s".repeat(40), 900);
        let valid = claims(TOKEN_ISSUER, TOKEN_AUDIENCE, 60);
        assert!(keys
            .verify_access(&forge(&valid, Algorithm::HS256))
            .is_some());
    }

    #[test]
    fn an_expired_token_is_refused() {
        let keys = keys(&"s".repeat(40), 900);
        let expired = claims(TOKEN_ISSUER, TOKEN_AUDIENCE, -60);
        assert!(keys
            .verify_access(&forge(&expired, Algorithm::HS256))
            .is_none());
    }

    #[test]
    fn a_token_for_another_audience_is_refused() {
        let keys = keys(&"s".repeat(40), 900);
        let foreign = claims(TOKEN_ISSUER, "someone-else", 60);
        assert!(keys
            .verify_access(&forge(&foreign, Algorithm::HS256))
            .is_none());
    }

    #[test]
    fn a_token_from_another_issuer_is_refused() {
        let keys = keys(&"s".repeat(40), 900);
        let foreign = claims("another-issuer", TOKEN_AUDIENCE, 60);
        assert!(keys
            .verify_access(&forge(&foreign, Algorithm::HS256))
            .is_none());
    }

    #[test]
    fn a_token_signed_with_another_algorithm_is_refused() {
        let keys = keys(&"s".repeat(40), 900);
        let valid = claims(TOKEN_ISSUER, TOKEN_AUDIENCE, 60);
        assert!(keys
            .verify_access(&forge(&valid, Algorithm::HS512))
            .is_none());
    }

    #[test]
    fn refresh_tokens_are_random_and_stored_hashed() {
        let (first, first_hash) = new_refresh_token();
        let (second, _) = new_refresh_token();
        assert_ne!(first, second);
        assert_eq!(first_hash, hash_refresh_token(&first));
        assert_ne!(first_hash, first);
        assert_eq!(first_hash.len(), 64);
    }
}
