import Budget
import Foundation
import Testing
import XLSX

@Suite("Derivation and synthetic units")
struct DerivationTests {
    static let set: TemplateSet? = try? TemplateLibrary.builtIn().set("hebei-2025")

    static func hebei() throws -> TemplateSet {
        try #require(set, "the built-in hebei-2025 template set is missing")
    }

    static func errors(_ report: ValidationReport) -> String {
        report.errors.map { "\($0.rule) \($0.cellText ?? $0.table): \($0.message)" }.joined(separator: "\n")
    }

    @Test("synthetic units validate without errors", arguments: 0..<80)
    func syntheticUnitValidates(index: Int) throws {
        let set = try Self.hebei()
        let unit = try SyntheticUnits.make(seed: 20250101, index: index, set: set)
        try DisclosureCheck.check(unit, against: set)
        let report = Validator(set: set).validate(unit)
        #expect(!report.hasErrors, "\(Self.errors(report))")
        #expect(report.warnings.allSatisfy { $0.kind == .rounding }, "\(report.textLines().joined(separator: "\n"))")
        for table in unit.tables.values {
            for row in table.rows { #expect(row.values.values.allSatisfy { $0.scale == 2 }) }
        }
    }

    @Test("synthetic units are deterministic and varied")
    func deterministic() throws {
        let set = try Self.hebei()
        let a = try SyntheticUnits.make(seed: 7, index: 3, set: set)
        let b = try SyntheticUnits.make(seed: 7, index: 3, set: set)
        #expect(a == b, "the same seed and index gave two different units")
        #expect(try DisclosureJSON.encode(a) == DisclosureJSON.encode(b))
        var rowCounts = Set<Int>(), emptyFund = 0, filledFund = 0, emptyThree = 0, filledThree = 0
        for index in 0..<60 {
            let unit = try SyntheticUnits.make(seed: 7, index: index, set: set)
            rowCounts.insert(unit.tables["revenue"]?.rows.count ?? 0)
            if unit.tables["governmentFund"]?.isEmpty ?? true { emptyFund += 1 } else { filledFund += 1 }
            if unit.tables["threePublic"]?.rows.allSatisfy({ $0.values.isEmpty }) ?? true {
                emptyThree += 1
                #expect(unit.tables["threePublic"]?.note == "注：无财政拨款“三公”经费支出预算，空表列示。")
            } else {
                filledThree += 1
                #expect(unit.tables["threePublic"]?.note == nil)
            }
        }
        #expect(rowCounts.count > 5)
        #expect(emptyFund > 0 && filledFund > 0)
        #expect(emptyThree > 0 && filledThree > 0)
    }

    /// Every amount of a derived unit, as (table, row index, column).
    static func amounts(of unit: Disclosure) -> [(table: String, row: Int, column: String)] {
        var result: [(table: String, row: Int, column: String)] = []
        for id in unit.tables.keys.sorted() {
            for (i, row) in (unit.tables[id]?.rows ?? []).enumerated() {
                for column in row.values.keys.sorted() { result.append((id, i, column)) }
            }
        }
        return result
    }

    @Test("changing any one amount by 1.00 or more is an error on that cell", arguments: [0, 1, 2, 5, 8, 13])
    func singleChangeIsCaught(index: Int) throws {
        let set = try Self.hebei()
        let unit = try SyntheticUnits.make(seed: 99, index: index, set: set)
        let validator = Validator(set: set)
        let map = SheetMap(disclosure: unit, set: set)
        var random = SplitMix64(seed: UInt64(index))
        for (table, row, column) in Self.amounts(of: unit) {
            var changed = unit
            guard let old = changed.tables[table]?.rows[row].values[column] else { continue }
            let cents = Int64.random(in: 100...5000, using: &random) * (Bool.random(using: &random) ? 1 : -1)
            changed.tables[table]?.rows[row].values[column] = old + Amount(fen: cents)
            let target = try #require(changed.tables[table]?.rows[row])
            let location: CellLocation? = map.reference(table: table, row: target, column: column)
            let cell = try #require(location)
            let report = validator.validate(changed, locator: map)
            #expect(report.errors.contains { $0.cells.contains(cell) },
                    "\(table) \(target.label) \(column) \(old.text) → \(old + Amount(fen: cents)): no error reads \(cell)")
        }
    }

    @Test("deriving the sample leaves no error")
    func derivedSample() throws {
        let set = try Self.hebei()
        let sample = nineTablesOnly(try DisclosureJSON.bundledExample())
        let derived = try Derivation.derive(sample, set: set)
        let report = Validator(set: set).validate(derived)
        #expect(!report.hasErrors, "\(Self.errors(report))")
        // The published 尾差 of 2080109 becomes the exact sum of its parts.
        #expect(derived.tables["revenue"]?.row(code: "2080109")?.values["total"] == Amount("259.06"))
        #expect(derived.tables["threePublic"]?.note == nil)
        #expect(derived.tables["governmentFund"]?.note == sample.tables["governmentFund"]?.note)
    }

