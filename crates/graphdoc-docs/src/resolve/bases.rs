//! Base types: what each page states, then evidence from other pages for a
//! base left unstated, in order of trust (see ARCHITECTURE.md, "Base types").

use super::index::{Defined, Index, Resolver};
use super::kinds::Identity;
use super::paths::{PathIndex, StartCache};
use crate::page::{codes, RawOperation, RawType};
use crate::types::{CellType, TypeName};
use graphdoc_schema::{qualify, BaseTypeFrom, Diagnostic, Severity, Source, DEFAULT_NAMESPACE};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

type Types = BTreeMap<String, RawType>;

/// Base types as decided so far (`None`: none stated yet), and for each one
/// set, what says so: the two change together.
#[derive(Default)]
pub(super) struct Bases {
    of: HashMap<String, Option<String>>,
    pub(super) from: HashMap<String, BaseTypeFrom>,
}

impl Bases {
    /// What the type's own page states (maybe nothing).
    pub(super) fn stated(&mut self, q: String, base: Option<String>, by: Option<BaseTypeFrom>) {
        if let (Some(_), Some(by)) = (&base, by) {
            self.from.insert(q.clone(), by);
        }
        self.of.insert(q, base);
    }

    pub(super) fn set(&mut self, q: String, base: String, by: BaseTypeFrom) {
        self.from.insert(q.clone(), by);
        self.of.insert(q, Some(base));
    }

    /// `q`'s base is still unstated, and its page does not state that it
    /// has none (`"baseType": null`): evidence from elsewhere may fill it in.
    pub(super) fn unstated(&self, types: &Types, q: &str) -> bool {
        self.of.get(q).is_some_and(Option::is_none)
            && types.get(q).is_some_and(|t| !t.states_no_base)
    }
}

/// Read as the map of bases wherever only the bases matter.
impl std::ops::Deref for Bases {
    type Target = HashMap<String, Option<String>>;

    fn deref(&self) -> &Self::Target {
        &self.of
    }
}

/// The chain of bases above `q`, nearest first; stops at a cycle.
pub(super) fn ancestors(bases: &HashMap<String, Option<String>>, q: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = bases.get(q).cloned().flatten();
    while let Some(b) = cur {
        if b == q || out.contains(&b) {
            break;
        }
        cur = bases.get(&b).cloned().flatten();
        out.push(b);
    }
    out
}

fn entity() -> String {
    qualify(DEFAULT_NAMESPACE, "entity")
}

/// What each type's own page states (annotation or prose), resolved; a base
/// no page defines is kept as written (and reported).
pub(super) fn stated(types: &Types, resolver: &mut Resolver) -> Bases {
    let mut bases = Bases::default();
    for (q, t) in types {
        let base = t.base.as_ref().and_then(|b| {
            let (r, defined) = resolver.type_ref(
                b,
                &t.namespace,
                &t.source,
                &format!("base type of `{}`", t.name),
            );
            match defined {
                Some(Defined::Type) if r.name != *q => Some(r.name),
                Some(_) => None,
                None => Some(r.name),
            }
        });
        bases.stated(q.clone(), base, t.base_stated_by);
    }
    bases
}

/// A "Derived types" section or sentence names the base of types whose own
/// page states none.
pub(super) fn from_derived_types(bases: &mut Bases, types: &Types, index: &Index) {
    for (q, t) in types {
        for child in &t.derived {
            if let Some((r, Defined::Type)) = index.resolve_cell(child, &t.namespace) {
                if r != q && bases.unstated(types, r) && !ancestors(bases, q).contains(r) {
                    bases.set(r.clone(), q.clone(), BaseTypeFrom::DerivedTypes);
                }
            }
        }
    }
}

