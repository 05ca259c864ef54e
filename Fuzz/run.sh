#!/usr/bin/env bash
# Builds the libFuzzer target for the XLSX reader and runs it.
#
#   bash Fuzz/run.sh SECONDS [libFuzzer options...]
#
# Work files go to .build-fuzz/: the binary, the corpus (seeded on the first run with small
# workbooks and their parts), and crash-*/timeout-*/oom-* reproducers. A finding is reproduced
# with `.build-fuzz/reader-fuzzer FILE`; add it to Tests/XLSXTests/HostileFuzzRegressionTests.swift.
# Needs a Swift toolchain with libFuzzer (swift.org's Linux toolchains have it) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:?usage: Fuzz/run.sh SECONDS [libFuzzer options]}
shift
WORK=${FUZZ_WORK:-.build-fuzz}
mkdir -p "$WORK/corpus" "$WORK/findings"
BIN="$WORK/reader-fuzzer"

SOURCES=$(find Sources/XLSX -name '*.swift' | sort)
NEWEST=$(ls -t $SOURCES Fuzz/ReaderFuzzer.swift | head -1)
if [ ! -x "$BIN" ] || [ "$NEWEST" -nt "$BIN" ]; then
    echo "building $BIN" >&2
    # shellcheck disable=SC2086
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name XLSXFuzz \
        -I Sources/CZip -I Sources/CExpat -I Sources/CXlsxWriter \
        $(pkg-config --cflags-only-I libzip expat xlsxwriter | sed 's/-I/-Xcc -I/g') \
        $SOURCES Fuzz/ReaderFuzzer.swift -o "$BIN" 2> "$WORK/build.log" || { cat "$WORK/build.log" >&2; exit 1; }
fi

if [ -z "$(ls -A "$WORK/corpus")" ]; then
    python3 Fuzz/seeds.py "$WORK/corpus"
fi

# -max_len: large enough for a small workbook; -timeout/-rss_limit_mb: a hang or a blow-up is a finding.
exec "$BIN" "$WORK/corpus" -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$WORK/findings/" -print_final_stats=1 -dict=Fuzz/xlsx.dict "$@"
