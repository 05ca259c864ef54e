"""The Python XlsxWriter side of the write benchmark.

    python replay.py OUTDIR TRACE...

Reads each call trace that `budgetxlsx bulk --trace-calls` recorded and makes
the same calls through Python XlsxWriter, writing each workbook into OUTDIR
under the base name of its original path. Reading and parsing the trace is
part of the measured work, as it is for the C program (replay.c).

The trace format is described in Benchmarks/README.md.
"""
import os
import sys

import xlsxwriter

HORIZONTAL = {1: "left", 2: "center", 3: "right", 4: "fill", 5: "justify", 6: "center_across", 7: "distributed"}
VERTICAL = {1: "top", 2: "vcenter", 3: "vjustify", 4: "vdistributed"}
ESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def unescape(text):
    if "\\" not in text:
        return text
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append(ESCAPES.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def optional(field):
    """A text field where `-` or an empty field means none."""
    return None if field in ("", "-") else unescape(field)


def color(field):
    return "#%06X" % int(field)


def define_format(workbook, f):
    fmt = workbook.add_format()
    font = optional(f[2])
    if font is not None:
        fmt.set_font_name(font)
    if f[3] != "-":
        fmt.set_font_size(float(f[3]))
    if f[4] == "1":
        fmt.set_bold()
    if f[5] == "1":
        fmt.set_underline(1)
    if f[6] != "-":
        fmt.set_font_color(color(f[6]))
    horizontal = int(f[7])
    if horizontal:
        fmt.set_align(HORIZONTAL[horizontal])
    vertical = int(f[8])
    if vertical:
        fmt.set_align(VERTICAL[vertical])
    if f[9] == "1":
        fmt.set_text_wrap()
    if int(f[10]) > 0:
        fmt.set_indent(int(f[10]))
    if int(f[11]):
        fmt.set_border(int(f[11]))
    if f[12] != "-":
        fmt.set_pattern(1)
        fmt.set_bg_color(color(f[12]))
    code = optional(f[13])
    if code is not None:
        fmt.set_num_format(code)
    if f[14] == "1":
        fmt.set_locked(False)
    return fmt


def page_setup(sheet, f):
    if f[1] == "1":
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_paper(int(f[2]))
    if f[3] != "-" and f[4] != "-":
        sheet.fit_to_pages(int(f[3]), int(f[4]))
    if f[5] == "1":
        sheet.center_horizontally()
    if f[6] != "-":
        left, right, top, bottom = (float(x) for x in f[6].split(","))
        sheet.set_margins(left, right, top, bottom)
    if f[7] != "-" and f[8] != "-":
        sheet.repeat_rows(int(f[7]), int(f[8]))
    footer = optional(f[9])
    if footer is not None:
        sheet.set_footer(footer)
    header = optional(f[10])
    if header is not None:
        sheet.set_header(header)


def validation(sheet, f):
    options = {"validate": "decimal", "ignore_blank": True, "error_type": "stop"}
    if f[5] != "-" and f[6] != "-":
        options.update(criteria="between", minimum=float(f[5]), maximum=float(f[6]))
    elif f[5] != "-":
        options.update(criteria=">=", value=float(f[5]))
    else:
        options.update(criteria="between", minimum=-1e15, maximum=float(f[6]) if f[6] != "-" else 1e15)
    for key, field in zip(("input_title", "input_message", "error_title", "error_message"), f[7:11]):
        text = optional(field)
        if text is not None:
            options[key] = text
    sheet.data_validation(int(f[1]), int(f[2]), int(f[3]), int(f[4]), options)


def write_text(sheet, row, col, text, fmt):
    """worksheet_write_string() of libxlsxwriter writes an empty string as a blank cell; XlsxWriter would
    store an empty string."""
    if text:
        sheet.write_string(row, col, text, fmt)
    else:
        sheet.write_blank(row, col, None, fmt)


def replay(path, output_directory):
    with open(path, encoding="utf-8", newline="\n") as trace:
        lines = trace.read().split("\n")
    workbook = sheet = None
    formats = {0: None}
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        f = line.split("\t")
        op = f[0]
        if op == "s":
            write_text(sheet, int(f[1]), int(f[2]), unescape(f[4]), formats[int(f[3])])
        elif op == "n":
            sheet.write_number(int(f[1]), int(f[2]), float(f[4]), formats[int(f[3])])
        elif op == "b":
            sheet.write_blank(int(f[1]), int(f[2]), None, formats[int(f[3])])
        elif op == "m":
            # merge_range() alone would guess the type of the text; write it as a string like the C call does.
            fmt = formats[int(f[5])]
            r1, c1 = int(f[1]), int(f[2])
            sheet.merge_range(r1, c1, int(f[3]), int(f[4]), "", fmt)
            write_text(sheet, r1, c1, unescape(f[6]), fmt)
        elif op == "h":
            sheet.set_row(int(f[1]), float(f[2]))
        elif op == "c":
            sheet.set_column(int(f[1]), int(f[2]), float(f[3]), formats[int(f[4])])
        elif op == "F":
            formats[int(f[1])] = define_format(workbook, f)
        elif op == "S":
            sheet = workbook.add_worksheet(unescape(f[1]))
        elif op == "f":
            sheet.write_formula(int(f[1]), int(f[2]), unescape(f[4]), formats[int(f[3])], float(f[5]))
        elif op == "g":
            sheet.write_formula(int(f[1]), int(f[2]), unescape(f[4]), formats[int(f[3])], "")
        elif op == "l":
            sheet.write_url(int(f[1]), int(f[2]), "internal:" + unescape(f[4]), formats[int(f[3])], unescape(f[5]),
                            optional(f[6]))
        elif op == "k":
            options = {"x_scale": 2, "y_scale": 1.5}
            author = optional(f[4])
            if author is not None:
                options["author"] = author
            sheet.write_comment(int(f[1]), int(f[2]), unescape(f[3]), options)
        elif op == "z":
            sheet.freeze_panes(int(f[1]), int(f[2]))
        elif op == "p":
            page_setup(sheet, f)
        elif op == "B":
            sheet.set_h_pagebreaks([int(x) for x in f[1].split(",")])
        elif op == "v":
            validation(sheet, f)
        elif op == "x":
            sheet.protect(optional(f[1]) or "", {"insert_rows": f[2] == "1", "format_columns": f[3] == "1"})
        elif op == "a":
            sheet.activate()
        elif op == "W":
            name = os.path.basename(unescape(f[1]))
            workbook = xlsxwriter.Workbook(os.path.join(output_directory, name), {"constant_memory": f[2] == "1"})
            formats = {0: None}
        elif op == "P":
            keys = ("title", "subject", "author", "company", "category", "keywords", "comments")
            workbook.set_properties({k: v for k, v in zip(keys, map(optional, f[1:8])) if v is not None})
        elif op == "C":
            if f[2] == "i":
                workbook.set_custom_property(unescape(f[1]), int(f[3]), "number_int")
            else:
                workbook.set_custom_property(unescape(f[1]), unescape(f[3]), "text")
        elif op == "X":
            workbook.close()
            workbook = sheet = None
        else:
            sys.exit(f"replay.py: {path}:{number}: unknown operation {op!r}")
    if workbook is not None:
        sys.exit(f"replay.py: {path}: trace ends before X")


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: replay.py OUTDIR TRACE...")
    for path in sys.argv[2:]:
        replay(path, sys.argv[1])


if __name__ == "__main__":
    main()
