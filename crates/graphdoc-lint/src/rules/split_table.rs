//! GL0019: a type's properties split across several tables of one section.

use super::{Finding, Rule};
use crate::outline::{Outline, Outlines};
use graphdoc_schema::{Schema, Severity, TypeDef};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The GL0019 rule: a type's properties split across several tables, read as one.
pub const RULE: Rule = Rule {
    code: "GL0019",
    name: "split-properties-table",
    default_severity: Severity::Note,
    enabled: true,
    summary: "a resource's properties are split across several tables of one section",
    explain: "GL0019 split-properties-table\n\n\
A resource page whose Properties (or Relationships) section holds the\n\
type's rows in more than one table, split by a callout, a paragraph or a\n\
sub-heading. graphdoc reads every table of the section as the one property\n\
list (so the schema, drift and the generated model see all of them), and\n\
says so with this note on the second and later tables: readers and tools\n\
that take the first table for the whole list miss the rest.\n\n\
Fix: merge the tables, using section rows (`|**Owners**|||`) where the\n\
split groups the properties.\n",
    aliases: &["GL019"],
};

/// A note at each table after the first of a section that holds rows of
/// the same type.
pub(crate) fn check(schema: &Schema, outlines: &Outlines) -> Vec<Finding> {
    let mut by_file: BTreeMap<&str, Vec<&TypeDef>> = BTreeMap::new();
    for t in schema.types.values() {
        by_file.entry(t.source.file.as_str()).or_default().push(t);
    }
    let files: Vec<(&str, Vec<&TypeDef>)> = by_file.into_iter().collect();
    let mut out: Vec<Finding> = files
        .par_iter()
        .flat_map_iter(|(file, types)| {
            let Some(outline) = outlines.get(*file) else {
                return Vec::new();
            };
            types.iter().flat_map(|t| check_type(outline, t)).collect()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A table holding rows of the type: its first line, its section's
/// heading and how many of the type's rows it has.
type TableRows = (u32, Option<String>, usize);

fn check_type(outline: &Outline, t: &TypeDef) -> Vec<Finding> {
    // The tables holding this type's own rows, by the line of the heading
    // of the section they are in.
    let mut sections: BTreeMap<Option<u32>, Vec<TableRows>> = BTreeMap::new();
    for p in t
        .properties
        .iter()
        .filter(|p| p.source.file == t.source.file)
    {
        let Some(table) = outline.table_of(p.source.line) else {
            continue;
        };
        let key = table.section.as_ref().map(|h| h.line);
        let tables = sections.entry(key).or_default();
        match tables.iter_mut().find(|(line, ..)| *line == table.line) {
            Some(entry) => entry.2 += 1,
            None => tables.push((
                table.line,
                table.section.as_ref().map(|h| h.text.clone()),
                1,
            )),
        }
    }
    let mut out = Vec::new();
    for tables in sections.values_mut() {
        tables.sort();
        let Some(&(first, ref section, _)) = tables.first() else {
            continue;
        };
        let section = section.as_deref().unwrap_or("the page");
        for (n, &(line, _, rows)) in tables.iter().enumerate().skip(1) {
            out.push(
                RULE.finding(
                    &t.source.file,
                    line,
                    format!(
                        "`{}`'s {section} continue in table {} of the section ({rows} row(s)); graphdoc reads the tables as one list",
                        t.name,
                        n + 1
                    ),
                )
                .note(format!("the first table of the section starts at line {first}"))
                .about(t.qualified_name())
                .keyed(format!("{section} table {}", n + 1)),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::tests::prop;
    use graphdoc_schema::{Source, TypeKind};

    #[test]
    fn a_second_table_of_the_section_is_a_note() {
        let text = "# x\n\n## Properties\n\n| Property | Type | Description |\n|--|--|--|\n| a | String | x |\n\n\
> [!NOTE]\n> More.\n\n| Property | Type | Description |\n|--|--|--|\n| b | String | x |\n\n\
## Relationships\n\n| Relationship | Type | Description |\n|--|--|--|\n| c | String | x |\n";
        let mut t = TypeDef::new(
            "x",
            "microsoft.graph",
            TypeKind::Entity,
            Source::new("p.md", 1),
        );
        for (name, line) in [("a", 7), ("b", 14), ("c", 20)] {
            let mut p = prop(name, "");
            p.source.line = line;
            t.properties.push(p);
        }
        let found: Vec<String> = check_type(&Outline::of(text), &t)
            .iter()
            .map(|f| f.to_string())
            .collect();
        assert_eq!(
            found,
            ["p.md:12: note[GL0019]: `x`'s properties continue in table 2 of the section (1 row(s)); graphdoc reads the tables as one list"]
        );
    }
}
