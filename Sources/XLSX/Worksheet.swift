import CXlsxWriter

/// A worksheet of a `Workbook` being written, over libxlsxwriter's `lxw_worksheet`.
///
/// The C pointer belongs to the workbook: a `Worksheet` keeps its workbook
/// alive and every call fails cleanly once the workbook is closed. Rows and
/// columns are zero-based, as in `CellReference`.
public struct Worksheet {
    private let handle: UnsafeMutablePointer<lxw_worksheet>
    /// The sheet's name.
    public let name: String
    /// The workbook this sheet belongs to.
    public let workbook: Workbook

    init(handle: UnsafeMutablePointer<lxw_worksheet>, name: String, workbook: Workbook) {
        self.handle = handle
        self.name = name
        self.workbook = workbook
    }

    private func live() throws -> UnsafeMutablePointer<lxw_worksheet> {
        _ = try workbook.liveHandle()
        return handle
    }

    private func check(_ error: lxw_error, _ row: Int, _ column: Int, _ what: String) throws {
        guard error != LXW_NO_ERROR else { return }
        let cell = CellReference(uncheckedRow: row, column: column)
        throw XLSXError(Workbook.code(of: error), "cannot write \(what) to \(SheetName.quoted(name))!\(cell) in \(workbook.path)",
                        cause: Workbook.text(of: error))
    }

    private func tid(_ trace: WriteTrace, _ style: Style?) -> String {
        style.map { String(trace.id(of: $0.format)) } ?? "0"
    }

    private func checkCell(_ row: Int, _ column: Int) throws {
        guard (0..<CellReference.maxRows).contains(row), (0..<CellReference.maxColumns).contains(column) else {
            throw XLSXError(.invalidCellReference,
                            "cell (row \(row + 1), column \(column + 1)) of sheet \"\(name)\" is outside Excel's grid A1:XFD1048576")
        }
    }

    private func checkLength(_ text: String, _ row: Int, _ column: Int) throws {
        // Excel's limit is 32,767 characters (UTF-16 units) per cell.
        if text.utf8.count > 32_767, text.utf16.count > 32_767 {
            let cell = CellReference(uncheckedRow: row, column: column)
            throw XLSXError(.stringTooLong,
                            "text for \(SheetName.quoted(name))!\(cell) has \(text.utf16.count) characters; Excel allows 32767 in a cell")
        }
    }

    /// Excel refuses a formula longer than 8,192 characters (without its `=`) and offers to repair
    /// the file; this stops it here instead.
    private func checkFormula(_ formula: String, _ row: Int, _ column: Int) throws {
        let length = formula.utf16.count - (formula.hasPrefix("=") ? 1 : 0)
        if length > 8_192 {
            let cell = CellReference(uncheckedRow: row, column: column)
            throw XLSXError(.stringTooLong,
                            "formula for \(SheetName.quoted(name))!\(cell) has \(length) characters; Excel allows 8192 in a formula")
        }
    }

