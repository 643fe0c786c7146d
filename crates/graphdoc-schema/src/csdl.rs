//! CSDL (OData CSDL XML, Edmx 4.0) reading and writing.
//!
//! [`read`] turns a service's `$metadata` document into a [`Schema`] so that
//! it can be compared with what the docs say; [`write()`] turns a [`Schema`]
//! back into CSDL that other OData tools can read.
//!
//! What is read:
//! - `EntityType` / `ComplexType` → [`TypeDef`] (kind, `BaseType`, `Abstract`,
//!   `OpenType`, `Key` as the `PropertyRef` names joined with `,`);
//! - `Property` → [`PropertyKind::Structural`], `NavigationProperty` →
//!   [`PropertyKind::Navigation`]; `Type="Collection(T)"` sets
//!   `collection`; `Nullable="false"`/`"true"` → `Some(false)`/`Some(true)`,
//!   an absent `Nullable` stays `None` (the document said nothing);
//! - `EnumType` → [`EnumDef`] (`IsFlags`, `Member` `Name`/`Value`);
//! - `Org.OData.Core.V1.Description` annotations, inline or in an
//!   `Annotations` block targeting `ns.type`, `ns.type/property` or
//!   `ns.enum/member`, become descriptions; `Org.OData.Core.V1.Computed`
//!   on a property sets `read_only`.
//!
//! Type names are resolved through schema aliases (`graph.entity` →
//! `microsoft.graph.entity`); `Edm.*` names are kept. Every item's
//! [`Source`] is the file given to [`read`] and the line of its element.
//!
//! Not read: actions, functions, the entity container, and facets the model
//! has no field for (`ContainsTarget`, `HasStream`, `MaxLength`, other
//! annotation terms). [`Schema::version`] is left empty: CSDL does not
//! name the API version, so the caller sets it.

use crate::{
    qualify, split_qualified, EnumDef, EnumMember, Property, PropertyKind, Schema, Source, TypeDef,
    TypeKind, TypeRef,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

const EDMX_NS: &str = "http://docs.oasis-open.org/odata/ns/edmx";
const EDM_NS: &str = "http://docs.oasis-open.org/odata/ns/edm";
const CORE_DESCRIPTION: &str = "Org.OData.Core.V1.Description";
const CORE_COMPUTED: &str = "Org.OData.Core.V1.Computed";
const CORE_VOCABULARY_URI: &str =
    "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml";

/// Why a CSDL document could not be read, with the position of the cause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsdlError {
    /// The metadata file's name as the caller gave it.
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// 1-based.
    pub column: u32,
    /// What is wrong there.
    pub message: String,
}

impl std::fmt::Display for CsdlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for CsdlError {}

/// Byte offset → 1-based line and column, by binary search over line starts
/// (roxmltree's own `text_pos_at` rescans from the start on every call).
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let line_index = self.starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.starts[line_index];
        let column = text
            .get(line_start..offset)
            .map_or(1, |prefix| prefix.chars().count() + 1);
        (line_index as u32 + 1, column as u32)
    }
}

struct Reader<'t> {
    text: &'t str,
    file: &'t str,
    lines: LineIndex,
    /// Alias → namespace, over all schemas of the document.
    aliases: HashMap<String, String>,
}

impl<'t> Reader<'t> {
    fn source(&self, node: roxmltree::Node) -> Source {
        Source::new(
            self.file,
            self.lines.position(self.text, node.range().start).0,
        )
    }

    fn error(&self, node: roxmltree::Node, message: impl Into<String>) -> CsdlError {
        let (line, column) = self.lines.position(self.text, node.range().start);
        CsdlError {
            file: self.file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    fn required<'a>(
        &self,
        node: roxmltree::Node<'a, '_>,
        attribute: &str,
    ) -> Result<&'a str, CsdlError> {
        node.attribute(attribute).ok_or_else(|| {
            self.error(
                node,
                format!("<{}> has no {attribute} attribute", node.tag_name().name()),
            )
        })
    }

    fn bool_attribute(
        &self,
        node: roxmltree::Node,
        attribute: &str,
    ) -> Result<Option<bool>, CsdlError> {
        match node.attribute(attribute) {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(other) => Err(self.error(
                node,
                format!("{attribute}=\"{other}\" is neither \"true\" nor \"false\""),
            )),
        }
    }

