//! Rust names for wire names: case conversion, keywords, names that are not
//! identifiers, and collisions.

use std::collections::{BTreeMap, BTreeSet};

/// Every keyword of any edition, strict, reserved and weak ones that cannot
/// be a plain identifier somewhere (`union` and `macro_rules` are fine but
/// kept out to stay clear of confusion).
const KEYWORDS: &[&str] = &[
    "abstract",
    "as",
    "async",
    "await",
    "become",
    "box",
    "break",
    "const",
    "continue",
    "crate",
    "do",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "final",
    "fn",
    "for",
    "gen",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "macro",
    "macro_rules",
    "match",
    "mod",
    "move",
    "mut",
    "override",
    "priv",
    "pub",
    "raw",
    "ref",
    "return",
    "safe",
    "self",
    "Self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "try",
    "type",
    "typeof",
    "union",
    "unsafe",
    "unsized",
    "use",
    "virtual",
    "where",
    "while",
    "yield",
];

pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Splits a wire name into lowercase ASCII words: camelCase and acronym
/// boundaries, digits stay with the word before them, anything that is not
/// an ASCII letter or digit separates words (and is dropped).
pub fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_word(name, |w| words.push(w.to_ascii_lowercase()));
    words
}

/// Calls `each` with the words of `name` as [`words`] splits it, each a
/// slice of `name` in its own case: the names of every type and field are
/// cased once per plan and once per file, so no word is allocated.
fn for_each_word<'a>(name: &'a str, mut each: impl FnMut(&'a str)) {
    let bytes = name.as_bytes();
    // The start of the word being read; every byte from it on is an ASCII
    // letter or digit (a byte of a multi-byte character is neither).
    let mut start: Option<usize> = None;
    for (i, &c) in bytes.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if let Some(s) = start.take() {
                each(&name[s..i]);
            }
            continue;
        }
        let Some(s) = start else {
            start = Some(i);
            continue;
        };
        if c.is_ascii_uppercase() {
            let prev = bytes[i - 1];
            let next_is_lower = bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase);
            // fooBar | HTTPServer -> HTTP Server | ipv4Address
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_is_lower)
            {
                each(&name[s..i]);
                start = Some(i);
            }
        }
    }
    if let Some(s) = start {
        each(&name[s..]);
    }
}

/// `organizationName` -> `organization_name`; never a keyword, never empty,
/// never starting with a digit.
pub fn snake_case(name: &str) -> String {
    let mut s = String::with_capacity(name.len() + 4);
    for_each_word(name, |w| {
        if !s.is_empty() {
            s.push('_');
        }
        s.extend(w.chars().map(|c| c.to_ascii_lowercase()));
    });
    if s.is_empty() {
        s = "field".to_owned();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'n');
    }
    if is_keyword(&s) {
        s.push('_');
    }
    s
}

/// `vppToken` -> `VppToken`, `HTTPServer` -> `HttpServer`; never a keyword,
/// never empty, never starting with a digit.
pub fn pascal_case(name: &str) -> String {
    let mut s = String::with_capacity(name.len() + 1);
    for_each_word(name, |w| {
        let mut cs = w.chars();
        s.extend(cs.next().map(|c| c.to_ascii_uppercase()));
        s.extend(cs.map(|c| c.to_ascii_lowercase()));
    });
    if s.is_empty() {
        s = "Unnamed".to_owned();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'T');
    }
    if is_keyword(&s) {
        s.push('_');
    }
    s
}

/// Hands out unique names within one namespace, in call order: the second
/// `fooBar`/`foo_bar` becomes `foo_bar_2`.
#[derive(Default)]
pub struct NameAllocator {
    taken: BTreeSet<String>,
}

