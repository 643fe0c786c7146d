//! Compile errors of the derive and of `graph_enum_literal!`; the expected
//! messages and spans are in `tests/ui/*.stderr`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
