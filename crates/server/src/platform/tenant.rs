//! Tenant scoping in one place. Every table is one of three kinds, declared once on its
//! entity:
//!
//! - **tenant-owned** ([`TenantOwned`]): its rows belong to one restaurant. Code reaches
//!   them only through a [`TenantTxn`], a transaction that has declared its restaurant:
//!   every query it builds adds `tenant_id = …`, every insert writes it, and on
//!   PostgreSQL row-level security refuses any row of another restaurant even to a
//!   query that forgot the filter (the migration `…_row_level_security`).
//! - **account-owned** ([`AccountOwned`]) as well: memberships and sessions also belong to
//!   a person across their restaurants. Logging in, refreshing, `/me` and the password
//!   change reach a person's own rows through an [`AccountTxn`], scoped by account.
//! - **global** ([`Global`]): accounts (a person is found by email before any restaurant
//!   is known), refresh tokens (found by their hash) and login attempts (counted per
//!   email and address). [`global`] is the only way to them.
//!
//! `make lint` refuses sea-orm's own `find`, `find_by_id`, `update_many`, `delete_many`,
//! `insert` and raw statements anywhere else (`clippy.toml`), so a query without its
//! scope does not pass the build. A [`Tenant`] is made only from an authenticated
//! membership, by sign-up for the restaurant it creates, and by `brigade demo`.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, DbBackend, DbErr, DeleteMany, EntityTrait, ExecResult, Insert,
    PrimaryKeyTrait, QueryFilter, QueryResult, Select, Statement, TransactionTrait, UpdateMany,
    Value,
};
use uuid::Uuid;

use std::sync::atomic::{AtomicBool, Ordering};

/// An entity whose rows belong to one restaurant.
pub trait TenantOwned: EntityTrait {
    fn tenant_column() -> Self::Column;
}

/// An entity whose rows also belong to one person, across restaurants.
pub trait AccountOwned: EntityTrait {
    fn account_column() -> Self::Column;
}

/// An account-owned entity a person's own transaction may change (their sessions, to
/// end them), not merely read.
pub trait AccountWritable: AccountOwned {}

/// An entity whose rows belong to no restaurant.
pub trait Global: EntityTrait {}

/// Declares an entity tenant-owned through `column` (`TenantId` unless named).
macro_rules! tenant_owned {
    () => {
        $crate::platform::tenant::tenant_owned!(TenantId);
    };
    ($column:ident) => {
        impl $crate::platform::tenant::TenantOwned for Entity {
            fn tenant_column() -> Column {
                Column::$column
            }
        }
    };
}
pub(crate) use tenant_owned;

/// Declares an entity account-owned through its `AccountId` column.
macro_rules! account_owned {
    () => {
        impl $crate::platform::tenant::AccountOwned for Entity {
            fn account_column() -> Column {
                Column::AccountId
            }
        }
    };
}
pub(crate) use account_owned;

/// Declares an entity global: it belongs to no restaurant.
macro_rules! global_table {
    () => {
        impl $crate::platform::tenant::Global for Entity {}
    };
}
pub(crate) use global_table;

/// The restaurant a request acts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tenant {
    id: Uuid,
}

/// Whether a transaction will write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Read,
    Write,
}

/// Opens a transaction that has declared who it acts for: PostgreSQL's row-level
/// security reads the declaration (transaction-local settings, gone at commit).
///
/// On SQLite a writing transaction takes the database's write lock before its first
/// read, so the decisions it reads cannot be overtaken by another writer (SQLite would
/// otherwise refuse to upgrade a transaction that has read, instead of waiting).
#[allow(clippy::disallowed_methods)] // the statement that takes SQLite's write lock
async fn begin(
    db: &DatabaseConnection,
    mode: Mode,
    tenant: Option<Uuid>,
    account: Option<Uuid>,
) -> Result<DatabaseTransaction, DbErr> {
    let txn = db.begin().await?;
    match txn.get_database_backend() {
        DatabaseBackend::Postgres if tenant.is_some() || account.is_some() => {
            declare(&txn, tenant, account).await?
        }
        DatabaseBackend::Sqlite if mode == Mode::Write => {
            // Any write statement takes the lock; this one changes nothing.
            txn.execute_unprepared("UPDATE restaurants SET name = name WHERE 0")
                .await?;
        }
        _ => {}
    }
    Ok(txn)
}

/// Declares the restaurant and the person a PostgreSQL transaction acts for.
#[allow(clippy::disallowed_methods)] // the declaration row-level security reads
async fn declare(
    txn: &DatabaseTransaction,
    tenant: Option<Uuid>,
    account: Option<Uuid>,
) -> Result<(), DbErr> {
    let text = |id: Option<Uuid>| id.map(|id| id.to_string()).unwrap_or_default();
    txn.execute(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "SELECT set_config('brigade.tenant_id', $1, true), set_config('brigade.account_id', $2, true)",
        [text(tenant).into(), text(account).into()],
    ))
    .await
    .map(|_| ())
}

