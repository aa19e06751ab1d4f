//! The wire types of the menu (note 002 `products.*`, note 000 §4 and §9): categories,
//! products with their variants (each with its own price and, if tracked, its stock)
//! and modifier groups, the EU's fourteen allergens, dietary tags, preparation
//! stations, availability and the public menu's settings. Validation lives here,
//! shared by server and app. Prices are integer minor units ([`crate::money`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::money::{PRICE_MAX, TAX_RATE_MAX};
use crate::validation::{display_name, FieldError, Validator};

#[cfg(feature = "openapi")]
use utoipa::{IntoParams, ToSchema};

pub const CATEGORY_NAME_MAX: usize = 80;
pub const PRODUCT_NAME_MAX: usize = 120;
pub const VARIANT_NAME_MAX: usize = 40;
pub const DESCRIPTION_MAX: usize = 1000;
pub const MAX_CATEGORIES: u64 = 200;
pub const MAX_PRODUCTS: u64 = 2_000;
pub const MAX_VARIANTS: usize = 20;
pub const MAX_MODIFIER_GROUPS: usize = 10;
pub const MAX_MODIFIER_OPTIONS: usize = 30;
/// The largest price change one modifier option makes, either way.
pub const PRICE_DELTA_MAX: i64 = 10_000_000;
/// An uploaded image's largest size, in bytes.
pub const IMAGE_MAX_BYTES: usize = 5 * 1024 * 1024;
/// An uploaded image's most pixels (width × height), so a small file cannot expand
/// into gigabytes when decoded.
pub const IMAGE_MAX_PIXELS: u64 = 25_000_000;
/// The default low-stock threshold (note 000 §4: "si stock <= 3").
pub const DEFAULT_THRESHOLD: i64 = 3;
/// The largest stock quantity and the largest movement.
pub const STOCK_MAX: i64 = 1_000_000;

macro_rules! labelled {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal : $fr:literal, $en:literal, $it:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(raw: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|known| known.as_str() == raw)
            }

            /// Its name in `lang` (`fr`, `en`, `it`).
            pub fn label(self, lang: &str) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, "fr") => $fr,
                      ($name::$variant, "it") => $it,
                      ($name::$variant, _) => $en,)+
                }
            }

            /// Its bit in a stored set.
            pub fn bit(self) -> i64 {
                1 << (Self::ALL.iter().position(|known| *known == self).unwrap_or(0))
            }

            /// A stored set as a list, in declaration order.
            pub fn from_bits(bits: i64) -> Vec<Self> {
                Self::ALL.iter().copied().filter(|known| bits & known.bit() != 0).collect()
            }

            pub fn to_bits(set: &[Self]) -> i64 {
                set.iter().fold(0, |bits, known| bits | known.bit())
            }
        }
    };
}

labelled! {
    /// The fourteen allergens EU Regulation 1169/2011 (Annex II) requires a menu to name.
    Allergen {
        Gluten = "gluten": "Gluten", "Gluten", "Glutine";
        Crustaceans = "crustaceans": "Crustacés", "Crustaceans", "Crostacei";
        Eggs = "eggs": "Œufs", "Eggs", "Uova";
        Fish = "fish": "Poisson", "Fish", "Pesce";
        Peanuts = "peanuts": "Arachides", "Peanuts", "Arachidi";
        Soybeans = "soybeans": "Soja", "Soybeans", "Soia";
        Milk = "milk": "Lait", "Milk", "Latte";
        Nuts = "nuts": "Fruits à coque", "Tree nuts", "Frutta a guscio";
        Celery = "celery": "Céleri", "Celery", "Sedano";
        Mustard = "mustard": "Moutarde", "Mustard", "Senape";
        Sesame = "sesame": "Sésame", "Sesame", "Sesamo";
        Sulphites = "sulphites": "Sulfites", "Sulphites", "Solfiti";
        Lupin = "lupin": "Lupin", "Lupin", "Lupini";
        Molluscs = "molluscs": "Mollusques", "Molluscs", "Molluschi";
    }
}

labelled! {
    /// What a dish suits.
    DietaryTag {
        Vegetarian = "vegetarian": "Végétarien", "Vegetarian", "Vegetariano";
        Vegan = "vegan": "Végan", "Vegan", "Vegano";
        GlutenFree = "gluten_free": "Sans gluten", "Gluten-free", "Senza glutine";
        LactoseFree = "lactose_free": "Sans lactose", "Lactose-free", "Senza lattosio";
        Halal = "halal": "Halal", "Halal", "Halal";
        Kosher = "kosher": "Casher", "Kosher", "Kosher";
        Spicy = "spicy": "Épicé", "Spicy", "Piccante";
    }
}

