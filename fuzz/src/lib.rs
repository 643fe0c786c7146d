//! What each fuzz target checks, kept out of `fuzz_targets/` so that a
//! crash input can be replayed in a plain test as well.
//!
//! Each function panics exactly when graphdoc misbehaves on the input: a
//! panic inside graphdoc, a diagnostic or item pointing at a line the input
//! does not have, generated Rust that does not parse, a CSDL document that
//! graphdoc writes but cannot read back.

use graphdoc_docs::{load_pages, Loaded, PageInput, PageKind};
use graphdoc_schema::{
    EnumDef, EnumMember, Property, PropertyKind, Schema, Source, TypeDef, TypeKind, TypeRef,
};

/// Lines of `bytes` as the docs front-end counts them (CR, LF and CRLF end
/// a line; invalid UTF-8 is read as U+FFFD).
fn line_count(bytes: &[u8]) -> u32 {
    let text = String::from_utf8_lossy(bytes)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    text.lines().count() as u32
}

fn check_line(what: &str, source: &Source, file: &str, lines: u32) {
    if source.file == file {
        assert!(
            (1..=lines + 1).contains(&source.line),
            "{what} at line {} of a {lines}-line page",
            source.line
        );
    }
}

/// Loads one page and checks that everything it says points into it.
fn load_and_check(version: &str, kind: PageKind, bytes: Vec<u8>) -> Loaded {
    let path = "fuzz/api-reference/page.md".to_string();
    let lines = line_count(&bytes);
    let loaded = load_pages(
        version,
        vec![PageInput {
            path: path.clone(),
            kind,
            bytes,
        }],
    );
    for d in &loaded.diagnostics {
        assert_eq!(d.file, path, "diagnostic about another file: {d}");
        assert!(
            (1..=lines + 1).contains(&d.line),
            "diagnostic at line {} of a {lines}-line page: {d}",
            d.line
        );
        assert!(d.column.is_none_or(|c| c >= 1), "column 0: {d}");
    }
    let s = &loaded.schema;
    for t in s.types.values() {
        check_line("type", &t.source, &path, lines);
        for p in &t.properties {
            check_line("property", &p.source, &path, lines);
        }
    }
    for e in s.enums.values() {
        check_line("enum", &e.source, &path, lines);
        for m in &e.members {
            check_line("enum member", &m.source, &path, lines);
        }
    }
    for o in &s.operations {
        check_line("operation", &o.source, &path, lines);
        for x in &o.examples {
            check_line("example", &x.source, &path, lines);
        }
    }
    loaded
}

/// Target `markdown_page`: the first byte picks the page kind and version,
/// the rest is the page. A page without CR must also read the same with
/// CRLF line ends.
pub fn markdown_page(data: &[u8]) {
    let Some((&selector, page)) = data.split_first() else {
        return;
    };
    let kind = if selector & 1 == 0 {
        PageKind::Resource
    } else {
        PageKind::Api
    };
    let version = if selector & 2 == 0 { "v1.0" } else { "beta" };
    let lf = load_and_check(version, kind, page.to_vec());
    if !page.contains(&b'\r') {
        let crlf: Vec<u8> = page
            .iter()
            .flat_map(|&b| {
                if b == b'\n' {
                    vec![b'\r', b'\n']
                } else {
                    vec![b]
                }
            })
            .collect();
        let from_crlf = load_and_check(version, kind, crlf);
        assert_eq!(
            lf, from_crlf,
            "CRLF line ends change what the page reads as"
        );
    }
}

