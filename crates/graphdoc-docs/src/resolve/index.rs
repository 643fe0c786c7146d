//! What one version defines, by every name the docs use for it, and the
//! `Resolver` that turns a type cell into a `TypeRef` (reporting a name no
//! page defines).

use crate::page::{codes, RawType};
use crate::types::{CellType, TypeName};
use graphdoc_schema::names::Names;
use graphdoc_schema::{qualify, Diagnostic, EnumDef, Severity, Source, TypeRef};
use std::collections::{BTreeMap, HashMap};

pub(super) use graphdoc_schema::names::Defined;

/// The names of every type and enum (`graphdoc_schema::names`, the resolver
/// the samples checker uses too) and the pages that define them.
pub(super) struct Index {
    names: Names,
    /// lowercase page file name → qualified names defined on that page
    pages: HashMap<String, Vec<String>>,
}

impl Index {
    /// Indexes every type and enum; an enum with a type's name is reported
    /// and left out.
    pub(super) fn new(
        types: &BTreeMap<String, RawType>,
        enums: &BTreeMap<String, EnumDef>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut index = Index {
            names: Names::default(),
            pages: HashMap::new(),
        };
        for (q, t) in types {
            index.add(q, &t.name, Defined::Type, &t.source.file);
        }
        for (q, e) in enums {
            if index.names.get(q).is_some() {
                diagnostics.push(Diagnostic::new(
                    &e.source,
                    Severity::Warning,
                    codes::DUPLICATE_DEFINITION,
                    format!("`{q}` is defined both as a type and as an enum"),
                ));
                continue;
            }
            index.add(q, &e.name, Defined::Enum, &e.source.file);
        }
        index
    }

    fn add(&mut self, qualified: &str, simple: &str, what: Defined, file: &str) {
        self.names.add(qualified, simple, what);
        self.pages
            .entry(page_key(file))
            .or_default()
            .push(qualified.to_string());
    }

    /// Resolves a name as written in the docs, from a page in `namespace`.
    pub(super) fn resolve_name(&self, name: &str, namespace: &str) -> Option<&(String, Defined)> {
        self.names.resolve(name, namespace)
    }

    /// A cell's type resolved without reporting anything: for evidence
    /// gathered before properties are resolved (and reported) in order.
    pub(super) fn resolve_cell(
        &self,
        cell: &CellType,
        namespace: &str,
    ) -> Option<&(String, Defined)> {
        match &cell.name {
            TypeName::Primitive(_) => None,
            TypeName::Named(n) => (!n.is_empty())
                .then(|| self.resolve_name(n, namespace))
                .flatten()
                .or_else(|| cell.link.as_deref().and_then(|l| self.resolve_link(l))),
        }
    }

    /// The type a cell names when it is a primitive or a type this version
    /// defines, without reporting anything; otherwise the name it gives
    /// (`Resolver::type_ref` reports it).
    pub(super) fn known_type_ref<'c>(
        &self,
        cell: &'c CellType,
        namespace: &str,
    ) -> Result<(TypeRef, Option<Defined>), &'c String> {
        match &cell.name {
            TypeName::Primitive(edm) => Ok((TypeRef::new(*edm, cell.collection), None)),
            TypeName::Named(name) => self
                .resolve_cell(cell, namespace)
                .map(|(q, defined)| (TypeRef::new(q.clone(), cell.collection), Some(*defined)))
                .ok_or(name),
        }
    }

    /// The item defined by the page a link points at, when it defines one.
    fn resolve_link(&self, target: &str) -> Option<&(String, Defined)> {
        match self.pages.get(&page_key(target)).map(Vec::as_slice) {
            Some([only]) => self.names.get(only),
            _ => None,
        }
    }
}

pub(super) struct Resolver<'a> {
    pub(super) index: &'a Index,
    pub(super) diagnostics: &'a mut Vec<Diagnostic>,
}

impl Resolver<'_> {
    /// Resolves a cell's type; reports a name no page defines.
    pub(super) fn type_ref(
        &mut self,
        cell: &CellType,
        namespace: &str,
        source: &Source,
        what: &str,
    ) -> (TypeRef, Option<Defined>) {
        let name = match self.index.known_type_ref(cell, namespace) {
            Ok(known) => return known,
            Err(unknown) => unknown,
        };
        let shown = if name.is_empty() {
            cell.link.clone().unwrap_or_default()
        } else {
            name.clone()
        };
        self.diagnostics.push(Diagnostic::new(
            source,
            Severity::Warning,
            codes::UNKNOWN_TYPE,
            format!("{what} refers to type `{shown}`, which no page of this version defines"),
        ));
        let qualified = if name.is_empty() {
            qualify(namespace, "unknown")
        } else if name.contains('.') {
            name.clone()
        } else {
            qualify(namespace, name)
        };
        (TypeRef::new(qualified, cell.collection), None)
    }

    /// `type_ref` for a type read from a sentence's link. A link whose text
    /// names no type and whose page defines none ("see [common Planner error
    /// conditions](planner-overview.md#…)", "[get the status of the copy
    /// operation](onenoteoperation-get.md)") makes no claim about types: no
    /// type, and no warning.
    pub(super) fn claimed_type_ref(
        &mut self,
        cell: &CellType,
        namespace: &str,
        source: &Source,
        what: &str,
    ) -> Option<TypeRef> {
        match self.index.known_type_ref(cell, namespace) {
            Ok((known, _)) => Some(known),
            Err(name) if name.is_empty() => None,
            Err(_) => Some(self.type_ref(cell, namespace, source, what).0),
        }
    }
}

