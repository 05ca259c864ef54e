import Foundation
import Testing
@testable import Budget

@Suite("Department roll-up")
struct AggregationTests {
    let set: TemplateSet = {
        do { return try TemplateLibrary.builtIn().set("hebei-2025") } catch { preconditionFailure("\(error)") }
    }()
    let department = BudgetUnit(code: "900", name: "示例部门")

    @Test("units that validate sum into a department that validates, every total the sum of the units'", arguments: [UInt64(11), 12, 13])
    func consistentSum(seed: UInt64) throws {
        let units = try (0..<5).map { try SyntheticUnits.make(seed: seed, index: $0, set: set) }
        for unit in units { #expect(Validator(set: set).validate(unit).errors.isEmpty) }
        let dept = try Aggregation.aggregate(units, as: department, set: set)
        #expect(dept.unit == department)
        #expect(Validator(set: set).validate(dept).errors.isEmpty, "\(Validator(set: set).validate(dept).textLines().prefix(3))")
        #expect(dept.aggregatedUnits == 5)
        // Totals are exactly the sums of the units' totals.
        for (table, key, column) in [("revenue", "合计", "total"), ("expenditure", "合计", "basic"), ("summary", "收入总计", "amount"),
                                     ("generalPublicBasic", "合计", "personnel"), ("threePublic", "“三公”经费小计", "total")] {
            let parts = units.compactMap { $0.tables[table]?.row(key: key)?.values[column] }
            let got = dept.tables[table]?.row(key: key)?.values[column]
            if parts.isEmpty {
                #expect(got == nil, "\(table) \(key) \(column)")
            } else {
                #expect(got == parts.reduce(Amount.zero, +), "\(table) \(key) \(column)")
            }
        }
        // Detail rows are summed exactly.
        let leaf = units.compactMap { $0.tables["generalPublicBasic"]?.row(code: "30101")?.values["personnel"] }
        if !leaf.isEmpty {
            #expect(dept.tables["generalPublicBasic"]?.row(code: "30101")?.values["personnel"] == leaf.reduce(Amount.zero, +))
        }
        // Subject rows: the union of the units' codes, in code order after 合计.
        let codes = Set(units.flatMap { $0.tables["expenditure"]?.rows.compactMap(\.code) ?? [] })
        let rows = dept.tables["expenditure"]?.rows ?? []
        #expect(rows.first?.key == "合计")
        #expect(rows.dropFirst().compactMap(\.code) == codes.sorted())
    }

    @Test("blank stays blank, notes of empty tables stay while the sum is empty; whole sections are listed unit by unit")
    func blanksNotesAndSections() throws {
        var a = try DisclosureJSON.bundledExample()
        var b = a
        b.unit = BudgetUnit(code: "324", name: "青龙满族自治县就业服务中心")
        a.tables["governmentFund"] = TableData(rows: [], note: "注：无政府性基金预算财政拨款预算，空表列示。")
        let dept = try Aggregation.aggregate([a, b], as: department, set: set)
        let revenue = dept.tables["revenue"]
        #expect(revenue?.row(key: "合计")?.values["total"] == Amount("105459.82"))
        #expect(revenue?.row(key: "合计")?.values["business"] == nil)
        #expect(revenue?.row(code: "2080101")?.values["carryover"] == Amount("10.46"))
        #expect(dept.tables["governmentFund"]?.rows.isEmpty == true)
        #expect(dept.tables["governmentFund"]?.note == "注：无政府性基金预算财政拨款预算，空表列示。")
        #expect(dept.projects?.count == 2 * (a.projects?.count ?? 0))
        #expect(dept.procurement?.units.count == 2 * (a.procurement?.units.count ?? 0))
        if let total = a.procurement?.total["total"] {
            #expect(dept.procurement?.total["total"] == total + total)
        }
    }

    @Test("re-derived from the summed detail rows, the tables agree by construction")
    func derived() throws {
        let units = try (0..<4).map { try SyntheticUnits.make(seed: 21, index: $0, set: set) }
        let dept = try Aggregation.aggregate(units, as: department, set: set, derive: true)
        let withinTables = Validator(set: set).validate(dept).errors.filter { !$0.rule.hasPrefix("X-") }
        #expect(withinTables.isEmpty, "\(withinTables.map(\.message).prefix(3))")
    }

    @Test("units of different years, money units or template sets are refused")
    func refusals() throws {
        let a = try DisclosureJSON.bundledExample()
        var b = a
        b.year = 2024
        var error = #expect(throws: BudgetError.self) { _ = try Aggregation.aggregate([a, b], as: department, set: set) }
        #expect(error?.message.contains("budget year 2024") == true)
        b = a
        b.moneyUnit = "元"
        error = #expect(throws: BudgetError.self) { _ = try Aggregation.aggregate([a, b], as: department, set: set) }
        #expect(error?.message.contains("counts in 元") == true)
        error = #expect(throws: BudgetError.self) { _ = try Aggregation.aggregate([], as: department, set: set) }
        #expect(error?.code == .invalidData)
    }
}

@Suite("Synthetic units")
struct SyntheticWholeTests {
    @Test("each synthetic unit is a full disclosure that validates and round-trips through its workbook", arguments: [UInt64(1), 2, 3])
    func fullDisclosure(seed: UInt64) throws {
        let library = try TemplateLibrary.builtIn()
        let set = try library.set("hebei-2025")
        for index in 0..<4 {
            let unit = try SyntheticUnits.make(seed: seed, index: index, set: set)
            #expect(unit.tables.count == 9)
            #expect(unit.institutions?.isEmpty == false)
            #expect(unit.assets != nil)
            let projectTotal = unit.tables["expenditure"]?.row(key: "合计")?.values["project"] ?? .zero
            let budgets = (unit.projects ?? []).compactMap(\.budget).reduce(Amount.zero, +)
            #expect(budgets == projectTotal)
            let report = Validator(set: set).validate(unit)
            #expect(report.errors.isEmpty, "\(report.textLines().prefix(3))")
            let dir = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try WorkbookGenerator(library: library).write(unit, to: dir + "/u.xlsx")
            let back = try WorkbookImporter(library: library).importWorkbook(path: dir + "/u.xlsx").disclosure
            #expect(canonical(back, set) == canonical(unit, set))
        }
    }
}
