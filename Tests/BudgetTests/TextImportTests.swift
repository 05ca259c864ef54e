import Foundation
import Testing
@testable import Budget

/// The published sample's text, when `../shared` is present.
enum SampleText {
    static var path: String? { TestSupport.shared.map { $0 + "/samples/qinglong-hrss-2025-budget.txt" } }

    static func text() throws -> String {
        let path = try #require(path)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    static func parse(_ text: String) throws -> (disclosure: Disclosure, report: TextImportReport) {
        try TextImporter(library: TemplateLibrary.builtIn()).parse(text, source: "sample")
    }
}

@Suite("Reading a published disclosure's text (parse-text)",
       .enabled(if: TestSupport.shared != nil, "needs ../shared/samples/qinglong-hrss-2025-budget.txt"))
struct TextImportTests {
    @Test("the sample's nine tables equal the bundled example exactly, and the whole disclosure too")
    func nineTables() throws {
        let (parsed, report) = try SampleText.parse(SampleText.text())
        let example = try DisclosureJSON.bundledExample()
        #expect(parsed.unit == BudgetUnit(code: "323", name: "青龙满族自治县人力资源和社会保障局"))
        #expect(parsed.year == 2025 && parsed.moneyUnit == "万元")
        #expect(parsed.tables.count == 9)
        for (id, table) in example.tables {
            #expect(parsed.tables[id] == table, "table \(id)")
        }
        #expect(parsed == example)
        #expect(report.notes(.unplaced).isEmpty, "\(report.notes(.unplaced))")
        #expect(report.notes(.missing).isEmpty, "\(report.notes(.missing))")
    }

