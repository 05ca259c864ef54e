import Foundation
import Testing
import XLSX
@testable import Budget

@Suite("The whole disclosure: projects, procurement, assets, institutions and the 说明 in the workbook")
struct WholeTests {
    static func write(_ disclosure: Disclosure, in dir: String, name: String = "whole.xlsx") throws -> String {
        let path = dir + "/" + name
        try WorkbookGenerator(library: TemplateLibrary.builtIn()).write(disclosure, to: path)
        return path
    }

    @Test("the bundled example holds the whole disclosure")
    func bundled() throws {
        let example = try DisclosureJSON.bundledExample()
        #expect(example.projects?.count == 41)
        #expect(example.procurement?.units.count == 3)
        #expect(example.assets?.rows.count == 6)
        #expect(example.institutions?.count == 3)
        #expect(example.explanation?.sections.count == 10)
    }

    @Test("generate → import gives back the whole disclosure")
    func roundTrip() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let example = try DisclosureJSON.bundledExample()
        let path = try Self.write(example, in: dir)
        let imported = try WorkbookImporter(library: TemplateLibrary.builtIn()).importWorkbook(path: path)
        #expect(imported.disclosure.projects == example.projects)
        #expect(imported.disclosure.procurement == example.procurement)
        #expect(imported.disclosure.assets == example.assets)
        #expect(imported.disclosure.institutions == example.institutions)
        #expect(imported.disclosure.explanation == example.explanation)
        #expect(imported.disclosure == example)
    }

    @Test("a disclosure with only the nine tables gets no further sheets and imports without them")
    func nineOnly() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var example = try DisclosureJSON.bundledExample()
        example.projects = nil
        example.procurement = nil
        example.assets = nil
        example.institutions = nil
        example.explanation = nil
        let path = try Self.write(example, in: dir)
        let reader = try XLSXReader(path: path)
        defer { reader.close() }
        #expect(try reader.readAllSheets().count == 10)
        let imported = try WorkbookImporter(library: TemplateLibrary.builtIn()).importWorkbook(path: path)
        #expect(imported.disclosure == example)
    }

    @Test("openpyxl: every project table with its merged label cells, and every 目录 link resolves",
          .enabled(if: TestSupport.shared != nil, "needs ../shared/samples/qinglong-hrss-2025-budget.txt"))
    func independentReader() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (parsed, _) = try SampleText.parse(SampleText.text())
        let path = try Self.write(parsed, in: dir)
        let sample = try #require(SampleText.path)
        let run = try TestSupport.python(script: "check_whole.py", [path, sample])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("projects=41 merges_ok=41 indicator_rows=390 links=54 links_ok=54 failures=0"), "\(run.stdout)")

        let code = #"""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            print("sheets", len(wb.sheetnames), wb.sheetnames[10], wb.sheetnames[12], wb.sheetnames[-2], wb.sheetnames[-1])
            ws = wb["项目11 退休人员社会化管理服务费"]
            print("merges", " ".join(sorted(str(r) for r in ws.merged_cells.ranges if r.min_col <= 2 and r.min_row >= 10)))
            print("plan", ws["G7"].value, ws["B7"].value, ws["A6"].value)
            print("wrap", ws["B5"].alignment.wrap_text, ws["D10"].alignment.wrap_text)
            p = wb["部门政府采购预算"]
            print("proc", p["A3"].value, p["H3"].value, p["H4"].value, p["N4"].value, p["O3"].value, p["A5"].value, p["H5"].value)
            print("procmerge", " ".join(sorted(str(r) for r in p.merged_cells.ranges if r.min_row >= 3)))
            a = wb["部门固定资产占用情况表"]
            print("assets", a["A3"].value, a["A5"].value, a["C5"].value, a["A10"].value, a["B10"].value)
            s = wb["部门预算信息公开情况说明"]
            print("explain", s["A3"].value[:6], s["A1"].value)
            """#
        let details = try TestSupport.python(code: code, [path])
        #expect(details.status == 0, "\(details.stderr)")
        let lines = details.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("sheets 55 部门预算信息公开情况说明 项目1 劳动监察仲裁办案经费 部门政府采购预算 部门固定资产占用情况表"))
        // 一级: 产出 over six rows, 效益 over two; 二级: runs of equal 二级 within them.
        #expect(lines.contains("merges A10:A15 A16:A17 B11:B12 B13:B14"), "\(lines)")
        #expect(lines.contains("plan 4 None 资金支出计划（%）"))
        #expect(lines.contains("wrap True True"))
        #expect(lines.contains("proc 政府采购项目来源 政府采购金额（当年部门预算安排资金） 合计 上年结转结余 2025年预留中小微企业份额 合计 12.86"), "\(lines)")
        #expect(lines.contains("procmerge A18:O18 A3:B3 C3:C4 D3:D4 E3:E4 F3:F4 G3:G4 H3:N3 O3:O4"), "\(lines)")
        #expect(lines.contains("assets 截止时间：2024-12-31 资产总额 1098.21 4、其他固定资产 1364"), "\(lines)")
        #expect(lines.contains("explain 按照《中华人 青龙满族自治县人力资源和社会保障局 2025 年部门预算信息公开情况说明"), "\(lines)")
    }

    @Test("sections marked standard are written from the tables, so text and tables agree")
    func standardNarrative() throws {
        var example = try DisclosureJSON.bundledExample()
        var explanation = try #require(example.explanation)
        for i in explanation.sections.indices where ["二", "三", "四"].contains(explanation.sections[i].number) {
            explanation.sections[i].text = ""
            explanation.sections[i].standard = true
        }
        example.explanation = explanation
        let resolved = Narrative.resolved(example)
        let two = try #require(resolved.section("二")?.text)
        #expect(two.contains("2025年预算收入52729.91万元，其中：一般公共预算收入49576.24万元，基金预算收入0.00万元"))
        #expect(two.contains("2025年支出预算52729.91万元，其中基本支出966.06万元，包括人员经费841.61万元和日常公用经费124.45万元；项目支出51763.85万元。"))
        let three = try #require(resolved.section("三")?.text)
        #expect(three.hasPrefix("2025年，我部门机关运行经费共计安排124.45万元，主要用于办公费28.53万元、印刷费9.70万元"))
        let four = try #require(resolved.section("四")?.text)
        #expect(four.contains("公务用车运维费1.40万元"))
        let figures = Narrative.figures(resolved)
        #expect(figures.first { $0.id == "three.vehicleRunning" }?.amount == Amount("1.4"))
        #expect(figures.filter { $0.id == "running.item" }.count == 15)

        // The JSON keeps `standard`, the workbook shows the composed text.
        let decoded = try DisclosureJSON.decode(DisclosureJSON.encode(example), source: "test")
        #expect(decoded.explanation?.section("二")?.standard == true)
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.write(example, in: dir)
        let imported = try WorkbookImporter(library: TemplateLibrary.builtIn()).importWorkbook(path: path)
        #expect(imported.disclosure.explanation?.section("四")?.text == four)
    }

    @Test("the new fields are strict: an unknown field is an error naming it")
    func strictJSON() throws {
        let example = try DisclosureJSON.bundledExample()
        var json = try #require(String(data: DisclosureJSON.encode(example), encoding: .utf8))
        json = json.replacingOccurrences(of: "\"goal\" :", with: "\"gaol\" :")
        #expect {
            try DisclosureJSON.decode(Data(json.utf8), source: "unit.json")
        } throws: { error in
            (error as? BudgetError)?.message.contains("projects[0].gaol: unknown field \"gaol\"") == true
        }
        let bad = #"{"unit": {"code": "1", "name": "x"}, "year": 2025, "procurement": {"total": {"totl": "1.00"}}}"#
        #expect {
            try DisclosureJSON.decode(Data(bad.utf8), source: "unit.json")
        } throws: { error in
            (error as? BudgetError)?.message.contains("unknown column \"totl\"") == true
        }
    }

    @Test("budgetxlsx parse-text sample | budgetxlsx generate --input - reproduces the whole disclosure",
          .enabled(if: TestSupport.shared != nil && ValidationCLI.binary != nil, "needs ../shared and the built binary"))
    func pipeline() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sample = try #require(SampleText.path)
        let parsed = try ValidationCLI.run(["parse-text", sample])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        #expect(parsed.stderr.contains("项目绩效目标表: 41 projects, 390 indicator rows"))
        #expect(parsed.stderr.contains("line 788: repaired: project 9: 2.00 stands 1 column(s) right of 12月底; read as 12月底"))
        let binary = try #require(ValidationCLI.binary)
        let generated = try TestSupport.run(binary, ["generate", "--input", "-", "--output", dir + "/whole.xlsx"],
                                            stdin: Data(parsed.stdout.utf8))
        #expect(generated.status == 0, "\(generated.stderr)")
        let imported = try WorkbookImporter(library: TemplateLibrary.builtIn()).importWorkbook(path: dir + "/whole.xlsx")
        #expect(imported.disclosure == (try DisclosureJSON.bundledExample()))

        let quiet = try ValidationCLI.run(["parse-text", sample, "--quiet", "--output", dir + "/unit.json"])
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty)
        #expect(quiet.stderr.hasPrefix("read 1712 lines (1342 not blank): 0 not placed, 54 placed after a repair\n"))
    }
}
