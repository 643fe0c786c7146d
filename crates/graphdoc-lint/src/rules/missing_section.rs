//! GL0020: a page without a section its page type requires.

use super::{Finding, Rule};
use crate::outline::{Outline, Outlines};
use crate::pages::Pages;
use graphdoc_schema::{Schema, Severity, TypeKind};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The GL0020 rule: a page lacks a section its template requires.
pub const RULE: Rule = Rule {
    code: "GL0020",
    name: "missing-section",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "a page lacks a section its page template requires",
    explain: "GL0020 missing-section\n\n\
The docs' page templates, which maintainers enforce by hand:\n\n\
- a resource page (the page of an entity or complex type): `Properties`,\n  \
`JSON representation`, and for an entity type `Relationships` (which says\n  \
\"None.\" when there are none);\n\
- an API page (the page of an operation): `Permissions`, `HTTP request`,\n  \
`Request body` (or a sentence saying not to supply one), `Response` and an\n  \
example (`Example`, `Examples` or `Example 1: …`).\n\n\
A section is a heading of level 2 or 3 with those words (anchors, emphasis\n\
and case ignored; the heading may go on, as \"Example 1: …\" does). Today's\n\
pages that write their permissions as a `blockType: permissions` annotation\n\
comment or an `[!INCLUDE …]` of a permissions file, and older pages that\n\
give a `Permission type` table under the title, count as having them.\n\
A translated page is read in the English words it translates. Enum pages\n\
have no template here. The finding is at the page's title.\n\n\
Fix: add the section (an empty one says so: \"None.\", \"Don't supply a\n\
request body for this method.\").\n",
    aliases: &["GL020"],
};

/// The sections each page type requires, by page.
pub(crate) fn check(schema: &Schema, pages: &Pages, outlines: &Outlines) -> Vec<Finding> {
    let mut templates: BTreeMap<&str, Template> = BTreeMap::new();
    for t in schema.types.values() {
        let template = match t.kind {
            TypeKind::Entity => Template::Entity,
            TypeKind::Complex => Template::Complex,
        };
        let entry = templates.entry(t.source.file.as_str()).or_insert(template);
        // A page holding an entity type asks for an entity's sections.
        if template == Template::Entity {
            *entry = Template::Entity;
        }
    }
    for op in &schema.operations {
        templates.insert(op.source.file.as_str(), Template::Api);
    }
    let pages_of: Vec<(&str, Template)> = templates.into_iter().collect();
    let mut out: Vec<Finding> = pages_of
        .par_iter()
        .flat_map_iter(
            |&(file, template)| match (pages.get(file), outlines.get(file)) {
                (Some(text), Some(outline)) => check_page(file, text, outline, template),
                _ => Vec::new(),
            },
        )
        .collect();
    out.sort();
    out
}

/// A required section: its name as the message says it, and whether a
/// page (its outline and text) has it.
type Section = (&'static str, fn(&Outline, &str) -> bool);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Template {
    Entity,
    Complex,
    Api,
}

impl Template {
    fn sections(self) -> &'static [Section] {
        match self {
            Template::Entity => &[
                ("Properties", |o, _| o.has_section("properties")),
                ("Relationships", |o, _| o.has_section("relationships")),
                ("JSON representation", |o, _| {
                    o.has_section("json representation")
                }),
            ],
            Template::Complex => &[
                ("Properties", |o, _| o.has_section("properties")),
                ("JSON representation", |o, _| {
                    o.has_section("json representation")
                }),
            ],
            Template::Api => &[
                ("Permissions", |o, _| {
                    o.has_section("permissions")
                        || o.tables
                            .iter()
                            .any(|t| t.header.contains("permission type"))
                        || o.comments.iter().any(|c| c.contains("\"permissions\""))
                        || o.includes.iter().any(|i| i.contains("permissions"))
                }),
                ("HTTP request", |o, _| o.has_section("http request")),
                ("Request body", |o, text| {
                    o.has_section("request body") || says_no_request_body(text)
                }),
                ("Response", |o, _| o.has_section("response")),
                ("Example", |o, _| {
                    o.has_section("example") || o.has_section("examples")
                }),
            ],
        }
    }
}

/// "Don't supply a request body", "Do not supply a request body", "No
/// request body", in any case.
fn says_no_request_body(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("supply a request body") || lower.contains("no request body")
}

fn check_page(file: &str, text: &str, outline: &Outline, template: Template) -> Vec<Finding> {
    let missing = |outline: &Outline, text: &str| {
        template
            .sections()
            .iter()
            .filter(|(_, has)| !has(outline, text))
            .map(|(section, _)| *section)
            .collect::<Vec<_>>()
    };
    let mut absent = missing(outline, text);
    // A translated page is read in the English words it translates (only
    // when the page lacks a section in English: reading a page's language
    // costs more than the check).
    let english = if absent.is_empty() {
        None
    } else {
        graphdoc_docs::localise::to_english(file, text).map(|l| (Outline::of(&l.text), l.text))
    };
    if let Some((outline, text)) = &english {
        absent = missing(outline, text);
    }
    let outline = english.as_ref().map_or(outline, |(o, _)| o);
    let title_line = outline
        .headings
        .iter()
        .find(|h| h.level == 1)
        .map_or(1, |h| h.line);
    absent
        .into_iter()
        .map(|section| {
            let page = match template {
                Template::Api => "an API page",
                Template::Entity => "an entity type's page",
                Template::Complex => "a complex type's page",
            };
            RULE.finding(
                file,
                title_line,
                format!("the page has no `{section}` section, which {page} requires"),
            )
            .about(section)
            .keyed("missing-section")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing(text: &str, template: Template) -> Vec<String> {
        check_page("p.md", text, &Outline::of(text), template)
            .into_iter()
            .map(|f| f.subject)
            .collect()
    }

    #[test]
    fn resource_pages_need_properties_relationships_and_json() {
        let full = "# x resource type\n\n## Properties\n\n## Relationships\n\nNone.\n\n## JSON representation\n";
        assert!(missing(full, Template::Entity).is_empty());
        let no_relationships = "# x\n\n## Properties\n\n## JSON representation\n";
        assert_eq!(
            missing(no_relationships, Template::Entity),
            ["Relationships"]
        );
        assert!(missing(no_relationships, Template::Complex).is_empty());
        let found = check_page(
            "p.md",
            "\n# x\n",
            &Outline::of("\n# x\n"),
            Template::Complex,
        );
        assert_eq!(
            found[0].to_string(),
            "p.md:2: warning[GL0020]: the page has no `Properties` section, which a complex type's page requires"
        );
    }

    #[test]
    fn api_pages_accept_included_permissions_and_a_stated_absent_body() {
        let page = "# Get x\n\n## Permissions\n\n## HTTP request\n\n## Request body\n\n## Response\n\n## Examples\n";
        assert!(missing(page, Template::Api).is_empty());
        let today = "# Get x\n\n<!-- { \"blockType\": \"permissions\", \"name\": \"x_get\" } -->\n\
[!INCLUDE [permissions-table](../includes/permissions/x-get-permissions.md)]\n\n\
## HTTP request\n\nDon't supply a request body for this method.\n\n## Response\n\n### Example 1: Get x\n";
        assert!(
            missing(today, Template::Api).is_empty(),
            "{:?}",
            missing(today, Template::Api)
        );
        assert_eq!(
            missing("# Get x\n\n## HTTP request\n", Template::Api),
            ["Permissions", "Request body", "Response", "Example"]
        );
    }
}
