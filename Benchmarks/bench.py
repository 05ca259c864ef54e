"""Runs the read benchmark (see run.sh): makes the workloads, checks that every reader sees the same
cells, times each reader in its own process and prints cells/second, peak RSS and the ratios."""
import argparse
import copy
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_EVEN

HERE = os.path.dirname(os.path.abspath(__file__))
READERS = os.path.join(HERE, "readers.py")
EXAMPLE = os.path.join(HERE, "..", "Examples", "qinglong-hrss-2025.json")
AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")
# dump with its default --jobs (every core): the files are read in parallel, printed in order.
JOBS_READER = "budgetxlsx dump (csv, all cores)"
# Not a reader: libzip and expat alone on the same parts, no cell handled (Benchmarks/read/floor.c).
FLOOR_READER = "C floor: libzip+expat only"


def run(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


# MARK: workloads

def perturbed_units(count):
    """`count` copies of the example unit, each with its own code and name and amounts scaled by its own factor."""
    with open(EXAMPLE, encoding="utf-8") as f:
        example = json.load(f)
    units = []
    for i in range(count):
        unit = copy.deepcopy(example)
        unit["unit"]["code"] = str(1000 + i)
        unit["unit"]["name"] = example["unit"]["name"] + f"第{i + 1}分局"
        factor = Decimal(50 + (i * 37) % 151) / 100

        def scale(node):
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "values" and isinstance(value, dict):
                        for column, amount in value.items():
                            if isinstance(amount, str) and AMOUNT.match(amount):
                                value[column] = str((Decimal(amount) * factor).quantize(Decimal("0.01"), ROUND_HALF_EVEN))
                    else:
                        scale(value)
            elif isinstance(node, list):
                for item in node:
                    scale(item)

        scale(unit["tables"])
        units.append(unit)
    return units


def has_bulk(budgetxlsx):
    return subprocess.run([budgetxlsx, "bulk", "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def make_units(args, directory):
    """The 200-unit workload: with --units-source bulk, `budgetxlsx sample` writes the units and `budgetxlsx bulk`
    their workbooks; with generate, each unit is a perturbed copy of the example written by `budgetxlsx generate`;
    --units-command runs any other producer that fills the directory. auto picks bulk where the binary has it."""
    os.makedirs(directory, exist_ok=True)
    existing = sorted(glob.glob(os.path.join(directory, "**", "*.xlsx"), recursive=True))
    if len(existing) == args.units:
        return existing
    for path in existing:
        os.remove(path)
    source = args.units_source
    if source == "auto":
        source = "bulk" if has_bulk(args.budgetxlsx) else "generate"
    print(f"  making {args.units} unit workbooks with {'--units-command' if args.units_command else source}")
    if args.units_command:
        run(args.units_command.format(out=directory, n=args.units, budgetxlsx=args.budgetxlsx), shell=True)
    elif source == "bulk":
        units = os.path.join(directory, "units.jsonl")
        run([args.budgetxlsx, "sample", "--units", str(args.units), "--output", units])
        run([args.budgetxlsx, "bulk", "--input", units, "--output", directory, "--quiet"], stdout=subprocess.DEVNULL)
    else:
        inputs = os.path.join(directory, "inputs")
        os.makedirs(inputs, exist_ok=True)
        for i, unit in enumerate(perturbed_units(args.units)):
            source = os.path.join(inputs, f"unit-{i:03}.json")
            with open(source, "w", encoding="utf-8") as f:
                json.dump(unit, f, ensure_ascii=False)
            run([args.budgetxlsx, "generate", "--input", source, "--output", os.path.join(directory, f"unit-{i:03}.xlsx")],
                stdout=subprocess.DEVNULL)
    files = sorted(glob.glob(os.path.join(directory, "**", "*.xlsx"), recursive=True))
    if len(files) != args.units:
        sys.exit(f"expected {args.units} workbooks in {directory}, found {len(files)}")
    return files


def make_large(args, path, rows):
    if not os.path.exists(path):
        run([args.readbench, "make-large", path + ".tmp", str(rows)])
        os.rename(path + ".tmp", path)
    return [path]


# MARK: readers

def commands(args, files, values=None):
    """Each reader's command line; with `values`, the variant that writes the comparison lines there."""
    py = [args.python, READERS]
    table = {
        "budgetxlsx dump (csv)": [args.budgetxlsx, "dump", "--format", "csv", "--jobs", "1"] + files,
        "budgetxlsx dump (json)": [args.budgetxlsx, "dump", "--format", "json", "--jobs", "1"] + files,
        JOBS_READER: [args.budgetxlsx, "dump", "--format", "csv"] + files,
        "XLSX library (ReadBench)": [args.readbench, "read"] + (["--values", values] if values else []) + files,
        FLOOR_READER: [args.floor] + files,
        "python-calamine": py + ["calamine"] + (["--values", values] if values else []) + files,
        "openpyxl read-only": py + ["openpyxl-ro"] + (["--values", values] if values else []) + files,
        "openpyxl": py + ["openpyxl"] + (["--values", values] if values else []) + files,
    }
    return table


def timed(command, stdout_path):
    """Runs a command under /usr/bin/time; returns (wall s, CPU s (user + system), peak RSS KiB, in-process JSON or None)."""
    stats = stdout_path + ".time"
    with open(stdout_path, "wb") as out:
        run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", stats] + command, stdout=out)
    with open(stats) as f:
        wall, user, system, rss = f.read().split()[-4:]
    inner = None
    if os.path.getsize(stdout_path) < 4096:
        with open(stdout_path, encoding="utf-8", errors="replace") as f:
            text = f.read().strip()
        if text.startswith("{\"cells\"") or text.startswith("{\"events\""):
            inner = json.loads(text)
    return float(wall), float(user) + float(system), int(rss), inner


def digest(path):
    with open(path, encoding="utf-8") as f:
        lines = sorted(f)
    return hashlib.sha256("".join(lines).encode()).hexdigest(), len(lines), lines


def verify(args, name, files, work, readers):
    """Every reader writes its cells as comparison lines; all must agree with the library's."""
    results = {}
    for reader in readers:
        if reader == FLOOR_READER:
            continue
        target = os.path.join(work, f"{name}-{reader.split()[0]}-{len(results)}.values")
        if reader.startswith("budgetxlsx dump"):
            if "csv" not in reader:
                continue
            raw = target + ".csv"
            with open(raw, "wb") as out:
                run(commands(args, files)[reader], stdout=out)
            run([args.python, READERS, "dump-csv", raw, target])
            os.remove(raw)
        else:
            with open(os.devnull, "wb") as null:
                run(commands(args, files, values=target)[reader], stdout=null)
        results[reader] = digest(target)
        os.remove(target)
    reference_name = "XLSX library (ReadBench)"
    reference = results[reference_name]
    ok = True
    for reader, (sha, count, lines) in results.items():
        if sha != reference[0]:
            ok = False
            missing = sorted(set(reference[2]) - set(lines))[:5]
            extra = sorted(set(lines) - set(reference[2]))[:5]
            print(f"  MISMATCH {reader}: {count} cells vs {reference[1]}; only in library: {missing}; only in {reader}: {extra}")
    print(f"  values: {len(results)} readers agree on {reference[1]} cells" if ok else "  values DIFFER")
    return ok, reference[1]


def bench(args, name, files, work, readers, cells, repeat_fast=None):
    """Each reader's best of --repeat runs (CPU time: the machine may be shared); peak RSS is the largest seen.
    The runs take turns, one of each reader per round, so a slow spell of a shared machine falls on all of them."""
    rows = []
    samples = {reader: [] for reader in readers}
    fast = repeat_fast or args.repeat
    for round in range(max(fast, args.repeat_slow)):
        for reader in readers:
            repeat = fast if not reader.startswith("openpyxl") else args.repeat_slow
            if round < repeat:
                samples[reader].append(timed(commands(args, files)[reader], os.path.join(work, "stdout")))
    for reader in readers:
        best = min(samples[reader], key=lambda s: s[0] if reader == JOBS_READER else s[1])
        read = min((s[3]["cpu"] for s in samples[reader] if s[3]), default=None)
        rows.append({"workload": name, "reader": reader, "cells": cells, "wall": best[0], "cpu": best[1], "read": read,
                     "rss_mb": max(s[2] for s in samples[reader]) / 1024})
    return rows


def print_table(rows):
    by_reader = {r["reader"]: r for r in rows}
    cal = by_reader.get("python-calamine")
    opx = by_reader.get("openpyxl") or by_reader.get("openpyxl read-only")
    print(f"  {'reader':<33} {'wall':>7} {'process':>8} {'reading':>8} {'Mcells/s':>9} {'peak RSS':>10} {'vs calamine':>12} {'vs ' + ('openpyxl' if 'openpyxl' in by_reader else 'openpyxl-ro'):>12}")
    for r in rows:
        if r["reader"] == JOBS_READER:
            # Several cores: only wall time tells what it gains; its CPU time is the sum over threads.
            rate = r["cells"] / r["wall"] / 1e6
            vs_cal = cal["wall"] / r["wall"] if cal else None
            vs_opx = opx["wall"] / r["wall"] if opx else None
            print(f"  {r['reader']:<33} {r['wall']:>7.3f} {r['cpu']:>8.3f} {'-':>8} {rate:>9.2f} {r['rss_mb']:>8.1f}MB"
                  f" {(f'{vs_cal:.2f}x' if vs_cal else '-'):>12} {(f'{vs_opx:.1f}x' if vs_opx else '-'):>12}  (wall)")
            continue
        seconds = r["read"] if r["read"] is not None else r["cpu"]
        rate = r["cells"] / seconds / 1e6
        # Like for like: in-process reading time against in-process, whole process against whole process.
        if r["read"] is not None:
            vs_cal = cal["read"] / seconds if cal else None
            vs_opx = opx["read"] / seconds if opx else None
        else:
            vs_cal = cal["cpu"] / seconds if cal else None
            vs_opx = opx["cpu"] / seconds if opx else None
        read = f"{r['read']:.3f}" if r["read"] is not None else "-"
        print(f"  {r['reader']:<33} {r['wall']:>7.3f} {r['cpu']:>8.3f} {read:>8} {rate:>9.2f} {r['rss_mb']:>8.1f}MB"
              f" {(f'{vs_cal:.2f}x' if vs_cal else '-'):>12} {(f'{vs_opx:.1f}x' if vs_opx else '-'):>12}")
    print("  (Seconds, best run. wall: the whole process, start to exit; process: its CPU time (user + system), startup,"
          " imports and output included; reading: the CPU time of the reading loop inside the process. Mcells/s and the"
          " ratios use reading where the reader reports it, else process CPU time; for the all-cores dump they use wall"
          " time against the others' wall time. A ratio above 1 means faster than the other reader. The C floor"
          " handles no cell: it is what libzip and expat alone cost.)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--budgetxlsx", required=True)
    parser.add_argument("--readbench", required=True)
    parser.add_argument("--floor", required=True, help="the compiled Benchmarks/read/floor.c")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--work", default=os.path.join(HERE, "out"))
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--units-source", choices=["auto", "bulk", "generate"], default="auto")
    parser.add_argument("--units-command", default=None,
                        help="shell command that writes the unit workbooks into {out} ({n} units; {budgetxlsx} is the binary)")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--big-rows", type=int, default=1_000_000, help="second large sheet for the streaming check; 0 skips it")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--repeat-slow", type=int, default=1, help="runs of the openpyxl readers")
    parser.add_argument("--repeat-big", type=int, default=2, help="runs of each reader on the --big-rows sheet (there for memory)")
    parser.add_argument("--skip-openpyxl-normal", action="store_true")
    parser.add_argument("--json", default=None, help="also write the figures here")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)

    all_readers = list(commands(args, []).keys())
    if args.skip_openpyxl_normal:
        all_readers.remove("openpyxl")
    fast = [r for r in all_readers if not r.startswith("openpyxl")]
    workloads = [("units", make_units(args, os.path.join(args.work, "units")), all_readers)]
    workloads.append((f"large-{args.rows}", make_large(args, os.path.join(args.work, f"large-{args.rows}.xlsx"), args.rows), all_readers))
    if args.big_rows:
        workloads.append((f"large-{args.big_rows}", make_large(args, os.path.join(args.work, f"large-{args.big_rows}.xlsx"), args.big_rows), fast))

    results = []
    ok = True
    for name, files, readers in workloads:
        size = sum(os.path.getsize(f) for f in files) / 1e6
        print(f"== {name}: {len(files)} file(s), {size:.1f} MB")
        agreed, cells = verify(args, name, files, args.work, readers)
        ok = ok and agreed
        rows = bench(args, name, files, args.work, readers, cells,
                     repeat_fast=args.repeat_big if name == f"large-{args.big_rows}" else None)
        print_table(rows)
        results += rows

    print("== targets")
    get = {(r["workload"], r["reader"]): r for r in results}
    for name, _, readers in workloads:
        lib, dump, cal = get[(name, "XLSX library (ReadBench)")], get[(name, "budgetxlsx dump (csv)")], get[(name, "python-calamine")]
        jobs, floor = get[(name, JOBS_READER)], get[(name, FLOOR_READER)]
        print(f"  {name}: library reading {cal['read'] / lib['read']:.2f}x calamine's speed (CPU); dump --jobs 1 process"
              f" {cal['cpu'] / dump['cpu']:.2f}x calamine's process (CPU); dump on all cores {cal['wall'] / jobs['wall']:.2f}x"
              f" calamine's process (wall)")
        print(f"    the C floor (libzip + expat alone) takes {floor['read'] / cal['read']:.2f}x calamine's reading time;"
              f" the library {lib['read'] / floor['read']:.2f}x the floor's")
        print(f"    peak RSS library {lib['rss_mb']:.1f} MB, dump {dump['rss_mb']:.1f} MB, calamine {cal['rss_mb']:.1f} MB")
        for slow in ("openpyxl", "openpyxl read-only"):
            if (name, slow) in get:
                o = get[(name, slow)]
                print(f"    vs {slow}: library reading {o['read'] / lib['read']:.1f}x, dump --jobs 1 process {o['cpu'] / dump['cpu']:.1f}x,"
                      f" dump on all cores {o['wall'] / jobs['wall']:.1f}x (wall) faster; the C floor {o['read'] / floor['read']:.1f}x")
    if args.big_rows:
        small, big = f"large-{args.rows}", f"large-{args.big_rows}"
        for reader in ("XLSX library (ReadBench)", "budgetxlsx dump (csv)", "budgetxlsx dump (json)", "python-calamine"):
            a, b = get[(small, reader)]["rss_mb"], get[(big, reader)]["rss_mb"]
            print(f"  streaming, {reader}: peak RSS {a:.1f} MB at {args.rows} rows, {b:.1f} MB at {args.big_rows} rows ({b / a:.2f}x)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    if not ok:
        sys.exit("readers disagree on the cell values")


if __name__ == "__main__":
    main()
