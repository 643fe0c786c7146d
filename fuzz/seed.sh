#!/usr/bin/env bash
# Builds the fuzz corpora from the real docs in ../shared (never committed:
# fuzz/corpus is ignored). Run from anywhere: bash fuzz/seed.sh [pages per group]
# Seeds are added beside what earlier fuzzing grew (names are content hashes);
# FRESH=1 starts from the seeds alone.
#
#   corpus/markdown_page  one byte (bit 0: API page, bit 1: beta) + a real page
#   corpus/annotation     the bodies of real `<!-- { … } -->` annotation comments
#   corpus/csdl_read      single elements of the real CSDL in an Edmx skeleton,
#                         plus one large slice of it
#   corpus/tolerant_json  the JSON of real ```json blocks and HTTP bodies
#   corpus/codegen        schemas the front-end reads from docs-src and from
#                         single real pages (JSON), plus raw bytes for the
#                         byte-built schemas
set -euo pipefail

fuzz_dir=$(cd "$(dirname "$0")" && pwd)
workspace=$(dirname "$fuzz_dir")
shared=$(cd "$workspace/../shared" 2>/dev/null && pwd) || {
  echo "seed.sh: $workspace/../shared is missing" >&2
  exit 1
}
per_group=${1:-150}
corpus="$fuzz_dir/corpus"
if [ "${FRESH:-0}" = 1 ]; then rm -rf "$corpus"; fi
mkdir -p "$corpus"/{markdown_page,annotation,csdl_read,codegen,tolerant_json}

python3 - "$shared" "$corpus" "$per_group" <<'PY'
import hashlib, pathlib, random, re, sys

shared, corpus, per_group = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
rng = random.Random(0x6772617068646F63)  # fixed: the same corpus every time

def put(target, data):
    name = hashlib.sha1(data).hexdigest()
    (corpus / target / name).write_bytes(data)

annotations = set()
json_blocks = set()
fence = re.compile(r"^```[ \t]*(\w*)[^\n]*\n(.*?)^```", re.S | re.M)
for version_bit, version in enumerate(["v1.0", "beta"]):
    for kind_bit, kind in enumerate(["resources", "api"]):
        pages = sorted((shared / "graph-docs/api-reference" / version / kind).glob("*.md"))
        # Small pages mutate faster; keep a few large ones too.
        pages = [p for p in pages if p.stat().st_size < 12_000] + rng.sample(pages, 5)
        for page in rng.sample(pages, min(per_group, len(pages))):
            data = page.read_bytes()
            put("markdown_page", bytes([version_bit << 1 | kind_bit]) + data)
            text = data.decode("utf-8", "replace")
            annotations.update(m.group(1).strip() for m in re.finditer(r"<!--(.*?)-->", text, re.S) if "{" in m.group(1))
            for m in fence.finditer(text):
                lang, body = m.group(1).lower(), m.group(2)
                if lang == "http":
                    # The body after the request or status line and headers.
                    body = body.split("\n\n", 1)[1] if "\n\n" in body else ""
                elif lang not in ("json", "jsonc", "json5", "odata"):
                    continue
                if body.strip() and len(body) < 16_000:
                    json_blocks.add(body)
for body in sorted(annotations)[:2000]:
    put("annotation", body.encode())
for body in rng.sample(sorted(json_blocks), min(1500, len(json_blocks))):
    put("tolerant_json", body.encode())

csdl = (shared / "metadata/v1.0.csdl.xml").read_text()
head = ('<?xml version="1.0" encoding="utf-8"?>\n'
        '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">\n'
        '  <edmx:DataServices>\n'
        '    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">\n')
tail = '    </Schema>\n  </edmx:DataServices>\n</edmx:Edmx>\n'
blocks = [m.group(0) for m in re.finditer(r"^      <(EntityType|ComplexType|EnumType|Annotations)\b.*?^      </\1>", csdl, re.S | re.M)]
for block in rng.sample(blocks, min(400, len(blocks))):
    put("csdl_read", (head + block + "\n" + tail).encode())
put("csdl_read", (head + "\n".join(blocks[:60]) + "\n" + tail).encode())

for page in rng.sample(sorted((shared / "graph-docs/api-reference/v1.0/resources").glob("*.md")), 40):
    put("codegen", page.read_bytes()[:256])
PY

# JSON schemas read by the real front-end through the graphdoc CLI: the project's own
# docs-src (both versions), then single real pages.
for version in v1.0 beta; do
  (cd "$workspace" && cargo run --quiet -p graphdoc-cli -- schema --docs docs-src --version "$version" \
     --out "$corpus/codegen/docs-src-$version.json" >/dev/null 2>&1) || true
  [ -s "$corpus/codegen/docs-src-$version.json" ] || rm -f "$corpus/codegen/docs-src-$version.json"
done
one_page=$(mktemp -d)
trap 'rm -rf "$one_page"' EXIT
mkdir -p "$one_page/api-reference/v1.0/resources"
for page in $(ls "$shared/graph-docs/api-reference/v1.0/resources"/*.md | sort | awk 'NR % 40 == 1'); do
  rm -f "$one_page/api-reference/v1.0/resources"/*.md
  cp "$page" "$one_page/api-reference/v1.0/resources/"
  out="$corpus/codegen/$(basename "$page" .md).json"
  # graphdoc exits non-zero when the page has warnings; the schema is written anyway.
  (cd "$workspace" && cargo run --quiet -p graphdoc-cli -- schema --docs "$one_page" --version v1.0 --out "$out" >/dev/null 2>&1) || true
  [ -s "$out" ] || rm -f "$out"
done

ls "$corpus/codegen"/*.json >/dev/null 2>&1 || echo "seed.sh: no JSON schema seeds for codegen (does \`graphdoc schema\` build?)" >&2

for t in markdown_page annotation csdl_read codegen tolerant_json; do
  echo "$t: $(ls "$corpus/$t" | wc -l) seeds"
done