labelled! {
    /// Where a product is prepared: the kitchen display shows each station its lines.
    Station {
        Kitchen = "kitchen": "Cuisine", "Kitchen", "Cucina";
        Bar = "bar": "Bar", "Bar", "Bar";
        Pastry = "pastry": "Pâtisserie", "Pastry", "Pasticceria";
        Cold = "cold": "Garde-manger", "Cold kitchen", "Cucina fredda";
    }
}

/// A category of the menu, in its place in the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Category {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    /// 0 first.
    pub display_order: i32,
    /// An inactive category is hidden from the guests' menu with its products.
    pub is_active: bool,
    /// How many products it has (archived ones not counted).
    pub products: u32,
}

/// A tracked item's stock level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StockState {
    /// Above its threshold.
    Ok,
    /// At or below its threshold, above zero.
    Low,
    /// At zero or below.
    Out,
}

impl StockState {
    pub fn of(quantity: i64, threshold: i64) -> Self {
        if quantity <= 0 {
            StockState::Out
        } else if quantity <= threshold {
            StockState::Low
        } else {
            StockState::Ok
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StockState::Ok => "ok",
            StockState::Low => "low",
            StockState::Out => "out",
        }
    }
}

/// The stock of a tracked variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Stock {
    pub quantity: i64,
    /// At or below it, the item is low and an alert is sent once.
    pub threshold: i64,
    /// Unavailable by itself at zero ("auto-86"), available again when restocked.
    pub auto_86: bool,
    pub state: StockState,
}

/// A size or kind of a product, with its own price ("25 cl", "50 cl"). A product with
/// one variant shows no variant name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Variant {
    /// Also the id of its stock item.
    pub id: Uuid,
    pub name: Option<String>,
    /// In minor units of the restaurant's currency; tax included or not as the
    /// restaurant's `prices_include_tax` says.
    pub price: i64,
    /// Whether it can be ordered now: not made unavailable by hand (or that has
    /// expired), not at zero with auto-86, and its product available.
    pub available: bool,
    /// Made unavailable by hand ("rupture temporaire"), until `unavailable_until` if set.
    pub unavailable: bool,
    pub unavailable_until: Option<DateTime<Utc>>,
    /// Its stock, when tracked and the reader holds `inventory.view`.
    pub stock: Option<Stock>,
}

/// One choice of a modifier group, with what it adds to (or takes off) the price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ModifierOption {
    pub id: Uuid,
    pub name: String,
    /// In minor units; may be negative.
    pub price_delta: i64,
}

/// Choices that go with a product ("Cuisson": exactly one; "Suppléments": up to three).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ModifierGroup {
    pub id: Uuid,
    pub name: String,
    /// 0 makes the group optional.
    pub min_choices: u8,
    pub max_choices: u8,
    pub options: Vec<ModifierOption>,
}

/// The images of a product, re-encoded by the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductImage {
    /// 160 pixels wide at most, for lists.
    pub thumbnail_url: String,
    /// 960 pixels wide at most, for the guests' menu.
    pub large_url: String,
}

/// A product of the menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Product {
    pub id: Uuid,
    /// None only for an archived product whose category was deleted.
    pub category_id: Option<Uuid>,
    pub name: String,
    pub description: Option<String>,
    /// In basis points: 1000 is 10 %.
    pub tax_rate: u32,
    pub allergens: Vec<Allergen>,
    pub dietary: Vec<DietaryTag>,
    pub station: Station,
    /// An inactive product is kept but hidden from the guests' menu and order screens.
    pub is_active: bool,
    /// 0 first, within its category.
    pub display_order: i32,
    /// Made unavailable by hand, every variant with it.
    pub unavailable: bool,
    pub unavailable_until: Option<DateTime<Utc>>,
    /// Whether any of its variants can be ordered now.
    pub available: bool,
    pub image: Option<ProductImage>,
    /// At least one.
    pub variants: Vec<Variant>,
    pub modifier_groups: Vec<ModifierGroup>,
    /// Deleted while orders or the stock ledger refer to it: kept for history, hidden
    /// from the menu.
    pub archived_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// Which products a list shows.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[serde(deny_unknown_fields)]
pub struct ProductQuery {
    /// Only this category's.
    pub category_id: Option<Uuid>,
    /// `true` lists the archived products only; by default they are left out.
    pub archived: Option<bool>,
}

