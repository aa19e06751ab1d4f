//! The restaurant's logo as a file: what is accepted (PNG, JPEG or WebP, at most
//! 512 KiB and 4096 pixels a side, its bytes matching the type it is sent as), where it
//! is kept (the data directory's `logos/{restaurant}/`, named after its content's hash,
//! so a new logo is a new address and browsers may keep each for good), and the public
//! address the guests' pages and the app show it from.

use std::path::{Path, PathBuf};

use anyhow::Context;
use brigade_domain::errors::ErrorCode;
use brigade_domain::settings::{LOGO_MAX_BYTES, LOGO_MAX_SIDE, LOGO_TYPES};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::platform::{ApiError, ApiResult};

/// The public address of a stored logo.
pub fn url(restaurant: Uuid, file: &str) -> String {
    format!("/logos/{restaurant}/{file}")
}

/// The media type the bytes are, by their signature: only the accepted ones.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// The media type of a stored file's name.
pub fn media_type_of(file: &str) -> Option<&'static str> {
    let (_, extension) = file.rsplit_once('.')?;
    LOGO_TYPES
        .iter()
        .find(|(_, known)| *known == extension)
        .map(|(media_type, _)| *media_type)
}

/// Whether `file` is a name this module writes: 16 lowercase hex digits and an
/// accepted extension. Nothing else is ever looked up on disk.
pub fn is_stored_name(file: &str) -> bool {
    file.split_once('.').is_some_and(|(hash, _)| {
        hash.len() == 16 && hash.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
    }) && media_type_of(file).is_some()
}

fn unsupported() -> ApiError {
    ApiError::with_detail(
        ErrorCode::UnsupportedMediaType,
        "a logo is a PNG, JPEG or WebP image, sent as image/png, image/jpeg or image/webp",
    )
}

fn invalid(message: &str) -> ApiError {
    ApiError::field("logo", "invalid_image", message)
}

/// Checks an upload sent as `declared`; returns the name to store it under.
pub fn check(declared: Option<&str>, bytes: &[u8]) -> ApiResult<String> {
    let declared = declared
        .map(|value| {
            value
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .ok_or_else(unsupported)?;
    let (media_type, extension) = LOGO_TYPES
        .iter()
        .find(|(known, _)| *known == declared)
        .copied()
        .ok_or_else(unsupported)?;
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(too_large());
    }
    if sniff(bytes) != Some(media_type) {
        return Err(invalid("The file is not the image its type says."));
    }
    let size = imagesize::blob_size(bytes).map_err(|_| invalid("The image cannot be read."))?;
    if size.width == 0
        || size.height == 0
        || size.width > LOGO_MAX_SIDE
        || size.height > LOGO_MAX_SIDE
    {
        return Err(invalid("The image is at most 4096 pixels on each side."));
    }
    let hash = hex::encode(Sha256::digest(bytes));
    Ok(format!("{}.{extension}", &hash[..16]))
}

pub fn too_large() -> ApiError {
    ApiError::with_detail(
        ErrorCode::PayloadTooLarge,
        format!("a logo is at most {} KiB", LOGO_MAX_BYTES / 1024),
    )
}

fn folder(data_dir: &Path, restaurant: Uuid) -> PathBuf {
    data_dir.join("logos").join(restaurant.to_string())
}

/// Where a stored logo is, if `file` is a name this module writes.
pub fn path(data_dir: &Path, restaurant: Uuid, file: &str) -> Option<PathBuf> {
    is_stored_name(file).then(|| folder(data_dir, restaurant).join(file))
}

/// Writes the logo (through a temporary file, so a reader never sees half of it).
pub async fn store(data_dir: &Path, restaurant: Uuid, file: &str, bytes: &[u8]) -> ApiResult<()> {
    let folder = folder(data_dir, restaurant);
    tokio::fs::create_dir_all(&folder)
        .await
        .context("creating the logos' folder")?;
    let target = folder.join(file);
    let partial = folder.join(format!(".{file}.{}", Uuid::new_v4().simple()));
    tokio::fs::write(&partial, bytes)
        .await
        .context("writing a logo")?;
    tokio::fs::rename(&partial, &target)
        .await
        .context("putting a logo in place")?;
    Ok(())
}

/// Removes a logo no longer used; one already gone is fine.
pub async fn forget(data_dir: &Path, restaurant: Uuid, file: &str) {
    if let Some(path) = path(data_dir, restaurant, file) {
        if let Err(error) = tokio::fs::remove_file(&path).await {
            if error.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(%error, "could not remove an old logo");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG_1X1: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00,
        0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];

    #[test]
    fn a_png_sent_as_a_png_is_stored_under_its_hash() {
        let name = check(Some("image/png"), PNG_1X1).unwrap();
        assert!(is_stored_name(&name), "{name}");
        assert!(name.ends_with(".png"));
    }

    #[test]
    fn a_png_sent_as_a_jpeg_is_refused() {
        assert!(check(Some("image/jpeg"), PNG_1X1).is_err());
    }

    #[test]
    fn a_script_or_an_svg_is_not_a_logo() {
        assert!(check(Some("image/svg+xml"), b"<svg onload=alert(1)>").is_err());
        assert!(check(Some("image/png"), b"<script>alert(1)</script>").is_err());
        assert!(check(None, PNG_1X1).is_err());
    }

    #[test]
    fn only_names_this_module_writes_are_looked_up() {
        assert!(is_stored_name("0123456789abcdef.webp"));
        for bad in [
            "../secret.png",
            "0123456789abcdef.svg",
            "0123456789ABCDEF.png",
            "x.png",
            ".0123456789abcdef.png",
        ] {
            assert!(!is_stored_name(bad), "{bad}");
        }
    }
}
