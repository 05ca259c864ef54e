/// The one error type of the budget layer: what could not be done, and where.
///
/// `message` names the file, the JSON field (`tables.revenue.rows[3].values.total`),
/// the template id, or the workbook cell (`部门预算收入总表!H4`) concerned.
public struct BudgetError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is; stable for tests and callers.
    public enum Code: String, Sendable, Equatable {
        /// The input JSON is malformed or a field has the wrong type.
        case invalidJSON
        /// The data does not fit its template (unknown table, row or column; malformed code; missing fixed row).
        case invalidData
        /// A template file is missing or malformed, or a template set is unknown.
        case invalidTemplate
        /// A workbook does not match the templates (title, header, unknown row label, non-numeric amount).
        case importMismatch
        /// A file could not be read or written.
        case io
    }

    /// What kind of failure this is.
    public var code: Code
    /// A sentence saying what failed and where.
    public var message: String
    /// The underlying error's description, when there is one.
    public var cause: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        if let cause { return "\(message) (\(cause))" }
        return message
    }
}
