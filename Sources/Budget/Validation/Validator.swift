/// Runs the rule catalogue (`ValidationRule.catalogue`) over a disclosure.
///
/// Amounts are compared exactly as given: a blank cell is an absent value,
/// counted as 0 in sums. Differences within the rounding of the addends
/// (see `Tolerance`) are warnings of kind `rounding` (尾差); larger ones errors.
public struct Validator: Sendable {
    /// The template set the disclosure follows.
    public var set: TemplateSet
    /// How far apart amounts may be and count as rounding.
    public var tolerance: Tolerance
    /// The rules to run; the whole catalogue by default.
    public var rules: [ValidationRule]

    /// Creates a validator over a template set.
    public init(set: TemplateSet, tolerance: Tolerance = .default, rules: [ValidationRule] = ValidationRule.catalogue) {
        self.set = set
        self.tolerance = tolerance
        self.rules = rules
    }

    /// Every finding of every rule; never throws, whatever the data.
    public func validate(_ disclosure: Disclosure, locator: some CellLocating) -> ValidationReport {
        let context = RuleContext(disclosure: disclosure, set: set,
                                  tolerance: tolerance.widened(for: disclosure.aggregatedUnits ?? 1), locator: locator)
        for rule in rules {
            context.current = rule
            rule.check(context)
        }
        return ValidationReport(findings: context.findings, rulesRun: rules.map(\.id))
    }

    /// Validates against the cells of the workbook `WorkbookGenerator` would write.
    public func validate(_ disclosure: Disclosure) -> ValidationReport {
        validate(disclosure, locator: SheetMap(disclosure: disclosure, set: set))
    }
}

/// A value a rule reads: one column of one row of one table.
struct Term {
    /// The table id.
    var table: String
    /// The row (built from its key or code when the table lacks it).
    var row: DataRow
    /// The column key.
    var column: String
}

/// What a rule sees while it runs, and where it puts its findings.
final class RuleContext {
    let disclosure: Disclosure
    let set: TemplateSet
    let tolerance: Tolerance
    let locator: any CellLocating
    var findings: [Finding] = []
    var current: ValidationRule?

    init(disclosure: Disclosure, set: TemplateSet, tolerance: Tolerance, locator: any CellLocating) {
        self.disclosure = disclosure
        self.set = set
        self.tolerance = tolerance
        self.locator = locator
    }

    // MARK: Reading

    /// The table's data when the disclosure has the table and the set knows it.
    func table(_ id: String) -> TableData? {
        guard set.table(id) != nil else { return nil }
        return disclosure.tables[id]
    }

    /// Whether every one of the tables is present.
    func has(_ ids: String...) -> Bool { ids.allSatisfy { table($0) != nil } }

    /// The row of a fixed key (an empty row when the table lacks it).
    func fixed(_ table: String, _ key: String) -> DataRow {
        self.table(table)?.row(key: key) ?? DataRow(key: key)
    }

    /// The row of a subject code (an empty row when the table lacks it).
    func subject(_ table: String, _ code: String) -> DataRow {
        self.table(table)?.row(code: code) ?? DataRow(code: code, name: "")
    }

    /// The 合计 row of a subject table.
    func total(_ table: String) -> DataRow {
        let key = set.table(table)?.totalLabel ?? "合计"
        return fixed(table, key)
    }

    /// The subject rows of a table, in the order given.
    func subjects(_ table: String) -> [DataRow] {
        (self.table(table)?.rows ?? []).filter { $0.key == nil && $0.code != nil }
    }

    /// The value of a term; nil for a blank cell.
    func value(_ term: Term) -> Amount? { term.row.values[term.column] }

    /// A term on a fixed row.
    func f(_ table: String, _ key: String, _ column: String) -> Term { Term(table: table, row: fixed(table, key), column: column) }
    /// A term on a subject row.
    func s(_ table: String, _ code: String, _ column: String) -> Term { Term(table: table, row: subject(table, code), column: column) }
    /// A term on the 合计 row.
    func t(_ table: String, _ column: String) -> Term { Term(table: table, row: total(table), column: column) }

    /// The keys of a fixed table's rows on one side, in template order.
    func fixedKeys(_ table: String, side: String) -> [String] {
        (set.table(table)?.rows ?? []).compactMap { $0.cells[side]?.key }
    }

    /// The expenditure class rows of a fixed table (those before `until`), with their 类 codes.
    func classRows(_ table: String, until: String) -> [(key: String, code: String?)] {
        var result: [(key: String, code: String?)] = []
        for row in set.table(table)?.rows ?? [] {
            guard let cell = row.cells["expenditure"] else { continue }
            if cell.key == until { break }
            result.append((cell.key, cell.code))
        }
        return result
    }

    // MARK: Naming

