#!/usr/bin/env bash
# The action's graphdoc step (action/run.sh, what action.yml runs) as GitHub
# runs it on a pull request, as far as that goes locally: a workspace
# holding the pull request's tree (a copy of docs-src with a PR-like edit)
# and the base checkout at .graphdoc-base/, the GITHUB_* environment and
# the inputs as action.yml maps them, `graphdoc` on PATH (the debug build
# the tests made). Checks the step's outputs: the exit statuses in
# $GITHUB_OUTPUT, the annotations, and the SARIF files the upload step
# would send. The cache and checkout steps are GitHub's own actions.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bin="${GRAPHDOC_BIN:-$repo/target/debug/graphdoc}"
mkdir -p "$work/bin" "$work/ws/.graphdoc-base"
ln -s "$bin" "$work/bin/graphdoc"
cp -R "$repo/docs-src" "$work/ws/docs"
cp -R "$repo/docs-src" "$work/ws/.graphdoc-base/docs"

# The pull request: a paragraph at the top of a page that has findings (its
# lines move), a new property row, a changed type cell, a removed enum
# member, a missing comma, a new page.
python3 - "$work/ws/docs/api-reference/v1.0" <<'PY'
import sys, pathlib
v1 = pathlib.Path(sys.argv[1])
def edit(page, old, new):
    path = v1 / page
    text = path.read_text()
    assert old in text, (page, old)
    path.write_text(text.replace(old, new, 1))
edit("resources/intune-onboarding-vpptoken.md", "Namespace: microsoft.graph\n",
     "Namespace: microsoft.graph\n\nA paragraph inserted at the top.\n\nAnd another.\n")
edit("resources/intune-onboarding-vpptoken.md", "|appleId|String|Apple ID linked to the token.|\n",
     "|appleId|String|Apple ID linked to the token.|\n|tokenOwner|String|Who uploaded the token.|\n")
edit("resources/intune-onboarding-vpptoken.md", "|token|String|", "|token|Int32|")
edit("resources/intune-onboarding-vpptokenstate.md", "|expired|2|The token is past its expiry date.|\n", "")
edit("api/intune-onboarding-vpptoken-update.md", '"Organization Name value",', '"Organization Name value"')
(v1 / "resources/newthing.md").write_text(
    "# newThing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n"
    "|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Identifier.|\n")
PY

# One run of the step; its standard output (the annotations) in $work/$1.
step() {
  local name="$1"; shift
  (
    cd "$work/ws"
    rm -rf "$work/tmp/graphdoc-sarif"; mkdir -p "$work/tmp"
    env PATH="$work/bin:$PATH" GITHUB_ACTION_PATH="$repo" GITHUB_OUTPUT="$work/$name.output" RUNNER_TEMP="$work/tmp" \
      GITHUB_WORKSPACE="$work/ws" GITHUB_EVENT_NAME=pull_request RUNNER_OS=Linux RUNNER_ARCH=X64 \
      DOCS=docs VERSION=all DENY= BASELINE= METADATA= BASE_SHA=0000000000000000000000000000000000000001 \
      HEAD_SHA=0000000000000000000000000000000000000002 GITHUB_STEP_SUMMARY="$work/$name.summary" \
      GITHUB_SERVER_URL=https://github.com GITHUB_REPOSITORY=o/r \
      "$@" bash "$repo/action/run.sh" > "$work/$name.stdout"
    cp -R "$work/tmp/graphdoc-sarif" "$work/$name.sarif"
  )
}

fail() { echo "action check failed: $*" >&2; exit 1; }

step since
grep -qx 'lint=0' "$work/since.output" || fail "lint: new warnings only, so exit 0: $(cat "$work/since.output")"
grep -qx 'samples=1' "$work/since.output" || fail "samples: the broken JSON is a new error, so exit 1"
# The job summary's links go to the checked commit's pages, not relative ones.
grep -q '](https://github.com/o/r/blob/0000000000000000000000000000000000000002/docs/api-reference/v1.0/' "$work/since.summary" \
  || fail "summary: links not absolute: $(head -5 "$work/since.summary")"
grep -q '](docs/' "$work/since.summary" && fail "summary: a repository-relative link"

python3 - "$work/since.stdout" "$work/since.sarif" <<'PY'
import json, pathlib, re, sys
annotations = [l for l in open(sys.argv[1]) if l.startswith("::")]
files = sorted(re.match(r"::\w+ file=([^,]+),", a).group(1) for a in annotations)
titles = sorted(re.search(r"title=(\w+)::", a).group(1) for a in annotations)
v1 = "docs/api-reference/v1.0/"
expected = sorted(
    ["GL0002", "GL0003", "GL0004", "GL0004", "GL0020"]
    + ["GS0018", "GS0004", "GS0004", "GS0015", "GS0013"])
assert titles == expected, titles
assert all(f.startswith(v1) for f in files), files
assert not any("GL0007" in a for a in annotations), "an old finding on the page whose lines moved"
for tool, n in (("lint", 5), ("samples", 5)):
    sarif = json.loads(pathlib.Path(sys.argv[2], f"{tool}.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["name"] == f"graphdoc-{tool}", run["tool"]["driver"]["name"]
    assert "originalUriBaseIds" in run, "SARIF without originalUriBaseIds"
    results = run["results"]
    assert len(results) == n, (tool, len(results))
    for r in results:
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith(v1) and ":" not in uri, uri
        rule = r["ruleId"]
        assert any(x["id"] == rule for x in run["tool"]["driver"]["rules"]), rule
print(f"action: {len(annotations)} annotations, SARIF for lint and samples, all relative")
PY

# deny: warnings fails on the new warnings.
step deny DENY=warnings
grep -qx 'lint=1' "$work/deny.output" || fail "deny: warnings must fail lint"

# A baseline written from the base instead of the base checkout: the same.
(cd "$work/ws/.graphdoc-base" && "$bin" lint --docs docs --write-baseline "$work/ws/lint.baseline" > /dev/null) || true
step baseline BASELINE=lint.baseline BASE_SHA=
grep '^::' "$work/since.stdout" | grep 'GL00' > "$work/since.lint"
grep '^::' "$work/baseline.stdout" | grep 'GL00' > "$work/baseline.lint"
cmp -s "$work/since.lint" "$work/baseline.lint" || fail "lint --baseline differs from --since"
echo "action: --since, --deny warnings and --baseline behave as on GitHub"