impl Tenant {
    /// The restaurant with this id. Made only from an authenticated membership, by
    /// sign-up for the restaurant it creates, and by `brigade demo` and tests.
    pub fn new(id: Uuid) -> Self {
        Self { id }
    }

    pub fn id(&self) -> Uuid {
        self.id
    }

    /// Every row of `E` in this restaurant, for a transaction that has declared it
    /// (a `TenantTxn`, or an `AccountTxn` after `declare_tenant`).
    #[allow(clippy::disallowed_methods)] // the tenant-aware builder
    pub fn find<E: TenantOwned>(self) -> Select<E> {
        E::find().filter(E::tenant_column().eq(self.id))
    }

    /// An update limited to this restaurant's rows.
    #[allow(clippy::disallowed_methods)] // the tenant-aware builder
    pub fn update_many<E: TenantOwned>(self) -> UpdateMany<E> {
        E::update_many().filter(E::tenant_column().eq(self.id))
    }

    /// One row of `E` by id, only if it belongs to this restaurant.
    #[allow(clippy::disallowed_methods)] // the tenant-aware builder
    pub fn find_by_id<E>(self, id: Uuid) -> Select<E>
    where
        E: TenantOwned,
        <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        E::find_by_id(id).filter(E::tenant_column().eq(self.id))
    }

    /// A transaction in this restaurant that only reads: what it reads is one state of
    /// the database, on both engines.
    pub async fn read(self, db: &DatabaseConnection) -> Result<TenantTxn, DbErr> {
        let txn = begin(db, Mode::Read, Some(self.id), None).await?;
        Ok(TenantTxn {
            txn,
            tenant: self,
            announced: AtomicBool::new(false),
        })
    }

    /// A transaction in this restaurant that writes: the change, its audit entry and
    /// the decisions they rest on, read inside it.
    pub async fn write(self, db: &DatabaseConnection) -> Result<TenantTxn, DbErr> {
        let txn = begin(db, Mode::Write, Some(self.id), None).await?;
        Ok(TenantTxn {
            txn,
            tenant: self,
            announced: AtomicBool::new(false),
        })
    }
}

/// A transaction acting in one restaurant. It builds the only queries that reach
/// tenant-owned tables, each limited to this restaurant.
#[derive(Debug)]
pub struct TenantTxn {
    txn: DatabaseTransaction,
    tenant: Tenant,
    /// A live event was written: the deliverer is woken once this commits.
    announced: AtomicBool,
}

#[allow(clippy::disallowed_methods)] // the tenant-aware helpers the rest of the code uses
impl TenantTxn {
    pub fn tenant(&self) -> Tenant {
        self.tenant
    }

    /// Every row of `E` in this restaurant.
    pub fn find<E: TenantOwned>(&self) -> Select<E> {
        self.tenant.find()
    }

    /// One row of `E` by id, only if it belongs to this restaurant.
    pub fn find_by_id<E>(&self, id: Uuid) -> Select<E>
    where
        E: TenantOwned,
        <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        self.tenant.find_by_id(id)
    }

    /// An update limited to this restaurant's rows.
    pub fn update_many<E: TenantOwned>(&self) -> UpdateMany<E> {
        self.tenant.update_many()
    }

    /// A delete limited to this restaurant's rows.
    pub fn delete_many<E: TenantOwned>(&self) -> DeleteMany<E> {
        E::delete_many().filter(E::tenant_column().eq(self.tenant.id))
    }

    /// Inserts a row into this restaurant (its tenant column is written here).
    pub async fn insert<A>(&self, row: A) -> Result<(), DbErr>
    where
        A: ActiveModelTrait + Send,
        A::Entity: TenantOwned,
        <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
    {
        let column = <A::Entity as TenantOwned>::tenant_column();
        insert_owned(self, row, column, self.tenant.id).await
    }

    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await?;
        if self.announced.load(Ordering::Relaxed) {
            crate::live::outbox_written();
        }
        Ok(())
    }
}

/// A transaction acting for one person, across the restaurants they belong to: their
/// memberships and sessions, and (once declared) audit entries in one restaurant.
#[derive(Debug)]
pub struct AccountTxn {
    txn: DatabaseTransaction,
    account_id: Uuid,
    announced: AtomicBool,
}

