/// A cell position, zero-based, within Excel's grid of 1,048,576 rows × 16,384 columns.
public struct CellReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Excel's number of rows.
    public static let maxRows = 1_048_576
    /// Excel's number of columns (XFD).
    public static let maxColumns = 16_384

    /// Zero-based row (row 1 in Excel is 0).
    public var row: Int
    /// Zero-based column (column A is 0).
    public var column: Int

    /// Creates a reference; throws when it lies outside Excel's grid.
    public init(row: Int, column: Int) throws {
        guard (0..<Self.maxRows).contains(row), (0..<Self.maxColumns).contains(column) else {
            throw XLSXError(.invalidCellReference,
                            "cell (row \(row + 1), column \(column + 1)) is outside Excel's grid of 1048576 rows × 16384 columns")
        }
        self.row = row
        self.column = column
    }

    /// Creates a reference without checking; for positions already known to be in the grid.
    public init(uncheckedRow row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses an A1 reference such as `B3` or `$B$3`; throws for anything else.
    public init(_ text: String) throws {
        var parsed: (Int, Int)?
        var copy = text
        copy.withUTF8 { parsed = Self.parse($0) }
        guard let (row, column) = parsed else {
            throw XLSXError(.invalidCellReference, "\"\(text)\" is not a cell reference inside A1:XFD1048576")
        }
        self.row = row
        self.column = column
    }

    /// Parses A1 bytes into zero-based (row, column); nil when malformed or outside the grid.
    @inline(__always)
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (row: Int, column: Int)? {
        guard let base = bytes.baseAddress, let (row, column, length) = scan(base, limit: bytes.count),
              length == bytes.count else { return nil }
        return (row, column)
    }

    /// Parses a NUL-terminated A1 reference (an XML attribute value) in one pass, without measuring it first.
    @inline(__always)
    static func parse(cString text: UnsafePointer<CChar>) -> (row: Int, column: Int)? {
        guard let (row, column, _) = scan(UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), limit: .max)
        else { return nil }
        return (row, column)
    }

    /// Reads `$A$1` from `start` up to `limit` bytes or a NUL, whichever comes first: up to three
    /// letters (either case), then up to seven digits, the grid bounds checked last. Returns the
    /// zero-based position and the bytes read, or nil when what stands there is no reference.
    @inline(__always)
    private static func scan(_ start: UnsafePointer<UInt8>, limit: Int) -> (row: Int, column: Int, length: Int)? {
        var p = start
        var left = limit
        @inline(__always) func peek() -> UInt8 { left > 0 ? p.pointee : 0 }
        @inline(__always) func advance() { p += 1; left -= 1 }
        if peek() == UInt8(ascii: "$") { advance() }
        var column = 0
        var letters = 0
        while letters < 4 {
            let letter = (peek() | 0x20) &- UInt8(ascii: "a")
            guard letter < 26 else { break }
            column = column &* 26 &+ Int(letter) &+ 1
            letters += 1
            advance()
        }
        guard letters > 0, letters <= 3, column <= maxColumns else { return nil }
        if peek() == UInt8(ascii: "$") { advance() }
        var row = 0
        var digits = 0
        while peek() != 0 {
            let digit = peek() &- 48
            guard digit < 10, digits < 7 else { return nil }
            row = row &* 10 &+ Int(digit)
            digits += 1
            advance()
        }
        guard digits > 0, row >= 1, row <= maxRows else { return nil }
        return (row - 1, column - 1, p - start)
    }

    /// The column letters of a zero-based column index (0 → `A`, 16383 → `XFD`).
    public static func columnName(_ column: Int) -> String {
        var n = column + 1
        var scalars: [Unicode.Scalar] = []
        while n > 0 {
            let rem = (n - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + rem)))
            n = (n - 1) / 26
        }
        var name = ""
        for scalar in scalars.reversed() { name.unicodeScalars.append(scalar) }
        return name
    }

    /// The A1 form, e.g. `D7`.
    public var description: String { Self.columnName(column) + String(row + 1) }

    public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}

/// A rectangular range of cells such as `A1:H1`.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    /// Top-left cell.
    public var first: CellReference
    /// Bottom-right cell.
    public var last: CellReference

    /// Creates a range from its corners (normalised so that `first` is top-left).
    public init(_ a: CellReference, _ b: CellReference) {
        first = CellReference(uncheckedRow: min(a.row, b.row), column: min(a.column, b.column))
        last = CellReference(uncheckedRow: max(a.row, b.row), column: max(a.column, b.column))
    }

    /// Parses `A1:H1` (or a single cell `A1`); throws when malformed.
    public init(_ text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else {
            throw XLSXError(.invalidCellReference, "\"\(text)\" is not a cell range")
        }
        let a = try CellReference(String(parts[0]))
        let b = parts.count == 2 ? try CellReference(String(parts[1])) : a
        self.init(a, b)
    }

    /// Whether the range contains a cell.
    public func contains(_ cell: CellReference) -> Bool {
        (first.row...last.row).contains(cell.row) && (first.column...last.column).contains(cell.column)
    }

    public var description: String {
        first == last ? first.description : "\(first):\(last)"
    }
}
