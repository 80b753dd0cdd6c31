#!/usr/bin/env bash
# Whole-process benchmark of competency-report against its two reference
# figures, on generated inputs of 10k, 100k and 1M customer rows.
#
#   scripts/bench.sh [--runs N] [--partners "500 5000 50000"] [--files F] [--dir DIR] [--check-only]
#
# For each size it generates the inputs once (examples/generate.rs, seed 42,
# about 20 customer and 4 transcript rows per partner, F files of each), then
# runs, N times each (default 3), and reports the median wall time:
#   - end-to-end: `competency-report run` on the inputs, with its peak RSS
#     (/usr/bin/time's maximum resident set size) and CPU use;
#   - read alone: examples/read_only.rs, calamine reading every cell of the
#     same inputs (files in parallel, as the tool reads them);
#   - write alone: examples/write_only.rs, rust_xlsxwriter writing as many
#     cells as the report has (counted by read_only on the report) in
#     constant-memory mode, at the report's zip level, on one thread.
# ratio = end-to-end / (read alone + write alone). Prints a Markdown table.
#
# A second table compares reading the same customer rows from workbooks and
# from Partner Center-shaped CSV (`generate --csv`: the customer files as
# text exports, the same rows; transcripts and the master list stay
# workbooks): `competency-report check` on each (read, type and evaluate;
# nothing written), with its peak RSS, and the read-alone reference on each
# (calamine for the workbooks, the tool's own record reader for the CSV).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=3
PARTNERS="500 5000 50000"
FILES=4
DIR="${TMPDIR:-/tmp}/competency-report-bench"
CHECK_ONLY=
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --partners) PARTNERS="$2"; shift 2 ;;
        --files) FILES="$2"; shift 2 ;;
        --dir) DIR="$2"; shift 2 ;;
        --check-only) CHECK_ONLY=1; shift ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ ! -x /usr/bin/time ]; then
    echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
    exit 2
fi

cargo build --release --quiet --bin competency-report \
    --example generate --example read_only --example write_only
BIN=target/release
mkdir -p "$DIR"

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
max() { sort -g | tail -n 1; }
# timed OUT CMD...: runs CMD, appends "wall_s max_rss_kb cpu_percent" to OUT.
timed() {
    local out="$1"; shift
    # `check` exits 1 when the inputs have problems (the generated ones do).
    /usr/bin/time -f "%e %M %P" -o "$DIR/time.txt" "$@" > "$DIR/stdout.txt" 2> "$DIR/stderr.txt" || true
    tr -d '%' < "$DIR/time.txt" | tail -n 1 >> "$out"
}

if [ -z "$CHECK_ONLY" ]; then
echo "| customer rows | transcript rows | end-to-end s | customer rows/s | peak RSS MiB | CPU % | read alone s | write alone s (cells) | ratio |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $PARTNERS; do
    in="$DIR/p$n-f$FILES"
    if [ ! -f "$in/generated.txt" ]; then
        rm -rf "$in"
        "$BIN/examples/generate" --partners "$n" --files "$FILES" --out "$in" --seed 42 > "$DIR/gen.txt"
        tail -n 1 "$DIR/gen.txt" > "$in/generated.txt"
    fi
    customers=$(grep -o '[0-9]* customer rows' "$in/generated.txt" | cut -d' ' -f1)
    transcripts=$(grep -o '[0-9]* transcript rows' "$in/generated.txt" | cut -d' ' -f1)
    out="$DIR/out-$n"
    : > "$DIR/e2e.txt"; : > "$DIR/read.txt"; : > "$DIR/write.txt"
    for _ in $(seq "$RUNS"); do
        rm -rf "$out"; mkdir -p "$out"
        timed "$DIR/e2e.txt" "$BIN/competency-report" run --input "$in" --output "$out" --as-of 2017-09-30
        timed "$DIR/read.txt" "$BIN/examples/read_only" "$in"
    done
    cells=$("$BIN/examples/read_only" "$out" | awk '$1 == "cells" { print $2 }')
    for _ in $(seq "$RUNS"); do
        timed "$DIR/write.txt" "$BIN/examples/write_only" --cells "$cells" --out "$DIR"
    done
    e2e=$(cut -d' ' -f1 "$DIR/e2e.txt" | median)
    rss=$(cut -d' ' -f2 "$DIR/e2e.txt" | max)
    cpu=$(cut -d' ' -f3 "$DIR/e2e.txt" | median)
    read=$(cut -d' ' -f1 "$DIR/read.txt" | median)
    write=$(cut -d' ' -f1 "$DIR/write.txt" | median)
    awk -v c="$customers" -v t="$transcripts" -v e="$e2e" -v m="$rss" -v p="$cpu" \
        -v r="$read" -v w="$write" -v cells="$cells" 'BEGIN {
        printf "| %d | %d | %.2f | %.0f | %.0f | %d | %.2f | %.2f (%d) | %.2f |\n",
            c, t, e, (e > 0 ? c / e : 0), m / 1024, p, r, w, cells, (r + w > 0 ? e / (r + w) : 0)
    }'
