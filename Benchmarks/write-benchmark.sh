#!/usr/bin/env bash
# Write benchmark: the same N disclosure workbooks from BudgetXLSX (one job and two jobs),
# from Python XlsxWriter and from a plain C program on libxlsxwriter.
#
#   bash Benchmarks/write-benchmark.sh
#
# Settings (environment): UNITS=200 SEED=1 REPEAT=3 RSS_UNITS="100 2000" RSS_JOBS=1 SCRATCH=.build-wbench
#   WORK=Benchmarks/out/write
#
# 1. builds budgetxlsx (release) and Benchmarks/write/replay.c (cc -O2), and makes a virtual
#    environment with XlsxWriter (Benchmarks/.venv);
# 2. writes UNITS synthetic units (`budgetxlsx sample`) and records, with `bulk --trace-calls`,
#    every libxlsxwriter call BudgetXLSX makes for them (an untimed run);
# 3. times, REPEAT times each, keeping the fastest run: `bulk --jobs 1`, `bulk --jobs 2`, the
#    Python replay of the traces and the C replay of the traces, each in its own process under
#    /usr/bin/time for the peak RSS;
# 4. checks that all of them wrote the same cells, values, types and merged ranges
#    (`budgetxlsx dump`, CSV and JSON, every workbook);
# 5. measures the peak RSS of `bulk` over the first 100 and over 2,000 units;
# 6. prints the figures, the ratios and whether each target is met.
# What each figure includes is described in Benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
UNITS=${UNITS:-200}
SEED=${SEED:-1}
REPEAT=${REPEAT:-3}
RSS_UNITS=${RSS_UNITS:-"100 2000"}
RSS_JOBS=${RSS_JOBS:-1}
SCRATCH=${SCRATCH:-.build-wbench}
WORK=${WORK:-Benchmarks/out/write}

log() { echo "$*" >&2; }

if [ ! -x /usr/bin/time ]; then
    log "installing GNU time (for the peak RSS)"
    if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >&2; else sudo apt-get install -y -qq time >&2; fi
fi

swift build --scratch-path "$SCRATCH" -c release --product budgetxlsx >&2
BIN=$(cd "$SCRATCH/release" && pwd -P)/budgetxlsx

if [ ! -x Benchmarks/.venv/bin/python ]; then
    python3 -m venv Benchmarks/.venv
fi
PY=Benchmarks/.venv/bin/python
$PY -c 'import xlsxwriter' 2>/dev/null || Benchmarks/.venv/bin/pip install --quiet xlsxwriter >&2

mkdir -p "$WORK"
# shellcheck disable=SC2046
cc -O2 -o "$WORK/replay" Benchmarks/write/replay.c $(pkg-config --cflags --libs xlsxwriter)

