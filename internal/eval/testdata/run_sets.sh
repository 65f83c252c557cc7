#!/usr/bin/env bash
# Runs `citebot eval` on every question set here and prints one line per
# set: right (answer_hit), abstained on unanswerable, false abstentions,
# the share of those whose closest passages quote the answer (closest),
# recall@1 and recall@5 — the figures the README's tables give.
#
#   internal/eval/testdata/run_sets.sh [BINARY] [-- EVAL FLAGS...]
#
# BINARY defaults to `go run ./cmd/citebot` built once into a temporary
# folder; EVAL FLAGS go to every run (`-- --without identifiers`). Each set
# gets its own index folder under $EVAL_DATA (default: a temporary folder),
# so a second run reuses the indexes. Tune sets are fitted on, held-out sets
# never were (see the README's Measured section).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
bin="${1:-}"
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
if [ -z "$bin" ] || [ "$bin" = "--" ]; then
  bin="$(mktemp -d)/citebot"
  (cd "$root" && go build -o "$bin" ./cmd/citebot)
fi
data="${EVAL_DATA:-$(mktemp -d)}"

# name, question file, corpus folder ("" for the built-in corpus)
sets=(
  "dev dev.jsonl -"
  "paraphrase paraphrase.jsonl -"
  "builtin-tune builtin/tune.jsonl -"
  "builtin3-tune builtin3/tune.jsonl -"
  "builtin5-tune builtin5/tune.jsonl -"
  "builtin-heldout builtin/heldout.jsonl -"
  "builtin2-heldout builtin2/heldout.jsonl -"
  "builtin4-heldout builtin4/heldout.jsonl -"
  "builtin6-heldout builtin6/heldout.jsonl -"
)
for d in "$here"/*/; do
  name="$(basename "$d")"
  [ -d "$d/docs" ] || continue
  [ -f "$d/tune.jsonl" ] && sets+=("$name-tune $name/tune.jsonl $name/docs")
  [ -f "$d/heldout.jsonl" ] && sets+=("$name-heldout $name/heldout.jsonl $name/docs")
done
sets+=("wiki wiki.jsonl wiki" "offtopic-builtin-heldout offtopic/builtin-heldout.jsonl -" "offtopic-user-heldout offtopic/user-heldout.jsonl varied6/docs")

printf '%-24s %6s %9s %9s %7s %5s %5s\n' set right abstained false_abs closest r@1 r@5
for s in "${sets[@]}"; do
  read -r name questions corpus <<<"$s"
  args=(eval --data "$data/$name" --questions "$here/$questions" --json)
  [ "$corpus" != "-" ] && args+=(--corpus "$here/$corpus")
  summary="$("$bin" "${args[@]}" "$@" 2>/dev/null | tail -n 1)"
  field() { sed -E "s/.*\"$1\":([0-9.e-]+).*/\1/" <<<"$summary"; }
  printf '%-24s %6.2f %9.2f %9.2f %7.2f %5.2f %5.2f\n' "$name" "$(field answer_hit)" "$(field abstention_rate)" \
    "$(field false_abstention_rate)" "$(field closest_hit)" "$(field recall_at_1)" "$(field recall_at_5)"
done
