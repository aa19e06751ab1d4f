//! Getting back into an account and proving its email: the links a person asks for
//! (a password reset, an email verification) and what follows a change of who holds
//! an account (its other sessions end in every restaurant it belongs to).

use anyhow::Context;
use brigade_domain::invitations::{Language, EMAIL_VERIFICATION_HOURS, PASSWORD_RESET_MINUTES};
use chrono::Duration;
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::store::Account;
use crate::links::{store as tokens, Purpose};
use crate::mail::letters;
use crate::platform::{AccountTxn, ApiResult, AppState, Tenant};
use crate::restaurants::store as restaurants;
use crate::sessions::store as sessions;
use crate::team::store as team;

/// Ends every session of an account but `keep` (the one just opened, if any), in every
/// restaurant, and makes each of its restaurants read its callers again.
pub async fn end_other_sessions(
    state: &AppState,
    account_id: Uuid,
    keep: Option<Uuid>,
    reason: &str,
) -> ApiResult<u64> {
    let txn = AccountTxn::write(&state.db, account_id)
        .await
        .context("opening the sessions' transaction")?;
    let ended = match keep {
        Some(keep) => sessions::revoke_others(&txn, keep, reason).await?,
        None => sessions::revoke_all(&txn, reason).await?,
    };
    bump_all(&txn).await?;
    // Its name and proven email show in each of its restaurants' team lists.
    restaurants::touch_teams_of(&txn, account_id).await?;
    txn.commit().await.context("ending the sessions")?;
    Ok(ended)
}

/// Makes every restaurant of the person read its callers again.
pub async fn bump_all(txn: &AccountTxn) -> ApiResult<()> {
    for (member, _) in team::memberships_of(txn).await? {
        let place = Tenant::new(member.tenant_id);
        txn.declare_tenant(place)
            .await
            .context("declaring one of the person's restaurants")?;
        restaurants::bump_access_version(txn, place).await?;
    }
    Ok(())
}

/// Issues a password reset link for the account and posts it. Earlier links stay
/// valid until their hour is up: someone asking for resets in the person's name
/// cannot make the one they will use stop working. Using one ends the others.
pub async fn post_reset_link<C: ConnectionTrait>(
    state: &AppState,
    db: &C,
    person: &Account,
    lang: Language,
) -> ApiResult<()> {
    let now = state.clock.now();
    let secret = tokens::issue(
        db,
        Purpose::PasswordReset,
        tokens::Subject {
            account_id: Some(person.id),
            ..tokens::Subject::default()
        },
        now,
        now + Duration::minutes(PASSWORD_RESET_MINUTES),
    )
    .await?;
    let letter = letters::password_reset(
        lang,
        &person.email,
        state.mail.link("/auth/reset-password", &secret),
    );
    state
        .mail
        .post(db, None, &person.email, letter, &state.clock)
        .await?;
    Ok(())
}

/// Issues an email verification link for the account (the earlier ones stop working)
/// and posts it.
pub async fn post_verification_link<C: ConnectionTrait>(
    state: &AppState,
    db: &C,
    person_id: Uuid,
    email: &str,
    lang: Language,
) -> ApiResult<()> {
    let now = state.clock.now();
    tokens::revoke_account(db, person_id, Purpose::VerifyEmail, now).await?;
    let secret = tokens::issue(
        db,
        Purpose::VerifyEmail,
        tokens::Subject {
            account_id: Some(person_id),
            ..tokens::Subject::default()
        },
        now,
        now + Duration::hours(EMAIL_VERIFICATION_HOURS),
    )
    .await?;
    let letter = letters::verify_email(lang, email, state.mail.link("/auth/verify-email", &secret));
    state
        .mail
        .post(db, None, email, letter, &state.clock)
        .await?;
    Ok(())
}