log "writing $UNITS units (seed $SEED) and recording the calls"
"$BIN" sample --units "$UNITS" --seed "$SEED" --output "$WORK/units.jsonl"
rm -rf "$WORK/traced" "$WORK/traces"
"$BIN" bulk --input "$WORK/units.jsonl" --output "$WORK/traced" --jobs 1 --quiet --trace-calls "$WORK/traces" >&2
TRACES=("$WORK"/traces/*.trace)
[ "${#TRACES[@]}" = "$UNITS" ] || { log "expected $UNITS traces, found ${#TRACES[@]}"; exit 1; }

# timed NAME OUTDIR COMMAND...: runs COMMAND REPEAT times into a fresh OUTDIR; keeps the fastest
# wall time (ms), the smallest CPU time (user + system, ms) and the largest peak RSS (KiB) in
# BEST_MS, BEST_CPU and PEAK_KB.
timed() {
    local name=$1 outdir=$2
    shift 2
    BEST_MS=0 BEST_CPU=0 PEAK_KB=0
    for ((i = 1; i <= REPEAT; i++)); do
        rm -rf "$outdir"
        mkdir -p "$outdir"
        local start end ms kb cpu
        start=$(date +%s%N)
        /usr/bin/time -f '%M %U %S' -o "$WORK/rss" "$@" >/dev/null
        end=$(date +%s%N)
        ms=$(((end - start) / 1000000))
        read -r kb cpu < <(tail -1 "$WORK/rss" | awk '{printf "%d %d\n", $1, ($2 + $3) * 1000}')
        log "  $name run $i: ${ms} ms wall, ${cpu} ms CPU, peak RSS ${kb} KiB"
        if [ "$BEST_MS" = 0 ] || [ "$ms" -lt "$BEST_MS" ]; then BEST_MS=$ms; fi
        if [ "$BEST_CPU" = 0 ] || [ "$cpu" -lt "$BEST_CPU" ]; then BEST_CPU=$cpu; fi
        if [ "$kb" -gt "$PEAK_KB" ]; then PEAK_KB=$kb; fi
    done
}

declare -A MS CPU RSS
log "timing ($REPEAT runs each, fastest kept)"
timed "budgetxlsx --jobs 1" "$WORK/swift1" "$BIN" bulk --input "$WORK/units.jsonl" --output "$WORK/swift1" --jobs 1 --quiet
MS[swift1]=$BEST_MS CPU[swift1]=$BEST_CPU RSS[swift1]=$PEAK_KB
timed "budgetxlsx --jobs 2" "$WORK/swift2" "$BIN" bulk --input "$WORK/units.jsonl" --output "$WORK/swift2" --jobs 2 --quiet
MS[swift2]=$BEST_MS CPU[swift2]=$BEST_CPU RSS[swift2]=$PEAK_KB
timed "Python XlsxWriter" "$WORK/python" "$PY" Benchmarks/write/replay.py "$WORK/python" "${TRACES[@]}"
MS[python]=$BEST_MS CPU[python]=$BEST_CPU RSS[python]=$PEAK_KB
timed "C libxlsxwriter" "$WORK/c" "$WORK/replay" "$WORK/c" "${TRACES[@]}"
MS[c]=$BEST_MS CPU[c]=$BEST_CPU RSS[c]=$PEAK_KB

log "checking that every producer wrote the same cells and merges"
mismatches=0
for trace in "${TRACES[@]}"; do
    name=$(basename "$trace" .trace)
    for dir in swift1 swift2 python c; do
        [ -f "$WORK/$dir/$name" ] || { log "missing: $WORK/$dir/$name"; exit 1; }
    done
done
for format in csv json; do
    for dir in swift1 swift2 python c; do
        # Dump from inside each directory so the file column is the same everywhere.
        (cd "$WORK/$dir" && ls -- *.xlsx | LC_ALL=C sort | xargs -d '\n' "$BIN" dump --format "$format") \
            >"$WORK/dump-$dir.$format"
    done
    for dir in swift2 python c; do
        if ! cmp -s "$WORK/dump-swift1.$format" "$WORK/dump-$dir.$format"; then
            log "DIFFERENT ($format): swift1 vs $dir"
            diff "$WORK/dump-swift1.$format" "$WORK/dump-$dir.$format" | head -20 >&2 || true
            mismatches=$((mismatches + 1))
        fi
    done
done
cells=$(($(wc -l <"$WORK/dump-swift1.csv") - 1))
merges=$(grep -o '"merges":\[[^]]*\]' "$WORK/dump-swift1.json" | grep -o '"[A-Z]*[0-9]*:[A-Z]*[0-9]*"' | wc -l)
[ "$mismatches" = 0 ] && log "  same $cells cells and $merges merged ranges in all ${#TRACES[@]} × 4 workbooks"
[ "$mismatches" = 0 ] || { log "outputs differ"; exit 1; }

log "peak RSS of bulk --jobs $RSS_JOBS by number of units"
declare -A FLAT
largest=0
for n in $RSS_UNITS; do [ "$n" -gt "$largest" ] && largest=$n; done
"$BIN" sample --units "$largest" --seed "$SEED" --output "$WORK/units-rss.jsonl"
for n in $RSS_UNITS; do
    head -n "$n" "$WORK/units-rss.jsonl" >"$WORK/units-$n.jsonl"
    rm -rf "$WORK/rss-out"
    start=$(date +%s%N)
    /usr/bin/time -f %M -o "$WORK/rss" "$BIN" bulk --input "$WORK/units-$n.jsonl" --output "$WORK/rss-out" \
        --jobs "$RSS_JOBS" --quiet >/dev/null
    end=$(date +%s%N)
    FLAT[$n]=$(tail -1 "$WORK/rss")
    log "  $n units: peak RSS ${FLAT[$n]} KiB ($(((end - start) / 1000000)) ms)"
done
rm -rf "$WORK/rss-out"

echo "machine: $(nproc) cores, $(uname -sr); $(swift --version 2>&1 | head -1)"
echo "libxlsxwriter $(pkg-config --modversion xlsxwriter 2>/dev/null) ($(grep -o 'LXW_VERSION "[^"]*"' "$(pkg-config --variable=includedir xlsxwriter)/xlsxwriter.h" | cut -d'"' -f2)),"\
     "$($PY -c 'import sys, xlsxwriter; print("Python", sys.version.split()[0] + ", XlsxWriter", xlsxwriter.__version__)')"
echo "$UNITS workbooks (budgetxlsx sample --units $UNITS --seed $SEED), $cells cells, $merges merged ranges; fastest of $REPEAT runs"
echo
awk -v units="$UNITS" \
    -v s1="${MS[swift1]}" -v s2="${MS[swift2]}" -v py="${MS[python]}" -v c="${MS[c]}" \
    -v c1="${CPU[swift1]}" -v c2="${CPU[swift2]}" -v cpy="${CPU[python]}" -v cc="${CPU[c]}" \
    -v r1="${RSS[swift1]}" -v r2="${RSS[swift2]}" -v rpy="${RSS[python]}" -v rc="${RSS[c]}" \
    -v flat="$(for n in $RSS_UNITS; do printf '%s:%s ' "$n" "${FLAT[$n]}"; done)" -v rssjobs="$RSS_JOBS" '
function row(name, ms, cpu, kb) {
    printf "| %-26s | %8.0f | %11.1f | %11.2f | %7.0f | %12.1f |\n", name, ms, units / (ms / 1000), ms / units, cpu, kb / 1024
}
function verdict(ok) { return ok ? "met" : "NOT met" }
BEGIN {
    printf "| %-26s | %8s | %11s | %11s | %7s | %12s |\n", "producer", "wall ms", "workbooks/s", "ms/workbook", "CPU ms", "peak RSS MiB"
    printf "|----------------------------|---------:|------------:|------------:|--------:|-------------:|\n"
    row("BudgetXLSX bulk --jobs 1", s1, c1, r1)
    row("BudgetXLSX bulk --jobs 2", s2, c2, r2)
    row("Python XlsxWriter (replay)", py, cpy, rpy)
    row("C libxlsxwriter (replay)", c, cc, rc)
    print ""
    printf "BudgetXLSX --jobs 1 / C time:        %.2fx wall, %.2fx CPU  (target <= 1.25x: %s)\n", s1 / c, c1 / cc, verdict(s1 / c <= 1.25)
    printf "Python / BudgetXLSX --jobs 1 time:   %.2fx wall, %.2fx CPU  (target >= 4x: %s)\n", py / s1, cpy / c1, verdict(py / s1 >= 4)
    printf "--jobs 2 rate / --jobs 1 rate:       %.2fx  (target >= 1.7x: %s)\n", s1 / s2, verdict(s1 / s2 >= 1.7)
    n = split(flat, pairs, " ")
    for (i = 1; i <= n; i++) { split(pairs[i], p, ":"); printf "peak RSS of bulk --jobs %d, %5d units: %.1f MiB\n", rssjobs, p[1], p[2] / 1024
        if (i == 1) first = p[2]; last = p[2] }
    if (n > 1) printf "RSS growth, largest / smallest run:  %.2fx  (target flat, <= 1.10x: %s)\n", last / first, verdict(last / first <= 1.10)
}'
