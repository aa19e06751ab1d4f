//! Restaurants and their venue: the only code that writes them. A restaurant is the
//! tenant every other row belongs to; it is created, with its venue, at sign-up.

use anyhow::Context;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, QuerySelect, Set, Statement};
use uuid::Uuid;

use brigade_domain::invitations::Language;

use crate::entities::{restaurant, restaurant_version, venue};
use crate::platform::{ApiResult, Tenant, TenantTxn};

/// Creates the transaction's restaurant and its venue; returns the venue's id.
pub async fn create(
    txn: &TenantTxn,
    name: &str,
    language: Language,
    table_count: u16,
) -> ApiResult<Uuid> {
    let now = Utc::now();
    // The restaurant's id is its tenant's, which `insert` writes.
    txn.insert(restaurant::ActiveModel {
        name: Set(name.to_owned()),
        language: Set(language.as_str().to_owned()),
        created_at: Set(now),
        ..Default::default()
    })
    .await
    .context("creating the restaurant")?;
    txn.insert(restaurant_version::ActiveModel {
        access: Set(0),
        team: Set(0),
        ..Default::default()
    })
    .await
    .context("creating the restaurant's versions")?;
    let venue_id = Uuid::new_v4();
    txn.insert(venue::ActiveModel {
        id: Set(venue_id),
        name: Set(name.to_owned()),
        table_count: Set(i32::from(table_count)),
        created_at: Set(now),
        ..Default::default()
    })
    .await
    .context("creating the venue")?;
    crate::menu::store::open(txn).await?;
    Ok(venue_id)
}

/// A restaurant's versions: what cached permissions and team lists are good for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Versions {
    /// Moved by every change to who may do what (and ended sessions).
    pub access: i64,
    /// Moved by every change to what the team list shows.
    pub team: i64,
}

/// Starts a change to who may do what in the transaction's restaurant: increments its
/// versions, which takes the lock of its versions' row on PostgreSQL (SQLite's writer
/// holds the database's), so such changes take turns and each reads what the previous
/// one committed; and tells every replica that what it remembers of the restaurant's
/// permissions and team is stale.
pub async fn begin_access_change(txn: &TenantTxn) -> ApiResult<()> {
    bump(txn, txn.tenant(), true, true).await
}

/// Increments `tenant`'s access version, in a transaction that declared it (sessions
/// ended there: callers remembered with them must be read again).
pub async fn bump_access_version<C: ConnectionTrait>(db: &C, tenant: Tenant) -> ApiResult<()> {
    bump(db, tenant, true, false).await
}

/// Increments `tenant`'s team version (a member's last activity changed).
pub async fn bump_team_version<C: ConnectionTrait>(db: &C, tenant: Tenant) -> ApiResult<()> {
    bump(db, tenant, false, true).await
}

async fn bump<C: ConnectionTrait>(
    db: &C,
    tenant: Tenant,
    access: bool,
    team: bool,
) -> ApiResult<()> {
    use restaurant_version::Column;
    let mut update = tenant.update_many::<restaurant_version::Entity>();
    if access {
        update = update.col_expr(Column::Access, Expr::col(Column::Access).add(1));
    }
    if team {
        update = update.col_expr(Column::Team, Expr::col(Column::Team).add(1));
    }
    update
        .exec(db)
        .await
        .context("moving a restaurant's versions")?;
    Ok(())
}

/// Increments the team version of every restaurant `account` belongs to (their name
/// shows in each one's team list). The transaction's declarations are kept.
#[allow(clippy::disallowed_methods)] // one statement over the person's restaurants, by design
pub async fn touch_teams_of<C: ConnectionTrait>(db: &C, account: Uuid) -> ApiResult<()> {
    let statement = match db.get_database_backend() {
        DatabaseBackend::Postgres => Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT brigade_touch_teams_of($1)",
            [account.into()],
        ),
        backend => Statement::from_sql_and_values(
            backend,
            "UPDATE restaurant_versions SET team = team + 1 \
             WHERE restaurant_id IN (SELECT tenant_id FROM memberships WHERE account_id = ?)",
            [account.into()],
        ),
    };
    db.execute(statement)
        .await
        .context("moving the team versions of a person's restaurants")?;
    Ok(())
}

/// `tenant`'s versions now, in one query by primary key outside any transaction
/// (every request asks them; the table is outside row-level security).
#[allow(clippy::disallowed_methods)] // by primary key, in a table outside row-level security (see above)
pub async fn current_versions(
    db: &DatabaseConnection,
    tenant: Tenant,
) -> ApiResult<Option<Versions>> {
    // A fixed statement, not one built for each request: this is the one query on
    // every request's path, and the table is outside row-level security.
    let sql = match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            "SELECT access, team FROM restaurant_versions WHERE restaurant_id = $1"
        }
        _ => "SELECT access, team FROM restaurant_versions WHERE restaurant_id = ?",
    };
    let statement =
        Statement::from_sql_and_values(db.get_database_backend(), sql, [tenant.id().into()]);
    let row = db
        .query_one(statement)
        .await
        .context("reading a restaurant's versions")?;
    row.map(|row| {
        Ok(Versions {
            access: row.try_get("", "access")?,
            team: row.try_get("", "team")?,
        })
    })
    .transpose()
    .map_err(|error: sea_orm::DbErr| {
        anyhow::Error::new(error)
            .context("reading a restaurant's versions")
            .into()
    })
}

/// Waits for a change of access under way in `tenant`, and holds the next one back
/// until this transaction ends: a login or a refresh must not open a session that a
/// deactivation running beside it would miss. (SQLite's writers take turns anyway.)
pub async fn hold_access<C: ConnectionTrait>(txn: &C, tenant: Tenant) -> ApiResult<()> {
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        tenant
            .find_by_id::<restaurant_version::Entity>(tenant.id())
            .select_only()
            .column(restaurant_version::Column::RestaurantId)
            .lock_shared()
            .into_tuple::<Uuid>()
            .one(txn)
            .await
            .context("holding the restaurant's access")?;
    }
    Ok(())
}

/// What a guest's page shows of the restaurant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Storefront {
    pub name: String,
    pub language: Language,
    /// `#rrggbb`.
    pub brand_color: Option<String>,
    /// The logo's stored file name.
    pub logo: Option<String>,
    /// ISO 4217.
    pub currency: String,
}

/// The restaurant's name, the language its guests read, its colour and logo.
pub async fn storefront(txn: &TenantTxn) -> ApiResult<Option<Storefront>> {
    let row = txn
        .find::<restaurant::Entity>()
        .one(txn)
        .await
        .context("reading the restaurant")?;
    Ok(row.map(|restaurant| {
        let language = match restaurant.language.as_str() {
            "en" => Language::En,
            "it" => Language::It,
            _ => Language::Fr,
        };
        Storefront {
            name: restaurant.name,
            language,
            brand_color: restaurant.brand_color,
            logo: restaurant.logo,
            currency: restaurant.currency,
        }
    }))
}

/// The restaurant's name.
pub async fn name(txn: &TenantTxn) -> ApiResult<String> {
    let row = txn
        .find::<restaurant::Entity>()
        .one(txn)
        .await
        .context("reading the restaurant's name")?;
    Ok(row.map(|restaurant| restaurant.name).unwrap_or_default())
}
