//! A raw statement for whichever engine the connection speaks: written with
//! PostgreSQL's `$1`, `$2`… placeholders, each used once and in order, which become
//! SQLite's `?`. For the few statements sea-orm's builders cannot say (an upsert, an
//! update that returns its row, a lock).

use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

pub fn statement(db: &impl ConnectionTrait, postgres: &str, values: Vec<Value>) -> Statement {
    let backend = db.get_database_backend();
    if backend == DbBackend::Postgres {
        return Statement::from_sql_and_values(backend, postgres, values);
    }
    let mut sql = String::with_capacity(postgres.len());
    let mut chars = postgres.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
            sql.push('?');
        } else {
            sql.push(c);
        }
    }
    Statement::from_sql_and_values(backend, sql, values)
}
