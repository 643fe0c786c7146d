//! `l10n` of docs-src's French pages against the English ones: every
//! translation defect the French seed has (and docs-src/fr-FR/README.md
//! lists) is reported at its French line, with the English line as a note.

use graphdoc_l10n::{run, History, Kind};
use graphdoc_schema::Severity;
use std::path::Path;

/// Relative, as tests run in the crate's folder: messages name no path of the machine.
fn docs_src() -> &'static Path {
    Path::new("../../docs-src")
}

fn report() -> graphdoc_l10n::Report {
    run(docs_src(), &docs_src().join("fr-FR"), History::Off).expect("both trees load")
}

/// `report` in `format`, as the `l10n` command renders it.
fn rendered(report: &graphdoc_l10n::Report, format: graphdoc_lint::Format) -> String {
    let opts = graphdoc_lint::RenderOptions::new("graphdoc-l10n");
    graphdoc_lint::l10n_command::render(report, format, &opts)
}

/// Paths from the repository root.
fn shown(report: &graphdoc_l10n::Report) -> String {
    rendered(report, graphdoc_lint::Format::Human).replace("../../docs-src/", "docs-src/")
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
        .filter(|f| f.severity != Severity::Note)
        .map(|f| f.to_string())
        .collect();
    assert!(drift.is_empty(), "{drift:#?}");
    // The English pages' own defects are there, as notes, and fail nothing.
    assert!(report
        .findings
        .iter()
        .any(|f| f.kind == Kind::RepeatedPossibleValues));
    assert!(!report.fails(Some(Severity::Warning)));
}

#[test]
fn defects_the_english_page_has_too_are_notes() {
    let report = report();
    let carried: Vec<&graphdoc_l10n::Finding> = report
        .findings
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                Kind::CopiedDescription | Kind::RepeatedPossibleValues
            )
        })
        .collect();
    assert!(!carried.is_empty());
    for f in carried {
        assert_eq!(f.severity, Severity::Note, "{f}");
        assert!(
            f.message.contains("as in the English") || f.message.contains("as the English does"),
            "{f}"
        );
        assert_eq!(f.to_common().severity, Severity::Note);
    }
    // The translation's own drift (warnings) still fails the run under
    // `--deny warnings`, not by default (it has no errors).
    assert!(report.fails(Some(Severity::Warning)));
    assert!(!report.fails(None));
}

/// A translation that says the possible values twice where the English
/// says them once doubled them itself: that is drift, a warning.
#[test]
fn possible_values_doubled_by_the_translation_are_a_warning() {
    let english = "# x resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| state | String | The state of the token. Possible values are: `valid`, `expired`. |\n";
    let doubled = english.replace(
        "Possible values are: `valid`, `expired`. |",
        "Possible values are: `valid`, `expired`. Possible values are: `valid`, `expired`. |",
    );
    let file = "api-reference/v1.0/resources/x.md";
    let findings = graphdoc_l10n::compare_texts(file, english, file, &doubled, None);
    let repeated: Vec<_> = findings
        .iter()
        .filter(|f| f.kind == Kind::RepeatedPossibleValues)
        .collect();
    assert_eq!(repeated.len(), 1, "{findings:#?}");
    assert_eq!(repeated[0].severity, Severity::Warning);
    assert!(repeated[0].message.contains("the English states them once"));
    // The same text on both sides: the English page's defect, a note.
    let same = graphdoc_l10n::compare_texts(file, &doubled, file, &doubled, None);
    assert!(
        same.iter().all(|f| f.severity == Severity::Note),
        "{same:#?}"
    );
    assert_eq!(same.len(), 1, "{same:#?}");
}

#[test]
fn json_lines_name_kind_code_and_note() {
    let json = rendered(&report(), graphdoc_lint::Format::Json);
    // The pages docs-src has in English only come first (page-missing).
    let defect = json
        .lines()
        .find(|l| l.contains(r#""code":"GT0019""#))
        .expect("a finding of a kept defect");
    let first: serde_json::Value = serde_json::from_str(defect).unwrap();
    assert_eq!(first["code"], "GT0019");
    assert_eq!(first["key"], "repeated-possible-values");
    assert_eq!(first["severity"], "note");
    assert!(first["notes"][0]
        .as_str()
        .unwrap()
        .starts_with("English api-reference/v1.0/"));
}

/// A row the English table repeats, repeated in the translation too: the
/// note says the row is there twice, not that it has its own description.
#[test]
fn a_repeated_row_is_not_called_a_copied_description() {
    let english = "# x resource type\n\n## Methods\n\n| Method | Return type | Description |\n|:--|:--|:--|\n| [Create setting](../api/a.md) | None | Create a setting object for the group. |\n| [Get setting](../api/b.md) | None | Read a setting object of the group. |\n| [Create setting](../api/a.md) | None | Create a setting object for the group. |\n";
    let file = "api-reference/v1.0/resources/x.md";
    let findings = graphdoc_l10n::compare_texts(file, english, file, english, None);
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        ["row `Create setting` is there twice, as in the English"]
    );
    assert_eq!(findings[0].severity, Severity::Note);
}
