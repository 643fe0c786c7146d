//! Lists the generator's source files for `fingerprint::GENERATOR`: every
//! file of `src/`, so that a new module cannot be left out of the hash that
//! decides whether a previous output may be reused; and the locked versions
//! of the crates that shape the emitted text (`fingerprint::FORMATTER`).

use std::path::{Path, PathBuf};

/// The crates whose versions decide the text of a generated file besides
/// the generator's own source: tokens are built with quote and proc-macro2,
/// parsed back with syn and printed by prettyplease.
const FORMATTING_CRATES: [&str; 4] = ["prettyplease", "proc-macro2", "quote", "syn"];

fn main() {
    println!("cargo:rerun-if-changed=src");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let src = Path::new(&manifest).join("src");
    let mut names: Vec<String> = std::fs::read_dir(&src)
        .expect("src/ is readable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rs"))
        .collect();
    names.sort();
    let mut list = String::from("&[\n");
    for name in &names {
        let path = src.join(name);
        list.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    list.push_str("]\n");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("generator_sources.rs"), list)
        .expect("OUT_DIR is writable");
    std::fs::write(
        Path::new(&out).join("formatting_crates.txt"),
        formatting_crates(Path::new(&manifest)),
    )
    .expect("OUT_DIR is writable");
}

/// `prettyplease 0.2.37, proc-macro2 1.0.107, quote 1.0.47, syn 2.0.119`:
/// every version of the formatting crates in the `Cargo.lock` of the
/// workspace this crate is built in (a crate may be locked at two
/// versions; both are named), so that an upgrade of any of them changes
/// the fingerprints. Built without a lockfile (as a dependency from a
/// registry), the versions are unknown and say so: such a build never
/// takes an output of a locked one as its own.
fn formatting_crates(manifest: &Path) -> String {
    let Some(lock) = find_lockfile(manifest) else {
        return "unlocked".to_owned();
    };
    println!("cargo:rerun-if-changed={}", lock.display());
    let text = std::fs::read_to_string(&lock).unwrap_or_default();
    let mut named = Vec::new();
    for package in text.split("[[package]]") {
        let field = |key: &str| {
            package.lines().find_map(|l| {
                l.strip_prefix(key)
                    .and_then(|r| r.strip_prefix(" = \""))
                    .and_then(|r| r.strip_suffix('"'))
            })
        };
        if let (Some(name), Some(version)) = (field("name"), field("version")) {
            if FORMATTING_CRATES.contains(&name) {
                named.push(format!("{name} {version}"));
            }
        }
    }
    named.sort();
    if named.is_empty() {
        "unlocked".to_owned()
    } else {
        named.join(", ")
    }
}

/// The nearest `Cargo.lock` at or above `dir`.
fn find_lockfile(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join("Cargo.lock"))
        .find(|p| p.is_file())
}
