#!/usr/bin/env bash
# fuzz/run-all.sh [SECONDS] [TARGET ...]
# Runs the fuzz targets (all by default) for SECONDS each (default 300), two at a time, each
# from its seeds in fuzz/seeds/ into a growing corpus in fuzz/corpus/; a crash stops its
# target and lands in fuzz/artifacts/. Prints each target's executions and time. Needs
# cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain RUSTC_BOOTSTRAP=1 lets it
# pass its -Z flags.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-300}
shift || true
export RUSTC_BOOTSTRAP=1
cargo fuzz build -s none
mkdir -p logs
run() {
    local t=$1
    mkdir -p "corpus/$t"
    cargo fuzz run -s none "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 > "logs/$t.log" 2>&1 || echo "$t: stopped (see fuzz/logs/$t.log)"
    local runs secs
    runs=$(grep -E 'stat::number_of_executed_units' "logs/$t.log" | awk '{print $2}')
    secs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "logs/$t.log" | awk '{print $5}')
    echo "$t: ${runs:-?} executions in ${secs:-under $seconds} s"
}
if [ $# -eq 0 ]; then set -- $(cargo fuzz list); fi
while [ $# -gt 0 ]; do
    run "$1" &
    if [ $# -gt 1 ]; then run "$2" & fi
    wait
    shift; [ $# -gt 0 ] && shift
done