impl NameAllocator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks a name as used without handing it out.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    #[cfg(test)]
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// `base`, or `base` with the smallest free suffix; `sep` goes between
    /// (`_` for snake case, empty for Pascal case).
    pub fn allocate(&mut self, base: &str, sep: &str) -> String {
        self.allocate_with_companions(base, sep, &[])
    }

    /// Like [`allocate`](Self::allocate) for a name that also takes
    /// `<name><suffix>` for each suffix (an enum's `ParseError` and `Set`
    /// types, which its derive generates).
    pub fn allocate_with_companions(&mut self, base: &str, sep: &str, suffixes: &[&str]) -> String {
        let mut candidate = base.to_owned();
        // `Self_` + `2` would be `Self_2`, which is not camel case, and
        // `self_` + `_2` would be `self__2`, which is not snake case: the
        // keyword's `_` goes, the number sets it apart.
        let stem = match base.trim_end_matches('_') {
            "" => base,
            s => s,
        };
        let mut n = 2;
        while self.taken.contains(&candidate)
            || suffixes
                .iter()
                .any(|s| self.taken.contains(&format!("{candidate}{s}")))
        {
            candidate = format!("{stem}{sep}{n}");
            n += 1;
        }
        for s in suffixes {
            self.taken.insert(format!("{candidate}{s}"));
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// A placeholder of an operation's paths, named once for all of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathParam {
    /// The name in the templates (`group-id`).
    pub name: String,
    /// What the docs accept there when they list alternatives
    /// (`{id | userPrincipalName}`): `["id", "userPrincipalName"]`.
    pub accepts: Vec<String>,
}

/// One piece of a path template.
enum Piece<'a> {
    Text(&'a str),
    Placeholder(&'a str),
}

fn pieces(path: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        out.push(Piece::Text(&rest[..open]));
        out.push(Piece::Placeholder(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    out.push(Piece::Text(rest));
    out
}

/// A placeholder's name as the docs write it: the first of its
/// alternatives (`{id | userPrincipalName}` is `id`).
fn placeholder_name(raw: &str) -> (String, Vec<String>) {
    let alternatives: Vec<String> = raw
        .split('|')
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    let mut name = alternatives
        .first()
        .cloned()
        .unwrap_or_else(|| "id".to_owned());
    if name.eq_ignore_ascii_case("id") {
        name = "id".to_owned();
    }
    let accepts = if alternatives.len() > 1 {
        alternatives
    } else {
        Vec::new()
    };
    (name, accepts)
}

/// The segment before a placeholder: `/groups/` -> `groups`, `/items('`
/// -> `items`.
fn owner_segment(before: &str) -> Option<&str> {
    let segment = before.trim_end_matches(['/', '(', '\'', '=', ',']);
    let segment = segment.rsplit('/').next().unwrap_or("");
    let segment = segment.split('(').next().unwrap_or("");
    let segment = segment.rsplit('.').next().unwrap_or("");
    if segment.is_empty() || !segment.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some(segment)
}

/// The type a collection segment holds, where every collection property of
/// that name in the schema holds the same type (`threads` ->
/// `conversationThread`): what names a key placeholder after it.
pub type SegmentTypes = BTreeMap<String, String>;

/// [`SegmentTypes`] of a schema: collection-valued navigation properties by
/// name, those naming one type only.
pub fn segment_types(schema: &graphdoc_schema::Schema) -> SegmentTypes {
    let mut found: BTreeMap<&str, Option<&str>> = BTreeMap::new();
    for t in schema.types.values() {
        for p in &t.properties {
            if p.kind != graphdoc_schema::PropertyKind::Navigation || !p.ty.collection {
                continue;
            }
            let (_, simple) = graphdoc_schema::split_qualified(&p.ty.name);
            let entry = found.entry(p.name.as_str()).or_insert(Some(simple));
            if *entry != Some(simple) {
                *entry = None;
            }
        }
    }
    found
        .into_iter()
        .filter_map(|(name, ty)| Some((name.to_owned(), ty?.to_owned())))
        .collect()
}

/// `groups` -> `group`, `policies` -> `policy`, `status` stays.
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "ches", "shes", "xes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_owned();
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with(['s', 'u', 'i']) && !stem.is_empty() => stem.to_owned(),
        _ => word.to_owned(),
    }
}

/// What tells two spellings of one parameter apart only in case and
/// separators: `teamId`, `team-id`, `team_id`.
fn spelling_key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// One spelling per parameter of an operation: the docs' `{x-id}` form
/// where its paths use it, else the first.
fn spellings(paths: &[Vec<Piece>]) -> BTreeMap<String, String> {
    let mut spelling: BTreeMap<String, String> = BTreeMap::new();
    for piece in paths.iter().flatten() {
        if let Piece::Placeholder(raw) = piece {
            let (name, _) = placeholder_name(raw);
            let entry = spelling
                .entry(spelling_key(&name))
                .or_insert_with(|| name.clone());
            if name.contains('-') && !entry.contains('-') {
                *entry = name;
            }
        }
    }
    spelling
}

/// Names the placeholders of an operation's paths: a name a path repeats
/// (`/groups/{id}/threads/{id}`) becomes `{owner-id}` by what precedes
/// each, in every path of the operation, and alternatives (`{id | userPrincipalName}`) become one
/// parameter that accepts either. Returns the paths and their parameters
/// in order of first use.
///
/// A repeated placeholder is named after the type of the collection before
/// it where `segment_types` says which
/// (`/groups/{group-id}/threads/{conversationThread-id}`), by the segment
/// where it does not or where that name is taken in the path
/// (`/mailFolders/{mailFolder-id}/childFolders/{childFolder-id}`).
pub fn name_placeholders(
    paths: &[String],
    segment_types: &SegmentTypes,
) -> (Vec<String>, Vec<PathParam>) {
    let split: Vec<Vec<Piece>> = paths.iter().map(|p| pieces(p)).collect();
    let spelling = spellings(&split);
    let named = |raw: &str| {
        let (name, accepts) = placeholder_name(raw);
        (spelling[&spelling_key(&name)].clone(), accepts)
    };
    let mut qualified: BTreeSet<String> = BTreeSet::new();
    for path in &split {
        let mut seen = BTreeSet::new();
        for piece in path {
            if let Piece::Placeholder(raw) = piece {
                let (name, _) = named(raw);
                if !seen.insert(name.clone()) {
                    qualified.insert(name);
                }
            }
        }
    }
    let mut params: Vec<PathParam> = Vec::new();
    let mut out = Vec::new();
    for path in &split {
        let mut text = String::new();
        let mut used: BTreeSet<String> = BTreeSet::new();
        for piece in path {
            match piece {
                Piece::Text(t) => text.push_str(t),
                Piece::Placeholder(raw) => {
                    let (mut name, accepts) = named(raw);
                    if qualified.contains(&name) {
                        if let Some(segment) = owner_segment(&text) {
                            let by_segment = format!("{}-{name}", singular(segment));
                            name = match segment_types.get(segment) {
                                Some(ty) if !used.contains(&format!("{ty}-{name}")) => {
                                    format!("{ty}-{name}")
                                }
                                _ => by_segment,
                            };
                        }
                    }
                    let base = name.clone();
                    let mut n = 2;
                    while used.contains(&name) {
                        name = format!("{base}-{n}");
                        n += 1;
                    }
                    used.insert(name.clone());
                    text.push('{');
                    text.push_str(&name);
                    text.push('}');
                    match params.iter_mut().find(|p| p.name == name) {
                        Some(p) => {
                            for a in accepts {
                                if !p.accepts.contains(&a) {
                                    p.accepts.push(a);
                                }
                            }
                        }
                        None => params.push(PathParam { name, accepts }),
                    }
                }
            }
        }
        out.push(text);
    }
    (out, params)
}

/// The module name of an API version: `v1.0` -> `v1_0`, `beta` -> `beta`.
/// Snake case as rustc wants a crate name: no leading, trailing or doubled
/// `_`.
pub fn version_module(version: &str) -> String {
    let mut s = String::new();
    for c in version.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.is_empty() && !s.ends_with('_') {
            s.push('_');
        }
    }
    while s.ends_with('_') {
        s.pop();
    }
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'v');
    }
    if is_keyword(&s) {
        s.push('_');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word split as it was first written (a `Vec<char>`, a `String`
    /// per word), which `for_each_word` must agree with.
    fn words_by_chars(name: &str) -> Vec<String> {
        let chars: Vec<char> = name.chars().collect();
        let mut words = Vec::new();
        let mut current = String::new();
        for (i, &c) in chars.iter().enumerate() {
            if !c.is_ascii_alphanumeric() {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
                continue;
            }
            if c.is_ascii_uppercase() && !current.is_empty() {
                let prev = chars[i - 1];
                let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
                if prev.is_ascii_lowercase()
                    || prev.is_ascii_digit()
                    || (prev.is_ascii_uppercase() && next_is_lower)
                {
                    words.push(std::mem::take(&mut current));
                }
            }
            current.push(c.to_ascii_lowercase());
        }
        if !current.is_empty() {
            words.push(current);
        }
        words
    }

    proptest::proptest! {
        #[test]
        fn names_are_cased_as_the_char_by_char_split_cases_them(
            name in "[a-cA-CxX0-9_ .@éÉ-]{0,12}"
        ) {
            let by_chars = words_by_chars(&name);
            proptest::prop_assert_eq!(words(&name), by_chars.clone());
            let mut snake = by_chars.join("_");
            if snake.is_empty() {
                snake = "field".into();
            }
            if snake.starts_with(|c: char| c.is_ascii_digit()) {
                snake.insert(0, 'n');
            }
            if is_keyword(&snake) {
                snake.push('_');
            }
            proptest::prop_assert_eq!(snake_case(&name), snake);
            let pascal: String = by_chars
                .iter()
                .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
                .collect();
            let expected = match pascal.as_str() {
                "" => "Unnamed".to_owned(),
                p if p.starts_with(|c: char| c.is_ascii_digit()) => format!("T{p}"),
                p => p.to_owned(),
            };
            let expected = if is_keyword(&expected) { expected + "_" } else { expected };
            proptest::prop_assert_eq!(pascal_case(&name), expected);
        }
    }

    #[test]
    fn camel_case_to_snake_case() {
        assert_eq!(snake_case("organizationName"), "organization_name");
        assert_eq!(snake_case("vppTokenAccountType"), "vpp_token_account_type");
        assert_eq!(snake_case("HTTPServer"), "http_server");
        assert_eq!(snake_case("ipv4Address"), "ipv4_address");
        assert_eq!(snake_case("isOAuthEnabled"), "is_o_auth_enabled");
    }

    #[test]
    fn keywords_get_a_trailing_underscore() {
        for (wire, rust) in [
            ("type", "type_"),
            ("ref", "ref_"),
            ("self", "self_"),
            ("match", "match_"),
            ("Self", "self_"),
        ] {
            assert_eq!(snake_case(wire), rust);
        }
        assert_eq!(pascal_case("self"), "Self_");
        assert_eq!(pascal_case("Self"), "Self_");
    }

    #[test]
    fn non_identifiers_become_identifiers() {
        assert_eq!(snake_case("@odata.type"), "odata_type");
        assert_eq!(snake_case("3dModel"), "n3d_model");
        assert_eq!(snake_case("content-type"), "content_type");
        assert_eq!(snake_case("a.b.c"), "a_b_c");
        assert_eq!(snake_case(""), "field");
        assert_eq!(snake_case("@@@"), "field");
        assert_eq!(snake_case("é"), "field");
        assert_eq!(snake_case("_"), "field");
        assert_eq!(pascal_case("3dModel"), "T3dModel");
        assert_eq!(pascal_case("ios_vpp-app"), "IosVppApp");
        assert_eq!(pascal_case(""), "Unnamed");
    }

    #[test]
    fn collisions_get_numbered() {
        let mut names = NameAllocator::new();
        assert_eq!(names.allocate(&snake_case("fooBar"), "_"), "foo_bar");
        assert_eq!(names.allocate(&snake_case("foo_bar"), "_"), "foo_bar_2");
        assert_eq!(names.allocate(&snake_case("FooBar"), "_"), "foo_bar_3");
        names.reserve("x");
        assert_eq!(names.allocate("x", "_"), "x_2");
        // `self` and `Self` both become `self_`; the second is not `self__2`.
        assert_eq!(names.allocate(&snake_case("self"), "_"), "self_");
        assert_eq!(names.allocate(&snake_case("Self"), "_"), "self_2");
        let mut flags = NameAllocator::new();
        flags.reserve("ColorSet");
        assert_eq!(
            flags.allocate_with_companions("Color", "", &["ParseError", "Set"]),
            "Color2"
        );
        assert!(flags.is_taken("Color2ParseError"));
        assert!(flags.is_taken("Color2Set"));
        let mut types = NameAllocator::new();
        assert_eq!(types.allocate(&pascal_case("user"), ""), "User");
        assert_eq!(types.allocate(&pascal_case("User"), ""), "User2");
        assert_eq!(types.allocate(&pascal_case("self"), ""), "Self_");
        assert_eq!(types.allocate(&pascal_case("Self"), ""), "Self2");
    }

    #[test]
    fn repeated_placeholders_are_named_by_their_owner() {
        let paths = vec![
            "/groups/{id}/threads/{id}/posts/{id}/attachments".to_owned(),
            "/groups/{id}/conversations/{id}/threads/{id}/posts/{id}/attachments".to_owned(),
        ];
        let (named, params) = name_placeholders(&paths, &SegmentTypes::new());
        assert_eq!(
            named,
            [
                "/groups/{group-id}/threads/{thread-id}/posts/{post-id}/attachments",
                "/groups/{group-id}/conversations/{conversation-id}/threads/{thread-id}/posts/{post-id}/attachments",
            ]
        );
        let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["group-id", "thread-id", "post-id", "conversation-id"]
        );
    }

    #[test]
    fn one_spelling_per_parameter_and_alternatives_are_one_parameter() {
        let (named, params) = name_placeholders(
            &["/users/{id | userPrincipalName}/messages".to_owned()],
            &SegmentTypes::new(),
        );
        assert_eq!(named, ["/users/{id}/messages"]);
        assert_eq!(params[0].name, "id");
        assert_eq!(params[0].accepts, ["id", "userPrincipalName"]);
        // A name repeated in one path is qualified in every path of the operation.
        let paths = vec![
            "/users/{id | userPrincipalName}/messages".to_owned(),
            "/teams/{teamId}/channels/{channel_id}".to_owned(),
            "/teams/{team-id}/members".to_owned(),
            "/me/drive/items/{id|name}/workbook/worksheets/{id|name}/tables/{Id}".to_owned(),
            "/categories/{id}/children/{id}".to_owned(),
        ];
        let (named, params) = name_placeholders(&paths, &SegmentTypes::new());
        assert_eq!(named[0], "/users/{user-id}/messages");
        assert_eq!(named[1], "/teams/{team-id}/channels/{channel_id}");
        assert_eq!(named[2], "/teams/{team-id}/members");
        assert_eq!(
            named[3],
            "/me/drive/items/{item-id}/workbook/worksheets/{worksheet-id}/tables/{table-id}"
        );
        assert_eq!(named[4], "/categories/{category-id}/children/{children-id}");
        assert_eq!(params[0].name, "user-id");
        assert_eq!(params[0].accepts, ["id", "userPrincipalName"]);
        let worksheet = params.iter().find(|p| p.name == "worksheet-id").unwrap();
        assert_eq!(worksheet.accepts, ["id", "name"]);
        // A path that repeats the same owner still names each once.
        let (named, _) = name_placeholders(&["/a/{id}/a/{id}".to_owned()], &SegmentTypes::new());
        assert_eq!(named, ["/a/{a-id}/a/{a-id-2}"]);
    }

    #[test]
    fn version_modules() {
        assert_eq!(version_module("v1.0"), "v1_0");
        assert_eq!(version_module("beta"), "beta");
        assert_eq!(version_module("1.0"), "v1_0");
        assert_eq!(version_module(""), "v");
        assert_eq!(version_module("*/ \"#"), "v");
        assert_eq!(version_module("-a..b-"), "a_b");
    }

    #[test]
    fn repeated_placeholders_take_the_type_of_the_collection_before_them() {
        let types: SegmentTypes = [
            ("threads", "conversationThread"),
            ("posts", "post"),
            ("mailFolders", "mailFolder"),
            ("childFolders", "mailFolder"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
        let (named, _) =
            name_placeholders(&["/groups/{id}/threads/{id}/posts/{id}".to_owned()], &types);
        assert_eq!(
            named,
            ["/groups/{group-id}/threads/{conversationThread-id}/posts/{post-id}"]
        );
        // Where the type's name is taken in the path, the segment names it.
        let (named, _) = name_placeholders(
            &["/me/mailFolders/{id}/childFolders/{id}".to_owned()],
            &types,
        );
        assert_eq!(
            named,
            ["/me/mailFolders/{mailFolder-id}/childFolders/{childFolder-id}"]
        );
    }
}
