//! Reading the audit trail of the active restaurant (newest first, each entry with its
//! sentence in the reader's language), exporting it as CSV, and checking its chain.
//! There is no endpoint that changes or removes an entry.

use actix_web::{get, web, HttpResponse};
use anyhow::Context;
use brigade_domain::api::{AuditEntry, AuditPage, Page, PageQuery, Problem};
use brigade_domain::invitations::Language;
use brigade_domain::journal::{self, Facts, LocalMoment};
use brigade_domain::live::ChainCheck;
use brigade_domain::permissions::needs;
use brigade_domain::validation::FieldError;
use brigade_macros::endpoint;
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use uuid::Uuid;

use super::names::Names;
use super::{chain, store};
use crate::access::Authorized;
use crate::platform::{ApiError, ApiResult, AppState, TenantTxn};
use crate::{settings, team};

/// Filters of the audit trail.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    /// Only entries with this action, e.g. `member.updated`.
    #[param(max_length = 60)]
    pub action: Option<String>,
    /// Only entries about this kind of entity, e.g. `membership`.
    #[param(max_length = 40)]
    pub entity: Option<String>,
    /// Only what this member did (a membership id).
    pub member: Option<Uuid>,
    /// From this local date (the restaurant's time zone), included: `YYYY-MM-DD`.
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<String>,
    /// Up to this local date, included: `YYYY-MM-DD`.
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<String>,
    /// Also the security and session events (logins, failures, lock-outs, refreshes),
    /// hidden by default.
    pub security: Option<bool>,
    /// The sentences' language (`fr`, `en`, `it`); the restaurant's by default.
    #[param(value_type = Option<Language>)]
    pub lang: Option<String>,
}

/// The filters, checked, with the restaurant's time zone applied.
struct Checked {
    action: Option<String>,
    entity: Option<String>,
    member: Option<Uuid>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    security: bool,
    lang: Option<Language>,
}

fn date(field: &str, value: Option<&str>, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let value = value?;
    match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(date) if date.year() >= 2000 && date.year() <= 9999 => Some(date),
        _ => {
            errors.push(FieldError::new(
                field,
                "invalid_date",
                format!("{field} must be a date as YYYY-MM-DD"),
            ));
            None
        }
    }
}

