#!/usr/bin/env bash
# Whole-process benchmark of competency-report against its two reference
# figures and its pandas peer, on generated inputs of 10k, 100k and 1M
# customer rows, for a competency and for a designation.
#
#   scripts/bench.sh [--runs N] [--partners "500 5000 50000"] [--files F] [--dir DIR]
#                    [--sets "competency designation"] [--peer-python PY] [--peer-sizes "50000"]
#                    [--peer-runs N]
#                    [--check-only] [--no-check] [--azure-read]
#
# For each rule set and size it generates the inputs once (examples/generate.rs,
# seed 42, about 20 customer and 4 transcript rows per partner, F files of
# each; `--designation` inputs for the designation: two snapshots, qualified
# licences), then runs, N times each (default 3), and reports the median
# wall time:
#   - end-to-end: `competency-report run` on the inputs (the competency:
#     the default rules, as of 2017-09-30; the designation:
#     `--rules solutions-partner-modern-work`, as of 2026-09-30), with its
#     peak RSS (/usr/bin/time's maximum resident set size, the largest of
#     the runs) and CPU use;
#   - read alone: examples/read_only.rs, calamine reading every cell of the
#     same inputs (files in parallel, as the tool reads them);
#   - write alone: examples/write_only.rs, rust_xlsxwriter writing as many
#     cells as the report has (counted by read_only on the report) in
#     constant-memory mode, at the report's zip level, on one thread;
#   - the pandas peer (scripts/peer_pandas.py: pandas + python-calamine +
#     xlsxwriter doing the same job) at the sizes of --peer-sizes, --peer-runs
#     times (default: N; it takes minutes a run at 1M rows), when
#     PY (default: $PEER_PYTHON, else python3) can import those three;
#     otherwise it is skipped with a note.
# ratio = end-to-end / (read alone + write alone), all measured in the same
# run, so a busy machine slows both sides. Each row ends with the targets
# it misses (ratio <= 1.0, >= 10x faster than pandas, peak RSS < 1 GiB at
# every size): a change that makes a figure worse shows there. Then the
# phase split (`run --timings`) of the last end-to-end run at the largest
# size of each rule set.
#
# A second table compares reading the same customer rows from workbooks and
# from Partner Center-shaped CSV (`generate --csv`) with `competency-report
# check` (read, type and evaluate; nothing written), and the read-alone
# reference on each (calamine for the workbooks, the tool's own record
# reader for the CSV); `--check-only` prints only it, `--no-check` leaves
# it out.
#
# `--sets azure` times Solutions Partner for Data & AI on Partner Center's
# AzureUsage downloads (`generate --azure`: a sixth as many partners as N,
# about as many rows), as of 2026-06-30; no pandas peer does that job. Its
# target (issue 19) is end to end within 1.5x of read + write, "read" being
# the tool's own reading of the rows (`check`, timed beside each run), as
# in the target for reading CSV against workbooks: a table after the main
# one gives it, and the row's "targets missed" follows it.
# `--sets bizapps` times Solutions Partner for Business Applications on
# Partner Center's revenue and usage downloads (`generate --business-apps`: a
# fifth as many partners as N, about as many rows), as of 2026-05-15;
# `--sets security` Solutions Partner for Security on the azure set's
# downloads (its Azure part: there is no Microsoft 365 seat download).
# `--azure-read` adds a table: `check` reading the same AzureUsage rows as
# CSV and as workbooks (`generate --azure --xlsx`), against the target of
# CSV in at most half the workbooks' time.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=3
PARTNERS="500 5000 50000"
FILES=4
DIR="${TMPDIR:-/tmp}/competency-report-bench"
SETS="competency designation"
PEER_PY="${PEER_PYTHON:-python3}"
PEER_SIZES=""
PEER_RUNS=""
CHECK=1
MAIN=1
AZURE_READ=
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --partners) PARTNERS="$2"; shift 2 ;;
        --files) FILES="$2"; shift 2 ;;
        --dir) DIR="$2"; shift 2 ;;
        --sets) SETS="$2"; shift 2 ;;
        --peer-python) PEER_PY="$2"; shift 2 ;;
        --peer-sizes) PEER_SIZES="$2"; shift 2 ;;
        --peer-runs) PEER_RUNS="$2"; shift 2 ;;
        --check-only) MAIN=; shift ;;
        --azure-read) AZURE_READ=1; shift ;;
        --no-check) CHECK=; shift ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ ! -x /usr/bin/time ]; then
    echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
    exit 2