/// Target `annotation`: the input is the body of every annotation comment
/// (`<!-- … -->`) of a resource page and of an API page.
pub fn annotation(data: &[u8]) {
    let body = String::from_utf8_lossy(data);
    let resource = format!(
        "---\ntitle: \"widget resource type\"\n---\n\n# widget resource type\n\nNamespace: microsoft.graph\n\n\
         ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. Read-only. |\n\
         | size | Int32 | The size. |\n\n## JSON representation\n\n<!-- {body} -->\n```json\n{{\n  \"id\": \"String (identifier)\",\n  \"size\": 1024\n}}\n```\n"
    );
    load_and_check("v1.0", PageKind::Resource, resource.into_bytes());
    let api = format!(
        "---\ntitle: \"Get widget\"\n---\n\n# Get widget\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n\
         <!-- {body} -->\n```http\nGET /widgets/{{id}}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.\n\n\
         ## Example\n\n### Request\n\n<!-- {body} -->\n```http\nGET https://graph.microsoft.com/v1.0/widgets/1\n```\n\n\
         ### Response\n\n<!-- {body} -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{{\n  \"id\": \"1\"\n}}\n```\n"
    );
    load_and_check("v1.0", PageKind::Api, api.into_bytes());
}

/// Target `csdl_read`: the input is a CSDL document. An error must point
/// into the document; a schema read must write back to CSDL that reads
/// again with the same types and enums.
pub fn csdl_read(data: &[u8]) {
    let Ok(xml) = std::str::from_utf8(data) else {
        return;
    };
    let lines = xml.lines().count() as u32;
    match graphdoc_schema::csdl::read(xml, "fuzz.xml") {
        Err(e) => {
            assert!(
                e.line >= 1 && e.line <= lines + 1 && e.column >= 1,
                "error position {}:{} in a {lines}-line document: {e}",
                e.line,
                e.column
            );
        }
        Ok(schema) => {
            let written = graphdoc_schema::csdl::write(&schema);
            let again = graphdoc_schema::csdl::read(&written, "written.xml").unwrap_or_else(|e| {
                panic!("graphdoc cannot read the CSDL it wrote: {e}\n{written}")
            });
            assert_eq!(
                schema.types.keys().collect::<Vec<_>>(),
                again.types.keys().collect::<Vec<_>>(),
                "types change through write and read"
            );
            assert_eq!(
                schema.enums.keys().collect::<Vec<_>>(),
                again.enums.keys().collect::<Vec<_>>(),
                "enums change through write and read"
            );
        }
    }
}

