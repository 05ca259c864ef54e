/// One consistency rule (勾稽关系) of the catalogue: its id, what it says in
/// Chinese and English, how serious a failure is, what it reads, and the check.
public struct ValidationRule: Sendable {
    /// A table and the columns of it that a rule reads.
    public struct Reads: Sendable, Equatable, CustomStringConvertible {
        /// The table id.
        public var table: String
        /// The column keys.
        public var columns: [String]
        /// Creates a read.
        public init(_ table: String, _ columns: [String]) {
            self.table = table
            self.columns = columns
        }
        /// `revenue(total, subtotal)`.
        public var description: String { "\(table)(\(columns.joined(separator: ", ")))" }
    }

    /// The stable id (`T2-1`, `X-11`), as in DOMAIN.md.
    public let id: String
    /// The severity of a failure beyond rounding: error, or warning for a soft rule.
    public let severity: Finding.Severity
    /// One line in Chinese.
    public let chinese: String
    /// One line in English.
    public let english: String
    /// The tables and columns the rule reads.
    public let reads: [Reads]
    /// The check itself.
    let check: @Sendable (RuleContext) -> Void

    /// A soft rule: a typical pattern, not an identity; findings are warnings.
    public var soft: Bool { severity == .warning }

    init(_ id: String, _ severity: Finding.Severity = .error, zh chinese: String, en english: String, reads: [Reads],
         check: @escaping @Sendable (RuleContext) -> Void) {
        self.id = id
        self.severity = severity
        self.chinese = chinese
        self.english = english
        self.reads = reads
        self.check = check
    }

    /// The rule of an id.
    public static func rule(_ id: String) -> ValidationRule? { catalogue.first { $0.id == id } }
}
