import Testing
import XLSX
@testable import Budget

/// The published header grids (DOMAIN.md, "The header grids"), cell by cell;
/// `·` marks a cell covered by a merge; the last line is the 栏次 row.
let publishedGrids: [String: String] = [
    "summary": """
        序号 | 收入 | · | 支出 | ·
        · | 项目 | 预算数 | 项目 | 预算数
        栏次 | 1 | 2 | 3 | 4
        """,
    "revenue": """
        序号 | 功能分类科目 | · | 合计 | 本年收入 | · | · | · | · | · | · | · | 上年结转
        · | 科目编码 | 科目名称 | · | 小计 | 财政拨款收入 | 财政专户收入 | 事业收入 | 经营收入 | 上级补助收入 | 附属单位上缴收入 | 其他收入 | ·
        栏次 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12
        """,
    "expenditure": """
        序号 | 功能分类科目 | · | 合计 | 基本支出 | 项目支出 | 经营支出 | 上解上级支出 | 对附属单位补助支出
        · | 科目编码 | 科目名称 | · | · | · | · | · | ·
        栏次 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8
        """,
    "fiscalSummary": """
        序号 | 收入 | · | 支出 | · | · | · | ·
        · | 项目 | 金额 | 项目 | 合计 | 一般公共预算财政拨款 | 政府性基金预算财政拨款 | 国有资本经营预算财政拨款
        栏次 | 1 | 2 | 3 | 4 | 5 | 6 | 7
        """,
    "generalPublic": """
        序号 | 功能分类科目 | · | 合计 | 基本支出 | 项目支出
        · | 科目编码 | 科目名称 | · | · | ·
        栏次 | 1 | 2 | 3 | 4 | 5
        """,
    "generalPublicBasic": """
        序号 | 支出部门经济分类科目 | · | 一般公共预算基本支出 | · | ·
        · | 科目编码 | 科目名称 | 合计 | 人员经费 | 公用经费
        栏次 | 1 | 2 | 3 | 4 | 5
        """,
    "governmentFund": """
        序号 | 功能分类科目 | · | 合计 | 基本支出 | 项目支出
        · | 科目编码 | 科目名称 | · | · | ·
        栏次 | 1 | 2 | 3 | 4 | 5
        """,
    "stateCapital": """
        序号 | 功能分类科目 | · | 合计 | 基本支出 | 项目支出
        · | 科目编码 | 科目名称 | · | · | ·
        栏次 | 1 | 2 | 3 | 4 | 5
        """,
    "threePublic": """
        序号 | 项目 | 资金性质 | · | · | ·
        · | · | 合计 | 一般公共预算 财政拨款 | 政府性基金 预算拨款 | 国有资本经营 预算财政拨款
        栏次 | 1 | 2 | 3 | 4 | 5
        """,
]

/// Merged ranges by DOMAIN.md's rule, read off a grid independently of the
/// layout engine: a label spans right over following `·` cells where the row
/// below has sub-headers, and down over `·` cells below it.
func mergesByRule(_ grid: [[String]], firstRow: Int) -> Set<String> {
    var merges = Set<String>()
    for (r, row) in grid.enumerated() {
        for (c, label) in row.enumerated() where label != "·" {
            var c2 = c
            while c2 + 1 < row.count, row[c2 + 1] == "·", r + 1 < grid.count, grid[r + 1][c2 + 1] != "·" { c2 += 1 }
            var r2 = r
            if c2 == c { while r2 + 1 < grid.count, grid[r2 + 1][c] == "·" { r2 += 1 } }
            if (r2, c2) != (r, c) {
                merges.insert("\(CellReference(uncheckedRow: firstRow + r, column: c)):\(CellReference(uncheckedRow: firstRow + r2, column: c2))")
            }
        }
    }
    return merges
}

@Suite("Layout engine")
struct LayoutTests {
    let set: TemplateSet = {
        do { return try TemplateLibrary.builtIn().set("hebei-2025") } catch { preconditionFailure("\(error)") }
    }()

