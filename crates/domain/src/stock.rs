//! The wire types of the stock (note 000 §4, note 001 `inventory.*`): an item is a
//! variant whose stock is tracked; every change of its quantity is a movement of the
//! ledger (restock, recount, sale, return, waste) with who, when and why.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::menu::{StockState, STOCK_MAX};
use crate::validation::{FieldError, Validator};

#[cfg(feature = "openapi")]
use utoipa::{IntoParams, ToSchema};

/// The most characters of a movement's reason.
pub const REASON_MAX: usize = 200;

/// What moved a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MovementKind {
    /// Goods received: adds `quantity`.
    Restock,
    /// A count: the quantity becomes `quantity`.
    Recount,
    /// Sold: takes `quantity` away, refused past zero unless the restaurant allows it.
    Sale,
    /// A sale given back: adds `quantity`.
    Return,
    /// Thrown away or broken: takes `quantity` away.
    Waste,
}

impl MovementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MovementKind::Restock => "restock",
            MovementKind::Recount => "recount",
            MovementKind::Sale => "sale",
            MovementKind::Return => "return",
            MovementKind::Waste => "waste",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [
            MovementKind::Restock,
            MovementKind::Recount,
            MovementKind::Sale,
            MovementKind::Return,
            MovementKind::Waste,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == raw)
    }

    /// What the movement does to the quantity: a signed change, or (a recount) a new
    /// value.
    pub fn change(self, quantity: i64) -> Change {
        match self {
            MovementKind::Restock | MovementKind::Return => Change::By(quantity),
            MovementKind::Sale | MovementKind::Waste => Change::By(-quantity),
            MovementKind::Recount => Change::To(quantity),
        }
    }
}

/// A change of quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    By(i64),
    To(i64),
}

/// What crossing a threshold announces, once per crossing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crossing {
    /// Down to the threshold or below, still above zero.
    Low,
    /// Down to zero or below.
    Out,
    /// Up from zero or below.
    Back,
}

impl Crossing {
    /// The journal's action for it.
    pub fn action(self) -> &'static str {
        match self {
            Crossing::Low => "stock.low",
            Crossing::Out => "stock.out",
            Crossing::Back => "stock.back",
        }
    }

    /// What moving from `before` to `after` crosses, at `threshold`.
    pub fn between(before: i64, after: i64, threshold: i64) -> Option<Crossing> {
        if before > 0 && after <= 0 {
            Some(Crossing::Out)
        } else if before <= 0 && after > 0 {
            Some(Crossing::Back)
        } else if before > threshold && after <= threshold && after > 0 {
            Some(Crossing::Low)
        } else {
            None
        }
    }
}

/// A stock item: a variant, tracked or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StockItem {
    /// The variant's id.
    pub id: Uuid,
    pub product_id: Uuid,
    pub product_name: String,
    pub variant_name: Option<String>,
    pub category_id: Option<Uuid>,
    pub tracked: bool,
    /// When tracked.
    pub quantity: Option<i64>,
    pub threshold: i64,
    pub auto_86: bool,
    /// When tracked.
    pub state: Option<StockState>,
    /// Whether it can be sold now.
    pub available: bool,
}

/// Which items the stock page lists.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[serde(deny_unknown_fields)]
pub struct StockQuery {
    /// `ok`, `low`, `out` (tracked items in that state) or `untracked`.
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>, pattern = "^(ok|low|out|untracked)$"))]
    pub state: Option<String>,
}

/// Starts, changes or stops tracking an item's stock (`inventory.edit`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StockSettingsRequest {
    pub tracked: bool,
    /// 0 to 1,000,000; 3 by default.
    #[serde(default, deserialize_with = "crate::api::optional_whole_number")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1_000_000))]
    pub threshold: Option<i64>,
    #[serde(default)]
    pub auto_86: Option<bool>,
}

impl StockSettingsRequest {
    pub fn validate(&self) -> Result<(Option<i64>, Option<bool>), Vec<FieldError>> {
        let mut v = Validator::new();
        let threshold = self
            .threshold
            .and_then(|raw| v.check(quantity("threshold", raw, 0)));
        v.finish()?;
        Ok((threshold, self.auto_86))
    }
}

