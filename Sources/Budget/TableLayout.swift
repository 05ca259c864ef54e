import XLSX

/// Where everything of one table sits on its sheet, computed from the template.
///
/// The header's merged ranges come from the label tree: a label spans right
/// over the columns of its sub-headers, and a label without sub-headers
/// spans down to the last header row. Nothing is listed by hand.
public struct TableLayout: Sendable {
    /// A header label placed on the sheet.
    public struct HeaderCell: Sendable, Equatable {
        /// The label.
        public var label: String
        /// The cells it covers (a single cell when not merged).
        public var range: CellRange
        /// Whether it covers more than one cell.
        public var isMerged: Bool { range.first != range.last }
    }

    /// The template laid out.
    public let template: TableTemplate
    /// The columns, left to right (the header's leaves).
    public let columns: [HeaderNode]
    /// Row of the title.
    public let titleRow = 0
    /// Row of the unit / year / money-unit line.
    public let infoRow = 1
    /// First header row.
    public let headerFirstRow = 2
    /// Number of header rows.
    public let headerDepth: Int
    /// Every header label with its range.
    public let headerCells: [HeaderCell]
    /// The 栏次 numbers by column (nil for the 序号 column, which shows `栏次`).
    public let columnNumbers: [Int?]

    /// Lays out a template.
    public init(_ template: TableTemplate) {
        self.template = template
        columns = template.columns
        let depth = template.header.map(\.depth).max() ?? 1
        headerDepth = depth
        var cells: [HeaderCell] = []
        var column = 0
        func place(_ node: HeaderNode, level: Int) {
            let width = node.leaves.count
            let first = column
            if let children = node.children, !children.isEmpty {
                let range = CellRange(CellReference(uncheckedRow: 2 + level, column: first),
                                      CellReference(uncheckedRow: 2 + level, column: first + width - 1))
                cells.append(HeaderCell(label: node.label, range: range))
                for child in children { place(child, level: level + 1) }
            } else {
                let range = CellRange(CellReference(uncheckedRow: 2 + level, column: first),
                                      CellReference(uncheckedRow: 2 + depth - 1, column: first))
                cells.append(HeaderCell(label: node.label, range: range))
                column += 1
            }
        }
        for node in template.header { place(node, level: 0) }
        headerCells = cells
        var next = 0
        columnNumbers = columns.map { leaf in
            if leaf.field == "index" { return nil }
            next += 1
            return next
        }
    }

    /// Row of the 栏次 numbers.
    public var numberRow: Int { headerFirstRow + headerDepth }
    /// First body row.
    public var bodyFirstRow: Int { numberRow + 1 }
    /// Last column index.
    public var lastColumn: Int { columns.count - 1 }
    /// The column filled by a field (on a side, for fixed tables).
    public func column(field: String, side: String? = nil) -> Int? {
        columns.firstIndex { $0.field == field && $0.side == side }
    }
    /// The 序号 column.
    public var indexColumn: Int? { columns.firstIndex { $0.field == "index" } }

    /// The header as a grid of rows, with `·` for cells covered by a merge —
    /// the notation of the published grids.
    public var headerGrid: [[String]] {
        var grid = Array(repeating: Array(repeating: "·", count: columns.count), count: headerDepth)
        for cell in headerCells {
            grid[cell.range.first.row - headerFirstRow][cell.range.first.column] = cell.label
        }
        return grid
    }

    /// The 栏次 row as printed (`栏次 | 1 | 2 | …`).
    public var numberRowTexts: [String] { columnNumbers.map { $0.map(String.init) ?? "栏次" } }

    /// The three parts of the unit line and the columns each spans:
    /// the unit at the left, the year in the middle, the money unit at the right.
    public var infoSpans: (left: ClosedRange<Int>, middle: ClosedRange<Int>?, right: ClosedRange<Int>) {
        let n = columns.count
        if n < 3 { return (0...0, nil, (n - 1)...(n - 1)) }
        let side = max(1, n / 3)
        let leftEnd = max(side - 1, 1 < n - 2 ? 1 : 0)
        let rightStart = n - side
        if rightStart - 1 < leftEnd + 1 { return (0...leftEnd, nil, (leftEnd + 1)...(n - 1)) }
        return (0...leftEnd, (leftEnd + 1)...(rightStart - 1), rightStart...(n - 1))
    }
}
