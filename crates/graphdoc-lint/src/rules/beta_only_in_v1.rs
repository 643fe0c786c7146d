//! GL0018: a v1.0 page documents a type, property or enum member that only
//! beta has (the "GA safety net").

use super::{Finding, Rule};
use graphdoc_schema::{Schema, Severity};
use std::collections::{HashMap, HashSet};

/// The GL0018 rule: a v1.0 page documents a property, member or type that only beta has (the GA safety net).
pub const RULE: Rule = Rule {
    code: "GL0018",
    name: "beta-only-in-v1",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "a v1.0 page documents a type, property or enum member that only beta has",
    explain: "GL0018 beta-only-in-v1\n\n\
The \"GA safety net\": a v1.0 page documents a type, a property or an enum\n\
member that the v1.0 service metadata does not have, and that the beta docs\n\
document. That is a beta feature described as generally available, usually\n\
a row or page copied from beta before the feature shipped in v1.0; clients\n\
that follow the page get an error from the v1.0 endpoint.\n\n\
Runs when both versions are linted and `--metadata` gives the v1.0 metadata\n\
(the docs alone cannot tell what v1.0 has). Only property rows of a type's\n\
own page count (not properties graphdoc infers from request paths), and an\n\
enum the docs give for a property the metadata types as a String is their\n\
way of listing its values, not a beta enum. Items missing from the metadata\n\
that beta does not document either are GL0013's findings only; this rule is\n\
the part of them that is a leak from beta. Type and property names are\n\
compared ignoring case, enum members exactly.\n\n\
Fix: remove the item from the v1.0 page (or, if the feature did ship,\n\
update the metadata the check is given).\n",
    aliases: &["GL018"],
};

/// What the v1.0 docs (`v1`) define that the v1.0 `metadata` lacks and
/// the `beta` docs define (names compared ignoring case): types, enums,
/// the property rows of a type's own page (with its inherited properties
/// in the metadata), and enum members.
pub fn check(v1: &Schema, metadata: &Schema, beta: &Schema) -> Vec<Finding> {
    let meta = Names::of(metadata);
    let beta_names = Names::of(beta);
    let stand_ins = enum_stand_ins(v1, metadata, &meta);
    let mut out = Vec::new();
    let mut report = |what: &str, item: String, file: &str, line: u32| {
        out.push(
            RULE.finding(
                file,
                line,
                format!("v1.0 documents {what} `{item}`, which only beta has"),
            )
            .note("the v1.0 metadata does not have it; the beta docs document it")
            .about(item)
            .keyed(what),
        );
    };
    for (key, t) in &v1.types {
        let Some(meta_key) = meta.types.get(&key.to_ascii_lowercase()) else {
            if beta_names.types.contains_key(&key.to_ascii_lowercase()) {
                report("type", key.clone(), &t.source.file, t.source.line);
            }
            continue;
        };
        let meta_props = metadata.flattened_properties(meta_key);
        let beta_props = beta_names
            .types
            .get(&key.to_ascii_lowercase())
            .map(|k| beta.flattened_properties(k))
            .unwrap_or_default();
        for p in t
            .properties
            .iter()
            .filter(|p| p.source.file == t.source.file)
        {
            let has = |props: &[&graphdoc_schema::Property]| {
                props.iter().any(|q| q.name.eq_ignore_ascii_case(&p.name))
            };
            if !has(&meta_props) && has(&beta_props) {
                report(
                    "property",
                    format!("{key}/{}", p.name),
                    &p.source.file,
                    p.source.line,
                );
            }
        }
    }
    for (key, e) in &v1.enums {
        let lower = key.to_ascii_lowercase();
        let Some(meta_key) = meta.enums.get(&lower) else {
            if beta_names.enums.contains_key(&lower) && !stand_ins.contains(&lower) {
                report("enum", key.clone(), &e.source.file, e.source.line);
            }
            continue;
        };
        let meta_enum = &metadata.enums[*meta_key];
        let Some(beta_enum) = beta_names.enums.get(&lower).map(|k| &beta.enums[*k]) else {
            continue;
        };
        for m in &e.members {
            let in_meta = meta_enum.members.iter().any(|x| x.name == m.name);
            if !in_meta && beta_enum.members.iter().any(|x| x.name == m.name) {
                report(
                    "enum member",
                    format!("{key}/{}", m.name),
                    &m.source.file,
                    m.source.line,
                );
            }
        }
    }
    out.sort();
    out
}