    func location(_ term: Term) -> CellLocation? {
        locator.reference(table: term.table, row: term.row, column: term.column)
    }

    /// The short title of a table (`收入总表`).
    func title(_ table: String) -> String {
        let full = set.table(table)?.title ?? table
        return full.hasPrefix("部门预算") ? String(full.dropFirst(4)) : full
    }

    /// The printed header of a column (`上年结转`).
    func columnLabel(_ term: Term) -> String {
        guard let template = set.table(term.table) else { return term.column }
        if template.kind == .fixed {
            var side: String?
            for row in template.rows ?? [] { for (s, cell) in row.cells where cell.key == term.row.key { side = s } }
            if let column = template.columns.first(where: { $0.field == term.column && $0.side == side }) {
                return column.label
            }
        }
        return template.columns.first { $0.field == term.column }?.label ?? term.column
    }

    /// `收入总表 2080109 社会保险经办机构 合计`.
    func describe(_ term: Term) -> String {
        let label = term.row.key != nil ? term.row.label : (term.row.code ?? "") + " " + (subject(term.table, term.row.code ?? "").name ?? "")
        let column = columnLabel(term)
        let showColumn = !(set.table(term.table)?.kind == .fixed && ["amount"].contains(term.column))
        return "\(title(term.table)) \(label.trimmingWhitespace)" + (showColumn ? " \(column)" : "")
    }

    // MARK: Reporting

    func report(_ finding: Finding) { findings.append(finding) }

    /// A finding of the current rule about `term`, reading `read`.
    func report(about term: Term, reading read: [Term], severity: Finding.Severity, kind: Finding.Kind,
                expected: String?, actual: String?, difference: Amount? = nil, message: String) {
        var cells: [CellLocation] = []
        for candidate in [term] + read {
            if let cell = location(candidate), !cells.contains(cell) { cells.append(cell) }
        }
        report(Finding(rule: current?.id ?? "?", severity: severity, kind: kind, table: term.table,
                       row: term.row.label, column: term.column, location: location(term), cells: cells,
                       expected: expected, actual: actual, difference: difference, message: message))
    }

    /// Checks `target = Σ addends`; `formula` names the addends in the message.
    func equal(_ target: Term, _ addends: [Term], formula: String? = nil) {
        check(target, addends, relation: "=", formula: formula) { actual, expected in actual == expected }
    }

    /// Checks, column by column, that a row of `table` is the sum of other rows.
    func rowIsSum(_ table: String, _ row: String, of rows: [String], columns: [String]) {
        for column in columns {
            equal(f(table, row, column), rows.map { f(table, $0, column) })
        }
    }

    /// Checks, row by row, that a column of `table` is the sum of other columns.
    func columnIsSum(_ table: String, _ column: String, of columns: [String], rows: [String]) {
        for row in rows {
            equal(f(table, row, column), columns.map { f(table, row, $0) })
        }
    }

    /// Checks `target ≥ Σ addends`.
    func atLeast(_ target: Term, _ addends: [Term], formula: String? = nil) {
        check(target, addends, relation: "≥", formula: formula) { actual, expected in actual >= expected }
    }

    /// Checks `target ≤ Σ addends`.
    func atMost(_ target: Term, _ addends: [Term], formula: String? = nil) {
        check(target, addends, relation: "≤", formula: formula) { actual, expected in actual <= expected }
    }

    /// Compares `target` with the sum of the addends present; reports when `holds` is false.
    private func check(_ target: Term, _ addends: [Term], relation: String, formula: String?,
                       holds: (Amount, Amount) -> Bool) {
        guard has(target.table), addends.allSatisfy({ has($0.table) }) else { return }
        let present = addends.compactMap(value)
        let expected = present.reduce(Amount.zero, +)
        let actual = value(target) ?? .zero
        guard !holds(actual, expected) else { return }
        compare(target, addends, expected: expected, actual: actual, count: present.count, relation: relation,
                formula: formula ?? addends.map(describe).joined(separator: " + "))
    }

    private func compare(_ target: Term, _ addends: [Term], expected: Amount, actual: Amount, count: Int,
                         relation: String, formula: String) {
        let difference = actual - expected
        let rounding = difference.magnitude <= tolerance.allowance(addends: count)
        let soft = current?.soft ?? false
        let severity: Finding.Severity = soft || rounding ? .warning : .error
        let kind: Finding.Kind = rounding ? .rounding : .mismatch
        let tail = rounding ? "，尾差" : ""
        let message = "\(describe(target)) \(actual.displayText) 应 \(relation) \(formula) = \(expected.displayText)（差 \(difference.displayText)\(tail)）"
        report(about: target, reading: addends, severity: severity, kind: kind,
               expected: expected.displayText, actual: actual.displayText, difference: difference, message: message)
    }
}