/// Target `codegen`: a schema (JSON when the input starts with `{`, else
/// built from the bytes out of awkward names) must generate Rust files that
/// all parse.
pub fn codegen(data: &[u8]) {
    let schema = if data.first() == Some(&b'{') {
        match serde_json::from_slice::<Schema>(data) {
            Ok(s) => s,
            Err(_) => return,
        }
    } else {
        schema_from_bytes(data)
    };
    let generated = graphdoc_codegen::generate(&[schema], &graphdoc_codegen::Options::default());
    // The runtime and the derive are copied verbatim, whatever the schema:
    // parsing them once per process rather than once per input makes the
    // target about 2.5 times faster.
    static VERBATIM_PARSED: std::sync::atomic::AtomicBool =
        std::sync::atomic::AtomicBool::new(false);
    let skip_verbatim = VERBATIM_PARSED.load(std::sync::atomic::Ordering::Relaxed);
    for file in &generated.files {
        let verbatim = file.path.starts_with("runtime/") || file.path.starts_with("derive/");
        if verbatim && skip_verbatim {
            continue;
        }
        if file.path.ends_with(".rs") {
            if let Err(e) = syn::parse_file(&file.contents) {
                panic!(
                    "generated {} does not parse: {e}\n{}",
                    file.path, file.contents
                );
            }
        }
    }
    VERBATIM_PARSED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Target `tolerant_json`: the input is the text of a doc JSON block, read
/// by the samples' tolerant reader. Every position it reports must lie in
/// the text, every value it returns must have a position, its notes must
/// be in text order, and JSON that `serde_json` reads must read the same
/// (only duplicate keys noted, only nesting beyond its cap refused).
pub fn tolerant_json(data: &[u8]) {
    use graphdoc_samples::tolerant::{self, Forgiven, Pos};
    let text = String::from_utf8_lossy(data);
    // The reader counts `\n` only, and columns in chars.
    let line_lengths: Vec<usize> = text.split('\n').map(|l| l.chars().count()).collect();
    let inside = |what: &str, pos: Pos| {
        let line = pos.line as usize;
        assert!(
            line >= 1
                && line <= line_lengths.len()
                && pos.column >= 1
                && pos.column as usize <= line_lengths[line - 1] + 1,
            "{what} at {}:{} is outside the text ({} lines)",
            pos.line,
            pos.column,
            line_lengths.len()
        );
    };
    let read = tolerant::read(&text);
    match &read {
        Err(e) => inside(&format!("error `{}`", e.message), e.pos),
        Ok(r) => {
            for n in &r.forgiven {
                inside(n.kind.describe(), n.pos);
            }
            assert!(
                r.forgiven.windows(2).all(|w| w[0].pos <= w[1].pos),
                "notes out of text order: {:?}",
                r.forgiven
            );
            for (pointer, pos) in &r.positions {
                inside(&format!("value {pointer:?}"), *pos);
            }
            let mut pointers = Vec::new();
            value_pointers(&r.value, &mut String::new(), &mut pointers);
            for p in pointers {
                assert!(r.positions.contains_key(&p), "value {p:?} has no position");
            }
        }
    }
    if let Ok(strict) = serde_json::from_str::<serde_json::Value>(&text) {
        match read {
            Ok(r) => {
                assert_eq!(r.value, strict, "strict JSON reads differently");
                assert!(
                    r.forgiven.iter().all(|n| n.kind == Forgiven::DuplicateKey),
                    "strict JSON with notes: {:?}",
                    r.forgiven
                );
            }
            Err(e) => assert!(
                e.message.contains("nesting deeper"),
                "strict JSON refused: {e}"
            ),
        }
    }
}

fn value_pointers(value: &serde_json::Value, pointer: &mut String, out: &mut Vec<String>) {
    out.push(pointer.clone());
    let len = pointer.len();
    match value {
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointer.push('/');
                pointer.push_str(&i.to_string());
                value_pointers(item, pointer, out);
                pointer.truncate(len);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                pointer.push('/');
                pointer.push_str(&graphdoc_samples::tolerant::pointer_segment(key));
                value_pointers(item, pointer, out);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Names that have broken code generators: keywords, raw identifiers,
/// leading digits, non-ASCII, separators, case collisions, the empty name.
const NAMES: &[&str] = &[
    "id",
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "r#type",
    "async",
    "await",
    "fn",
    "match",
    "dyn",
    "try",
    "union",
    "_",
    "__",
    "",
    "0abc",
    "9",
    "café",
    "名前",
    "a-b",
    "a.b",
    "a b",
    "@odata.type",
    "odata.nextLink",
    "FooBar",
    "fooBar",
    "foo_bar",
    "FOO_BAR",
    "fooBAR",
    "unknownFutureValue",
    "None",
    "Some",
    "Option",
    "String",
    "Vec",
    "Box",
    "Result",
    "std",
    "core",
    "serde",
    "user",
    "entity",
    "value",
    "default",
    "new",
    "from",
    "into",
    "graph",
    "mod",
    "lib",
    "test",
    "x",
    "X",
    "a\u{0}b",
    "a\"b",
    "a*/b",
    "\\",
    "ẞ",
    "İ",
];

const NAMESPACES: &[&str] = &[
    "microsoft.graph",
    "microsoft.graph.callRecords",
    "microsoft.graph.security",
    "",
    "a..b",
    "Edm",
    "self",
    "microsoft.graph.type",
];

const PRIMITIVES: &[&str] = &[
    "Edm.String",
    "Edm.Int32",
    "Edm.Int64",
    "Edm.Boolean",
    "Edm.DateTimeOffset",
    "Edm.Guid",
    "Edm.Double",
    "Edm.Binary",
    "Edm.Stream",
    "Edm.Duration",
    "Edm.Date",
    "Edm.TimeOfDay",
    "Edm.Byte",
    "Edm.SByte",
    "Edm.Int16",
    "Edm.Single",
    "Edm.Decimal",
    "Edm.Unknown",
    "Edm.",
];

const DESCRIPTIONS: &[&str] = &[
    "",
    "A plain description.",
    "Ends in a backslash \\",
    "Has */ and /* and \"quotes\" and ``` fences",
    "Line one\nline two\r\nline three",
    "#[doc = \"x\"] <b>html</b> [link](x.md)",
    "\u{0}\u{7f}\u{202e}",
];

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn below(&mut self, n: usize) -> usize {
        self.byte() as usize % n
    }

    fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    fn pick<'s>(&mut self, items: &[&'s str]) -> &'s str {
        items[self.below(items.len())]
    }

    /// A name from the list, or (one time in eight) raw bytes of the input.
    fn name(&mut self) -> String {
        if self.below(8) == 7 {
            let len = self.below(12).min(self.0.len());
            let (raw, rest) = self.0.split_at(len);
            self.0 = rest;
            String::from_utf8_lossy(raw).into_owned()
        } else {
            self.pick(NAMES).to_string()
        }
    }
}

