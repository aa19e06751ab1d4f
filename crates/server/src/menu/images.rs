//! Products' images: what is accepted (JPEG, PNG or WebP by their content, whatever
//! the name or declared type says, at most 5 MB and 40 million pixels), how they are
//! re-encoded (decoded, turned upright, flattened on white, resized to a thumbnail and
//! a large size, written as new JPEGs: nothing of the upload — metadata, scripts in
//! comments, trailing bytes — is ever served; two at a time per process, so a burst of
//! uploads cannot exhaust memory), and where they are kept: under the data
//! directory's `menu-images/{restaurant}/`, or in an S3-compatible object store when
//! `BRIGADE_S3_BUCKET` is set. Files are named after the upload's hash, so a new image
//! is a new address and browsers may keep each for good.

use std::io::Cursor;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use brigade_domain::errors::ErrorCode;
use brigade_domain::menu::{IMAGE_MAX_BYTES, IMAGE_MAX_PIXELS};
use image::{DynamicImage, ImageDecoder, ImageReader, Rgb, RgbImage};
use object_store::aws::AmazonS3Builder;
use object_store::{ObjectStore, PutPayload};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::config::ObjectStoreSettings;
use crate::platform::{ApiError, ApiResult};

/// The sizes kept of each image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// For lists: 160 pixels on its longer side at most.
    Thumbnail,
    /// For the guests' menu: 960 pixels at most.
    Large,
}

impl Size {
    const ALL: [Size; 2] = [Size::Thumbnail, Size::Large];

    fn suffix(self) -> &'static str {
        match self {
            Size::Thumbnail => "thumb",
            Size::Large => "large",
        }
    }

    fn side(self) -> u32 {
        match self {
            Size::Thumbnail => 160,
            Size::Large => 960,
        }
    }
}

/// The file of one size of an image.
pub fn file_name(hash: &str, size: Size) -> String {
    format!("{hash}-{}.jpg", size.suffix())
}

/// The public address of one size of an image.
pub fn url(restaurant: Uuid, hash: &str, size: Size) -> String {
    format!("/menu-images/{restaurant}/{}", file_name(hash, size))
}

/// Whether `file` is a name this module writes: 16 lowercase hex digits, a size, `.jpg`.
pub fn is_stored_name(file: &str) -> bool {
    let Some(stem) = file.strip_suffix(".jpg") else {
        return false;
    };
    let Some((hash, size)) = stem.split_once('-') else {
        return false;
    };
    hash.len() == 16
        && hash.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
        && Size::ALL.iter().any(|known| known.suffix() == size)
}

fn invalid(message: &str) -> ApiError {
    ApiError::field("image", "invalid_image", message)
}

pub fn too_large() -> ApiError {
    ApiError::with_detail(
        ErrorCode::PayloadTooLarge,
        format!("an image is at most {} MB", IMAGE_MAX_BYTES / (1024 * 1024)),
    )
}

/// The image's format by its signature: only the accepted ones.
fn sniff(bytes: &[u8]) -> Option<image::ImageFormat> {
    crate::settings::logo::sniff(bytes).and_then(|media_type| match media_type {
        "image/png" => Some(image::ImageFormat::Png),
        "image/jpeg" => Some(image::ImageFormat::Jpeg),
        "image/webp" => Some(image::ImageFormat::WebP),
        _ => None,
    })
}

/// An image ready to store: its hash and its re-encoded sizes.
pub struct Encoded {
    pub hash: String,
    pub files: Vec<(String, Vec<u8>)>,
}

/// How many images a process decodes at once: each may take a few hundred MB.
static ENCODING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// How many uploads a process lets wait or decode at once, all restaurants together.
const WAITING_MAX: usize = 6;
static WAITING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
/// The restaurants with an image being decoded: one at a time each.
static BUSY: std::sync::Mutex<Vec<Uuid>> = std::sync::Mutex::new(Vec::new());
/// The most bytes an image may take once decoded (its pixels × channels × depth).
const DECODED_MAX: u64 = 100 * 1024 * 1024;

fn busy_error_for_restaurant() -> ApiError {
    busy("this restaurant's previous image is still being processed; try again in a moment")
}

fn busy(detail: &str) -> ApiError {
    ApiError::with_detail(ErrorCode::Unavailable, detail)
}

/// Frees a restaurant's and the process's places when an upload ends, however.
struct Place(Uuid);

impl Drop for Place {
    fn drop(&mut self) {
        WAITING.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        if let Ok(mut busy) = BUSY.lock() {
            busy.retain(|restaurant| *restaurant != self.0);
        }
    }
}