fn optional_text(field: &str, raw: Option<&str>, max: usize) -> Result<Option<String>, FieldError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => {
            if text.chars().count() > max {
                return Err(FieldError::new(
                    field,
                    "too_long",
                    format!("At most {max} characters."),
                ));
            }
            if text
                .chars()
                .any(|c| (c.is_control() && c != '\n') || crate::validation::is_refused_in_text(c))
            {
                return Err(FieldError::new(
                    field,
                    "invalid_characters",
                    "Remove the control characters.",
                ));
            }
            Ok(Some(text.to_owned()))
        }
    }
}

/// A price as sent: a whole number of minor units, 0 to [`PRICE_MAX`].
pub fn price(field: &str, raw: i64) -> Result<i64, FieldError> {
    if (0..=PRICE_MAX).contains(&raw) {
        Ok(raw)
    } else {
        Err(FieldError::new(
            field,
            "out_of_range",
            format!(
                "A price is a whole number of minor units from 0 to {PRICE_MAX} (1250 is 12.50)."
            ),
        ))
    }
}

fn tax_rate(field: &str, raw: i64) -> Result<u32, FieldError> {
    u32::try_from(raw)
        .ok()
        .filter(|rate| *rate <= TAX_RATE_MAX)
        .ok_or_else(|| {
            FieldError::new(
                field,
                "out_of_range",
                "A tax rate is in basis points, from 0 to 10000 (1000 is 10 %).",
            )
        })
}

fn station(raw: &str) -> Result<Station, FieldError> {
    Station::parse(raw).ok_or_else(|| {
        FieldError::new(
            "station",
            "unknown_station",
            "Choose kitchen, bar, pastry or cold.",
        )
    })
}

fn set_of<T: Copy + Ord>(
    field: &str,
    raw: &[String],
    parse: fn(&str) -> Option<T>,
) -> Result<Vec<T>, FieldError> {
    let mut set = Vec::new();
    for (index, name) in raw.iter().enumerate() {
        let known = parse(name).ok_or_else(|| {
            FieldError::new(
                &format!("{field}[{index}]"),
                "unknown_value",
                format!("{name} is not one of the known values."),
            )
        })?;
        set.push(known);
    }
    set.sort();
    set.dedup();
    Ok(set)
}

/// Creates a category after the others.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateCategoryRequest {
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 80, example = "Boissons chaudes")
    )]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub description: Option<String>,
    /// Active unless said otherwise.
    #[serde(default)]
    pub is_active: Option<bool>,
}

/// A valid category to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCategory {
    pub name: String,
    pub description: Option<String>,
    pub is_active: bool,
}

impl CreateCategoryRequest {
    pub fn validate(&self) -> Result<NewCategory, Vec<FieldError>> {
        let mut v = Validator::new();
        let name = v.check(display_name("name", &self.name, CATEGORY_NAME_MAX));
        let description = v.check(optional_text(
            "description",
            self.description.as_deref(),
            DESCRIPTION_MAX,
        ));
        v.finish()?;
        Ok(NewCategory {
            name: name.unwrap_or_default(),
            description: description.flatten(),
            is_active: self.is_active.unwrap_or(true),
        })
    }
}

/// Changes a category; what is absent stays. An empty `description` removes it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateCategoryRequest {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 80))]
    pub name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub description: Option<String>,
    #[serde(default)]
    pub is_active: Option<bool>,
}

/// A category change, checked: `description` is `Some(None)` to remove it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryChange {
    pub name: Option<String>,
    pub description: Option<Option<String>>,
    pub is_active: Option<bool>,
}

impl UpdateCategoryRequest {
    pub fn validate(&self) -> Result<CategoryChange, Vec<FieldError>> {
        let mut v = Validator::new();
        let name = self
            .name
            .as_deref()
            .and_then(|raw| v.check(display_name("name", raw, CATEGORY_NAME_MAX)));
        let description = match &self.description {
            None => None,
            Some(raw) => v.check(optional_text("description", Some(raw), DESCRIPTION_MAX)),
        };
        v.finish()?;
        Ok(CategoryChange {
            name,
            description,
            is_active: self.is_active,
        })
    }
}

/// A variant as sent: with the `id` of one it keeps, or none for a new one.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VariantInput {
    #[serde(default)]
    pub id: Option<Uuid>,
    /// Required when a product has more than one variant.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40, example = "50 cl"))]
    pub name: Option<String>,
    /// Minor units, 0 to 100,000,000.
    #[serde(deserialize_with = "crate::api::whole_number")]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 100_000_000, example = 450)
    )]
    pub price: i64,
}

