//! The accounts table: a person, by email, whatever restaurants they belong to. It is
//! global — a person is looked up by email at sign-up and login, before any restaurant
//! is known — so every function here says which account it acts on.

use anyhow::Context;
use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, QueryFilter, QuerySelect, Set};
use uuid::Uuid;

use crate::entities::account;
use crate::platform::tenant::global;
use crate::platform::ApiResult;

/// A person's account as stored.
pub use crate::entities::account::Model as Account;

/// An account to create.
#[derive(Debug)]
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: String,
    /// Someone else chose the password: it must be replaced at first login.
    pub must_change_password: bool,
}

/// The account with this email (emails are stored in lower case).
pub async fn by_email<C: ConnectionTrait>(db: &C, email: &str) -> ApiResult<Option<Account>> {
    Ok(global::find::<account::Entity>()
        .filter(account::Column::Email.eq(email))
        .one(db)
        .await
        .context("looking an account up by email")?)
}

/// The account with this id.
pub async fn by_id<C: ConnectionTrait>(db: &C, id: Uuid) -> ApiResult<Option<Account>> {
    Ok(global::find_by_id::<account::Entity>(id)
        .one(db)
        .await
        .context("loading an account")?)
}

/// The account with this id, its row locked until the transaction ends (on PostgreSQL:
/// shared for a login, which must not race a password change; exclusive for the
/// change itself). SQLite's writers take turns anyway.
pub async fn locked<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    exclusive: bool,
) -> ApiResult<Option<Account>> {
    let mut query = global::find_by_id::<account::Entity>(id);
    if db.get_database_backend() == DatabaseBackend::Postgres {
        query = if exclusive {
            query.lock_exclusive()
        } else {
            query.lock_shared()
        };
    }
    Ok(query.one(db).await.context("locking an account")?)
}

/// Creates an account; `None` when the email already has one (the unique index
/// decides, so two creations at once cannot both succeed).
pub async fn create<C: ConnectionTrait>(db: &C, new: NewAccount<'_>) -> ApiResult<Option<Uuid>> {
    let id = Uuid::new_v4();
    let now = Utc::now();
    let inserted = global::insert(account::ActiveModel {
        id: Set(id),
        email: Set(new.email.to_owned()),
        name: Set(new.name.to_owned()),
        password_hash: Set(new.password_hash),
        must_change_password: Set(new.must_change_password),
        // Nobody has proved they receive this email yet (see the invitations).
        email_verified: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await;
    match inserted {
        Ok(_) => Ok(Some(id)),
        Err(error) => match error.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => Ok(None),
            _ => Err(anyhow::Error::new(error)
                .context("creating an account")
                .into()),
        },
    }
}

/// Renames an account.
pub async fn rename<C: ConnectionTrait>(db: &C, id: Uuid, name: &str) -> ApiResult<()> {
    change(
        db,
        id,
        account::ActiveModel {
            name: Set(name.to_owned()),
            ..Default::default()
        },
        "renaming an account",
    )
    .await
}

/// Replaces an account's password with one its owner chose.
pub async fn set_password<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    password_hash: String,
) -> ApiResult<()> {
    change(
        db,
        id,
        account::ActiveModel {
            password_hash: Set(password_hash),
            must_change_password: Set(false),
            ..Default::default()
        },
        "changing an account's password",
    )
    .await
}

/// Records that the account's holder proved they receive mail at its email.
pub async fn mark_verified<C: ConnectionTrait>(db: &C, id: Uuid) -> ApiResult<()> {
    change(
        db,
        id,
        account::ActiveModel {
            email_verified: Set(true),
            ..Default::default()
        },
        "recording a proven email",
    )
    .await
}

/// The email's holder takes an account nobody had proven (a restaurant created it with
/// a password of its choosing): their name, their password, their email proven.
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    name: &str,
    password_hash: String,
) -> ApiResult<()> {
    change(
        db,
        id,
        account::ActiveModel {
            name: Set(name.to_owned()),
            password_hash: Set(password_hash),
            must_change_password: Set(false),
            email_verified: Set(true),
            ..Default::default()
        },
        "handing an account to its email's holder",
    )
    .await
}

/// Gives an account a temporary password its holder must replace at their next login.
pub async fn set_temporary_password<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    password_hash: String,
) -> ApiResult<()> {
    change(
        db,
        id,
        account::ActiveModel {
            password_hash: Set(password_hash),
            must_change_password: Set(true),
            ..Default::default()
        },
        "setting a temporary password",
    )
    .await
}

/// Writes `row`'s set columns (and `updated_at`) to one account.
async fn change<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    mut row: account::ActiveModel,
    doing: &'static str,
) -> ApiResult<()> {
    row.updated_at = Set(Utc::now());
    global::update_many::<account::Entity>()
        .set(row)
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await
        .context(doing)?;
    Ok(())
}
