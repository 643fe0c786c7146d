//! The help text of every command, as reviewed snapshots: a flag renamed or
//! a help line changed shows up in review.

use crate::args::Cli;
use clap::CommandFactory;

fn help(path: &[&str]) -> String {
    let mut command = Cli::command().term_width(100);
    command.build();
    let mut current = &mut command;
    for name in path {
        current = current
            .find_subcommand_mut(name)
            .unwrap_or_else(|| panic!("no subcommand {name}"));
    }
    current.render_long_help().to_string()
}

#[test]
fn the_command_line_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn top_level_help() {
    insta::assert_snapshot!(help(&[]));
}

#[test]
fn subcommand_help() {
    for name in [
        "schema",
        "drift",
        "diff",
        "lint",
        "samples",
        "regenerate",
        "l10n",
        "explain",
    ] {
        insta::assert_snapshot!(name, help(&[name]));
    }
}

/// The `graphdoc …` command lines of the README's shell blocks,
/// continuation lines joined and comments dropped.
fn readme_command_lines() -> Vec<String> {
    // Read at run time, not embedded: the binary does not carry the README.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("the workspace README");
    let mut lines = Vec::new();
    let mut pending = String::new();
    let mut in_shell = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_shell = line == "```sh";
            continue;
        }
        let line = line.split(" # ").next().unwrap_or_default().trim_end();
        if !in_shell || pending.is_empty() && !line.starts_with("graphdoc ") {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(head) => pending.push_str(head),
            None => {
                pending.push_str(line);
                lines.push(std::mem::take(&mut pending));
            }
        }
    }
    lines
}

/// One command line per alternative its `a|b|c` values offer, `[optional]`
/// parts included.
fn variants(line: &str) -> Vec<Vec<String>> {
    let words: Vec<String> = line
        .replace(['[', ']'], " ")
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let most = words
        .iter()
        .map(|w| w.split('|').count())
        .max()
        .unwrap_or(1);
    (0..most)
        .map(|i| {
            words
                .iter()
                .map(|w| {
                    let options: Vec<&str> = w.split('|').collect();
                    options[i.min(options.len() - 1)].to_owned()
                })
                .collect()
        })
        .collect()
}

#[test]
fn every_command_line_of_the_readme_parses() {
    use clap::error::ErrorKind;
    let lines = readme_command_lines();
    assert!(lines.len() >= 10, "{lines:#?}");
    for line in &lines {
        for args in variants(line) {
            match Cli::command().try_get_matches_from(&args) {
                Ok(_) => {}
                // The flag exists; its file (`v1.0_metadata.xml`) does not here.
                Err(e) if e.kind() == ErrorKind::ValueValidation => {}
                Err(e) if e.kind() == ErrorKind::DisplayVersion => {}
                Err(e) => panic!("README: `{}` does not parse: {e}", args.join(" ")),
            }
            if args[1] == "explain" && args[2] != "--list" {
                assert!(
                    graphdoc_lint::explain(&args[2]).is_some_and(|t| !t.contains(" is now ")),
                    "README explains {} under a former spelling",
                    args[2]
                );
            }
        }
    }
}
