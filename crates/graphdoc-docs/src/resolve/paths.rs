//! What API paths tell about types: the docs declare no entity sets, but
//! every API page gives paths and says what they return, and every
//! Properties or Relationships table says where a step leads.

use super::{ancestors, ends_in_key, path_shape, Defined, Index};
use crate::facts::Facts;
use crate::page::{codes, RawOperation, RawProperty, RawType};
use crate::types::{CellType, TypeName};
use graphdoc_schema::{Diagnostic, PropertyKind, Severity, Source, TypeKind, DEFAULT_NAMESPACE};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

type Bases = HashMap<String, Option<String>>;

/// Where a path leads.
#[derive(Debug)]
struct Place {
    /// The types it may address (several when a step name is ambiguous).
    types: Vec<String>,
    collection: bool,
    /// A key picked one member of the collection.
    on_key: bool,
    /// Every step was followed from a documented start; otherwise a step
    /// was matched by its name alone, whatever type owns it.
    anchored: bool,
}

/// Documented GET paths and property steps, to follow other paths with.
pub(super) struct PathIndex<'a> {
    /// Documented GET paths and what each returns.
    starts: Starts,
    /// lowercase property name → (owner, target type, collection).
    steps: HashMap<String, Vec<(&'a str, String, bool)>>,
}

/// A trie of documented GET paths, lowercased, each key placeholder one
/// wildcard node, so that the longest paths a path begins with are found
/// without comparing it with every documented one.
#[derive(Default)]
struct Starts {
    nodes: Vec<StartNode>,
}

#[derive(Default)]
struct StartNode {
    literal: HashMap<String, usize>,
    key: Option<usize>,
    /// (type returned, collection) by the GET paths ending here.
    returns: Vec<(String, bool)>,
}

impl Starts {
    fn insert(&mut self, template: &[String], returns: String, collection: bool) {
        if self.nodes.is_empty() {
            self.nodes.push(StartNode::default());
        }
        let mut at = 0;
        for segment in template {
            let next = if is_key(segment) {
                self.nodes[at].key
            } else {
                self.nodes[at].literal.get(segment).copied()
            };
            at = match next {
                Some(n) => n,
                None => {
                    let n = self.nodes.len();
                    self.nodes.push(StartNode::default());
                    if is_key(segment) {
                        self.nodes[at].key = Some(n);
                    } else {
                        self.nodes[at].literal.insert(segment.clone(), n);
                    }
                    n
                }
            };
        }
        self.nodes[at].returns.push((returns, collection));
    }

    /// The length of the longest documented paths `segments` begin with (a
    /// key in a documented path matches any segment), and what they return.
    fn longest(&self, segments: &[&str]) -> (usize, Vec<&(String, bool)>) {
        let mut best: (usize, Vec<&(String, bool)>) = (0, Vec::new());
        if self.nodes.is_empty() {
            return best;
        }
        let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
        while let Some((at, depth)) = stack.pop() {
            let node = &self.nodes[at];
            if depth > 0 && !node.returns.is_empty() {
                if depth > best.0 {
                    best = (depth, Vec::new());
                }
                if depth == best.0 {
                    best.1.extend(&node.returns);
                }
            }
            let Some(segment) = segments.get(depth) else {
                continue;
            };
            if let Some(k) = node.key {
                stack.push((k, depth + 1));
            }
            if !is_key(segment) {
                if let Some(&n) = node.literal.get(&segment.to_ascii_lowercase()) {
                    stack.push((n, depth + 1));
                }
            }
        }
        best
    }
}

