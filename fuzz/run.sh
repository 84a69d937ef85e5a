#!/usr/bin/env bash
# Runs one libFuzzer target (built by `make fuzz` into build-fuzz/fuzz/).
#
#   run.sh replay BINARY CORPUS        every input of CORPUS once (the short form, in `make test`)
#   run.sh long   BINARY CORPUS RUNS   fuzz for RUNS inputs from CORPUS (the long form, `make fuzz-long`)
#   run.sh merge  BINARY CORPUS DIR... minimise CORPUS plus the inputs in DIR... back into CORPUS
#   (FUZZ_MAX_TIME=SECONDS bounds a long run; FUZZ_MERGE_MAX_LEN=BYTES bounds what a merge weighs)
#
# A crash, leak, sanitizer report or broken invariant exits non-zero and leaves the input that
# caused it in build-fuzz/findings/.
set -euo pipefail
mode=$1 bin=$2 corpus=$3
name=$(basename "$bin")
root=$(cd "$(dirname "$0")/.." && pwd)
findings="$root/build-fuzz/findings"
mkdir -p "$findings"
# Abort on the first UBSan report too, with a stack, so no finding passes as a warning.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
# Stacks with function names and lines (llvm-16 ships the symbolizer).
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && command -v llvm-symbolizer-16 >/dev/null; then
  export ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer-16)
fi
common=(-artifact_prefix="$findings/$name-" -max_len=70000 -rss_limit_mb=4096 -timeout=30)

case "$mode" in
  replay)
    mapfile -d '' inputs < <(find "$corpus" -type f -print0 | sort -z)
    if [ ${#inputs[@]} -eq 0 ]; then echo "$name: no inputs in $corpus"; exit 1; fi
    start=$(date +%s%N)
    if ! "$bin" "${common[@]}" "${inputs[@]}" >"$findings/$name-replay.log" 2>&1; then
      tail -n 60 "$findings/$name-replay.log"
      echo "$name: FINDING while replaying $corpus (log: $findings/$name-replay.log)"
      exit 1
    fi
    ran=$(grep -c '^Executed ' "$findings/$name-replay.log" || true)
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    echo "$name: replayed $ran of ${#inputs[@]} inputs in ${ms} ms, no finding"
    [ "$ran" -eq "${#inputs[@]}" ]
    ;;
  long)
    runs=$4
    work="$root/build-fuzz/grown/$name"
    mkdir -p "$work"
    # New inputs go to build-fuzz/grown/; `run.sh merge` folds the useful ones into the corpus.
    log="$findings/$name-long.log"
    status=0
    # FUZZ_MAX_TIME (seconds) stops earlier, for a time-boxed run.
    "$bin" "${common[@]}" -runs="$runs" ${FUZZ_MAX_TIME:+-max_total_time=$FUZZ_MAX_TIME} -print_final_stats=1 \
      "$work" "$corpus" >"$log" 2>&1 || status=$?
    grep -E '^(#[0-9]+ +DONE|Done |stat::|SUMMARY)' "$log" || true
    if [ "$status" -ne 0 ]; then
      tail -n 60 "$log"
      echo "$name: FINDING after fuzzing (log: $log)"
      exit 1
    fi
    echo "$name: $(grep -oE '^Done [0-9]+' "$log" | cut -d' ' -f2) inputs, no finding"
    ;;
  merge)
    shift 3
    fresh=$(mktemp -d)
    # FUZZ_MERGE_MAX_LEN keeps a corpus small: longer inputs only count by their first bytes.
    "$bin" "${common[@]}" -max_len="${FUZZ_MERGE_MAX_LEN:-70000}" -merge=1 "$fresh" "$corpus" "$@" \
      >"$findings/$name-merge.log" 2>&1
    rm -rf "$corpus" && mkdir -p "$corpus" && cp "$fresh"/* "$corpus"/ && rm -rf "$fresh"
    echo "$name: corpus now $(find "$corpus" -type f | wc -l) inputs, $(du -sh "$corpus" | cut -f1)"
    ;;
  *) echo "usage: run.sh replay|long|merge BINARY CORPUS [...]" >&2; exit 2 ;;
esac
