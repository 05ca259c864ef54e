import Foundation
import Testing
import XLSX
@testable import Budget

/// Fixed-table rows in template order, so models compare independent of the order rows were given in.
func canonical(_ disclosure: Disclosure, _ set: TemplateSet) -> Disclosure {
    var result = disclosure
    for template in set.tables where template.kind == .fixed {
        guard var table = result.tables[template.id] else { continue }
        var order: [String: Int] = [:]
        for (i, fixed) in (template.rows ?? []).enumerated() {
            for side in template.sides { if let key = fixed.cells[side]?.key { order[key] = i * 10 + (template.sides.firstIndex(of: side) ?? 0) } }
        }
        table.rows.sort { (order[$0.key ?? ""] ?? 0) < (order[$1.key ?? ""] ?? 0) }
        result.tables[template.id] = table
    }
    return result
}

@Suite("Importing workbooks back")
struct ImportTests {
    let library: TemplateLibrary = {
        do { return try TemplateLibrary.builtIn() } catch { preconditionFailure("\(error)") }
    }()
    var set: TemplateSet { library.sets["hebei-2025"]! }

    func roundTrip(_ disclosure: Disclosure, in dir: String, name: String = "unit.xlsx") throws -> ImportedWorkbook {
        let path = dir + "/" + name
        try WorkbookGenerator(library: library).write(disclosure, to: path)
        return try WorkbookImporter(library: library).importWorkbook(path: path)
    }

