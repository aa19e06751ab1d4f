//! The menu's store: the only code that reads or writes categories, products, their
//! variants (but for the stock columns, which are the stock slice's) and the menu's
//! settings. Changes to the menu's order and shape first take its turn ([`lock`]).

use std::collections::HashMap;

use anyhow::Context;
use brigade_domain::menu::{
    Allergen, Category, DietaryTag, MenuSettings, ModifierGroup, ModifierGroupInput,
    ModifierOption, NewCategory, NewProduct, NewVariant, Product, ProductImage, ProductQuery,
    Station, Stock, StockState, Variant,
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::{json, Value};
use uuid::Uuid;

use super::{images, rules};
use crate::entities::{menu_category, menu_product, menu_setting, menu_variant, stock_movement};
use crate::platform::{ApiError, ApiResult, TenantTxn};

pub type CategoryRow = menu_category::Model;
pub type ProductRow = menu_product::Model;
pub type VariantRow = menu_variant::Model;

/// A creating request's key and the hash of the request.
pub type Retry<'a> = Option<(&'a str, &'a str)>;

/// Makes a new restaurant's menu settings (sign-up).
pub async fn open(txn: &TenantTxn) -> ApiResult<()> {
    txn.insert(menu_setting::ActiveModel {
        version: Set(0),
        show_prices: Set(true),
        show_unavailable: Set(true),
        use_brand_color: Set(true),
        prices_include_tax: Set(true),
        allow_negative_stock: Set(false),
        updated_at: Set(None),
        ..Default::default()
    })
    .await
    .context("opening the menu's settings")?;
    Ok(())
}

/// Takes the menu's turn: moves its version, which locks the settings' row on
/// PostgreSQL (SQLite has one writer), so orders, limits and keys are decided by one
/// change at a time per restaurant.
pub async fn lock(txn: &TenantTxn) -> ApiResult<()> {
    let moved = txn
        .update_many::<menu_setting::Entity>()
        .col_expr(
            menu_setting::Column::Version,
            Expr::col(menu_setting::Column::Version).add(1),
        )
        .exec(txn)
        .await
        .context("taking the menu's turn")?;
    if moved.rows_affected == 0 {
        open(txn).await?;
    }
    Ok(())
}

fn wire_settings(row: &menu_setting::Model) -> MenuSettings {
    MenuSettings {
        show_prices: row.show_prices,
        show_unavailable: row.show_unavailable,
        use_brand_color: row.use_brand_color,
        prices_include_tax: row.prices_include_tax,
        allow_negative_stock: row.allow_negative_stock,
    }
}

/// The menu's settings (the defaults until saved).
pub async fn settings(txn: &TenantTxn) -> ApiResult<MenuSettings> {
    Ok(txn
        .find::<menu_setting::Entity>()
        .one(txn)
        .await
        .context("reading the menu's settings")?
        .as_ref()
        .map(wire_settings)
        .unwrap_or_default())
}

pub async fn save_settings(
    txn: &TenantTxn,
    new: &MenuSettings,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    txn.update_many::<menu_setting::Entity>()
        .col_expr(
            menu_setting::Column::ShowPrices,
            Expr::value(new.show_prices),
        )
        .col_expr(
            menu_setting::Column::ShowUnavailable,
            Expr::value(new.show_unavailable),
        )
        .col_expr(
            menu_setting::Column::UseBrandColor,
            Expr::value(new.use_brand_color),
        )
        .col_expr(
            menu_setting::Column::PricesIncludeTax,
            Expr::value(new.prices_include_tax),
        )
        .col_expr(
            menu_setting::Column::AllowNegativeStock,
            Expr::value(new.allow_negative_stock),
        )
        .col_expr(menu_setting::Column::UpdatedAt, Expr::value(Some(now)))
        .exec(txn)
        .await
        .context("saving the menu's settings")?;
    Ok(())
}

pub fn settings_snapshot(settings: &MenuSettings) -> Value {
    json!(settings)
}

// --- categories ---

pub fn category_snapshot(row: &CategoryRow) -> Value {
    json!({
        "name": row.name,
        "description": row.description,
        "display_order": row.display_order,
        "is_active": row.is_active,
    })
}

/// Every category in order, with how many products (not archived) each has.
pub async fn categories(txn: &TenantTxn) -> ApiResult<Vec<Category>> {
    let rows = txn
        .find::<menu_category::Entity>()
        .order_by_asc(menu_category::Column::DisplayOrder)
        .order_by_asc(menu_category::Column::CreatedAt)
        .all(txn)
        .await
        .context("listing the categories")?;
    let counts: Vec<(Option<Uuid>, i64)> = txn
        .find::<menu_product::Entity>()
        .select_only()
        .column(menu_product::Column::CategoryId)
        .column_as(menu_product::Column::Id.count(), "products")
        .filter(menu_product::Column::ArchivedAt.is_null())
        .group_by(menu_product::Column::CategoryId)
        .into_tuple()
        .all(txn)
        .await
        .context("counting the products")?;
    let counts: HashMap<Uuid, i64> = counts
        .into_iter()
        .filter_map(|(category, n)| category.map(|c| (c, n)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| Category {
            products: u32::try_from(counts.get(&row.id).copied().unwrap_or(0)).unwrap_or(0),
            id: row.id,
            name: row.name,
            description: row.description,
            display_order: row.display_order,
            is_active: row.is_active,
        })
        .collect())
}

pub async fn category(txn: &TenantTxn, id: Uuid) -> ApiResult<Option<CategoryRow>> {
    Ok(txn
        .find_by_id::<menu_category::Entity>(id)
        .one(txn)
        .await
        .context("reading a category")?)
}

pub async fn category_by_key(txn: &TenantTxn, key: &str) -> ApiResult<Option<CategoryRow>> {
    Ok(txn
        .find::<menu_category::Entity>()
        .filter(menu_category::Column::IdempotencyKey.eq(key))
        .one(txn)
        .await
        .context("reading a category by its idempotency key")?)
}

/// How many categories and (not archived) products the menu has.
pub async fn sizes(txn: &TenantTxn) -> ApiResult<(u64, u64)> {
    let categories = txn
        .find::<menu_category::Entity>()
        .count(txn)
        .await
        .context("counting the categories")?;
    let products = txn
        .find::<menu_product::Entity>()
        .filter(menu_product::Column::ArchivedAt.is_null())
        .count(txn)
        .await
        .context("counting the products")?;
    Ok((categories, products))
}

pub async fn create_category(
    txn: &TenantTxn,
    new: &NewCategory,
    retry: Retry<'_>,
    now: DateTime<Utc>,
) -> ApiResult<CategoryRow> {
    let last: Option<i32> = txn
        .find::<menu_category::Entity>()
        .select_only()
        .column_as(menu_category::Column::DisplayOrder.max(), "last")
        .into_tuple::<Option<i32>>()
        .one(txn)
        .await
        .context("reading the categories' order")?
        .flatten();
    let id = Uuid::new_v4();
    txn.insert(menu_category::ActiveModel {
        id: Set(id),
        name: Set(new.name.clone()),
        description: Set(new.description.clone()),
        display_order: Set(last.map_or(0, |n| n + 1)),
        is_active: Set(new.is_active),
        idempotency_key: Set(retry.map(|(key, _)| key.to_owned())),
        request_hash: Set(retry.map(|(_, hash)| hash.to_owned())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .await
    .context("creating a category")?;
    category(txn, id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the new category vanished")))
}

pub async fn update_category(
    txn: &TenantTxn,
    row: &CategoryRow,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    txn.update_many::<menu_category::Entity>()
        .col_expr(menu_category::Column::Name, Expr::value(row.name.clone()))
        .col_expr(
            menu_category::Column::Description,
            Expr::value(row.description.clone()),
        )
        .col_expr(menu_category::Column::IsActive, Expr::value(row.is_active))
        .col_expr(menu_category::Column::UpdatedAt, Expr::value(now))
        .filter(menu_category::Column::Id.eq(row.id))
        .exec(txn)
        .await
        .context("changing a category")?;
    Ok(())
}

/// Deletes a category; its archived products keep their history with no category.
pub async fn delete_category(txn: &TenantTxn, id: Uuid) -> ApiResult<()> {
    txn.update_many::<menu_product::Entity>()
        .col_expr(
            menu_product::Column::CategoryId,
            Expr::value(Option::<Uuid>::None),
        )
        .filter(menu_product::Column::CategoryId.eq(id))
        .filter(menu_product::Column::ArchivedAt.is_not_null())
        .exec(txn)
        .await
        .context("unlinking a category's archived products")?;
    txn.delete_many::<menu_category::Entity>()
        .filter(menu_category::Column::Id.eq(id))
        .exec(txn)
        .await
        .context("deleting a category")?;
    Ok(())
}

/// The products (not archived) of a category, in order.
pub async fn product_ids_in(txn: &TenantTxn, category: Uuid) -> ApiResult<Vec<Uuid>> {
    Ok(txn
        .find::<menu_product::Entity>()
        .select_only()
        .column(menu_product::Column::Id)
        .filter(menu_product::Column::CategoryId.eq(category))
        .filter(menu_product::Column::ArchivedAt.is_null())
        .order_by_asc(menu_product::Column::DisplayOrder)
        .into_tuple::<Uuid>()
        .all(txn)
        .await
        .context("listing a category's products")?)
}

pub async fn reorder_categories(
    txn: &TenantTxn,
    ids: &[Uuid],
    now: DateTime<Utc>,
) -> ApiResult<()> {
    for (place, id) in ids.iter().enumerate() {
        txn.update_many::<menu_category::Entity>()
            .col_expr(
                menu_category::Column::DisplayOrder,
                Expr::value(place as i32),
            )
            .col_expr(menu_category::Column::UpdatedAt, Expr::value(now))
            .filter(menu_category::Column::Id.eq(*id))
            .exec(txn)
            .await
            .context("moving a category")?;
    }
    Ok(())
}

pub async fn reorder_products(txn: &TenantTxn, ids: &[Uuid], now: DateTime<Utc>) -> ApiResult<()> {
    for (place, id) in ids.iter().enumerate() {
        txn.update_many::<menu_product::Entity>()
            .col_expr(
                menu_product::Column::DisplayOrder,
                Expr::value(place as i32),
            )
            .col_expr(menu_product::Column::UpdatedAt, Expr::value(now))
            .filter(menu_product::Column::Id.eq(*id))
            .exec(txn)
            .await
            .context("moving a product")?;
    }
    Ok(())
}

// --- products ---

fn groups_of(row: &ProductRow) -> Vec<ModifierGroup> {
    serde_json::from_str(&row.modifiers).unwrap_or_default()
}

/// What the audit trail keeps of a product.
pub fn product_snapshot(row: &ProductRow, variants: &[VariantRow]) -> Value {
    json!({
        "name": row.name,
        "category_id": row.category_id,
        "description": row.description,
        "tax_rate": row.tax_rate,
        "allergens": Allergen::from_bits(row.allergens),
        "dietary": DietaryTag::from_bits(row.dietary),
        "station": row.station,
        "is_active": row.is_active,
        "unavailable": row.unavailable,
        "unavailable_until": row.unavailable_until,
        "image": row.image,
        "variants": variants.iter().map(|v| json!({
            "id": v.id, "name": v.name, "price": v.price,
            "unavailable": v.unavailable, "unavailable_until": v.unavailable_until,
        })).collect::<Vec<_>>(),
        "modifier_groups": groups_of(row),
        "archived_at": row.archived_at,
    })
}

/// The product as the API shows it.
pub fn wire_product(
    sees_stock: bool,
    restaurant: Uuid,
    row: &ProductRow,
    variants: &[VariantRow],
    now: DateTime<Utc>,
) -> Product {
    let variants: Vec<Variant> = variants
        .iter()
        .map(|v| Variant {
            id: v.id,
            name: v.name.clone(),
            price: v.price,
            available: rules::sellable(row, v, now),
            unavailable: v.unavailable,
            unavailable_until: v.unavailable_until,
            stock: (sees_stock && v.tracks_stock).then(|| Stock {
                quantity: v.stock_quantity,
                threshold: v.low_threshold,
                auto_86: v.auto_86,
                state: StockState::of(v.stock_quantity, v.low_threshold),
            }),
        })
        .collect();
    Product {
        id: row.id,
        category_id: row.category_id,
        name: row.name.clone(),
        description: row.description.clone(),
        tax_rate: u32::try_from(row.tax_rate).unwrap_or(0),
        allergens: Allergen::from_bits(row.allergens),
        dietary: DietaryTag::from_bits(row.dietary),
        station: Station::parse(&row.station).unwrap_or(Station::Kitchen),
        is_active: row.is_active,
        display_order: row.display_order,
        unavailable: row.unavailable,
        unavailable_until: row.unavailable_until,
        available: variants.iter().any(|v| v.available),
        image: row.image.as_deref().map(|hash| ProductImage {
            thumbnail_url: images::url(restaurant, hash, images::Size::Thumbnail),
            large_url: images::url(restaurant, hash, images::Size::Large),
        }),
        variants,
        modifier_groups: groups_of(row),
        archived_at: row.archived_at,
        updated_at: row.updated_at,
    }
}

pub async fn product(txn: &TenantTxn, id: Uuid) -> ApiResult<Option<ProductRow>> {
    Ok(txn
        .find_by_id::<menu_product::Entity>(id)
        .one(txn)
        .await
        .context("reading a product")?)
}

pub async fn product_by_key(txn: &TenantTxn, key: &str) -> ApiResult<Option<ProductRow>> {
    Ok(txn
        .find::<menu_product::Entity>()
        .filter(menu_product::Column::IdempotencyKey.eq(key))
        .one(txn)
        .await
        .context("reading a product by its idempotency key")?)
}

pub async fn variants_of(txn: &TenantTxn, product: Uuid) -> ApiResult<Vec<VariantRow>> {
    Ok(txn
        .find::<menu_variant::Entity>()
        .filter(menu_variant::Column::ProductId.eq(product))
        .order_by_asc(menu_variant::Column::DisplayOrder)
        .all(txn)
        .await
        .context("reading a product's variants")?)
}

/// The products a query asks for, in category order then their own, each with its
/// variants.
pub async fn products(
    txn: &TenantTxn,
    query: &ProductQuery,
) -> ApiResult<Vec<(ProductRow, Vec<VariantRow>)>> {
    let mut select = txn.find::<menu_product::Entity>();
    if let Some(category) = query.category_id {
        select = select.filter(menu_product::Column::CategoryId.eq(category));
    }
    select = if query.archived == Some(true) {
        select.filter(menu_product::Column::ArchivedAt.is_not_null())
    } else {
        select.filter(menu_product::Column::ArchivedAt.is_null())
    };
    let rows = select
        .order_by_asc(menu_product::Column::DisplayOrder)
        .order_by_asc(menu_product::Column::CreatedAt)
        .all(txn)
        .await
        .context("listing the products")?;
    let mut variants: HashMap<Uuid, Vec<VariantRow>> = HashMap::new();
    let all = txn
        .find::<menu_variant::Entity>()
        .order_by_asc(menu_variant::Column::DisplayOrder)
        .all(txn)
        .await
        .context("listing the variants")?;
    for variant in all {
        variants
            .entry(variant.product_id)
            .or_default()
            .push(variant);
    }
    let order: HashMap<Uuid, i32> = categories(txn)
        .await?
        .into_iter()
        .map(|c| (c.id, c.display_order))
        .collect();
    let mut out: Vec<(ProductRow, Vec<VariantRow>)> = rows
        .into_iter()
        .map(|row| {
            let own = variants.remove(&row.id).unwrap_or_default();
            (row, own)
        })
        .collect();
    out.sort_by_key(|(row, _)| {
        (
            row.category_id
                .and_then(|c| order.get(&c).copied())
                .unwrap_or(i32::MAX),
            row.display_order,
        )
    });
    Ok(out)
}

/// Modifier groups with ids: a group or option keeps the id it was sent with when
/// the product already had it, and gets a new one otherwise.
pub fn groups_with_ids(
    input: &[ModifierGroupInput],
    existing: &[ModifierGroup],
) -> Vec<ModifierGroup> {
    let known_group = |id: Option<Uuid>| id.filter(|id| existing.iter().any(|g| g.id == *id));
    input
        .iter()
        .map(|group| {
            let id = known_group(group.id).unwrap_or_else(Uuid::new_v4);
            let old_options: Vec<Uuid> = existing
                .iter()
                .find(|g| g.id == id)
                .map(|g| g.options.iter().map(|o| o.id).collect())
                .unwrap_or_default();
            ModifierGroup {
                id,
                name: group.name.clone(),
                min_choices: u8::try_from(group.min_choices.unwrap_or(0)).unwrap_or(0),
                max_choices: u8::try_from(group.max_choices.unwrap_or(1)).unwrap_or(1),
                options: group
                    .options
                    .iter()
                    .map(|option| ModifierOption {
                        id: option
                            .id
                            .filter(|id| old_options.contains(id))
                            .unwrap_or_else(Uuid::new_v4),
                        name: option.name.clone(),
                        price_delta: option.price_delta.unwrap_or(0),
                    })
                    .collect(),
            }
        })
        .collect()
}

pub async fn create_product(
    txn: &TenantTxn,
    new: &NewProduct,
    retry: Retry<'_>,
    now: DateTime<Utc>,
) -> ApiResult<Uuid> {
    let last: Option<i32> = txn
        .find::<menu_product::Entity>()
        .select_only()
        .column_as(menu_product::Column::DisplayOrder.max(), "last")
        .filter(menu_product::Column::CategoryId.eq(new.category_id))
        .into_tuple::<Option<i32>>()
        .one(txn)
        .await
        .context("reading the products' order")?
        .flatten();
    let id = Uuid::new_v4();
    let groups = groups_with_ids(&new.modifier_groups, &[]);
    txn.insert(menu_product::ActiveModel {
        id: Set(id),
        category_id: Set(Some(new.category_id)),
        name: Set(new.name.clone()),
        description: Set(new.description.clone()),
        tax_rate: Set(i32::try_from(new.tax_rate).unwrap_or(0)),
        allergens: Set(Allergen::to_bits(&new.allergens)),
        dietary: Set(DietaryTag::to_bits(&new.dietary)),
        station: Set(new.station.as_str().to_owned()),
        is_active: Set(new.is_active),
        display_order: Set(last.map_or(0, |n| n + 1)),
        unavailable: Set(false),
        unavailable_until: Set(None),
        image: Set(None),
        modifiers: Set(serde_json::to_string(&groups).context("writing modifier groups")?),
        archived_at: Set(None),
        idempotency_key: Set(retry.map(|(key, _)| key.to_owned())),
        request_hash: Set(retry.map(|(_, hash)| hash.to_owned())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .await
    .context("creating a product")?;
    replace_variants(txn, id, &new.variants, now).await?;
    Ok(id)
}

/// Writes a product's details (not its variants).
pub async fn update_product(
    txn: &TenantTxn,
    row: &ProductRow,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    txn.update_many::<menu_product::Entity>()
        .col_expr(
            menu_product::Column::CategoryId,
            Expr::value(row.category_id),
        )
        .col_expr(menu_product::Column::Name, Expr::value(row.name.clone()))
        .col_expr(
            menu_product::Column::Description,
            Expr::value(row.description.clone()),
        )
        .col_expr(menu_product::Column::TaxRate, Expr::value(row.tax_rate))
        .col_expr(menu_product::Column::Allergens, Expr::value(row.allergens))
        .col_expr(menu_product::Column::Dietary, Expr::value(row.dietary))
        .col_expr(
            menu_product::Column::Station,
            Expr::value(row.station.clone()),
        )
        .col_expr(menu_product::Column::IsActive, Expr::value(row.is_active))
        .col_expr(
            menu_product::Column::DisplayOrder,
            Expr::value(row.display_order),
        )
        .col_expr(
            menu_product::Column::Unavailable,
            Expr::value(row.unavailable),
        )
        .col_expr(
            menu_product::Column::UnavailableUntil,
            Expr::value(row.unavailable_until),
        )
        .col_expr(menu_product::Column::Image, Expr::value(row.image.clone()))
        .col_expr(
            menu_product::Column::Modifiers,
            Expr::value(row.modifiers.clone()),
        )
        .col_expr(
            menu_product::Column::ArchivedAt,
            Expr::value(row.archived_at),
        )
        .col_expr(menu_product::Column::UpdatedAt, Expr::value(now))
        .filter(menu_product::Column::Id.eq(row.id))
        .exec(txn)
        .await
        .context("changing a product")?;
    Ok(())
}

/// Sets a product's modifier groups.
pub fn with_groups(row: &ProductRow, input: &[ModifierGroupInput]) -> ApiResult<ProductRow> {
    let groups = groups_with_ids(input, &groups_of(row));
    Ok(ProductRow {
        modifiers: serde_json::to_string(&groups).context("writing modifier groups")?,
        ..row.clone()
    })
}

/// Makes a product's variants the ones listed, in that order: those with a known id
/// keep it (and their stock), new ones are added, the others removed.
pub async fn replace_variants(
    txn: &TenantTxn,
    product: Uuid,
    list: &[NewVariant],
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let existing = variants_of(txn, product).await?;
    let kept: Vec<Uuid> = list.iter().filter_map(|v| v.id).collect();
    let gone: Vec<Uuid> = existing
        .iter()
        .map(|v| v.id)
        .filter(|id| !kept.contains(id))
        .collect();
    if !gone.is_empty() {
        txn.delete_many::<menu_variant::Entity>()
            .filter(menu_variant::Column::Id.is_in(gone))
            .exec(txn)
            .await
            .context("removing variants")?;
    }
    for (place, variant) in list.iter().enumerate() {
        match variant.id {
            Some(id) => {
                txn.update_many::<menu_variant::Entity>()
                    .col_expr(
                        menu_variant::Column::Name,
                        Expr::value(variant.name.clone()),
                    )
                    .col_expr(menu_variant::Column::Price, Expr::value(variant.price))
                    .col_expr(
                        menu_variant::Column::DisplayOrder,
                        Expr::value(place as i32),
                    )
                    .col_expr(menu_variant::Column::UpdatedAt, Expr::value(now))
                    .filter(menu_variant::Column::Id.eq(id))
                    .filter(menu_variant::Column::ProductId.eq(product))
                    .exec(txn)
                    .await
                    .context("changing a variant")?;
            }
            None => {
                txn.insert(menu_variant::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    product_id: Set(product),
                    name: Set(variant.name.clone()),
                    price: Set(variant.price),
                    display_order: Set(place as i32),
                    unavailable: Set(false),
                    unavailable_until: Set(None),
                    tracks_stock: Set(false),
                    stock_quantity: Set(0),
                    low_threshold: Set(brigade_domain::menu::DEFAULT_THRESHOLD),
                    auto_86: Set(true),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                })
                .await
                .context("adding a variant")?;
            }
        }
    }
    Ok(())
}

pub async fn set_price(
    txn: &TenantTxn,
    variant: Uuid,
    price: i64,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    txn.update_many::<menu_variant::Entity>()
        .col_expr(menu_variant::Column::Price, Expr::value(price))
        .col_expr(menu_variant::Column::UpdatedAt, Expr::value(now))
        .filter(menu_variant::Column::Id.eq(variant))
        .exec(txn)
        .await
        .context("setting a price")?;
    Ok(())
}

pub async fn set_variant_availability(
    txn: &TenantTxn,
    variant: Uuid,
    unavailable: bool,
    until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    txn.update_many::<menu_variant::Entity>()
        .col_expr(menu_variant::Column::Unavailable, Expr::value(unavailable))
        .col_expr(menu_variant::Column::UnavailableUntil, Expr::value(until))
        .col_expr(menu_variant::Column::UpdatedAt, Expr::value(now))
        .filter(menu_variant::Column::Id.eq(variant))
        .exec(txn)
        .await
        .context("setting a variant's availability")?;
    Ok(())
}

/// Holds a product's variants (a write to their rows) until the transaction ends.
pub async fn hold_variants(txn: &TenantTxn, product: Uuid, now: DateTime<Utc>) -> ApiResult<()> {
    txn.update_many::<menu_variant::Entity>()
        .col_expr(menu_variant::Column::UpdatedAt, Expr::value(now))
        .filter(menu_variant::Column::ProductId.eq(product))
        .exec(txn)
        .await
        .context("holding a product's variants")?;
    Ok(())
}

/// Whether history refers to the product: its stock ledger (and, from the orders on,
/// order lines).
pub async fn referenced(txn: &TenantTxn, product: Uuid) -> ApiResult<bool> {
    let moved = txn
        .find::<stock_movement::Entity>()
        .filter(stock_movement::Column::ProductId.eq(product))
        .count(txn)
        .await
        .context("looking for a product's history")?;
    Ok(moved > 0)
}

pub async fn delete_product(txn: &TenantTxn, id: Uuid) -> ApiResult<()> {
    txn.delete_many::<menu_variant::Entity>()
        .filter(menu_variant::Column::ProductId.eq(id))
        .exec(txn)
        .await
        .context("deleting a product's variants")?;
    txn.delete_many::<menu_product::Entity>()
        .filter(menu_product::Column::Id.eq(id))
        .exec(txn)
        .await
        .context("deleting a product")?;
    Ok(())
}

/// Every image hash some product of the restaurant still uses.
pub async fn image_in_use(txn: &TenantTxn, hash: &str) -> ApiResult<bool> {
    let count = txn
        .find::<menu_product::Entity>()
        .filter(menu_product::Column::Image.eq(hash))
        .count(txn)
        .await
        .context("looking for an image's products")?;
    Ok(count > 0)
}

/// A demo category: its name and its products (name, variants with prices, allergens,
/// station).
type DemoCategory = (
    &'static str,
    &'static [(
        &'static str,
        &'static [(Option<&'static str>, i64)],
        &'static [Allergen],
        Station,
    )],
);

/// A demo menu (`brigade demo`): a few categories and products, one with sizes and
/// one with a modifier group, in the restaurant's currency's minor units.
pub async fn furnish(txn: &TenantTxn, now: DateTime<Utc>) -> ApiResult<()> {
    use brigade_domain::menu::{ModifierOptionInput, NewCategory};
    let menu: [DemoCategory; 3] = [
        (
            "Entrées",
            &[
                (
                    "Soupe à l'oignon",
                    &[(None, 850)],
                    &[Allergen::Gluten, Allergen::Milk],
                    Station::Kitchen,
                ),
                (
                    "Salade de chèvre chaud",
                    &[(None, 1100)],
                    &[Allergen::Milk, Allergen::Nuts],
                    Station::Cold,
                ),
            ],
        ),
        (
            "Plats",
            &[
                ("Entrecôte frites", &[(None, 2400)], &[], Station::Kitchen),
                (
                    "Risotto aux cèpes",
                    &[(None, 1950)],
                    &[Allergen::Milk, Allergen::Celery],
                    Station::Kitchen,
                ),
            ],
        ),
        (
            "Boissons",
            &[
                ("Espresso", &[(None, 200)], &[], Station::Bar),
                (
                    "Bière pression",
                    &[(Some("25 cl"), 400), (Some("50 cl"), 700)],
                    &[Allergen::Gluten],
                    Station::Bar,
                ),
            ],
        ),
    ];
    for (category, products) in menu {
        let row = create_category(
            txn,
            &NewCategory {
                name: category.to_owned(),
                description: None,
                is_active: true,
            },
            None,
            now,
        )
        .await?;
        for (name, variants, allergens, station) in products {
            let groups = if name.starts_with("Entrecôte") {
                vec![ModifierGroupInput {
                    id: None,
                    name: "Cuisson".to_owned(),
                    min_choices: Some(1),
                    max_choices: Some(1),
                    options: ["Bleue", "Saignante", "À point", "Bien cuite"]
                        .iter()
                        .map(|option| ModifierOptionInput {
                            id: None,
                            name: (*option).to_owned(),
                            price_delta: Some(0),
                        })
                        .collect(),
                }]
            } else {
                Vec::new()
            };
            create_product(
                txn,
                &NewProduct {
                    category_id: row.id,
                    name: (*name).to_owned(),
                    description: None,
                    tax_rate: brigade_domain::menu::DEFAULT_TAX_RATE,
                    allergens: allergens.to_vec(),
                    dietary: Vec::new(),
                    station: *station,
                    is_active: true,
                    variants: variants
                        .iter()
                        .map(|(name, price)| NewVariant {
                            id: None,
                            name: name.map(str::to_owned),
                            price: *price,
                        })
                        .collect(),
                    modifier_groups: groups,
                },
                None,
                now,
            )
            .await?;
        }
    }
    Ok(())
}