fn is_key(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

impl<'a> PathIndex<'a> {
    pub(super) fn new(
        ops: &[RawOperation],
        types: &'a BTreeMap<String, RawType>,
        index: &Index,
    ) -> Self {
        // Only the names some path uses can be a step.
        let used: HashSet<String> = ops
            .iter()
            .flat_map(|o| o.op.paths.iter().chain(o.created_at.iter().map(|(p, _)| p)))
            .flat_map(|path| path.split('/'))
            .map(|s| s.split('(').next().unwrap_or(s).to_ascii_lowercase())
            .collect();
        let mut steps: HashMap<String, Vec<(&str, String, bool)>> = HashMap::new();
        for (q, t) in types {
            for p in &t.properties {
                if !used.contains(&p.name.to_ascii_lowercase()) {
                    continue;
                }
                if let Some((target, Defined::Type)) =
                    index.resolve_cell(&p.cell_type, &t.namespace)
                {
                    steps.entry(p.name.to_ascii_lowercase()).or_default().push((
                        q.as_str(),
                        target.clone(),
                        p.cell_type.collection,
                    ));
                }
            }
        }
        // A GET path and what its page says it returns. A path with a query
        // is left out: `$expand` and the like change what comes back, and a
        // path cannot start with a key.
        let mut starts = Starts::default();
        for raw in ops.iter().filter(|o| o.op.method == "GET") {
            let Some(cell) = &raw.response_type else {
                continue;
            };
            let Some((q, Defined::Type)) = index.resolve_cell(cell, DEFAULT_NAMESPACE) else {
                continue;
            };
            for path in raw.op.paths.iter().filter(|p| !p.contains('?')) {
                let template: Vec<String> = segments(path)
                    .into_iter()
                    .map(str::to_ascii_lowercase)
                    .collect();
                if template.first().is_some_and(|s| !is_key(s)) {
                    starts.insert(&template, q.clone(), cell.collection);
                }
            }
        }
        PathIndex { starts, steps }
    }

    /// Follows `segments` from the longest documented GET path they begin
    /// with (`{…}` in it matches any key) through the properties each step
    /// names; a step no property names is a key into the collection before
    /// it. Two documented paths of the same length that return a type and
    /// one of its bases (`GET /me` is a user; another page says a
    /// directoryObject) start at the derived one.
    fn follow(&self, segments: &[&str], bases: &Bases) -> Place {
        let (len, found) = self.starts.longest(segments);
        let mut place = Place {
            types: Vec::new(),
            collection: false,
            on_key: false,
            anchored: !found.is_empty(),
        };
        // Empty `types` with `anchored` false: not known.
        if place.anchored {
            let mut types: Vec<String> = found.iter().map(|s| s.0.clone()).collect();
            types.sort();
            types.dedup();
            let lineages: Vec<Vec<String>> = types.iter().map(|t| ancestors(bases, t)).collect();
            let derived: Vec<String> = types
                .iter()
                .filter(|t| !lineages.iter().any(|above| above.contains(t)))
                .cloned()
                .collect();
            place.collection = found.iter().filter(|s| derived.contains(&s.0)).all(|s| s.1);
            place.types = derived;
        }
        let skip = len;
        let mut known = place.anchored;
        for segment in segments.iter().skip(skip) {
            // `channels('19:…')`: a step and its key in one segment.
            let (name, keyed) = match segment.find('(') {
                Some(i) => (&segment[..i], true),
                None => (*segment, false),
            };
            let owners: Option<Vec<String>> = known.then(|| {
                place
                    .types
                    .iter()
                    .flat_map(|t| std::iter::once(t.clone()).chain(ancestors(bases, t)))
                    .collect()
            });
            let hits: Vec<&(&str, String, bool)> = self
                .steps
                .get(&name.to_ascii_lowercase())
                .map(|v| {
                    v.iter()
                        .filter(|(owner, _, _)| {
                            owners.as_ref().is_none_or(|o| o.iter().any(|x| x == owner))
                        })
                        .collect()
                })
                .unwrap_or_default();
            if !hits.is_empty() {
                let mut targets: Vec<String> = hits.iter().map(|h| h.1.clone()).collect();
                targets.sort();
                targets.dedup();
                place.collection = hits.iter().all(|h| h.2);
                place.on_key = keyed && place.collection;
                place.types = targets;
                known = true;
            } else if known && place.collection && !place.on_key {
                place.on_key = true;
            } else {
                place = Place {
                    types: Vec::new(),
                    collection: false,
                    on_key: false,
                    anchored: false,
                };
                known = false;
            }
        }
        place
    }

    /// The type of the collection member a path addresses, when the path
    /// can be followed to exactly one type and ends in a key.
    pub(super) fn member_type_at(&self, path: &str, bases: &Bases) -> Option<String> {
        let place = self.follow(&segments(path), bases);
        match place.types.as_slice() {
            [t] if place.on_key => Some(t.clone()),
            _ => None,
        }
    }
}

/// One GET path that reads a property its owner's page does not list.
struct Sighting<'a> {
    spelling: &'a str,
    target: &'a str,
    collection: bool,
    path: &'a str,
    source: &'a Source,
}

