import XLSX

/// What a fill-in form leaves to the unit.
public struct FormOptions: Sendable {
    /// Clear every amount: a skeleton with the rows and labels only.
    public var blank = false
    /// A password for the sheet protection; none by default.
    public var password: String?
    /// Creates options.
    public init(blank: Bool = false, password: String? = nil) {
        self.blank = blank
        self.password = password
    }
}

/// Turns a table sheet written by `SheetWriter` into a fill-in form:
/// input cells unlocked, shaded and validated (numbers, at most two decimals,
/// not negative unless the column is signed); 合计, 小计 and parent rows and
/// sum columns as formulas over their parts, with their values stored so a
/// reader sees correct totals before any recalculation; the sheet protected
/// with inserting rows allowed. Parent rows sum the rows below them whose code
/// is one level deeper (`SUMPRODUCT((LEN(B9:B14)=7)*D9:D14)`), so a subject
/// row the unit inserts inside a block is summed too.
struct FormWriter {
    let sheet: Worksheet
    let layout: TableLayout
    let table: TableData
    let options: FormOptions
    let input: Style
    let computed: Style

    private enum Content {
        case input(Amount?)
        case formula(String, parts: [(Int, Int)], kind: Kind)
        enum Kind { case rowSum, blockSum }
    }

    func apply() throws {
        let columns = layout.columns
        let first = layout.bodyFirstRow
        let template = layout.template
        var rowKeys: [String] = []       // identity of each body row
        var rowValues: [[String: Amount]] = []
        switch template.kind {
        case .subjects:
            for row in BodyBuilder.ordered(table.rows) {
                rowKeys.append(SheetMap.identity(of: row))
                rowValues.append(row.values)
            }
        case .fixed:
            var byKey: [String: DataRow] = [:]
            for row in table.rows { if let key = row.key { byKey[key] = row } }
            for fixed in template.rows ?? [] {
                var merged: [String: Amount] = [:]
                for (side, cell) in fixed.cells {
                    for (field, value) in byKey[cell.key]?.values ?? [:] { merged[side + "/" + field] = value }
                }
                rowKeys.append("")
                rowValues.append(merged)
            }
        }
        guard !rowKeys.isEmpty else { try protect(); return }
        let count = rowKeys.count
        var contents = Array(repeating: [Int: Content](), count: count)

        // Which row of a fixed side holds a key.
        var fixedRowOfKey: [String: Int] = [:]
        if template.kind == .fixed {
            for (i, fixed) in (template.rows ?? []).enumerated() {
                for (side, cell) in fixed.cells { fixedRowOfKey[side + "/" + cell.key] = i }
            }
        }
        let codes: [String?] = template.kind == .subjects ? BodyBuilder.ordered(table.rows).map(\.code) : []
        let codeColumn = layout.column(field: "code")

        for (c, leaf) in columns.enumerated() where leaf.isValue {
            guard let field = leaf.field else { continue }
            for i in 0..<count {
                let key = template.kind == .fixed ? (leaf.side ?? "") + "/" + field : field
                var content = Content.input(options.blank ? nil : rowValues[i][key])
                if template.kind == .fixed, let side = leaf.side {
                    // The row's own cell on this side, when the row has one.
                    guard let cell = template.rows?[i].cells[side] else { contents[i][c] = nil; continue }
                    if let sum = leaf.sum {
                        let parts = sum.compactMap { f in layout.column(field: f, side: side).map { (i, $0) } }
                        content = .formula("", parts: parts, kind: .rowSum)
                    } else if let keys = cell.sum {
                        let parts = keys.compactMap { k in fixedRowOfKey[side + "/" + k].map { ($0, c) } }
                        content = .formula("", parts: parts, kind: .rowSum)
                    }
                } else if let sum = leaf.sum {
                    let parts = sum.compactMap { f in layout.column(field: f).map { (i, $0) } }
                    content = .formula("", parts: parts, kind: .rowSum)
                } else if template.kind == .subjects, let codeColumn {
                    let lengths = template.codeKind?.lengths ?? [3, 5, 7]
                    if let code = codes[i] {
                        // A parent: the rows below whose code extends it.
                        var end = i
                        while end + 1 < count, let next = codes[end + 1], next.count > code.count, next.hasPrefix(code) { end += 1 }
                        if end > i, let level = lengths.firstIndex(of: code.count), level + 1 < lengths.count {
                            let childLength = lengths[level + 1]
                            let parts = ((i + 1)...end).filter { codes[$0]?.count == childLength }.map { ($0, c) }
                            let range = "\(ref(first + i + 1, codeColumn)):\(ref(first + end, codeColumn))"
                            let values = "\(ref(first + i + 1, c)):\(ref(first + end, c))"
                            content = .formula("SUMPRODUCT((LEN(\(range))=\(childLength))*\(values))", parts: parts, kind: .blockSum)
                        }
                    } else if count > 1 {
                        // The 合计 row: the top-level subjects.
                        let top = lengths.first ?? 3
                        let parts = (1..<count).filter { codes[$0]?.count == top }.map { ($0, c) }
                        let range = "\(ref(first + 1, codeColumn)):\(ref(first + count - 1, codeColumn))"
                        let values = "\(ref(first + 1, c)):\(ref(first + count - 1, c))"
                        content = .formula("SUMPRODUCT((LEN(\(range))=\(top))*\(values))", parts: parts, kind: .blockSum)
                    }
                }
                contents[i][c] = content
            }
        }

        // Values of the formulas, from the inputs, exactly; blank when every part is blank.
        var values = Array(repeating: [Int: Amount?](), count: count)
        func value(_ i: Int, _ c: Int, depth: Int = 0) -> Amount? {
            if let known = values[i][c] { return known }
            guard depth < 64, let content = contents[i][c] else { return nil }
            var result: Amount?
            switch content {
            case .input(let amount): result = amount
            case .formula(_, let parts, _):
                for (r, col) in parts { if let v = value(r, col, depth: depth + 1) { result = (result ?? .zero) + v } }
            }
            values[i][c] = .some(result)
            return result
        }

        for i in 0..<count {
            for c in contents[i].keys.sorted() {
                guard let content = contents[i][c] else { continue }
                let row = first + i
                switch content {
                case .input(let amount):
                    if let amount { try sheet.write(amount.doubleValue, row: row, column: c, style: input) }
                    else { try sheet.writeBlank(row: row, column: c, style: input) }
                case .formula(let text, let parts, _):
                    let formula = text.isEmpty ? parts.map { ref(first + $0.0, $0.1) }.joined(separator: "+") : text
                    guard !formula.isEmpty else { continue }
                    if let total = value(i, c) {
                        try sheet.writeFormula(formula, value: total.doubleValue, row: row, column: c, style: computed)
                    } else {
                        try sheet.writeFormulaShowingBlank(formula, row: row, column: c, style: computed)
                    }
                }
            }
        }

        // Validation over each run of input cells in a column.
        for (c, leaf) in columns.enumerated() where leaf.isValue {
            var start: Int?
            for i in 0...count {
                let isInput: Bool
                if i < count, case .input? = contents[i][c] { isInput = true } else { isInput = false }
                if isInput, start == nil { start = i }
                if !isInput, let s = start {
                    try validate(rows: (first + s)...(first + i - 1), column: c, signed: leaf.signed == true)
                    start = nil
                }
            }
        }
        try protect()
    }

