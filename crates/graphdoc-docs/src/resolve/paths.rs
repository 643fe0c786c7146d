//! What API paths tell about types: the docs declare no entity sets, but
//! every API page gives paths and says what they return, and every
//! Properties or Relationships table says where a step leads.

use super::bases::ancestors;
use super::index::{Defined, Index};
use crate::facts::Facts;
use crate::page::{codes, RawOperation, RawProperty, RawType};
use crate::types::{CellType, TypeName};
use graphdoc_schema::{Diagnostic, PropertyKind, Severity, Source, TypeKind, DEFAULT_NAMESPACE};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;

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
    /// Shapes (`path_shape`) of the collections some API addresses by key.
    keyed_collections: HashSet<String>,
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
    fn longest(&self, segments: &[&str]) -> (usize, Vec<usize>) {
        let mut best: (usize, Vec<usize>) = (0, Vec::new());
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
                    best.1.push(at);
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
        best.1.sort_unstable();
        best
    }

    /// What the paths ending at `nodes` return: the most derived of the
    /// types (`GET /me` is a user; another page says a directoryObject),
    /// and whether all of them return collections.
    fn returns(&self, nodes: &[usize], bases: &Bases) -> Returned {
        let found: Vec<&(String, bool)> =
            nodes.iter().flat_map(|&n| &self.nodes[n].returns).collect();
        let mut types: Vec<String> = found.iter().map(|s| s.0.clone()).collect();
        types.sort();
        types.dedup();
        let lineages: Vec<Vec<String>> = types.iter().map(|t| ancestors(bases, t)).collect();
        let derived: Vec<String> = types
            .iter()
            .filter(|t| !lineages.iter().any(|above| above.contains(t)))
            .cloned()
            .collect();
        let collection = found.iter().filter(|s| derived.contains(&s.0)).all(|s| s.1);
        (derived, collection)
    }
}

/// What documented paths return, per set of trie nodes, for one set of
/// bases: many paths start at the same documented path (hundreds of Intune
/// pages under `/deviceManagement/deviceConfigurations/{id}`).
#[derive(Default)]
pub(super) struct StartCache(Mutex<HashMap<Vec<usize>, Returned>>);

/// The types a documented path returns, and whether it returns collections.
type Returned = (Vec<String>, bool);