/// [`encode`] off the request's thread: two at a time per process, one at a time per
/// restaurant, and no more than a few waiting (past them, `503` at once), so one
/// restaurant's uploads never hold another's up for long.
pub async fn encode_in_turn(restaurant: Uuid, bytes: Vec<u8>) -> ApiResult<Encoded> {
    {
        let mut restaurants = BUSY
            .lock()
            .map_err(|_| ApiError::Internal(anyhow::anyhow!("the images' turn was poisoned")))?;
        if restaurants.contains(&restaurant) {
            return Err(busy_error_for_restaurant());
        }
        if WAITING.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= WAITING_MAX {
            WAITING.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            return Err(busy(
                "many images are being processed; try again in a moment",
            ));
        }
        restaurants.push(restaurant);
    }
    let _place = Place(restaurant);
    let _turn = ENCODING.acquire().await.map_err(|error| {
        ApiError::Internal(anyhow::anyhow!("waiting to encode an image: {error}"))
    })?;
    tokio::task::spawn_blocking(move || encode(&bytes))
        .await
        .map_err(|error| ApiError::Internal(anyhow::anyhow!("encoding an image: {error}")))?
}

/// Checks an upload by its content and re-encodes it. Slow (decoding, resizing):
/// call it off the request's thread.
pub fn encode(bytes: &[u8]) -> ApiResult<Encoded> {
    if bytes.len() > IMAGE_MAX_BYTES {
        return Err(too_large());
    }
    let format =
        sniff(bytes).ok_or_else(|| invalid("The file is not a JPEG, PNG or WebP image."))?;
    let size = imagesize::blob_size(bytes).map_err(|_| invalid("The image cannot be read."))?;
    let pixels = (size.width as u64).saturating_mul(size.height as u64);
    if size.width == 0 || size.height == 0 || pixels > IMAGE_MAX_PIXELS {
        return Err(invalid("The image has at most 25 million pixels."));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|_| invalid("The image cannot be read."))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    if decoder.total_bytes() > DECODED_MAX {
        return Err(invalid(
            "The image is too large once decoded: at most 25 million pixels of 8 bits a channel.",
        ));
    }
    let mut picture =
        DynamicImage::from_decoder(decoder).map_err(|_| invalid("The image cannot be read."))?;
    picture.apply_orientation(orientation);
    let flat = on_white(&picture);
    let hash = hex::encode(Sha256::digest(bytes))[..16].to_owned();
    drop(picture);
    let flat = DynamicImage::ImageRgb8(flat);
    let mut files = Vec::new();
    for size in Size::ALL {
        let side = size.side();
        let resized = if flat.width() > side || flat.height() > side {
            flat.resize(side, side, image::imageops::FilterType::Triangle)
                .to_rgb8()
        } else {
            flat.to_rgb8()
        };
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
            .encode_image(&resized)
            .context("encoding an image")?;
        files.push((file_name(&hash, size), out));
    }
    Ok(Encoded { hash, files })
}

/// The picture with any transparency laid on white.
fn on_white(picture: &DynamicImage) -> RgbImage {
    if !picture.color().has_alpha() {
        return picture.to_rgb8();
    }
    let owned;
    let rgba = match picture.as_rgba8() {
        Some(rgba) => rgba,
        None => {
            owned = picture.to_rgba8();
            &owned
        }
    };
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        Rgb([over(r), over(g), over(b)])
    })
}

/// Where images are kept.
pub enum ImageStore {
    /// Under the data directory.
    Local(PathBuf),
    /// In an S3-compatible object store.
    Objects(Arc<dyn ObjectStore>),
}

fn key(restaurant: Uuid, file: &str) -> String {
    format!("menu-images/{restaurant}/{file}")
}

impl ImageStore {
    pub fn new(data_dir: PathBuf, objects: Option<&ObjectStoreSettings>) -> anyhow::Result<Self> {
        let Some(objects) = objects else {
            return Ok(ImageStore::Local(data_dir));
        };
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&objects.bucket)
            .with_region(&objects.region)
            .with_access_key_id(&objects.access_key_id)
            .with_secret_access_key(objects.secret_access_key.expose());
        if let Some(endpoint) = &objects.endpoint {
            builder = builder
                .with_endpoint(endpoint)
                .with_virtual_hosted_style_request(false)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        let store = builder
            .build()
            .context("configuring the object store for images")?;
        Ok(ImageStore::Objects(Arc::new(store)))
    }

