import XLSX

/// A cell of a workbook: its sheet and its zero-based position.
public struct CellLocation: Sendable, Hashable, CustomStringConvertible {
    /// The worksheet name.
    public var sheet: String
    /// The cell on that sheet.
    public var cell: CellReference

    /// Creates a location.
    public init(sheet: String, cell: CellReference) {
        self.sheet = sheet
        self.cell = cell
    }

    /// `部门预算收入总表!D7`.
    public var description: String { "\(sheet)!\(cell)" }
    /// The target of an internal hyperlink: `'部门预算收入总表'!D7`.
    public var linkTarget: String { "\(SheetName.quoted(sheet))!\(cell)" }
}

/// Names the workbook cell of a value, so findings can point at cells.
///
/// `SheetMap` answers for the workbook `WorkbookGenerator` writes from a
/// model; a workbook importer answers for the cells of the workbook it read.
public protocol CellLocating {
    /// The cell holding column `column` of `row` in table `table`; nil when the value has no cell.
    func reference(table: String, row: DataRow, column: String) -> CellLocation?
    /// The cell of the 注 under table `table`; nil when there is none.
    func noteReference(table: String) -> CellLocation?
    /// The sheet name of table `table`; nil when the table has no sheet.
    func sheetName(table: String) -> String?
}

extension CellLocating {
    /// No note cell unless the locator knows one.
    public func noteReference(table: String) -> CellLocation? { nil }
    /// No sheet unless the locator knows one.
    public func sheetName(table: String) -> String? { nil }
}

extension SheetMap: CellLocating {
    /// The cell of a value in the generated workbook.
    public func reference(table: String, row: DataRow, column: String) -> CellLocation? {
        guard let placed = tables[table], let cell = placed.position(of: row, column: column) else { return nil }
        return CellLocation(sheet: placed.sheetName, cell: cell)
    }

    /// The first cell of the 注 row under a table in the generated workbook.
    public func noteReference(table: String) -> CellLocation? {
        guard let placed = tables[table] else { return nil }
        return CellLocation(sheet: placed.sheetName, cell: CellReference(uncheckedRow: placed.noteRow, column: 0))
    }

    /// The sheet of a table in the generated workbook.
    public func sheetName(table: String) -> String? { tables[table]?.sheetName }
}

/// A locator that knows no cells, for validating a model on its own.
public struct NoCellLocator: CellLocating {
    /// Creates the locator.
    public init() {}
    /// Always nil.
    public func reference(table: String, row: DataRow, column: String) -> CellLocation? { nil }
}
