//! The OpenAPI document: metadata, the bearer security scheme and shared schemas here;
//! every operation comes from the registered routes themselves.

use actix_web::App;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::{scope, AppExt};

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Brigade API",
        description = "The back office of a restaurant: team, roles and permissions, floor and service.\n\n\
            Errors are RFC 9457 `application/problem+json` documents with a stable `code` and \
            the `request_id` to quote. Every operation says who may call it in `x-access`: \
            `public`, `signed-in` (any active member with a token), `owner`, or `permission`, \
            with the code in `x-required-permission` (and `x-owner-only: true` when the owner \
            is needed too); a caller without it gets `403` with `missing_permission`. Ids of \
            another restaurant answer `404`.",
        license(name = "AGPL-3.0-only", identifier = "AGPL-3.0-only"),
    ),
    modifiers(&BearerSecurity),
    components(schemas(
        brigade_domain::errors::ErrorCode,
        brigade_domain::team::RoleReference,
        brigade_domain::live::ClientMessage,
        brigade_domain::live::ServerMessage,
    )),
    tags(
        (name = "auth", description = "Sign-up, login, token refresh and logout"),
        (name = "me", description = "The signed-in person"),
        (name = "permissions", description = "The permission catalogue"),
        (name = "roles", description = "System and custom roles"),
        (name = "members", description = "The team of a restaurant"),
        (name = "invitations", description = "Invitations by email, and accepting them"),
        (name = "audit", description = "The audit trail, its CSV export and its chain check"),
        (name = "live", description = "Live notifications (the WebSocket), a member's notifications, and team messages"),
        (name = "floor", description = "Zones, tables and their QR codes"),
        (name = "menu", description = "Categories, products, variants and modifiers, prices, availability, images and the order on screen"),
        (name = "stock", description = "Tracked items, their quantities and the ledger of every movement"),
        (name = "onboarding", description = "The five steps a new restaurant goes through"),
        (name = "settings", description = "The restaurant's name, address, language, time zone, currency and opening hours"),
        (name = "guests", description = "Pages guests open from a table's QR code (HTML)"),
        (name = "operations", description = "Probes for operators"),
    )
)]
struct ApiDoc;

struct BearerSecurity;

impl Modify for BearerSecurity {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.bearer_format = Some("JWT".into());
        scheme.description =
            Some("An access token from `/api/v1/auth/login`, `/signup` or `/refresh`.".into());
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// The complete document, as served at `/api/openapi.json` and committed in
/// `openapi/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, document) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(routes::operations)
        .configure(routes::guests)
        .service(scope::scope("/api/v1").configure(routes::api_v1))
        .split_for_parts();
    standard_refusals(spell_links(document))
}

/// The refusals every operation of a kind can answer, added where a handler did not
/// describe them itself: `401` without a valid token, `403` without the permission,
/// `400` for a malformed body or parameter, `413` and `415` for a body too large or not
/// JSON. One definition, so a new handler cannot forget them.
fn standard_refusals(mut document: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    use utoipa::openapi::content::ContentBuilder;
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::response::ResponseBuilder;
    use utoipa::openapi::Ref;
    let problem = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build()
    };
    for item in document.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            let access = operation
                .extensions
                .as_ref()
                .and_then(|extensions| extensions.get("x-access"))
                .and_then(|value| value.as_str())
                .unwrap_or("public")
                .to_owned();
            let needs = operation
                .extensions
                .as_ref()
                .and_then(|extensions| extensions.get("x-required-permission"))
                .and_then(|value| value.as_str())
                .map(str::to_owned);
            let parameters = operation.parameters.as_ref().is_some_and(|all| {
                all.iter()
                    .any(|p| matches!(p.parameter_in, ParameterIn::Path | ParameterIn::Query))
            });
            let body = operation.request_body.is_some();
            let mut wanted = Vec::new();
            if access != "public" {
                wanted.push(("401", "`unauthenticated`".to_owned()));
            }
            match (access.as_str(), needs) {
                (_, Some(code)) => {
                    wanted.push(("403", format!("`permission_denied`: needs `{code}`")))
                }
                ("owner", None) => wanted.push(("403", "`owner_only`".to_owned())),
                _ => {}
            }
            if body || parameters {
                wanted.push(("400", "`malformed_body` or `invalid_parameter`".to_owned()));
            }
            if body {
                wanted.push(("413", "`payload_too_large`".to_owned()));
                wanted.push(("415", "`unsupported_media_type`: not JSON".to_owned()));
            }
            for (status, description) in wanted {
                operation
                    .responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| problem(&description).into());
            }
        }
    }
    document
}

/// utoipa 5.5 writes a link's fields as named in Rust (`operation_id`), which no
/// OpenAPI reader knows; they move to the names of the specification (`operationId`).
fn spell_links(mut document: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    use utoipa::openapi::extensions::Extensions;
    use utoipa::openapi::RefOr;
    for item in document.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            for response in operation.responses.responses.values_mut() {
                let RefOr::T(response) = response else {
                    continue;
                };
                for link in response.links.values_mut() {
                    let RefOr::T(link) = link else { continue };
                    let fields = [
                        ("operationId", std::mem::take(&mut link.operation_id)),
                        ("operationRef", std::mem::take(&mut link.operation_ref)),
                    ];
                    let extensions = link.extensions.get_or_insert_with(Extensions::default);
                    for (name, value) in fields.into_iter().filter(|(_, value)| !value.is_empty()) {
                        extensions.insert(name.to_owned(), value.into());
                    }
                }
            }
        }
    }
    document
}

/// The document as pretty JSON with a trailing newline.
pub fn document_json() -> anyhow::Result<String> {
    let mut json = document().to_pretty_json()?;
    json.push('\n');
    Ok(json)
}