done
fi
echo
echo "| customer rows | check xlsx s | peak RSS MiB | check csv s | peak RSS MiB | csv / xlsx | read alone xlsx s | read alone csv s (peak RSS MiB) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $PARTNERS; do
    xlsx="$DIR/p$n-f$FILES"
    csv="$DIR/p$n-f$FILES-csv"
    if [ ! -f "$xlsx/generated.txt" ]; then
        rm -rf "$xlsx"
        "$BIN/examples/generate" --partners "$n" --files "$FILES" --out "$xlsx" --seed 42 > "$DIR/gen.txt"
        tail -n 1 "$DIR/gen.txt" > "$xlsx/generated.txt"
    fi
    if [ ! -f "$csv/generated.txt" ]; then
        rm -rf "$csv"
        "$BIN/examples/generate" --partners "$n" --files "$FILES" --out "$csv" --seed 42 --csv > "$DIR/gen.txt"
        tail -n 1 "$DIR/gen.txt" > "$csv/generated.txt"
    fi
    customers=$(grep -o '[0-9]* customer rows' "$csv/generated.txt" | cut -d' ' -f1)
    : > "$DIR/cx.txt"; : > "$DIR/cc.txt"; : > "$DIR/rx.txt"; : > "$DIR/rc.txt"
    for _ in $(seq "$RUNS"); do
        timed "$DIR/cx.txt" "$BIN/competency-report" check --input "$xlsx" --as-of 2017-09-30
        timed "$DIR/cc.txt" "$BIN/competency-report" check --input "$csv" --as-of 2017-09-30
        timed "$DIR/rx.txt" "$BIN/examples/read_only" "$xlsx"/customers-*.xlsx
        timed "$DIR/rc.txt" "$BIN/examples/read_only" "$csv"/customers-*.csv
    done
    cx=$(cut -d' ' -f1 "$DIR/cx.txt" | median); mx=$(cut -d' ' -f2 "$DIR/cx.txt" | max)
    cc=$(cut -d' ' -f1 "$DIR/cc.txt" | median); mc=$(cut -d' ' -f2 "$DIR/cc.txt" | max)
    rx=$(cut -d' ' -f1 "$DIR/rx.txt" | median)
    rc=$(cut -d' ' -f1 "$DIR/rc.txt" | median); mr=$(cut -d' ' -f2 "$DIR/rc.txt" | max)
    awk -v c="$customers" -v cx="$cx" -v mx="$mx" -v cc="$cc" -v mc="$mc" -v rx="$rx" -v rc="$rc" -v mr="$mr" 'BEGIN {
        printf "| %d | %.2f | %.0f | %.2f | %.0f | %.2f | %.2f | %.2f (%.0f) |\n",
            c, cx, mx / 1024, cc, mc / 1024, (cx > 0 ? cc / cx : 0), rx, rc, mr / 1024
    }'
done
echo
echo "Median of $RUNS runs each; peak RSS is the largest of the end-to-end runs."
echo "Machine: $(nproc) cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