/// A row "Inherited from [x]" names an ancestor when the page states no
/// base.
pub(super) fn from_inherited_rows(bases: &mut Bases, types: &Types, index: &Index) {
    let entity = entity();
    for (q, t) in types {
        if !bases.unstated(types, q) || q == &entity {
            continue;
        }
        // Only a type the version defines: "inherited from a parent scope"
        // is prose, not a claim about types, and not worth a warning.
        if let Some(from_row) = inherited_from_rows(t) {
            if let Some((r, Defined::Type)) = index.resolve_cell(&from_row, &t.namespace) {
                if r != q && !ancestors(bases, r).contains(q) {
                    bases.set(q.clone(), r.clone(), BaseTypeFrom::InheritedRow);
                }
            }
        }
    }
}

/// An API page that says it returns `B` and shows an object of type `T` in
/// its response example tells that `T` is a `B`; so does a response whose
/// `Location` header puts the `T` it returns in a collection of `B`.
pub(super) fn from_responses(
    bases: &mut Bases,
    types: &Types,
    ops: &[RawOperation],
    paths: &PathIndex,
    index: &Index,
) {
    let located = bases_from_locations(ops, paths, bases, index);
    let shown = bases_from_examples(ops, index)
        .into_iter()
        .map(|(t, b)| (t, b, BaseTypeFrom::ResponseExample));
    let located = located
        .into_iter()
        .map(|(t, b)| (t, b, BaseTypeFrom::LocationHeader));
    for (t, b, by) in shown.chain(located) {
        if bases.unstated(types, &t) && !ancestors(bases, &b).contains(&t) {
            bases.set(t, b, by);
        }
    }
}

/// Last, the same type's page in the other version of the tree, for a base
/// still unstated: pages of one type are often edited in one version only
/// ("This type inherits from [identity]" in beta alone). Its base is taken
/// only when this version defines it too.
pub(super) fn from_other_version(
    bases: &mut Bases,
    types: &Types,
    companion: crate::Companion,
    index: &Index,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let entity = entity();
    let wanted: Vec<(&String, &RawType)> = types
        .iter()
        .filter(|(q, _)| bases.unstated(types, q) && q.as_str() != entity)
        .collect();
    let found: Vec<(String, CellType, String, Source)> = wanted
        .par_iter()
        .filter_map(|(q, t)| {
            companion(&t.source.file)
                .into_iter()
                .flat_map(|items| items.types)
                .find(|other| {
                    qualify(&other.namespace, &other.name).eq_ignore_ascii_case(q)
                        && other.base.is_some()
                })
                .and_then(|other| Some(((*q).clone(), other.base?, other.namespace, other.source)))
        })
        .collect();
    for (q, cell, namespace, from) in found {
        let Some((b, Defined::Type)) = index.resolve_cell(&cell, &namespace) else {
            continue;
        };
        if b != &q && bases.unstated(types, &q) && !ancestors(bases, b).contains(&q) {
            diagnostics.push(Diagnostic::new(
                &types[&q].source,
                Severity::Note,
                codes::BASE_FROM_OTHER_VERSION,
                format!("base type of `{q}` is not stated on this page; read `{b}` from {from}"),
            ));
            bases.set(q, b.clone(), BaseTypeFrom::OtherVersion);
        }
    }
}

/// Graph's addressable types derive from `entity` (which holds `id`) unless
/// a page says otherwise.
pub(super) fn from_identity(bases: &mut Bases, types: &Types, identity: &Identity) {
    let entity = entity();
    let entity_is_keyed = types.get(&entity).is_some_and(|e| e.key.is_some());
    for q in types.keys() {
        let key = identity.key(q);
        if bases.unstated(types, q)
            && q != &entity
            && entity_is_keyed
            && (key == Some("id") || identity.has_identity(types, q) && key.is_none())
        {
            bases.set(q.clone(), entity.clone(), BaseTypeFrom::Addressable);
        }
    }
}

