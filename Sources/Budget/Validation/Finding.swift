/// One thing a validation found: which rule, how serious, where, and the
/// numbers. Findings are diagnostics, not errors: a report collects them all.
public struct Finding: Sendable, Equatable {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
        /// A rule is broken beyond the rounding of its amounts.
        case error
        /// A difference within rounding (尾差), or a soft rule not met.
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    /// What sort of finding it is.
    public enum Kind: String, Sendable, Codable {
        /// Two amounts that should agree do not.
        case mismatch
        /// Two amounts differ by no more than the rounding of the addends (尾差).
        case rounding
        /// Something about codes, names, notes or the presence of tables.
        case structure
    }

    /// The rule id (`T2-1`).
    public var rule: String
    /// Error or warning.
    public var severity: Severity
    /// Mismatch, rounding or structure.
    public var kind: Kind
    /// The table id of the cell the finding is about (`revenue`).
    public var table: String
    /// The row the finding is about, as printed (`2080109 社会保险经办机构`, `本年收入合计`).
    public var row: String?
    /// The column key the finding is about (`total`).
    public var column: String?
    /// The cell the finding is about, when it has one.
    public var location: CellLocation?
    /// Every cell the rule read to reach the finding (the finding's own cell first).
    public var cells: [CellLocation]
    /// What the cell should hold: an amount as decimal text, or a code or name.
    public var expected: String?
    /// What the cell holds.
    public var actual: String?
    /// `actual − expected`, for amounts.
    public var difference: Amount?
    /// One line saying what is wrong, in the language of the tables.
    public var message: String

    /// Creates a finding.
    public init(rule: String, severity: Severity, kind: Kind, table: String, row: String? = nil, column: String? = nil,
                location: CellLocation? = nil, cells: [CellLocation] = [], expected: String? = nil,
                actual: String? = nil, difference: Amount? = nil, message: String) {
        self.rule = rule
        self.severity = severity
        self.kind = kind
        self.table = table
        self.row = row
        self.column = column
        self.location = location
        self.cells = cells
        self.expected = expected
        self.actual = actual
        self.difference = difference
        self.message = message
    }

    /// The cell as `Sheet!D7`, or nil.
    public var cellText: String? { location?.description }
}

/// How far apart two amounts may be and still count as rounding (尾差).
///
/// Published amounts are rounded row by row, so a total and the sum of its
/// rounded addends may differ by up to half a unit of the last decimal per
/// addend. A difference within `max(minimum, perAddend × addends)` is a
/// warning; anything larger is an error; exact agreement is silent.
public struct Tolerance: Sendable, Equatable {
    /// Allowance per addend that has a value (half of 0.01).
    public var perAddend: Amount
    /// The smallest allowance, whatever the number of addends.
    public var minimum: Amount

    /// Creates a tolerance.
    public init(perAddend: Amount = Amount(significand: 5, scale: 3), minimum: Amount = Amount(significand: 1, scale: 2)) {
        self.perAddend = perAddend
        self.minimum = minimum
    }

    /// 0.005 per addend, at least 0.01.
    public static let `default` = Tolerance()

    /// The allowance for a roll-up of `units` units, whose printed amounts each
    /// carry up to `units` rounding tails: both figures multiplied.
    public func widened(for units: Int) -> Tolerance {
        guard units > 1 else { return self }
        func times(_ a: Amount) -> Amount { Amount(significand: a.significand * Int64(units), scale: a.scale) }
        return Tolerance(perAddend: times(perAddend), minimum: times(minimum))
    }

    /// The allowance for a sum of `addends` values.
    public func allowance(addends: Int) -> Amount {
        var total = Amount(significand: 0, scale: perAddend.scale)
        for _ in 0..<max(addends, 1) { total += perAddend }
        return max(total, minimum)
    }
}

/// Everything a validation found, in rule order.
public struct ValidationReport: Sendable, Equatable {
    /// The findings: rule catalogue order, then table order within a rule.
    public var findings: [Finding]
    /// The ids of the rules that were run.
    public var rulesRun: [String]

    /// Creates a report.
    public init(findings: [Finding], rulesRun: [String]) {
        self.findings = findings
        self.rulesRun = rulesRun
    }

    /// The findings of severity error.
    public var errors: [Finding] { findings.filter { $0.severity == .error } }
    /// The findings of severity warning.
    public var warnings: [Finding] { findings.filter { $0.severity == .warning } }
    /// Whether any finding is an error.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}
