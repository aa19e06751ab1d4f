//! The menu (note 002 `products.*`, note 000 §4 and §9): categories and products in
//! the order staff arrange them, each product with its variants (each its own price,
//! in minor units) and modifier groups, its allergens, station and image; what can be
//! sold now (by hand, "rupture temporaire", or by stock with auto-86); and the guests'
//! menu's settings. The guests' menu itself is drawn on the table page (`guest`).

pub mod guest;
pub mod http;
pub mod images;
pub mod rules;
pub mod store;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(config: &mut ServiceConfig) {
    config
        .service(http::list_categories)
        .service(http::create_category)
        .service(http::update_category)
        .service(http::delete_category)
        .service(http::list_products)
        .service(http::create_product)
        .service(http::read_product)
        .service(http::update_product)
        .service(http::delete_product)
        .service(http::replace_variants)
        .service(http::set_prices)
        .service(http::set_availability)
        .service(http::upload_image)
        .service(http::remove_image)
        .service(http::reorder)
        .service(http::read_menu_settings)
        .service(http::update_menu_settings);
}

/// The images' public files, at the root.
pub fn public_routes(config: &mut ServiceConfig) {
    config.service(http::serve_image);
}
