/// Derives every summary figure of a disclosure from its primary data, so the
/// tables agree by construction (one source of truth).
///
/// Primary data, given as the leaf rows of the subject tables (rows with no
/// printed child: 项, or a 款/类 printed without children; 款 in table 6):
/// - 收入总表 (2): revenue by subject and source, and 上年结转;
/// - 支出总表 (3): expenditure by subject, 基本/项目/经营/…;
/// - 一般公共预算 / 政府性基金 / 国有资本经营 tables (5, 7, 8): the split by fund,
///   basic and project (table 5 may be left out when all money is 一般公共预算:
///   it is then table 3; table 3 may be left out when there is no non-fiscal money:
///   it is then 5 + 7 + 8);
/// - 基本支出表 (6): 款 rows, 人员经费 and 公用经费;
/// - “三公” table (9): the detail rows (教学科研/其他出国, 购置, 运行维护, 接待) by fund;
/// - carry-overs: 年初结转和结余 by fund (table 4 rows 34–36; otherwise the
///   appropriation spending not covered by 财政拨款收入, all 一般公共预算),
///   年终结转结余 (table 1) and 年末结转和结余 (table 4), when any.
///
/// Derived: every leaf row's totals, every parent row (added when missing,
/// named from the other tables or `SubjectNames`), every 合计 row, tables 1 and 4
/// entirely, the 注 of empty tables. Amounts may carry more decimals than shown
/// (元-precise 万元); everything is computed exactly and each displayed amount
/// is rounded to 2 decimals at the very end, so the only differences left are
/// display rounding (尾差).
public enum Derivation {
    /// The standard 注 of an empty table, by table id.
    public static let emptyNotes: [String: String] = [
        "governmentFund": "注：无政府性基金预算财政拨款预算，空表列示。",
        "stateCapital": "注：无国有资本经营预算财政拨款预算，空表列示。",
        "threePublic": "注：无财政拨款“三公”经费支出预算，空表列示。",
    ]

    /// The disclosure with every derivable figure filled in and rounded for display.
    /// Throws `BudgetError(.invalidData)` when primary data is missing (a leaf total
    /// without its parts, a parent subject whose name is unknown).
    public static func derive(_ disclosure: Disclosure, set: TemplateSet) throws -> Disclosure {
        var work = Work(input: disclosure, set: set)
        try work.run()
        var result = disclosure
        result.tables = work.tables.mapValues(rounded)
        return result
    }

    /// Every amount rounded to two decimals.
    static func rounded(_ table: TableData) -> TableData {
        var table = table
        for i in table.rows.indices { table.rows[i].values = table.rows[i].values.mapValues { $0.rescaled(to: 2) } }
        return table
    }

    /// The exact sum of the values present; nil when none is.
    static func sum(_ values: [Amount?]) -> Amount? {
        let present = values.compactMap { $0 }
        guard !present.isEmpty else { return nil }
        return present.reduce(Amount(significand: 0, scale: 2), +)
    }
}

/// The state of one derivation.
private struct Work {
    let input: Disclosure
    let set: TemplateSet
    var tables: [String: TableData]

    init(input: Disclosure, set: TemplateSet) {
        self.input = input
        self.set = set
        tables = input.tables
    }

    func fail(_ message: String) -> BudgetError { BudgetError(.invalidData, "derive: " + message) }

    mutating func run() throws {
        for template in set.tables where tables[template.id] == nil { tables[template.id] = TableData() }
        try fillExpenditureTables()
        try completeSubjects(Tab.revenue, [("subtotal", Col.revenueSources), ("total", ["subtotal", "carryover"])])
        try completeSubjects(Tab.expenditure, [("total", Array(Col.expenditureAll.dropFirst()))])
        for table in Tab.fundTables { try completeSubjects(table, [("total", ["basic", "project"])]) }
        try completeSubjects(Tab.basic, [("total", ["personnel", "publicUse"])])
        try deriveSummaries()
        try deriveThreePublic()
        fillNotes()
    }

    // MARK: Subject tables

    func codes(_ table: String) -> [DataRow] { (tables[table]?.rows ?? []).filter { $0.key == nil && $0.code != nil } }

    func hasSubjects(_ table: String) -> Bool { !codes(table).isEmpty }

    func nonFiscalMoney() -> Bool {
        let sources = Col.revenueSources.filter { $0 != "fiscal" }
        return codes(Tab.revenue).contains { row in sources.contains { !(row.values[$0]?.isZero ?? true) } }
    }

