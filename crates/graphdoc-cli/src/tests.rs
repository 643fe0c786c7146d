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
