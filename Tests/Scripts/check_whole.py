"""Independent check of the sheets after the nine tables, with openpyxl.

Usage: check_whole.py WORKBOOK.xlsx SAMPLE.txt

From the published sample text (not through BudgetXLSX's code) it takes each
project's heading, 项目编码 and 预算数, and checks that the workbook has a
sheet for it whose A1 is the heading, with the code and amount in place and
the label cells merged over their rows (预算规模及资金用途 over two rows,
资金支出计划 over two rows, each run of 一级指标 merged down). It follows every
link of the 目录 and checks that it lands on a sheet whose A1 is the linked
title. Prints one line per failure and a summary line; exits 1 on any failure.
"""
import re
import sys

import openpyxl

workbook_path, sample_path = sys.argv[1:3]
failures = []


def squash(text):
    return re.sub(r"\s+", "", str(text)) if text is not None else ""


# --- projects from the sample text
lines = open(sample_path, encoding="utf-8").read().split("\n")
start = next(i for i, l in enumerate(lines) if l.strip() == "六、部门项目预算安排情况及绩效目标")
end = next(i for i, l in enumerate(lines) if l.strip() == "七、政府采购预算情况")
projects = []
i = start
while i < end:
    line = lines[i]
    m = re.match(r"^(\d+)、(.*)$", line)
    if m and "\t" not in line:
        heading = line
        if not squash(heading).endswith("绩效目标表"):
            heading += lines[i + 1]
            i += 1
        projects.append({"heading": squash(heading)})
    cells = line.split("\t")
    if cells[0] == "项目编码":
        projects[-1]["code"] = cells[1]
    if cells[0].startswith("预算规模"):
        projects[-1]["budget"] = float(cells[2])
    i += 1

wb = openpyxl.load_workbook(workbook_path)
by_title = {}
for ws in wb.worksheets:
    by_title.setdefault(squash(ws["A1"].value), ws)

merges_ok = 0
indicator_rows = 0
for n, project in enumerate(projects, 1):
    ws = by_title.get(project["heading"])
    if ws is None:
        failures.append(f"project {n}: no sheet with A1 = {project['heading']}")
        continue
    if ws["B3"].value != project["code"]:
        failures.append(f"project {n}: B3 is {ws['B3'].value!r}, the sample says {project['code']}")
    if ws["C4"].value != project["budget"]:
        failures.append(f"project {n}: C4 is {ws['C4'].value!r}, the sample says {project['budget']}")
    merged = {str(r) for r in ws.merged_cells.ranges}
    wanted = {"A4:A5": "预算规模及资金用途", "A6:A7": "资金支出计划（%）"}
    ok = True
    for ref, label in wanted.items():
        if ref not in merged or ws[ref.split(":")[0]].value != label:
            failures.append(f"project {n}: {label} is not merged over {ref}")
            ok = False
    if ws["A9"].value != "一级指标" or ws["F9"].value != "指标值确定依据":
        failures.append(f"project {n}: the indicator header is not on row 9")
        ok = False
    # Every indicator row lies in exactly one 一级 cell: a merge down column A or a single cell.
    last = ws.max_row
    covered = set()
    for r in ws.merged_cells.ranges:
        if r.min_col == 1 and r.max_col == 1 and r.min_row >= 10:
            if not ws.cell(row=r.min_row, column=1).value:
                failures.append(f"project {n}: the merge {r} in column A has no label")
                ok = False
            covered.update(range(r.min_row, r.max_row + 1))
    for row in range(10, last + 1):
        if row not in covered and not ws.cell(row=row, column=1).value:
            failures.append(f"project {n}: row {row} has no 一级指标 cell")
            ok = False
    indicator_rows += last - 9
    merges_ok += ok

# --- the 目录 links
toc = wb["目录"]
links = links_ok = 0
for row in toc.iter_rows(min_row=4):
    cell = row[1]
    if cell.value is None:
        continue
    links += 1
    target = cell.hyperlink.location if cell.hyperlink is not None else None
    sheet = target.split("!")[0].strip("'").replace("''", "'") if target else None
    if sheet in wb.sheetnames and squash(wb[sheet]["A1"].value) == squash(cell.value):
        links_ok += 1
    else:
        failures.append(f"目录 row {cell.row}: {cell.value!r} links to {target!r}")

for f in failures:
    print(f)
print(f"projects={len(projects)} merges_ok={merges_ok} indicator_rows={indicator_rows} links={links} links_ok={links_ok} failures={len(failures)}")
sys.exit(1 if failures else 0)
