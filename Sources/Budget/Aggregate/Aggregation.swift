/// 部门汇总: sums units into their department.
///
/// The nine tables are summed table by table, row by row (by subject code or
/// fixed row key), column by column, exactly; a value blank in every unit
/// stays blank. Every 勾稽关系 is linear, so each one's difference in the
/// department is the sum of the units' differences: within N times a unit's
/// 尾差 allowance. The result records `aggregatedUnits` = N and validation
/// widens its allowance by that factor, so a department of units that
/// validate validates too. (`derive: true` instead derives parent rows, 合计
/// rows and tables 1 and 4 again from the summed detail rows.) Projects,
/// 政府采购 units (each with its 小计) and 机构设置 are listed one unit after
/// another; the 资产 rows are summed.
public enum Aggregation {
    /// Sums `units` into one disclosure for the department `department`.
    /// Throws when the units are of different years, money units or template sets.
    public static func aggregate(_ units: [Disclosure], as department: BudgetUnit, set: TemplateSet,
                                 derive: Bool = false) throws -> Disclosure {
        guard let first = units.first else {
            throw BudgetError(.invalidData, "aggregate needs at least one unit")
        }
        for unit in units.dropFirst() {
            if unit.year != first.year {
                throw BudgetError(.invalidData, "unit \(unit.unit.code) \(unit.unit.name) is of budget year \(unit.year), unit \(first.unit.code) \(first.unit.name) of \(first.year): a department sums units of one year")
            }
            if unit.moneyUnit != first.moneyUnit {
                throw BudgetError(.invalidData, "unit \(unit.unit.code) \(unit.unit.name) counts in \(unit.moneyUnit), unit \(first.unit.code) \(first.unit.name) in \(first.moneyUnit): convert them to one money unit first")
            }
            if unit.template != first.template {
                throw BudgetError(.invalidData, "unit \(unit.unit.code) \(unit.unit.name) follows template set \(unit.template), unit \(first.unit.code) \(first.unit.name) \(first.template)")
            }
        }
        var result = Disclosure(unit: department, year: first.year, moneyUnit: first.moneyUnit, template: first.template)
        let count = units.reduce(0) { $0 + ($1.aggregatedUnits ?? 1) }
        result.aggregatedUnits = count > 1 ? count : nil
        for template in set.tables {
            let parts = units.compactMap { $0.tables[template.id] }
            guard !parts.isEmpty else { continue }
            result.tables[template.id] = sum(parts, template: template)
        }
        let projects = units.flatMap { $0.projects ?? [] }
        if !projects.isEmpty { result.projects = projects }
        let procurements = units.compactMap(\.procurement)
        if !procurements.isEmpty {
            var procurement = procurements[0]
            procurement.units = procurements.flatMap(\.units)
            procurement.total = add(procurements.map(\.total))
            procurement.carryoverColumn = procurements.contains { $0.carryoverColumn }
            procurement.note = Set(procurements.compactMap(\.note)).count == 1 ? procurements[0].note : nil
            result.procurement = procurement
        }
        let assets = units.compactMap(\.assets)
        if !assets.isEmpty {
            var total = assets[0]
            total.rows = sumRows(assets.map(\.rows))
            total.asOf = Set(assets.map { $0.asOf ?? "" }).count == 1 ? assets[0].asOf : nil
            result.assets = total
        }
        var institutions: [Institution] = []
        for institution in units.flatMap({ $0.institutions ?? [] }) where !institutions.contains(where: { $0.name == institution.name }) {
            institutions.append(institution)
        }
        if !institutions.isEmpty { result.institutions = institutions }
        guard derive else { return result }
        do {
            return try Derivation.derive(result, set: set)
        } catch let error as BudgetError {
            throw BudgetError(.invalidData, "the summed units cannot be derived again from their detail rows: \(error.message)")
        }
    }

    /// One table of the department: rows summed by identity; subject rows in code order after 合计.
    static func sum(_ parts: [TableData], template: TableTemplate) -> TableData {
        var rows = sumRows(parts.map(\.rows))
        if template.kind == .subjects {
            rows = rows.filter { $0.key != nil } + rows.filter { $0.key == nil }.sorted { ($0.code ?? "") < ($1.code ?? "") }
        }
        var table = TableData(rows: rows)
        // A 注 is kept when every unit says the same; an "empty table" note only while the sum is empty.
        let notes = Set(parts.map { $0.note ?? "" })
        if notes.count == 1, let note = parts[0].note {
            table.note = note
        } else if table.isEmpty {
            table.note = parts.compactMap(\.note).first
        }
        return table
    }

    /// Rows of several tables summed by identity, in the order first seen.
    static func sumRows(_ tables: [[DataRow]]) -> [DataRow] {
        var order: [String] = []
        var byIdentity: [String: DataRow] = [:]
        for rows in tables {
            for row in rows {
                let id = SheetMap.identity(of: row)
                if var existing = byIdentity[id] {
                    existing.values = add([existing.values, row.values])
                    byIdentity[id] = existing
                } else {
                    order.append(id)
                    byIdentity[id] = row
                }
            }
        }
        return order.compactMap { byIdentity[$0] }
    }

    /// Column-wise sums; a column blank everywhere stays blank.
    static func add(_ values: [[String: Amount]]) -> [String: Amount] {
        var result: [String: Amount] = [:]
        for dictionary in values {
            for (key, amount) in dictionary { result[key] = (result[key] ?? Amount(significand: 0, scale: amount.scale)) + amount }
        }
        return result
    }
}