/// A schema's type and enum names by their lower case.
struct Names<'a> {
    types: HashMap<String, &'a str>,
    enums: HashMap<String, &'a str>,
}

impl<'a> Names<'a> {
    fn of(schema: &'a Schema) -> Self {
        let by_lower = |keys: &mut dyn Iterator<Item = &'a String>| {
            keys.map(|k| (k.to_ascii_lowercase(), k.as_str())).collect()
        };
        Names {
            types: by_lower(&mut schema.types.keys()),
            enums: by_lower(&mut schema.enums.keys()),
        }
    }
}

/// Enums of the docs (lower case) that stand in for the values of a
/// property the metadata types otherwise (a String with a table of
/// values): the docs' presentation, not something beta added.
fn enum_stand_ins(v1: &Schema, metadata: &Schema, meta: &Names<'_>) -> HashSet<String> {
    let mut out = HashSet::new();
    for (key, t) in &v1.types {
        let Some(meta_key) = meta.types.get(&key.to_ascii_lowercase()) else {
            continue;
        };
        let meta_props = metadata.flattened_properties(meta_key);
        for p in &t.properties {
            let lower = p.ty.name.to_ascii_lowercase();
            if v1.enums.contains_key(&p.ty.name)
                && !meta.enums.contains_key(&lower)
                && meta_props
                    .iter()
                    .any(|q| q.name.eq_ignore_ascii_case(&p.name))
            {
                out.insert(lower);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::tests::prop;
    use graphdoc_schema::{EnumDef, EnumMember, Source, TypeDef, TypeKind};

    fn schema(props: &[&str], members: &[&str], extra_type: bool) -> Schema {
        let mut s = Schema::default();
        let mut t = TypeDef::new(
            "x",
            "microsoft.graph",
            TypeKind::Complex,
            Source::new("x.md", 1),
        );
        for (i, name) in props.iter().enumerate() {
            let mut p = prop(name, "");
            p.source = Source::new("x.md", 10 + i as u32);
            t.properties.push(p);
        }
        s.types.insert(t.qualified_name(), t);
        if extra_type {
            let t = TypeDef::new(
                "y",
                "microsoft.graph",
                TypeKind::Complex,
                Source::new("y.md", 1),
            );
            s.types.insert(t.qualified_name(), t);
        }
        let mut e = EnumDef {
            name: "e".into(),
            namespace: "microsoft.graph".into(),
            is_flags: false,
            description: String::new(),
            members: Vec::new(),
            source: Source::new("e.md", 1),
        };
        for (i, name) in members.iter().enumerate() {
            e.members.push(EnumMember {
                name: name.to_string(),
                value: None,
                description: String::new(),
                source: Source::new("e.md", 5 + i as u32),
            });
        }
        s.enums.insert(e.qualified_name(), e);
        s
    }

    #[test]
    fn what_v1_documents_beyond_its_metadata_is_reported_only_when_beta_has_it() {
        let metadata = schema(&["a"], &["one"], false);
        let v1 = schema(&["a", "fromBeta", "typo"], &["one", "two", "three"], true);
        let beta = schema(&["a", "FROMBETA"], &["one", "two"], true);
        let found: Vec<String> = check(&v1, &metadata, &beta)
            .iter()
            .map(|f| f.to_string())
            .collect();
        assert_eq!(
            found,
            [
                "e.md:6: warning[GL0018]: v1.0 documents enum member `microsoft.graph.e/two`, which only beta has",
                "x.md:11: warning[GL0018]: v1.0 documents property `microsoft.graph.x/fromBeta`, which only beta has",
                "y.md:1: warning[GL0018]: v1.0 documents type `microsoft.graph.y`, which only beta has",
            ]
        );
    }
}