/// `../resources/Intune-X.md#anchor` → `intune-x.md`.
pub(super) fn page_key(path: &str) -> String {
    let no_anchor = path.split(['#', '?']).next().unwrap_or(path);
    no_anchor
        .rsplit('/')
        .next()
        .unwrap_or(no_anchor)
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::fixtures::{by_name, index_of, named, q, raw_type};
    use graphdoc_schema::{EnumMember, Severity, DEFAULT_NAMESPACE};

    fn in_namespace(name: &str, namespace: &str) -> RawType {
        RawType {
            namespace: namespace.to_string(),
            ..raw_type(name)
        }
    }

    fn types() -> BTreeMap<String, RawType> {
        by_name(vec![
            raw_type("user"),
            raw_type("session"),
            in_namespace("session", "microsoft.graph.callRecords"),
            in_namespace("segment", "microsoft.graph.callRecords"),
        ])
    }

    #[test]
    fn names_resolve_through_the_schemas_resolver() {
        // The rules themselves are graphdoc_schema::names's tests.
        let index = index_of(&types());
        let found = |name: &str, namespace: &str| {
            index.resolve_name(name, namespace).map(|(q, _)| q.clone())
        };
        assert_eq!(
            found("session", "microsoft.graph.callRecords"),
            Some("microsoft.graph.callRecords.session".to_string())
        );
        assert_eq!(
            found("segment", DEFAULT_NAMESPACE),
            Some("microsoft.graph.callRecords.segment".to_string())
        );
        assert_eq!(found("nothing", DEFAULT_NAMESPACE), None);
    }

    #[test]
    fn a_link_names_what_its_page_defines() {
        let index = index_of(&types());
        let linked = |target: &str| CellType {
            link: Some(target.to_string()),
            ..named("")
        };
        let hit = index.resolve_cell(
            &linked("../resources/User.md#properties"),
            DEFAULT_NAMESPACE,
        );
        assert_eq!(hit.map(|(q, _)| q.as_str()), Some("microsoft.graph.user"));
        assert!(index
            .resolve_cell(&linked("overview.md"), DEFAULT_NAMESPACE)
            .is_none());
        assert_eq!(page_key("../resources/Intune-X.md#anchor"), "intune-x.md");
        assert_eq!(page_key("x.md?view=graph-rest-1.0"), "x.md");
    }

    #[test]
    fn an_enum_named_like_a_type_is_reported_and_left_out() {
        let types = by_name(vec![raw_type("status")]);
        let status = EnumDef {
            name: "status".to_string(),
            namespace: DEFAULT_NAMESPACE.to_string(),
            is_flags: false,
            description: String::new(),
            members: vec![EnumMember {
                name: "on".to_string(),
                value: None,
                description: String::new(),
                source: Source::new("status-enum.md", 5),
            }],
            source: Source::new("status-enum.md", 1),
        };
        let enums = BTreeMap::from([(q("status"), status)]);
        let mut diagnostics = Vec::new();
        let index = Index::new(&types, &enums, &mut diagnostics);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, codes::DUPLICATE_DEFINITION);
        assert_eq!(diagnostics[0].file, "status-enum.md");
        assert_eq!(
            index.resolve_name("status", DEFAULT_NAMESPACE),
            Some(&(q("status"), Defined::Type))
        );
    }

    #[test]
    fn an_unknown_name_is_reported_and_kept_in_the_pages_namespace() {
        let index = index_of(&types());
        let mut diagnostics = Vec::new();
        let mut resolver = Resolver {
            index: &index,
            diagnostics: &mut diagnostics,
        };
        let source = Source::new("x.md", 7);
        let (r, defined) = resolver.type_ref(
            &named("widget"),
            "microsoft.graph.callRecords",
            &source,
            "property `w` of `x`",
        );
        assert_eq!(
            (r.name.as_str(), defined),
            ("microsoft.graph.callRecords.widget", None)
        );
        let (known, defined) = resolver.type_ref(&named("user"), DEFAULT_NAMESPACE, &source, "p");
        assert_eq!(
            (known.name.as_str(), defined),
            ("microsoft.graph.user", Some(Defined::Type))
        );
        assert_eq!(diagnostics.len(), 1);
        let d = &diagnostics[0];
        assert_eq!(
            (d.code.as_str(), d.severity, d.line),
            (codes::UNKNOWN_TYPE, Severity::Warning, 7)
        );
        assert!(
            d.message
                .contains("property `w` of `x` refers to type `widget`"),
            "{}",
            d.message
        );
    }

    #[test]
    fn a_link_that_names_no_type_claims_none() {
        let index = index_of(&types());
        let mut diagnostics = Vec::new();
        let mut resolver = Resolver {
            index: &index,
            diagnostics: &mut diagnostics,
        };
        let source = Source::new("api/x.md", 1);
        let article = CellType {
            link: Some("planner-overview.md#errors".to_string()),
            ..named("")
        };
        assert_eq!(
            resolver.claimed_type_ref(&article, DEFAULT_NAMESPACE, &source, "response"),
            None
        );
        let unknown =
            resolver.claimed_type_ref(&named("gadget"), DEFAULT_NAMESPACE, &source, "response");
        assert_eq!(unknown.map(|t| t.name), Some(q("gadget")));
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, [codes::UNKNOWN_TYPE]);
    }
}
