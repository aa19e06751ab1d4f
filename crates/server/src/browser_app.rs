//! Serves the built single-page app from `BRIGADE_APP_DIR`, on the same origin as the
//! API: every GET or HEAD outside `/api/`, `/health` and `/ready` lands here.
//!
//! - A path naming a regular file inside the app directory gets that file, with its
//!   media type — or its `.br` sibling when the client accepts brotli, else its `.gz`
//!   sibling when it accepts gzip (the build writes both). Nothing
//!   outside the directory is ever served: `..`, backslashes and NULs are refused,
//!   and the resolved path (symbolic links followed) must stay inside it.
//! - File names carrying a content hash (`app-0123456789abcdef.css`), and every file of
//!   a directory named after one (`app-0123456789abcdef/brigade-app_bg.wasm`: the app's
//!   code, whose files refer to each other by fixed names), never change, so browsers
//!   keep them for a year; everything else is revalidated.
//! - `/` and the app's own routes (`/dashboard`, `/team/…`: no file extension) get
//!   `index.html`; a missing file with an extension is a `404` problem.
//! - Until the app is built, `/` and the app's routes answer `503`.
//!
//! Every answer carries a strict Content-Security-Policy. None of these routes is in
//! the OpenAPI document.

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::header::{self, ContentEncoding, HeaderValue};
use actix_web::http::Method;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use brigade_domain::errors::ErrorCode;

use crate::platform::{ApiError, AppState};

/// What the app may load: only its own files, WASM included; no inline script or
/// style, no plug-in, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// For files whose name carries a content hash: a new build gives them a new name.
const CACHE_FOREVER: &str = "public, max-age=31536000, immutable";
/// For everything else: the browser asks again (a `304` when nothing changed).
const REVALIDATE: &str = "no-cache";

const INDEX: &str = "index.html";

/// Logs, once at start-up, that the app is not built yet.
pub fn warn_if_not_built(app_dir: &Path) {
    if !app_dir.join(INDEX).is_file() {
        tracing::warn!(
            app_dir = %app_dir.display(),
            "the browser app is not built (no index.html): `/` answers 503 until `make frontend` has run"
        );
    }
}

/// The default service: the app for GET and HEAD outside the server's own paths, and
/// the usual `404` problem for unknown server paths.
pub async fn serve(request: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let raw = request.path();
    let segments = segments(raw);
    let server_path = raw == "/api"
        || raw.starts_with("/api/")
        || segments
            .as_deref()
            .is_some_and(|segments| match segments.first().map(String::as_str) {
                Some("api") => true,
                Some("health" | "ready") => segments.len() == 1,
                _ => false,
            });
    if server_path {
        // A path the API serves, asked with a method it does not: `405` naming the
        // methods it does, as HTTP wants. The path is compared as sent, as the router
        // compares it (an extra or trailing slash is another path: `404`).
        let literal: Option<Vec<String>> = raw
            .strip_prefix('/')
            .map(|rest| rest.split('/').map(str::to_owned).collect())
            .filter(|parts: &Vec<String>| parts.iter().all(|part| !part.is_empty()));
        let declared = literal
            .as_deref()
            .and_then(declared_methods)
            .filter(|allowed| {
                !allowed
                    .split(", ")
                    .any(|method| method == request.method().as_str())
            });
        if let Some(allowed) = declared {
            let mut refused = ApiError::Code(ErrorCode::MethodNotAllowed, None).error_response();
            if let Ok(value) = HeaderValue::from_str(&allowed) {
                refused.headers_mut().insert(header::ALLOW, value);
            }
            return refused;
        }
        return ApiError::not_found().error_response();
    }
    let response = if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let mut refused = ApiError::Code(ErrorCode::MethodNotAllowed, None).error_response();
        refused
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        refused
    } else {
        match segments {
            None => ApiError::not_found().error_response(),
            Some(segments) => answer(&request, &state.settings.app_dir, &segments)
                .await
                .unwrap_or_else(|error| error.error_response()),
        }
    };
    secured(response)
}

/// The API's routes as the OpenAPI document declares them: each path template's
/// segments (`None` for a `{parameter}`) and its methods.
type Routes = Vec<(Vec<Option<String>>, Vec<String>)>;

fn routes() -> &'static Routes {
    static ROUTES: std::sync::OnceLock<Routes> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| {
        crate::openapi::document()
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let segments = template
                    .split('/')
                    .filter(|segment| !segment.is_empty())
                    .map(|segment| (!segment.starts_with('{')).then(|| segment.to_owned()))
                    .collect();
                let methods = [
                    ("GET", item.get.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ]
                .into_iter()
                .filter(|(_, declared)| *declared)
                .map(|(method, _)| method.to_owned())
                .collect();
                (segments, methods)
            })
            .collect()
    })
}

