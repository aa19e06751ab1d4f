//! The menu's endpoints: categories, products with their variants and modifier groups,
//! prices, availability, images, the order on screen and the menu's settings, each
//! gated by its own `products.*` or `public_menu.*` code; and the images' public
//! files. Each change is audited in its transaction and forgets the guests' pages.

use actix_web::http::header;
use actix_web::{delete, get, patch, post, put, web, HttpRequest, HttpResponse};
use anyhow::Context;
use brigade_domain::api::Problem;
use brigade_domain::errors::ErrorCode;
use brigade_domain::menu::{Allergen, DietaryTag};
use brigade_domain::menu::{
    AvailabilityRequest, Category, CreateCategoryRequest, CreateProductRequest, MenuSettings,
    PricesRequest, Product, ProductQuery, ReorderRequest, UpdateCategoryRequest,
    UpdateMenuSettingsRequest, UpdateProductRequest, VariantsRequest, IMAGE_MAX_BYTES,
    MAX_CATEGORIES, MAX_PRODUCTS,
};
use brigade_domain::permissions::{code, needs};
use brigade_macros::endpoint;
use uuid::Uuid;

use super::store::{self, CategoryRow, ProductRow};
use super::{images, rules};
use crate::access::{Authorized, Caller, Public};
use crate::audit::{self, AuditRecord};
use crate::platform::body::{permitted_body, raw_body};
use crate::platform::{idempotency, ApiError, ApiResult, AppState, TenantTxn};

/// Commits a change to the menu and forgets the restaurant's guest pages.
async fn commit(state: &AppState, txn: TenantTxn, doing: &'static str) -> ApiResult<()> {
    let restaurant = txn.tenant().id();
    txn.commit().await.context(doing)?;
    state.guests.forget(restaurant);
    Ok(())
}

async fn category_or_404(txn: &TenantTxn, id: Uuid) -> ApiResult<CategoryRow> {
    store::category(txn, id)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// A product of the menu; archived ones only where `archived` is allowed.
async fn product_or_404(txn: &TenantTxn, id: Uuid) -> ApiResult<ProductRow> {
    store::product(txn, id)
        .await?
        .filter(|row| row.archived_at.is_none())
        .ok_or_else(ApiError::not_found)
}

/// Whether the reader sees stock levels in products (`inventory.view`); everyone who
/// sees the menu sees whether each item is available.
fn sees_stock(caller: &Caller) -> bool {
    caller.permissions.contains(code::INVENTORY_VIEW)
}

async fn wire(state: &AppState, txn: &TenantTxn, id: Uuid, caller: &Caller) -> ApiResult<Product> {
    let row = store::product(txn, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let variants = store::variants_of(txn, id).await?;
    Ok(store::wire_product(
        sees_stock(caller),
        txn.tenant().id(),
        &row,
        &variants,
        state.clock.now(),
    ))
}

async fn snapshot(txn: &TenantTxn, row: &ProductRow) -> ApiResult<serde_json::Value> {
    Ok(store::product_snapshot(
        row,
        &store::variants_of(txn, row.id).await?,
    ))
}

fn menu_full() -> ApiError {
    ApiError::with_detail(
        ErrorCode::MenuFull,
        format!("a menu has at most {MAX_CATEGORIES} categories and {MAX_PRODUCTS} products"),
    )
}

/// The categories in order, with their product counts.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    responses((status = 200, description = "The categories, in order", body = [Category]))
)]
#[get("/menu/categories")]
pub async fn list_categories(
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_VIEW>,
) -> ApiResult<web::Json<Vec<Category>>> {
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the categories")?;
    let categories = store::categories(&txn).await?;
    txn.commit().await.context("ending the categories")?;
    Ok(web::Json(categories))
}

async fn wire_category(txn: &TenantTxn, id: Uuid) -> ApiResult<Category> {
    store::categories(txn)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(ApiError::not_found)
}

