//! The `l10n` command's output: a translation-drift report
//! ([`graphdoc_l10n::Report`]) rendered, like every command's findings,
//! through the one renderer ([`crate::render`]).

use crate::render::{self, Format, RenderOptions};

/// `report`'s findings (the pages not read, then the translation drift) in
/// `format`; the human output shows the localised line under each, as
/// lint does, and ends with the counts by kind.
pub fn render(report: &graphdoc_l10n::Report, format: Format, opts: &RenderOptions) -> String {
    let opts = RenderOptions {
        summary: Some(report.summary()),
        ..opts.clone()
    };
    render::render(&report.to_findings(), format, &opts, &|f| report.source(f))
}