    /// `graph.user` → `microsoft.graph.user`; other names unchanged.
    fn resolve(&self, name: &str) -> String {
        let (namespace, simple) = split_qualified(name);
        match self.aliases.get(namespace) {
            Some(full) => qualify(full, simple),
            None => name.to_string(),
        }
    }

    fn type_ref(&self, node: roxmltree::Node) -> Result<TypeRef, CsdlError> {
        let written = self.required(node, "Type")?;
        let (inner, collection) = match written
            .strip_prefix("Collection(")
            .and_then(|s| s.strip_suffix(')'))
        {
            Some(inner) => (inner, true),
            None => (written, false),
        };
        if inner.is_empty() {
            return Err(self.error(node, format!("Type=\"{written}\" names no type")));
        }
        Ok(TypeRef::new(self.resolve(inner), collection))
    }
}

fn is_edm(node: &roxmltree::Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace() == Some(EDM_NS)
}

fn edm_children<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    name: &'static str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> {
    node.children().filter(move |c| is_edm(c, name))
}

/// What the annotations of one element say, in the terms the model keeps.
#[derive(Default)]
struct Annotated {
    description: Option<String>,
    computed: Option<bool>,
}

impl Annotated {
    fn absorb(&mut self, reader: &Reader, annotation: roxmltree::Node) -> Result<(), CsdlError> {
        match annotation
            .attribute("Term")
            .map(|t| reader.resolve(t))
            .as_deref()
        {
            Some(CORE_DESCRIPTION) => {
                if let Some(text) = annotation.attribute("String") {
                    self.description = Some(text.to_string());
                }
            }
            Some(CORE_COMPUTED) => {
                // An annotation without a value means `true` for a Boolean term.
                self.computed = Some(reader.bool_attribute(annotation, "Bool")?.unwrap_or(true));
            }
            _ => {}
        }
        Ok(())
    }
}

/// Reads an OData CSDL XML document. `file` is used in [`Source`]s and errors.
pub fn read(xml: &str, file: &str) -> Result<Schema, CsdlError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let lines = LineIndex::new(xml);
    let document = roxmltree::Document::parse_with_options(xml, options).map_err(|e| {
        let pos = e.pos();
        // roxmltree says where too (`unknown token at 1:1`): the position
        // is the error's `file:line:col` already.
        let text = e.to_string();
        let what = text
            .strip_suffix(&format!(" at {}:{}", pos.row, pos.col))
            .unwrap_or(&text);
        CsdlError {
            file: file.to_string(),
            line: pos.row,
            column: pos.col,
            message: format!("not CSDL metadata, not even XML: {what}"),
        }
    })?;
    let mut reader = Reader {
        text: xml,
        file,
        lines,
        aliases: HashMap::new(),
    };

    let root = document.root_element();
    if root.tag_name().name() != "Edmx" || root.tag_name().namespace() != Some(EDMX_NS) {
        return Err(reader.error(
            root,
            format!(
                "the root element is <{}> in namespace {:?}, not <Edmx> in {EDMX_NS} (CSDL 4.0)",
                root.tag_name().name(),
                root.tag_name().namespace().unwrap_or("")
            ),
        ));
    }
    let schemas: Vec<roxmltree::Node> = root
        .children()
        .filter(|c| {
            c.is_element()
                && c.tag_name().name() == "DataServices"
                && c.tag_name().namespace() == Some(EDMX_NS)
        })
        .flat_map(|d| d.children())
        .filter(|c| c.is_element() && c.tag_name().name() == "Schema")
        .collect();
    // A Schema of another namespace is older CSDL, whose elements this
    // reader would silently skip.
    if let Some(other) = schemas
        .iter()
        .find(|s| s.tag_name().namespace() != Some(EDM_NS))
    {
        return Err(reader.error(
            *other,
            format!(
                "<Schema> is in namespace {:?}, not {EDM_NS} (CSDL 4.0)",
                other.tag_name().namespace().unwrap_or("")
            ),
        ));
    }
    // Vocabulary aliases (`Core` for `Org.OData.Core.V1`) come from the
    // references, type aliases from the schemas.
    let includes = root
        .children()
        .filter(|c| {
            c.is_element()
                && c.tag_name().name() == "Reference"
                && c.tag_name().namespace() == Some(EDMX_NS)
        })
        .flat_map(|r| r.children())
        .filter(|c| {
            c.is_element()
                && c.tag_name().name() == "Include"
                && c.tag_name().namespace() == Some(EDMX_NS)
        });
    for include in includes {
        if let (Some(namespace), Some(alias)) =
            (include.attribute("Namespace"), include.attribute("Alias"))
        {
            reader
                .aliases
                .insert(alias.to_string(), namespace.to_string());
        }
    }
    for schema in &schemas {
        let namespace = reader.required(*schema, "Namespace")?;
        if let Some(alias) = schema.attribute("Alias") {
            reader
                .aliases
                .insert(alias.to_string(), namespace.to_string());
        }
    }

    let mut out = Schema::default();
    let mut annotations: Vec<roxmltree::Node> = Vec::new();
    for schema in &schemas {
        let namespace = reader.required(*schema, "Namespace")?;
        for child in schema.children().filter(|c| c.is_element()) {
            match child.tag_name().name() {
                "EntityType" | "ComplexType" if child.tag_name().namespace() == Some(EDM_NS) => {
                    let def = read_type(&reader, child, namespace)?;
                    out.types.insert(def.qualified_name(), def);
                }
                "EnumType" if child.tag_name().namespace() == Some(EDM_NS) => {
                    let def = read_enum(&reader, child, namespace)?;
                    out.enums.insert(def.qualified_name(), def);
                }
                "Annotations" if child.tag_name().namespace() == Some(EDM_NS) => {
                    annotations.push(child)
                }
                _ => {}
            }
        }
    }
    for block in annotations {
        apply_annotations(&reader, block, &mut out)?;
    }
    Ok(out)
}

