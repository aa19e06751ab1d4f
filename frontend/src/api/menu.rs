//! The menu: categories, products with their variants, prices, availability and
//! image, the order on screen and the guests' menu settings.

use brigade_domain::menu::{
    AvailabilityRequest, Category, CreateCategoryRequest, CreateProductRequest, MenuSettings,
    PricesRequest, Product, ReorderRequest, UpdateCategoryRequest, UpdateMenuSettingsRequest,
    UpdateProductRequest, VariantsRequest,
};
use uuid::Uuid;

use super::session::{get, send_json, send_only, send_optional, upload};
use super::{urls, ApiError};

const NONE: Option<&()> = None;

pub async fn categories() -> Result<Vec<Category>, ApiError> {
    get(&urls::categories()).await
}

pub async fn create_category(request: &CreateCategoryRequest) -> Result<Category, ApiError> {
    send_json("POST", &urls::categories(), Some(request)).await
}

pub async fn update_category(
    id: Uuid,
    request: &UpdateCategoryRequest,
) -> Result<Category, ApiError> {
    send_json("PATCH", &urls::category(id), Some(request)).await
}

pub async fn delete_category(id: Uuid) -> Result<(), ApiError> {
    send_only("DELETE", &urls::category(id), NONE).await
}

/// Every product that is not archived, in display order.
pub async fn products() -> Result<Vec<Product>, ApiError> {
    get(&urls::products(None, false)).await
}

pub async fn create_product(request: &CreateProductRequest) -> Result<Product, ApiError> {
    send_json("POST", &urls::products(None, false), Some(request)).await
}

pub async fn update_product(id: Uuid, request: &UpdateProductRequest) -> Result<Product, ApiError> {
    send_json("PATCH", &urls::product(id), Some(request)).await
}

/// Deletes a product: `Some` with it archived when history refers to it.
pub async fn delete_product(id: Uuid) -> Result<Option<Product>, ApiError> {
    send_optional("DELETE", &urls::product(id)).await
}

pub async fn replace_variants(id: Uuid, request: &VariantsRequest) -> Result<Product, ApiError> {
    send_json("PUT", &urls::product_part(id, "variants"), Some(request)).await
}

pub async fn set_prices(id: Uuid, request: &PricesRequest) -> Result<Product, ApiError> {
    send_json("PUT", &urls::product_part(id, "prices"), Some(request)).await
}

pub async fn set_availability(
    id: Uuid,
    request: &AvailabilityRequest,
) -> Result<Product, ApiError> {
    send_json(
        "PUT",
        &urls::product_part(id, "availability"),
        Some(request),
    )
    .await
}

pub async fn upload_image(id: Uuid, file: &web_sys::File) -> Result<Product, ApiError> {
    upload("PUT", &urls::product_part(id, "image"), file).await
}

pub async fn delete_image(id: Uuid) -> Result<Product, ApiError> {
    send_json("DELETE", &urls::product_part(id, "image"), NONE).await
}

pub async fn reorder(request: &ReorderRequest) -> Result<Vec<Category>, ApiError> {
    send_json("PUT", &urls::menu_reorder(), Some(request)).await
}

pub async fn settings() -> Result<MenuSettings, ApiError> {
    get(&urls::menu_settings()).await
}

pub async fn update_settings(
    request: &UpdateMenuSettingsRequest,
) -> Result<MenuSettings, ApiError> {
    send_json("PATCH", &urls::menu_settings(), Some(request)).await
}
