//! What the rules comparing v1.0 with beta (GL0011, GL0012) share: the
//! properties of the types both versions define, side by side.

use graphdoc_schema::{Property, Schema, TypeDef};

/// A v1.0 property of a type beta defines too.
pub(crate) struct Pair<'a> {
    /// The type in v1.0.
    pub v1_type: &'a TypeDef,
    /// The same type in beta.
    pub beta_type: &'a TypeDef,
    /// One of the v1.0 type's own properties.
    pub v1: &'a Property,
    /// Beta's property of that name (ignoring case), own or inherited.
    pub beta: Option<&'a Property>,
}

/// Every own property of every v1.0 type that beta also defines, in type
/// and table order.
pub(crate) fn property_pairs<'a>(v1: &'a Schema, beta: &'a Schema) -> Vec<Pair<'a>> {
    let mut out = Vec::new();
    for (name, v1_type) in &v1.types {
        let Some(beta_type) = beta.types.get(name) else {
            continue;
        };
        let beta_props = beta.flattened_properties(name);
        for p in &v1_type.properties {
            out.push(Pair {
                v1_type,
                beta_type,
                v1: p,
                beta: beta_props
                    .iter()
                    .copied()
                    .find(|q| q.name.eq_ignore_ascii_case(&p.name)),
            });
        }
    }
    out
}

/// The note under a finding about a v1.0 property: where v1.0 has it.
pub(crate) fn defined_in_v1(p: &Property) -> String {
    format!("v1.0 defines it at {}:{}", p.source.file, p.source.line)
}
