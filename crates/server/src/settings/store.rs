//! The only code touching the restaurant's settings columns and its `opening_hours`.

use anyhow::Context;
use brigade_domain::settings::{OpeningRange, Range, SettingsChange, Weekday};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::entities::{opening_hour, restaurant};
use crate::platform::{ApiError, ApiResult, TenantTxn};

/// The restaurant's row, as the settings see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsRow {
    pub name: String,
    pub address: String,
    pub language: String,
    pub time_zone: String,
    pub currency: String,
    pub brand_color: Option<String>,
    pub logo: Option<String>,
}

impl SettingsRow {
    pub fn snapshot(&self) -> Value {
        json!({
            "name": self.name,
            "address": self.address,
            "language": self.language,
            "time_zone": self.time_zone,
            "currency": self.currency,
            "brand_color": self.brand_color,
            "logo": self.logo,
        })
    }

    /// The row with `change` applied.
    pub fn changed(&self, change: &SettingsChange) -> Self {
        let pick = |new: &Option<String>, old: &String| new.clone().unwrap_or_else(|| old.clone());
        Self {
            name: pick(&change.name, &self.name),
            address: pick(&change.address, &self.address),
            language: pick(&change.language, &self.language),
            time_zone: pick(&change.time_zone, &self.time_zone),
            currency: pick(&change.currency, &self.currency),
            brand_color: change
                .brand_color
                .clone()
                .unwrap_or_else(|| self.brand_color.clone()),
            logo: self.logo.clone(),
        }
    }
}

/// Takes the settings' turn: a write to the restaurant's row, which locks it on
/// PostgreSQL (SQLite has one writer), so a change reads what it replaces after the
/// change before it has committed.
pub async fn lock(txn: &TenantTxn) -> ApiResult<()> {
    txn.update_many::<restaurant::Entity>()
        .col_expr(
            restaurant::Column::Name,
            Expr::col(restaurant::Column::Name).into(),
        )
        .exec(txn)
        .await
        .context("taking the settings' turn")?;
    Ok(())
}

pub async fn settings(txn: &TenantTxn) -> ApiResult<SettingsRow> {
    let row = txn
        .find::<restaurant::Entity>()
        .one(txn)
        .await
        .context("reading the restaurant's settings")?
        .ok_or_else(ApiError::not_found)?;
    Ok(SettingsRow {
        name: row.name,
        address: row.address,
        language: row.language,
        time_zone: row.time_zone,
        currency: row.currency,
        brand_color: row.brand_color,
        logo: row.logo,
    })
}

pub async fn update(txn: &TenantTxn, row: &SettingsRow) -> ApiResult<()> {
    txn.update_many::<restaurant::Entity>()
        .col_expr(restaurant::Column::Name, row.name.clone().into())
        .col_expr(restaurant::Column::Address, row.address.clone().into())
        .col_expr(restaurant::Column::Language, row.language.clone().into())
        .col_expr(restaurant::Column::TimeZone, row.time_zone.clone().into())
        .col_expr(restaurant::Column::Currency, row.currency.clone().into())
        .col_expr(
            restaurant::Column::BrandColor,
            row.brand_color.clone().into(),
        )
        .col_expr(restaurant::Column::Logo, row.logo.clone().into())
        .exec(txn)
        .await
        .context("changing the restaurant's settings")?;
    Ok(())
}

/// The week's ranges, in order.
pub async fn opening_hours(txn: &TenantTxn) -> ApiResult<Vec<Range>> {
    let rows = txn
        .find::<opening_hour::Entity>()
        .order_by_asc(opening_hour::Column::Weekday)
        .order_by_asc(opening_hour::Column::Opens)
        .all(txn)
        .await
        .context("reading the opening hours")?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(Range {
                weekday: Weekday::from_index(row.weekday)?,
                opens: u32::try_from(row.opens).ok()?,
                closes: u32::try_from(row.closes).ok()?,
            })
        })
        .collect())
}

pub fn hours_snapshot(ranges: &[Range]) -> Value {
    let wire: Vec<OpeningRange> = ranges.iter().map(|range| range.wire()).collect();
    json!(wire)
}

/// Replaces the week's ranges with `ranges`.
pub async fn replace_opening_hours(txn: &TenantTxn, ranges: &[Range]) -> ApiResult<()> {
    txn.delete_many::<opening_hour::Entity>()
        .filter(opening_hour::Column::Weekday.gte(0))
        .exec(txn)
        .await
        .context("clearing the opening hours")?;
    for range in ranges {
        let minutes = |value: u32| i16::try_from(value).context("a range's minutes");
        txn.insert(opening_hour::ActiveModel {
            id: Set(Uuid::new_v4()),
            weekday: Set(i16::from(range.weekday.index())),
            opens: Set(minutes(range.opens)?),
            closes: Set(minutes(range.closes)?),
            ..Default::default()
        })
        .await
        .context("writing an opening range")?;
    }
    Ok(())
}