/// Properties an API page documents by its path alone: `GET
/// /users/{id}/joinedTeams`, titled "List joinedTeams", returns teams
/// through a `joinedTeams` step that the user page's tables do not list.
/// Read only from pages titled "List …" or "Get …" (functions are titled
/// "x: name" or "name function"), from a path followed to one object of one
/// type, with a last step that is a plain name no path ever calls as a
/// function. The property is a collection when the page says so, its title
/// lists, or some path addresses a member by key. Each such property comes
/// with a note at its owner's page.
pub(super) fn properties_from_paths<'a>(
    ops: &'a [RawOperation],
    paths: &PathIndex,
    types: &BTreeMap<String, RawType>,
    bases: &Bases,
    kinds: &HashMap<String, TypeKind>,
    index: &'a Index,
) -> Vec<(String, RawProperty, Diagnostic)> {
    let functions: HashSet<String> = ops
        .iter()
        .flat_map(|o| &o.op.paths)
        .flat_map(|p| p.split('/'))
        .filter_map(|s| s.split_once('(').map(|(name, _)| name.to_ascii_lowercase()))
        .collect();
    let addressed: HashSet<String> = ops
        .iter()
        .flat_map(|o| &o.op.paths)
        .filter(|p| ends_in_key(p))
        .map(|p| {
            let shape = path_shape(p);
            shape[..shape.rfind('/').unwrap_or(0)].to_string()
        })
        .collect();
    let declares = |owner: &str, name: &str| {
        std::iter::once(owner.to_string())
            .chain(ancestors(bases, owner))
            .filter_map(|a| types.get(&a))
            .any(|t| {
                t.properties
                    .iter()
                    .chain(&t.json_properties)
                    .any(|p| p.name.eq_ignore_ascii_case(name))
                    || t.json_untyped
                        .iter()
                        .any(|(n, _)| n.eq_ignore_ascii_case(name))
            })
    };
    // Each page on its own (in parallel), gathered in page order.
    let sightings_of = |raw: &'a RawOperation| -> Vec<((String, String), Sighting<'a>)> {
        let mut out = Vec::new();
        let title = raw.op.title.trim().to_ascii_lowercase();
        let lists = title.starts_with("list ");
        if raw.op.method != "GET"
            || !(lists || title.starts_with("get "))
            || title.contains("function")
        {
            return out;
        }
        let Some(cell) = &raw.response_type else {
            return out;
        };
        let Some((target, Defined::Type)) = index.resolve_cell(cell, DEFAULT_NAMESPACE) else {
            return out;
        };
        // A filter or a page size leaves what a path returns alone;
        // `$expand` and `$select` pages describe something else.
        let addresses = |p: &&String| {
            p.split_once('?')
                .is_none_or(|(_, query)| !query.contains("$expand") && !query.contains("$select"))
        };
        for path in raw.op.paths.iter().filter(addresses) {
            let path = path.split('?').next().unwrap_or(path);
            let all = segments(path);
            let Some((last, prefix)) = all.split_last() else {
                continue;
            };
            let plain_name = last.starts_with(|c: char| c.is_ascii_alphabetic())
                && last.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if prefix.is_empty() || !plain_name || functions.contains(&last.to_ascii_lowercase()) {
                continue;
            }
            let place = paths.follow(prefix, bases);
            let owner = match place.types.as_slice() {
                [t] if place.anchored && (!place.collection || place.on_key) => t,
                _ => continue,
            };
            if declares(owner, last) {
                continue;
            }
            out.push((
                (owner.clone(), last.to_ascii_lowercase()),
                Sighting {
                    spelling: last,
                    target,
                    collection: cell.collection || lists || addressed.contains(&path_shape(path)),
                    path,
                    source: &raw.op.source,
                },
            ));
        }
        out
    };
    let mut found: BTreeMap<(String, String), Vec<Sighting>> = BTreeMap::new();
    let all: Vec<((String, String), Sighting)> =
        ops.par_iter().flat_map_iter(sightings_of).collect();
    for (key, sighting) in all {
        found.entry(key).or_default().push(sighting);
    }
    let mut out = Vec::new();
    for ((owner, _), mut sightings) in found {
        sightings.sort_by(|a, b| (a.source, a.path).cmp(&(b.source, b.path)));
        // Pages that disagree are outvoted; a tie goes to the first in
        // name order, so the result does not depend on file order.
        let most = |key: &dyn Fn(&Sighting) -> String| -> String {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for s in &sightings {
                *counts.entry(key(s)).or_default() += 1;
            }
            let best = counts.values().copied().max().unwrap_or(0);
            counts
                .into_iter()
                .find(|(_, n)| *n == best)
                .map(|(k, _)| k)
                .unwrap_or_default()
        };
        let target = most(&|s| s.target.to_string());
        let spelling = most(&|s| s.spelling.to_string());
        let collection = sightings
            .iter()
            .filter(|s| s.target == target)
            .any(|s| s.collection);
        let Some(evidence) = sightings.iter().find(|s| s.target == target) else {
            continue;
        };
        let kind = if kinds.get(&target) == Some(&TypeKind::Entity) {
            PropertyKind::Navigation
        } else {
            PropertyKind::Structural
        };
        let Some(owner_type) = types.get(&owner) else {
            continue;
        };
        let shown = if collection {
            format!("`{target}` collection")
        } else {
            format!("`{target}`")
        };
        let kind_word = match kind {
            PropertyKind::Navigation => "navigation",
            PropertyKind::Structural => "structural",
        };
        let note = Diagnostic::new(
            &owner_type.source,
            Severity::Note,
            codes::PROPERTY_FROM_PATH,
            format!(
                "`{}` lists no property `{spelling}`, but `GET {}` ({}:{}) reads it; read as a {kind_word} property of type {shown}",
                owner_type.name, evidence.path, evidence.source.file, evidence.source.line
            ),
        );
        let property = RawProperty {
            name: spelling.clone(),
            cell_type: CellType {
                name: TypeName::Named(target.clone()),
                collection,
                link: None,
                alias_of: None,
            },
            kind,
            description: format!(
                "Not listed on this type's page; read from `GET {}`.",
                evidence.path
            ),
            facts: Facts::default(),
            source: evidence.source.clone(),
        };
        out.push((owner, property, note));
    }
    out
}