    /// Writes text (calls `worksheet_write_string`).
    public func write(_ text: String, row: Int, column: Int, style: Style? = nil) throws {
        let sheet = try live()
        try checkCell(row, column)
        try checkLength(text, row, column)
        let f = try workbook.pointer(of: style)
        let error = text.withCString { worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), $0, f) }
        try check(error, row, column, "text")
        if let trace = workbook.trace { trace.line("s", String(row), String(column), tid(trace, style), WriteTrace.escape(text)) }
    }

    /// Writes a number (calls `worksheet_write_number`).
    public func write(_ number: Double, row: Int, column: Int, style: Style? = nil) throws {
        let sheet = try live()
        try checkCell(row, column)
        guard number.isFinite else {
            let cell = CellReference(uncheckedRow: row, column: column)
            throw XLSXError(.writer, "cannot write \(number) to \(SheetName.quoted(name))!\(cell): a cell holds only finite numbers")
        }
        let f = try workbook.pointer(of: style)
        try check(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), number, f), row, column, "a number")
        if let trace = workbook.trace { trace.line("n", String(row), String(column), tid(trace, style), WriteTrace.number(number)) }
    }

    /// Writes a formatted empty cell (calls `worksheet_write_blank`).
    public func writeBlank(row: Int, column: Int, style: Style?) throws {
        let sheet = try live()
        try checkCell(row, column)
        let f = try workbook.pointer(of: style)
        try check(worksheet_write_blank(sheet, lxw_row_t(row), lxw_col_t(column), f), row, column, "a blank cell")
        if let trace = workbook.trace { trace.line("b", String(row), String(column), tid(trace, style)) }
    }

    /// Writes a formula with its computed value stored, so a reader sees the
    /// value before any recalculation (calls `worksheet_write_formula_num`).
    public func writeFormula(_ formula: String, value: Double, row: Int, column: Int, style: Style? = nil) throws {
        let sheet = try live()
        try checkCell(row, column)
        try checkFormula(formula, row, column)
        let f = try workbook.pointer(of: style)
        let error = formula.withCString { worksheet_write_formula_num(sheet, lxw_row_t(row), lxw_col_t(column), $0, f, value) }
        try check(error, row, column, "a formula")
        if let trace = workbook.trace {
            trace.line("f", String(row), String(column), tid(trace, style), WriteTrace.escape(formula), WriteTrace.number(value))
        }
    }

    /// Writes a formula whose stored value is an empty string, so readers see
    /// a blank until the office suite recalculates (calls `worksheet_write_formula_str`).
    public func writeFormulaShowingBlank(_ formula: String, row: Int, column: Int, style: Style? = nil) throws {
        let sheet = try live()
        try checkCell(row, column)
        try checkFormula(formula, row, column)
        let f = try workbook.pointer(of: style)
        let error = formula.withCString { worksheet_write_formula_str(sheet, lxw_row_t(row), lxw_col_t(column), $0, f, "") }
        try check(error, row, column, "a formula")
        if let trace = workbook.trace { trace.line("g", String(row), String(column), tid(trace, style), WriteTrace.escape(formula)) }
    }

    /// Writes a hyperlink to a place in this workbook such as `'收入总表'!A1`
    /// (calls `worksheet_write_url_opt` with an `internal:` URL).
    public func writeInternalLink(to location: String, text: String, row: Int, column: Int,
                                  style: Style? = nil, tip: String? = nil) throws {
        let sheet = try live()
        try checkCell(row, column)
        try checkLength(text, row, column)
        let f = try workbook.pointer(of: style)
        let error = ("internal:" + location).withCString { url in
            text.withCString { string in
                tip.withOptionalCString { tooltip in
                    worksheet_write_url_opt(sheet, lxw_row_t(row), lxw_col_t(column), url, f, string, tooltip)
                }
            }
        }
        try check(error, row, column, "a hyperlink")
        if let trace = workbook.trace {
            trace.line("l", String(row), String(column), tid(trace, style), WriteTrace.escape(location), WriteTrace.escape(text),
                       WriteTrace.escape(tip ?? ""))
        }
    }

    /// Attaches a comment (note) to a cell (calls `worksheet_write_comment_opt`).
    public func writeComment(_ text: String, row: Int, column: Int, author: String? = nil) throws {
        let sheet = try live()
        try checkCell(row, column)
        try checkLength(text, row, column)
        let error = text.withCString { comment in
            author.withOptionalCString { authorText in
                var options = lxw_comment_options()
                options.author = authorText
                options.x_scale = 2
                options.y_scale = 1.5
                return worksheet_write_comment_opt(sheet, lxw_row_t(row), lxw_col_t(column), comment, &options)
            }
        }
        try check(error, row, column, "a comment")
        workbook.trace?.line("k", String(row), String(column), WriteTrace.escape(text), WriteTrace.escape(author ?? ""))
    }

    /// Merges a range and writes text into it (calls `worksheet_merge_range`).
    public func merge(_ range: CellRange, text: String, style: Style? = nil) throws {
        let sheet = try live()
        try checkCell(range.last.row, range.last.column)
        try checkLength(text, range.first.row, range.first.column)
        let f = try workbook.pointer(of: style)
        let error = text.withCString {
            worksheet_merge_range(sheet, lxw_row_t(range.first.row), lxw_col_t(range.first.column),
                                  lxw_row_t(range.last.row), lxw_col_t(range.last.column), $0, f)
        }
        try check(error, range.first.row, range.first.column, "the merged range \(range)")
        if let trace = workbook.trace {
            trace.line("m", String(range.first.row), String(range.first.column), String(range.last.row), String(range.last.column),
                       tid(trace, style), WriteTrace.escape(text))
        }
    }

    /// Sets the width of columns, in Excel's character units (calls `worksheet_set_column`).
    public func setColumnWidth(_ width: Double, columns: ClosedRange<Int>, style: Style? = nil) throws {
        let sheet = try live()
        try checkCell(0, columns.upperBound)
        let f = try workbook.pointer(of: style)
        let error = worksheet_set_column(sheet, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound), width, f)
        try check(error, 0, columns.lowerBound, "column widths")
        if let trace = workbook.trace {
            trace.line("c", String(columns.lowerBound), String(columns.upperBound), WriteTrace.number(width), tid(trace, style))
        }
    }

    /// Sets a row's height in points (calls `worksheet_set_row`).
    public func setRowHeight(_ height: Double, row: Int) throws {
        let sheet = try live()
        try checkCell(row, 0)
        try check(worksheet_set_row(sheet, lxw_row_t(row), height, nil), row, 0, "a row height")
        workbook.trace?.line("h", String(row), WriteTrace.number(height))
    }

    /// Freezes the rows above `row` and the columns left of `column` (calls `worksheet_freeze_panes`).
    public func freezePanes(row: Int, column: Int) throws {
        let sheet = try live()
        try checkCell(row, column)
        worksheet_freeze_panes(sheet, lxw_row_t(row), lxw_col_t(column))
        workbook.trace?.line("z", String(row), String(column))
    }

    /// Adds a horizontal page break above each of `rows` (calls `worksheet_set_h_pagebreaks`).
    public func setPageBreaks(beforeRows rows: [Int]) throws {
        let sheet = try live()
        guard !rows.isEmpty else { return }
        var breaks = rows.map { lxw_row_t($0) } + [0]
        let error = breaks.withUnsafeMutableBufferPointer { worksheet_set_h_pagebreaks(sheet, $0.baseAddress) }
        try check(error, rows[0], 0, "page breaks")
        workbook.trace?.line("B", rows.map(String.init).joined(separator: ","))
    }

    /// Applies a page setup.
    public func setPageSetup(_ setup: PageSetup) throws {
        let sheet = try live()
        if let trace = workbook.trace {
            let m = setup.margins
            trace.line("p", setup.landscape ? "1" : "0", String(setup.paper.rawValue),
                       setup.fitToPages.map { "\($0.width)" } ?? "-", setup.fitToPages.map { "\($0.height)" } ?? "-",
                       setup.centerHorizontally ? "1" : "0",
                       m.map { "\($0.left),\($0.right),\($0.top),\($0.bottom)" } ?? "-",
                       setup.repeatRows.map { "\($0.lowerBound)" } ?? "-", setup.repeatRows.map { "\($0.upperBound)" } ?? "-",
                       WriteTrace.escape(setup.footer ?? ""), WriteTrace.escape(setup.header ?? ""))
        }
        if setup.landscape { worksheet_set_landscape(sheet) } else { worksheet_set_portrait(sheet) }
        worksheet_set_paper(sheet, setup.paper.rawValue)
        if let (width, height) = setup.fitToPages { worksheet_fit_to_pages(sheet, UInt16(width), UInt16(height)) }
        if setup.centerHorizontally { worksheet_center_horizontally(sheet) }
        if let m = setup.margins { worksheet_set_margins(sheet, m.left, m.right, m.top, m.bottom) }
        if let rows = setup.repeatRows {
            try check(worksheet_repeat_rows(sheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
                      rows.lowerBound, 0, "the print titles")
        }
        if let footer = setup.footer {
            try check(footer.withCString { worksheet_set_footer(sheet, $0) }, 0, 0, "the page footer")
        }
        if let header = setup.header {
            try check(header.withCString { worksheet_set_header(sheet, $0) }, 0, 0, "the page header")
        }
    }

    /// Restricts a range to decimal numbers (calls `worksheet_data_validation_range`).
    public func validateDecimals(_ range: CellRange, rule: DecimalValidation) throws {
        try addValidation(range, rule: rule) { v in
            v.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            if let minimum = rule.minimum, let maximum = rule.maximum {
                v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
                v.minimum_number = minimum
                v.maximum_number = maximum
            } else if let minimum = rule.minimum {
                v.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
                v.value_number = minimum
            } else {
                v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
                v.minimum_number = -1e15
                v.maximum_number = rule.maximum ?? 1e15
            }
        }
        workbook.trace?.line("v", String(range.first.row), String(range.first.column), String(range.last.row),
                             String(range.last.column), rule.minimum.map(WriteTrace.number) ?? "-",
                             rule.maximum.map(WriteTrace.number) ?? "-", WriteTrace.escape(rule.inputTitle ?? ""),
                             WriteTrace.escape(rule.inputMessage ?? ""), WriteTrace.escape(rule.errorTitle ?? ""),
                             WriteTrace.escape(rule.errorMessage ?? ""))
    }

    /// Restricts a range to values for which a formula is true; the formula is
    /// written for the range's top-left cell and shifts over the range as in
    /// Excel (calls `worksheet_data_validation_range` with a custom formula).
    /// The rule's `minimum` and `maximum` are not used.
    public func validateCustom(_ range: CellRange, formula: String, rule: DecimalValidation) throws {
        try ("=" + formula).withCString { formulaText in
            try addValidation(range, rule: rule) { v in
                v.validate = UInt8(LXW_VALIDATION_TYPE_CUSTOM_FORMULA.rawValue)
                v.value_formula = UnsafeMutablePointer(mutating: formulaText)
            }
        }
        workbook.trace?.line("V", String(range.first.row), String(range.first.column), String(range.last.row),
                             String(range.last.column), WriteTrace.escape(formula), WriteTrace.escape(rule.inputTitle ?? ""),
                             WriteTrace.escape(rule.inputMessage ?? ""), WriteTrace.escape(rule.errorTitle ?? ""),
                             WriteTrace.escape(rule.errorMessage ?? ""))
    }

    /// Fills the messages of a validation, lets `configure` set its kind, and adds it to a range.
    private func addValidation(_ range: CellRange, rule: DecimalValidation,
                               configure: (inout lxw_data_validation) -> Void) throws {
        let sheet = try live()
        let error = rule.inputTitle.withOptionalCString { inputTitle in
            rule.inputMessage.withOptionalCString { inputMessage in
                rule.errorTitle.withOptionalCString { errorTitle in
                    rule.errorMessage.withOptionalCString { errorMessage in
                        var v = lxw_data_validation()
                        configure(&v)
                        v.ignore_blank = UInt8(LXW_VALIDATION_ON.rawValue)
                        v.input_title = inputTitle
                        v.input_message = inputMessage
                        v.error_title = errorTitle
                        v.error_message = errorMessage
                        v.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
                        return worksheet_data_validation_range(
                            sheet, lxw_row_t(range.first.row), lxw_col_t(range.first.column),
                            lxw_row_t(range.last.row), lxw_col_t(range.last.column), &v)
                    }
                }
            }
        }
        try check(error, range.first.row, range.first.column, "data validation on \(range)")
    }

    /// Protects the sheet: locked cells cannot be edited (calls `worksheet_protect`).
    public func protect(password: String? = nil, allowInsertingRows: Bool = false,
                        allowFormattingColumns: Bool = true) throws {
        let sheet = try live()
        var options = lxw_protection()
        options.insert_rows = allowInsertingRows ? 1 : 0
        options.format_columns = allowFormattingColumns ? 1 : 0
        password.withOptionalCString { worksheet_protect(sheet, $0, &options) }
        workbook.trace?.line("x", WriteTrace.escape(password ?? ""), allowInsertingRows ? "1" : "0", allowFormattingColumns ? "1" : "0")
    }

    /// Makes this the sheet shown when the workbook opens (calls `worksheet_activate`).
    public func activate() throws {
        worksheet_activate(try live())
        workbook.trace?.line("a")
        workbook.activeSheetSet = true
    }
}

