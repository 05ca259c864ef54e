import XLSX

/// Writes one table on its sheet: title, unit line, header, 栏次, body, 注,
/// column widths from the text, row heights that fit wrapped text, and the
/// print setup (A4 landscape, header rows repeated, one page wide).
struct SheetWriter {
    let sheet: Worksheet
    let layout: TableLayout
    let styles: SheetStyles
    let disclosure: Disclosure
    /// Findings to show, by cell.
    var marks: [CellReference: CellMark] = [:]

    func write(body: [BodyRow], note: String?) throws {
        let widths = columnWidths(body: body)
        for (column, width) in widths.enumerated() {
            try sheet.setColumnWidth(width, columns: column...column)
        }
        let last = layout.lastColumn
        func span(_ row: Int, _ columns: ClosedRange<Int>) -> CellRange {
            CellRange(CellReference(uncheckedRow: row, column: columns.lowerBound),
                      CellReference(uncheckedRow: row, column: columns.upperBound))
        }
        func put(_ text: String, _ row: Int, _ columns: ClosedRange<Int>, _ style: Style) throws {
            if columns.count > 1 {
                try sheet.merge(span(row, columns), text: text, style: style)
            } else {
                try sheet.write(text, row: row, column: columns.lowerBound, style: style)
            }
        }

        try put(layout.template.title, layout.titleRow, 0...last, styles.title)
        try sheet.setRowHeight(30, row: layout.titleRow)
        let info = layout.infoSpans
        try put("\(disclosure.unit.code) \(disclosure.unit.name)", layout.infoRow, info.left, styles.infoLeft)
        if let middle = info.middle {
            try put("预算年度：\(disclosure.year)", layout.infoRow, middle, styles.infoMiddle)
            try put("单位：\(disclosure.moneyUnit)", layout.infoRow, info.right, styles.infoRight)
        } else {
            try put("预算年度：\(disclosure.year)  单位：\(disclosure.moneyUnit)", layout.infoRow, info.right, styles.infoRight)
        }
        try sheet.setRowHeight(20, row: layout.infoRow)

        for cell in layout.headerCells {
            if cell.isMerged {
                try sheet.merge(cell.range, text: cell.label, style: styles.header)
            } else {
                try sheet.write(cell.label, row: cell.range.first.row, column: cell.range.first.column, style: styles.header)
            }
        }
        for (row, height) in headerRowHeights(widths: widths).enumerated() {
            try sheet.setRowHeight(height, row: layout.headerFirstRow + row)
        }
        for (column, text) in layout.numberRowTexts.enumerated() {
            if let number = layout.columnNumbers[column] {
                try sheet.write(Double(number), row: layout.numberRow, column: column, style: styles.number)
            } else {
                try sheet.write(text, row: layout.numberRow, column: column, style: styles.number)
            }
        }

        var row = layout.bodyFirstRow
        var unplaced = marks
        let blankStyles = layout.columns.map { $0.isValue ? styles.amount : styles.text }
        for bodyRow in body {
            var lines = 1
            for (column, cell) in bodyRow.cells.enumerated() {
                if !unplaced.isEmpty, let mark = unplaced.removeValue(forKey: CellReference(uncheckedRow: row, column: column)) {
                    let style = try styles.marked(cell, mark.severity)
                    switch cell {
                    case .empty: try sheet.writeBlank(row: row, column: column, style: style)
                    case .index(let n): try sheet.write(Double(n), row: row, column: column, style: style)
                    case .code(let text), .text(let text, _): try sheet.write(text, row: row, column: column, style: style)
                    case .amount(let amount): try sheet.write(amount.doubleValue, row: row, column: column, style: style)
                    }
                    try sheet.writeComment(mark.comment, row: row, column: column, author: "budgetxlsx")
                    continue
                }
                switch cell {
                case .empty:
                    try sheet.writeBlank(row: row, column: column, style: blankStyles[column])
                case .index(let n):
                    try sheet.write(Double(n), row: row, column: column, style: styles.index)
                case .code(let code):
                    try sheet.write(code, row: row, column: column, style: styles.code)
                case .text(let text, let level):
                    try sheet.write(text, row: row, column: column, style: styles.names[min(level, 2)])
                    lines = max(lines, Self.lines(TextWidth.of(text) + 2 * level, in: widths[column]))
                case .amount(let amount):
                    try sheet.write(amount.doubleValue, row: row, column: column, style: styles.amount)
                }
            }
            if lines > 1 { try sheet.setRowHeight(Double(lines) * SheetStyles.lineHeight + 4, row: row) }
            row += 1
        }

        if let note, !note.isEmpty {
            let noteRow = row + 1
            try put(note, noteRow, 0...last, styles.note)
            let total = widths.reduce(0, +)
            try sheet.setRowHeight(Double(Self.lines(TextWidth.of(note), in: total)) * SheetStyles.lineHeight + 6, row: noteRow)
        }

        for mark in unplaced.values.sorted(by: { $0.cell < $1.cell }) {
            try sheet.writeComment(mark.comment, row: mark.cell.row, column: mark.cell.column, author: "budgetxlsx")
        }

        try sheet.freezePanes(row: layout.bodyFirstRow, column: 0)
        try sheet.setPageSetup(.disclosureTable(landscape: true, repeatRows: layout.titleRow...layout.numberRow))
    }

    /// Column widths: wide enough for the body text and amounts and the
    /// template's minimum, within its maximum (longer text wraps); a header
    /// label may wrap onto two lines.
    func columnWidths(body: [BodyRow]) -> [Double] {
        var content = layout.columns.map { leaf -> Int in
            let label = TextWidth.of(leaf.label)
            return (label + 1) / 2 + 1
        }
        for row in body {
            for (column, cell) in row.cells.enumerated() {
                let width: Int
                switch cell {
                case .empty: continue
                case .index(let n): width = String(n).count
                case .code(let code): width = TextWidth.of(code)
                case .text(let text, let level): width = TextWidth.of(text) + 2 * level
                case .amount(let amount): width = Self.displayWidth(of: amount)
                }
                content[column] = max(content[column], width)
            }
        }
        return zip(layout.columns, content).map { leaf, width in
            var result = Double(width + 2)
            if let minimum = leaf.minWidth { result = max(result, minimum) }
            if let maximum = leaf.maxWidth { result = min(result, maximum) }
            return result
        }
    }

    /// Header row heights that fit each label's wrapped lines.
    func headerRowHeights(widths: [Double]) -> [Double] {
        var heights = Array(repeating: 20.0, count: layout.headerDepth)
        for cell in layout.headerCells {
            let width = widths[cell.range.first.column...cell.range.last.column].reduce(0, +)
            let needed = Double(Self.lines(TextWidth.of(cell.label), in: width)) * SheetStyles.lineHeight + 6
            let rows = (cell.range.first.row - layout.headerFirstRow)...(cell.range.last.row - layout.headerFirstRow)
            let have = rows.map { heights[$0] }.reduce(0, +)
            if needed > have { heights[rows.upperBound] += needed - have }
        }
        return heights
    }

    /// Lines that text of a width takes in a column (one line at least).
    static func lines(_ textWidth: Int, in columnWidth: Double) -> Int {
        let usable = max(1.0, columnWidth - 1)
        return max(1, Int((Double(textWidth) / usable).rounded(.up)))
    }

    /// Width of an amount shown as `#,##0.00`.
    static func displayWidth(of amount: Amount) -> Int {
        let digits = String(amount.roundedToCents.significand.magnitude / 100).count
        return digits + (digits - 1) / 3 + 3 + (amount.significand < 0 ? 1 : 0)
    }
}