/// `t` is `owner` or derives from it; walks the bases without copying them.
fn is_or_derives_from(bases: &Bases, t: &str, owner: &str) -> bool {
    let mut current = t;
    // A cycle in the docs' bases ends the walk.
    for _ in 0..=bases.len() {
        if current == owner {
            return true;
        }
        match bases.get(current) {
            Some(Some(b)) => current = b,
            _ => return false,
        }
    }
    false
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
        let found: Vec<(String, &str, String, bool)> = types
            .par_iter()
            .flat_map_iter(|(q, t)| {
                t.properties.iter().filter_map(|p| {
                    let name = p.name.to_ascii_lowercase();
                    match index.resolve_cell(&p.cell_type, &t.namespace) {
                        Some((target, Defined::Type)) => {
                            Some((name, q.as_str(), target.clone(), p.cell_type.collection))
                        }
                        _ => None,
                    }
                })
            })
            .collect();
        let mut steps: HashMap<String, Vec<(&str, String, bool)>> = HashMap::new();
        for (name, owner, target, collection) in found {
            steps
                .entry(name)
                .or_default()
                .push((owner, target, collection));
        }
        // A GET path and what its page says it returns. A path with a query
        // is left out: `$expand` and the like change what comes back, and a
        // path cannot start with a key.
        let templates: Vec<(Vec<String>, &String, bool)> = ops
            .par_iter()
            .filter(|o| o.op.method == "GET")
            .flat_map_iter(|raw| {
                let returns = raw.response_type.as_ref().and_then(|cell| {
                    match index.resolve_cell(cell, DEFAULT_NAMESPACE) {
                        Some((q, Defined::Type)) => Some((q, cell.collection)),
                        _ => None,
                    }
                });
                returns.into_iter().flat_map(move |(q, collection)| {
                    raw.op
                        .paths
                        .iter()
                        .filter(|p| !p.contains('?'))
                        .map(|path| -> Vec<String> {
                            segments(path)
                                .into_iter()
                                .map(str::to_ascii_lowercase)
                                .collect()
                        })
                        .filter(|template| template.first().is_some_and(|s| !is_key(s)))
                        .map(move |template| (template, q, collection))
                })
            })
            .collect();
        let mut starts = Starts::default();
        for (template, q, collection) in templates {
            starts.insert(&template, q.clone(), collection);
        }
        let keyed_collections = ops
            .par_iter()
            .flat_map_iter(|o| &o.op.paths)
            .filter(|p| ends_in_key(p))
            .map(|p| {
                let shape = path_shape(p);
                shape[..shape.rfind('/').unwrap_or(0)].to_string()
            })
            .collect();
        PathIndex {
            starts,
            steps,
            keyed_collections,
        }
    }

    /// Some API addresses a member of the collection at `path` by key
    /// (`GET /x/{id}/items` and `DELETE /x/{id}/items/{item-id}`).
    pub(super) fn is_keyed_collection(&self, path: &str) -> bool {
        self.keyed_collections.contains(&path_shape(path))
    }

    /// Follows `segments` from the longest documented GET path they begin
    /// with (`{…}` in it matches any key) through the properties each step
    /// names; a step no property names is a key into the collection before
    /// it. Two documented paths of the same length that return a type and
    /// one of its bases (`GET /me` is a user; another page says a
    /// directoryObject) start at the derived one.
    fn follow(&self, segments: &[&str], bases: &Bases, cache: &StartCache) -> Place {
        let (len, nodes) = self.starts.longest(segments);
        let mut place = Place {
            types: Vec::new(),
            collection: false,
            on_key: false,
            anchored: !nodes.is_empty(),
        };
        // Empty `types` with `anchored` false: not known.
        if place.anchored {
            let cached = cache.0.lock().ok().and_then(|c| c.get(&nodes).cloned());
            let (types, collection) = cached.unwrap_or_else(|| {
                let computed = self.starts.returns(&nodes, bases);
                if let Ok(mut c) = cache.0.lock() {
                    c.insert(nodes, computed.clone());
                }
                computed
            });
            place.types = types;
            place.collection = collection;
        }
        let skip = len;
        let mut known = place.anchored;
        for segment in segments.iter().skip(skip) {
            // `channels('19:…')`: a step and its key in one segment.
            let (name, keyed) = match segment.find('(') {
                Some(i) => (&segment[..i], true),
                None => (*segment, false),
            };
            // A step belongs to one of the current types or to a base of one.
            let owns = |owner: &str| {
                !known
                    || place
                        .types
                        .iter()
                        .any(|t| is_or_derives_from(bases, t, owner))
            };
            let hits: Vec<&(&str, String, bool)> = self
                .steps
                .get(&name.to_ascii_lowercase())
                .map(|v| v.iter().filter(|(owner, _, _)| owns(owner)).collect())
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
    pub(super) fn member_type_at(
        &self,
        path: &str,
        bases: &Bases,
        cache: &StartCache,
    ) -> Option<String> {
        let place = self.follow(&segments(path), bases, cache);
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
/// function and not named like one (`getX`). The property is a collection
/// when the page says so, its title lists, or some path addresses a member
/// by key. Each such property comes with a note at its owner's page.
pub(super) fn properties_from_paths<'a>(
    ops: &'a [RawOperation],
    paths: &PathIndex,
    types: &BTreeMap<String, RawType>,
    bases: &Bases,
    kinds: &HashMap<String, TypeKind>,
    index: &'a Index,
) -> Vec<(String, RawProperty, Diagnostic)> {
    let seeker = Seeker {
        paths,
        types,
        bases,
        functions: ops
            .par_iter()
            .flat_map_iter(|o| o.op.paths.iter().flat_map(|p| p.split('/')))
            .filter_map(|s| s.split_once('(').map(|(name, _)| name.to_ascii_lowercase()))
            .collect(),
        cache: StartCache::default(),
    };
    // Each page on its own (in parallel), gathered in page order.
    let mut found: BTreeMap<(String, String), Vec<Sighting>> = BTreeMap::new();
    let all: Vec<((String, String), Sighting)> = ops
        .par_iter()
        .flat_map_iter(|raw| seeker.sightings(raw, index))
        .collect();
    for (key, sighting) in all {
        found.entry(key).or_default().push(sighting);
    }
    found
        .into_iter()
        .filter_map(|((owner, _), sightings)| {
            let owner_type = types.get(&owner)?;
            let (property, note) = property_from_sightings(owner_type, sightings, kinds)?;
            Some((owner, property, note))
        })
        .collect()
}

/// What finding sightings needs: where paths lead, and what is declared.
struct Seeker<'s> {
    paths: &'s PathIndex<'s>,
    types: &'s BTreeMap<String, RawType>,
    bases: &'s Bases,
    /// Lowercase names some path calls as a function (`name(…)`).
    functions: HashSet<String>,
    cache: StartCache,
}

impl Seeker<'_> {
    /// `owner` or an ancestor declares `name` (in a table or its
    /// representation).
    fn declares(&self, owner: &str, name: &str) -> bool {
        std::iter::once(owner.to_string())
            .chain(ancestors(self.bases, owner))
            .filter_map(|a| self.types.get(&a))
            .any(|t| {
                t.properties
                    .iter()
                    .chain(&t.json_properties)
                    .any(|p| p.name.eq_ignore_ascii_case(name))
                    || t.json_untyped
                        .iter()
                        .any(|(n, _)| n.eq_ignore_ascii_case(name))
            })
    }

    /// The undeclared properties one API page reads, keyed by (owner,
    /// lowercase name).
    fn sightings<'a>(
        &self,
        raw: &'a RawOperation,
        index: &'a Index,
    ) -> Vec<((String, String), Sighting<'a>)> {
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
            if prefix.is_empty() || !self.may_be_property(last) {
                continue;
            }
            let place = self.paths.follow(prefix, self.bases, &self.cache);
            let owner = match place.types.as_slice() {
                [t] if place.anchored && (!place.collection || place.on_key) => t,
                _ => continue,
            };
            if self.declares(owner, last) {
                continue;
            }
            out.push((
                (owner.clone(), last.to_ascii_lowercase()),
                Sighting {
                    spelling: last,
                    target,
                    collection: cell.collection || lists || self.paths.is_keyed_collection(path),
                    path,
                    source: &raw.op.source,
                },
            ));
        }
        out
    }

    /// A path's last step that may name a property: a plain name, not named
    /// or called like a function.
    fn may_be_property(&self, last: &str) -> bool {
        let plain_name = last.starts_with(|c: char| c.is_ascii_alphabetic())
            && last.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        // Graph names its functions `getX` (`reports/getRelyingPartyDetailedSummary`,
        // called without parentheses on its "List …" page).
        let named_like_function = last
            .strip_prefix("get")
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()));
        plain_name && !named_like_function && !self.functions.contains(&last.to_ascii_lowercase())
    }
}

