//! GL0009: `TODO` left in a permissions table.

use super::{Finding, Rule};
use crate::pages::Pages;
use graphdoc_docs::cells;
use graphdoc_docs::markdown::{self, Block};
use graphdoc_schema::Severity;
use rayon::prelude::*;

/// The GL0009 placeholder-text rule, reported when a permissions table still holds generator placeholder text (TODO).
pub const RULE: Rule = Rule {
    code: "GL0009",
    name: "placeholder-text",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "a permissions table still holds generator placeholder text (TODO)",
    explain: "GL0009 placeholder-text\n\n\
A cell of a table under a `Permissions` heading holds `TODO` (the page\n\
generator's `**TODO: Determine scopes **`), so readers cannot tell which\n\
permission the API needs.\n",
    aliases: &["GL009"],
};

/// `TODO` in the cells of permissions tables.
pub fn check(pages: &Pages) -> Vec<Finding> {
    let list: Vec<(&String, &String)> = pages.iter().collect();
    list.par_iter()
        .flat_map_iter(|(file, text)| page_placeholders(file, text))
        .collect()
}

fn page_placeholders(file: &str, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    if !text.contains("TODO") {
        return out;
    }
    let mut in_permissions = false;
    for b in markdown::blocks(text) {
        match b {
            Block::Heading { text, .. } => {
                in_permissions = text.to_ascii_lowercase().contains("permission")
            }
            Block::Table(t) if in_permissions => {
                for row in &t.rows {
                    for (cell, column) in row.cells.iter().zip(&row.columns) {
                        if cell.contains("TODO") {
                            let f = RULE
                                .finding(
                                    file,
                                    row.line,
                                    format!(
                                        "permissions table holds placeholder text `{}`",
                                        cells::plain(cell)
                                    ),
                                )
                                .note("name the least privileged permission, or `Not supported.`");
                            out.push(f.span(*column, cell.chars().count() as u32));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn todo_only_in_permissions_tables() {
        let text = "## Permissions\n\n|Type|Permission|\n|-|-|\n|Delegated|**TODO: Determine scopes **|\n\n## Other\n\n|a|b|\n|-|-|\n|TODO|x|\n";
        let found = page_placeholders("p.md", text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].line, 5);
        assert!(found[0].message.contains("TODO: Determine scopes"));
    }
}
