//! GitHub Actions workflow commands (`::warning file=…,line=…::message`),
//! which the runner turns into annotations on the pull request. `file` is
//! the path inside the repository.

use super::{message_with_notes, RenderOptions};
use graphdoc_schema::{Finding, Severity};
use std::fmt::Write as _;

/// One workflow command a finding, notes folded into the message.
pub fn render(findings: &[Finding], opts: &RenderOptions) -> String {
    let mut out = String::new();
    for f in findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = String::new();
        let mut message = message_with_notes(f);
        match opts.repository_path(&f.file) {
            Some(file) => {
                let _ = write!(props, "file={},line={},", escape_property(&file), f.line);
                if let Some(column) = f.column {
                    let _ = write!(props, "col={column},");
                    if f.width > 0 {
                        let _ = write!(props, "endColumn={},", column + f.width - 1);
                    }
                }
            }
            // Not a file of the repository's docs: an annotation of the
            // run, its place in the message.
            None => message = format!("{}:{}: {message}", f.file, f.line),
        }
        let _ = write!(props, "title={}", escape_property(&f.code));
        let _ = writeln!(out, "::{command} {props}::{}", escape_data(&message));
    }
    out
}

/// Escaping GitHub's runner applies to command data.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping for command properties, which also end at `,` and `:`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::finding;

    #[test]
    fn escapes_data_and_properties_and_joins_the_link_base() {
        let mut opts = RenderOptions::new("t");
        opts.link_base = "docs".into();
        let out = render(&[finding()], &opts);
        assert_eq!(out, "::warning file=docs/api-reference/x.md,line=3,col=2,endColumn=4,title=GL0007::same, 100%25 text%0Anote: earlier: a\n");
    }

    #[test]
    fn a_file_outside_the_docs_is_no_annotation_file() {
        let (f, opts) = crate::render::tests::outside();
        assert_eq!(
            render(&[f], &opts),
            "::warning title=GL0013::v1.0_metadata.xml:213: enum `x` is in the metadata but not in the docs\n"
        );
    }
}
