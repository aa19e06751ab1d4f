//! Adding one column to an existing table, the way several migrations do: only when
//! the column is missing, so applying a migration twice is harmless; and removing it.

use sea_orm_migration::prelude::*;

/// Adds `column` to `table` unless `table` already has `name`.
pub async fn add_once(
    manager: &SchemaManager<'_>,
    table: impl Iden + 'static,
    name: &str,
    column: ColumnDef,
) -> Result<(), DbErr> {
    let table_name = table.to_string();
    if manager.has_column(&table_name, name).await? {
        return Ok(());
    }
    manager
        .alter_table(Table::alter().table(table).add_column(column).to_owned())
        .await
}

/// Removes `column` from `table`.
pub async fn drop(
    manager: &SchemaManager<'_>,
    table: impl Iden + 'static,
    column: impl Iden + 'static,
) -> Result<(), DbErr> {
    manager
        .alter_table(Table::alter().table(table).drop_column(column).to_owned())
        .await
}