fi
# By default the peer runs at the largest size only (it takes minutes there).
PEER_RUNS="${PEER_RUNS:-$RUNS}"
if [ -z "$PEER_SIZES" ]; then
    PEER_SIZES=$(echo "$PARTNERS" | tr ' ' '\n' | sort -n | tail -n 1)
fi

cargo build --release --quiet --bin competency-report \
    --example generate --example read_only --example write_only
BIN=target/release
mkdir -p "$DIR"
rm -f "$DIR/azure-ratio.txt"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

PEER=
if "$PEER_PY" -c 'import pandas, python_calamine, xlsxwriter' 2>/dev/null; then
    PEER=1
else
    echo "note: the pandas peer is skipped: $PEER_PY cannot import pandas, python_calamine and xlsxwriter (pip install them into a virtual environment and pass --peer-python or set PEER_PYTHON)"
    echo
fi

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print 0 }'; }
max() { sort -g | tail -n 1; }
# timed OUT CMD...: runs CMD, appends "wall_s max_rss_kb cpu_percent" to OUT.
timed() {
    local out="$1"; shift
    # `check` exits 1 when the inputs have problems (the generated ones do).
    /usr/bin/time -f "%e %M %P" -o "$DIR/time.txt" "$@" > "$DIR/stdout.txt" 2> "$DIR/stderr.txt" || true
    tr -d '%' < "$DIR/time.txt" | tail -n 1 >> "$out"
}
# must_succeed OUT CMD...: as timed, but a run that fails is not a time: it
# stops the benchmark with the command's last words.
must_succeed() {
    local out="$1"; shift
    if ! /usr/bin/time -f "%e %M %P" -o "$DIR/time.txt" "$@" > "$DIR/stdout.txt" 2> "$DIR/stderr.txt"; then
        echo "failed: $*" >&2
        tail -n 5 "$DIR/stderr.txt" >&2
        exit 1
    fi
    tr -d '%' < "$DIR/time.txt" | tail -n 1 >> "$out"
}
# inputs SET N [--csv | --xlsx]: generates the inputs of a rule set and size once; prints their folder.
# The azure set's N is the competency's: a sixth as many partners, about 121
# AzureUsage rows each, make about as many rows as N partners' customer rows;
# the bizapps set's a fifth, about 105 revenue and usage rows each.
inputs() {
    local set="$1" n="$2" extra="${3:-}" in mode=""
    # Security is timed on the Azure designations' downloads.
    [ "$set" = security ] && set=azure
    in="$DIR/$set-p$n-f$FILES${extra:+$extra}"
    [ "$set" = designation ] && mode=--designation
    [ "$set" = azure ] && { mode=--azure; n=$(( (n + 5) / 6 )); }
    [ "$set" = bizapps ] && { mode=--business-apps; n=$(( (n + 4) / 5 )); }
    if [ ! -f "$in/generated.txt" ]; then
        rm -rf "$in"
        "$BIN/examples/generate" --partners "$n" --files "$FILES" --out "$in" --seed 42 $mode $extra > "$DIR/gen.txt"
        tail -n 1 "$DIR/gen.txt" > "$in/generated.txt"
    fi
    echo "$in"
}

