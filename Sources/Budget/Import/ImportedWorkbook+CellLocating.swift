import XLSX

extension ImportedWorkbook: CellLocating {
    /// The cell of a value in the workbook that was read.
    public func reference(table: String, row: DataRow, column: String) -> CellLocation? {
        guard let placement = placements[table], let cell = placement.position(of: row, column: column) else { return nil }
        return CellLocation(sheet: placement.sheetName, cell: cell)
    }

    /// The 注 under a table as found, or the row where it belongs (one blank row below the body).
    public func noteReference(table: String) -> CellLocation? {
        guard let placement = placements[table] else { return nil }
        let layout = TableLayout(placement.template)
        let lastBody = placement.rowOfIdentity.values.max() ?? (placement.titleRow + layout.bodyFirstRow - 1)
        return CellLocation(sheet: placement.sheetName,
                            cell: CellReference(uncheckedRow: placement.noteRow ?? lastBody + 2, column: 0))
    }

    /// The sheet the table was found on.
    public func sheetName(table: String) -> String? { placements[table]?.sheetName }
}