fn read_type(
    reader: &Reader,
    node: roxmltree::Node,
    namespace: &str,
) -> Result<TypeDef, CsdlError> {
    let kind = if node.tag_name().name() == "EntityType" {
        TypeKind::Entity
    } else {
        TypeKind::Complex
    };
    let key = match edm_children(node, "Key").next() {
        Some(key) => {
            let names = edm_children(key, "PropertyRef")
                .map(|r| reader.required(r, "Name"))
                .collect::<Result<Vec<_>, _>>()?;
            Some(names.join(","))
        }
        None => None,
    };
    let mut annotated = Annotated::default();
    for annotation in edm_children(node, "Annotation") {
        annotated.absorb(reader, annotation)?;
    }
    let mut structural = Vec::new();
    let mut navigation = Vec::new();
    for child in node.children().filter(|c| c.is_element()) {
        if is_edm(&child, "Property") {
            structural.push(read_property(reader, child, PropertyKind::Structural)?);
        } else if is_edm(&child, "NavigationProperty") {
            navigation.push(read_property(reader, child, PropertyKind::Navigation)?);
        }
    }
    // The model keeps structural properties before navigation ones.
    structural.append(&mut navigation);
    Ok(TypeDef {
        name: reader.required(node, "Name")?.to_string(),
        namespace: namespace.to_string(),
        kind,
        base_type: node.attribute("BaseType").map(|b| reader.resolve(b)),
        base_type_from: None,
        key,
        is_abstract: reader.bool_attribute(node, "Abstract")?.unwrap_or(false),
        is_open: reader.bool_attribute(node, "OpenType")?.unwrap_or(false),
        description: annotated.description.unwrap_or_default(),
        properties: structural,
        optional_properties: Vec::new(),
        source: reader.source(node),
    })
}

fn read_property(
    reader: &Reader,
    node: roxmltree::Node,
    kind: PropertyKind,
) -> Result<Property, CsdlError> {
    let mut annotated = Annotated::default();
    for annotation in edm_children(node, "Annotation") {
        annotated.absorb(reader, annotation)?;
    }
    Ok(Property {
        name: reader.required(node, "Name")?.to_string(),
        ty: reader.type_ref(node)?,
        kind,
        description: annotated.description.unwrap_or_default(),
        read_only: annotated.computed.unwrap_or(false),
        nullable: reader.bool_attribute(node, "Nullable")?,
        possible_values: Vec::new(),
        query_options: Vec::new(),
        required_on_create: false,
        source: reader.source(node),
    })
}

