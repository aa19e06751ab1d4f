//! Stored emails in the form every comparison now uses (Unicode NFC, the domain in
//! ASCII: `brigade_domain::validation::Email`). Before, emails were only trimmed and
//! lower-cased, so an account whose email had an accented domain would no longer be
//! found at login. An email whose normal form another account already has stays as it
//! is (the unique index would refuse it); how many is said on standard error.

use brigade_domain::validation::Email;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement, Value};

/// Sets an account's email to its normal form unless another account has that form.
const UPDATE: &str = "UPDATE accounts SET email = $1 WHERE email = $2 AND NOT EXISTS \
     (SELECT 1 FROM accounts AS other WHERE other.email = $1)";

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let rows = db
            .query_all(Statement::from_string(
                backend,
                "SELECT email FROM accounts",
            ))
            .await?;
        let update = match backend {
            DatabaseBackend::Postgres => UPDATE.to_owned(),
            _ => UPDATE.replace('$', "?"),
        };
        let mut left = 0;
        for row in rows {
            let email: String = row.try_get("", "email")?;
            let Ok(normal) = Email::parse("email", &email) else {
                continue;
            };
            if normal.as_str() == email {
                continue;
            }
            let values: Vec<Value> = vec![normal.as_str().into(), email.as_str().into()];
            let updated = db
                .execute(Statement::from_sql_and_values(backend, &update, values))
                .await?;
            if updated.rows_affected() == 0 {
                left += 1;
            }
        }
        if left > 0 {
            eprintln!(
                "brigade: {left} account email(s) share their normal form with another account's and were left as they were"
            );
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // The normal form is a valid email: nothing to undo.
        Ok(())
    }
}