    /// Table 5 from table 3 when all money is 一般公共预算, or table 3 from 5 + 7 + 8 without non-fiscal money.
    mutating func fillExpenditureTables() throws {
        let fundsEmpty = !hasSubjects(Tab.governmentFund) && !hasSubjects(Tab.stateCapital)
        if !hasSubjects(Tab.generalPublic), hasSubjects(Tab.expenditure), fundsEmpty, !nonFiscalMoney(),
           set.table(Tab.generalPublic) != nil {
            var rows: [DataRow] = []
            for row in codes(Tab.expenditure) {
                var copy = DataRow(code: row.code ?? "", name: row.name ?? "")
                for column in ["basic", "project"] { copy.values[column] = row.values[column] }
                rows.append(copy)
            }
            tables[Tab.generalPublic] = TableData(rows: rows, note: nil)
        }
        let funds = Tab.fundTables.filter(hasSubjects)
        if !hasSubjects(Tab.expenditure), !funds.isEmpty, !nonFiscalMoney(), set.table(Tab.expenditure) != nil {
            var byCode: [String: DataRow] = [:]
            for table in funds {
                for row in codes(table) {
                    guard let code = row.code else { continue }
                    var target = byCode[code] ?? DataRow(code: code, name: row.name ?? "")
                    for column in ["basic", "project"] {
                        if let value = row.values[column] { target.values[column] = (target.values[column] ?? .zero) + value }
                    }
                    byCode[code] = target
                }
            }
            tables[Tab.expenditure] = TableData(rows: byCode.keys.sorted().compactMap { byCode[$0] }, note: tables[Tab.expenditure]?.note)
        }
    }

    /// The name of a code from any table of the disclosure, or from `SubjectNames`.
    func name(of code: String, kind: TableTemplate.CodeKind) -> String? {
        for template in set.tables where template.kind == .subjects && template.codeKind == kind {
            if let name = tables[template.id]?.row(code: code)?.name, !name.trimmingWhitespace.isEmpty { return name }
        }
        return SubjectNames.name(code, kind: kind)
    }