/// The property the sightings of one (owner, name) agree on, with its note.
fn property_from_sightings(
    owner_type: &RawType,
    mut sightings: Vec<Sighting>,
    kinds: &HashMap<String, TypeKind>,
) -> Option<(RawProperty, Diagnostic)> {
    sightings.sort_by(|a, b| (a.source, a.path).cmp(&(b.source, b.path)));
    // Pages that disagree are outvoted; a tie goes to the first in name
    // order, so the result does not depend on file order.
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
    let evidence = sightings.iter().find(|s| s.target == target)?;
    let kind = if kinds.get(&target) == Some(&TypeKind::Entity) {
        PropertyKind::Navigation
    } else {
        PropertyKind::Structural
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
    Some((property, note))
}

/// A path with its keys written `{}` and names lowercased, for comparing
/// paths whatever their key placeholders are called.
fn path_shape(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path).trim_end_matches('/');
    path.split('/')
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') {
                "{}".to_string()
            } else {
                s.to_ascii_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `/users/{id}/events/{event-id}` (a query string aside).
pub(super) fn ends_in_key(path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path).trim_end_matches('/');
    let last = path.rsplit('/').next().unwrap_or("");
    path.contains('/') && last.starts_with('{') && last.ends_with('}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::fixtures::{
        by_name, collection_of, index_of, named, navigation, operation, q, raw_type, string,
        structural,
    };

    #[test]
    fn paths_compare_by_shape_and_keys() {
        assert_eq!(
            path_shape("/Users/{user-id}/Events/?$top=1"),
            "/users/{}/events"
        );
        assert_eq!(
            path_shape("/users/{id}/events"),
            path_shape("/users/{userId}/events/")
        );
        assert!(ends_in_key("/users/{id}/events/{event-id}"));
        assert!(ends_in_key("/users/{id}?$select=x"));
        assert!(!ends_in_key("/users/{id}/events"));
        assert!(!ends_in_key("{id}"));
        assert_eq!(segments("/a//b/"), ["a", "b"]);
    }

    #[test]
    fn the_longest_documented_start_wins_and_a_key_matches_any_segment() {
        let mut starts = Starts::default();
        let template = |p: &str| -> Vec<String> {
            segments(p).iter().map(|s| s.to_ascii_lowercase()).collect()
        };
        starts.insert(&template("/users"), q("user"), true);
        starts.insert(&template("/users/{id}/drive"), q("drive"), false);
        let (len, nodes) = starts.longest(&segments("/Users/abc/drive/root"));
        assert_eq!(len, 3);
        assert_eq!(
            starts.returns(&nodes, &HashMap::new()),
            (vec![q("drive")], false)
        );
        assert_eq!(starts.longest(&segments("/users/x")).0, 1);
        assert_eq!(starts.longest(&segments("/groups")).0, 0);
    }

    /// `GET /users` lists users, a user's `events` are events, and an
    /// event's `attachments` are attachments.
    fn calendar() -> (BTreeMap<String, RawType>, Vec<RawOperation>) {
        let user = RawType {
            properties: vec![navigation("events", collection_of("event"))],
            ..raw_type("user")
        };
        let event = RawType {
            properties: vec![
                navigation("attachments", collection_of("attachment")),
                structural("subject", string()),
            ],
            ..raw_type("event")
        };
        let types = by_name(vec![
            user,
            event,
            raw_type("attachment"),
            raw_type("calendar"),
        ]);
        let ops = vec![
            operation(
                "List users",
                "GET",
                &["/users"],
                Some(collection_of("user")),
            ),
            operation(
                "Delete event",
                "DELETE",
                &["/users/{id}/events/{event-id}"],
                None,
            ),
            operation(
                "List calendars",
                "GET",
                &["/users/{id}/calendars"],
                Some(collection_of("calendar")),
            ),
            operation(
                "Get calendar",
                "GET",
                &["/users/{id}/calendar", "/me/calendar"],
                Some(named("calendar")),
            ),
            operation(
                "calendar: getSchedule",
                "GET",
                &["/users/{id}/getSchedule(x=1)"],
                Some(named("calendar")),
            ),
        ];
        (types, ops)
    }

    #[test]
    fn a_path_is_followed_from_its_start_through_documented_properties() {
        let (types, ops) = calendar();
        let index = index_of(&types);
        let paths = PathIndex::new(&ops, &types, &index);
        let bases = HashMap::new();
        let cache = StartCache::default();
        let member = |path: &str| paths.member_type_at(path, &bases, &cache);
        assert_eq!(member("/users/{id}/events/{id}"), Some(q("event")));
        assert_eq!(
            member("/users/{id}/events/{id}/attachments/{id}"),
            Some(q("attachment"))
        );
        // Not a member of a collection, or a step no table names.
        assert_eq!(member("/users/{id}/events"), None);
        assert_eq!(member("/users/{id}/unknown/{id}"), None);
        assert!(paths.is_keyed_collection("/users/{user-id}/events"));
        assert!(!paths.is_keyed_collection("/users/{user-id}/calendars"));
    }

    #[test]
    fn a_list_or_get_page_adds_the_property_its_path_reads() {
        let (types, ops) = calendar();
        let index = index_of(&types);
        let paths = PathIndex::new(&ops, &types, &index);
        let kinds = HashMap::from([(q("calendar"), TypeKind::Entity)]);
        let found = properties_from_paths(&ops, &paths, &types, &HashMap::new(), &kinds, &index);
        let read: Vec<(&str, &str, bool, PropertyKind)> = found
            .iter()
            .map(|(owner, p, _)| {
                (
                    owner.as_str(),
                    p.name.as_str(),
                    p.cell_type.collection,
                    p.kind,
                )
            })
            .collect();
        // `getSchedule` is called as a function; `/me` leads nowhere known.
        assert_eq!(
            read,
            [
                (
                    q("user").as_str(),
                    "calendar",
                    false,
                    PropertyKind::Navigation
                ),
                (
                    q("user").as_str(),
                    "calendars",
                    true,
                    PropertyKind::Navigation
                ),
            ]
        );
        let note = &found[0].2;
        assert_eq!(
            (note.file.as_str(), note.code.as_str()),
            ("user.md", codes::PROPERTY_FROM_PATH)
        );
        assert!(
            note.message
                .contains("`GET /users/{id}/calendar` (api/Get-calendar.md:1)"),
            "{}",
            note.message
        );
    }
}
