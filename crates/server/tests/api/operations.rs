use crate::helpers::spawn_app;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn health_answers_without_a_token() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/health")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().contains_key("x-request-id"));
}

#[tokio::test]
async fn ready_answers_when_the_database_does() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/ready")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn ready_reports_unavailable_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.app_db.clone().close().await.unwrap();
    let response = app.client.get(app.url("/ready")).send().await.unwrap();
    crate::helpers::assert_problem(response, StatusCode::SERVICE_UNAVAILABLE, "unavailable").await;
}

#[tokio::test]
async fn the_openapi_document_is_served_and_matches_the_committed_file() {
    let app = spawn_app().await;
    let served: Value = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let committed_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json");
    let committed =
        std::fs::read_to_string(committed_path).expect("openapi/openapi.json is committed");
    let committed: Value = serde_json::from_str(&committed).unwrap();
    assert!(
        served == committed,
        "openapi/openapi.json is stale: run `make openapi` and commit the result"
    );
}

#[test]
fn every_link_in_the_document_names_an_operation_and_its_path_parameters() {
    let document = serde_json::to_value(brigade_server::openapi::document()).unwrap();
    let mut operations = std::collections::HashMap::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for operation in item.as_object().unwrap().values() {
            operations.insert(
                operation["operationId"].as_str().unwrap().to_owned(),
                path.clone(),
            );
        }
    }
    let mut links = 0;
    for item in document["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            for response in operation["responses"].as_object().unwrap().values() {
                for (name, link) in response["links"].as_object().into_iter().flatten() {
                    links += 1;
                    assert!(
                        link.get("operation_id").is_none(),
                        "{name}: spelled as in Rust"
                    );
                    let target = link["operationId"].as_str().unwrap_or_default();
                    let path = operations
                        .get(target)
                        .unwrap_or_else(|| panic!("{name}: no operation {target}"));
                    for parameter in link["parameters"].as_object().unwrap().keys() {
                        assert!(
                            path.contains(&format!("{{{parameter}}}")),
                            "{name}: {parameter}"
                        );
                    }
                }
            }
        }
    }
    assert!(links >= 9, "{links} links");
}

#[tokio::test]
async fn the_docs_ui_is_served_without_any_cdn() {
    let app = spawn_app().await;
    let page = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("swagger-ui"));
    assert!(
        !html.contains("https://"),
        "the docs page must not load anything from the internet"
    );
    let bundle = app
        .client
        .get(app.url("/api/docs/swagger-ui-bundle.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(bundle.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_docs_address_without_a_slash_leads_to_the_docs() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/api/docs")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(response.headers()["location"], "/api/docs/");
}

#[tokio::test]
async fn an_unknown_path_is_a_problem_not_an_empty_page() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/api/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    crate::helpers::assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn migrations_can_run_again_on_a_migrated_database() {
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    let again = brigade_server::startup::connect(&app.settings)
        .await
        .expect("migrating twice is harmless");
    drop(again);
    assert_eq!(
        app.get_with("/api/v1/me", &owner.access_token)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_versions_migration_carries_each_restaurants_access_version_over() {
    use brigade_migrations::{Migrator, MigratorTrait};
    use sea_orm::{ConnectionTrait, Statement};
    let app = spawn_app().await;
    let owner = app.signup("Chez Ana").await;
    // Back to the schema before `restaurant_versions` (undoing it and the migrations
    // after it), as a database of that time has it.
    let undone = Migrator::migrations()
        .iter()
        .rev()
        .take_while(|migration| migration.name() != "m20261201_000005_access_version")
        .count();
    Migrator::down(&app.app_db, Some(undone as u32))
        .await
        .unwrap();
    let backend = app.db.get_database_backend();
    let placeholder = |n: usize| match backend {
        sea_orm::DatabaseBackend::Postgres => format!("${n}"),
        _ => "?".to_owned(),
    };
    app.db
        .execute(Statement::from_sql_and_values(
            backend,
            format!(
                "UPDATE restaurants SET access_version = 7 WHERE id = {}",
                placeholder(1)
            ),
            [owner.restaurant_id.into()],
        ))
        .await
        .unwrap();
    Migrator::up(&app.app_db, None).await.unwrap();
    let carried = app
        .db
        .query_one(Statement::from_sql_and_values(
            backend,
            format!(
                "SELECT access FROM restaurant_versions WHERE restaurant_id = {}",
                placeholder(1)
            ),
            [owner.restaurant_id.into()],
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(carried.try_get::<i64>("", "access").unwrap(), 7);
    assert_eq!(
        app.get_with("/api/v1/me", &owner.access_token)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn stored_emails_are_brought_to_the_normal_form_logins_use() {
    use brigade_migrations::{Migrator, MigratorTrait};
    let app = spawn_app().await;
    app.signup("Chez Ana").await;
    // As an earlier version stored it: lower-cased only.
    app.execute(
        "UPDATE accounts SET email = $1",
        vec!["ana@b\u{fc}cher.example".into()],
    )
    .await
    .unwrap();
    // The emails' migration and every one after it.
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let emails = names
        .iter()
        .position(|name| name.contains("normal_emails"))
        .unwrap();
    let steps = u32::try_from(names.len() - emails).unwrap();
    Migrator::down(&app.app_db, Some(steps)).await.unwrap();
    Migrator::up(&app.app_db, None).await.unwrap();
    assert_eq!(
        app.count("accounts WHERE email = 'ana@xn--bcher-kva.example'")
            .await,
        1
    );
    let login = app
        .login("Ana@B\u{fc}cher.example", crate::helpers::PASSWORD)
        .await;
    assert_eq!(login.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_undeclared_method_on_an_api_path_is_a_405_naming_the_declared_ones() {
    let app = spawn_app().await;
    let member = uuid::Uuid::new_v4();
    for (method, path, allowed) in [
        (reqwest::Method::PUT, "/api/v1/me".to_owned(), "GET, PATCH"),
        (
            reqwest::Method::DELETE,
            "/api/v1/members".to_owned(),
            "GET, POST",
        ),
        (
            reqwest::Method::POST,
            format!("/api/v1/members/{member}"),
            "DELETE, GET, PATCH",
        ),
        (
            reqwest::Method::GET,
            "/api/v1/auth/login".to_owned(),
            "POST",
        ),
        (reqwest::Method::POST, "/health".to_owned(), "GET"),
    ] {
        let response = app
            .client
            .request(method.clone(), app.url(&path))
            .send()
            .await
            .unwrap();
        let allow = response
            .headers()
            .get("allow")
            .map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(allow.as_deref(), Some(allowed), "{method} {path}");
        crate::helpers::assert_problem(
            response,
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        )
        .await;
    }
}

#[tokio::test]
async fn an_api_path_with_an_extra_slash_is_not_found_whatever_the_method() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/members/",
        "/api//v1/members",
        "/api/v1/me/",
        "/api/v1/nothing",
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert!(response.headers().get("allow").is_none(), "{path}");
        crate::helpers::assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    }
}
