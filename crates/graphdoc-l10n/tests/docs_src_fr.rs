//! `l10n` of docs-src's French pages against the English ones: every
//! translation defect the French seed has (and docs-src/fr-FR/README.md
//! lists) is reported at its French line, with the English line as a note.

use graphdoc_l10n::{run, History, Kind};
use std::path::Path;

/// Relative, as tests run in the crate's folder: messages name no path of the machine.
fn docs_src() -> &'static Path {
    Path::new("../../docs-src")
}

fn report() -> graphdoc_l10n::Report {
    run(docs_src(), &docs_src().join("fr-FR"), History::Off).expect("both trees load")
}

/// Paths from the repository root.
fn shown(report: &graphdoc_l10n::Report) -> String {
    report
        .render_human()
        .replace("../../docs-src/", "docs-src/")
}

#[test]
fn reports_each_kept_defect_of_the_french_pages() {
    let report = report();
    insta::assert_snapshot!(shown(&report));
    for page in [
        "resources/intune-onboarding-vpptoken.md",
        "api/intune-onboarding-vpptoken-update.md",
    ] {
        let on_page = |kind: Kind, needle: &str| {
            report
                .findings
                .iter()
                .filter(|f| f.file.ends_with(page) && f.kind == kind && f.message.contains(needle))
                .count()
        };
        assert_eq!(
            on_page(
                Kind::IdentifierTranslated,
                "`token` is translated as `jeton`"
            ),
            1,
            "{page}"
        );
        assert_eq!(on_page(Kind::NameAndTypeLost, "`state`"), 1, "{page}");
        assert_eq!(
            on_page(Kind::NameAndTypeLost, "`lastSyncStatus`"),
            1,
            "{page}"
        );
        assert_eq!(on_page(Kind::TypeTranslated, "`Booléen`"), 1, "{page}");
        assert_eq!(on_page(Kind::RepeatedPossibleValues, ""), 3, "{page}");
        assert_eq!(
            on_page(Kind::CopiedDescription, "`countryOrRegion`"),
            1,
            "{page}"
        );
    }
    // Each finding carries the English line it departs from; a page not
    // translated at all (docs-src's user and group pages), its first line.
    assert!(report
        .findings
        .iter()
        .filter(|f| f.kind != Kind::PageMissing)
        .all(|f| f.note.as_ref().is_some_and(|n| n.line > 1)));
    let untranslated = report
        .findings
        .iter()
        .filter(|f| f.kind == Kind::PageMissing)
        .count();
    assert_eq!(untranslated, 6);
}

#[test]
fn english_against_itself_is_clean() {
    let report = run(docs_src(), docs_src(), History::Off).expect("loads");
    let drift: Vec<String> = report
        .findings
        .iter()
        .filter(|f| {
            !matches!(
                f.kind,
                Kind::CopiedDescription | Kind::RepeatedPossibleValues
            )
        })
        .map(|f| f.to_string())
        .collect();
    assert!(drift.is_empty(), "{drift:#?}");
}

#[test]
fn json_lines_name_kind_code_and_note() {
    let json = report().render_json();
    // The pages docs-src has in English only come first (page-missing).
    let defect = json
        .lines()
        .find(|l| l.contains(r#""code":"GT0019""#))
        .expect("a finding of a kept defect");
    let first: serde_json::Value = serde_json::from_str(defect).unwrap();
    assert_eq!(first["code"], "GT0019");
    assert_eq!(first["key"], "repeated-possible-values");
    assert_eq!(first["severity"], "warning");
    assert!(first["notes"][0]
        .as_str()
        .unwrap()
        .starts_with("English api-reference/v1.0/"));
}