fn read_enum(
    reader: &Reader,
    node: roxmltree::Node,
    namespace: &str,
) -> Result<EnumDef, CsdlError> {
    let mut annotated = Annotated::default();
    for annotation in edm_children(node, "Annotation") {
        annotated.absorb(reader, annotation)?;
    }
    let mut members = Vec::new();
    for member in edm_children(node, "Member") {
        let value = match member.attribute("Value") {
            None => None,
            Some(v) => Some(v.trim().parse::<i64>().map_err(|_| {
                reader.error(member, format!("member value \"{v}\" is not an integer"))
            })?),
        };
        let mut member_annotated = Annotated::default();
        for annotation in edm_children(member, "Annotation") {
            member_annotated.absorb(reader, annotation)?;
        }
        members.push(EnumMember {
            name: reader.required(member, "Name")?.to_string(),
            value,
            description: member_annotated.description.unwrap_or_default(),
            source: reader.source(member),
        });
    }
    Ok(EnumDef {
        name: reader.required(node, "Name")?.to_string(),
        namespace: namespace.to_string(),
        is_flags: reader.bool_attribute(node, "IsFlags")?.unwrap_or(false),
        description: annotated.description.unwrap_or_default(),
        members,
        source: reader.source(node),
    })
}

/// Applies an `<Annotations Target="…">` block to the type, property, enum
/// or member it targets; targets the model does not keep are skipped.
fn apply_annotations(
    reader: &Reader,
    block: roxmltree::Node,
    schema: &mut Schema,
) -> Result<(), CsdlError> {
    let target = reader.required(block, "Target")?;
    let mut annotated = Annotated::default();
    for annotation in edm_children(block, "Annotation") {
        annotated.absorb(reader, annotation)?;
    }
    // Operation targets carry a parameter list: `ns.op(ns.type)`.
    if target.contains('(') {
        return Ok(());
    }
    let (path, member) = match target.split_once('/') {
        Some((path, member)) => (path, Some(member)),
        None => (target, None),
    };
    let qualified = reader.resolve(path);
    if let Some(def) = schema.types.get_mut(&qualified) {
        match member {
            None => {
                if let Some(d) = annotated.description {
                    def.description = d;
                }
            }
            Some(name) => {
                if let Some(p) = def.properties.iter_mut().find(|p| p.name == name) {
                    if let Some(d) = annotated.description {
                        p.description = d;
                    }
                    if let Some(c) = annotated.computed {
                        p.read_only = c;
                    }
                }
            }
        }
    } else if let Some(def) = schema.enums.get_mut(&qualified) {
        let description = match member {
            None => Some(&mut def.description),
            Some(name) => def
                .members
                .iter_mut()
                .find(|m| m.name == name)
                .map(|m| &mut m.description),
        };
        if let (Some(slot), Some(d)) = (description, annotated.description) {
            *slot = d;
        }
    }
    Ok(())
}

/// Escapes text for an XML attribute value in double quotes. Whitespace
/// other than space is written as a character reference because attribute
/// value normalisation would turn it into a space.
fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Characters XML 1.0 cannot carry at all are dropped.
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn description_annotation(out: &mut String, indent: &str, description: &str) {
    let _ = writeln!(
        out,
        "{indent}<Annotation Term=\"{CORE_DESCRIPTION}\" String=\"{}\" />",
        escape_attribute(description)
    );
}