    /// Writes an image's files (through a temporary file on disk, so a reader never
    /// sees half of one).
    pub async fn put(&self, restaurant: Uuid, encoded: &Encoded) -> ApiResult<()> {
        for (file, bytes) in &encoded.files {
            match self {
                ImageStore::Local(data_dir) => {
                    let folder = data_dir.join("menu-images").join(restaurant.to_string());
                    tokio::fs::create_dir_all(&folder)
                        .await
                        .context("creating the images' folder")?;
                    let partial = folder.join(format!(".{file}.{}", Uuid::new_v4().simple()));
                    tokio::fs::write(&partial, bytes)
                        .await
                        .context("writing an image")?;
                    tokio::fs::rename(&partial, folder.join(file))
                        .await
                        .context("putting an image in place")?;
                }
                ImageStore::Objects(store) => {
                    store
                        .put(
                            &object_store::path::Path::from(key(restaurant, file)),
                            PutPayload::from(bytes.clone()),
                        )
                        .await
                        .context("storing an image in the object store")?;
                }
            }
        }
        Ok(())
    }

    /// One stored file, if `file` is a name this module writes and it exists.
    pub async fn get(&self, restaurant: Uuid, file: &str) -> ApiResult<Option<bytes::Bytes>> {
        if !is_stored_name(file) {
            return Ok(None);
        }
        match self {
            ImageStore::Local(data_dir) => {
                let path = data_dir
                    .join("menu-images")
                    .join(restaurant.to_string())
                    .join(file);
                match tokio::fs::read(&path).await {
                    Ok(bytes) => Ok(Some(bytes.into())),
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(error) => Err(ApiError::Internal(
                        anyhow::Error::new(error).context("reading an image"),
                    )),
                }
            }
            ImageStore::Objects(store) => {
                match store
                    .get(&object_store::path::Path::from(key(restaurant, file)))
                    .await
                {
                    Ok(found) => Ok(Some(
                        found
                            .bytes()
                            .await
                            .context("reading an image from the object store")?,
                    )),
                    Err(object_store::Error::NotFound { .. }) => Ok(None),
                    Err(error) => Err(ApiError::Internal(
                        anyhow::Error::new(error).context("reading an image from the object store"),
                    )),
                }
            }
        }
    }

    /// Removes an image no longer used; one already gone is fine.
    pub async fn forget(&self, restaurant: Uuid, hash: &str) {
        for size in Size::ALL {
            let file = file_name(hash, size);
            let result = match self {
                ImageStore::Local(data_dir) => {
                    let path = data_dir
                        .join("menu-images")
                        .join(restaurant.to_string())
                        .join(&file);
                    match tokio::fs::remove_file(&path).await {
                        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                            Err(error.to_string())
                        }
                        _ => Ok(()),
                    }
                }
                ImageStore::Objects(store) => match store
                    .delete(&object_store::path::Path::from(key(restaurant, &file)))
                    .await
                {
                    Err(error) if !matches!(error, object_store::Error::NotFound { .. }) => {
                        Err(error.to_string())
                    }
                    _ => Ok(()),
                },
            };
            if let Err(error) = result {
                tracing::warn!(%error, "could not remove an old image");
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbaImage::from_pixel(width, height, image::Rgba([200, 30, 30, 128]));
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(picture)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn an_image_is_re_encoded_as_jpegs_of_two_sizes() {
        let encoded = encode(&png(1200, 600)).unwrap();
        assert_eq!(encoded.files.len(), 2);
        let thumb = image::load_from_memory(&encoded.files[0].1).unwrap();
        let large = image::load_from_memory(&encoded.files[1].1).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (160, 80));
        assert_eq!((large.width(), large.height()), (960, 480));
        assert!(encoded.files[0].1.starts_with(&[0xFF, 0xD8, 0xFF]));
        assert!(is_stored_name(&encoded.files[0].0));
    }

    #[test]
    fn a_disguised_file_is_refused_by_its_content() {
        let error = encode(b"<script>alert(1)</script>").err().unwrap();
        assert_eq!(error.code(), ErrorCode::ValidationFailed);
        let mut truncated = png(50, 50);
        truncated.truncate(60);
        assert!(encode(&truncated).is_err());
    }

    #[test]
    fn only_names_this_module_writes_are_looked_up() {
        assert!(is_stored_name("0123456789abcdef-thumb.jpg"));
        for bad in [
            "../x-thumb.jpg",
            "0123456789abcdef-huge.jpg",
            "0123456789abcdef-thumb.png",
            "0123456789ABCDEF-large.jpg",
        ] {
            assert!(!is_stored_name(bad), "{bad}");
        }
    }
}