    @Test("41 projects with every indicator row; named projects checked by code, 预算数, plan and rows")
    func projects() throws {
        let (parsed, report) = try SampleText.parse(SampleText.text())
        let projects = try #require(parsed.projects)
        #expect(projects.count == 41)
        #expect(projects.reduce(0) { $0 + $1.indicators.count } == 390)
        #expect(report.projects == 41 && report.indicators == 390)

        let first = projects[0]
        #expect(first.code == "13032125P0086ET100033" && first.name == "劳动监察仲裁办案经费")
        #expect(first.budget == Amount("9.00") && first.fiscal == Amount("9.00") && first.other == nil)
        #expect(first.plan == SpendingPlan(march: Amount("2.25"), june: Amount("4.50"), october: Amount("6.75")))
        #expect(first.indicators.count == 11)
        #expect(first.purpose.hasPrefix("共安排9万元，其中财政拨款9万元"))
        #expect(first.indicators[7] == Indicator(level1: "产出指标", level2: "成本指标", level3: "工作完成成本",
                                                 description: "反映劳动保障监察工作任务的成本", value: "≤9 万元",
                                                 basis: "2025 年预算批复"))

        // 12月底 on a line of its own (`12月底 | 3.50`); a description wrapped over a page break.
        let fourth = projects[3]
        #expect(fourth.code == "13032125P0066NJ10003A")
        #expect(fourth.plan == SpendingPlan(march: Amount("0.88"), june: Amount("1.75"), october: Amount("2.63"), december: Amount("3.50")))
        #expect(fourth.indicators.count == 9)
        #expect(fourth.indicators[7].description.hasSuffix("公共服务服务事业提供有力的人才智力保障。"))

        // 12月底 in a second header line, its amount one column to the right.
        #expect(projects[8].plan == SpendingPlan(december: Amount("2.00")))
        #expect(projects[8].indicators.count == 10)
        #expect(projects[8].indicators[8].basis == "年度工作计划")

        // Blank 一级指标 under 产出指标 for a 社会效益指标; 一级 printed in the 二级 column.
        let eleventh = projects[10]
        #expect(eleventh.indicators.count == 9)
        #expect(eleventh.indicators.map(\.level1) == ["产出指标", "产出指标", "产出指标", "产出指标", "产出指标", "产出指标",
                                                      "效益指标", "效益指标", "满意度指标"])
        #expect(eleventh.indicators[7].level2 == "可持续影响指标" && eleventh.indicators[7].level3 == "")

        let thirteenth = projects[12]
        #expect(thirteenth.budget == Amount("16000.00") && thirteenth.indicators.count == 10)
        #expect(thirteenth.plan == SpendingPlan(march: Amount("4000"), june: Amount("8000"), october: Amount("12000"), december: Amount("16000")))

        // A heading wrapped onto a second line.
        #expect(projects[25].name == "关于提前下达 2025 年中央财政机关事业单位养老保险制度改革补助经费预算的通知（冀财社【2024】155 号）")
        #expect(projects[25].budget == Amount("3261.00") && projects[25].indicators.count == 10)

        // 绩效目标 printed without its label.
        #expect(projects[37].code == "13032124P00295510002G")
        #expect(projects[37].goal.hasPrefix("1.通过对就业困难人员的认定"))
        #expect(projects[37].plan.december == Amount("50.00"))
        #expect(projects[40].code == "13032125P00329910006D" && projects[40].indicators.count == 9)
    }

    @Test("procurement, assets, institutions and the 说明 sections")
    func otherParts() throws {
        let (parsed, _) = try SampleText.parse(SampleText.text())
        let procurement = try #require(parsed.procurement)
        #expect(procurement.total == ["total": Amount("12.86")!, "generalPublic": Amount("12.86")!, "smallBusiness": Amount("12.86")!])
        #expect(procurement.units.map(\.name) == ["青龙满族自治县人力资源和社会保障局本级", "青龙满族自治县养老保险服务中心", "青龙满族自治县就业服务中心"])
        #expect(procurement.units.map(\.items.count) == [5, 2, 1])
        #expect(procurement.carryoverColumn)
        let paper = procurement.units[1].items[1]
        #expect(paper.quantity == Amount("700") && paper.unitPrice == Amount("0.00") && paper.values["smallBusiness"] == Amount("1.19"))
        #expect(paper.values["carryover"] == nil)
        #expect(procurement.note?.hasPrefix("注：同一采购目录序号的物品") == true)

        let assets = try #require(parsed.assets)
        #expect(assets.asOf == "2024-12-31")
        #expect(assets.row("资产总额")?.values == ["value": Amount("1098.21")!])
        #expect(assets.row("车辆")?.values == ["quantity": Amount("3")!, "value": Amount("51.6")!])
        #expect(assets.row("大型设备")?.values.isEmpty == true)

        #expect(parsed.institutions?.map(\.name) == ["青龙满族自治县人力资源和社会保障局本级", "青龙满族自治县养老保险服务中心", "青龙满族自治县就业服务中心"])
        #expect(parsed.institutions?.first == Institution(name: "青龙满族自治县人力资源和社会保障局本级", nature: "行政", rank: "正科级", funding: "财政拨款"))

        let explanation = try #require(parsed.explanation)
        #expect(explanation.sections.map(\.number) == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"])
        #expect(explanation.preamble?.hasPrefix("按照《中华人民共和国预算法》") == true)
        let figures = Narrative.figures(explanation)
        func figure(_ id: String) -> Amount? { figures.first { $0.id == id }?.amount }
        #expect(figure("revenue.total") == Amount("52729.91"))
        #expect(figure("expenditure.personnel") == Amount("841.61"))
        #expect(figure("change.basic") == Amount("-35.71"))
        #expect(figure("three.vehicles") == Amount("1.4"))
        #expect(figure("three.vehicleRunning") == Amount("1.1"))
        #expect(figure("assets.total") == Amount("1098.21"))
        #expect(figures.filter { $0.id == "running.item" }.count == 15)
    }

    @Test("every repair is reported with its line; nothing is left unplaced")
    func report() throws {
        let (_, report) = try SampleText.parse(SampleText.text())
        #expect(report.lines == 1712)
        #expect(report.notes(.unplaced).isEmpty)
        #expect(report.notes(.repaired).count == 54)
        let byLine = Dictionary(grouping: report.notes, by: \.line)
        #expect(byLine[121]?.first?.message.contains("continues the name of 2080505") == true)
        #expect(byLine[140]?.first?.message.contains("shifted by a column") == true)
        #expect(byLine[788]?.first?.message == "project 9: 2.00 stands 1 column(s) right of 12月底; read as 12月底")
        #expect(byLine[849]?.first?.message.contains("社会效益指标 belongs to 效益指标") == true)
        #expect(byLine[850]?.first?.message.contains("一级指标 效益指标 printed in the 二级指标 column") == true)
        #expect(byLine[1240]?.first?.message.contains("continues the heading of project 26") == true)
        #expect(byLine[1550]?.first?.message.contains("without the 绩效目标 label") == true)
        #expect(byLine[1663]?.first?.message.contains("上年结转结余") == true)
        #expect(report.summary.contains("项目绩效目标表: 41 projects, 390 indicator rows"))
        #expect(report.summary.contains("部门预算收入总表: 36 rows"))
        #expect(report.summary.contains("部门政府采购预算: 3 units, 8 lines"))
        #expect(report.summary.contains("read 1712 lines (1342 not blank): 0 not placed, 54 placed after a repair"))
    }

    @Test("ASCII colons and added blank lines read the same")
    func variants() throws {
        let text = try SampleText.text()
        let (original, originalReport) = try SampleText.parse(text)
        let ascii = text.replacingOccurrences(of: "预算年度：", with: "预算年度:").replacingOccurrences(of: "单位：", with: "单位:")
        let (fromAscii, asciiReport) = try SampleText.parse(ascii)
        #expect(fromAscii == original)
        #expect(asciiReport.notes == originalReport.notes)

        let spaced = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n\n")
        let (fromSpaced, spacedReport) = try SampleText.parse(spaced)
        #expect(fromSpaced == original)
        #expect(spacedReport.notes(.unplaced).isEmpty)
        #expect(spacedReport.notes(.repaired).count == 54)
        // Line numbers follow the document read: line 121 is now line 241.
        #expect(spacedReport.notes.contains { $0.line == 241 && $0.message.contains("continues the name of 2080505") })
    }

    @Test("an excerpt of another unit with two tables: what is there is read, the rest reported missing")
    func excerpt() throws {
        let lines = try SampleText.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // 部门预算收支总表 (lines 31–85) and 部门预算支出总表 (lines 156–212), another unit.
        let excerpt = (Array(lines[30...84]) + Array(lines[155...211])).joined(separator: "\n")
            .replacingOccurrences(of: "323 青龙满族自治县人力资源和社会保障局", with: "401 某县财政局")
        let (parsed, report) = try SampleText.parse(excerpt)
        let example = try DisclosureJSON.bundledExample()
        #expect(parsed.unit == BudgetUnit(code: "401", name: "某县财政局"))
        #expect(Set(parsed.tables.keys) == ["summary", "expenditure"])
        #expect(parsed.tables["summary"] == example.tables["summary"])
        #expect(parsed.tables["expenditure"] == example.tables["expenditure"])
        #expect(parsed.projects == nil && parsed.explanation == nil && parsed.procurement == nil)
        #expect(report.notes(.unplaced).isEmpty)
        let missing = report.notes(.missing).map(\.message)
        #expect(missing.contains("部门预算收入总表 is not in the document"))
        #expect(missing.contains("部门预算财政拨款“三公”经费支出表 is not in the document"))
        #expect(missing.contains("the 说明 (部门预算信息公开情况说明) is not in the document"))
        #expect(missing.contains("no 项目绩效目标表"))
        #expect(missing.count == 7 + 5)
    }

    @Test("a line that fits nowhere is reported with its number, not dropped silently")
    func unplacedLine() throws {
        var lines = try SampleText.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert("x\ty\tz", at: 170)  // inside 部门预算支出总表, becomes line 171
        lines.insert("3\tabc\t行政运行\t1.00", at: 100)  // a bad subject code in 部门预算收入总表, line 101
        let (parsed, report) = try SampleText.parse(lines.joined(separator: "\n"))
        let unplaced = report.notes(.unplaced)
        #expect(unplaced.map(\.line) == [101, 172])
        #expect(unplaced.first?.message.contains("\"abc\" is not a subject code of 部门预算收入总表") == true)
        #expect(parsed.tables["revenue"]?.rows.count == 36)
    }

    @Test("a text without any table is an error")
    func nothing() throws {
        #expect(throws: BudgetError.self) { try SampleText.parse("hello\nworld\n") }
    }
}
