//! The GitHub Action (`action.yml`) and the workflow docs/github-action.md
//! gives docs repositories keep their promises: pull-request mode against the
//! base, a cached install, SARIF uploaded, `pull_request` only, two
//! permissions and no secret (issue 21 item 4).

use std::path::Path;

fn repo_file(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The first fenced `yaml` block of a markdown file.
fn yaml_block(markdown: &str) -> String {
    let start = markdown.find("```yaml\n").expect("a yaml block") + "```yaml\n".len();
    let len = markdown[start..].find("```").expect("the block ends");
    markdown[start..start + len].to_string()
}

/// The `key: value` lines indented under the top-level `key:` line.
fn top_level_section(yaml: &str, key: &str) -> Vec<String> {
    let mut lines = yaml.lines().skip_while(|l| *l != format!("{key}:"));
    lines
        .next()
        .unwrap_or_else(|| panic!("no `{key}:` section"));
    lines
        .take_while(|l| l.starts_with(' '))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn action_installs_cached_and_runs_in_pull_request_mode() {
    let action = repo_file("action.yml");
    assert!(action.contains("  using: composite\n"));
    assert!(action
        .contains("cargo install --locked --path \"$GITHUB_ACTION_PATH/crates/graphdoc-cli\""));
    assert!(action.contains("uses: actions/cache@v4"));
    assert!(action.contains("path: ~/.cargo/bin/graphdoc\n"));
    assert!(action.contains("if: steps.cache.outputs.cache-hit != 'true'"));
    assert!(action.contains("ref: ${{ github.event.pull_request.base.sha }}"));
    // The graphdoc step is action/run.sh, which CI runs too (.ci/action.sh).
    assert!(action.contains("run: bash \"$GITHUB_ACTION_PATH/action/run.sh\""));
    let script = repo_file("action/run.sh");
    assert!(script.contains("compare=(--since \".graphdoc-base/$DOCS\")"));
    for command in [
        "graphdoc lint \"${common[@]}\" \"${link[@]}\" \"${metadata[@]}\" --format github",
        "graphdoc lint \"${common[@]}\" \"${link[@]}\" \"${metadata[@]}\" --format sarif > \"$sarif/lint.sarif\"",
        "graphdoc samples \"${common[@]}\" \"${link[@]}\" --format github",
        "graphdoc samples \"${common[@]}\" \"${link[@]}\" --format sarif > \"$sarif/samples.sarif\"",
    ] {
        assert!(
            script.contains(command),
            "action/run.sh does not run `{command}`"
        );
    }
    assert!(action.contains("uses: github/codeql-action/upload-sarif@v3"));
    assert!(action.contains("sarif_file: ${{ runner.temp }}/graphdoc-sarif\n"));
    assert!(
        !action.contains("secrets.") && !script.contains("secrets."),
        "the action uses no secret"
    );
    assert!(!action.contains("persist-credentials: true"));
}

#[test]
fn action_refuses_pull_request_target_and_links_the_pull_request_brings() {
    let action = repo_file("action.yml");
    let steps: Vec<&str> = action.split("    - name: ").skip(1).collect();
    // The first step fails the job under pull_request_target.
    assert!(steps[0].starts_with("Refuse pull_request_target"));
    assert!(steps[0].contains("if [ \"$GITHUB_EVENT_NAME\" = pull_request_target ]; then"));
    assert!(steps[0].contains("exit 1"));
    // A `.graphdoc-base` from the pull request is removed before the base
    // is checked out there.
    let clear = steps
        .iter()
        .position(|s| s.contains("run: rm -rf -- .graphdoc-base"))
        .expect("a step clears .graphdoc-base");
    let checkout = steps
        .iter()
        .position(|s| s.contains("path: .graphdoc-base"))
        .expect("the base checkout");
    assert!(clear < checkout);
    // Nothing is written into the workspace, which the pull request fills.
    assert!(!action.contains("> graphdoc-lint.sarif"));
    let script = repo_file("action/run.sh");
    assert!(script.contains("sarif=\"${RUNNER_TEMP:?"));
}

#[test]
fn documented_workflow_runs_on_pull_request_with_two_permissions_and_no_secret() {
    let doc = repo_file("docs/github-action.md");
    let workflow = yaml_block(&doc);
    let triggers = top_level_section(&workflow, "on");
    assert_eq!(triggers.first().map(String::as_str), Some("pull_request:"));
    assert!(
        !workflow.contains("pull_request_target") && !workflow.contains("workflow_run"),
        "{workflow}"
    );
    assert_eq!(
        top_level_section(&workflow, "permissions"),
        ["contents: read", "security-events: write"]
    );
    assert!(!workflow.contains("secrets."), "{workflow}");
    assert!(workflow.contains("persist-credentials: false"));
    for why in [
        "never `pull_request_target`",
        "**`contents: read`**",
        "**`security-events: write`**",
        "**No secret.**",
        "fails the job when\n  it is run on `pull_request_target`",
        "**What the pull request brings is only read, and only as docs.**",
    ] {
        assert!(
            doc.contains(why),
            "docs/github-action.md does not say {why}"
        );
    }
}
