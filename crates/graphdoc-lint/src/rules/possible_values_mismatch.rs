//! GL0004: "Possible values are: …" listing a value the enum does not have.

use super::{Finding, Rule};
use crate::pages::{place, property_tables, Pages};
use graphdoc_docs::facts;
use graphdoc_schema::{Schema, Severity};

/// The GL0004 possible-values-mismatch rule, reported when "Possible values are: …" lists a value that is not a member of the property's enum.
pub const RULE: Rule = Rule {
    code: "GL0004",
    name: "possible-values-mismatch",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "\"Possible values are: …\" lists a value that is not a member of the property's enum",
    explain: "GL0004 possible-values-mismatch\n\n\
A property whose type is an enum says \"Possible values are: a, b, c\" in its\n\
description, and one of the listed values is not a member of the enum as its\n\
own page defines it (compared exactly; a value differing only in case is\n\
reported too, the wire format is case-sensitive). Members missing from the\n\
list are not reported: the docs often leave out `unknownFutureValue` and the\n\
members after it, or list only the values relevant to the property.\n\
When a description has several \"Possible values\" sentences (see GL0008) the\n\
values of all of them are checked.\n",
    aliases: &["GL004"],
};

/// Listed values that are not members of the property's enum.
pub fn check(schema: &Schema, pages: &Pages) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in property_tables(schema) {
        for p in table {
            let Some(e) = schema.enums.get(&p.ty.name) else {
                continue;
            };
            for v in all_possible_values(&p.description) {
                // "Possible values are: `null`, …" tells nullability.
                if v == "null" || e.members.iter().any(|m| m.name == v) {
                    continue;
                }
                let hint = match e.members.iter().find(|m| m.name.eq_ignore_ascii_case(&v)) {
                    Some(m) => format!("the member is spelled `{}`", m.name),
                    None => format!("`{}` has no such member", e.name),
                };
                let f = RULE
                    .finding(
                        &p.source.file,
                        p.source.line,
                        format!(
                            "`{}` lists possible value `{v}`, which is not a member of `{}`",
                            p.name, e.name
                        ),
                    )
                    .note(format!(
                        "{hint} (members at {}:{})",
                        e.source.file, e.source.line
                    ));
                out.push(place(f, pages, &v, 0));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The values of every "Possible values" sentence of a description.
fn all_possible_values(description: &str) -> Vec<String> {
    let lower = description.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("possible values") {
        let at = from + i;
        out.extend(facts::possible_values(&description[at..]).0);
        from = at + "possible values".len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_every_sentence_are_read() {
        let values =
            all_possible_values("Kind. Possible values are: `a`, `b`. Possible values: `c`.");
        for v in ["a", "b", "c"] {
            assert!(values.iter().any(|x| x == v), "{v} in {values:?}");
        }
        assert!(all_possible_values("No list here.").is_empty());
    }
}
