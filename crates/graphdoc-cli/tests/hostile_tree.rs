//! A docs tree crafted by a hostile pull request, run through every command
//! and every output format: links out of the tree and a secret behind them,
//! link loops, a link in a page's text that climbs above the root, pages far
//! over the limits and a page that is not UTF-8. The secret is printed
//! nowhere, no output names a path of this machine (with `--docs` relative,
//! absolute, with `..` in it or through a link), each hostile item has its
//! finding, limits raised on the command line apply, and every run ends
//! normally (exit 0 or 1).

#![cfg(unix)]

use graphdoc_testdata::Scratch;
use std::fs;
use std::io::Write;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

/// The binary under test and how each command is spelled: the one place to
/// change when the commands move to another binary.
fn tool() -> Command {
    Command::new(env!("CARGO_BIN_EXE_graphdoc"))
}

/// Every command with every output format over the docs tree at `docs`,
/// run from the folder holding `docs/`.
fn invocations(docs: &str) -> Vec<Vec<&str>> {
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for version in ["v1.0", "beta"] {
        for format in ["json", "csdl"] {
            runs.push(vec![
                "schema",
                "--docs",
                docs,
                "--version",
                version,
                "--format",
                format,
            ]);
        }
    }
    for format in ["human", "json"] {
        runs.push(vec![
            "drift",
            "--docs",
            docs,
            "--metadata",
            "metadata.xml",
            "--format",
            format,
        ]);
        runs.push(vec!["samples", "--docs", docs, "--format", format]);
    }
    for format in ["human", "markdown", "json"] {
        runs.push(vec!["diff", "--docs", docs, "--format", format]);
    }
    for format in ["human", "json", "sarif", "github", "markdown"] {
        runs.push(vec!["lint", "--docs", docs, "--format", format]);
    }
    // Pull-request mode: the hostile tree against itself as the base.
    runs.push(vec!["lint", "--docs", docs, "--since", docs]);
    runs.push(vec!["samples", "--docs", docs, "--since", docs]);
    runs.push(vec![
        "drift",
        "--docs",
        docs,
        "--metadata",
        "metadata.xml",
        "--since",
        docs,
    ]);
    // Two trees, and the limits set on the command line.
    runs.push(vec![
        "diff",
        "--from-docs",
        docs,
        "--to-docs",
        docs,
        "--format",
        "markdown",
    ]);
    runs.push(vec![
        "lint",
        "--docs",
        docs,
        "--max-table-rows",
        "2",
        "--max-json-depth",
        "20000",
    ]);
    // Translation drift: the hostile tree as both the English and the
    // localised tree.
    for format in ["human", "json", "github"] {
        runs.push(vec![
            "l10n",
            "--docs",
            docs,
            "--localized",
            docs,
            "--format",
            format,
        ]);
    }
    runs.push(vec!["regenerate", "--docs", docs, "--out", "model"]);
    runs
}

const SECRET: &str = "GRAPHDOC-SECRET-4b1d9e";

/// What each hostile item must be reported as: the code, and text that
/// finding's line holds (the item's file name).
const EXPECTED: &[(&str, &str)] = &[
    ("GD0901", "resources/leak.md"),
    ("GD0901", "resources/leakdir"),
    ("GD0902", "resources/loop.md"),
    ("GD0902", "resources/ping.md"),
    ("GD0903", "resources/huge.md"),
    ("GD0903", "resources/hugejson.md"),
    ("GD0905", "resources/rows.md"),
    ("GD0906", "resources/nested.md"),
    ("GD0907", "resources/bigjson.md"),
    ("GD0908", "resources/deepjson.md"),
    ("GD0014", "resources/latin1.md"),
];

/// One record per finding: a JSON object with a `message` (SARIF results,
/// JSON lines, the samples report), else a line of text with its ` --> `
/// location line, if the format puts it on a line of its own.
fn records(stdout: &str, stderr: &str) -> Vec<String> {
    let mut out = Vec::new();
    for text in [stdout, stderr] {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
            objects_with_message(&value, &mut out);
            continue;
        }
        for line in text.lines() {
            match serde_json::from_str::<serde_json::Value>(line) {
                Ok(value) if value.is_object() => objects_with_message(&value, &mut out),
                _ if line.trim_start().starts_with("-->") && !out.is_empty() => {
                    let last = out.len() - 1;
                    out[last].push_str(line);
                }
                _ => out.push(line.to_string()),
            }
        }
    }
    out
}