/// The annotation and the prose name different bases. When the annotation's
/// is an ancestor of the prose's, both hold and the prose names the nearer
/// one (`"baseType": "microsoft.graph.entity"` over "Inherits from
/// [directoryObject]"); otherwise the annotation stands.
pub(super) fn prose_against_annotation(
    bases: &mut Bases,
    types: &Types,
    index: &Index,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (q, t) in types {
        let (Some(cell), Some(stated)) = (&t.base_in_prose, bases[q].clone()) else {
            continue;
        };
        let Some((prose, Defined::Type)) = index.resolve_cell(cell, &t.namespace) else {
            continue;
        };
        if prose == &stated || prose == q {
            continue;
        }
        let above = ancestors(bases, prose);
        let (severity, message) = if above.contains(&stated) && !above.contains(q) {
            bases.set(q.clone(), prose.clone(), BaseTypeFrom::Prose);
            (
                Severity::Note,
                format!("the annotation names `{stated}` as the base type of `{}` and the text names `{prose}`, which derives from it: read `{prose}`", t.name),
            )
        } else {
            (
                Severity::Warning,
                format!("the annotation names `{stated}` as the base type of `{}` but the text names `{prose}`; the annotation is kept", t.name),
            )
        };
        diagnostics.push(Diagnostic::new(
            &t.source,
            severity,
            codes::BASE_STATED_TWICE,
            message,
        ));
    }
}