    @Test("the built-in set has the nine tables in order")
    func nineTables() {
        #expect(set.tables.map(\.id) == ["summary", "revenue", "expenditure", "fiscalSummary", "generalPublic",
                                         "generalPublicBasic", "governmentFund", "stateCapital", "threePublic"])
        #expect(set.tables.map(\.number) == Array(1...9))
    }

    @Test("header tree → grid, merges and 栏次 equal the published structure", arguments: Array(publishedGrids.keys).sorted())
    func headerGrid(id: String) throws {
        let template = try #require(set.table(id))
        let layout = TableLayout(template)
        let lines = try #require(publishedGrids[id]).split(separator: "\n").map {
            $0.split(separator: "|").map { $0.filter { !$0.isWhitespace } }
        }
        let header = Array(lines.dropLast())
        #expect(layout.headerGrid == header)
        #expect(layout.numberRowTexts == lines.last)
        let merges = Set(layout.headerCells.filter(\.isMerged).map { $0.range.description })
        #expect(merges == mergesByRule(header, firstRow: layout.headerFirstRow))
        #expect(layout.numberRow == layout.headerFirstRow + header.count)
    }

    @Test("explicit merges of 收入总表 and 三公 table")
    func explicitMerges() throws {
        let revenue = TableLayout(try #require(set.table("revenue")))
        #expect(Set(revenue.headerCells.filter(\.isMerged).map(\.range.description)) == ["A3:A4", "B3:C3", "D3:D4", "E3:L3", "M3:M4"])
        let three = TableLayout(try #require(set.table("threePublic")))
        #expect(Set(three.headerCells.filter(\.isMerged).map(\.range.description)) == ["A3:A4", "B3:B4", "C3:F3"])
    }

    @Test("fixed rows: 31 expenditure classes in tables 1 and 4, with their codes")
    func fixedRows() throws {
        for id in ["summary", "fiscalSummary"] {
            let rows = try #require(set.table(id)?.rows)
            let classes = rows.compactMap { $0.cells["expenditure"] }.prefix(31)
            #expect(classes.count == 31)
            #expect(classes.first?.key == "一般公共服务支出")
            #expect(classes.first(where: { $0.code == "208" })?.key == "社会保障和就业支出")
            #expect(classes.last?.key == "人行科目")
        }
        let four = try #require(set.table("fiscalSummary")?.rows)
        #expect(four.count == 37)
        #expect(four[33].cells["income"]?.key == "年初结转和结余：一般公共预算拨款")
    }

    @Test("ordinals are stripped from labels to make row keys", arguments: [
        ("一、一般公共预算拨款收入", "一般公共预算拨款收入"), ("三十一、人行科目", "人行科目"),
        ("其中：公务用车购置费", "公务用车购置费"), ("（一）基本支出", "基本支出"), ("本年收入合计", "本年收入合计"),
        ("“三公”经费小计", "“三公”经费小计"),
    ])
    func rowKeys(label: String, key: String) {
        #expect(FixedCell.key(for: label) == key)
    }

    @Test("the unit line splits left / middle / right for every width")
    func infoSpans() throws {
        for template in set.tables {
            let layout = TableLayout(template)
            let spans = layout.infoSpans
            #expect(spans.left.lowerBound == 0)
            #expect(spans.right.upperBound == layout.lastColumn)
            if let middle = spans.middle {
                #expect(middle.lowerBound == spans.left.upperBound + 1)
                #expect(spans.right.lowerBound == middle.upperBound + 1)
            }
        }
    }

    @Test("column widths fit the longest text, wide characters counted double, within the template's bounds")
    func widths() throws {
        let example = try DisclosureJSON.bundledExample()
        let template = try #require(set.table("revenue"))
        let layout = TableLayout(template)
        let body = BodyBuilder.rows(of: try #require(example.tables["revenue"]), layout: layout)
        let dir = try TestSupport.temporaryDirectory()
        let workbook = try Workbook(path: dir + "/w.xlsx")
        let writer = SheetWriter(sheet: try workbook.addWorksheet(named: "w"), layout: layout,
                                 styles: try SheetStyles(workbook: workbook, font: "SimSun"), disclosure: example)
        let widths = writer.columnWidths(body: body)
        // 科目名称: the longest 项 names have 18 characters (36 wide), + 4 for the 项 indent, + 2 padding.
        #expect(widths[2] == 42)
        // 合计: "52,729.91" is 9 wide; the template's minimum of 12 wins.
        #expect(widths[3] == 12)
        #expect(SheetWriter.displayWidth(of: Amount("52729.91")!) == 9)
        #expect(SheetWriter.displayWidth(of: Amount("-1234567.5")!) == 13)
        #expect(SheetWriter.lines(40, in: 21) == 2)
    }
}