/// A modifier option as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ModifierOptionInput {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 40, example = "Saignant")
    )]
    pub name: String,
    /// Minor units, -10,000,000 to 10,000,000; 0 by default.
    #[serde(default, deserialize_with = "crate::api::optional_whole_number")]
    #[cfg_attr(feature = "openapi", schema(minimum = -10_000_000, maximum = 10_000_000))]
    pub price_delta: Option<i64>,
}

/// A modifier group as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ModifierGroupInput {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 40, example = "Cuisson")
    )]
    pub name: String,
    /// 0 to the number of options; 0 by default.
    #[serde(default, deserialize_with = "crate::api::optional_whole_number")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 30))]
    pub min_choices: Option<i64>,
    /// 1 to the number of options; 1 by default.
    #[serde(default, deserialize_with = "crate::api::optional_whole_number")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 30))]
    pub max_choices: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 30))]
    pub options: Vec<ModifierOptionInput>,
}

/// A checked variant: `id` is kept when given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVariant {
    pub id: Option<Uuid>,
    pub name: Option<String>,
    pub price: i64,
}

fn variants(raw: &[VariantInput], v: &mut Validator) -> Vec<NewVariant> {
    if raw.is_empty() || raw.len() > MAX_VARIANTS {
        v.check::<()>(Err(FieldError::new(
            "variants",
            "out_of_range",
            format!("A product has 1 to {MAX_VARIANTS} variants."),
        )));
        return Vec::new();
    }
    let mut seen_names: Vec<String> = Vec::new();
    let mut seen_ids: Vec<Uuid> = Vec::new();
    let mut out = Vec::new();
    for (index, input) in raw.iter().enumerate() {
        let field = |name: &str| format!("variants[{index}].{name}");
        let name = match input.name.as_deref().map(str::trim) {
            None | Some("") if raw.len() == 1 => Some(None),
            None | Some("") => v.check::<Option<String>>(Err(FieldError::new(
                &field("name"),
                "required",
                "Name each variant when there are several (25 cl, 50 cl).",
            ))),
            Some(text) => v
                .check(display_name(&field("name"), text, VARIANT_NAME_MAX))
                .map(Some),
        };
        if let Some(Some(name)) = &name {
            let folded = name.to_lowercase();
            if seen_names.contains(&folded) {
                v.check::<()>(Err(FieldError::new(
                    &field("name"),
                    "duplicate",
                    "Two variants have this name.",
                )));
            }
            seen_names.push(folded);
        }
        if let Some(id) = input.id {
            if seen_ids.contains(&id) {
                v.check::<()>(Err(FieldError::new(
                    &field("id"),
                    "duplicate",
                    "This variant is listed twice.",
                )));
            }
            seen_ids.push(id);
        }
        let price = v.check(price(&field("price"), input.price));
        if let (Some(name), Some(price)) = (name, price) {
            out.push(NewVariant {
                id: input.id,
                name,
                price,
            });
        }
    }
    out
}

