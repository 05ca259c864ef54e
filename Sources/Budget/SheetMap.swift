import XLSX

/// Where each amount of a disclosure sits in the workbook that `WorkbookGenerator`
/// makes from it: the sheet of each table and the cell of each (row, column).
///
/// Validation findings and change lists use it to name cells
/// (`部门预算收入总表!D7`) for a model that came from JSON.
public struct SheetMap: Sendable {
    /// One table's placement.
    public struct Table: Sendable {
        /// The table's template.
        public let template: TableTemplate
        /// Its layout.
        public let layout: TableLayout
        /// The sheet name.
        public let sheetName: String
        /// Sheet row of each data row, by row identity (`key:<key>` or `code:<code>`).
        public let rowOfIdentity: [String: Int]
        /// Sheet row of the 注 under the table (whether or not one is printed).
        public let noteRow: Int

        /// The zero-based (row, column) of a value; nil when the row or column is not in the table.
        /// The column `label` of a fixed row is the row's label cell on its side.
        public func position(of row: DataRow, column field: String) -> CellReference? {
            guard let sheetRow = rowOfIdentity[SheetMap.identity(of: row)] else { return nil }
            let side = template.kind == .fixed ? self.side(ofKey: row.key) : nil
            guard let column = layout.column(field: field, side: side) else { return nil }
            return CellReference(uncheckedRow: sheetRow, column: column)
        }

        /// The side of a fixed row key.
        public func side(ofKey key: String?) -> String? {
            guard let key else { return nil }
            for fixed in template.rows ?? [] {
                for (side, cell) in fixed.cells where cell.key == key { return side }
            }
            return nil
        }

        /// `Sheet!A1` of a value, or `Sheet` alone when it has no cell.
        public func reference(of row: DataRow, column field: String) -> String {
            guard let cell = position(of: row, column: field) else { return sheetName }
            return "\(sheetName)!\(cell)"
        }
    }

    /// `Sheet!A1` of a value of a table, when the table and row are present.
    public func a1Reference(table: String, row: DataRow, column: String) -> String? {
        guard let placed = tables[table], let cell = placed.position(of: row, column: column) else { return nil }
        return "\(placed.sheetName)!\(cell)"
    }

    /// The tables in workbook order, by table id.
    public let tables: [String: Table]

    /// The identity of a row within its table.
    public static func identity(of row: DataRow) -> String {
        if let code = row.code { return "code:" + code }
        return "key:" + (row.key ?? "")
    }

    /// Computes the placement of every table of `disclosure` (using sheet names as `WorkbookGenerator` does).
    public init(disclosure: Disclosure, set: TemplateSet) {
        let present = set.tables.filter { disclosure.tables[$0.id] != nil }
        let names = WorkbookGenerator.sheetNames(for: present)
        var tables: [String: Table] = [:]
        for (template, name) in zip(present, names) {
            let layout = TableLayout(template)
            var rows: [String: Int] = [:]
            var bodyCount = 0
            let data = disclosure.tables[template.id] ?? TableData()
            switch template.kind {
            case .fixed:
                for (i, fixed) in (template.rows ?? []).enumerated() {
                    for cell in fixed.cells.values { rows["key:" + cell.key] = layout.bodyFirstRow + i }
                }
                bodyCount = template.rows?.count ?? 0
            case .subjects:
                for (i, row) in BodyBuilder.ordered(data.rows).enumerated() {
                    rows[Self.identity(of: row)] = layout.bodyFirstRow + i
                }
                bodyCount = data.rows.count
            }
            tables[template.id] = Table(template: template, layout: layout, sheetName: name, rowOfIdentity: rows,
                                       noteRow: layout.bodyFirstRow + bodyCount + 1)
        }
        self.tables = tables
    }
}