/// A schema whose shape and names come from `data`.
pub fn schema_from_bytes(data: &[u8]) -> Schema {
    let mut r = Reader(data);
    let source = |line: usize| Source::new("fuzz.md", line as u32 + 1);
    let mut schema = Schema {
        version: r.pick(&["v1.0", "beta", "", "v2", "1.0"]).to_string(),
        ..Schema::default()
    };
    let enum_count = r.below(4);
    for i in 0..enum_count {
        let members = (0..r.below(6))
            .map(|j| EnumMember {
                name: r.name(),
                value: r
                    .flag()
                    .then(|| i64::from(r.byte() as i8) * if r.flag() { i64::MAX / 127 } else { 1 }),
                description: r.pick(DESCRIPTIONS).to_string(),
                source: source(j),
            })
            .collect();
        let e = EnumDef {
            name: r.name(),
            namespace: r.pick(NAMESPACES).to_string(),
            is_flags: r.flag(),
            description: r.pick(DESCRIPTIONS).to_string(),
            members,
            source: source(i),
        };
        schema.enums.insert(e.qualified_name(), e);
    }
    let type_count = r.below(6);
    let mut type_names: Vec<String> = Vec::new();
    let mut types = Vec::new();
    for i in 0..type_count {
        let name = r.name();
        let namespace = r.pick(NAMESPACES).to_string();
        type_names.push(graphdoc_schema::qualify(&namespace, &name));
        types.push((i, name, namespace));
    }
    let enum_names: Vec<String> = schema.enums.keys().cloned().collect();
    for (i, name, namespace) in types {
        let mut referable: Vec<&str> = PRIMITIVES.to_vec();
        referable.extend(type_names.iter().map(String::as_str));
        referable.extend(enum_names.iter().map(String::as_str));
        referable.push("microsoft.graph.missing");
        let properties = (0..r.below(8))
            .map(|j| Property {
                name: r.name(),
                ty: TypeRef::new(r.pick(&referable), r.flag()),
                kind: if r.flag() {
                    PropertyKind::Navigation
                } else {
                    PropertyKind::Structural
                },
                description: r.pick(DESCRIPTIONS).to_string(),
                read_only: r.flag(),
                nullable: [None, Some(true), Some(false)][r.below(3)],
                possible_values: (0..r.below(3)).map(|_| r.name()).collect(),
                query_options: Vec::new(),
                required_on_create: r.flag(),
                source: source(j),
            })
            .collect();
        let t = TypeDef {
            name,
            namespace,
            kind: if r.flag() {
                TypeKind::Entity
            } else {
                TypeKind::Complex
            },
            base_type: r.flag().then(|| r.pick(&referable).to_string()),
            base_type_from: None,
            key: r.flag().then(|| r.name()),
            is_abstract: r.flag(),
            is_open: r.flag(),
            description: r.pick(DESCRIPTIONS).to_string(),
            properties,
            optional_properties: Vec::new(),
            source: source(i),
        };
        schema.types.insert(t.qualified_name(), t);
    }
    schema
}
