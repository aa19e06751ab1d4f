//! The permission catalogue: what codes exist and how note 001's groups bundle them.
//! It describes the product, not a restaurant, so it is public and has no store.

use actix_web::{get, web};
use brigade_domain::api::{ModuleInfo, PermissionCatalogue, PermissionGroupInfo, PermissionInfo};
use brigade_domain::permissions::{groups, Module, Permission};
use brigade_macros::endpoint;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::access::Public;

pub fn routes(config: &mut ServiceConfig) {
    config.service(list_permissions);
}

/// Builds the catalogue document from the domain's single definition.
pub fn catalogue() -> PermissionCatalogue {
    PermissionCatalogue {
        modules: Module::ALL
            .iter()
            .map(|module| ModuleInfo {
                code: module.as_str().to_owned(),
                labels: module.labels().into(),
            })
            .collect(),
        permissions: Permission::all()
            .map(|permission| {
                let def = permission.def();
                PermissionInfo {
                    code: def.code.to_owned(),
                    module: def.module.as_str().to_owned(),
                    labels: (&def.labels).into(),
                    description: def.description.to_owned(),
                }
            })
            .collect(),
        groups: groups()
            .iter()
            .map(|group| PermissionGroupInfo {
                code: group.code.to_owned(),
                labels: (&group.labels).into(),
                description: group.description.to_owned(),
                permissions: group
                    .permissions
                    .iter()
                    .map(|p| p.code().to_owned())
                    .collect(),
            })
            .collect(),
    }
}

/// The permission catalogue.
///
/// Every fine code `module.action` with its module, labels in French, English and
/// Italian and a description, plus note 001's twelve groups and the codes each holds.
/// Public: it describes the product, not a restaurant.
#[endpoint]
#[utoipa::path(
    tag = "permissions",
    security(()),
    responses((status = 200, description = "The catalogue", body = PermissionCatalogue))
)]
#[get("/permissions")]
pub async fn list_permissions(_guest: Public) -> web::Json<PermissionCatalogue> {
    web::Json(catalogue())
}
