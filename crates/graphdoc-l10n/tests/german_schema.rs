//! Where the German translation is faithful, its schema is its English
//! source's: every difference the diff library finds between the two is on
//! a page the `l10n` report has a translation defect for.

use graphdoc_diff::{diff, ChangeKind, DiffOptions};
use graphdoc_l10n::{run, History};
use std::collections::BTreeSet;

#[test]
fn every_schema_difference_is_a_reported_translation_defect() {
    let (Some(german), Some(english)) = (
        graphdoc_testdata::shared("l10n/de-DE"),
        graphdoc_testdata::shared("l10n/en-US-2019-03"),
    ) else {
        return;
    };
    let en = graphdoc_docs::load(&english, "v1.0").expect("English loads");
    let de = graphdoc_docs::load(&german, "v1.0").expect("German loads");
    let changes = diff(&en.schema, &de.schema, &DiffOptions::default()).changes;
    let report = run(&english, &german, History::Off).expect("both trees read");
    let relative = |file: &str, root: &std::path::Path| {
        let root = graphdoc_docs::display_path(root);
        match file.strip_prefix(&root) {
            Some(rest) => rest.trim_start_matches('/').to_string(),
            None => file.to_string(),
        }
    };
    let reported: BTreeSet<String> = report
        .findings
        .iter()
        .map(|f| relative(&f.file, &german))
        .collect();
    let unexplained: Vec<String> = changes
        .iter()
        // Nullability and read-only come from the descriptions' prose,
        // which a translation rewrites by right.
        .filter(|c| {
            !matches!(
                c.kind,
                ChangeKind::PropertyNullabilityChanged | ChangeKind::PropertyReadOnlyChanged
            )
        })
        .filter(|c| {
            let page = relative(&relative(&c.source.file, &german), &english);
            // A type renamed on its own page (`WebSiteType`) changes the
            // properties of that type on other pages.
            let renamed = [&c.before, &c.after].into_iter().flatten().any(|t| {
                let name = t.rsplit('.').next().unwrap_or(t).trim_end_matches(')');
                report
                    .findings
                    .iter()
                    .any(|f| f.message.contains(&format!("`{name}`")))
            });
            !reported.contains(&page) && !renamed
        })
        .map(|c| format!("{:?} {} {:?} at {}", c.kind, c.subject, c.member, c.source))
        .collect();
    assert!(
        unexplained.is_empty(),
        "{} of {} differences on pages with no l10n finding:\n{}",
        unexplained.len(),
        changes.len(),
        unexplained.join("\n")
    );
}