fn objects_with_message(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if map.contains_key("message") {
                out.push(value.to_string());
            } else {
                map.values().for_each(|v| objects_with_message(v, out));
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| objects_with_message(v, out)),
        _ => {}
    }
}

fn page(title: &str) -> String {
    format!("# {title} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n")
}

/// Writes a page of about `bytes` bytes by repeating `unit` between `head`
/// and `tail`, without holding it in memory.
fn write_big(path: &Path, head: &str, unit: &str, bytes: usize, tail: &str) {
    let mut f = std::io::BufWriter::new(fs::File::create(path).expect("create"));
    f.write_all(head.as_bytes()).expect("write");
    let chunk = unit.repeat((1 << 16) / unit.len() + 1);
    let mut written = 0;
    while written < bytes {
        f.write_all(chunk.as_bytes()).expect("write");
        written += chunk.len();
    }
    f.write_all(tail.as_bytes()).expect("write");
}

/// `<base>/docs` (the docs root), `<base>/outside` (the secret), the
/// metadata file; returns `base`.
fn hostile_tree() -> Scratch {
    let base = Scratch::new("hostile");
    let outside = base.join("outside");
    fs::create_dir_all(outside.join("dir")).expect("dir");
    fs::write(
        outside.join("secret.md"),
        format!("# {SECRET} resource type\n"),
    )
    .expect("secret");
    fs::write(
        outside.join("dir/inner.md"),
        format!("# {SECRET} resource type\n"),
    )
    .expect("secret");
    let resources = base.join("docs/api-reference/v1.0/resources");
    fs::create_dir_all(&resources).expect("dir");
    fs::create_dir_all(base.join("docs/api-reference/beta/resources")).expect("dir");
    fs::write(
        base.join("docs/api-reference/beta/resources/widget.md"),
        page("widget"),
    )
    .expect("page");
    fs::write(
        resources.join("widget.md"),
        format!(
            "{}\nSee [the other](../../../../outside/secret.md) and [more](../../../../../../../../../../etc/passwd.md).\n",
            page("widget")
        ),
    )
    .expect("page");
    // Links: to a file and to a folder outside (relative and absolute), to
    // themselves and to each other.
    symlink("../../../../outside/secret.md", resources.join("leak.md")).expect("link");
    symlink(outside.join("dir"), resources.join("leakdir")).expect("link");
    symlink("loop.md", resources.join("loop.md")).expect("link");
    symlink("pong.md", resources.join("ping.md")).expect("link");
    symlink("ping.md", resources.join("pong.md")).expect("link");
    // The lint's suppressions file, linked out of the tree: a TOML error
    // would quote it.
    fs::write(outside.join("config.toml"), format!("{SECRET} = [\n")).expect("config");
    symlink(
        "../outside/config.toml",
        base.join("docs/graphdoc-lint.toml"),
    )
    .expect("link");
    // A link inside the tree is read through.
    symlink("widget.md", resources.join("alias.md")).expect("link");
    write_big(
        &resources.join("huge.md"),
        "# huge resource type\n\n",
        "All work and no play makes a page a dull page. ",
        50 << 20,
        "\n",
    );
    write_big(
        &resources.join("hugejson.md"),
        "# hugejson resource type\n\n## JSON representation\n\n```json\n{\n",
        "  \"property\": \"String\",\n",
        100 << 20,
        "  \"id\": \"String\"\n}\n```\n",
    );
    write_big(
        &resources.join("bigjson.md"),
        "# bigjson resource type\n\n## JSON representation\n\n```json\n[\n",
        "  \"String\",\n",
        2 << 20,
        "  \"String\"\n]\n```\n",
    );
    let mut rows = page("rows");
    for i in 0..300_000 {
        rows.push_str(&format!("|p{i:x}|X|\n"));
    }
    assert!(
        rows.len() < 4 << 20,
        "the table page stays under the page limit"
    );
    fs::write(resources.join("rows.md"), rows).expect("page");
    fs::write(
        resources.join("nested.md"),
        format!("{}\n{} deep\n", page("nested"), ">".repeat(10_000)),
    )
    .expect("page");
    fs::write(
        resources.join("deepjson.md"),
        format!(
            "{}\n## JSON representation\n\n```json\n{}{}\n```\n",
            page("deepjson"),
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    )
    .expect("page");
    let mut latin1 = page("latin1").into_bytes();
    latin1.extend_from_slice(b"\nCaf\xe9 cr\xe8me.\n");
    fs::write(resources.join("latin1.md"), latin1).expect("page");
    fs::write(
        base.join("metadata.xml"),
        r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="widget"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#,
    )
    .expect("metadata");
    base
}

#[test]
fn a_hostile_tree_is_read_within_the_root_and_the_limits() {
    let base = hostile_tree();
    let absolute = base.join("docs");
    symlink("docs", base.join("linked")).expect("link");
    let mut machine_paths: Vec<String> = [
        base.to_path_buf(),
        base.canonicalize().expect("base"),
        std::env::temp_dir(),
    ]
    .iter()
    .map(|p| p.display().to_string())
    .collect();
    machine_paths.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut all_output = String::new();
    // The root as typed from where the tool runs, absolute, with `..` in
    // it, and through a link: the output names pages the same way, relative
    // to the root.
    let absolute = absolute.display().to_string();
    let linked = base.join("linked").display().to_string();
    let mut runs = invocations("docs");
    runs.extend(invocations(&absolute));
    for docs in ["./docs/../docs", linked.as_str()] {
        runs.extend(invocations(docs).into_iter().filter(|args| {
            args.contains(&"json") && matches!(args[0], "schema" | "lint" | "samples" | "l10n")
        }));
    }
    for args in &runs {
        let (stdout, stderr) = run(&base, args, &machine_paths);
        check_findings(args, &stdout, &stderr);
        all_output.push_str(&stdout);
        all_output.push_str(&stderr);
    }
    // The page linked inside the tree is read like any page.
    assert!(all_output.contains("alias.md") || all_output.contains("Alias"));
    // Regenerate wrote nothing: pages were not read, and a model without
    // them would drop their types without a word.
    assert!(!base.join("model").exists());
    assert!(all_output.contains("is left as it was"));
    drop(base);
}

/// Runs the tool from `base`: it ends normally and prints neither the secret
/// nor a path of this machine. Returns its standard output and error.
fn run(base: &Path, args: &[&str], machine_paths: &[String]) -> (String, String) {
    let out = tool()
        .args(args)
        .current_dir(base)
        .output()
        .expect("the tool runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "{args:?} ended with {code:?}\n{stderr}"
    );
    for text in [&stdout, &stderr] {
        assert!(
            !text.contains(SECRET),
            "{args:?} printed the secret:\n{text}"
        );
        for p in machine_paths {
            assert!(!text.contains(p.as_str()), "{args:?} printed {p}:\n{text}");
        }
    }
    (stdout, stderr)
}

/// What the command reports about the pages: every hostile item, in the
/// commands that list findings.
fn check_findings(args: &[&str], stdout: &str, stderr: &str) {
    let found = records(stdout, stderr);
    let limits_set = args.contains(&"--max-table-rows");
    let lists_findings = match args[0] {
        // Schema lists them for v1.0 only, the version that has them.
        "schema" => args.contains(&"v1.0"),
        // With the tree as its own base, pull-request mode has no new
        // findings to list.
        "lint" | "samples" => !args.contains(&"--since") && !limits_set,
        "l10n" | "regenerate" | "diff" => true,
        "drift" => !args.contains(&"--since"),
        _ => false,
    };
    if lists_findings {
        for (code, file) in EXPECTED {
            // diff counts warnings and lists only the pages it cannot see;
            // the Latin-1 page is read (its bytes replaced), with a warning.
            if args[0] == "diff" && *code == "GD0014" {
                continue;
            }
            assert!(
                found.iter().any(|r| r.contains(code) && r.contains(file)),
                "{args:?}: no {code} for {file} in:\n{}",
                found.join("\n")
            );
        }
    }
    if limits_set {
        // A lowered limit refuses a page the default reads; a raised one
        // reads the 10,000-deep JSON example, and that is not a crash.
        assert!(
            found
                .iter()
                .any(|r| r.contains("GD0905") && r.contains("resources/widget.md")),
            "{args:?}: the lowered table row limit was not applied"
        );
        assert!(
            !found.iter().any(|r| r.contains("GD0908")),
            "{args:?}: the raised JSON depth limit was not applied"
        );
    }
    // (With the limits set, widget.md, which holds the links, is not read.)
    if args[0] == "lint" && !args.contains(&"--since") && !limits_set {
        assert!(
            found
                .iter()
                .any(|r| r.contains("GD0901") && r.contains("graphdoc-lint.toml")),
            "{args:?}: no GD0901 for the suppressions file"
        );
        for link in ["outside/secret.md", "etc/passwd.md"] {
            assert!(
                found
                    .iter()
                    .any(|r| r.contains("GL0016") && r.contains(link) && r.contains("widget.md")),
                "{args:?}: no GL0016 for the link to {link}"
            );
        }
    }
}
