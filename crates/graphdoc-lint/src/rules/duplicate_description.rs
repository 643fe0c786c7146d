//! GL0007: two rows of one table with the same description.

use super::{Finding, Rule};
use crate::pages::{place, property_tables, Pages};
use graphdoc_docs::cells;
use graphdoc_schema::{Property, Schema, Severity};
use std::collections::HashMap;

/// The GL0007 duplicate-description rule, reported when a property's description is identical to another property's in the same table.
pub const RULE: Rule = Rule {
    code: "GL0007",
    name: "duplicate-description",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "a property's description is identical to another property's in the same table",
    explain: "GL0007 duplicate-description\n\n\
Two rows of one Properties, Relationships or request-body table carry the\n\
same description, word for word: a description copied from the wrong row.\n\
The finding names the other row. Descriptions of\n\
fewer than five words are not compared (\"Not yet documented\", \"For\n\
internal use only.\"), nor rows \"Inherited from\" a base type (reported on\n\
the base type's page). The finding is on the row whose name the text does not\n\
describe: of the words telling the two names apart (`country`, `region` vs\n\
`automatically`, `update`, `apps`), the description must mention a larger\n\
share of one name's than of the other's; when both fit equally (aliases,\n\
deprecated twins) nothing is reported.\n",
    aliases: &["GL007"],
};

/// Identical descriptions within one table, reported on the row the text
/// does not describe.
pub fn check(schema: &Schema, pages: &Pages) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in property_tables(schema) {
        let mut first: HashMap<String, &Property> = HashMap::new();
        for p in table {
            // Fewer than five words are never reported (below): not worth
            // a normalised copy.
            if p.description.split_whitespace().nth(4).is_none() {
                continue;
            }
            let mut normalized = cells::collapse_whitespace(p.description.trim());
            normalized.make_ascii_lowercase();
            // An inherited row repeats the base type's text on every derived
            // page: the base page's own table is where it is reported.
            if normalized.split_whitespace().count() < 5 || normalized.contains("inherited from") {
                continue;
            }
            match first.get(&normalized) {
                // Split pages can repeat a row; only different properties count.
                Some(earlier) if earlier.name != p.name && earlier.source.file == p.source.file => {
                    let Some((wrong, right)) = misfit(earlier, p) else {
                        continue;
                    };
                    let f = RULE
                        .finding(
                            &wrong.source.file,
                            wrong.source.line,
                            format!(
                                "description of `{}` is identical to that of `{}`",
                                wrong.name, right.name
                            ),
                        )
                        .note(format!(
                        "`{}` at line {} has the same text, which speaks of `{}` rather than `{}`",
                        right.name, right.source.line, right.name, wrong.name
                    ));
                    let needle: String = wrong.description.chars().take(40).collect();
                    out.push(place(f, pages, &needle, 0));
                }
                Some(_) => {}
                None => {
                    first.insert(normalized, p);
                }
            }
        }
    }
    out
}

/// Lowercased words of a camelCase name (`countryOrRegion`: country, or,
/// region), without one-letter words.
fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in name.chars() {
        if c.is_uppercase() && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    words.push(current);
    words.retain(|w| w.len() >= 2);
    words
}

/// Of two properties sharing a description, the one the text does not fit
/// and the one it fits. Only the words telling the two names apart count
/// (for `countryOrRegion` and `automaticallyUpdateApps` all of them; for
/// `ownerType` and `managedDeviceOwnerType` only managed and device); a
/// name word fits when a word of the description starts with it. `None`
/// when the text fits both equally: aliases and deprecated twins share a
/// description on purpose.
fn misfit<'a>(a: &'a Property, b: &'a Property) -> Option<(&'a Property, &'a Property)> {
    let text: Vec<String> = a
        .description
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let (wa, wb) = (name_words(&a.name), name_words(&b.name));
    let only_a: Vec<&String> = wa.iter().filter(|w| !wb.contains(w)).collect();
    let only_b: Vec<&String> = wb.iter().filter(|w| !wa.contains(w)).collect();
    if only_a.is_empty() || only_b.is_empty() {
        return None;
    }
    let fit = |words: &[&String]| {
        let found = words
            .iter()
            .filter(|w| text.iter().any(|t| t.starts_with(w.as_str())))
            .count();
        found as f64 / words.len() as f64
    };
    let (fa, fb) = (fit(&only_a), fit(&only_b));
    if fa < fb {
        Some((a, b))
    } else if fb < fa {
        Some((b, a))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::tests::prop;

    #[test]
    fn misfit_picks_the_row_the_text_does_not_describe() {
        let text =
            "Indicates whether apps bought with this VPP token are kept up to date automatically.";
        let (a, b) = (
            prop("automaticallyUpdateApps", text),
            prop("countryOrRegion", text),
        );
        let (wrong, right) = misfit(&a, &b).unwrap();
        assert_eq!(
            (wrong.name.as_str(), right.name.as_str()),
            ("countryOrRegion", "automaticallyUpdateApps")
        );
        // Aliases: the distinguishing words fit equally (here: not at all).
        let text = "Ownership of the device. Can be 'company' or 'personal'.";
        assert!(misfit(
            &prop("ownerType", text),
            &prop("managedDeviceOwnerType", text)
        )
        .is_none());
        let text = "Type of Role. Set to True if it is built-in.";
        assert!(misfit(
            &prop("isBuiltIn", text),
            &prop("isBuiltInRoleDefinition", text)
        )
        .is_none());
    }

    #[test]
    fn name_words_split_camel_case() {
        assert_eq!(name_words("countryOrRegion"), ["country", "or", "region"]);
        assert_eq!(name_words("aBc"), ["bc"]);
    }
}
