use crate::helpers::{assert_problem, spawn_app, spawn_app_with, TestApp};
use reqwest::{Response, StatusCode};
use std::path::PathBuf;

const INDEX_HTML: &str = "<!doctype html><title>Brigade</title><script type=\"module\" src=\"/brigade-0123456789abcdef.js\"></script>";
const SCRIPT: &str = "export default function init() {}";
const PRETEND_GZIP: &[u8] = b"\x1f\x8b pretend this is the gzipped script";
const PRETEND_BROTLI: &[u8] = b"pretend this is the brotli script";
const SECRET: &str = "the secret recipe";

/// A built app in a temporary directory, next to a file that must never be served:
/// `<root>/app/…` and `<root>/secret.txt`.
struct BuiltApp {
    root: PathBuf,
}

impl BuiltApp {
    fn new() -> Self {
        let root = std::env::temp_dir().join(format!("brigade-app-{}", uuid::Uuid::new_v4()));
        let app = root.join("app");
        std::fs::create_dir_all(&app).unwrap();
        std::fs::write(app.join("index.html"), INDEX_HTML).unwrap();
        std::fs::write(app.join("brigade-0123456789abcdef.js"), SCRIPT).unwrap();
        std::fs::write(app.join("brigade-0123456789abcdef.js.gz"), PRETEND_GZIP).unwrap();
        std::fs::write(app.join("brigade-0123456789abcdef.js.br"), PRETEND_BROTLI).unwrap();
        let code = app.join("app-0123456789abcdef");
        std::fs::create_dir_all(&code).unwrap();
        std::fs::write(code.join("brigade-app_bg.wasm"), b"\0asm").unwrap();
        std::fs::write(code.join("__wasm_split.js"), SCRIPT).unwrap();
        std::fs::write(app.join("robots.txt"), "User-agent: *\n").unwrap();
        std::fs::write(root.join("secret.txt"), SECRET).unwrap();
        Self { root }
    }

    fn dir(&self) -> PathBuf {
        self.root.join("app")
    }

    async fn spawn(&self) -> TestApp {
        spawn_app_with(&[("BRIGADE_APP_DIR", &self.dir().display().to_string())]).await
    }
}

impl Drop for BuiltApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

async fn get(app: &TestApp, path: &str) -> Response {
    app.client.get(app.url(path)).send().await.unwrap()
}

fn header<'a>(response: &'a Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
}

/// Sends a request line exactly as written (clients normalise `..` and `%2e%2e`
/// away) and returns the status and the whole response.
async fn raw_get(app: &TestApp, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let address = app.address.trim_start_matches("http://").to_owned();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap();
        (status, response)
    })
    .await
    .unwrap()
}

fn assert_secured(response: &Response) {
    assert_eq!(
        header(response, "content-security-policy"),
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    );
    assert_eq!(header(response, "x-content-type-options"), "nosniff");
    assert_eq!(header(response, "referrer-policy"), "no-referrer");
}

#[tokio::test]
async fn the_root_serves_index_html_revalidated_and_under_the_security_policy() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    let response = get(&app, "/").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header(&response, "content-type"),
        "text/html; charset=utf-8"
    );
    assert_eq!(header(&response, "cache-control"), "no-cache");
    assert_secured(&response);
    assert_eq!(response.text().await.unwrap(), INDEX_HTML);
}

#[tokio::test]
async fn a_client_side_route_serves_index_html() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    for path in ["/profile", "/team/x", "/dashboard/"] {
        let response = get(&app, path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&response, "cache-control"), "no-cache", "{path}");
        assert_secured(&response);
        assert_eq!(response.text().await.unwrap(), INDEX_HTML, "{path}");
    }
}

#[tokio::test]
async fn a_file_named_with_its_content_hash_is_cached_for_a_year() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    let response = get(&app, "/brigade-0123456789abcdef.js").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header(&response, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        header(&response, "content-type"),
        "text/javascript; charset=utf-8"
    );
    assert_secured(&response);
}

#[tokio::test]
async fn a_file_without_a_content_hash_is_revalidated() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    let response = get(&app, "/robots.txt").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, "cache-control"), "no-cache");
    assert_eq!(
        header(&response, "content-type"),
        "text/plain; charset=utf-8"
    );
    assert_eq!(response.text().await.unwrap(), "User-agent: *\n");
}

