#!/usr/bin/env bash
# Runs the fuzz targets, each for a fixed time, and prints one line of results per target
# (time, executions, corpus size, outcome). See README, "Fuzzing".
#
#   fuzz/run.sh                             every target, 600 s each, one after another
#   FUZZ_SECONDS=60 fuzz/run.sh ingest pop3_wire
#   FUZZ_JOBS=2 fuzz/run.sh                 two targets at a time
#
# Each target starts from the committed seeds (fuzz/seeds/<target>, written by
# tests/it/fuzz_seeds.rs) and grows its own corpus in fuzz/corpus/<target> (not committed);
# a crash leaves its input in fuzz/artifacts/<target>. Runs at low priority (nice 15) so a
# run slows other work little. FUZZ_CARGO picks the toolchain: "cargo +nightly" by default,
# "env RUSTC_BOOTSTRAP=1 cargo" on a stable-only machine. Logs go to FUZZ_LOGS (fuzz/logs).
# The targets are built once, first (FUZZ_NO_BUILD=1 runs what was built last), and then run
# as they are, so changing the sources during a long run does not change what is fuzzed.
set -uo pipefail
cd "$(dirname "$0")"

seconds=${FUZZ_SECONDS:-600}
jobs=${FUZZ_JOBS:-1}
logs=${FUZZ_LOGS:-logs}
read -r -a fuzz_cargo <<< "${FUZZ_CARGO:-cargo +nightly}"
mkdir -p "$logs"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <("${fuzz_cargo[@]}" fuzz list)
fi

if [ -z "${FUZZ_NO_BUILD:-}" ]; then
    "${fuzz_cargo[@]}" fuzz build || exit 1
fi
bin=${CARGO_TARGET_DIR:-target}/x86_64-unknown-linux-gnu/release

# Runs one target and writes its line of results to $logs/<target>.result.
run_one() {
    local t=$1 log="$logs/$1.log" started rc runs secs peak files bytes outcome
    mkdir -p "corpus/$t" "seeds/$t" "artifacts/$t"
    started=$(date -u +%Y-%m-%dT%H:%MZ)
    nice -n 15 "$bin/$t" "corpus/$t" "seeds/$t" -artifact_prefix="artifacts/$t/" \
        -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 \
        > "$log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' | tail -1)
    peak=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    files=$(find "corpus/$t" -type f | wc -l)
    bytes=$(du -sk --apparent-size "corpus/$t" | cut -f1)
    if [ $rc -eq 0 ]; then outcome="no crash"; else outcome="FAILED (exit $rc, see $log)"; fi
    echo "| $t | $started | ${secs:-?} s | ${runs:-?} | $files files, $bytes KiB | ${peak:-?} MB | $outcome |" \
        > "$logs/$t.result"
    [ $rc -eq 0 ]
}

status=0
running=0
for t in "${targets[@]}"; do
    if [ "$running" -ge "$jobs" ]; then
        wait -n || status=1
        running=$((running - 1))
    fi
    run_one "$t" &
    running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
    wait -n || status=1
    running=$((running - 1))
done

echo "| target | started (UTC) | time | executions | corpus | peak RSS | result |"
echo "|---|---|---|---|---|---|---|"
for t in "${targets[@]}"; do cat "$logs/$t.result"; done
exit $status