/// Checks modifier groups: names, limits (`min ≤ max ≤ options`), deltas.
pub fn modifier_groups(raw: &[ModifierGroupInput], v: &mut Validator) -> Vec<ModifierGroupInput> {
    if raw.len() > MAX_MODIFIER_GROUPS {
        v.check::<()>(Err(FieldError::new(
            "modifier_groups",
            "out_of_range",
            format!("A product has at most {MAX_MODIFIER_GROUPS} modifier groups."),
        )));
        return Vec::new();
    }
    let mut out = Vec::new();
    for (g, group) in raw.iter().enumerate() {
        let field = |name: &str| format!("modifier_groups[{g}].{name}");
        let name = v.check(display_name(&field("name"), &group.name, VARIANT_NAME_MAX));
        let count = group.options.len();
        if count == 0 || count > MAX_MODIFIER_OPTIONS {
            v.check::<()>(Err(FieldError::new(
                &field("options"),
                "out_of_range",
                format!("A group has 1 to {MAX_MODIFIER_OPTIONS} options."),
            )));
        }
        let min = group.min_choices.unwrap_or(0);
        let max = group.max_choices.unwrap_or(1);
        let limits = if min < 0 || max < 1 || min > max || max > count as i64 {
            v.check::<()>(Err(FieldError::new(
                &field("max_choices"),
                "invalid_limits",
                "Choices go from a minimum of 0 or more to a maximum of at least 1, no more than the options.",
            )))
        } else {
            Some(())
        };
        let mut options = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for (o, option) in group.options.iter().enumerate() {
            let field = |name: &str| format!("modifier_groups[{g}].options[{o}].{name}");
            let name = v.check(display_name(&field("name"), &option.name, VARIANT_NAME_MAX));
            if let Some(name) = &name {
                if seen.contains(&name.to_lowercase()) {
                    v.check::<()>(Err(FieldError::new(
                        &field("name"),
                        "duplicate",
                        "Two options have this name.",
                    )));
                }
                seen.push(name.to_lowercase());
            }
            let delta = option.price_delta.unwrap_or(0);
            let delta = v.check(if (-PRICE_DELTA_MAX..=PRICE_DELTA_MAX).contains(&delta) {
                Ok(delta)
            } else {
                Err(FieldError::new(
                    &field("price_delta"),
                    "out_of_range",
                    format!("A price change is at most {PRICE_DELTA_MAX} minor units either way."),
                ))
            });
            if let (Some(name), Some(delta)) = (name, delta) {
                options.push(ModifierOptionInput {
                    id: option.id,
                    name,
                    price_delta: Some(delta),
                });
            }
        }
        if let (Some(name), Some(())) = (name, limits) {
            out.push(ModifierGroupInput {
                id: group.id,
                name,
                min_choices: Some(min),
                max_choices: Some(max),
                options,
            });
        }
    }
    out
}

/// Creates a product at the end of its category. Give `price` for a product with one
/// variant, or `variants` for several (not both).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateProductRequest {
    pub category_id: Uuid,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 120, example = "Cappuccino")
    )]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub description: Option<String>,
    /// Minor units, for a product with one variant.
    #[serde(default, deserialize_with = "crate::api::optional_whole_number")]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 100_000_000, example = 350)
    )]
    pub price: Option<i64>,
    /// Several variants, each with its price (needs `products.manage_variants`).
    #[serde(default)]
    pub variants: Option<Vec<VariantInput>>,
    /// Modifier groups (needs `products.manage_variants`).
    #[serde(default)]
    pub modifier_groups: Option<Vec<ModifierGroupInput>>,
    /// Basis points, 0 to 10000; 1000 (10 %) by default.
    #[serde(default, deserialize_with = "crate::api::optional_whole_number")]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 10_000, example = 1000)
    )]
    pub tax_rate: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<Allergen>>))]
    pub allergens: Option<Vec<String>>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<DietaryTag>>))]
    pub dietary: Option<Vec<String>>,
    /// `kitchen` by default.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Station>))]
    pub station: Option<String>,
    #[serde(default)]
    pub is_active: Option<bool>,
}

/// The default tax rate of a new product, in basis points.
pub const DEFAULT_TAX_RATE: u32 = 1000;

/// A valid product to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProduct {
    pub category_id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub tax_rate: u32,
    pub allergens: Vec<Allergen>,
    pub dietary: Vec<DietaryTag>,
    pub station: Station,
    pub is_active: bool,
    pub variants: Vec<NewVariant>,
    pub modifier_groups: Vec<ModifierGroupInput>,
}

impl CreateProductRequest {
    /// Whether it sets what `products.manage_variants` covers.
    pub fn shapes_variants(&self) -> bool {
        self.variants.as_ref().is_some_and(|list| list.len() > 1)
            || self
                .modifier_groups
                .as_ref()
                .is_some_and(|list| !list.is_empty())
    }

