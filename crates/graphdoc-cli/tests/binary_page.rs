//! Binary junk saved as a `.md` page is refused as binary (GD0909), not
//! read as a page with no title and no items, and the run goes on.

mod common;

use common::{docs_copy, graphdoc, run_in};

#[test]
fn a_binary_page_is_refused_with_its_own_code() {
    let (root, docs) = docs_copy("binary-page");
    let resources = docs.join("api-reference/v1.0/resources");
    // An image under a page's name: NUL bytes.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7 % 251) as u8));
    std::fs::write(resources.join("logo.md"), png).unwrap();
    // Mostly bytes that are not UTF-8, without a NUL.
    let junk: Vec<u8> = (0..4000u32).map(|i| 0x80 + (i * 13 % 0x7f) as u8).collect();
    std::fs::write(resources.join("junk.md"), junk).unwrap();
    // A text page with a few invalid bytes is still a page (GD0014).
    let mut latin1 = std::fs::read(resources.join("intune-onboarding-vpptoken.md")).unwrap();
    latin1.extend(b"\ncaf\xe9\n");
    std::fs::write(resources.join("latin1.md"), latin1).unwrap();

    let lint = run_in(
        &graphdoc(),
        &root,
        &["lint", "--docs", "docs", "--format", "json"],
    );
    assert_eq!(lint.code, 1, "a page not read is an error: {}", lint.stderr);
    let findings: Vec<serde_json::Value> = lint
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let about = |page: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f["file"].as_str().unwrap().ends_with(page))
            .map(|f| format!("{}:{}", f["code"].as_str().unwrap(), f["line"]))
            .collect()
    };
    assert_eq!(about("/logo.md"), ["GD0909:1"], "{}", lint.stdout);
    assert_eq!(about("/junk.md"), ["GD0909:1"], "{}", lint.stdout);
    assert!(
        about("/latin1.md").iter().any(|f| f.starts_with("GD0014:")),
        "{}",
        lint.stdout
    );
    // Nothing else: the other pages are read as ever (docs-src is clean).
    let others = findings
        .iter()
        .filter(|f| {
            !["/logo.md", "/junk.md", "/latin1.md"]
                .iter()
                .any(|p| f["file"].as_str().unwrap().ends_with(p))
        })
        .count();
    assert_eq!(others, 0, "{}", lint.stdout);
    // Every command refuses it the same way (the one walk).
    let schema = run_in(&graphdoc(), &root, &["schema", "--docs", "docs"]);
    assert_eq!(schema.code, 1);
    assert!(
        schema.stderr.contains("logo.md:1: error[GD0909]: "),
        "{}",
        schema.stderr
    );
    let explained = run_in(&graphdoc(), &root, &["explain", "GD0909"]);
    assert_eq!(explained.code, 0);
    assert!(explained.stdout.contains("binary"), "{}", explained.stdout);
}