/// "Inherited from [entity](entity.md)" in a row's description.
fn inherited_from_rows(t: &RawType) -> Option<CellType> {
    t.properties.iter().find_map(|p| {
        // Lowercasing every description would cost more than the search.
        if !(p.description.contains("nherited") || p.description.contains("NHERITED")) {
            return None;
        }
        let lower = p.description.to_ascii_lowercase();
        let at = lower.find("inherited from ")? + "inherited from ".len();
        let word: String = p.description[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
            .collect();
        let word = word.trim_end_matches('.').to_string();
        crate::types::is_type_identifier(&word).then_some(CellType {
            name: TypeName::Named(word),
            collection: false,
            link: None,
            alias_of: None,
        })
    })
}

/// (T, B) pairs: an API page says it returns `B` and its response example
/// shows a `T` (`"@odata.type": "#microsoft.graph.T"` on the returned
/// object or on the items of `value`). A type shown under several bases is
/// left out.
fn bases_from_examples(ops: &[RawOperation], index: &Index) -> Vec<(String, String)> {
    let mut seen: BTreeMap<String, Option<String>> = BTreeMap::new();
    for raw in ops {
        let Some(cell) = &raw.response_type else {
            continue;
        };
        let Some((b, Defined::Type)) = index.resolve_cell(cell, DEFAULT_NAMESPACE) else {
            continue;
        };
        for shown in &raw.response_shows {
            let name = shown.trim_start_matches('#');
            let Some((t, Defined::Type)) = index.resolve_name(name, DEFAULT_NAMESPACE) else {
                continue;
            };
            if t == b {
                continue;
            }
            match seen.get_mut(t) {
                None => {
                    seen.insert(t.clone(), Some(b.clone()));
                }
                Some(slot) => {
                    if slot.as_ref() != Some(b) {
                        *slot = None;
                    }
                }
            }
        }
    }
    seen.into_iter()
        .filter_map(|(t, b)| Some((t, b?)))
        .collect()
}

/// (T, B) pairs: a response's `Location` header puts the object it returns,
/// a `T`, at a path whose last step is a member of a collection of `B`
/// (`/communications/calls/{id}/operations/{id}`, `operations` being a
/// `commsOperation` collection): `T` is a `B`. A path that cannot be
/// followed to one type tells nothing; a type placed under several bases is
/// left out.
fn bases_from_locations(
    ops: &[RawOperation],
    paths: &PathIndex,
    bases: &HashMap<String, Option<String>>,
    index: &Index,
) -> Vec<(String, String)> {
    let mut seen: BTreeMap<String, Option<String>> = BTreeMap::new();
    let cache = StartCache::default();
    for (path, shown) in ops.iter().flat_map(|o| &o.created_at) {
        let Some(b) = paths.member_type_at(path, bases, &cache) else {
            continue;
        };
        let Some((t, Defined::Type)) =
            index.resolve_name(shown.trim_start_matches('#'), DEFAULT_NAMESPACE)
        else {
            continue;
        };
        if *t == b {
            continue;
        }
        match seen.get_mut(t) {
            None => {
                seen.insert(t.clone(), Some(b));
            }
            Some(slot) => {
                if slot.as_ref() != Some(&b) {
                    *slot = None;
                }
            }
        }
    }
    seen.into_iter()
        .filter_map(|(t, b)| Some((t, b?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::PageItems;
    use crate::resolve::fixtures::{
        by_name, derived, entity, index_of, named, operation, q, raw_type, string, structural,
    };

    fn decide(types: &Types) -> (Bases, Vec<Diagnostic>) {
        let index = index_of(types);
        let mut diagnostics = Vec::new();
        let mut resolver = Resolver {
            index: &index,
            diagnostics: &mut diagnostics,
        };
        let bases = stated(types, &mut resolver);
        (bases, diagnostics)
    }

    fn base_of(bases: &Bases, name: &str) -> Option<(String, Option<BaseTypeFrom>)> {
        let b = bases[&q(name)].clone()?;
        Some((b, bases.from.get(&q(name)).copied()))
    }

    #[test]
    fn a_stated_base_is_resolved_and_an_unknown_one_kept_as_written() {
        let types = by_name(vec![
            raw_type("entity"),
            derived("user", "entity"),
            derived("loop", "loop"),
            derived("gadget", "widget"),
        ]);
        let (bases, diagnostics) = decide(&types);
        assert_eq!(
            base_of(&bases, "user"),
            Some((q("entity"), Some(BaseTypeFrom::Annotation)))
        );
        // A type is not its own base.
        assert_eq!(base_of(&bases, "loop"), None);
        assert_eq!(base_of(&bases, "gadget").map(|b| b.0), Some(q("widget")));
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, [codes::UNKNOWN_TYPE]);
    }

    #[test]
    fn ancestors_stop_at_a_cycle() {
        let mut bases = Bases::default();
        bases.set("a".into(), "b".into(), BaseTypeFrom::Annotation);
        bases.set("b".into(), "c".into(), BaseTypeFrom::Annotation);
        bases.set("c".into(), "a".into(), BaseTypeFrom::Annotation);
        assert_eq!(ancestors(&bases, "a"), ["b", "c"]);
        assert!(ancestors(&bases, "d").is_empty());
    }

    #[test]
    fn a_derived_types_list_fills_unstated_bases_only() {
        let base = RawType {
            derived: vec![
                named("child"),
                named("orphan"),
                named("stated"),
                named("base"),
            ],
            ..raw_type("base")
        };
        let orphan = RawType {
            states_no_base: true,
            ..raw_type("orphan")
        };
        let types = by_name(vec![
            base,
            raw_type("child"),
            orphan,
            derived("stated", "other"),
            raw_type("other"),
        ]);
        let (mut bases, _) = decide(&types);
        from_derived_types(&mut bases, &types, &index_of(&types));
        assert_eq!(
            base_of(&bases, "child"),
            Some((q("base"), Some(BaseTypeFrom::DerivedTypes)))
        );
        assert_eq!(
            base_of(&bases, "orphan"),
            None,
            "`\"baseType\": null` states none"
        );
        assert_eq!(base_of(&bases, "stated").map(|b| b.0), Some(q("other")));
        assert_eq!(base_of(&bases, "base"), None);
    }

    #[test]
    fn an_inherited_from_row_names_an_ancestor() {
        let row = |description: &str| crate::page::RawProperty {
            description: description.to_string(),
            ..structural("id", string())
        };
        let user = RawType {
            // Descriptions are plain text: the link `[entity](entity.md)` is its text.
            properties: vec![row("The identifier. Inherited from entity.")],
            ..raw_type("user")
        };
        let scoped = RawType {
            properties: vec![row("Inherited from a parent scope.")],
            ..raw_type("scoped")
        };
        assert_eq!(
            inherited_from_rows(&user).map(|c| c.name),
            Some(TypeName::Named("entity".into()))
        );
        let types = by_name(vec![entity(), user, scoped]);
        let (mut bases, _) = decide(&types);
        from_inherited_rows(&mut bases, &types, &index_of(&types));
        assert_eq!(
            base_of(&bases, "user"),
            Some((q("entity"), Some(BaseTypeFrom::InheritedRow)))
        );
        assert_eq!(base_of(&bases, "scoped"), None);
    }

    #[test]
    fn a_response_example_of_a_subtype_names_its_base() {
        let types = by_name(vec![
            raw_type("event"),
            raw_type("meeting"),
            raw_type("task"),
        ]);
        let index = index_of(&types);
        let shows = |title: &str, returns: &str, shown: &str| RawOperation {
            response_shows: vec![format!("#microsoft.graph.{shown}")],
            ..operation(title, "GET", &[], Some(named(returns)))
        };
        let ops = [shows("Get event", "event", "meeting")];
        assert_eq!(
            bases_from_examples(&ops, &index),
            [(q("meeting"), q("event"))]
        );
        // Shown under two bases: no evidence either way.
        let ops = [
            shows("Get event", "event", "meeting"),
            shows("Get task", "task", "meeting"),
        ];
        assert!(bases_from_examples(&ops, &index).is_empty());
    }

    #[test]
    fn the_other_versions_page_states_a_base_this_version_defines() {
        let types = by_name(vec![
            raw_type("identity"),
            raw_type("user"),
            raw_type("group"),
        ]);
        let index = index_of(&types);
        let (mut bases, _) = decide(&types);
        let companion = |file: &str| -> Vec<PageItems> {
            let other = match file {
                "user.md" => derived("user", "identity"),
                "group.md" => derived("group", "directoryObject"),
                _ => return Vec::new(),
            };
            vec![PageItems {
                types: vec![RawType {
                    source: Source::new("beta/user.md", 1),
                    ..other
                }],
                ..PageItems::default()
            }]
        };
        let mut diagnostics = Vec::new();
        from_other_version(&mut bases, &types, &companion, &index, &mut diagnostics);
        assert_eq!(
            base_of(&bases, "user"),
            Some((q("identity"), Some(BaseTypeFrom::OtherVersion)))
        );
        // `directoryObject` is not defined here.
        assert_eq!(base_of(&bases, "group"), None);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, codes::BASE_FROM_OTHER_VERSION);
        assert!(
            diagnostics[0]
                .message
                .contains("read `microsoft.graph.identity` from beta/user.md:1"),
            "{}",
            diagnostics[0].message
        );
    }

    #[test]
    fn the_prose_wins_only_when_its_base_derives_from_the_annotations() {
        let in_prose = |name: &str, base: &str, prose: &str| RawType {
            base_in_prose: Some(named(prose)),
            ..derived(name, base)
        };
        let types = by_name(vec![
            entity(),
            raw_type("directoryObject"),
            derived("directoryObject2", "entity"),
            raw_type("unrelated"),
            in_prose("user", "entity", "directoryObject2"),
            in_prose("group", "entity", "unrelated"),
        ]);
        let index = index_of(&types);
        let (mut bases, _) = decide(&types);
        let mut diagnostics = Vec::new();
        prose_against_annotation(&mut bases, &types, &index, &mut diagnostics);
        assert_eq!(
            base_of(&bases, "user"),
            Some((q("directoryObject2"), Some(BaseTypeFrom::Prose)))
        );
        assert_eq!(
            base_of(&bases, "group"),
            Some((q("entity"), Some(BaseTypeFrom::Annotation)))
        );
        // In name order: `group`, then `user`.
        let said: Vec<(&str, Severity)> = diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.severity))
            .collect();
        assert_eq!(
            said,
            [
                (codes::BASE_STATED_TWICE, Severity::Warning),
                (codes::BASE_STATED_TWICE, Severity::Note)
            ]
        );
    }
}