    pub fn validate(&self) -> Result<NewProduct, Vec<FieldError>> {
        let mut v = Validator::new();
        let name = v.check(display_name("name", &self.name, PRODUCT_NAME_MAX));
        let description = v.check(optional_text(
            "description",
            self.description.as_deref(),
            DESCRIPTION_MAX,
        ));
        let variants = match (&self.price, &self.variants) {
            (Some(_), Some(_)) => {
                v.check::<()>(Err(FieldError::new(
                    "price",
                    "conflict",
                    "Give a price or variants, not both.",
                )));
                Vec::new()
            }
            (None, None) => {
                v.check::<()>(Err(FieldError::new(
                    "price",
                    "required",
                    "Give the product a price.",
                )));
                Vec::new()
            }
            (Some(raw), None) => v
                .check(price("price", *raw))
                .map(|price| {
                    vec![NewVariant {
                        id: None,
                        name: None,
                        price,
                    }]
                })
                .unwrap_or_default(),
            (None, Some(list)) => {
                if list.iter().any(|variant| variant.id.is_some()) {
                    v.check::<()>(Err(FieldError::new(
                        "variants",
                        "unexpected_id",
                        "A new product's variants have no id yet.",
                    )));
                }
                variants(list, &mut v)
            }
        };
        let groups = modifier_groups(self.modifier_groups.as_deref().unwrap_or_default(), &mut v);
        let tax = v.check(tax_rate(
            "tax_rate",
            self.tax_rate.unwrap_or(i64::from(DEFAULT_TAX_RATE)),
        ));
        let allergens = v.check(set_of(
            "allergens",
            self.allergens.as_deref().unwrap_or_default(),
            Allergen::parse,
        ));
        let dietary = v.check(set_of(
            "dietary",
            self.dietary.as_deref().unwrap_or_default(),
            DietaryTag::parse,
        ));
        let station = v.check(
            self.station
                .as_deref()
                .map_or(Ok(Station::Kitchen), station),
        );
        v.finish()?;
        Ok(NewProduct {
            category_id: self.category_id,
            name: name.unwrap_or_default(),
            description: description.flatten(),
            tax_rate: tax.unwrap_or(DEFAULT_TAX_RATE),
            allergens: allergens.unwrap_or_default(),
            dietary: dietary.unwrap_or_default(),
            station: station.unwrap_or(Station::Kitchen),
            is_active: self.is_active.unwrap_or(true),
            variants,
            modifier_groups: groups,
        })
    }
}

/// Changes a product's details; what is absent stays. Prices, variants, images,
/// availability and order have their own operations and permissions; changing
/// `tax_rate` also needs `products.set_prices`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateProductRequest {
    #[serde(default)]
    pub category_id: Option<Uuid>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 120))]
    pub name: Option<String>,
    /// An empty string removes it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::api::optional_whole_number")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10_000))]
    pub tax_rate: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<Allergen>>))]
    pub allergens: Option<Vec<String>>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<DietaryTag>>))]
    pub dietary: Option<Vec<String>>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Station>))]
    pub station: Option<String>,
    #[serde(default)]
    pub is_active: Option<bool>,
}

/// A product change, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductChange {
    pub category_id: Option<Uuid>,
    pub name: Option<String>,
    pub description: Option<Option<String>>,
    pub tax_rate: Option<u32>,
    pub allergens: Option<Vec<Allergen>>,
    pub dietary: Option<Vec<DietaryTag>>,
    pub station: Option<Station>,
    pub is_active: Option<bool>,
}

impl UpdateProductRequest {
    pub fn validate(&self) -> Result<ProductChange, Vec<FieldError>> {
        let mut v = Validator::new();
        let name = self
            .name
            .as_deref()
            .and_then(|raw| v.check(display_name("name", raw, PRODUCT_NAME_MAX)));
        let description = match &self.description {
            None => None,
            Some(raw) => v.check(optional_text("description", Some(raw), DESCRIPTION_MAX)),
        };
        let tax_rate = self
            .tax_rate
            .and_then(|raw| v.check(tax_rate("tax_rate", raw)));
        let allergens = self
            .allergens
            .as_deref()
            .and_then(|raw| v.check(set_of("allergens", raw, Allergen::parse)));
        let dietary = self
            .dietary
            .as_deref()
            .and_then(|raw| v.check(set_of("dietary", raw, DietaryTag::parse)));
        let station = self
            .station
            .as_deref()
            .and_then(|raw| v.check(station(raw)));
        v.finish()?;
        Ok(ProductChange {
            category_id: self.category_id,
            name,
            description,
            tax_rate,
            allergens,
            dietary,
            station,
            is_active: self.is_active,
        })
    }
}

/// Replaces a product's variants and modifier groups (`products.manage_variants`).
/// Variants listed with their `id` keep it (and their stock); those left out are
/// removed. Adding a variant or changing a kept one's price also needs
/// `products.set_prices`; removing a tracked one `inventory.edit`, and one made
/// unavailable by hand `products.set_availability`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VariantsRequest {
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 20))]
    pub variants: Vec<VariantInput>,
    #[serde(default)]
    pub modifier_groups: Vec<ModifierGroupInput>,
}

/// Checked variants and groups.
pub type VariantsChange = (Vec<NewVariant>, Vec<ModifierGroupInput>);