fn quantity(field: &str, raw: i64, min: i64) -> Result<i64, FieldError> {
    if (min..=STOCK_MAX).contains(&raw) {
        Ok(raw)
    } else {
        Err(FieldError::new(
            field,
            "out_of_range",
            format!("A quantity is a whole number from {min} to {STOCK_MAX}."),
        ))
    }
}

/// A movement to record (`inventory.edit`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MovementRequest {
    pub kind: MovementKind,
    /// How many moved (1 or more), or for a recount the quantity counted (0 or more).
    #[serde(deserialize_with = "crate::api::whole_number")]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 1_000_000, example = 12)
    )]
    pub quantity: i64,
    /// Why: required for waste and recounts.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub reason: Option<String>,
}

/// A checked movement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMovement {
    pub kind: MovementKind,
    pub change: Change,
    pub reason: Option<String>,
}

impl MovementRequest {
    pub fn validate(&self) -> Result<NewMovement, Vec<FieldError>> {
        let mut v = Validator::new();
        let min = if self.kind == MovementKind::Recount {
            0
        } else {
            1
        };
        let amount = v.check(quantity("quantity", self.quantity, min));
        let reason = match self.reason.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => v.check(crate::validation::display_name("reason", text, REASON_MAX)),
        };
        if reason.is_none()
            && matches!(self.kind, MovementKind::Waste | MovementKind::Recount)
            && self
                .reason
                .as_deref()
                .is_none_or(|raw| raw.trim().is_empty())
        {
            v.check::<()>(Err(FieldError::new(
                "reason",
                "required",
                "Say why (broken, expired, counted at closing).",
            )));
        }
        v.finish()?;
        Ok(NewMovement {
            kind: self.kind,
            change: self.kind.change(amount.unwrap_or(0)),
            reason,
        })
    }
}

/// A row of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StockMovement {
    pub id: Uuid,
    pub item_id: Uuid,
    pub kind: MovementKind,
    /// The signed change it made.
    pub delta: i64,
    /// The quantity after it.
    pub quantity_after: i64,
    pub reason: Option<String>,
    /// Who recorded it, as they were named then.
    pub actor_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A movement recorded, and the item after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MovementRecorded {
    pub movement: StockMovement,
    pub item: StockItem,
}

/// A page of the ledger, newest first.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[serde(deny_unknown_fields)]
pub struct MovementQuery {
    /// 1 to 200; 50 by default.
    pub limit: Option<u32>,
    /// Rows before this many (0 first).
    pub offset: Option<u32>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn each_crossing_is_named_once_in_its_direction() {
        assert_eq!(Crossing::between(5, 4, 3), None);
        assert_eq!(Crossing::between(4, 3, 3), Some(Crossing::Low));
        assert_eq!(Crossing::between(3, 2, 3), None);
        assert_eq!(Crossing::between(1, 0, 3), Some(Crossing::Out));
        assert_eq!(Crossing::between(5, 0, 3), Some(Crossing::Out));
        assert_eq!(Crossing::between(0, -1, 3), None);
        assert_eq!(Crossing::between(0, 10, 3), Some(Crossing::Back));
        assert_eq!(Crossing::between(2, 10, 3), None);
    }

    #[test]
    fn waste_and_recounts_say_why_and_sales_take_at_least_one() {
        let request = |kind, quantity, reason: Option<&str>| MovementRequest {
            kind,
            quantity,
            reason: reason.map(str::to_owned),
        };
        assert_eq!(
            request(MovementKind::Waste, 2, None)
                .validate()
                .unwrap_err()[0]
                .field,
            "reason"
        );
        assert_eq!(
            request(MovementKind::Sale, 0, None).validate().unwrap_err()[0].field,
            "quantity"
        );
        let recount = request(MovementKind::Recount, 0, Some("closing"))
            .validate()
            .unwrap();
        assert_eq!(recount.change, Change::To(0));
        let sale = request(MovementKind::Sale, 2, None).validate().unwrap();
        assert_eq!(sale.change, Change::By(-2));
    }
}
