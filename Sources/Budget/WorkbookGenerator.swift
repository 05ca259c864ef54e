import Foundation
import XLSX

/// Writes a disclosure as the official workbook: a 目录 sheet, then one sheet
/// per table laid out by its template — title, unit line, merged header,
/// 栏次 row, body, 注 — with print setup that repeats the header on every page.
public struct WorkbookGenerator: Sendable {
    /// The templates to lay tables out with.
    public var library: TemplateLibrary

    /// Creates a generator over a template library.
    public init(library: TemplateLibrary) {
        self.library = library
    }

    /// Checks `disclosure` against its templates and writes the workbook to
    /// `path`, replacing an existing file atomically; nothing is written when
    /// anything fails.
    public func write(_ disclosure: Disclosure, to path: String, creationDate: Date? = nil,
                      marks: [CellMark] = [], leadingSheet: ListSheet? = nil,
                      options: Workbook.Options = Workbook.Options(), form: FormOptions? = nil) throws {
        let set = try library.set(disclosure.template)
        try DisclosureCheck.check(disclosure, against: set)
        let workbook = try Workbook(path: path, options: options)
        let styles = try SheetStyles(workbook: workbook, font: set.font)
        let tables = set.tables.filter { disclosure.tables[$0.id] != nil }
        let names = Self.sheetNames(for: tables)
        // Projects, procurement, assets, institutions and the 说明, when the disclosure has them.
        let whole = try WholeSheets(disclosure: disclosure, taken: names, templatesDirectory: library.directory)

        if let leadingSheet {
            try leadingSheet.write(to: workbook.addWorksheet(named: leadingSheet.name), styles: styles)
        }
        var formStyles: (input: Style, computed: Style)?
        if let form {
            try FormInstructions.write(to: workbook.addWorksheet(named: FormInstructions.sheetName), disclosure: disclosure,
                                       options: form, styles: styles)
            let amount = styles.boxed.with(\.horizontal, .right).with(\.numberFormat, "#,##0.00")
            formStyles = (try workbook.style(amount.with(\.unlocked, true).with(\.fill, FormInstructions.inputFill)),
                          try workbook.style(amount))
        }
        let contents = try workbook.addWorksheet(named: "目录")
        try writeContents(contents, disclosure: disclosure, set: set, tables: tables, names: names, styles: styles,
                          extra: whole?.entries ?? [])
        for (template, name) in zip(tables, names) {
            let sheet = try workbook.addWorksheet(named: name)
            let layout = TableLayout(template)
            let body = BodyBuilder.rows(of: disclosure.tables[template.id] ?? TableData(), layout: layout)
            let tableMarks = marks.filter { $0.tableID == template.id }
            try SheetWriter(sheet: sheet, layout: layout, styles: styles, disclosure: disclosure,
                            marks: Dictionary(tableMarks.map { ($0.cell, $0) }, uniquingKeysWith: CellMark.worse))
                .write(body: body, note: disclosure.tables[template.id]?.note ?? template.footnote)
            if let form, let formStyles {
                try FormWriter(sheet: sheet, layout: layout, table: disclosure.tables[template.id] ?? TableData(),
                               options: form, input: formStyles.input, computed: formStyles.computed).apply()
            }
        }
        try whole?.write(disclosure, to: workbook, styles: styles, set: set)
        try workbook.setProperties(DocumentProperties(
            title: "\(disclosure.unit.name)\(disclosure.year)年部门预算公开表",
            subject: "\(disclosure.year)年部门预算公开",
            author: disclosure.unit.name,
            company: disclosure.unit.name,
            category: "部门预算公开",
            keywords: "部门预算, \(disclosure.year), \(disclosure.unit.code)",
            comments: "Template set \(set.id) (\(set.name))",
            created: creationDate))
        try workbook.setCustomProperty("预算年度", Int32(disclosure.year))
        try workbook.setCustomProperty("单位编码", disclosure.unit.code)
        try workbook.setCustomProperty("单位名称", disclosure.unit.name)
        try workbook.setCustomProperty("金额单位", disclosure.moneyUnit)
        try workbook.setCustomProperty("模板", set.id)
        try workbook.close()
    }