    /// Leaf totals from their parts, every ancestor row, and the 合计 row.
    mutating func completeSubjects(_ table: String, _ equations: [(total: String, parts: [String])]) throws {
        guard let template = set.table(table), let data = tables[table] else { return }
        let kind = template.codeKind ?? .function
        let lengths = kind.lengths
        let columns = template.valueKeys(side: nil)
        let totalKey = template.totalLabel ?? "合计"
        var rows: [String: DataRow] = [:]
        for row in codes(table) {
            guard let code = row.code else { continue }
            guard code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), lengths.contains(code.count) else {
                throw fail("\(template.title): \"\(code)\" is not a \(kind.rawValue) classification code")
            }
            rows[code] = row
        }
        if rows.isEmpty {
            if let total = data.row(key: totalKey), total.values.values.contains(where: { !$0.isZero }) {
                throw fail("\(template.title) has a \(totalKey) row but no subject rows to derive it from")
            }
            tables[table] = TableData(rows: [], note: data.note)
            return
        }
        let given = Set(rows.keys)
        let leaves = given.filter { code in !given.contains { $0.count > code.count && $0.hasPrefix(code) } }
        for code in leaves {
            guard var row = rows[code] else { continue }
            for (total, parts) in equations {
                if let value = Derivation.sum(parts.map { row.values[$0] }) {
                    row.values[total] = value
                } else if let value = row.values[total], !value.isZero {
                    throw fail("\(template.title) \(code): \(total) \(value.displayText) is given without its parts (\(parts.joined(separator: ", ")))")
                }
            }
            rows[code] = row
        }
        // Ancestors, named from the other tables when they are not printed.
        for code in leaves {
            for length in lengths where length < code.count {
                let parent = String(code.prefix(length))
                if rows[parent] == nil {
                    guard let name = name(of: parent, kind: kind) else {
                        throw fail("\(template.title): the parent subject \(parent) of \(code) is missing and its name is unknown; give its row")
                    }
                    rows[parent] = DataRow(code: parent, name: name)
                }
            }
        }
        // Parents bottom-up: each = Σ its direct children, column by column.
        let all = rows.keys.sorted()
        for code in all.sorted(by: { $0.count > $1.count }) where !leaves.contains(code) {
            let children = all.filter { $0.count == code.count + 2 && $0.hasPrefix(code) }
            guard var row = rows[code] else { continue }
            for column in columns {
                row.values[column] = Derivation.sum(children.map { rows[$0]?.values[column] })
            }
            rows[code] = row
        }
        var total = DataRow(key: totalKey)
        let classes = all.filter { $0.count == lengths[0] }
        for column in columns {
            if let value = Derivation.sum(classes.map { rows[$0]?.values[column] }) { total.values[column] = value }
        }
        tables[table] = TableData(rows: [total] + all.compactMap { rows[$0] }, note: data.note)
    }

    // MARK: Tables 1 and 4

    func value(_ table: String, key: String, _ column: String) -> Amount? {
        tables[table]?.row(key: key)?.values[column]
    }

    func total(_ table: String, _ column: String) -> Amount? {
        value(table, key: set.table(table)?.totalLabel ?? "合计", column)
    }

    func classTotal(_ table: String, code: String, _ column: String = "total") -> Amount? {
        tables[table]?.row(code: code)?.values[column]
    }

    func keys(_ table: String, side: String) -> [String] {
        (set.table(table)?.rows ?? []).compactMap { $0.cells[side]?.key }
    }

    func classes(_ table: String) -> [(key: String, code: String?)] {
        var result: [(key: String, code: String?)] = []
        for row in set.table(table)?.rows ?? [] {
            guard let cell = row.cells["expenditure"] else { continue }
            if cell.key == "本年支出合计" { break }
            result.append((cell.key, cell.code))
        }
        return result
    }

    mutating func deriveSummaries() throws {
        let given1 = input.tables[Tab.summary]
        let given4 = input.tables[Tab.fiscal]
        func fixedRow(_ data: TableData?, _ key: String) -> DataRow { data?.row(key: key) ?? DataRow(key: key) }

        // Carry-over of appropriations by fund.
        var carries: [Amount?] = Row.fiscalCarryByFund.map { fixedRow(given4, $0).values["amount"] }
        let spending = Tab.fundTables.map { total($0, "total") }
        if carries[0] == nil {
            let uncovered = (Derivation.sum(spending) ?? .zero) - (total(Tab.revenue, "fiscal") ?? .zero)
                - (carries[1] ?? .zero) - (carries[2] ?? .zero)
            if uncovered > .zero { carries[0] = uncovered }
        }
        let fundIncome: [Amount?] = zip(spending, carries).map { spent, carried in
            guard let spent else { return nil }
            return spent - (carried ?? .zero)
        }

        if let template = set.table(Tab.summary) {
            let income = keys(Tab.summary, side: "income")
            guard income.count >= 8 else { throw fail("\(template.title): the template's income rows are not those of Hebei 2025") }
            var values: [String: Amount?] = [:]
            values[income[0]] = fundIncome[0]
            values[income[1]] = fundIncome[1]
            values[income[2]] = fundIncome[2]
            values[income[3]] = total(Tab.revenue, "specialAccount")
            values[income[4]] = Derivation.sum(Col.unitFunds.map { total(Tab.revenue, $0) })
            values["本年收入合计"] = Derivation.sum(income[0..<5].map { values[$0] ?? nil })
            values["上年结转结余"] = total(Tab.revenue, "carryover")
            values["收入总计"] = Derivation.sum([values["本年收入合计"] ?? nil, values["上年结转结余"] ?? nil])
            var spent: [Amount?] = []
            for (key, code) in classes(Tab.summary) {
                let amount = code.map { classTotal(Tab.expenditure, code: $0) } ?? fixedRow(given1, key).values["amount"]
                values[key] = amount
                spent.append(amount)
            }
            values["本年支出合计"] = Derivation.sum(spent)
            values["年终结转结余"] = fixedRow(given1, "年终结转结余").values["amount"]
            values["支出总计"] = Derivation.sum([values["本年支出合计"] ?? nil, values["年终结转结余"] ?? nil])
            tables[Tab.summary] = fixedTable(template, note: given1?.note) { key, _ in
                values[key].flatMap { $0 }.map { ["amount": $0] } ?? [:]
            }
        }

        if let template = set.table(Tab.fiscal) {
            let income = keys(Tab.fiscal, side: "income")
            var amounts: [String: Amount?] = [:]
            for (i, key) in income.prefix(3).enumerated() { amounts[key] = fundIncome[i] }
            amounts["本年收入合计"] = Derivation.sum(Array(fundIncome))
            for (i, key) in Row.fiscalCarryByFund.enumerated() { amounts[key] = carries[i] }
            amounts[Row.fiscalCarry] = Derivation.sum(carries)
            amounts["收入总计"] = Derivation.sum([amounts["本年收入合计"] ?? nil, amounts[Row.fiscalCarry] ?? nil])
            var expenditure: [String: [String: Amount]] = [:]
            var current: [String: [Amount?]] = [:]
            for (key, code) in classes(Tab.fiscal) {
                var row: [String: Amount] = [:]
                if let code {
                    for (column, table) in zip(Col.funds, Tab.fundTables) { row[column] = classTotal(table, code: code) }
                } else {
                    row = fixedRow(given4, key).values
                }
                if let sum = Derivation.sum(Col.funds.map { row[$0] }) { row["total"] = sum }
                expenditure[key] = row
                for column in Col.fiscalAll { current[column, default: []].append(row[column]) }
            }
            var thisYear: [String: Amount] = [:]
            for column in Col.fiscalAll { thisYear[column] = Derivation.sum(current[column] ?? []) }
            expenditure["本年支出合计"] = thisYear
            var yearEnd = fixedRow(given4, "年末财政拨款结转和结余").values
            yearEnd["total"] = Derivation.sum(Col.funds.map { yearEnd[$0] })
            expenditure["年末财政拨款结转和结余"] = yearEnd.compactMapValues { $0 }
            var grand: [String: Amount] = [:]
            for column in Col.fiscalAll { grand[column] = Derivation.sum([thisYear[column], yearEnd[column] ?? nil]) }
            expenditure["支出总计"] = grand
            tables[Tab.fiscal] = fixedTable(template, note: given4?.note) { key, side in
                if side == "income" { return amounts[key].flatMap { $0 }.map { ["amount": $0] } ?? [:] }
                return expenditure[key] ?? [:]
            }
        }
    }

    /// A fixed table with every template row, its values from `values(key, side)`.
    func fixedTable(_ template: TableTemplate, note: String?, _ values: (String, String) -> [String: Amount]) -> TableData {
        var rows: [DataRow] = []
        for fixed in template.rows ?? [] {
            for side in template.sides {
                guard let cell = fixed.cells[side] else { continue }
                rows.append(DataRow(key: cell.key, values: values(cell.key, side)))
            }
        }
        return TableData(rows: rows, note: note)
    }

    // MARK: Table 9

    mutating func deriveThreePublic() throws {
        guard let template = set.table(Tab.three), let data = tables[Tab.three] else { return }
        var rows: [String: [String: Amount]] = [:]
        for row in data.rows { if let key = row.key { rows[key] = row.values } }
        let parents: [(String, [String])] = [
            (Row.abroad, [Row.abroadResearch, Row.abroadOther]),
            (Row.vehicles, [Row.vehiclePurchase, Row.vehicleRunning]),
            (Row.threeTotal, [Row.abroad, Row.vehicles, Row.reception]),
        ]
        let leaves = [Row.abroadResearch, Row.abroadOther, Row.vehiclePurchase, Row.vehicleRunning, Row.reception]
        for key in leaves {
            var values = rows[key] ?? [:]
            if let sum = Derivation.sum(Col.funds.map { values[$0] }) {
                values["total"] = sum
            } else if let given = values["total"], !given.isZero {
                throw fail("\(template.title) \(key): 合计 \(given.displayText) is given without its fund columns")
            }
            rows[key] = values
        }
        for (parent, children) in parents {
            var values: [String: Amount] = [:]
            for column in Col.threeAll {
                if let sum = Derivation.sum(children.map { rows[$0]?[column] }) { values[column] = sum }
            }
            if values.isEmpty, let given = rows[parent]?.values.first(where: { !$0.isZero }) {
                throw fail("\(template.title) \(parent): \(given.displayText) is given without its detail rows")
            }
            rows[parent] = values
        }
        tables[Tab.three] = fixedTable(template, note: data.note) { key, _ in rows[key] ?? [:] }
    }

    // MARK: Notes

    /// An empty table gets the 注 that says so; a table with amounts loses a 注 that says it is empty.
    mutating func fillNotes() {
        for template in set.tables {
            guard var data = tables[template.id] else { continue }
            let filled = data.rows.contains { $0.values.values.contains { !$0.isZero } }
            let declares = data.note.map(RuleContext.declaresEmpty) ?? false
            if filled && declares { data.note = nil }
            if !filled && !declares { data.note = Derivation.emptyNotes[template.id] ?? "注：本表无数据，空表列示。" }
            tables[template.id] = data
        }
    }
}