if [ -n "$MAIN" ]; then
echo "| rule set | customer rows | transcript rows | end-to-end s | peak RSS MiB | CPU % | read alone s | write alone s (cells) | ratio | pandas s (peak MiB) | x pandas | targets missed |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for set in $SETS; do
    case "$set" in
        competency) RULES=(); AS_OF=2017-09-30; PEER_ARGS=() ;;
        designation) RULES=(--rules solutions-partner-modern-work); AS_OF=2026-09-30; PEER_ARGS=(--designation) ;;
        azure) RULES=(--rules solutions-partner-data-ai); AS_OF=2026-06-30; PEER_ARGS=() ;;
        bizapps) RULES=(--rules solutions-partner-business-applications); AS_OF=2026-05-15; PEER_ARGS=() ;;
        security) RULES=(--rules solutions-partner-security); AS_OF=2026-06-30; PEER_ARGS=() ;;
        *) echo "unknown rule set $set (competency, designation, azure, bizapps, security)" >&2; exit 2 ;;
    esac
    for n in $PARTNERS; do
        in=$(inputs "$set" "$n")
        customers=$(grep -o '[0-9]* customer rows' "$in/generated.txt" | cut -d' ' -f1)
        transcripts=$(grep -o '[0-9]* transcript rows' "$in/generated.txt" | cut -d' ' -f1)
        out="$DIR/out-$set-$n"
        : > "$DIR/e2e.txt"; : > "$DIR/read.txt"; : > "$DIR/write.txt"; : > "$DIR/peer.txt"; : > "$DIR/check.txt"
        for _ in $(seq "$RUNS"); do
            rm -rf "$out"; mkdir -p "$out"
            must_succeed "$DIR/e2e.txt" "$BIN/competency-report" run --input "$in" --output "$out" \
                --as-of "$AS_OF" "${RULES[@]}" --timings
            cp "$DIR/stderr.txt" "$DIR/timings-$set-$n.txt"
            must_succeed "$DIR/read.txt" "$BIN/examples/read_only" "$in"
            # The tool reading the rows (read, type, evaluate; nothing written).
            case "$set" in azure | bizapps | security) timed "$DIR/check.txt" "$BIN/competency-report" check \
                --input "$in" --as-of "$AS_OF" "${RULES[@]}" ;; esac
        done
        cells=$("$BIN/examples/read_only" "$out" | awk '$1 == "cells" { print $2 }')
        for _ in $(seq "$RUNS"); do
            must_succeed "$DIR/write.txt" "$BIN/examples/write_only" --cells "$cells" --out "$DIR"
        done
        # The pandas peer does the competency's and Modern Work's job only.
        if [ -n "$PEER" ] && { [ "$set" = competency ] || [ "$set" = designation ]; } && echo " $PEER_SIZES " | grep -q " $n "; then
            for _ in $(seq "$PEER_RUNS"); do
                must_succeed "$DIR/peer.txt" "$PEER_PY" scripts/peer_pandas.py "${PEER_ARGS[@]}" "$in" "$DIR/peer-out.xlsx"
            done
            rm -f "$DIR/peer-out.xlsx"
        fi
        e2e=$(cut -d' ' -f1 "$DIR/e2e.txt" | median)
        rss=$(cut -d' ' -f2 "$DIR/e2e.txt" | max)
        cpu=$(cut -d' ' -f3 "$DIR/e2e.txt" | median)
        read=$(cut -d' ' -f1 "$DIR/read.txt" | median)
        write=$(cut -d' ' -f1 "$DIR/write.txt" | median)
        peer=$(cut -d' ' -f1 "$DIR/peer.txt" | median)
        peer_rss=$(cut -d' ' -f2 "$DIR/peer.txt" | max)
        check=$(cut -d' ' -f1 "$DIR/check.txt" | median)
        case "$set" in azure | bizapps | security) echo "$set $customers $e2e $check $write" >> "$DIR/azure-ratio.txt" ;; esac
        awk -v s="$set" -v c="$customers" -v t="$transcripts" -v e="$e2e" -v m="$rss" -v p="$cpu" \
            -v r="$read" -v w="$write" -v cells="$cells" -v pe="$peer" -v pm="${peer_rss:-0}" \
            -v ch="${check:-0}" 'BEGIN {
            ratio = (r + w > 0 ? e / (r + w) : 0)
            missed = ""
            # ACR: the target is against the tool reading the rows (the table below).
            if (s == "azure") {
                if (ch + w > 0 && e / (ch + w) > 1.5) missed = missed " ratio"
            } else if (ratio > 1.0) missed = missed " ratio"
            if (m / 1024 >= 1024) missed = missed " memory"
            if (pe > 0 && e * 10 > pe) missed = missed " pandas"
            printf "| %s | %d | %d | %.2f | %.0f | %d | %.2f | %.2f (%d) | %.2f | %s | %s | %s |\n",
                s, c, t, e, m / 1024, p, r, w, cells, ratio,
                (pe > 0 ? sprintf("%.1f (%.0f)", pe, pm / 1024) : "-"),
                (pe > 0 && e > 0 ? sprintf("%.1f", pe / e) : "-"),
                (missed == "" ? "none" : missed)
        }'
    done