#[allow(clippy::disallowed_methods)] // the account-aware helpers the rest of the code uses
impl AccountTxn {
    /// A transaction for the account a verified password or token names.
    pub async fn write(db: &DatabaseConnection, account_id: Uuid) -> Result<Self, DbErr> {
        let txn = begin(db, Mode::Write, None, Some(account_id)).await?;
        Ok(Self {
            txn,
            account_id,
            announced: AtomicBool::new(false),
        })
    }

    /// A transaction that only reads the account's rows.
    pub async fn read(db: &DatabaseConnection, account_id: Uuid) -> Result<Self, DbErr> {
        let txn = begin(db, Mode::Read, None, Some(account_id)).await?;
        Ok(Self {
            txn,
            account_id,
            announced: AtomicBool::new(false),
        })
    }

    pub fn account_id(&self) -> Uuid {
        self.account_id
    }

    /// Also acts in `tenant` from now on (to audit there), keeping the account.
    pub async fn declare_tenant(&self, tenant: Tenant) -> Result<(), DbErr> {
        if self.txn.get_database_backend() == DatabaseBackend::Postgres {
            declare(&self.txn, Some(tenant.id), Some(self.account_id)).await?;
        }
        Ok(())
    }

    /// Every row of `E` that belongs to this person.
    pub fn find<E: AccountOwned>(&self) -> Select<E> {
        E::find().filter(E::account_column().eq(self.account_id))
    }

    /// An update limited to this person's rows, of a table they may change.
    pub fn update_many<E: AccountWritable>(&self) -> UpdateMany<E> {
        E::update_many().filter(E::account_column().eq(self.account_id))
    }

    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await?;
        if self.announced.load(Ordering::Relaxed) {
            crate::live::outbox_written();
        }
        Ok(())
    }
}

/// Inserts `row` with its owner's column (`tenant_id`, `account_id`) written.
#[allow(clippy::disallowed_methods)] // the scoped inserts' one implementation
async fn insert_owned<A, C: ConnectionTrait>(
    txn: &C,
    mut row: A,
    owner: <A::Entity as EntityTrait>::Column,
    id: Uuid,
) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    row.set(owner, Value::from(id));
    <A::Entity as EntityTrait>::insert(row)
        .exec_without_returning(txn)
        .await
        .map(|_| ())
}

/// The tables that belong to no restaurant: the only way to them.
#[allow(clippy::disallowed_methods)]
pub mod global {
    use super::*;

    pub fn find<E: Global>() -> Select<E> {
        E::find()
    }

    pub fn find_by_id<E>(id: Uuid) -> Select<E>
    where
        E: Global,
        <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<Uuid>,
    {
        E::find_by_id(id)
    }

    pub fn update_many<E: Global>() -> UpdateMany<E> {
        E::update_many()
    }

    pub fn delete_many<E: Global>() -> DeleteMany<E> {
        E::delete_many()
    }

    pub fn insert<A>(row: A) -> Insert<A>
    where
        A: ActiveModelTrait,
        A::Entity: Global,
    {
        <A::Entity as EntityTrait>::insert(row)
    }

    /// A transaction over global tables only (it declares no restaurant).
    pub async fn write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
        begin(db, Mode::Write, None, None).await
    }
}

macro_rules! delegate_connection {
    ($ty:ty) => {
        #[allow(clippy::disallowed_methods)] // the transaction's own statements
        #[async_trait::async_trait]
        impl ConnectionTrait for $ty {
            fn get_database_backend(&self) -> DbBackend {
                self.txn.get_database_backend()
            }

            async fn execute(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
                self.txn.execute(stmt).await
            }

            async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
                self.txn.execute_unprepared(sql).await
            }

            async fn query_one(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
                self.txn.query_one(stmt).await
            }

            async fn query_all(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
                self.txn.query_all(stmt).await
            }
        }
    };
}

delegate_connection!(TenantTxn);
delegate_connection!(AccountTxn);

/// A transaction an audit entry (and its live event) can be written in.
pub trait Journaled: ConnectionTrait + Sync {
    /// Says a live event was written in it: its deliverer is woken after the commit.
    fn announce(&self);
}

impl Journaled for TenantTxn {
    fn announce(&self) {
        self.announced.store(true, Ordering::Relaxed);
    }
}

impl Journaled for AccountTxn {
    fn announce(&self) {
        self.announced.store(true, Ordering::Relaxed);
    }
}

impl Journaled for sea_orm::DatabaseConnection {
    /// Outside a transaction only entries of no restaurant are written (a failed
    /// login): they have no chain and no event.
    fn announce(&self) {}
}

impl Journaled for DatabaseTransaction {
    /// Global transactions write no restaurant's events; the deliverer's poll would
    /// find one anyway.
    fn announce(&self) {}
}