/// Writes a schema as an Edmx 4.0 document: one `<Schema>` per namespace in
/// name order, enums then types in name order, all type names fully
/// qualified (no alias). Descriptions and `read_only` are written as inline
/// `Core.Description` / `Core.Computed` annotations. Operations are not
/// written.
pub fn write(schema: &Schema) -> String {
    let mut namespaces: BTreeSet<&str> = BTreeSet::new();
    namespaces.extend(schema.types.values().map(|t| t.namespace.as_str()));
    namespaces.extend(schema.enums.values().map(|e| e.namespace.as_str()));
    let mut enums_by_namespace: BTreeMap<&str, Vec<&EnumDef>> = BTreeMap::new();
    for e in schema.enums.values() {
        enums_by_namespace
            .entry(e.namespace.as_str())
            .or_default()
            .push(e);
    }
    let mut types_by_namespace: BTreeMap<&str, Vec<&TypeDef>> = BTreeMap::new();
    for t in schema.types.values() {
        types_by_namespace
            .entry(t.namespace.as_str())
            .or_default()
            .push(t);
    }

    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(out, "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"{EDMX_NS}\">");
    let _ = writeln!(out, "  <edmx:Reference Uri=\"{CORE_VOCABULARY_URI}\">");
    out.push_str("    <edmx:Include Namespace=\"Org.OData.Core.V1\" />\n");
    out.push_str("  </edmx:Reference>\n");
    out.push_str("  <edmx:DataServices>\n");
    for namespace in namespaces {
        let _ = writeln!(
            out,
            "    <Schema Namespace=\"{}\" xmlns=\"{EDM_NS}\">",
            escape_attribute(namespace)
        );
        for e in enums_by_namespace.get(namespace).into_iter().flatten() {
            write_enum(&mut out, e);
        }
        for t in types_by_namespace.get(namespace).into_iter().flatten() {
            write_type(&mut out, t);
        }
        out.push_str("    </Schema>\n");
    }
    out.push_str("  </edmx:DataServices>\n");
    out.push_str("</edmx:Edmx>\n");
    out
}

fn write_enum(out: &mut String, e: &EnumDef) {
    let _ = write!(
        out,
        "      <EnumType Name=\"{}\"",
        escape_attribute(&e.name)
    );
    if e.is_flags {
        out.push_str(" IsFlags=\"true\"");
    }
    out.push_str(">\n");
    for m in &e.members {
        let _ = write!(
            out,
            "        <Member Name=\"{}\"",
            escape_attribute(&m.name)
        );
        if let Some(v) = m.value {
            let _ = write!(out, " Value=\"{v}\"");
        }
        if m.description.is_empty() {
            out.push_str(" />\n");
        } else {
            out.push_str(">\n");
            description_annotation(out, "          ", &m.description);
            out.push_str("        </Member>\n");
        }
    }
    if !e.description.is_empty() {
        description_annotation(out, "        ", &e.description);
    }
    out.push_str("      </EnumType>\n");
}

fn write_type(out: &mut String, t: &TypeDef) {
    let element = match t.kind {
        TypeKind::Entity => "EntityType",
        TypeKind::Complex => "ComplexType",
    };
    let _ = write!(
        out,
        "      <{element} Name=\"{}\"",
        escape_attribute(&t.name)
    );
    if let Some(base) = &t.base_type {
        let _ = write!(out, " BaseType=\"{}\"", escape_attribute(base));
    }
    if t.is_abstract {
        out.push_str(" Abstract=\"true\"");
    }
    if t.is_open {
        out.push_str(" OpenType=\"true\"");
    }
    out.push_str(">\n");
    if let Some(key) = &t.key {
        out.push_str("        <Key>\n");
        for name in key.split(',') {
            let _ = writeln!(
                out,
                "          <PropertyRef Name=\"{}\" />",
                escape_attribute(name)
            );
        }
        out.push_str("        </Key>\n");
    }
    for p in &t.properties {
        write_property(out, p);
    }
    if !t.description.is_empty() {
        description_annotation(out, "        ", &t.description);
    }
    let _ = writeln!(out, "      </{element}>");
}

fn write_property(out: &mut String, p: &Property) {
    let element = match p.kind {
        PropertyKind::Structural => "Property",
        PropertyKind::Navigation => "NavigationProperty",
    };
    let _ = write!(
        out,
        "        <{element} Name=\"{}\" Type=\"{}\"",
        escape_attribute(&p.name),
        escape_attribute(&p.ty.to_string())
    );
    if let Some(nullable) = p.nullable {
        let _ = write!(out, " Nullable=\"{nullable}\"");
    }
    if p.description.is_empty() && !p.read_only {
        out.push_str(" />\n");
        return;
    }
    out.push_str(">\n");
    if !p.description.is_empty() {
        description_annotation(out, "          ", &p.description);
    }
    if p.read_only {
        let _ = writeln!(
            out,
            "          <Annotation Term=\"{CORE_COMPUTED}\" Bool=\"true\" />"
        );
    }
    let _ = writeln!(out, "        </{element}>");
}
