//! Lists the generator's source files for `fingerprint::GENERATOR`: every
//! file of `src/`, so that a new module cannot be left out of the hash that
//! decides whether a previous output may be reused.

use std::path::Path;

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
}
