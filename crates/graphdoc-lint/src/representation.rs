//! The JSON representation block of a resource page, read with positions
//! (GL0002 and GL0003 compare it with the Properties table).

use graphdoc_docs::markdown::Block;
use graphdoc_schema::split_qualified;
use serde_json::{Map, Value};

/// The resource's JSON representation: the first code block after a
/// `"blockType": "resource"` annotation whose type (`@odata.type`/`@type`) names the type
/// (or that has none): its object (the first item of an array) and the
/// page line the block starts at.
pub(crate) fn representation(
    blocks: &[Block<'_>],
    type_name: &str,
) -> Option<(Map<String, Value>, u32)> {
    let mut pending: Option<&str> = None;
    for b in blocks {
        match b {
            Block::Comment { text, .. }
                if text.contains("blockType") && text.contains("\"resource\"") =>
            {
                pending = Some(text.as_str());
            }
            Block::Code {
                text: code, line, ..
            } => {
                let Some(annotation) = pending.take() else {
                    continue;
                };
                let names_other = annotation_type(annotation)
                    .is_some_and(|t| !split_qualified(&t).1.eq_ignore_ascii_case(type_name));
                if names_other {
                    continue;
                }
                let value = match crate::json::read_value(code)? {
                    Value::Array(mut items) if !items.is_empty() => items.swap_remove(0),
                    value => value,
                };
                return match value {
                    Value::Object(object) => Some((object, *line)),
                    _ => None,
                };
            }
            Block::Heading { .. } | Block::Table(_) => pending = None,
            _ => {}
        }
    }
    None
}

fn annotation_type(annotation: &str) -> Option<String> {
    let start = annotation.find('{')?;
    let end = annotation.rfind('}')?;
    let v: serde_json::Value = serde_json::from_str(annotation.get(start..=end)?).ok()?;
    graphdoc_docs::annotation::type_name(&v).map(|s| s.trim_start_matches('#').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn representation_skips_blocks_annotated_with_another_type() {
        // The first block's annotation names another type with the older
        // `@type` key; the second is the page's own.
        let page = "# root resource type\n\n\
<!-- { \"blockType\": \"resource\", \"@type\": \"microsoft.graph.driveItem\" } -->\n\n\
```json\n{ \"name\": \"String\" }\n```\n\n\
<!-- { \"blockType\": \"resource\", \"@type\": \"microsoft.graph.root\" } -->\n\n\
```json\n{ \"depth\": 1 }\n```\n";
        let blocks = graphdoc_docs::markdown::blocks(page);
        let (object, _) = representation(&blocks, "root").expect("a representation");
        assert!(object.contains_key("depth"), "{object:?}");
    }
}
