"""Fill in a workbook the way a user does in LibreOffice Calc, through UNO.

Usage: lo_fill.py IN.xlsx OUT.xlsx EDITS.json PROFILE_DIR

EDITS.json is a list of edits, applied in order:
  {"sheet": "...", "cell": "F9", "value": 30.74}          a number
  {"sheet": "...", "cell": "B9", "text": "2080199"}        text
  {"sheet": "...", "cell": "D9", "formula": "=E9+F9"}      a formula
  {"sheet": "...", "insertRowsBefore": 9}                  insert one row above row 9 (1-based), as Calc's Insert Rows
Calc adjusts every formula for inserted rows, recalculates, and saves as .xlsx.
"""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


source, target, edits_path, profile = sys.argv[1:5]
pipe = "budgetxlsx_" + str(os.getpid())
office = subprocess.Popen([
    "/usr/bin/soffice", "--headless", "--norestore", "--nologo", "--nodefault",
    "-env:UserInstallation=file://" + os.path.abspath(profile),
    "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    context = None
    for _ in range(300):
        try:
            context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.1)
    if context is None:
        sys.exit("LibreOffice did not start")
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                                            (prop("Hidden", True),))
    sheets = document.Sheets
    for edit in json.load(open(edits_path, encoding="utf-8")):
        sheet = sheets.getByName(edit["sheet"])
        was_protected = sheet.isProtected()
        if "insertRowsBefore" in edit:
            # A protected sheet that allows inserting rows: Calc's Insert Rows.
            sheet.unprotect("")
            sheet.Rows.insertByIndex(edit["insertRowsBefore"] - 1, 1)
            sheet.protect("")
            continue
        sheet.unprotect("")  # as a user would for a formula; the sheet is protected again below
        cell = sheet.getCellRangeByName(edit["cell"])
        if "value" in edit:
            cell.setValue(edit["value"])
        elif "formula" in edit:
            cell.setFormula(edit["formula"])
        else:
            cell.setString(edit["text"])
        if was_protected:
            sheet.protect("")
    document.calculateAll()
    document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)),
                        (prop("FilterName", "Calc MS Excel 2007 XML"),))
    document.close(True)
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        office.wait(timeout=30)
    except Exception:
        office.kill()