    private func ref(_ row: Int, _ column: Int) -> String {
        CellReference(uncheckedRow: row, column: column).description
    }

    private func validate(rows: ClosedRange<Int>, column: Int, signed: Bool) throws {
        let top = ref(rows.lowerBound, column)
        let formula = signed ? "AND(ISNUMBER(\(top)),ROUND(\(top),2)=\(top))"
                             : "AND(ISNUMBER(\(top)),\(top)>=0,ROUND(\(top),2)=\(top))"
        let range = CellRange(CellReference(uncheckedRow: rows.lowerBound, column: column),
                              CellReference(uncheckedRow: rows.upperBound, column: column))
        try sheet.validateCustom(range, formula: formula, rule: DecimalValidation(
            inputTitle: "填报金额",
            inputMessage: signed ? "金额（可为负数），最多两位小数；无此项请留空。" : "金额不得为负数，最多两位小数；无此项请留空。",
            errorTitle: "金额有误",
            errorMessage: signed ? "请输入最多两位小数的数字。" : "请输入不小于 0、最多两位小数的数字。"))
    }

    private func protect() throws {
        try sheet.protect(password: options.password, allowInsertingRows: true, allowFormattingColumns: true)
    }
}

/// The 填表说明 sheet at the front of a fill-in form.
enum FormInstructions {
    static let sheetName = "填表说明"
    /// The light shade of the cells a unit fills in.
    static let inputFill: UInt32 = 0xFFF2CC

    static func write(to sheet: Worksheet, disclosure: Disclosure, options: FormOptions, styles: SheetStyles) throws {
        let lines = [
            "\(disclosure.unit.code) \(disclosure.unit.name) \(disclosure.year)年部门预算公开表（填报表）",
            "一、浅黄色单元格为填报单元格，其余单元格（表头、科目编码、科目名称、行次）已锁定。工作表保护\(options.password == nil ? "未设密码" : "已设密码")，仅为防止误改。",
            "二、金额单位：\(disclosure.moneyUnit)，最多保留两位小数；除注明可为负数的栏目外，金额不得为负数。无此项的单元格请留空——空白与 0.00 含义不同。",
            "三、“合计”“小计”、上级科目（类、款）行及合计栏由公式自动计算，保存前无需手工填写。",
            "四、如需增加科目，请在相应的类、款范围内插入行，填写科目编码（以文本形式，如 2080199）和科目名称，再填写金额；新增行的金额会自动计入上级科目和合计。",
            "五、“三公”经费表、收支总表、财政拨款收支总表的合计行同样由公式计算。没有数据的表格保留空表，并在表下注明“空表列示”。",
            "六、填报完成后保存为 .xlsx 文件报送。财政部门用 budgetxlsx import 导入、budgetxlsx validate 校验勾稽关系。",
        ]
        try sheet.setColumnWidth(110, columns: 0...0)
        for (row, line) in lines.enumerated() {
            try sheet.write(line, row: row, column: 0, style: row == 0 ? styles.title : styles.note)
            try sheet.setRowHeight(row == 0 ? 30 : 36, row: row)
        }
        try sheet.activate()
    }
}
