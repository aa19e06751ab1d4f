//! `brigade-precompress <dir>`: writes `<file>.br` next to every file of the built app
//! (brotli at its best quality, done once at build time so the server never compresses
//! on the fly), and prints each file's brotli size. The server sends the `.br` sibling
//! to browsers that accept brotli (`.gz`, written by the build script, to the others).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

fn compress(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 3);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 24);
        writer.write_all(data)?;
        writer.flush()?;
    }
    Ok(out)
}

fn run(dir: &Path) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file()
                && !path
                    .extension()
                    .is_some_and(|extension| extension == "gz" || extension == "br")
        })
        .collect();
    entries.sort();
    for path in entries {
        let data = std::fs::read(&path)?;
        let compressed = compress(&data)?;
        let mut target = path.clone().into_os_string();
        target.push(".br");
        std::fs::write(&target, &compressed)?;
        println!(
            "{} {}",
            path.file_name()
                .map(|name| name.to_string_lossy())
                .unwrap_or_default(),
            compressed.len()
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: brigade-precompress <dir>");
        return ExitCode::FAILURE;
    };
    match run(Path::new(&dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("brigade-precompress: {error}");
            ExitCode::FAILURE
        }
    }
}