    /// Legal, unique sheet names: the template's, or a sanitised one with a number.
    static func sheetNames(for tables: [TableTemplate]) -> [String] {
        var used: Set<String> = ["目录", ListSheet.findingsName.lowercased(), FormInstructions.sheetName]
        return tables.map { table in
            var name = SheetName.sanitize(table.worksheetName)
            var n = 2
            while used.contains(name.lowercased()) {
                let suffix = "(\(n))"
                name = String(SheetName.sanitize(table.worksheetName).prefix(SheetName.maxLength - suffix.count)) + suffix
                n += 1
            }
            used.insert(name.lowercased())
            return name
        }
    }

    private func writeContents(_ sheet: Worksheet, disclosure: Disclosure, set: TemplateSet, tables: [TableTemplate],
                               names: [String], styles: SheetStyles, extra: [WholeSheets.Entry] = []) throws {
        let title = "\(disclosure.year)年\(set.contentsTitle)"
        try sheet.merge(CellRange(CellReference(uncheckedRow: 0, column: 0), CellReference(uncheckedRow: 0, column: 2)),
                        text: title, style: styles.title)
        try sheet.setRowHeight(30, row: 0)
        try sheet.merge(CellRange(CellReference(uncheckedRow: 1, column: 0), CellReference(uncheckedRow: 1, column: 2)),
                        text: "\(disclosure.unit.code) \(disclosure.unit.name)", style: styles.infoLeft)
        for (column, label) in ["序号", "表名", "工作表"].enumerated() {
            try sheet.write(label, row: 2, column: column, style: styles.header)
        }
        var titleWidth = TextWidth.of("表名")
        for (i, (table, name)) in zip(tables, names).enumerated() {
            let row = 3 + i
            try sheet.write(Double(table.number), row: row, column: 0, style: styles.index)
            try sheet.writeInternalLink(to: "\(SheetName.quoted(name))!A1", text: table.title, row: row, column: 1,
                                        style: styles.link, tip: "转到 \(name)")
            try sheet.write(name, row: row, column: 2, style: styles.text)
            titleWidth = max(titleWidth, TextWidth.of(table.title))
        }
        for (i, entry) in extra.enumerated() {
            let row = 3 + tables.count + i
            try sheet.write(Double(tables.count + i + 1), row: row, column: 0, style: styles.index)
            try sheet.writeInternalLink(to: "\(SheetName.quoted(entry.sheetName))!A1", text: entry.title, row: row, column: 1,
                                        style: styles.link, tip: "转到 \(entry.sheetName)")
            try sheet.write(entry.sheetName, row: row, column: 2, style: styles.text)
            titleWidth = max(titleWidth, min(TextWidth.of(entry.title), 60))
        }
        try sheet.setColumnWidth(8, columns: 0...0)
        try sheet.setColumnWidth(Double(titleWidth + 4), columns: 1...1)
        try sheet.setColumnWidth(Double((names + extra.map(\.sheetName)).map(TextWidth.of).max() ?? 10) + 4, columns: 2...2)
        try sheet.setPageSetup(.disclosurePage)
        if !(try sheet.workbook.hasActiveSheet()) { try sheet.activate() }
    }
}

extension PageSetup {
    /// How every sheet of a disclosure prints: A4, centred, `第 N 页 共 M 页` in the footer.
    static var disclosurePage: PageSetup {
        var setup = PageSetup()
        setup.paper = .a4
        setup.centerHorizontally = true
        setup.footer = "&C第 &P 页 共 &N 页"
        return setup
    }

    /// A table sheet: as `disclosurePage`, one page wide with narrow margins, its header rows
    /// repeated on every page.
    static func disclosureTable(landscape: Bool, repeatRows: ClosedRange<Int>?) -> PageSetup {
        var setup = disclosurePage
        setup.landscape = landscape
        setup.fitToPages = (1, 0)
        setup.margins = PageSetup.Margins(left: 0.4, right: 0.4, top: 0.6, bottom: 0.6)
        setup.repeatRows = repeatRows
        return setup
    }
}