impl VariantsRequest {
    pub fn validate(&self) -> Result<VariantsChange, Vec<FieldError>> {
        let mut v = Validator::new();
        let list = variants(&self.variants, &mut v);
        let groups = modifier_groups(&self.modifier_groups, &mut v);
        v.finish()?;
        Ok((list, groups))
    }
}

/// One variant's new price.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PriceInput {
    pub variant_id: Uuid,
    #[serde(deserialize_with = "crate::api::whole_number")]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 100_000_000, example = 380)
    )]
    pub price: i64,
}

/// Sets prices (`products.set_prices`): they apply to order lines made after.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PricesRequest {
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 20))]
    pub prices: Vec<PriceInput>,
}

impl PricesRequest {
    pub fn validate(&self) -> Result<Vec<(Uuid, i64)>, Vec<FieldError>> {
        let mut v = Validator::new();
        if self.prices.is_empty() || self.prices.len() > MAX_VARIANTS {
            v.check::<()>(Err(FieldError::new(
                "prices",
                "out_of_range",
                "Give 1 to 20 prices.",
            )));
        }
        let mut out: Vec<(Uuid, i64)> = Vec::new();
        for (index, input) in self.prices.iter().enumerate() {
            if out.iter().any(|(id, _)| *id == input.variant_id) {
                v.check::<()>(Err(FieldError::new(
                    &format!("prices[{index}].variant_id"),
                    "duplicate",
                    "This variant is listed twice.",
                )));
            }
            if let Some(price) = v.check(price(&format!("prices[{index}].price"), input.price)) {
                out.push((input.variant_id, price));
            }
        }
        v.finish()?;
        Ok(out)
    }
}

/// Makes a product, or one of its variants, available or not (`products.set_availability`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AvailabilityRequest {
    pub available: bool,
    /// For a variant only; the whole product by default.
    #[serde(default)]
    pub variant_id: Option<Uuid>,
    /// When unavailable: until this moment (in the future), or until made available.
    #[serde(default)]
    pub until: Option<DateTime<Utc>>,
}

/// The menu's new order, saved in one call (`products.set_priority`): every category
/// once, and/or every product of one category once.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReorderRequest {
    #[serde(default)]
    pub category_ids: Option<Vec<Uuid>>,
    #[serde(default)]
    pub products: Option<ProductOrder>,
}

/// A category's products in their new order.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProductOrder {
    pub category_id: Uuid,
    pub product_ids: Vec<Uuid>,
}

/// What the guests' menu shows (`public_menu.*`) and how prices and stock count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MenuSettings {
    /// Prices on the guests' menu.
    pub show_prices: bool,
    /// Unavailable items shown marked "indisponible" (`true`) or hidden (`false`).
    pub show_unavailable: bool,
    /// The guests' menu takes the restaurant's brand colour.
    pub use_brand_color: bool,
    /// Prices include tax (`true`) or tax is added on top (`false`).
    pub prices_include_tax: bool,
    /// A sale may take a tracked item below zero.
    pub allow_negative_stock: bool,
}

impl Default for MenuSettings {
    fn default() -> Self {
        Self {
            show_prices: true,
            show_unavailable: true,
            use_brand_color: true,
            prices_include_tax: true,
            allow_negative_stock: false,
        }
    }
}

/// Changes the menu's settings; what is absent stays. The guests' options need
/// `public_menu.edit_settings`; `prices_include_tax` also `products.set_prices`,
/// `allow_negative_stock` also `inventory.edit`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateMenuSettingsRequest {
    #[serde(default)]
    pub show_prices: Option<bool>,
    #[serde(default)]
    pub show_unavailable: Option<bool>,
    #[serde(default)]
    pub use_brand_color: Option<bool>,
    #[serde(default)]
    pub prices_include_tax: Option<bool>,
    #[serde(default)]
    pub allow_negative_stock: Option<bool>,
}

impl UpdateMenuSettingsRequest {
    pub fn applied_to(&self, now: &MenuSettings) -> MenuSettings {
        MenuSettings {
            show_prices: self.show_prices.unwrap_or(now.show_prices),
            show_unavailable: self.show_unavailable.unwrap_or(now.show_unavailable),
            use_brand_color: self.use_brand_color.unwrap_or(now.use_brand_color),
            prices_include_tax: self.prices_include_tax.unwrap_or(now.prices_include_tax),
            allow_negative_stock: self
                .allow_negative_stock
                .unwrap_or(now.allow_negative_stock),
        }
    }
}

