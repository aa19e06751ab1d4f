//! Drawing a table's QR code: SVG for screens and the printed sheet, PNG for anything
//! that wants a picture. Both carry the same address at error correction level M.

use anyhow::Context;
use qrcode::render::svg;
use qrcode::{Color, EcLevel, QrCode};

/// Pixels per module of the PNG, and the quiet zone around the code, in modules.
const PNG_MODULE: usize = 8;
const QUIET_ZONE: usize = 4;

fn code(url: &str) -> anyhow::Result<QrCode> {
    QrCode::with_error_correction_level(url, EcLevel::M).context("encoding a QR code")
}

/// The code as an SVG document, at least 240 px wide, with its quiet zone.
pub fn svg(url: &str) -> anyhow::Result<String> {
    Ok(code(url)?
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build())
}

/// The code as an 8-bit greyscale PNG.
pub fn png(url: &str) -> anyhow::Result<Vec<u8>> {
    let code = code(url)?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET_ZONE) * PNG_MODULE;
    let mut pixels = vec![255u8; side * side];
    for (i, color) in colors.iter().enumerate() {
        if *color != Color::Dark {
            continue;
        }
        let (x, y) = (i % modules + QUIET_ZONE, i / modules + QUIET_ZONE);
        for row in y * PNG_MODULE..(y + 1) * PNG_MODULE {
            pixels[row * side + x * PNG_MODULE..row * side + (x + 1) * PNG_MODULE].fill(0);
        }
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, side as u32, side as u32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().context("writing a PNG header")?;
        writer
            .write_image_data(&pixels)
            .context("writing a PNG image")?;
    }
    Ok(out)
}