/// The cell styles of a disclosure workbook, resolved once per workbook.
struct SheetStyles {
    let workbook: Workbook
    let boxed: CellFormat
    let title, infoLeft, infoMiddle, infoRight, header, number, index, code, text, amount, note, link: Style
    let names: [Style]  // subject names indented by level

    static let bodySize = 10.0
    /// Height in points of one line of body text.
    static let lineHeight = 13.5

    init(workbook: Workbook, font: String) throws {
        var base = CellFormat()
        base.fontName = font
        base.fontSize = Self.bodySize
        base.vertical = .center
        var boxed = base
        boxed.border = .thin
        self.workbook = workbook
        self.boxed = boxed
        title = try workbook.style(base.with(\.fontSize, 16).with(\.bold, true).with(\.horizontal, .center))
        infoLeft = try workbook.style(base.with(\.horizontal, .left))
        infoMiddle = try workbook.style(base.with(\.horizontal, .center))
        infoRight = try workbook.style(base.with(\.horizontal, .right))
        header = try workbook.style(boxed.with(\.bold, true).with(\.horizontal, .center).with(\.wrap, true))
        number = try workbook.style(boxed.with(\.horizontal, .center))
        index = try workbook.style(boxed.with(\.horizontal, .center))
        code = try workbook.style(boxed.with(\.horizontal, .left).with(\.numberFormat, "@"))
        text = try workbook.style(boxed.with(\.horizontal, .left).with(\.wrap, true))
        amount = try workbook.style(boxed.with(\.horizontal, .right).with(\.numberFormat, "#,##0.00"))
        note = try workbook.style(base.with(\.horizontal, .left).with(\.wrap, true).with(\.vertical, .top))
        link = try workbook.style(boxed.with(\.horizontal, .left).with(\.underline, true).with(\.fontColor, 0x0563C1))
        names = try (0..<3).map { level in
            try workbook.style(boxed.with(\.horizontal, .left).with(\.wrap, true).with(\.indent, UInt8(level)))
        }
    }

    /// The look of a body cell of a kind, filled for a finding.
    func marked(_ cell: BodyRow.Cell, _ severity: CellMark.Severity) throws -> Style {
        var format = boxed.with(\.fill, severity == .error ? 0xFF9999 : 0xFFEB84)
        switch cell {
        case .amount, .empty: format = format.with(\.horizontal, .right).with(\.numberFormat, "#,##0.00")
        case .code: format = format.with(\.numberFormat, "@")
        case .index: format = format.with(\.horizontal, .center)
        case .text(_, let level): format = format.with(\.wrap, true).with(\.indent, UInt8(min(level, 2)))
        }
        return try workbook.style(format)
    }
}

/// One body row ready to be written: what goes in each column.
struct BodyRow {
    enum Cell {
        case empty
        case index(Int)
        case code(String)
        case text(String, level: Int)
        case amount(Amount)
    }
    var cells: [Cell]
}

/// Turns a table's data into body rows, in the template's order.
enum BodyBuilder {
    /// Subject rows as printed: the 合计 row first, then the subjects in the order given.
    static func ordered(_ rows: [DataRow]) -> [DataRow] {
        rows.filter { $0.key != nil } + rows.filter { $0.key == nil }
    }

