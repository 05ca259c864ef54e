/// The one error type of the XLSX layer: what failed, and where.
///
/// `message` names the file, the sheet and the cell where they are known
/// (`部门预算收入总表!D7`); `cause` carries the C library's own text
/// (`lxw_strerror`, `zip_error_strerror`, `XML_ErrorString`).
public struct XLSXError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is; stable for tests and callers.
    public enum Code: String, Sendable, Equatable {
        /// The file could not be created, opened, renamed or removed.
        case io
        /// A sheet name breaks Excel's rules (length, characters, uniqueness).
        case invalidSheetName
        /// A row or column lies outside 1,048,576 × 16,384, or a reference is malformed.
        case invalidCellReference
        /// A string is longer than Excel allows in a cell (32,767 characters).
        case stringTooLong
        /// Any other failure reported by libxlsxwriter.
        case writer
        /// The file is not an XLSX package (not a zip, an old .xls, an .ods, encrypted...).
        case notXLSX
        /// The file is a password-protected (encrypted) workbook.
        case encrypted
        /// The package is damaged: a required part or relationship is missing or malformed.
        case damaged
        /// A limit against hostile files was exceeded.
        case limitExceeded
        /// The XML of a part is not well-formed or uses forbidden constructs (DTDs, entities).
        case malformedXML
        /// A requested sheet does not exist.
        case noSuchSheet
        /// An API was used out of order (writing to a closed workbook...).
        case misuse
    }

    /// What kind of failure this is.
    public var code: Code
    /// A sentence saying what failed and where.
    public var message: String
    /// The underlying library's own description, when there is one.
    public var cause: String?

    /// Creates an error with a code, a message and an optional underlying cause.
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
