"""Independent check of a generated disclosure workbook with openpyxl.

Usage: check_generated.py WORKBOOK.xlsx DOMAIN.md SAMPLE.txt

Expected header grids come from DOMAIN.md ("The header grids"), expected
body figures from the published sample text; neither goes through
BudgetXLSX's own code. Prints one line per failed check and a summary line
`tables=N figures=N blanks=N codes=N merges=N failures=N`; exits 1 on any failure.
"""
import re
import sys

import openpyxl
from openpyxl.utils import get_column_letter

workbook_path, domain_path, sample_path = sys.argv[1:4]
failures = []


def fail(message):
    failures.append(message)


def squash(text):
    return re.sub(r"\s+", "", str(text)) if text is not None else None


# --- expected header grids from DOMAIN.md
domain = open(domain_path, encoding="utf-8").read()
grids = {}
for title, block in re.findall(r"\*\*(部门预算[^*]+)\*\*\n```\n(.*?)```", domain, re.S):
    rows = [[cell.strip() for cell in line.split(" | ")] for line in block.strip().split("\n")]
    grids[title.replace('"', "“", 1).replace('"', "”", 1) if '"' in title else title] = rows


def expected_merges(grid):
    """Merged ranges by DOMAIN.md's rule, header rows only, 0-based (r1, c1, r2, c2)."""
    header = grid[:-1]
    merges = set()
    for r, row in enumerate(header):
        for c, label in enumerate(row):
            if label == "·":
                continue
            c2 = c
            while c2 + 1 < len(row) and row[c2 + 1] == "·" and r + 1 < len(header) and header[r + 1][c2 + 1] != "·":
                c2 += 1
            r2 = r
            if c2 == c:
                while r2 + 1 < len(header) and header[r2 + 1][c] == "·":
                    r2 += 1
            if (r2, c2) != (r, c):
                merges.add((r, c, r2, c2))
    return merges


# --- expected bodies from the sample text
lines = open(sample_path, encoding="utf-8").read().split("\n")
end = next(i for i, l in enumerate(lines) if "部门预算信息公开情况说明" in l and i > 40)
starts = []
for title in grids:
    index = next(i for i, l in enumerate(lines) if l.strip() == title and i > 20)
    starts.append((index, title))
starts.sort()
bodies = {}
for k, (start, title) in enumerate(starts):
    stop = starts[k + 1][0] if k + 1 < len(starts) else end
    rows = []
    for line in lines[start:stop]:
        cells = line.split("\t")
        if re.fullmatch(r"\d+", cells[0]):
            rows.append(cells)
        elif rows and len(cells) >= 3 and cells[0] == "" and cells[1] == "" and cells[2] and not any(cells[3:]):
            rows[-1][2] += cells[2]  # a subject name wrapped onto the next line
    bodies[title] = rows

wb = openpyxl.load_workbook(workbook_path)
counts = {"tables": 0, "figures": 0, "blanks": 0, "codes": 0, "merges": 0}
for title, grid in grids.items():
    if title not in wb.sheetnames:
        fail(f"sheet {title} missing")
        continue
    ws = wb[title]
    counts["tables"] += 1
    if squash(ws["A1"].value) != squash(title):
        fail(f"{title}!A1: title {ws['A1'].value!r}")
    first = 3  # 1-based header row: title, unit line, then the header
    depth = len(grid) - 1
    for r, row in enumerate(grid[:-1]):
        for c, label in enumerate(row):
            if label != "·":
                got = ws.cell(row=first + r, column=c + 1).value
                if squash(got) != squash(label):
                    fail(f"{title}!{get_column_letter(c + 1)}{first + r}: header {got!r}, expected {label!r}")
    got_merges = set()
    for m in ws.merged_cells.ranges:
        if m.min_row >= first and m.max_row < first + depth:
            got_merges.add((m.min_row - first, m.min_col - 1, m.max_row - first, m.max_col - 1))
    want = expected_merges(grid)
    if got_merges != want:
        fail(f"{title}: header merges {sorted(got_merges)}, expected {sorted(want)}")
    counts["merges"] += len(want)
    number_row = first + depth
    numbers = [ws.cell(row=number_row, column=c + 1).value for c in range(len(grid[-1]))]
    if numbers[0] != "栏次" or numbers[1:] != list(range(1, len(numbers))):
        fail(f"{title}: 栏次 row {numbers}")
    if ws.print_title_rows not in (f"1:{number_row}", f"$1:${number_row}"):
        fail(f"{title}: print titles {ws.print_title_rows!r}, expected 1:{number_row}")
    if ws.page_setup.orientation != "landscape":
        fail(f"{title}: orientation {ws.page_setup.orientation!r}")
    if str(ws.page_setup.paperSize) != "9":
        fail(f"{title}: paper {ws.page_setup.paperSize!r}, expected 9 (A4)")
    if ws.freeze_panes != f"A{number_row + 1}":
        fail(f"{title}: frozen at {ws.freeze_panes!r}")
    info = [str(c.value) for c in ws[2] if c.value is not None]
    if info != ["323 青龙满族自治县人力资源和社会保障局", "预算年度：2025", "单位：万元"]:
        fail(f"{title}: unit line {info}")
    body_start = number_row + 1
    rows = bodies[title]
    for i, cells in enumerate(rows):
        r = body_start + i
        if ws.cell(row=r, column=1).value != int(cells[0]):
            fail(f"{title}!A{r}: 序号 {ws.cell(row=r, column=1).value!r}, expected {cells[0]}")
        for c, text in enumerate(cells[1:len(grid[-1])], start=2):
            cell = ws.cell(row=r, column=c)
            ref = f"{title}!{cell.coordinate}"
            text = text.strip()
            if text == "":
                if cell.value is not None:
                    fail(f"{ref}: expected blank, found {cell.value!r}")
                counts["blanks"] += 1
            elif re.fullmatch(r"\d{3}(\d{2}){0,2}", text) and grid[1][c - 1] == "科目编码":
                if cell.data_type != "s" or cell.value != text:
                    fail(f"{ref}: code {cell.value!r} ({cell.data_type}), expected text {text!r}")
                counts["codes"] += 1
            elif re.fullmatch(r"-?[\d,]*\.?\d+", text):
                if not isinstance(cell.value, (int, float)) or cell.value != float(text.replace(",", "")):
                    fail(f"{ref}: {cell.value!r}, expected {text}")
                elif cell.number_format != "#,##0.00":
                    fail(f"{ref}: number format {cell.number_format!r}")
                counts["figures"] += 1
            elif squash(cell.value) != squash(text):
                fail(f"{ref}: {cell.value!r}, expected {text!r}")
    after = ws.cell(row=body_start + len(rows), column=2).value
    if after is not None:
        fail(f"{title}: unexpected row after the body: {after!r}")

for message in failures:
    print(message)
print(" ".join(f"{k}={v}" for k, v in counts.items()) + f" failures={len(failures)}")
sys.exit(1 if failures else 0)
