//! Names as the docs write them, resolved to the types and enums a version
//! defines: the one resolver the front-end (type cells, base types,
//! annotations) and the samples checker (`@odata.type`, placeholders) share.
//!
//! The docs' case varies (`microsoft.graph.User`, `Microsoft.Graph.user`)
//! and they often leave the namespace out, so a name is matched
//! case-insensitively, relative to the namespace of the page it is written
//! on, then to `microsoft.graph`, and last as a simple name that only one
//! namespace defines.

use crate::{Schema, DEFAULT_NAMESPACE};
use std::collections::HashMap;

/// What a qualified name is the name of.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Defined {
    /// An entity or complex type.
    Type,
    /// An enum type.
    Enum,
}

/// Every type and enum of one version, by every name the docs use for it.
#[derive(Debug, Default)]
pub struct Names {
    /// lowercase qualified name → (qualified name, what)
    qualified: HashMap<String, (String, Defined)>,
    /// lowercase simple name → qualified names
    simple: HashMap<String, Vec<String>>,
}

impl Names {
    /// The names of a schema's types and enums (an enum named like a type,
    /// whatever the case, is left out: the type wins).
    pub fn of(schema: &Schema) -> Names {
        let mut names = Names::default();
        for (q, t) in &schema.types {
            names.add(q, &t.name, Defined::Type);
        }
        for (q, e) in &schema.enums {
            if names.get(q).is_none() {
                names.add(q, &e.name, Defined::Enum);
            }
        }
        names
    }

    /// Adds an item by its qualified and simple names. Of two qualified
    /// names that differ only in case, the first one added is kept.
    pub fn add(&mut self, qualified: &str, simple: &str, what: Defined) {
        self.qualified
            .entry(qualified.to_ascii_lowercase())
            .or_insert_with(|| (qualified.to_string(), what));
        let names = self.simple.entry(simple.to_ascii_lowercase()).or_default();
        if !names.iter().any(|n| n == qualified) {
            names.push(qualified.to_string());
        }
    }

    /// The item of a qualified name, in any case.
    pub fn get(&self, qualified: &str) -> Option<&(String, Defined)> {
        self.qualified.get(&qualified.to_ascii_lowercase())
    }

    /// Resolves a name as written on a page in `namespace`: qualified
    /// (`microsoft.graph.User`), relative to the page's namespace or to
    /// `microsoft.graph` (`callRecords.session`, `user`), `graph.user`, or a
    /// simple name only one namespace defines.
    pub fn resolve(&self, name: &str, namespace: &str) -> Option<&(String, Defined)> {
        let lower = name.to_ascii_lowercase();
        if lower.contains('.') {
            if let Some(hit) = self.qualified.get(&lower) {
                return Some(hit);
            }
            for prefix in [namespace, DEFAULT_NAMESPACE] {
                if let Some(hit) = self.get(&format!("{prefix}.{lower}")) {
                    return Some(hit);
                }
            }
            if let Some(rest) = lower.strip_prefix("graph.") {
                return self.get(&format!("{DEFAULT_NAMESPACE}.{rest}"));
            }
            return None;
        }
        for ns in [namespace, DEFAULT_NAMESPACE] {
            if let Some(hit) = self.get(&format!("{ns}.{lower}")) {
                return Some(hit);
            }
        }
        match self.simple.get(&lower).map(Vec::as_slice) {
            Some([only]) => self.get(only),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EnumDef, Source, TypeDef, TypeKind};

    fn schema() -> Schema {
        let mut schema = Schema::default();
        for (ns, name) in [
            (DEFAULT_NAMESPACE, "user"),
            (DEFAULT_NAMESPACE, "session"),
            ("microsoft.graph.callRecords", "session"),
            ("microsoft.graph.callRecords", "segment"),
            (DEFAULT_NAMESPACE, "status"),
        ] {
            let t = TypeDef::new(name, ns, TypeKind::Complex, Source::new("x.md", 1));
            schema.types.insert(t.qualified_name(), t);
        }
        for name in ["status", "color"] {
            let e = EnumDef {
                name: name.to_string(),
                namespace: DEFAULT_NAMESPACE.to_string(),
                is_flags: false,
                description: String::new(),
                members: Vec::new(),
                source: Source::new("enums.md", 1),
            };
            schema.enums.insert(e.qualified_name(), e);
        }
        schema
    }

    fn found(names: &Names, name: &str, namespace: &str) -> Option<(String, Defined)> {
        names.resolve(name, namespace).cloned()
    }

    #[test]
    fn names_resolve_qualified_relative_or_by_a_unique_simple_name() {
        let names = Names::of(&schema());
        let graph = DEFAULT_NAMESPACE;
        let records = "microsoft.graph.callRecords";
        let ty = |q: &str| Some((q.to_string(), Defined::Type));
        assert_eq!(
            found(&names, "Microsoft.Graph.User", graph),
            ty("microsoft.graph.user")
        );
        assert_eq!(
            found(&names, "graph.user", records),
            ty("microsoft.graph.user")
        );
        // The page's namespace first, then microsoft.graph.
        assert_eq!(
            found(&names, "session", records),
            ty("microsoft.graph.callRecords.session")
        );
        assert_eq!(
            found(&names, "session", graph),
            ty("microsoft.graph.session")
        );
        assert_eq!(
            found(&names, "callRecords.segment", graph),
            ty("microsoft.graph.callRecords.segment")
        );
        // A simple name defined in one namespace only is found from any.
        assert_eq!(
            found(&names, "Segment", graph),
            ty("microsoft.graph.callRecords.segment")
        );
        assert_eq!(found(&names, "nothing", graph), None);
        assert_eq!(found(&names, "other.user", graph), None);
    }

    #[test]
    fn enums_resolve_too_but_a_type_wins_over_an_enum_of_its_name() {
        let names = Names::of(&schema());
        assert_eq!(
            found(&names, "color", DEFAULT_NAMESPACE),
            Some(("microsoft.graph.color".to_string(), Defined::Enum))
        );
        assert_eq!(
            found(&names, "STATUS", DEFAULT_NAMESPACE),
            Some(("microsoft.graph.status".to_string(), Defined::Type))
        );
    }

    #[test]
    fn of_two_names_differing_in_case_the_first_added_is_kept() {
        let mut names = Names::default();
        names.add("ns.Item", "Item", Defined::Type);
        names.add("ns.item", "item", Defined::Enum);
        assert_eq!(
            names.get("NS.ITEM"),
            Some(&("ns.Item".to_string(), Defined::Type))
        );
        // Two simple names that differ only in case are not unique.
        assert_eq!(names.resolve("item", "other"), None);
    }
}
