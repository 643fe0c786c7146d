use super::*;
use serde_json::json;

fn kinds(text: &str) -> (Value, Vec<Forgiven>) {
    let r = read(text).unwrap_or_else(|e| panic!("{text:?} unreadable: {e}"));
    (r.value, r.forgiven.iter().map(|n| n.kind).collect())
}

#[test]
fn strict_json_needs_no_forgiveness() {
    let (v, k) =
        kinds(r#"{"a": [1, 2.5, -3e2, true, false, null, "x\n\u00e9\ud83d\ude00"], "b": {}}"#);
    assert_eq!(
        v,
        json!({"a": [1, 2.5, -300.0, true, false, null, "x\né😀"], "b": {}})
    );
    assert!(k.is_empty(), "{k:?}");
}

#[test]
fn comments() {
    let (v, k) = kinds("{\n  // the id\n  \"id\": \"1\", /* inline */ \"n\": 2 # trailing\n}");
    assert_eq!(v, json!({"id": "1", "n": 2}));
    assert_eq!(
        k,
        [
            Forgiven::LineComment,
            Forgiven::BlockComment,
            Forgiven::LineComment
        ]
    );
}

#[test]
fn truncations_as_element_member_and_value() {
    let (v, k) = kinds("{\"value\": [ {\"a\": 1}, ... ], \"b\": ..., …, \"c\": [\"x\", …]}");
    assert_eq!(v, json!({"value": [{"a": 1}], "c": ["x"]}));
    assert_eq!(k, [Forgiven::Truncation; 4]);
    let (v, k) = kinds("{\n  \"a\": 1,\n  ...\n}");
    assert_eq!(v, json!({"a": 1}));
    assert_eq!(k, [Forgiven::Truncation]);
    let (v, k) = kinds("{\"a\": 1, \"...\"}");
    assert_eq!(v, json!({"a": 1}));
    assert_eq!(k, [Forgiven::Truncation]);
}

#[test]
fn extra_and_missing_commas() {
    let (v, k) = kinds("{\"a\": [1, 2,], \"b\": 2,}");
    assert_eq!(v, json!({"a": [1, 2], "b": 2}));
    assert_eq!(k, [Forgiven::ExtraComma, Forgiven::ExtraComma]);
    let (v, k) = kinds("{\"a\": 1\n \"b\": 2}");
    assert_eq!(v, json!({"a": 1, "b": 2}));
    assert_eq!(k, [Forgiven::MissingComma]);
    assert!(
        read("{\"a\": 1 \"b\": 2}").is_err(),
        "a missing comma on one line is not forgiven"
    );
}

#[test]
fn alternatives_keep_the_first() {
    let (v, k) = kinds("{\"role\": \"owner\" | \"member\" | \"guest\", \"n\": 1}");
    assert_eq!(v, json!({"role": "owner", "n": 1}));
    assert_eq!(k, [Forgiven::Alternatives, Forgiven::Alternatives]);
    // Inside a string it is plain JSON; the validator splits it.
    let (v, k) = kinds("{\"role\": \"owner | member\"}");
    assert_eq!(v, json!({"role": "owner | member"}));
    assert!(k.is_empty());
}

#[test]
fn placeholders() {
    let (v, k) = kinds("{\"id\": {id}, \"user\": <user-id>, \"empty\": {}, \"obj\": {\"a\": 1}}");
    assert_eq!(
        v,
        json!({"id": "{id}", "user": "<user-id>", "empty": {}, "obj": {"a": 1}})
    );
    assert_eq!(k, [Forgiven::Placeholder, Forgiven::Placeholder]);
}

#[test]
fn single_quotes_unquoted_keys_and_barewords() {
    // `'it'` closes at the second quote; `'s'` then follows on the same line with no comma.
    assert!(read("{name: 'it''s'}").is_err());
    let (v, k) = kinds("{name: 'x', 'b': True, c: String, d: undefined, @odata.type: \"#t\"}");
    assert_eq!(
        v,
        json!({"name": "x", "b": true, "c": "String", "d": null, "@odata.type": "#t"})
    );
    assert_eq!(
        k,
        [
            Forgiven::UnquotedKey,
            Forgiven::SingleQuotes,
            Forgiven::SingleQuotes,
            Forgiven::Bareword,
            Forgiven::UnquotedKey,
            Forgiven::Bareword,
            Forgiven::UnquotedKey,
            Forgiven::Bareword,
            Forgiven::UnquotedKey,
        ]
    );
}

#[test]
fn loose_numbers_strings_duplicates_and_trailing_content() {
    let (v, k) = kinds("[+1, 01, .5]");
    assert_eq!(v, json!([1, 1, 0.5]));
    assert_eq!(k, [Forgiven::LooseNumber; 3]);
    let (v, k) = kinds("[2017-01-01]");
    assert_eq!(v, json!(["2017-01-01"]));
    assert_eq!(k, [Forgiven::Bareword]);
    let (v, k) = kinds("{\"a\": \"x\\d\ty\"}");
    assert_eq!(v, json!({"a": "x\\d\ty"}));
    assert_eq!(k, [Forgiven::LooseString, Forgiven::LooseString]);
    let (v, k) = kinds("{\"a\": 1, \"a\": 2}");
    assert_eq!(v, json!({"a": 2}));
    assert_eq!(k, [Forgiven::DuplicateKey]);
    let (v, k) = kinds("{\"a\": 1}\n{\"b\": 2}");
    assert_eq!(v, json!({"a": 1}));
    assert_eq!(k, [Forgiven::TrailingContent]);
}

#[test]
fn unusual_whitespace_is_noted_once_per_line() {
    let (v, k) = kinds("{\u{a0}\u{a0}\"a\": 1,\u{a0}\n\u{feff}\"b\": 2}");
    assert_eq!(v, json!({"a": 1, "b": 2}));
    assert_eq!(k, [Forgiven::UnusualWhitespace; 2]);
}

#[test]
fn positions_by_pointer() {
    let r = read("{\n  \"a\": {\n    \"b/c\": [1,\n      2]\n  }\n}").unwrap();
    assert_eq!(r.positions[""], Pos { line: 1, column: 1 });
    assert_eq!(r.positions["/a"], Pos { line: 2, column: 8 });
    assert_eq!(
        r.positions["/a/b~1c"],
        Pos {
            line: 3,
            column: 12
        }
    );
    assert_eq!(r.positions["/a/b~1c/1"], Pos { line: 4, column: 7 });
    let r = read("{\"a\": \"x\" | {\"b\": 1}}").unwrap();
    assert_eq!(r.positions.keys().collect::<Vec<_>>(), ["", "/a"]);
}

#[test]
fn errors_have_positions() {
    let e = read("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
    assert_eq!(e.pos, Pos { line: 3, column: 7 });
    assert!(e.message.contains("`:`"), "{e}");
    let e = read("{\n  \"a\": [1, 2\n").unwrap_err();
    assert_eq!(e.pos, Pos { line: 2, column: 8 });
    let e = read("{\"a\": \"never closed\n}").unwrap_err();
    assert_eq!(e.pos, Pos { line: 1, column: 7 });
    assert!(read("").is_err());
    assert!(read("   // only a comment").is_err());
    assert!(read("{\"a\": ?}").is_err());
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = "[".repeat(100_000);
    let e = read(&deep).unwrap_err();
    assert!(e.message.contains("nesting"), "{e}");
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(read(&ok).is_ok());
}

proptest::proptest! {
    #[test]
    fn any_input_reads_or_errors(s in ".{0,200}") {
        let _ = read(&s);
    }

    #[test]
    fn json_like_garbage_reads_or_errors(s in r#"[\[\]{}",:'./*…|<>#a-z0-9 \n\\-]{0,120}"#) {
        if let Err(e) = read(&s) {
            let lines = s.split('\n').count() as u32;
            proptest::prop_assert!(e.pos.line >= 1 && e.pos.line <= lines, "{:?} at {:?}", s, e.pos);
        }
    }
}