/// Whether an item made unavailable by hand still is at `now`.
pub fn held_unavailable(
    unavailable: bool,
    until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    unavailable && until.is_none_or(|until| until > now)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn product(price: Option<i64>, variants: Option<Vec<VariantInput>>) -> CreateProductRequest {
        CreateProductRequest {
            category_id: Uuid::nil(),
            name: "Cappuccino".into(),
            description: None,
            price,
            variants,
            modifier_groups: None,
            tax_rate: None,
            allergens: None,
            dietary: None,
            station: None,
            is_active: None,
        }
    }

    fn variant(name: Option<&str>, price: i64) -> VariantInput {
        VariantInput {
            id: None,
            name: name.map(str::to_owned),
            price,
        }
    }

    #[test]
    fn a_product_with_a_price_gets_one_unnamed_variant_and_the_defaults() {
        let new = product(Some(350), None).validate().unwrap();
        assert_eq!(
            new.variants,
            vec![NewVariant {
                id: None,
                name: None,
                price: 350
            }]
        );
        assert_eq!(
            (new.tax_rate, new.station, new.is_active),
            (1000, Station::Kitchen, true)
        );
    }

    #[test]
    fn several_variants_each_need_a_distinct_name() {
        let fields = |list| {
            product(None, Some(list))
                .validate()
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(vec![variant(Some("25 cl"), 300), variant(None, 500)]),
            vec![("variants[1].name".to_owned(), "required".to_owned())]
        );
        assert_eq!(
            fields(vec![
                variant(Some("25 cl"), 300),
                variant(Some("25 CL"), 500)
            ]),
            vec![("variants[1].name".to_owned(), "duplicate".to_owned())]
        );
    }

    #[test]
    fn a_price_is_whole_minor_units_within_range() {
        assert!(price("price", -1).is_err());
        assert!(price("price", PRICE_MAX + 1).is_err());
        assert_eq!(price("price", 0).unwrap(), 0);
        let both = product(Some(100), Some(vec![variant(None, 100)])).validate();
        assert_eq!(both.unwrap_err()[0].code, "conflict");
    }

    #[test]
    fn a_modifier_groups_limits_must_fit_its_options() {
        let group = |min, max| ModifierGroupInput {
            id: None,
            name: "Cuisson".into(),
            min_choices: Some(min),
            max_choices: Some(max),
            options: vec![
                ModifierOptionInput {
                    id: None,
                    name: "Saignant".into(),
                    price_delta: None,
                },
                ModifierOptionInput {
                    id: None,
                    name: "À point".into(),
                    price_delta: Some(-50),
                },
            ],
        };
        let check = |g| {
            let mut v = Validator::new();
            let out = modifier_groups(&[g], &mut v);
            (out.len(), v.finish().is_ok())
        };
        assert_eq!(check(group(1, 1)), (1, true));
        assert_eq!(check(group(0, 2)), (1, true));
        assert_eq!(check(group(2, 1)), (0, false));
        assert_eq!(check(group(0, 3)), (0, false));
        assert_eq!(check(group(0, 0)), (0, false));
    }

    #[test]
    fn allergens_are_the_eus_fourteen_stored_as_bits() {
        assert_eq!(Allergen::ALL.len(), 14);
        let set = vec![Allergen::Gluten, Allergen::Milk, Allergen::Molluscs];
        assert_eq!(Allergen::from_bits(Allergen::to_bits(&set)), set);
        assert_eq!(Allergen::Nuts.label("fr"), "Fruits à coque");
        let unknown = set_of("allergens", &["peanut".to_owned()], Allergen::parse);
        assert_eq!(unknown.unwrap_err().field, "allergens[0]");
    }

    #[test]
    fn stock_is_low_at_its_threshold_and_out_at_zero() {
        assert_eq!(StockState::of(4, 3), StockState::Ok);
        assert_eq!(StockState::of(3, 3), StockState::Low);
        assert_eq!(StockState::of(1, 3), StockState::Low);
        assert_eq!(StockState::of(0, 3), StockState::Out);
        assert_eq!(StockState::of(-2, 3), StockState::Out);
    }

    #[test]
    fn a_hand_made_unavailability_ends_at_its_time() {
        let now = DateTime::<Utc>::from_timestamp(1_000_000, 0).unwrap();
        let later = DateTime::<Utc>::from_timestamp(1_000_600, 0).unwrap();
        assert!(held_unavailable(true, None, now));
        assert!(held_unavailable(true, Some(later), now));
        assert!(!held_unavailable(true, Some(now), later));
        assert!(!held_unavailable(false, None, now));
    }
}
