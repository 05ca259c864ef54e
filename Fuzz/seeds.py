"""Writes the fuzzer's seed corpus: small workbooks as files (mode byte 0) and as NUL-separated parts
(mode byte 1), in the input format Fuzz/ReaderFuzzer.swift describes."""
import io
import os
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
WORKBOOK = (f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr date1904="0"/><sheets>'
            '<sheet name="收入总表" sheetId="1" r:id="rId1"/><sheet name="S2" sheetId="2" state="hidden" r:id="rId4"/></sheets></workbook>')
WORKBOOK_RELS = (f'<Relationships xmlns="{PKG}">'
                 f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                 f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
                 f'<Relationship Id="rId3" Type="{REL}/styles" Target="/xl/styles.xml"/>'
                 f'<Relationship Id="rId4" Type="{REL}/worksheet" Target="worksheets/sheet2.xml"/></Relationships>')
SHEET1 = (f'<worksheet xmlns="{MAIN}"><dimension ref="A1:E9"/><sheetData>'
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45657.5</v></c><c r="C1" t="inlineStr"><is><t>a_x000D_b</t></is></c></row>'
          '<row r="2"><c r="A2"><v>966.0599999999999</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#REF!</v></c>'
          '<c r="D2" t="str"><f>"x"&amp;A1</f><v>x</v></c><c r="E2" t="d"><v>2024-12-31T08:30:00</v></c></row>'
          '<row r="3"><c r="A3"><f t="shared" ref="A3:A5" si="0">A2*2</f><v>1932.12</v></c></row>'
          '<row r="4"><c r="A4"><f t="shared" si="0"/><v>1</v></c><c><v>1E-5</v></c><c r="XFD4"><v>-0</v></c></row>'
          '</sheetData><mergeCells count="1"><mergeCell ref="A1:H1"/></mergeCells></worksheet>')
SHEET2 = f'<worksheet xmlns="{MAIN}"><sheetData><row><c><v>1</v></c><c t="s"><v>1</v></c></row></sheetData></worksheet>'
SHARED = (f'<sst xmlns="{MAIN}" count="2" uniqueCount="2"><si><t>部门预算</t></si>'
          '<si><r><t>a</t></r><r><t xml:space="preserve"> b</t></r><rPh><t>ふ</t></rPh></si></sst>')
STYLES = (f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>'
          '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>')

PARTS = [CONTENT_TYPES, ROOT_RELS, WORKBOOK, WORKBOOK_RELS, SHEET1, SHARED, STYLES, SHEET2]
NAMES = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
         "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet2.xml"]


def zipped(parts, compression):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as z:
        for name, text in zip(NAMES, parts):
            z.writestr(name, text)
    return buffer.getvalue()


def main(directory):
    os.makedirs(directory, exist_ok=True)
    seeds = {
        "parts": b"\x01" + b"\x00".join(p.encode() for p in PARTS),
        "parts-tight": b"\x03" + b"\x00".join(p.encode() for p in PARTS),
        "parts-one-sheet": b"\x01" + b"\x00".join(p.encode() for p in PARTS[:7]),
        "file-deflated": b"\x00" + zipped(PARTS, zipfile.ZIP_DEFLATED),
        "file-stored": b"\x00" + zipped(PARTS, zipfile.ZIP_STORED),
        "file-tight": b"\x02" + zipped(PARTS, zipfile.ZIP_DEFLATED),
    }
    for name, data in seeds.items():
        with open(os.path.join(directory, "seed-" + name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main(sys.argv[1])
