#!/usr/bin/env bash
# Read benchmark: budgetxlsx dump and the XLSX library against python-calamine and openpyxl.
#
#   bash Benchmarks/run.sh [bench.py options]     e.g. --big-rows 0 --repeat 1
#
# Builds budgetxlsx and ReadBench in release mode, compiles the C floor (Benchmarks/read/floor.c), makes a virtual environment with python-calamine
# and openpyxl (Benchmarks/.venv), writes the workloads to Benchmarks/out (kept between runs), checks
# that every reader sees the same cells, then times each reader in its own process.
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build-bench}
swift build --scratch-path "$SCRATCH" -c release --product budgetxlsx >&2
swift build --scratch-path "$SCRATCH" -c release --product ReadBench >&2
BIN=$(swift build --scratch-path "$SCRATCH" -c release --show-bin-path)
mkdir -p "$SCRATCH"
cc -O2 -o "$SCRATCH/read-floor" Benchmarks/read/floor.c $(pkg-config --cflags --libs libzip expat)
if [ ! -x Benchmarks/.venv/bin/python ]; then
    python3 -m venv Benchmarks/.venv
fi
Benchmarks/.venv/bin/python -c 'import python_calamine, openpyxl' 2>/dev/null ||
    Benchmarks/.venv/bin/pip install --quiet python-calamine openpyxl >&2
echo "machine: $(nproc) cores, $(uname -sr); $(swift --version 2>&1 | head -1)"
Benchmarks/.venv/bin/python -c 'import sys, importlib.metadata as m; print("python", sys.version.split()[0] + ", python-calamine", m.version("python-calamine") + ", openpyxl", m.version("openpyxl"))'
exec Benchmarks/.venv/bin/python Benchmarks/bench.py --budgetxlsx "$BIN/budgetxlsx" --readbench "$BIN/ReadBench" --floor "$SCRATCH/read-floor" \
    --python Benchmarks/.venv/bin/python "$@"