/// Adds a category after the others.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    request_body = CreateCategoryRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Any value; a retry with the same key answers the category the first request created")),
    responses(
        (status = 201, description = "Created", body = Category),
        (status = 200, description = "A retry: the category this key created", body = Category),
        (status = 409, description = "`menu_full`: 200 categories already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a field is invalid, or the key was used for another request", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/menu/categories")]
pub async fn create_category(
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_MANAGE_CATEGORIES>,
    request: HttpRequest,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: CreateCategoryRequest = permitted_body(body)?;
    let new = body.validate().map_err(ApiError::Validation)?;
    let key = idempotency::key(&request);
    let hash = idempotency::fingerprint(&body);
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    if let Some(key) = &key {
        if let Some(first) = store::category_by_key(&txn, key).await? {
            if first.request_hash.as_deref() != Some(hash.as_str()) {
                return Err(idempotency::reused());
            }
            let category = wire_category(&txn, first.id).await?;
            txn.commit().await.context("ending a retried category")?;
            return Ok(HttpResponse::Ok().json(category));
        }
    }
    if store::sizes(&txn).await?.0 >= MAX_CATEGORIES {
        return Err(menu_full());
    }
    let retry = key.as_deref().map(|key| (key, hash.as_str()));
    let row = store::create_category(&txn, &new, retry, state.clock.now()).await?;
    audit::record(
        &txn,
        AuditRecord {
            after: Some(store::category_snapshot(&row)),
            ..caller.audit("category.created", "category", row.id)
        },
    )
    .await?;
    let category = wire_category(&txn, row.id).await?;
    commit(&state, txn, "committing a new category").await?;
    Ok(HttpResponse::Created().json(category))
}

/// Changes a category's name, description or whether it is active.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    request_body = UpdateCategoryRequest,
    params(("id" = Uuid, Path, description = "The category")),
    responses(
        (status = 200, description = "The category as it is now", body = Category),
        (status = 404, description = "`not_found`: no such category here", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/menu/categories/{id:[0-9a-fA-F-]+}")]
pub async fn update_category(
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_MANAGE_CATEGORIES>,
    id: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<Category>> {
    let body: UpdateCategoryRequest = permitted_body(body)?;
    let change = body.validate().map_err(ApiError::Validation)?;
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let before = category_or_404(&txn, id.into_inner()).await?;
    let after = CategoryRow {
        name: change.name.unwrap_or_else(|| before.name.clone()),
        description: change
            .description
            .unwrap_or_else(|| before.description.clone()),
        is_active: change.is_active.unwrap_or(before.is_active),
        ..before.clone()
    };
    if after != before {
        store::update_category(&txn, &after, state.clock.now()).await?;
        audit::record(
            &txn,
            AuditRecord {
                before: Some(store::category_snapshot(&before)),
                after: Some(store::category_snapshot(&after)),
                ..caller.audit("category.updated", "category", before.id)
            },
        )
        .await?;
    }
    let category = wire_category(&txn, before.id).await?;
    commit(&state, txn, "committing a category").await?;
    Ok(web::Json(category))
}

/// Deletes an empty category. One that still has products is `409`: move or delete
/// them first. Archived products keep their history without it.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    params(("id" = Uuid, Path, description = "The category")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "`not_found`: no such category here", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`category_not_empty`: it still has products", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/menu/categories/{id:[0-9a-fA-F-]+}")]
pub async fn delete_category(
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_MANAGE_CATEGORIES>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let category = category_or_404(&txn, id.into_inner()).await?;
    let products = store::product_ids_in(&txn, category.id).await?;
    if !products.is_empty() {
        return Err(ApiError::with_detail(
            ErrorCode::CategoryNotEmpty,
            format!("the category still has {} products", products.len()),
        ));
    }
    store::delete_category(&txn, category.id).await?;
    audit::record(
        &txn,
        AuditRecord {
            before: Some(store::category_snapshot(&category)),
            ..caller.audit("category.deleted", "category", category.id)
        },
    )
    .await?;
    commit(&state, txn, "committing a deleted category").await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The products, in category order then their own, with variants, stock and whether
/// each can be sold now; archived ones only when asked.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    params(ProductQuery),
    responses(
        (status = 200, description = "The products", body = [Product]),
        (status = 404, description = "`not_found`: no such category here", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/menu/products")]
pub async fn list_products(
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_VIEW>,
    query: web::Query<ProductQuery>,
) -> ApiResult<web::Json<Vec<Product>>> {
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the products")?;
    if let Some(category) = query.category_id {
        category_or_404(&txn, category).await?;
    }
    let rows = store::products(&txn, &query).await?;
    txn.commit().await.context("ending the products")?;
    let now = state.clock.now();
    let restaurant = caller.tenant.id();
    Ok(web::Json(
        rows.iter()
            .map(|(row, variants)| {
                store::wire_product(sees_stock(&caller), restaurant, row, variants, now)
            })
            .collect(),
    ))
}

/// One product, archived or not.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    params(("id" = Uuid, Path, description = "The product")),
    responses(
        (status = 200, description = "The product", body = Product),
        (status = 404, description = "`not_found`: no such product here", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/menu/products/{id:[0-9a-fA-F-]+}")]
pub async fn read_product(
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_VIEW>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Product>> {
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening a product")?;
    let product = wire(&state, &txn, id.into_inner(), &caller).await?;
    txn.commit().await.context("ending a product")?;
    Ok(web::Json(product))
}

/// Adds a product at the end of its category: with a `price` (one variant), or with
/// `variants` and `modifier_groups` (which also need `products.manage_variants`).
#[endpoint]
#[utoipa::path(
    tag = "menu",
    request_body = CreateProductRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Any value; a retry with the same key answers the product the first request created")),
    responses(
        (status = 201, description = "Created", body = Product),
        (status = 200, description = "A retry: the product this key created", body = Product),
        (status = 403, description = "`permission_denied`: variants or modifier groups without `products.manage_variants`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`: no such category here", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`menu_full`: 2,000 products already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a field is invalid, or the key was used for another request", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/menu/products")]
pub async fn create_product(
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_CREATE>,
    request: HttpRequest,
    body: web::Json<serde_json::Value>,
) -> ApiResult<HttpResponse> {
    let body: CreateProductRequest = permitted_body(body)?;
    let new = body.validate().map_err(ApiError::Validation)?;
    let key = idempotency::key(&request);
    let hash = idempotency::fingerprint(&body);
    let (txn, caller) = caller.change(&state.db).await?;
    if body.shapes_variants() {
        caller.require(code::PRODUCTS_MANAGE_VARIANTS)?;
    }
    store::lock(&txn).await?;
    if let Some(key) = &key {
        if let Some(first) = store::product_by_key(&txn, key).await? {
            if first.request_hash.as_deref() != Some(hash.as_str()) {
                return Err(idempotency::reused());
            }
            let product = wire(&state, &txn, first.id, &caller).await?;
            txn.commit().await.context("ending a retried product")?;
            return Ok(HttpResponse::Ok().json(product));
        }
    }
    category_or_404(&txn, new.category_id).await?;
    if store::sizes(&txn).await?.1 >= MAX_PRODUCTS {
        return Err(menu_full());
    }
    let retry = key.as_deref().map(|key| (key, hash.as_str()));
    let id = store::create_product(&txn, &new, retry, state.clock.now()).await?;
    let row = product_or_404(&txn, id).await?;
    audit::record(
        &txn,
        AuditRecord {
            after: Some(snapshot(&txn, &row).await?),
            ..caller.audit("product.created", "product", id)
        },
    )
    .await?;
    let product = wire(&state, &txn, id, &caller).await?;
    commit(&state, txn, "committing a new product").await?;
    Ok(HttpResponse::Created().json(product))
}

/// Changes a product's details: name, description, category (it moves to the end of
/// the new one), tax rate, allergens, dietary tags, station, whether it is active.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    request_body = UpdateProductRequest,
    params(("id" = Uuid, Path, description = "The product")),
    responses(
        (status = 200, description = "The product as it is now", body = Product),
        (status = 404, description = "`not_found`: no such product (or category) here", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/menu/products/{id:[0-9a-fA-F-]+}")]
pub async fn update_product(
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_EDIT>,
    id: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<Product>> {
    let body: UpdateProductRequest = permitted_body(body)?;
    let change = body.validate().map_err(ApiError::Validation)?;
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let before = product_or_404(&txn, id.into_inner()).await?;
    let mut after = ProductRow {
        name: change.name.unwrap_or_else(|| before.name.clone()),
        description: change
            .description
            .unwrap_or_else(|| before.description.clone()),
        tax_rate: change.tax_rate.map_or(before.tax_rate, |rate| {
            i32::try_from(rate).unwrap_or(before.tax_rate)
        }),
        allergens: change
            .allergens
            .map_or(before.allergens, |set| Allergen::to_bits(&set)),
        dietary: change
            .dietary
            .map_or(before.dietary, |set| DietaryTag::to_bits(&set)),
        station: change
            .station
            .map_or_else(|| before.station.clone(), |s| s.as_str().to_owned()),
        is_active: change.is_active.unwrap_or(before.is_active),
        ..before.clone()
    };
    if let Some(category) = change
        .category_id
        .filter(|c| Some(*c) != before.category_id)
    {
        category_or_404(&txn, category).await?;
        let last = store::product_ids_in(&txn, category).await?.len();
        after.category_id = Some(category);
        after.display_order = i32::try_from(last).unwrap_or(i32::MAX);
    }
    if after.tax_rate != before.tax_rate {
        // The tax rate moves what guests pay where prices exclude it.
        caller.require(code::PRODUCTS_SET_PRICES)?;
    }
    if after != before {
        store::update_product(&txn, &after, state.clock.now()).await?;
        let variants = store::variants_of(&txn, before.id).await?;
        audit::record(
            &txn,
            AuditRecord {
                before: Some(store::product_snapshot(&before, &variants)),
                after: Some(store::product_snapshot(&after, &variants)),
                ..caller.audit("product.updated", "product", before.id)
            },
        )
        .await?;
    }
    let product = wire(&state, &txn, before.id, &caller).await?;
    commit(&state, txn, "committing a product").await?;
    Ok(web::Json(product))
}

/// Deletes a product. One the stock ledger (or, later, orders) refers to is archived
/// instead: gone from the menu, kept for history, and answered with `200`.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    params(("id" = Uuid, Path, description = "The product")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 200, description = "Archived, because history refers to it", body = Product),
        (status = 404, description = "`not_found`: no such product here", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/menu/products/{id:[0-9a-fA-F-]+}")]
pub async fn delete_product(
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_DELETE>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let before = product_or_404(&txn, id.into_inner()).await?;
    let restaurant = txn.tenant().id();
    let now = state.clock.now();
    // Its variants held first: a movement of one either committed before (and is seen
    // as history) or waits and finds the item gone.
    store::hold_variants(&txn, before.id, now).await?;
    if store::referenced(&txn, before.id).await? {
        let after = ProductRow {
            archived_at: Some(now),
            ..before.clone()
        };
        store::update_product(&txn, &after, now).await?;
        audit::record(
            &txn,
            AuditRecord {
                before: Some(snapshot(&txn, &before).await?),
                after: Some(snapshot(&txn, &after).await?),
                ..caller.audit("product.archived", "product", before.id)
            },
        )
        .await?;
        let product = wire(&state, &txn, before.id, &caller).await?;
        commit(&state, txn, "committing an archived product").await?;
        return Ok(HttpResponse::Ok().json(product));
    }
    let kept = snapshot(&txn, &before).await?;
    store::delete_product(&txn, before.id).await?;
    audit::record(
        &txn,
        AuditRecord {
            before: Some(kept),
            ..caller.audit("product.deleted", "product", before.id)
        },
    )
    .await?;
    let unused = match &before.image {
        Some(hash) if !store::image_in_use(&txn, hash).await? => Some(hash.clone()),
        _ => None,
    };
    // Under the menu's turn: an upload of the same image elsewhere waits for it, then
    // writes its files again.
    if let Some(hash) = unused {
        state.images.forget(restaurant, &hash).await;
    }
    commit(&state, txn, "committing a deleted product").await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Replaces a product's variants and modifier groups. Variants sent with their `id`
/// keep it, and their stock; those left out are removed (their ledger stays).
/// Changing a kept variant's price also needs `products.set_prices`.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    request_body = VariantsRequest,
    params(("id" = Uuid, Path, description = "The product")),
    responses(
        (status = 200, description = "The product as it is now", body = Product),
        (status = 403, description = "`permission_denied`: a price changed without `products.set_prices`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`: no such product here", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a field is invalid, or a variant's `id` is not this product's (`unknown_variant`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/menu/products/{id:[0-9a-fA-F-]+}/variants")]
pub async fn replace_variants(
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_MANAGE_VARIANTS>,
    id: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<Product>> {
    let body: VariantsRequest = permitted_body(body)?;
    let (variants, groups) = body.validate().map_err(ApiError::Validation)?;
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let before = product_or_404(&txn, id.into_inner()).await?;
    let existing = store::variants_of(&txn, before.id).await?;
    for (index, variant) in variants.iter().enumerate() {
        let Some(id) = variant.id else {
            // A new variant comes with a price of its own.
            caller.require(code::PRODUCTS_SET_PRICES)?;
            continue;
        };
        let Some(old) = existing.iter().find(|v| v.id == id) else {
            return Err(ApiError::field(
                &format!("variants[{index}].id"),
                "unknown_variant",
                "This variant is not one of the product's.",
            ));
        };
        if old.price != variant.price {
            caller.require(code::PRODUCTS_SET_PRICES)?;
        }
    }
    let now = state.clock.now();
    for gone in existing
        .iter()
        .filter(|old| !variants.iter().any(|v| v.id == Some(old.id)))
    {
        // Removing a variant must not be a way round the stock or its availability.
        if gone.tracks_stock {
            caller.require(code::INVENTORY_EDIT)?;
        }
        if brigade_domain::menu::held_unavailable(gone.unavailable, gone.unavailable_until, now) {
            caller.require(code::PRODUCTS_SET_AVAILABILITY)?;
        }
    }
    let after = store::with_groups(&before, &groups)?;
    store::update_product(&txn, &after, now).await?;
    store::replace_variants(&txn, before.id, &variants, now).await?;
    let before_snapshot = store::product_snapshot(&before, &existing);
    let after_snapshot = snapshot(&txn, &after).await?;
    if before_snapshot != after_snapshot {
        audit::record(
            &txn,
            AuditRecord {
                before: Some(before_snapshot),
                after: Some(after_snapshot),
                ..caller.audit("product.variants_changed", "product", before.id)
            },
        )
        .await?;
    }
    let product = wire(&state, &txn, before.id, &caller).await?;
    commit(&state, txn, "committing a product's variants").await?;
    Ok(web::Json(product))
}

/// Sets variants' prices. Order lines already made keep the price they were made at.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    request_body = PricesRequest,
    params(("id" = Uuid, Path, description = "The product")),
    responses(
        (status = 200, description = "The product as it is now", body = Product),
        (status = 404, description = "`not_found`: no such product here", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a price is out of range, or a variant is not this product's (`unknown_variant`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/menu/products/{id:[0-9a-fA-F-]+}/prices")]
pub async fn set_prices(
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_SET_PRICES>,
    id: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<Product>> {
    let body: PricesRequest = permitted_body(body)?;
    let prices = body.validate().map_err(ApiError::Validation)?;
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let row = product_or_404(&txn, id.into_inner()).await?;
    let existing = store::variants_of(&txn, row.id).await?;
    let now = state.clock.now();
    let mut changed = Vec::new();
    for (index, (variant, price)) in prices.iter().enumerate() {
        let Some(old) = existing.iter().find(|v| v.id == *variant) else {
            return Err(ApiError::field(
                &format!("prices[{index}].variant_id"),
                "unknown_variant",
                "This variant is not one of the product's.",
            ));
        };
        if old.price != *price {
            store::set_price(&txn, *variant, *price, now).await?;
            changed.push(serde_json::json!({ "variant_id": variant, "name": old.name, "before": old.price, "after": price }));
        }
    }
    if !changed.is_empty() {
        audit::record(
            &txn,
            AuditRecord {
                before: Some(serde_json::json!({
                    "name": row.name,
                    "prices": existing.iter().map(|v| serde_json::json!({"variant_id": v.id, "price": v.price})).collect::<Vec<_>>(),
                })),
                after: Some(serde_json::json!({ "name": row.name, "changed": changed })),
                ..caller.audit("product.prices_changed", "product", row.id)
            },
        )
        .await?;
    }
    let product = wire(&state, &txn, row.id, &caller).await?;
    commit(&state, txn, "committing prices").await?;
    Ok(web::Json(product))
}

/// Makes a product, or one of its variants, unavailable by hand ("rupture
/// temporaire"), until a time or until made available again; or available again.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    request_body = AvailabilityRequest,
    params(("id" = Uuid, Path, description = "The product")),
    responses(
        (status = 200, description = "The product as it is now", body = Product),
        (status = 404, description = "`not_found`: no such product here", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: `until` is not in the future, or the variant is not this product's (`unknown_variant`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/menu/products/{id:[0-9a-fA-F-]+}/availability")]
pub async fn set_availability(
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_SET_AVAILABILITY>,
    id: web::Path<Uuid>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<Product>> {
    let body: AvailabilityRequest = permitted_body(body)?;
    let now = state.clock.now();
    if body.until.is_some_and(|until| until <= now) {
        return Err(ApiError::field(
            "until",
            "not_in_the_future",
            "Choose a moment after now.",
        ));
    }
    let until = if body.available { None } else { body.until };
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let row = product_or_404(&txn, id.into_inner()).await?;
    let variants = store::variants_of(&txn, row.id).await?;
    let (was, subject) = match body.variant_id {
        None => {
            store::update_product(
                &txn,
                &ProductRow {
                    unavailable: !body.available,
                    unavailable_until: until,
                    ..row.clone()
                },
                now,
            )
            .await?;
            ((row.unavailable, row.unavailable_until), row.name.clone())
        }
        Some(variant) => {
            let Some(old) = variants.iter().find(|v| v.id == variant) else {
                return Err(ApiError::field(
                    "variant_id",
                    "unknown_variant",
                    "This variant is not one of the product's.",
                ));
            };
            store::set_variant_availability(&txn, variant, !body.available, until, now).await?;
            (
                (old.unavailable, old.unavailable_until),
                rules::item_name(&row.name, old.name.as_deref()),
            )
        }
    };
    if was != (!body.available, until) {
        let action = if body.available {
            "product.made_available"
        } else {
            "product.made_unavailable"
        };
        audit::record(
            &txn,
            AuditRecord {
                before: Some(serde_json::json!({ "name": subject, "unavailable": was.0, "until": was.1 })),
                after: Some(serde_json::json!({ "name": subject, "unavailable": !body.available, "until": until })),
                ..caller.audit(action, "product", row.id)
            },
        )
        .await?;
    }
    let product = wire(&state, &txn, row.id, &caller).await?;
    commit(&state, txn, "committing an availability").await?;
    Ok(web::Json(product))
}

/// Sets a product's image from the body: a JPEG, PNG or WebP file (told by its
/// content), at most 5 MB. The server re-encodes it as a thumbnail and a large size.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    request_body(content = Vec<u8>, description = "The image", content_type = "image/jpeg"),
    params(("id" = Uuid, Path, description = "The product")),
    responses(
        (status = 200, description = "The product, with its `image`", body = Product),
        (status = 404, description = "`not_found`: no such product here", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`: over 5 MB", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`unavailable`: another image of this restaurant, or many images, are being processed; try again in a moment", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: the content is not a JPEG, PNG or WebP image, cannot be read, or has too many pixels (`invalid_image`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/menu/products/{id:[0-9a-fA-F-]+}/image")]
pub async fn upload_image(
    request: HttpRequest,
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_UPLOAD_IMAGES>,
    id: web::Path<Uuid>,
    payload: web::Payload,
) -> ApiResult<web::Json<Product>> {
    let bytes = raw_body(&request, payload, IMAGE_MAX_BYTES, images::too_large).await?;
    // Not found before any decoding (and outside the writing transaction, which
    // decoding must never hold).
    let first = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening a product")?;
    product_or_404(&first, *id).await?;
    first.commit().await.context("ending a product")?;
    let encoded = images::encode_in_turn(caller.tenant.id(), bytes).await?;
    let restaurant = caller.tenant.id();
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let before = product_or_404(&txn, id.into_inner()).await?;
    state.images.put(restaurant, &encoded).await?;
    let after = ProductRow {
        image: Some(encoded.hash.clone()),
        ..before.clone()
    };
    let mut unused = None;
    if after != before {
        store::update_product(&txn, &after, state.clock.now()).await?;
        audit::record(
            &txn,
            AuditRecord {
                before: Some(serde_json::json!({ "name": before.name, "image": before.image })),
                after: Some(serde_json::json!({ "name": after.name, "image": after.image })),
                ..caller.audit("product.image_changed", "product", before.id)
            },
        )
        .await?;
        if let Some(old) = &before.image {
            if !store::image_in_use(&txn, old).await? {
                unused = Some(old.clone());
            }
        }
    }
    let product = wire(&state, &txn, before.id, &caller).await?;
    if let Some(old) = unused {
        state.images.forget(restaurant, &old).await;
    }
    commit(&state, txn, "committing an image").await?;
    Ok(web::Json(product))
}

/// Removes a product's image.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    params(("id" = Uuid, Path, description = "The product")),
    responses(
        (status = 200, description = "The product, without an image", body = Product),
        (status = 404, description = "`not_found`: no such product here", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/menu/products/{id:[0-9a-fA-F-]+}/image")]
pub async fn remove_image(
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_UPLOAD_IMAGES>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Product>> {
    let restaurant = caller.tenant.id();
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let before = product_or_404(&txn, id.into_inner()).await?;
    let mut unused = None;
    if let Some(old) = &before.image {
        let after = ProductRow {
            image: None,
            ..before.clone()
        };
        store::update_product(&txn, &after, state.clock.now()).await?;
        audit::record(
            &txn,
            AuditRecord {
                before: Some(serde_json::json!({ "name": before.name, "image": before.image })),
                after: Some(serde_json::json!({ "name": before.name, "image": null })),
                ..caller.audit("product.image_removed", "product", before.id)
            },
        )
        .await?;
        if !store::image_in_use(&txn, old).await? {
            unused = Some(old.clone());
        }
    }
    let product = wire(&state, &txn, before.id, &caller).await?;
    if let Some(old) = unused {
        state.images.forget(restaurant, &old).await;
    }
    commit(&state, txn, "committing a removed image").await?;
    Ok(web::Json(product))
}

/// Puts the menu in a new order in one call: `category_ids` lists every category once,
/// and/or `products` lists every product of one category once.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    request_body = ReorderRequest,
    responses(
        (status = 200, description = "The categories in their order", body = [Category]),
        (status = 404, description = "`not_found`: no such category here", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`: a list does not name every category, or every product of the category, exactly once (`not_every_one`), or nothing to reorder (`required`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/menu/reorder")]
pub async fn reorder(
    state: web::Data<AppState>,
    caller: Authorized<needs::PRODUCTS_SET_PRIORITY>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<Vec<Category>>> {
    let body: ReorderRequest = permitted_body(body)?;
    if body.category_ids.is_none() && body.products.is_none() {
        return Err(ApiError::field(
            "category_ids",
            "required",
            "Send category_ids, products or both.",
        ));
    }
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let now = state.clock.now();
    let before = store::categories(&txn).await?;
    let mut after_products = None;
    let mut before_products = None;
    if let Some(ids) = &body.category_ids {
        let known: Vec<Uuid> = before.iter().map(|c| c.id).collect();
        if !rules::is_every_one_once(ids, &known) {
            return Err(ApiError::field(
                "category_ids",
                "not_every_one",
                "List every category of the menu exactly once.",
            ));
        }
        store::reorder_categories(&txn, ids, now).await?;
    }
    if let Some(order) = &body.products {
        category_or_404(&txn, order.category_id).await?;
        let known = store::product_ids_in(&txn, order.category_id).await?;
        if !rules::is_every_one_once(&order.product_ids, &known) {
            return Err(ApiError::field(
                "products.product_ids",
                "not_every_one",
                "List every product of the category exactly once.",
            ));
        }
        store::reorder_products(&txn, &order.product_ids, now).await?;
        before_products =
            Some(serde_json::json!({ "category_id": order.category_id, "product_ids": known }));
        after_products = Some(
            serde_json::json!({ "category_id": order.category_id, "product_ids": order.product_ids }),
        );
    }
    audit::record(
        &txn,
        AuditRecord {
            before: Some(serde_json::json!({
                "category_ids": before.iter().map(|c| c.id).collect::<Vec<_>>(),
                "products": before_products,
            })),
            after: Some(serde_json::json!({ "category_ids": body.category_ids, "products": after_products })),
            ..caller.audit("menu.reordered", "menu", "*")
        },
    )
    .await?;
    let categories = store::categories(&txn).await?;
    commit(&state, txn, "committing the menu's order").await?;
    Ok(web::Json(categories))
}

/// What the guests' menu shows, whether prices include tax and whether stock may go
/// below zero.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    responses((status = 200, description = "The menu's settings", body = MenuSettings))
)]
#[get("/menu/settings")]
pub async fn read_menu_settings(
    state: web::Data<AppState>,
    caller: Authorized<needs::PUBLIC_MENU_VIEW_SETTINGS>,
) -> ApiResult<web::Json<MenuSettings>> {
    let txn = caller
        .tenant
        .read(&state.db)
        .await
        .context("opening the menu's settings")?;
    let settings = store::settings(&txn).await?;
    txn.commit().await.context("ending the menu's settings")?;
    Ok(web::Json(settings))
}

/// Changes the menu's settings. `prices_include_tax` also needs `products.set_prices`,
/// `allow_negative_stock` also `inventory.edit`.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    request_body = UpdateMenuSettingsRequest,
    responses(
        (status = 200, description = "The settings as they are now", body = MenuSettings),
        (status = 403, description = "`permission_denied`: a setting another permission covers", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/menu/settings")]
pub async fn update_menu_settings(
    state: web::Data<AppState>,
    caller: Authorized<needs::PUBLIC_MENU_EDIT_SETTINGS>,
    body: web::Json<serde_json::Value>,
) -> ApiResult<web::Json<MenuSettings>> {
    let body: UpdateMenuSettingsRequest = permitted_body(body)?;
    let (txn, caller) = caller.change(&state.db).await?;
    store::lock(&txn).await?;
    let before = store::settings(&txn).await?;
    let after = body.applied_to(&before);
    if after.prices_include_tax != before.prices_include_tax {
        caller.require(code::PRODUCTS_SET_PRICES)?;
    }
    if after.allow_negative_stock != before.allow_negative_stock {
        caller.require(code::INVENTORY_EDIT)?;
    }
    if after != before {
        store::save_settings(&txn, &after, state.clock.now()).await?;
        audit::record(
            &txn,
            AuditRecord {
                before: Some(store::settings_snapshot(&before)),
                after: Some(store::settings_snapshot(&after)),
                ..caller.audit("menu.settings_updated", "menu", "settings")
            },
        )
        .await?;
    }
    commit(&state, txn, "committing the menu's settings").await?;
    Ok(web::Json(after))
}

/// One size of a product's image. Its address changes with its content, so it is
/// cached for good.
#[endpoint]
#[utoipa::path(
    tag = "menu",
    params(
        ("restaurant" = Uuid, Path, description = "The restaurant"),
        ("file" = String, Path, description = "The file, as a product's `image` names it"),
    ),
    responses(
        (status = 200, description = "The image", content_type = "image/jpeg"),
        (status = 404, description = "`not_found`: no such image", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/menu-images/{restaurant}/{file}")]
pub async fn serve_image(
    state: web::Data<AppState>,
    _guest: Public,
    path: web::Path<(Uuid, String)>,
) -> ApiResult<HttpResponse> {
    let (restaurant, file) = path.into_inner();
    let bytes = state
        .images
        .get(restaurant, &file)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "image/jpeg"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .insert_header(("x-content-type-options", "nosniff"))
        .body(bytes))
}