/// The methods the API declares for a path, if it serves that path at all.
fn declared_methods(segments: &[String]) -> Option<String> {
    // The most literal templates that fit win, as the router's own order does:
    // `/tables/qr` is not `/tables/{id}`.
    let mut allowed: Vec<&str> = Vec::new();
    let mut best = 0;
    for (template, methods) in routes() {
        let fits = template.len() == segments.len()
            && template
                .iter()
                .zip(segments)
                .all(|(part, segment)| part.as_ref().is_none_or(|literal| literal == segment));
        if !fits {
            continue;
        }
        let literals = template.iter().filter(|part| part.is_some()).count();
        if literals > best {
            best = literals;
            allowed.clear();
        }
        if literals == best {
            allowed.extend(methods.iter().map(String::as_str));
        }
    }
    if allowed.is_empty() {
        return None;
    }
    allowed.sort_unstable();
    allowed.dedup();
    Some(allowed.join(", "))
}

/// The file, or `index.html`, that answers a request for `segments`.
async fn answer(
    request: &HttpRequest,
    app_dir: &Path,
    segments: &[String],
) -> Result<HttpResponse, ApiError> {
    let root = tokio::fs::canonicalize(app_dir).await.ok();
    if let Some(last) = segments.last() {
        if let Some(root) = &root {
            let wanted = segments
                .iter()
                .fold(root.clone(), |path, segment| path.join(segment));
            if let Some(file) = regular_file(root, &wanted).await {
                let lasting = is_hashed(last)
                    || segments[..segments.len() - 1]
                        .iter()
                        .any(|directory| is_hashed_directory(directory));
                return send(request, root, &file, last, lasting).await;
            }
        }
        if Path::new(last).extension().is_some() {
            return Err(ApiError::not_found());
        }
    }
    let Some(root) = root else {
        return Err(not_built());
    };
    match regular_file(&root, &root.join(INDEX)).await {
        Some(index) => send(request, &root, &index, INDEX, false).await,
        None => Err(not_built()),
    }
}

fn not_built() -> ApiError {
    ApiError::with_detail(
        ErrorCode::Unavailable,
        "the browser app is not built: run `make frontend` (the API is available under /api/)",
    )
}

/// The decoded segments of a request path, or `None` when one of them could step out
/// of the app directory (`.`, `..`, an encoded `/`, a backslash or a NUL) or is not
/// valid percent-encoded UTF-8.
fn segments(raw_path: &str) -> Option<Vec<String>> {
    raw_path
        .split('/')
        .filter(|segment| !segment.is_empty())
        .map(|raw| {
            let segment = percent_decode(raw)?;
            let safe =
                !matches!(segment.as_str(), "." | "..") && !segment.contains(['/', '\\', '\0']);
            safe.then_some(segment)
        })
        .collect()
}

fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let hex = bytes
                .get(at + 1..at + 3)
                .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))?;
            let hex = std::str::from_utf8(hex).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            at += 3;
        } else {
            decoded.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// `candidate` resolved (symbolic links followed), if it is a regular file inside
/// `root` (itself resolved).
async fn regular_file(root: &Path, candidate: &Path) -> Option<PathBuf> {
    let resolved = tokio::fs::canonicalize(candidate).await.ok()?;
    if !resolved.starts_with(root) {
        return None;
    }
    let metadata = tokio::fs::metadata(&resolved).await.ok()?;
    metadata.is_file().then_some(resolved)
}

/// Whether the client takes one of `codings` (`Accept-Encoding`, not with `q=0`).
fn accepts(request: &HttpRequest, codings: &[&str]) -> bool {
    request
        .headers()
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or_default().trim();
            let refused = parts.any(|parameter| {
                let parameter = parameter.trim();
                parameter
                    .strip_prefix("q=")
                    .or_else(|| parameter.strip_prefix("Q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            codings
                .iter()
                .any(|wanted| coding.eq_ignore_ascii_case(wanted))
                && !refused
        })
}

/// The precompressed siblings the build writes, best first.
const ENCODINGS: [(&str, &[&str], ContentEncoding); 2] = [
    (".br", &["br"], ContentEncoding::Brotli),
    (".gz", &["gzip", "x-gzip"], ContentEncoding::Gzip),
];

/// Whether a file name carries the build's content hash: `-`, exactly 16 lowercase
/// hex digits, then `.` or `_` (`app-0123456789abcdef.css`,
/// `brigade-0123456789abcdef_bg.wasm`).
fn is_hashed(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.iter().enumerate().any(|(at, &byte)| {
        byte == b'-'
            && bytes
                .get(at + 1..at + 17)
                .is_some_and(|hash| hash.iter().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')))
            && matches!(bytes.get(at + 17), Some(b'.' | b'_'))
    })
}

/// Whether a directory's name is a stem, `-` and exactly 16 lowercase hex digits
/// (`app-0123456789abcdef`): the build names the directory of the app's code so.
fn is_hashed_directory(name: &str) -> bool {
    name.rsplit_once('-').is_some_and(|(stem, hash)| {
        !stem.is_empty()
            && hash.len() == 16
            && hash.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// The media type of a file, by the extension of its name.
fn content_type(name: &str) -> String {
    let extension = Path::new(name)
        .extension()
        .and_then(|extension| extension.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let known = match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => return actix_files::file_extension_to_mime(&extension).to_string(),
    };
    known.to_owned()
}

/// Sends `file` (found as `name`), or its best precompressed sibling the client takes;
/// `lasting` when its content never changes under that path.
async fn send(
    request: &HttpRequest,
    root: &Path,
    file: &Path,
    name: &str,
    lasting: bool,
) -> Result<HttpResponse, ApiError> {
    let mut siblings = false;
    let mut chosen = None;
    for (suffix, codings, encoding) in ENCODINGS {
        let mut sibling = file.as_os_str().to_owned();
        sibling.push(suffix);
        if let Some(found) = regular_file(root, Path::new(&sibling)).await {
            siblings = true;
            if chosen.is_none() && accepts(request, codings) {
                chosen = Some((found, encoding));
            }
        }
    }
    let opened = NamedFile::open_async(chosen.as_ref().map_or(file, |(path, _)| path.as_path()))
        .await
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => ApiError::not_found(),
            _ => ApiError::Internal(error.into()),
        })?
        .disable_content_disposition();
    let opened = match chosen {
        // Content-Encoding is set, so the Compress middleware leaves the body alone.
        Some((_, encoding)) => opened.set_content_encoding(encoding),
        None => opened,
    };
    let mut response = opened.into_response(request);
    let headers = response.headers_mut();
    if let Ok(media_type) = HeaderValue::from_str(&content_type(name)) {
        headers.insert(header::CONTENT_TYPE, media_type);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if lasting { CACHE_FOREVER } else { REVALIDATE }),
    );
    if siblings {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    Ok(response)
}

/// Adds the app's security headers (and `no-cache` to answers that set no caching).
fn secured(mut response: HttpResponse) -> HttpResponse {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_names_with_a_content_hash_are_recognised() {
        for name in [
            "brigade-0123456789abcdef_bg.wasm",
            "brigade-0123456789abcdef.js",
            "app-0123456789abcdef.css",
        ] {
            assert!(is_hashed(name), "{name}");
        }
    }

    #[test]
    fn names_without_exactly_sixteen_lowercase_hex_digits_are_not_hashed() {
        for name in [
            "index.html",
            "favicon.ico",
            "brigade-0123456789abcde.js",
            "brigade-0123456789abcdef0.js",
            "brigade-0123456789ABCDEF.js",
            "brigade_0123456789abcdef.js",
            "brigade-0123456789abcdef",
        ] {
            assert!(!is_hashed(name), "{name}");
        }
    }

    #[test]
    fn only_directories_named_after_a_hash_hold_lasting_files() {
        assert!(is_hashed_directory("app-0123456789abcdef"));
        for name in [
            "app",
            "-0123456789abcdef",
            "app-0123456789abcde",
            "app-0123456789ABCDEF",
            "app-0123456789abcdef.d",
        ] {
            assert!(!is_hashed_directory(name), "{name}");
        }
    }

    #[test]
    fn segments_that_could_leave_the_app_directory_are_refused() {
        for path in [
            "/..",
            "/a/../b",
            "/%2e%2e/Cargo.toml",
            "/..%2f..%2fetc/passwd",
            "/a%5c..%5cb",
            "/a%00.js",
            "/.",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(segments(path), None, "{path}");
        }
    }

    #[test]
    fn ordinary_paths_decode_into_segments() {
        assert_eq!(segments("/"), Some(vec![]));
        assert_eq!(
            segments("/team//caf%C3%A9/x.js"),
            Some(vec!["team".into(), "café".into(), "x.js".into()])
        );
    }

    #[test]
    fn the_app_files_get_their_media_types() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("a.mjs"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("brigade_bg.wasm"), "application/wasm");
        assert_eq!(content_type("font.woff2"), "font/woff2");
        assert_eq!(content_type("photo.jpg"), "image/jpeg");
        assert_eq!(content_type("blob"), "application/octet-stream");
    }
}