    @Test("derivation fills parents, totals and tables 1, 4 and 5 from leaf rows with more decimals")
    func fromLeaves() throws {
        let set = try Self.hebei()
        let leaves = Disclosure(unit: BudgetUnit(code: "900", name: "测试单位"), year: 2025, tables: [
            "revenue": TableData(rows: [
                DataRow(code: "2080101", name: "行政运行", values: ["fiscal": Amount("100.004")!]),
                DataRow(code: "2080102", name: "一般行政管理事务", values: ["fiscal": Amount("50.0049")!, "carryover": Amount("10")!]),
                DataRow(code: "2210201", name: "住房公积金", values: ["fiscal": Amount("8.333333")!]),
            ]),
            "expenditure": TableData(rows: [
                DataRow(code: "2080101", name: "行政运行", values: ["basic": Amount("100.004")!]),
                DataRow(code: "2080102", name: "一般行政管理事务", values: ["project": Amount("60.0049")!]),
                DataRow(code: "2210201", name: "住房公积金", values: ["basic": Amount("8.333333")!]),
            ]),
            "generalPublicBasic": TableData(rows: [
                DataRow(code: "30101", name: "基本工资", values: ["personnel": Amount("100.004")!]),
                DataRow(code: "30113", name: "住房公积金", values: ["personnel": Amount("8.333333")!]),
            ]),
        ])
        let unit = try Derivation.derive(leaves, set: set)
        try DisclosureCheck.check(unit, against: set)
        let revenue = try #require(unit.tables["revenue"])
        #expect(revenue.rows.map { $0.code ?? $0.key ?? "" } == ["合计", "208", "20801", "2080101", "2080102", "221", "22102", "2210201"])
        #expect(revenue.row(code: "20801")?.name == "人力资源和社会保障管理事务")
        #expect(revenue.row(code: "20801")?.values["total"] == Amount("160.01"))   // 160.0089
        #expect(revenue.row(key: "合计")?.values["total"] == Amount("168.34"))    // 168.342233
        #expect(revenue.row(key: "合计")?.values["subtotal"] == Amount("158.34"))
        #expect(unit.tables["generalPublic"]?.row(code: "2080102")?.values["project"] == Amount("60.00"))
        let summary = try #require(unit.tables["summary"])
        #expect(summary.row(key: "一般公共预算拨款收入")?.values["amount"] == Amount("158.34"))
        #expect(summary.row(key: "上年结转结余")?.values["amount"] == Amount("10.00"))
        #expect(summary.row(key: "社会保障和就业支出")?.values["amount"] == Amount("160.01"))
        #expect(summary.row(key: "外交支出")?.values.isEmpty == true)
        let fiscal = try #require(unit.tables["fiscalSummary"])
        #expect(fiscal.row(key: "年初结转和结余：一般公共预算拨款")?.values["amount"] == Amount("10.00"))
        #expect(fiscal.row(key: "支出总计")?.values["generalPublic"] == Amount("168.34"))
        #expect(unit.tables["governmentFund"]?.note == "注：无政府性基金预算财政拨款预算，空表列示。")
        #expect(unit.tables["threePublic"]?.note == "注：无财政拨款“三公”经费支出预算，空表列示。")
        let report = Validator(set: set).validate(unit)
        #expect(!report.hasErrors, "\(Self.errors(report))")
    }

    @Test("a leaf total without its parts cannot be derived")
    func missingParts() throws {
        let set = try Self.hebei()
        let unit = Disclosure(unit: BudgetUnit(code: "900", name: "测试单位"), year: 2025, tables: [
            "expenditure": TableData(rows: [DataRow(code: "2080101", name: "行政运行", values: ["total": Amount("5")!])]),
        ])
        #expect(throws: BudgetError.self) { try Derivation.derive(unit, set: set) }
        let unknown = Disclosure(unit: BudgetUnit(code: "900", name: "测试单位"), year: 2025, tables: [
            "expenditure": TableData(rows: [DataRow(code: "2999901", name: "某项", values: ["basic": Amount("5")!])]),
        ])
        do {
            _ = try Derivation.derive(unknown, set: set)
            Issue.record("expected an error for the unknown parent 29999")
        } catch let error as BudgetError {
            #expect(error.code == .invalidData)
            #expect(error.message.contains("29999"))
        }
    }
}
