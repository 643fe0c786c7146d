#!/usr/bin/env bash
# The graphdoc step of action.yml: lint and samples in pull-request mode,
# annotations on standard output, SARIF files for code scanning, exit
# statuses in $GITHUB_OUTPUT. A script of its own so that CI runs the very
# same commands (.ci/action.sh). Run from the repository's root.
#
# Environment (action.yml maps its inputs to these): DOCS (the folder that
# holds api-reference/), VERSION, DENY ("" or "warnings"), BASELINE (a
# baseline file, or ""), BASE_SHA (the pull request's base commit, checked
# out at .graphdoc-base/, or "" outside a pull request), METADATA (the
# service's v1.0 CSDL, or ""), HEAD_SHA (the commit checked), GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY, GITHUB_SERVER_URL, GITHUB_REPOSITORY and RUNNER_TEMP.
set -u

graphdoc --version
# Which findings are new: those the base tree (or the baseline) does not
# have. Outside a pull request, with no baseline: every finding.
compare=()
if [ -n "$BASELINE" ]; then
  compare=(--baseline "$BASELINE")
elif [ -n "$BASE_SHA" ]; then
  compare=(--since ".graphdoc-base/$DOCS")
fi
deny=()
if [ -n "$DENY" ]; then deny=(--deny "$DENY"); fi
common=(--docs "$DOCS" --version "$VERSION" "${compare[@]}" "${deny[@]}")
link=()
if [ "$DOCS" != "." ]; then link=(--link-base "$DOCS"); fi
metadata=()
if [ -n "${METADATA:-}" ]; then metadata=(--metadata "$METADATA"); fi

# SARIF goes outside the workspace: a `graphdoc-sarif` link the pull request
# brings is not written through.
sarif="${RUNNER_TEMP:?the runner sets RUNNER_TEMP}/graphdoc-sarif"
rm -rf -- "$sarif"
mkdir -p "$sarif"
# Annotations on the pull request's diff; the exit status is the gate.
lint_status=0
graphdoc lint "${common[@]}" "${link[@]}" "${metadata[@]}" --format github || lint_status=$?
# The same findings for code scanning (their exit status is the same).
graphdoc lint "${common[@]}" "${link[@]}" "${metadata[@]}" --format sarif > "$sarif/lint.sarif" || true
samples_status=0
graphdoc samples "${common[@]}" "${link[@]}" --format github || samples_status=$?
graphdoc samples "${common[@]}" "${link[@]}" --format sarif > "$sarif/samples.sarif" || true

# The same findings as markdown in the job's summary. GitHub resolves a
# summary's (and a pull-request comment's) relative links against its own
# page, not the repository: the links go to the checked commit's pages.
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -n "${HEAD_SHA:-}" ]; then
  url="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:?}/blob/$HEAD_SHA"
  if [ "$DOCS" != "." ]; then url="$url/$DOCS"; fi
  summary=(--format markdown --link-base "$url" --max-chars 60000)
  graphdoc lint "${common[@]}" "${metadata[@]}" "${summary[@]}" >> "$GITHUB_STEP_SUMMARY" || true
  graphdoc samples "${common[@]}" "${summary[@]}" >> "$GITHUB_STEP_SUMMARY" || true
fi

echo "lint=$lint_status" >> "$GITHUB_OUTPUT"
echo "samples=$samples_status" >> "$GITHUB_OUTPUT"
