//! `brigade-split <app.wasm> <out-dir>`: splits the app's WebAssembly at its lazy
//! functions (Leptos's `#[lazy]`), so a page's code is downloaded the first time the page
//! is opened instead of with the app's first load.
//!
//! It writes `<out-dir>/main.wasm` (the module wasm-bindgen then processes into
//! `brigade-app.js` and `brigade-app_bg.wasm`), one `.wasm` per chunk, and the loader
//! `__wasm_split.js` that fetches a chunk next to itself when its first function is
//! called. Custom sections (names) are removed from the chunks. All of them stay in
//! one directory, so the names they use for each other hold
//! wherever the build puts that directory.

use std::path::PathBuf;
use std::process::ExitCode;

/// The loader's name, as the main module imports it (relative: it sits next to it).
const LOADER: &str = "./__wasm_split.js";

/// Reads an unsigned LEB128 number at `at`; returns it and where it ends.
fn leb128(bytes: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let mut value = 0usize;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(at)?;
        at += 1;
        value |= usize::from(byte & 0x7f).checked_shl(shift)?;
        if byte < 0x80 {
            return Some((value, at));
        }
        shift += 7;
    }
}

/// The module without its custom sections (the names the splitter leaves in each
/// chunk: debugging aids that would double a chunk's download). A module that cannot
/// be read is returned as it is.
fn without_custom_sections(bytes: &[u8]) -> Vec<u8> {
    let mut kept = bytes[..8.min(bytes.len())].to_vec();
    let mut at = 8;
    while at < bytes.len() {
        let id = bytes[at];
        let Some((size, body)) = leb128(bytes, at + 1) else {
            return bytes.to_vec();
        };
        let Some(end) = body.checked_add(size).filter(|end| *end <= bytes.len()) else {
            return bytes.to_vec();
        };
        if id != 0 {
            kept.extend_from_slice(&bytes[at..end]);
        }
        at = end;
    }
    kept
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir] = args.as_slice() else {
        eprintln!("usage: brigade-split <app.wasm> <out-dir>");
        return ExitCode::FAILURE;
    };
    let out_dir = PathBuf::from(out_dir);
    let main_out = out_dir.join("main.wasm");
    let wasm = match std::fs::read(input) {
        Ok(wasm) => wasm,
        Err(error) => {
            eprintln!("brigade-split: cannot read {input}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = &out_dir;
    options.main_out_path = &main_out;
    options.link_name = LOADER;
    options.main_module = "./brigade-app.js";
    match wasm_split_cli_support::transform(options) {
        Ok(split) => {
            for chunk in &split.split_modules {
                if let Err(error) = std::fs::read(chunk)
                    .and_then(|bytes| std::fs::write(chunk, without_custom_sections(&bytes)))
                {
                    eprintln!("brigade-split: cannot strip {}: {error}", chunk.display());
                    return ExitCode::FAILURE;
                }
            }
            println!(
                "    split into the main module and {} lazily loaded chunks",
                split.split_modules.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("brigade-split: {error:#}");
            ExitCode::FAILURE
        }
    }
}
