//! Runs the synthetic site generator, `examples/gen_site.rs`, for the benchmarks and for
//! `tests/it/deterministic.rs` (which includes this file with `#[path]`).
//!
//! The generator keeps everything private behind its `main` (and its `//!` header rules out
//! `include!`), so it cannot be linked in as a module. Instead it is compiled as it is, with
//! the same `rustc` (it uses only `std`, so this takes about half a second), and run: the one
//! generator, not a copy.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Compiles `examples/gen_site.rs` into `work` and returns the program's path.
pub fn compile(work: &Path) -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/gen_site.rs");
    let exe = work.join(format!("gen_site{}", std::env::consts::EXE_SUFFIX));
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(&rustc)
        // The package's edition (Cargo.toml).
        .args(["--edition", "2021", "--crate-name", "gen_site"])
        .args(["-C", "debuginfo=0"])
        .arg(&source)
        .arg("-o")
        .arg(&exe)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", rustc.to_string_lossy()));
    assert!(
        out.status.success(),
        "compiling {} failed:\n{}",
        source.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    exe
}

/// Writes a site of `records` records (site.toml and content/) into `dest`, which must not
/// exist or be empty, with the generator `compile` made.
pub fn generate(generator: &Path, records: usize, dest: &Path) {
    let out = Command::new(generator)
        .arg(records.to_string())
        .arg(dest)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", generator.display()));
    assert!(
        out.status.success(),
        "gen_site {records} {} failed:\n{}",
        dest.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}
