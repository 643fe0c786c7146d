//! JSON blocks as the lint rules read them: through the front-end's
//! tolerant reader ([`graphdoc_docs::tolerant`]), which keeps where each
//! value starts, but only when the block is JSON but for trailing commas
//! and comments, so that a block cut short with `...` yields no finding
//! rather than a wrong one (a representation elided in the middle is not
//! missing the rest).

use graphdoc_docs::tolerant::{self, Forgiven, Read};

/// `text` read, when all the reader forgave is an extra comma, a comment
/// or text after the value.
pub(crate) fn read(text: &str) -> Option<Read> {
    only_commas_and_comments(tolerant::read(text).ok()?)
}

/// [`read`] without the positions, for a caller that reads only the value.
pub(crate) fn read_value(text: &str) -> Option<serde_json::Value> {
    only_commas_and_comments(tolerant::read_unplaced(text).ok()?).map(|r| r.value)
}

fn only_commas_and_comments(read: Read) -> Option<Read> {
    read.forgiven
        .iter()
        .all(|n| {
            matches!(
                n.kind,
                Forgiven::ExtraComma
                    | Forgiven::LineComment
                    | Forgiven::BlockComment
                    | Forgiven::TrailingContent
            )
        })
        .then_some(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_commas_and_comments_are_forgiven() {
        let r = read("{\n  \"a\": 1, // one\n  \"b\": [2,],\n}").expect("reads");
        assert_eq!(r.value["b"][0], 2);
        assert_eq!(r.positions["/b"].line, 3);
        assert_eq!(r.positions["/b"].column, 8);
        assert!(read("{ \"a\": 1, ... }").is_none());
        assert!(read("{ a: 1 }").is_none());
        assert_eq!(
            read_value("[1, /* one */ 2,]"),
            Some(serde_json::json!([1, 2]))
        );
        assert!(read_value("[1, ...]").is_none());
    }
}
