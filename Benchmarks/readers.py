"""The Python side of the read benchmark: python-calamine and openpyxl reading the same workbooks.

    python readers.py calamine|openpyxl|openpyxl-ro [--values FILE] WORKBOOK...
        Read every sheet of every workbook; print one JSON line with the number of non-empty cells
        and the seconds spent reading (in-process, imports excluded). With --values, also write every
        cell as `file<TAB>sheet<TAB>ref<TAB>kind<TAB>value` for the comparison (not timed).
    python readers.py dump-csv FILE.csv OUT
        Turn `budgetxlsx dump --format csv` output into the same comparison lines.

openpyxl runs with data_only=True, so that, like the other readers, it gives a formula's cached value.
"""
import csv
import json
import sys
import time
from decimal import Decimal


def column_name(index):
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def plain_number(value):
    """The shortest round-trip digits of a number in plain decimal notation, as the Swift reader writes them."""
    text = format(Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def escape(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def canonical(value):
    """(kind, text) of a cell value, or None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return ("b", "1" if value else "0")
    if isinstance(value, (int, float)):
        return ("n", plain_number(value))
    if isinstance(value, str):
        return ("s", escape(value)) if value != "" else None
    return ("o", escape(str(value)))


def rows_calamine(path):
    import python_calamine
    workbook = python_calamine.CalamineWorkbook.from_path(path)
    for name in workbook.sheet_names:
        yield name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)


def rows_openpyxl(path, read_only):
    import openpyxl
    workbook = openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    try:
        for sheet in workbook.worksheets:
            yield sheet.title, sheet.iter_rows(values_only=True)
    finally:
        if read_only:
            workbook.close()


def read(mode, files, values_path):
    if mode == "calamine":
        import python_calamine  # noqa: F401  (imported before the clock starts)
        source = rows_calamine
    elif mode in ("openpyxl", "openpyxl-ro"):
        import openpyxl  # noqa: F401
        read_only = mode == "openpyxl-ro"
        source = lambda path: rows_openpyxl(path, read_only)  # noqa: E731
    else:
        raise SystemExit(f"unknown reader {mode}")
    out = open(values_path, "w", encoding="utf-8") if values_path else None
    cells = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for path in files:
        for sheet, rows in source(path):
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value is None or value == "":
                        continue
                    cells += 1
                    if out:
                        kind, text = canonical(value)
                        out.write(f"{path}\t{sheet}\t{column_name(c)}{r + 1}\t{kind}\t{text}\n")
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    if out:
        out.close()
    print(json.dumps({"cells": cells, "seconds": seconds, "cpu": cpu}))


def dump_csv(source, target):
    kinds = {"string": "s", "number": "n", "boolean": "b", "error": "e", "date": "d"}
    with open(source, newline="", encoding="utf-8") as f, open(target, "w", encoding="utf-8") as out:
        reader = csv.reader(f)
        next(reader)
        for file, sheet, ref, kind, value, _formula in reader:
            if kind == "formula" or (kind == "string" and value == ""):
                continue
            if kind == "boolean":
                value = "1" if value == "TRUE" else "0"
            out.write(f"{file}\t{sheet}\t{ref}\t{kinds[kind]}\t{escape(value) if kind == 'string' else value}\n")


def main(argv):
    if argv[0] == "dump-csv":
        dump_csv(argv[1], argv[2])
        return
    mode, files, values = argv[0], argv[1:], None
    if files[:1] == ["--values"]:
        values, files = files[1], files[2:]
    read(mode, files, values)


if __name__ == "__main__":
    main(sys.argv[1:])