impl AuditFilter {
    fn check(&self) -> ApiResult<Checked> {
        let mut errors = Vec::new();
        for (field, value, max) in [("action", &self.action, 60), ("entity", &self.entity, 40)] {
            if value
                .as_deref()
                .is_some_and(|value| value.chars().any(char::is_control))
            {
                errors.push(FieldError::new(
                    field,
                    "invalid_characters",
                    format!("{field} may not hold control characters"),
                ));
            } else if value
                .as_deref()
                .is_some_and(|value| value.chars().count() > max)
            {
                errors.push(FieldError::new(
                    field,
                    "too_long",
                    format!("{field} must be at most {max} characters"),
                ));
            }
        }
        let from = date("from", self.from.as_deref(), &mut errors);
        let to = date("to", self.to.as_deref(), &mut errors);
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                errors.push(FieldError::new(
                    "to",
                    "before_from",
                    "to must not be before from",
                ));
            }
        }
        let lang = match self.lang.as_deref() {
            None => None,
            Some(raw) => match Language::parse(raw) {
                Some(lang) => Some(lang),
                None => {
                    errors.push(FieldError::new("lang", "unknown", "lang is fr, en or it"));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        Ok(Checked {
            action: self.action.clone().filter(|a| !a.is_empty()),
            entity: self.entity.clone().filter(|e| !e.is_empty()),
            member: self.member,
            from,
            to,
            security: self.security.unwrap_or(false),
            lang,
        })
    }
}

/// The start of a local day, in UTC (the first moment that exists that day).
fn start_of(day: NaiveDate, zone: Tz) -> Option<DateTime<Utc>> {
    let midnight = day.and_hms_opt(0, 0, 0)?;
    zone.from_local_datetime(&midnight)
        .earliest()
        .or_else(|| {
            zone.from_local_datetime(&(midnight + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|at| at.with_timezone(&Utc))
}

/// What a reader needs to turn rows into entries.
struct Reading {
    zone: Tz,
    lang: Language,
    names: Names,
}

impl Reading {
    async fn load(
        state: &AppState,
        txn: &TenantTxn,
        version: i64,
        lang: Option<Language>,
    ) -> ApiResult<Self> {
        let restaurant = settings::store::settings(txn).await?;
        let zone: Tz = restaurant.time_zone.parse().unwrap_or(Tz::UTC);
        let lang = lang
            .or_else(|| Language::parse(&restaurant.language))
            .unwrap_or_default();
        let snapshot = state.access.snapshot(txn, version).await?;
        Ok(Self {
            zone,
            lang,
            names: Names::load(txn, &snapshot).await?,
        })
    }

    fn local(&self, at: DateTime<Utc>) -> chrono::DateTime<Tz> {
        at.with_timezone(&self.zone)
    }

    fn entry(&self, row: store::AuditRow) -> AuditEntry {
        let actor_role = row.actor_role.clone().or_else(|| {
            self.names
                .actor(row.actor_account_id)
                .map(|a| a.role.clone())
        });
        let (actor_name, subject) = self.names.actor_and_subject(
            row.actor_account_id,
            (row.actor_name.clone(), row.subject.clone()),
            &row.action,
            &row.entity,
            row.entity_id.as_deref(),
            row.before.as_ref(),
            row.after.as_ref(),
        );
        let subject = journal::subject_in(self.lang, &row.entity, subject.as_deref());
        let local = self.local(row.created_at);
        let sentence = journal::sentence(
            self.lang,
            Facts {
                when: Some(LocalMoment {
                    day: local.day(),
                    month: local.month(),
                    hour: local.hour(),
                    minute: local.minute(),
                }),
                actor: actor_name.as_deref(),
                action: &row.action,
                subject: subject.as_deref(),
            },
        );
        AuditEntry {
            id: row.id,
            seq: row.seq,
            sentence,
            actor_account_id: row.actor_account_id,
            actor_name,
            actor_role,
            subject,
            security: journal::is_security(&row.action),
            action: row.action,
            entity: row.entity,
            entity_id: row.entity_id,
            before: row.before,
            after: row.after,
            client_addr: row.client_addr,
            created_at: row.created_at,
        }
    }
}

/// The store's filter for `checked`, in `zone`.
async fn store_filter(
    txn: &TenantTxn,
    checked: &Checked,
    zone: Tz,
) -> ApiResult<Option<store::AuditFilter>> {
    let member = match checked.member {
        None => None,
        // What the member did, or what was done to them; a member of another
        // restaurant, or none: nothing matches.
        Some(member) => match team::store::member_with_account(txn, member).await? {
            Some((_, account)) => Some((account.id, member.to_string())),
            None => return Ok(None),
        },
    };
    Ok(Some(store::AuditFilter {
        action: checked.action.clone(),
        entity: checked.entity.clone(),
        member,
        since: checked.from.and_then(|day| start_of(day, zone)),
        // The day after the last one; none past the last year a date may have.
        until: checked
            .to
            .and_then(|day| day.succ_opt())
            .filter(|day| day.year() <= 9999)
            .and_then(|day| start_of(day, zone)),
        // An action asked for by name is shown, security event or not.
        hide: if checked.security || checked.action.is_some() {
            Vec::new()
        } else {
            journal::security_actions().collect()
        },
    }))
}

/// The audit trail.
///
/// Every change in the restaurant, newest first, each with a sentence in the reader's
/// language and the restaurant's time zone, its actor by name and role, its subject by
/// name, before and after values, client address and UTC time. Security and session
/// events are left out unless `security=true`. Requires the permission `audit.view`.
#[endpoint]
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    params(PageQuery, AuditFilter),
    responses(
        (status = 200, description = "One page of entries", body = Page<AuditEntry>),
        (status = 400, description = "`invalid_parameter`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `audit.view`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit")]
pub async fn list_audit(
    state: web::Data<AppState>,
    caller: Authorized<needs::AUDIT_VIEW>,
    page: web::Query<PageQuery>,
    filter: web::Query<AuditFilter>,
) -> ApiResult<web::Json<AuditPage>> {
    let (limit, offset) = page.validate().map_err(ApiError::Validation)?;
    let checked = filter.check()?;
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the trail's transaction")?;
    let reading = Reading::load(&state, &txn, caller.access_version, checked.lang).await?;
    let (rows, total) = match store_filter(&txn, &checked, reading.zone).await? {
        Some(filter) => store::page(&txn, &filter, limit, offset).await?,
        None => (Vec::new(), 0),
    };
    txn.commit()
        .await
        .context("ending the trail's transaction")?;
    Ok(web::Json(AuditPage {
        items: rows.into_iter().map(|row| reading.entry(row)).collect(),
        total,
        limit,
        offset,
    }))
}

/// The most entries one export holds.
pub const EXPORT_MAX: u64 = 10_000;

/// A cell a spreadsheet would not take for a formula.
fn cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// The audit trail as CSV.
///
/// The entries the same filters select (at most 10,000, newest first: narrow the
/// dates for more), one per row:
/// local time, sentence, actor, role, action, entity, subject, entity id, client
/// address, chain number. Requires the permission `audit.view`.
#[endpoint]
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    params(AuditFilter),
    responses(
        (status = 200, description = "The entries as CSV (UTF-8, a header row first)", content_type = "text/csv", body = String),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `audit.view`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit/export")]
pub async fn export_audit(
    state: web::Data<AppState>,
    caller: Authorized<needs::AUDIT_VIEW>,
    filter: web::Query<AuditFilter>,
) -> ApiResult<HttpResponse> {
    let checked = filter.check()?;
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the export's transaction")?;
    let reading = Reading::load(&state, &txn, caller.access_version, checked.lang).await?;
    let rows = match store_filter(&txn, &checked, reading.zone).await? {
        Some(filter) => store::page(&txn, &filter, EXPORT_MAX, 0).await?.0,
        None => Vec::new(),
    };
    txn.commit()
        .await
        .context("ending the export's transaction")?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = [
        "time",
        "sentence",
        "actor",
        "role",
        "action",
        "entity",
        "subject",
        "entity_id",
        "client_addr",
        "seq",
    ];
    out.write_record(header).context("writing the export")?;
    for row in rows {
        let entry = reading.entry(row);
        let time = reading.local(entry.created_at).to_rfc3339();
        let seq = entry.seq.map(|seq| seq.to_string()).unwrap_or_default();
        out.write_record([
            time,
            cell(&entry.sentence),
            cell(entry.actor_name.as_deref().unwrap_or_default()),
            entry.actor_role.unwrap_or_default(),
            entry.action,
            entry.entity,
            cell(entry.subject.as_deref().unwrap_or_default()),
            cell(entry.entity_id.as_deref().unwrap_or_default()),
            entry.client_addr.unwrap_or_default(),
            seq,
        ])
        .context("writing the export")?;
    }
    // A byte-order mark first: spreadsheets then read the names' accents right.
    let mut body = "\u{feff}".as_bytes().to_vec();
    body.extend(out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?);
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"brigade-audit.csv\"",
        ))
        .body(body))
}

/// Check the audit trail's chain.
///
/// Recomputes every entry's hash in order and compares it with the one stored, and
/// each entry's link to the one before; names the first entry that does not match
/// (`altered`, `unlinked`) or the first number missing. Requires `audit.view`.
#[endpoint]
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The chain's state", body = ChainCheck),
        (status = 401, description = "`unauthenticated`", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`permission_denied`: needs `audit.view`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit/verify")]
pub async fn verify_audit(
    state: web::Data<AppState>,
    caller: Authorized<needs::AUDIT_VIEW>,
) -> ApiResult<web::Json<ChainCheck>> {
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the check's transaction")?;
    let check = chain::verify(&txn).await?;
    txn.commit().await.context("ending the check")?;
    Ok(web::Json(check))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_never_handed_to_a_spreadsheet_as_a_formula() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("Léa Martin"), "Léa Martin");
    }
}
