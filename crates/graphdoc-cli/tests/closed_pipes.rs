//! A reader that stops early (`graphdoc schema 2>&1 | head`) ends the run
//! quietly, as ripgrep's does: no panic on a closed standard error or output.

mod common;

use common::{docs_copy, graphdoc};
use std::process::{Command, Stdio};

/// A page with a type no page defines: every command that reads the tree
/// prints a front-end warning (GD0009) on standard error.
const PAGE_WITH_A_WARNING: &str = "# widget resource type

Namespace: microsoft.graph

## Properties

| Property | Type | Description |
|:---|:---|:---|
| id | String | The identifier. |
| colour | Strng | The colour. |
";

#[test]
fn a_closed_standard_error_is_not_a_panic() {
    let (root, docs) = docs_copy("closed-stderr");
    std::fs::write(
        docs.join("api-reference/v1.0/resources/widget.md"),
        PAGE_WITH_A_WARNING,
    )
    .unwrap();
    let out = root.join("v1.0.xml");
    for closed in ["stderr", "stdout"] {
        // The read end is gone before graphdoc writes a byte: every write fails.
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let mut command = Command::new(graphdoc());
        command
            .args(["schema", "--format", "csdl", "--docs"])
            .arg(&docs)
            .current_dir(root.path());
        if closed == "stderr" {
            command
                .arg("--out")
                .arg(&out)
                .stdout(Stdio::null())
                .stderr(writer);
        } else {
            command.stdout(writer).stderr(Stdio::null());
        }
        let status = command.status().expect("graphdoc runs");
        assert_eq!(status.code(), Some(0), "closed {closed}: {status}");
    }
    // The output file is written whatever happened to the warnings.
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("Name=\"widget\""));
}
