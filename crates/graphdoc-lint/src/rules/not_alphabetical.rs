//! GL0017: a property row out of alphabetical order in its table.

use super::{Finding, Rule};
use crate::outline::{Outline, Outlines};
use crate::pages::{place, Pages};
use graphdoc_schema::{Property, Schema, Severity};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// The GL0017 rule: a property table not in alphabetical order (a style rule, off by default).
pub const RULE: Rule = Rule {
    code: "GL0017",
    name: "properties-not-alphabetical",
    default_severity: Severity::Warning,
    enabled: false,
    summary: "a property row is out of alphabetical order in its table",
    explain: "GL0017 properties-not-alphabetical\n\n\
The docs' style guide lists a resource's properties (and relationships) in\n\
alphabetical order, which reviewers check by hand. A row whose property name\n\
comes before the name of the row above it (compared ignoring case) is\n\
reported, once per row, naming both. A section row (`|**Owners**|||`) starts\n\
a new run: rows are compared within their section.\n\n\
Off by default (`--enable GL0017`): it is a style rule, and on the Graph\n\
docs many older tables put `id` or the most used properties first.\n\n\
Fix: move the row to its place.\n",
    aliases: &["GL017"],
};

/// Rows of each type's tables whose name sorts before the row above.
pub(crate) fn check(schema: &Schema, pages: &Pages, outlines: &Outlines) -> Vec<Finding> {
    let mut by_file: BTreeMap<&str, Vec<&Property>> = BTreeMap::new();
    for t in schema.types.values() {
        for p in t
            .properties
            .iter()
            .filter(|p| p.source.file == t.source.file)
        {
            by_file.entry(p.source.file.as_str()).or_default().push(p);
        }
    }
    let files: Vec<(&str, Vec<&Property>)> = by_file.into_iter().collect();
    let mut out: Vec<Finding> = files
        .par_iter()
        .flat_map_iter(|(file, props)| {
            outlines
                .get(*file)
                .map(|outline| check_page(outline, props, pages))
                .unwrap_or_default()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn check_page(outline: &Outline, props: &[&Property], pages: &Pages) -> Vec<Finding> {
    let by_line: HashMap<u32, &Property> = props.iter().map(|p| (p.source.line, *p)).collect();
    let mut out = Vec::new();
    for table in &outline.tables {
        let mut previous: Option<&Property> = None;
        for &(line, section_row) in &table.rows {
            if section_row {
                previous = None;
                continue;
            }
            let Some(&p) = by_line.get(&line) else {
                continue;
            };
            if let Some(before) = previous {
                if p.name.to_ascii_lowercase() < before.name.to_ascii_lowercase() {
                    let f = RULE
                        .finding(
                            &p.source.file,
                            line,
                            format!(
                                "property `{}` comes after `{}`: the table is not in alphabetical order",
                                p.name, before.name
                            ),
                        )
                        .about(p.name.as_str())
                        .keyed("not-alphabetical");
                    out.push(place(f, pages, &p.name, 0));
                }
            }
            previous = Some(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::tests::prop;

    fn at(name: &str, line: u32) -> Property {
        let mut p = prop(name, "");
        p.source.line = line;
        p
    }

    #[test]
    fn a_row_sorting_before_the_row_above_is_reported_within_its_section() {
        let text = "## Properties\n\n| Property | Type | Description |\n|--|--|--|\n\
| id | String | x |\n| Alpha | String | x |\n| beta | String | x |\n|**More**|||\n| gamma | String | x |\n| delta | String | x |\n";
        let props = [
            at("id", 5),
            at("Alpha", 6),
            at("beta", 7),
            at("gamma", 9),
            at("delta", 10),
        ];
        let refs: Vec<&Property> = props.iter().collect();
        let pages: Pages = [("p.md".to_string(), text.to_string())].into();
        let found: Vec<String> = check_page(&Outline::of(text), &refs, &pages)
            .iter()
            .map(|f| f.to_string())
            .collect();
        assert_eq!(
            found,
            [
                "p.md:6:3: warning[GL0017]: property `Alpha` comes after `id`: the table is not in alphabetical order",
                "p.md:10:3: warning[GL0017]: property `delta` comes after `gamma`: the table is not in alphabetical order",
            ]
        );
    }

    #[test]
    fn a_sorted_table_has_no_finding() {
        let text = "| Property | Type | Description |\n|--|--|--|\n| a | String | x |\n| B | String | x |\n";
        let props = [at("a", 3), at("B", 4)];
        let refs: Vec<&Property> = props.iter().collect();
        let pages: Pages = [("p.md".to_string(), text.to_string())].into();
        assert!(check_page(&Outline::of(text), &refs, &pages).is_empty());
    }
}
