import Foundation
import Testing
import XLSX
@testable import Budget

@Suite("Generating the nine tables")
struct GenerateTests {
    static func generateExample(in dir: String) throws -> String {
        let path = dir + "/example.xlsx"
        try WorkbookGenerator(library: TemplateLibrary.builtIn()).write(DisclosureJSON.bundledExample(), to: path)
        return path
    }

    @Test("the bundled example holds the nine tables exactly as published")
    func bundledExample() throws {
        let example = try DisclosureJSON.bundledExample()
        #expect(example.unit == BudgetUnit(code: "323", name: "青龙满族自治县人力资源和社会保障局"))
        #expect(example.year == 2025 && example.moneyUnit == "万元")
        #expect(example.tables.count == 9)
        #expect(example.tables["revenue"]?.rows.count == 36)
        #expect(example.tables["generalPublicBasic"]?.rows.count == 30)
        #expect(example.tables["revenue"]?.row(key: "合计")?.values["total"] == Amount("52729.91"))
        #expect(example.tables["expenditure"]?.row(code: "2080109")?.values["project"] == Amount("13.68"))
        #expect(example.tables["summary"]?.row(key: "上年结转结余")?.values["amount"] == Amount("3153.68"))
        #expect(example.tables["threePublic"]?.row(key: "公务接待费")?.values["total"]?.text == "1.1")
        #expect(example.tables["governmentFund"]?.rows.isEmpty == true)
        #expect(example.tables["governmentFund"]?.note == "注：无政府性基金预算财政拨款预算，空表列示。")
        #expect(example.tables["threePublic"]?.note == "注：无财政拨款“三公”经费支出预算，空表列示。")
    }

