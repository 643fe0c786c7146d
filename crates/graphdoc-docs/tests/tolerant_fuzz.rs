//! Inputs the `tolerant_json` fuzz target (fuzz/) found, kept as
//! regressions of what `tolerant::read` promises.

use graphdoc_docs::tolerant::{read, Forgiven, Pos};

/// Found by fuzzing: a duplicate key was noted after the notes of its
/// value, though notes are documented to come in text order.
#[test]
fn notes_of_a_duplicate_key_come_in_text_order() {
    let r = read("{\"a\": 1,\n \"a\": /* again */ 2}").expect("reads");
    let notes: Vec<(Pos, Forgiven)> = r.forgiven.iter().map(|n| (n.pos, n.kind)).collect();
    assert_eq!(
        notes,
        [
            (Pos { line: 2, column: 2 }, Forgiven::DuplicateKey),
            (Pos { line: 2, column: 7 }, Forgiven::BlockComment),
        ]
    );
}

/// Found by fuzzing (minimised to `..`): a block that is only a truncation
/// reads as null, and that null had no position.
#[test]
fn a_block_that_is_only_a_truncation_has_a_root_position() {
    for text in ["..", "  …\n"] {
        let r = read(text).expect("reads");
        assert_eq!(r.value, serde_json::Value::Null);
        assert!(r.positions.contains_key(""), "{text:?}: {:?}", r.positions);
    }
}