done
if [ -s "$DIR/azure-ratio.txt" ]; then
    # The sets scored from CSV downloads against the tool's own read. Issue
    # 19's target for AzureUsage: end to end within 1.5x of read + write,
    # "read" being what its first target measures, the tool reading (and
    # typing) the rows: `check` on the same files. A CSV splits so cheaply
    # (the read-alone column) that the ratio above measures typing rather
    # than what the tool adds to reading and writing.
    echo
    echo "| rule set | download rows | end-to-end s | check s (read, type, evaluate) | write alone s | end-to-end / (check + write) | target |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    while read -r set rows e ch w; do
        awk -v s="$set" -v r="$rows" -v e="$e" -v ch="$ch" -v w="$w" 'BEGIN {
            q = (ch + w > 0 ? e / (ch + w) : 0)
            target = (s == "azure" ? (q <= 1.5 ? "met (<= 1.5)" : "missed (<= 1.5)") : "-")
            printf "| %s | %d | %.2f | %.2f | %.2f | %.2f | %s |\n", s, r, e, ch, w, q, target
        }'
    done < "$DIR/azure-ratio.txt"
    rm -f "$DIR/azure-ratio.txt"
fi
echo
last=$(echo "$PARTNERS" | tr ' ' '\n' | sort -n | tail -n 1)
for set in $SETS; do
    echo "Phases of the last $set run at $last partners (\`run --timings\`):"
    echo '```'
    sed -n '/^phase /,$p' "$DIR/timings-$set-$last.txt" | grep -v '^competency-report' || true
    echo '```'
done
fi

if [ -n "$AZURE_READ" ]; then
echo
echo "| AzureUsage rows | check csv s | peak RSS MiB | check xlsx s | peak RSS MiB | csv / xlsx | target |"
echo "|---:|---:|---:|---:|---:|---:|---|"
for n in $PARTNERS; do
    csv=$(inputs azure "$n")
    xlsx=$(inputs azure "$n" --xlsx)
    rows=$(grep -o '[0-9]* customer rows' "$csv/generated.txt" | cut -d' ' -f1)
    : > "$DIR/ac.txt"; : > "$DIR/ax.txt"
    for _ in $(seq "$RUNS"); do
        timed "$DIR/ac.txt" "$BIN/competency-report" check --input "$csv" --rules solutions-partner-data-ai --as-of 2026-06-30
        timed "$DIR/ax.txt" "$BIN/competency-report" check --input "$xlsx" --rules solutions-partner-data-ai --as-of 2026-06-30
    done
    ac=$(cut -d' ' -f1 "$DIR/ac.txt" | median); mc=$(cut -d' ' -f2 "$DIR/ac.txt" | max)
    ax=$(cut -d' ' -f1 "$DIR/ax.txt" | median); mx=$(cut -d' ' -f2 "$DIR/ax.txt" | max)
    awk -v r="$rows" -v ac="$ac" -v mc="$mc" -v ax="$ax" -v mx="$mx" 'BEGIN {
        q = (ax > 0 ? ac / ax : 0)
        printf "| %d | %.2f | %.0f | %.2f | %.0f | %.2f | %s |\n",
            r, ac, mc / 1024, ax, mx / 1024, q, (q <= 0.5 ? "met (<= 0.5)" : "missed (<= 0.5)")
    }'
done
fi

if [ -n "$CHECK" ]; then
echo
echo "| customer rows | check xlsx s | peak RSS MiB | check csv s | peak RSS MiB | csv / xlsx | read alone xlsx s | read alone csv s (peak RSS MiB) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $PARTNERS; do
    xlsx=$(inputs competency "$n")
    csv=$(inputs competency "$n" --csv)
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
fi
echo
echo "Median of $RUNS runs each (the pandas peer: $PEER_RUNS); peak RSS is the largest of the runs."
echo "Machine: $(nproc) cores; load average at the start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