/// Print setup of a worksheet.
public struct PageSetup: Sendable {
    /// Paper sizes, as numbered by Excel.
    public enum Paper: UInt8, Sendable {
        case printerDefault = 0, letter = 1, a3 = 8, a4 = 9
    }
    /// Page margins in inches.
    public struct Margins: Sendable {
        /// Left, right, top and bottom margins.
        public var left, right, top, bottom: Double
        /// Creates margins.
        public init(left: Double, right: Double, top: Double, bottom: Double) {
            self.left = left; self.right = right; self.top = top; self.bottom = bottom
        }
    }

    /// Landscape orientation.
    public var landscape = false
    /// Paper size.
    public var paper: Paper = .printerDefault
    /// Fit to this many pages wide and tall (0 = as many as needed).
    public var fitToPages: (width: Int, height: Int)?
    /// Centre the printed area horizontally on the page.
    public var centerHorizontally = false
    /// Margins; nil keeps Excel's defaults.
    public var margins: Margins?
    /// Rows printed at the top of every page (zero-based, inclusive).
    public var repeatRows: ClosedRange<Int>?
    /// Page footer in Excel's header/footer code (`&C第 &P 页 共 &N 页`).
    public var footer: String?
    /// Page header in Excel's header/footer code.
    public var header: String?
    /// Creates the default setup.
    public init() {}
}

/// A decimal data-validation rule with its input and error messages.
public struct DecimalValidation: Sendable {
    /// Smallest value allowed, if any.
    public var minimum: Double?
    /// Largest value allowed, if any.
    public var maximum: Double?
    /// Title of the message shown when the cell is selected.
    public var inputTitle: String?
    /// Message shown when the cell is selected.
    public var inputMessage: String?
    /// Title of the message shown for a refused value.
    public var errorTitle: String?
    /// Message shown for a refused value.
    public var errorMessage: String?
    /// Creates a rule.
    public init(minimum: Double? = nil, maximum: Double? = nil, inputTitle: String? = nil, inputMessage: String? = nil,
                errorTitle: String? = nil, errorMessage: String? = nil) {
        self.minimum = minimum
        self.maximum = maximum
        self.inputTitle = inputTitle
        self.inputMessage = inputMessage
        self.errorTitle = errorTitle
        self.errorMessage = errorMessage
    }
}
