//! The onboarding's store: the only code that reads or writes `onboarding_progress`.

use anyhow::Context;
use brigade_domain::onboarding::{OnboardingProgress, OnboardingStep};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::ActiveValue::Set;
use serde_json::json;

use crate::entities::onboarding_progress;
use crate::platform::{ApiResult, TenantTxn};

fn done_of(row: &onboarding_progress::Model) -> Vec<OnboardingStep> {
    row.completed
        .as_array()
        .map(|names| {
            names
                .iter()
                .filter_map(|name| name.as_str().and_then(OnboardingStep::parse))
                .collect()
        })
        .unwrap_or_default()
}

/// The restaurant's progress; nothing done when it has not started.
pub async fn progress(txn: &TenantTxn) -> ApiResult<OnboardingProgress> {
    let row = txn
        .find::<onboarding_progress::Entity>()
        .one(txn)
        .await
        .context("reading the onboarding")?;
    Ok(match row {
        Some(row) => OnboardingProgress::of(&done_of(&row), row.finished_at),
        None => OnboardingProgress::of(&[], None),
    })
}

/// Marks `step` done (and the onboarding finished with the launch).
pub async fn complete(
    txn: &TenantTxn,
    step: OnboardingStep,
    now: DateTime<Utc>,
) -> ApiResult<OnboardingProgress> {
    let row = txn
        .find::<onboarding_progress::Entity>()
        .one(txn)
        .await
        .context("reading the onboarding")?;
    let mut done = row.as_ref().map(done_of).unwrap_or_default();
    if !done.contains(&step) {
        done.push(step);
    }
    let names: Vec<&str> = OnboardingStep::ALL
        .into_iter()
        .filter(|s| done.contains(s))
        .map(OnboardingStep::as_str)
        .collect();
    let finished_at = row
        .as_ref()
        .and_then(|row| row.finished_at)
        .or((step == OnboardingStep::Launch).then_some(now));
    if row.is_some() {
        txn.update_many::<onboarding_progress::Entity>()
            .col_expr(
                onboarding_progress::Column::Completed,
                Expr::value(json!(names)),
            )
            .col_expr(
                onboarding_progress::Column::FinishedAt,
                Expr::value(finished_at),
            )
            .col_expr(onboarding_progress::Column::UpdatedAt, Expr::value(now))
            .exec(txn)
            .await
            .context("saving the onboarding")?;
    } else {
        txn.insert(onboarding_progress::ActiveModel {
            completed: Set(json!(names)),
            finished_at: Set(finished_at),
            updated_at: Set(now),
            ..Default::default()
        })
        .await
        .context("starting the onboarding")?;
    }
    Ok(OnboardingProgress::of(&done, finished_at))
}
