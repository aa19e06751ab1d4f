use crate::helpers::spawn_app;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn the_catalogue_lists_every_code_with_three_languages() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/api/v1/permissions"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let catalogue: Value = response.json().await.unwrap();
    let permissions = catalogue["permissions"].as_array().unwrap();
    assert_eq!(
        permissions.len(),
        brigade_domain::permissions::Permission::all().count()
    );
    for permission in permissions {
        for language in ["fr", "en", "it"] {
            assert!(
                !permission["labels"][language].as_str().unwrap().is_empty(),
                "{permission}"
            );
        }
    }
    let codes: Vec<&str> = permissions
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    for code in [
        "orders.view_all",
        "staff.manage_roles",
        "reservations.confirm",
        "inventory.edit",
        "audit.view",
    ] {
        assert!(codes.contains(&code), "{code} is missing");
    }
}

#[tokio::test]
async fn the_catalogue_has_note_001s_twelve_groups() {
    let app = spawn_app().await;
    let catalogue: Value = app
        .client
        .get(app.url("/api/v1/permissions"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let groups: Vec<&str> = catalogue["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        groups,
        [
            "menu.view",
            "menu.edit",
            "orders.view",
            "orders.manage",
            "reports.view",
            "pos.use",
            "inventory.view",
            "inventory.edit",
            "team.view",
            "team.manage",
            "settings.view",
            "settings.edit"
        ]
    );
}