    @Test("openpyxl reads every table as published: header merges, 栏次, figures, blanks, codes, print setup",
          .enabled(if: TestSupport.shared != nil, "needs ../shared (DOMAIN.md and the sample)"))
    func independentReader() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.generateExample(in: dir)
        let shared = try #require(TestSupport.shared)
        let run = try TestSupport.python(script: "check_generated.py",
                                         [path, shared + "/DOMAIN.md", shared + "/samples/qinglong-hrss-2025-budget.txt"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        // 373 published figures, 134 codes, 40 merged header ranges across the nine tables.
        #expect(run.stdout.contains("tables=9 figures=373 blanks=747 codes=134 merges=40 failures=0"), "\(run.stdout)")
    }

    @Test("目录 links, properties, widths and print setup, read with openpyxl and from docProps")
    func workbookDetails() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.generateExample(in: dir)
        let code = #"""
            import sys, zipfile, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            print("sheets", wb.sheetnames[0], len(wb.sheetnames))
            toc = wb["目录"]
            for row in toc.iter_rows(min_row=4, max_row=12):
                link = row[1].hyperlink
                target = link.location if link is not None else None
                sheet = target.split("!")[0].strip("'") if target else None
                print("link", row[1].value, target, sheet in wb.sheetnames and wb[sheet]["A1"].value == row[1].value)
            ws = wb["部门预算收入总表"]
            print("font", ws["C7"].font.name, ws["D6"].number_format, ws["B7"].number_format)
            print("border", ws["D6"].border.left.style, ws["G6"].border.left.style)
            print("fit", ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage)
            print("center", ws.print_options.horizontalCentered)
            print("footer", ws.oddFooter.center.text)
            print("wrap", ws["L4"].alignment.wrap_text, ws["L4"].font.b)
            z = zipfile.ZipFile(sys.argv[1])
            core = z.read("docProps/core.xml").decode()
            app = z.read("docProps/app.xml").decode()
            custom = z.read("docProps/custom.xml").decode()
            print("core", "青龙满族自治县人力资源和社会保障局2025年部门预算公开表" in core, "2025年部门预算公开" in core)
            print("app", "<Company>青龙满族自治县人力资源和社会保障局</Company>" in app)
            print("custom", 'name="预算年度"' in custom and "<vt:i4>2025</vt:i4>" in custom, "hebei-2025" in custom)
            """#
        let run = try TestSupport.python(code: code, [path])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "sheets 目录 55")
        let links = lines.filter { $0.hasPrefix("link ") }
        #expect(links.count == 9)
        #expect(links.allSatisfy { $0.hasSuffix(" True") }, "\(links)")
        #expect(links.first == "link 部门预算收支总表 '部门预算收支总表'!A1 True")
        #expect(lines.contains("font SimSun #,##0.00 @"))
        #expect(lines.contains("border thin thin"))
        #expect(lines.contains("fit 1 0 True"))
        #expect(lines.contains("center True"))
        #expect(lines.contains("footer 第 &P 页 共 &N 页"))
        #expect(lines.contains("wrap True True"))
        #expect(lines.contains("core True True"))
        #expect(lines.contains("app True"))
        #expect(lines.contains("custom True True"))
    }

    @Test("LibreOffice renders the workbook to PDF with the Chinese titles legible",
          .enabled(if: TestSupport.hasLibreOffice, "needs libreoffice-calc-nogui"))
    func pdfThroughLibreOffice() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.generateExample(in: dir)
        let converted = try TestSupport.libreOfficeConvert(path, to: "pdf", directory: dir)
        #expect(converted.status == 0, "\(converted.stderr)")
        let pdf = dir + "/example.pdf"
        let text = try TestSupport.run("/usr/bin/pdftotext", ["-layout", pdf, "-"])
        #expect(text.status == 0)
        let set = try TemplateLibrary.builtIn().set("hebei-2025")
        for table in set.tables {
            #expect(text.stdout.contains(table.title), "missing \(table.title)")
        }
        #expect(text.stdout.contains("青龙满族自治县人力资源和社会保障局"))
        #expect(text.stdout.contains("52,729.91"))
        #expect(text.stdout.contains("第 1 页 共"))
        #expect(text.stdout.contains("注：无国有资本经营预算财政拨款预算，空表列示。"))
    }

    @Test("data that does not fit its templates is refused, naming the field", arguments: [
        (#"{"unit":{"code":"1","name":"x"},"year":2025,"tables":{"nosuch":{"rows":[]}}}"#, "tables.nosuch: unknown table"),
        (#"{"unit":{"code":"1","name":"x"},"year":2025,"tables":{"revenue":{"rows":[{"key":"合计","values":{}},{"code":"20A","name":"x","values":{}}]}}}"#,
         "tables.revenue.rows[1].code: \"20A\" is not a function classification code"),
        (#"{"unit":{"code":"1","name":"x"},"year":2025,"tables":{"generalPublicBasic":{"rows":[{"key":"合计","values":{}},{"code":"3010101","name":"x","values":{}}]}}}"#,
         "is not an economic classification code"),
        (#"{"unit":{"code":"1","name":"x"},"year":2025,"tables":{"revenue":{"rows":[{"key":"合计","values":{"totl":"1"}}]}}}"#,
         "tables.revenue.rows[0].values.totl: unknown column"),
        (#"{"unit":{"code":"1","name":"x"},"year":2025,"tables":{"threePublic":{"rows":[{"key":"公务游艇费","values":{}}]}}}"#,
         "unknown fixed row \"公务游艇费\""),
        (#"{"unit":{"code":"1","name":"x"},"year":2025,"tables":{"threePublic":{"rows":[{"key":"公务接待费","values":{}}]}}}"#,
         "fixed row \"“三公”经费小计\" of 部门预算财政拨款“三公”经费支出表 is missing"),
        (#"{"unit":{"code":"1","name":"x"},"year":2025,"tables":{"revenue":{"rows":[{"code":"208","name":"x","values":{}}]}}}"#,
         "the 合计 row of 部门预算收入总表 is missing"),
        (#"{"unit":{"code":"1","name":"x"},"year":2025,"template":"shanghai-2026","tables":{}}"#, "unknown template set \"shanghai-2026\""),
    ])
    func invalidData(json: String, message: String) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let disclosure = try DisclosureJSON.decode(Data(json.utf8), source: "unit.json")
        let error = #expect(throws: BudgetError.self) {
            try WorkbookGenerator(library: TemplateLibrary.builtIn()).write(disclosure, to: dir + "/out.xlsx")
        }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test("malformed JSON is refused, naming the file and the field", arguments: [
        (#"{"unit":{"code":"1","name":"x"},"year":2025,"tables":{"revenue":{"rows":[{"key":"合计","values":{"total":"12,5"}}]}}}"#,
         "unit.json: tables.revenue.rows[0].values.total: \"12,5\" is not a decimal amount"),
        (#"{"unit":{"code":"1","name":"x"},"year":"2025"}"#, "unit.json: year: expected Int"),
        (#"{"unit":{"code":"1"},"year":2025}"#, "unit.json: unit.name: required field is missing"),
        (#"{"unit":{"code":"1","name":"x"},"year":2025,"tabels":{}}"#, "unknown field \"tabels\""),
        (#"{"unit":"#, "unit.json: not valid JSON"),
    ])
    func malformedJSON(json: String, message: String) {
        let error = #expect(throws: BudgetError.self) { try DisclosureJSON.decode(Data(json.utf8), source: "unit.json") }
        #expect(error?.code == .invalidJSON)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test("a second template set loads from a directory without code changes")
    func extraTemplateSet() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let setDir = dir + "/demo-2026"
        try FileManager.default.createDirectory(atPath: setDir, withIntermediateDirectories: true)
        try Data(#"{"id":"demo-2026","name":"Demo 2026","font":"SimSun","moneyUnit":"元","contentsTitle":"公开表目录","tables":["t.json"]}"#.utf8)
            .write(to: URL(fileURLWithPath: setDir + "/set.json"))
        try Data(#"""
            {"id":"spend","number":1,"title":"部门支出表","kind":"subjects","codeKind":"function","totalLabel":"合计",
             "header":[{"label":"序号","field":"index"},{"label":"科目","children":[{"label":"编码","field":"code"},{"label":"名称","field":"name"}]},
                       {"label":"金额","children":[{"label":"合计","field":"total"},{"label":"其中","children":[{"label":"工资","field":"wages"},{"label":"其他","field":"rest"}]}]}]}
            """#.utf8).write(to: URL(fileURLWithPath: setDir + "/t.json"))
        let library = try TemplateLibrary.loading(directory: dir)
        let set = try library.set("demo-2026")
        let layout = TableLayout(try #require(set.table("spend")))
        #expect(layout.headerDepth == 3)
        #expect(Set(layout.headerCells.filter(\.isMerged).map(\.range.description)) == ["A3:A5", "B3:C3", "B4:B5", "C4:C5", "D3:F3", "D4:D5", "E4:F4"])
        let unit = Disclosure(unit: BudgetUnit(code: "9", name: "演示单位"), year: 2026, moneyUnit: "元", template: "demo-2026",
                              tables: ["spend": TableData(rows: [DataRow(key: "合计", values: ["total": Amount("10")!]),
                                                                  DataRow(code: "201", name: "一般公共服务支出", values: ["total": Amount("10")!, "wages": Amount("4")!])])])
        try WorkbookGenerator(library: library).write(unit, to: dir + "/demo.xlsx")
        let run = try TestSupport.python(code: """
            import sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1])["部门支出表"]
            print([c.value for c in ws[6]], [c.value for c in ws[8]], ws["D2"].value if ws["D2"].value else [c.value for c in ws[2] if c.value])
            """, [dir + "/demo.xlsx"])
        #expect(run.stdout.contains("['栏次', 1, 2, 3, 4, 5] ['201', '一般公共服务支出', 10, 4, None]") ||
                run.stdout.contains("['栏次', 1, 2, 3, 4, 5] [2, '201', '一般公共服务支出', 10, 4, None]"), "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("单位：元"), "\(run.stdout)")

        try Data("{}".utf8).write(to: URL(fileURLWithPath: setDir + "/t.json"))
        let error = #expect(throws: BudgetError.self) { try TemplateLibrary.loading(directory: dir) }
        #expect(error?.message.contains("template demo-2026/t.json is malformed") == true, "\(error?.message ?? "")")
    }
}

@Suite("Template sets from a directory")
struct TemplateDirectoryTests {
    @Test("--templates reaches the layouts of the other parts too (sections.json)")
    func sectionsFromDirectory() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = TestSupport.packageRoot + "/Templates/hebei-2025"
        try FileManager.default.copyItem(atPath: source, toPath: dir + "/hebei-2025")
        let assets = dir + "/hebei-2025/14-assets.json"
        let text = try String(contentsOfFile: assets, encoding: .utf8)
            .replacingOccurrences(of: "\"title\": \"部门固定资产占用情况表\"", with: "\"title\": \"部门固定资产占用情况表（本地）\"")
        try text.write(toFile: assets, atomically: true, encoding: .utf8)
        let library = try TemplateLibrary.loading(directory: dir)
        #expect(library.directory == dir)
        let example = try DisclosureJSON.bundledExample()
        try WorkbookGenerator(library: library).write(example, to: dir + "/unit.xlsx")
        let run = try TestSupport.python(code: """
            import sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1])["部门固定资产占用情况表"]
            print(ws["A1"].value)
            """, [dir + "/unit.xlsx"])
        #expect(run.stdout == "部门固定资产占用情况表（本地）\n", "\(run.stdout)\(run.stderr)")
        let back = try WorkbookImporter(library: library).importWorkbook(path: dir + "/unit.xlsx").disclosure
        #expect(back.assets == example.assets)
    }
}
