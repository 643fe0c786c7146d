//! Second pass: qualify type names against everything one version defines.
//!
//! `merge` gathers all pages' items (one type from several pages), `index`
//! resolves names, `bases` decides base types, `kinds` entity vs complex,
//! `paths` follows API paths, `build` makes the schema's items, and
//! `per_path` / `per_form` split operations whose paths or request forms
//! answer different types or shapes.

use crate::page::PageItems;
use crate::{Loaded, PageInput};
use graphdoc_schema::{Operation, Schema};

mod bases;
mod build;
mod index;
mod kinds;
mod merge;
mod paths;
mod per_form;
mod per_path;
pub(crate) mod shape;

#[cfg(test)]
mod fixtures;

use index::{Index, Resolver};
use kinds::Identity;
use paths::{properties_from_paths, PathIndex};

pub fn resolve(
    version: &str,
    pages: &[PageInput],
    parsed: Vec<PageItems>,
    companion: Option<crate::Companion>,
) -> Loaded {
    let mut diagnostics = Vec::new();
    let merge::Gathered {
        types: mut types_by_name,
        enums,
        operations: raw_ops,
    } = merge::gather(pages, parsed, &mut diagnostics);
    let index = Index::new(&types_by_name, &enums, &mut diagnostics);

    // Base types first: kinds depend on them. What follows the stated ones
    // only fills in bases a page leaves unstated; a page that says
    // `"baseType": null` has stated one.
    let mut resolver = Resolver {
        index: &index,
        diagnostics: &mut diagnostics,
    };
    let mut bases = bases::stated(&types_by_name, &mut resolver);
    bases::from_derived_types(&mut bases, &types_by_name, &index);
    bases::from_inherited_rows(&mut bases, &types_by_name, &index);
    let paths = PathIndex::new(&raw_ops, &types_by_name, &index);
    bases::from_responses(&mut bases, &types_by_name, &raw_ops, &paths, &index);
    if let Some(companion) = companion {
        bases::from_other_version(
            &mut bases,
            &types_by_name,
            companion,
            &index,
            &mut diagnostics,
        );
    }
    let identity = Identity::new(
        &types_by_name,
        &bases,
        &raw_ops,
        &paths,
        &index,
        &mut diagnostics,
    );
    bases::from_identity(&mut bases, &types_by_name, &identity);
    bases::prose_against_annotation(&mut bases, &types_by_name, &index, &mut diagnostics);
    let kinds = kinds::kinds(&types_by_name, &bases, &identity);

    let from_paths =
        properties_from_paths(&raw_ops, &paths, &types_by_name, &bases, &kinds, &index);
    drop(paths);
    for (owner, property, note) in from_paths {
        diagnostics.push(note);
        if let Some(t) = types_by_name.get_mut(&owner) {
            t.properties.push(property);
        }
    }

    let decided = build::Decided {
        index: &index,
        bases: &bases,
        identity: &identity,
        kinds: &kinds,
    };
    let types = build::types(types_by_name, &decided, &mut diagnostics);
    let operations = build::operations(raw_ops, &index, &kinds, &mut diagnostics);
    let mut schema = Schema {
        version: version.to_string(),
        types,
        enums,
        operations: Vec::new(),
    };
    schema.operations = split_each(operations, &schema, per_path::split);
    schema.operations = split_each(
        std::mem::take(&mut schema.operations),
        &schema,
        per_form::split,
    );
    let names = graphdoc_schema::names::Names::of(&schema);
    let widened: Vec<_> = schema
        .operations
        .iter()
        .map(|op| shape::items_base(op, &schema, &names))
        .collect();
    for (op, widened) in schema.operations.iter_mut().zip(widened) {
        if let Some((base, note)) = widened {
            op.response_type = Some(base);
            diagnostics.push(note);
        }
    }
    Loaded {
        schema,
        diagnostics,
    }
}

/// Each operation in order, replaced by what `split` makes of it: itself,
/// or the operations it splits into (`per_path`, `per_form`).
fn split_each(
    operations: Vec<Operation>,
    schema: &Schema,
    split: fn(Operation, &Schema) -> Vec<Operation>,
) -> Vec<Operation> {
    operations
        .into_iter()
        .flat_map(|op| split(op, schema))
        .collect()
}
