//! Every code written in the source has an entry in the one registry, with
//! an explanation: a code added without one fails here.

use std::path::{Path, PathBuf};

/// The string literals of `text` that are a code (`"GD0009"`), outside
/// `#[cfg(test)]` modules (tests spell unknown codes on purpose).
fn code_literals(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = Vec::new();
    for piece in code.split('"').skip(1).step_by(2) {
        let b = piece.as_bytes();
        let is_code = b.len() == 6
            && matches!(&piece[..2], "GD" | "GL" | "GS" | "GT")
            && b[2..].iter().all(u8::is_ascii_digit);
        if is_code {
            out.push(piece.to_string());
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name();
        if p.is_dir() {
            if !matches!(name.to_str(), Some("target" | "tests" | "fixtures")) {
                rust_files(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_code_in_the_source_is_explained() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    rust_files(&workspace.join("crates"), &mut files);
    rust_files(&workspace.join("xtask"), &mut files);
    let mut seen = 0;
    let mut missing = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for code in code_literals(&text) {
            seen += 1;
            match graphdoc_lint::explain(&code) {
                Some(t) if t.len() > 60 => {}
                _ => missing.push(format!("{code} in {}", f.display())),
            }
        }
    }
    assert!(seen > 40, "the scan found only {seen} codes");
    assert!(
        missing.is_empty(),
        "codes without explanation: {missing:#?}"
    );
}

#[test]
fn the_scan_sees_codes_and_skips_tests() {
    let text =
        "const A: &str = \"GD0801\"; let s = \"GL0007 x\";\n#[cfg(test)]\nmod t { \"GL9999\" }";
    assert_eq!(code_literals(text), ["GD0801"]);
}
