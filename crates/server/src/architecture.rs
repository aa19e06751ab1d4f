//! The shape every slice keeps, checked on the source itself: only stores (and the
//! throttle, the login attempts' store) touch entities; handlers never reach into
//! another slice's handlers; the browser app's components never import its pages.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.map(|entry| entry.path()).unwrap_or_default();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn source(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn server_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn relative(path: &Path) -> String {
    path.strip_prefix(server_src())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn only_stores_touch_the_entities() {
    let allowed = |file: &str| {
        file.ends_with("store.rs")
            || file.starts_with("entities/")
            || file == "sessions/throttle.rs"
            || file == "lib.rs"
            || file == "architecture.rs"
    };
    let offenders: Vec<String> = rust_files(&server_src())
        .iter()
        .filter(|path| !allowed(&relative(path)))
        .filter(|path| source(path).contains("entities::"))
        .map(|path| relative(path))
        .collect();
    assert!(
        offenders.is_empty(),
        "only a slice's store may use the entities; move these queries into a store: {offenders:?}"
    );
}

#[test]
fn handlers_never_call_another_slices_handlers() {
    let offenders: Vec<String> = rust_files(&server_src())
        .iter()
        .filter(|path| {
            let file = relative(path);
            let Some((slice, _)) = file.split_once('/') else {
                return false;
            };
            let text = source(path);
            text.lines().any(|line| {
                line.contains("::http")
                    && line.contains("crate::")
                    && !line.contains(&format!("crate::{slice}::http"))
                    && line.trim_start().starts_with("use ")
            })
        })
        .map(|path| relative(path))
        .collect();
    assert!(
        offenders.is_empty(),
        "slices call each other's stores and rules, never their handlers: {offenders:?}"
    );
}

#[test]
fn every_handler_declares_its_access_with_endpoint() {
    let mut missing = Vec::new();
    for path in rust_files(&server_src()) {
        let text = source(&path);
        let lines: Vec<&str> = text.lines().collect();
        for (at, line) in lines.iter().enumerate() {
            if line.trim_start().starts_with("#[utoipa::path") {
                let above = at.checked_sub(1).map(|i| lines[i].trim());
                if above != Some("#[endpoint]") {
                    missing.push(format!("{}:{}", relative(&path), at + 1));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "#[endpoint] goes right above #[utoipa::path]: {missing:?}"
    );
}

#[test]
fn the_apps_components_never_import_its_pages() {
    let components = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../frontend/src/components");
    let offenders: Vec<String> = rust_files(&components)
        .iter()
        .filter(|path| source(path).contains("crate::pages"))
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "components are used by pages, never the other way round: {offenders:?}"
    );
}
