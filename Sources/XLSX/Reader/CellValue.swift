/// The value of a cell as read from a workbook.
public enum CellValue: Hashable, Sendable {
    /// Text, from the shared-string table, an inline string or a formula's string result.
    case string(String)
    /// A number: `text` is the shortest plain decimal that reads back as `double` (`966.06`, `0.00001`).
    case number(text: String, double: Double)
    /// `TRUE` or `FALSE`.
    case boolean(Bool)
    /// An error value such as `#DIV/0!` or `#N/A`.
    case error(String)
    /// A number shown through a date or time format: ISO 8601 text (`2024-12-31`, `2024-12-31T08:30:00`,
    /// `08:30:00`) and the serial number as plain decimal text (`45657`).
    case date(iso: String, serial: String)
    /// A formula whose result was never calculated and stored (no cached value in the file).
    case formulaWithoutCachedValue

    /// The name of the kind of value: `string`, `number`, `boolean`, `error`, `date` or `formula`.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .boolean: "boolean"
        case .error: "error"
        case .date: "date"
        case .formulaWithoutCachedValue: "formula"
        }
    }

    /// The value as text, the way the dump shows it (`TRUE`/`FALSE` for booleans, ISO text for dates,
    /// an empty string for a formula without cached value).
    public var text: String {
        switch self {
        case .string(let s): s
        case .number(let text, _): text
        case .boolean(let b): b ? "TRUE" : "FALSE"
        case .error(let e): e
        case .date(let iso, _): iso
        case .formulaWithoutCachedValue: ""
        }
    }
}

/// One non-empty cell: where it is, what it holds and the formula that produced it.
public struct Cell: Hashable, Sendable {
    // The stored properties are declared in this order, and the optionals spelled `Optional<…>` (which
    // gets no implicit `nil`), so that the synthesised memberwise initialiser differs from the public
    // one below and both exist: a cell built through the memberwise one is moved into an array, one
    // built through a hand-written initialiser was copied once more on the reader's hot path.

    /// The cell's position.
    public var reference: CellReference
    /// The formula text without the leading `=`, when the cell has its own formula text.
    public var formula: Optional<String>
    /// The value (for a formula, its cached result).
    public var value: CellValue
    /// For a cell that shares the formula of another cell (`<f t="shared" si="0"/>`), the cell
    /// holding the formula text; the formula applies there with relative references shifted.
    public var sharedFormulaMaster: Optional<CellReference>
}

extension Cell {
    /// Creates a cell.
    public init(reference: CellReference, value: CellValue, formula: String? = nil,
                sharedFormulaMaster: CellReference? = nil) {
        self.init(reference: reference, formula: formula, value: value, sharedFormulaMaster: sharedFormulaMaster)
    }
}

/// Whether a sheet's tab is shown in Excel.
public enum SheetState: String, Hashable, Sendable {
    /// The tab is shown.
    case visible
    /// The tab is hidden; the user can unhide it.
    case hidden
    /// The tab is hidden and can only be shown again through VBA.
    case veryHidden
}

/// A sheet as listed in the workbook, in tab order.
public struct SheetInfo: Hashable, Sendable {
    /// The name on the tab.
    public var name: String
    /// Zero-based position in tab order.
    public var index: Int
    /// Whether the tab is shown.
    public var state: SheetState
    /// The package part holding the sheet, e.g. `xl/worksheets/sheet1.xml`.
    public var partName: String
}

/// All non-empty cells and merged ranges of one sheet.
public struct SheetData: Hashable, Sendable {
    /// The sheet these cells come from.
    public var info: SheetInfo
    /// Non-empty cells in row-major order (as stored in the file).
    public var cells: [Cell]
    /// Merged ranges, in file order.
    public var merges: [CellRange]

    /// The sheet's name.
    public var name: String { info.name }

    /// The cell at a reference, if it is non-empty (a linear search).
    public func cell(at reference: CellReference) -> Cell? {
        cells.first { $0.reference == reference }
    }

    /// The cell at an A1 reference such as `B3`, if it is non-empty; nil also for a malformed reference.
    public subscript(_ a1: String) -> Cell? {
        guard let reference = try? CellReference(a1) else { return nil }
        return cell(at: reference)
    }
}

/// One row handed to `XLSXReader.forEachRow`.
///
/// The reader refills the same cell storage for every row; keeping `cells` past the call is safe
/// (arrays copy on write) but costs the reader a fresh allocation for the next row.
public struct RowView: Sendable {
    /// Zero-based row index (row 1 in Excel is 0).
    public var index: Int
    /// The row's non-empty cells, left to right as stored.
    public var cells: [Cell]
}