#[tokio::test]
async fn the_webassembly_module_is_served_as_application_wasm() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    let response = get(&app, "/app-0123456789abcdef/brigade-app_bg.wasm").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, "content-type"), "application/wasm");
    assert_eq!(
        header(&response, "cache-control"),
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn the_files_of_the_code_directory_are_cached_for_good_and_others_are_not() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    let lasting = get(&app, "/app-0123456789abcdef/__wasm_split.js").await;
    assert_eq!(lasting.status(), StatusCode::OK);
    assert_eq!(
        header(&lasting, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        header(&get(&app, "/robots.txt").await, "cache-control"),
        "no-cache"
    );
}

#[tokio::test]
async fn a_client_that_accepts_brotli_gets_the_brotli_sibling() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    for accept in ["br", "gzip, deflate, br", "gzip;q=0.5, br;q=1"] {
        let response = app
            .client
            .get(app.url("/brigade-0123456789abcdef.js"))
            .header("accept-encoding", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{accept}");
        assert_eq!(header(&response, "content-encoding"), "br", "{accept}");
        assert_eq!(
            header(&response, "content-type"),
            "text/javascript; charset=utf-8"
        );
        assert!(header(&response, "vary")
            .to_ascii_lowercase()
            .contains("accept-encoding"));
        assert_eq!(response.bytes().await.unwrap(), PRETEND_BROTLI, "{accept}");
    }
}

#[tokio::test]
async fn a_client_that_accepts_gzip_but_not_brotli_gets_the_gzipped_sibling() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    let response = app
        .client
        .get(app.url("/brigade-0123456789abcdef.js"))
        .header("accept-encoding", "br;q=0, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, "content-encoding"), "gzip");
    assert_eq!(
        header(&response, "content-type"),
        "text/javascript; charset=utf-8"
    );
    assert!(header(&response, "vary")
        .to_ascii_lowercase()
        .contains("accept-encoding"));
    assert_eq!(response.bytes().await.unwrap(), PRETEND_GZIP);
}

#[tokio::test]
async fn a_client_that_accepts_neither_gets_the_plain_file() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    for accept in [
        None,
        Some("identity"),
        Some("gzip;q=0"),
        Some("br;q=0, gzip;q=0"),
    ] {
        let mut request = app.client.get(app.url("/brigade-0123456789abcdef.js"));
        if let Some(accept) = accept {
            request = request.header("accept-encoding", accept);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{accept:?}");
        assert!(
            response.headers().get("content-encoding").is_none()
                || header(&response, "content-encoding") == "identity",
            "{accept:?}"
        );
        assert_eq!(response.text().await.unwrap(), SCRIPT, "{accept:?}");
    }
}

#[tokio::test]
async fn a_head_request_gets_the_headers_without_the_page() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    let response = app.client.head(app.url("/profile")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header(&response, "content-type"),
        "text/html; charset=utf-8"
    );
    assert_secured(&response);
    assert!(response.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_missing_file_with_an_extension_is_a_404_problem_not_the_page() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    let response = get(&app, "/missing.js").await;
    assert_secured(&response);
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn an_unknown_api_path_is_still_a_404_problem_not_the_page() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    for path in ["/api/v1/nope", "/api", "/api/nope"] {
        let response = get(&app, path).await;
        assert!(
            response.headers().get("content-security-policy").is_none(),
            "{path}"
        );
        assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    }
}

#[tokio::test]
async fn another_method_on_a_page_is_a_405_problem_naming_get_and_head() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    let response = app.client.post(app.url("/profile")).send().await.unwrap();
    assert_eq!(header(&response, "allow"), "GET, HEAD");
    assert_problem(
        response,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;
}

#[tokio::test]
async fn a_path_that_climbs_out_of_the_app_directory_is_a_404() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    for path in [
        "/..%2f..%2fetc/passwd",
        "/%2e%2e/Cargo.toml",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/../secret.txt",
        "/profile/../../secret.txt",
        "/..%5csecret.txt",
        "/secret.txt%00.js",
    ] {
        let (status, response) = raw_get(&app, path).await;
        assert_eq!(status, 404, "{path}: {response}");
        assert!(!response.contains(SECRET), "{path} leaked: {response}");
        assert!(!response.contains(INDEX_HTML), "{path}: {response}");
    }
}

#[cfg(unix)]
#[tokio::test]
async fn a_symbolic_link_out_of_the_app_directory_is_not_followed() {
    let built = BuiltApp::new();
    std::os::unix::fs::symlink(built.root.join("secret.txt"), built.dir().join("leak.txt"))
        .unwrap();
    let app = built.spawn().await;
    let response = get(&app, "/leak.txt").await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn without_a_built_app_the_pages_answer_503_saying_how_to_build_it() {
    let app = spawn_app().await;
    for path in ["/", "/profile"] {
        let response = get(&app, path).await;
        assert_secured(&response);
        let problem =
            assert_problem(response, StatusCode::SERVICE_UNAVAILABLE, "unavailable").await;
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("make frontend"),
            "{problem}"
        );
    }
}

#[tokio::test]
async fn an_app_directory_without_index_html_answers_503() {
    let built = BuiltApp::new();
    std::fs::remove_file(built.dir().join("index.html")).unwrap();
    let app = built.spawn().await;
    assert_problem(
        get(&app, "/").await,
        StatusCode::SERVICE_UNAVAILABLE,
        "unavailable",
    )
    .await;
}

#[tokio::test]
async fn the_api_and_its_docs_carry_no_app_security_policy() {
    let built = BuiltApp::new();
    let app = built.spawn().await;
    let app_policy = get(&app, "/").await.headers()["content-security-policy"].clone();
    for path in ["/api/v1/permissions", "/health"] {
        let response = get(&app, path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(
            response.headers().get("content-security-policy").is_none(),
            "{path}"
        );
    }
    // The docs UI has a policy of its own.
    let docs = get(&app, "/api/docs/").await;
    assert_eq!(docs.status(), StatusCode::OK);
    assert_ne!(docs.headers()["content-security-policy"], app_policy);
}

#[tokio::test]
async fn the_app_routes_are_not_in_the_openapi_document() {
    // Only the API, the probes and the guests' pages and files (`/t/…`, `/logos/…`,
    // `/menu-images/…`) are documented.
    let document = serde_json::to_value(brigade_server::openapi::document()).unwrap();
    let paths: Vec<&String> = document["paths"].as_object().unwrap().keys().collect();
    for path in &paths {
        assert!(
            path.starts_with("/api/")
                || path.starts_with("/t/")
                || path.starts_with("/logos/")
                || path.starts_with("/menu-images/")
                || ["/health", "/ready"].contains(&path.as_str()),
            "{path} is documented"
        );
    }
    assert!(!paths.iter().any(|path| path.as_str() == "/"));
}
