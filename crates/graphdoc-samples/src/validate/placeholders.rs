//! Type placeholders of resource representations (`"Int32"`, `"String
//! (timestamp)"`, `"microsoft.graph.x"`) against the property table's type.
//! [`edm::placeholder::read`] reads them; this resolves the names they give
//! and compares.

use super::checker::Checker;
use super::{FindingKind, Lookup, Named};
use graphdoc_schema::{edm, TypeRef};

impl Checker<'_, '_> {
    /// A representation placeholder (`"Int32"`, `"String (timestamp)"`,
    /// `"microsoft.graph.x"`) against the property table's type.
    pub(super) fn placeholder(&mut self, s: &str, ty: &TypeRef, pointer: &str) {
        let Some(said) = placeholder_type(self.lookup, s) else {
            // `"values": "Json"` names the property's own type by its simple name.
            let own_name = graphdoc_schema::split_qualified(&ty.name).1;
            if (!ty.is_primitive() || ty.collection) && !s.trim().eq_ignore_ascii_case(own_name) {
                self.find(
                    FindingKind::WrongJsonType,
                    pointer,
                    format!(
                        "expected {} ({ty}), found the string \"{s}\"",
                        if ty.collection {
                            "an array"
                        } else {
                            "an object"
                        }
                    ),
                );
            }
            return;
        };
        let table = ty.name.as_str();
        let ok = match &said {
            Placeholder::AnyInteger => !ty.collection && edm::is_integer(table),
            Placeholder::AnyNumber => !ty.collection && edm::is_numeric(table),
            Placeholder::AnyString => {
                !ty.collection
                    && (edm::is_string_valued(table)
                        || matches!(self.lookup.named(table), Some(Named::Enum(_))))
            }
            Placeholder::Primitive(p) => !ty.collection && p == table,
            Placeholder::Named(n) => {
                let table_q = self.lookup.named(table).map(|t| match t {
                    Named::Structured(q) | Named::Enum(q) => q.to_string(),
                });
                table_q.as_deref() == Some(n.as_str())
                    || table_q
                        .as_deref()
                        .is_some_and(|b| self.lookup.derives_from(n, b))
            }
        };
        if !ok {
            let said_text = match &said {
                Placeholder::AnyString => "Edm.String".to_string(),
                Placeholder::AnyInteger => "an integer".to_string(),
                Placeholder::AnyNumber => "a number".to_string(),
                Placeholder::Primitive(p) | Placeholder::Named(p) => p.clone(),
            };
            self.find(
                FindingKind::PlaceholderDrift,
                pointer,
                format!(
                    "the representation says \"{s}\" ({said_text}), the property table says {ty}"
                ),
            );
        }
    }
}

#[derive(Debug, PartialEq)]
pub(super) enum Placeholder {
    /// `"String"`: fits any type sent as a JSON string.
    AnyString,
    /// `"Integer"`: fits any integer type.
    AnyInteger,
    /// `"Number"`: fits any numeric type.
    AnyNumber,
    /// `Edm.Int32` etc.
    Primitive(String),
    /// A type the docs define.
    Named(String),
}

/// A placeholder as [`edm::placeholder::read`] reads it, with a named type
/// resolved against the docs' types (one they do not define is no
/// placeholder).
pub(super) fn placeholder_type(lookup: &Lookup, s: &str) -> Option<Placeholder> {
    Some(match edm::placeholder::read(s)? {
        edm::placeholder::Placeholder::AnyString => Placeholder::AnyString,
        edm::placeholder::Placeholder::AnyInteger => Placeholder::AnyInteger,
        edm::placeholder::Placeholder::AnyNumber => Placeholder::AnyNumber,
        edm::placeholder::Placeholder::Primitive(p) => Placeholder::Primitive(p.to_string()),
        edm::placeholder::Placeholder::Named(name) => match lookup.named(name)? {
            Named::Structured(q) | Named::Enum(q) => Placeholder::Named(q.to_string()),
        },
    })
}