    @Test("generate → import gives back the bundled example exactly")
    func bundledRoundTrip() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let example = try DisclosureJSON.bundledExample()
        let imported = try roundTrip(example, in: dir)
        #expect(canonical(imported.disclosure, set) == canonical(example, set))
        #expect(imported.warnings.isEmpty)
        #expect(imported.a1Reference(table: "revenue", row: DataRow(code: "2080109", name: ""), column: "carryover") == "部门预算收入总表!M13")
    }

    @Test("generate → import gives back random units exactly", arguments: Array(UInt64(1)...40))
    func randomRoundTrip(seed: UInt64) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let unit = RandomUnits.make(seed: seed, set: set)
        let imported = try roundTrip(unit, in: dir)
        #expect(canonical(imported.disclosure, set) == canonical(unit, set))
    }

    @Test("generate → LibreOffice re-save as xlsx → import gives back the input",
          .enabled(if: TestSupport.hasLibreOffice, "needs libreoffice-calc-nogui"), arguments: [UInt64(0), 7, 11])
    func libreOfficeRoundTrip(seed: UInt64) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let unit = seed == 0 ? try DisclosureJSON.bundledExample() : RandomUnits.make(seed: seed, set: set)
        try WorkbookGenerator(library: library).write(unit, to: dir + "/original.xlsx")
        let out = dir + "/resaved"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let run = try TestSupport.libreOfficeConvert(dir + "/original.xlsx", to: "xlsx:Calc MS Excel 2007 XML", directory: out)
        #expect(run.status == 0, "\(run.stderr)")
        let resaved = out + "/original.xlsx"
        #expect(FileManager.default.fileExists(atPath: resaved))
        let imported = try WorkbookImporter(library: library).importWorkbook(path: resaved)
        #expect(canonical(imported.disclosure, set) == canonical(unit, set))
    }

    @Test("edited with openpyxl: one amount changed, a row inserted, a row deleted → exactly three changes with their cells")
    func editedDiff() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let example = try DisclosureJSON.bundledExample()
        let path = dir + "/unit.xlsx"
        try WorkbookGenerator(library: library).write(example, to: path)
        // 支出总表: change D9 (2080101 行政运行, 合计 223.68 → 230.00), delete 2080106 (sheet row 12),
        // then insert 2080199 above 2080150 (which has moved up to row 13).
        let edit = try TestSupport.python(code: """
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb["部门预算支出总表"]
            assert ws["B9"].value == "2080101" and ws["D9"].value == 223.68
            ws["D9"] = 230
            assert ws["B12"].value == "2080106"
            ws.delete_rows(12)
            assert ws["B13"].value == "2080150"
            ws.insert_rows(13)
            ws["A13"] = 99; ws["B13"] = "2080199"; ws["C13"] = "其他人力资源和社会保障管理事务支出"; ws["E13"] = 12.5
            wb.save(sys.argv[1])
            """, [path])
        #expect(edit.status == 0, "\(edit.stderr)")
        let imported = try WorkbookImporter(library: library).importWorkbook(path: path)
        let oldMap = SheetMap(disclosure: example, set: set)
        let changes = DisclosureDiff.changes(
            from: example, to: imported.disclosure, set: set,
            locateNew: { imported.a1Reference(table: $0, row: $1, column: $2) },
            locateOld: { oldMap.a1Reference(table: $0, row: $1, column: $2) })
        #expect(changes.count == 3, "\(changes)")
        #expect(changes.contains(Change(kind: .changed, table: "expenditure", title: "部门预算支出总表", row: "2080101 行政运行",
                                        column: "total", columnLabel: "合计", old: "223.68", new: "230.00", cell: "部门预算支出总表!D9")))
        #expect(changes.contains(Change(kind: .added, table: "expenditure", title: "部门预算支出总表",
                                        row: "2080199 其他人力资源和社会保障管理事务支出", cell: "部门预算支出总表!B13")))
        #expect(changes.contains(Change(kind: .removed, table: "expenditure", title: "部门预算支出总表",
                                        row: "2080106 就业管理事务", cell: "部门预算支出总表!B12")))
    }

    /// Generates the example, lets openpyxl change it, then imports it.
    func importEdited(_ python: String, in dir: String) throws -> ImportedWorkbook {
        let path = dir + "/unit.xlsx"
        try WorkbookGenerator(library: library).write(try DisclosureJSON.bundledExample(), to: path)
        let edit = try TestSupport.python(code: "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n" + python + "\nwb.save(sys.argv[1])", [path])
        #expect(edit.status == 0, "\(edit.stderr)")
        return try WorkbookImporter(library: library).importWorkbook(path: path)
    }

    @Test("a header cell edited, a title removed, a table deleted: each a specific error", arguments: [
        (#"wb["部门预算收入总表"]["H4"] = "事业收入1""#, #"部门预算收入总表!H4: expected "事业收入", found "事业收入1""#),
        (#"wb["部门预算支出总表"].unmerge_cells("A1:I1"); wb["部门预算支出总表"]["A1"] = None"#,
         #"sheet "部门预算支出总表" has the header of 部门预算支出总表 at row 3, but its title "部门预算支出总表" is missing"#),
        (#"del wb["部门预算财政拨款“三公”经费支出表"]"#, "no sheet holds 部门预算财政拨款“三公”经费支出表"),
        (#"wb["部门预算收入总表"]["B8"] = "20801X""#, #"部门预算收入总表!B8: "20801X" is not a subject code"#),
        (#"wb["部门预算收入总表"]["C8"] = "小计"; wb["部门预算收入总表"]["B8"] = None"#, #"部门预算收入总表!C8: unknown row label "小计""#),
        (#"wb["部门预算收支总表"]["B7"] = "一、一般公共预算拨款收入（调整）""#, #"部门预算收支总表!B7: unknown row label"#),
        (#"wb["部门预算支出总表"]["E9"] = "abc""#, #"部门预算支出总表!E9: "abc" is not an amount"#),
        (#"wb["部门预算支出总表"]["E9"] = True"#, "部门预算支出总表!E9: boolean TRUE is not an amount"),
        (#"wb["部门预算支出总表"]["A2"] = None"#, "部门预算支出总表!A2: expected the unit line"),
        (#"wb["部门预算支出总表"]["A2"] = "青龙满族自治县人力资源和社会保障局""#, "部门预算支出总表!A2: expected `<unit code> <unit name>`"),
    ])
    func specificErrors(edit: String, message: String) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = #expect(throws: BudgetError.self) { _ = try importEdited(edit, in: dir) }
        #expect(error?.code == .importMismatch)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test("a renamed sheet with its title intact imports; rows moved are read by code")
    func renamedAndReordered() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let imported = try importEdited("""
            ws = wb["部门预算收入总表"]
            ws.title = "收入"
            ws.move_range("A8:M9", rows=40)
            """, in: dir)
        let example = try DisclosureJSON.bundledExample()
        #expect(canonical(imported.disclosure, set).tables["revenue"]?.rows.count == 36)
        #expect(imported.disclosure.tables["revenue"]?.row(code: "2080101") == example.tables["revenue"]?.row(code: "2080101"))
        #expect(imported.a1Reference(table: "revenue", row: DataRow(code: "2080101", name: ""), column: "total") == "收入!D49")
    }

    @Test("numbers typed as text are accepted with a warning naming the cell")
    func numbersAsText() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let imported = try importEdited("""
            ws = wb["部门预算支出总表"]
            ws["D9"] = "1,234.50"
            ws["E10"] = " 12.3 "
            ws["F10"] = "１２.３"
            """, in: dir)
        let rows = imported.disclosure.tables["expenditure"]
        #expect(rows?.row(code: "2080101")?.values["total"] == Amount("1234.50"))
        #expect(rows?.row(code: "2080102")?.values["basic"] == Amount("12.3"))
        #expect(rows?.row(code: "2080102")?.values["project"] == Amount("12.3"))
        #expect(imported.warnings.map(\.cell) == ["部门预算支出总表!D9", "部门预算支出总表!E10", "部门预算支出总表!F10"])
        #expect(imported.warnings.first?.message == "number typed as text \"1,234.50\", read as 1234.50")
    }

    @Test("formulas: cached values used; without a cached value recomputed; a SUM of blanks is blank")
    func formulas() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // openpyxl writes formulas without cached values.
        let imported = try importEdited("""
            ws = wb["部门预算支出总表"]
            ws["E8"] = "=SUM(E9:E14)"
            ws["D8"] = "=D9+D12+D13-0"
            ws["G8"] = "=SUM(G9:G14)"
            ws["H8"] = "=SUM(H9:H14)"
            """, in: dir)
        let row = imported.disclosure.tables["expenditure"]?.row(code: "20801")
        #expect(row?.values["basic"] == Amount("746.54"))   // 223.68 + 5.98 + 245.38 + 271.50
        #expect(row?.values["total"] == Amount("496.23"))   // D9 + D12 + D13 = 223.68 + 13.48 + 259.07
        #expect(row?.values["operating"] == nil)            // a SUM over blanks
        let error = #expect(throws: BudgetError.self) {
            _ = try importEdited(#"wb["部门预算支出总表"]["E8"] = "=VLOOKUP(A1,B1:C3,2)""#, in: dir)
        }
        #expect(error?.message.contains("部门预算支出总表!E8: the formula =VLOOKUP(A1,B1:C3,2) has no stored value and cannot be recomputed") == true,
                "\(error?.message ?? "")")
    }
}