    static func rows(of table: TableData, layout: TableLayout) -> [BodyRow] {
        let columns = layout.columns
        switch layout.template.kind {
        case .fixed:
            var byKey: [String: DataRow] = [:]
            for row in table.rows { if let key = row.key { byKey[key] = row } }
            return (layout.template.rows ?? []).map { fixed in
                BodyRow(cells: columns.map { column -> BodyRow.Cell in
                    switch column.field {
                    case "index": return fixed.index.map { .index($0) } ?? .empty
                    case "label":
                        guard let side = column.side, let cell = fixed.cells[side] else { return .empty }
                        return .text(cell.label, level: 0)
                    case let field?:
                        guard let side = column.side, let cell = fixed.cells[side],
                              let value = byKey[cell.key]?.values[field] else { return .empty }
                        return .amount(value)
                    case nil: return .empty
                    }
                })
            }
        case .subjects:
            let totalKey = layout.template.totalLabel ?? "合计"
            return ordered(table.rows).enumerated().map { i, row in
                BodyRow(cells: columns.map { column -> BodyRow.Cell in
                    switch column.field {
                    case "index": return .index(i + 1)
                    case "code": return row.code.map { .code($0) } ?? .empty
                    case "name":
                        if row.key != nil { return .text(totalKey, level: 0) }
                        let level = max(0, (layout.template.codeKind?.lengths ?? [3, 5, 7])
                            .firstIndex(of: row.code?.utf8.count ?? 3) ?? 0)
                        return .text(row.name ?? "", level: level)
                    case let field?: return row.values[field].map { .amount($0) } ?? .empty
                    case nil: return .empty
                    }
                })
            }
        }
    }
}

/// A cell to highlight in a generated workbook, with a comment: how
/// validation findings are shown (red for errors, yellow for 尾差 warnings).
public struct CellMark: Sendable {
    /// How serious the finding on the cell is.
    public enum Severity: Sendable, Equatable { case error, warning }
    /// The table id of the sheet.
    public var tableID: String
    /// The cell on that sheet (as `SheetMap` places it).
    public var cell: CellReference
    /// Red for errors, yellow for warnings.
    public var severity: Severity
    /// The comment attached to the cell.
    public var comment: String

    /// Creates a mark.
    public init(tableID: String, cell: CellReference, severity: Severity, comment: String) {
        self.tableID = tableID
        self.cell = cell
        self.severity = severity
        self.comment = comment
    }

    /// Two marks on one cell become one: the worse severity, both comments.
    static func worse(_ a: CellMark, _ b: CellMark) -> CellMark {
        var merged = a
        if b.severity == .error { merged.severity = .error }
        merged.comment = a.comment + "\n" + b.comment
        return merged
    }
}

/// A plain list sheet placed before the 目录 (such as the 校验结果 of a validation),
/// whose cells may link to cells of the tables.
public struct ListSheet: Sendable {
    /// The sheet name of validation results.
    public static let findingsName = "校验结果"
    /// One cell of the list.
    public struct Cell: Sendable {
        /// The text shown.
        public var text: String
        /// An internal link target such as `'部门预算收入总表'!D7`.
        public var link: String?
        /// Creates a cell.
        public init(_ text: String, link: String? = nil) {
            self.text = text
            self.link = link
        }
    }
    /// The sheet name.
    public var name: String
    /// The title in the first row.
    public var title: String
    /// The column headers.
    public var columns: [String]
    /// The rows.
    public var rows: [[Cell]]

    /// Creates a list sheet.
    public init(name: String, title: String, columns: [String], rows: [[Cell]]) {
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    func write(to sheet: Worksheet, styles: SheetStyles) throws {
        let last = max(columns.count - 1, 0)
        try sheet.merge(CellRange(CellReference(uncheckedRow: 0, column: 0), CellReference(uncheckedRow: 0, column: last)),
                        text: title, style: styles.title)
        try sheet.setRowHeight(30, row: 0)
        var widths = columns.map { TextWidth.of($0) + 2 }
        for (column, label) in columns.enumerated() { try sheet.write(label, row: 1, column: column, style: styles.header) }
        for (i, row) in rows.enumerated() {
            for (column, cell) in row.enumerated() where column < columns.count {
                if let link = cell.link {
                    try sheet.writeInternalLink(to: link, text: cell.text, row: 2 + i, column: column, style: styles.link)
                } else {
                    try sheet.write(cell.text, row: 2 + i, column: column, style: styles.text)
                }
                widths[column] = max(widths[column], min(TextWidth.of(cell.text) + 2, 80))
            }
        }
        for (column, width) in widths.enumerated() { try sheet.setColumnWidth(Double(width), columns: column...column) }
        try sheet.freezePanes(row: 2, column: 0)
        try sheet.activate()
    }
}
