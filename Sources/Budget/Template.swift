/// The layout of one official table, read from a file in `Templates/`.
///
/// Everything about how a table looks on paper is data here: the title, the
/// header as a tree of labels (merged ranges are computed from the tree by
/// `HeaderLayout`), which field fills which column, the fixed rows, widths,
/// number format and footnote. A new region or year is a new set of files.
public struct TableTemplate: Codable, Sendable, Equatable {
    /// How the body rows of a table are organised.
    public enum Kind: String, Codable, Sendable {
        /// Rows of classification subjects (科目编码 / 科目名称) after a 合计 row.
        case subjects
        /// A fixed list of labelled rows, possibly in several side-by-side
        /// blocks (收入 on the left, 支出 on the right).
        case fixed
    }

    /// Which classification the subject codes follow.
    public enum CodeKind: String, Codable, Sendable {
        /// 支出功能分类: 类 3 digits, 款 5, 项 7.
        case function
        /// 部门预算支出经济分类: 类 3 digits, 款 5.
        case economic

        /// The code lengths of each level.
        public var lengths: [Int] { self == .function ? [3, 5, 7] : [3, 5] }
    }

    /// The table id used as key in `Disclosure.tables` (`revenue`).
    public var id: String
    /// The table's number in the set (1…9), for ordering and the 目录.
    public var number: Int
    /// The printed title (`部门预算收入总表`).
    public var title: String
    /// The worksheet name; the title when absent.
    public var sheetName: String?
    /// Subjects or fixed rows.
    public var kind: Kind
    /// For subject tables, the classification of the codes.
    public var codeKind: CodeKind?
    /// The header as a tree of labels; its leaves are the columns.
    public var header: [HeaderNode]
    /// For fixed tables, the printed rows.
    public var rows: [FixedRow]?
    /// The label of the 合计 row of a subject table (printed in the name column).
    public var totalLabel: String?
    /// Number format of amounts; `#,##0.00` when absent.
    public var numberFormat: String?
    /// A footnote printed under every instance of the table, when the data has none.
    public var footnote: String?

    /// The worksheet name to use.
    public var worksheetName: String { sheetName ?? title }
    /// The columns, left to right: the leaves of the header tree.
    public var columns: [HeaderNode] { header.flatMap(\.leaves) }
    /// The side names of a fixed table, in column order (`income`, `expenditure`).
    public var sides: [String] {
        var seen: [String] = []
        for column in columns { if let side = column.side, !seen.contains(side) { seen.append(side) } }
        return seen
    }
    /// The value keys of a side (or of a subject table when `side` is nil).
    public func valueKeys(side: String?) -> [String] {
        columns.filter { $0.side == side && $0.isValue }.compactMap(\.field)
    }
}

/// A header label with its sub-headers; a node without children is a column.
public struct HeaderNode: Codable, Sendable, Equatable {
    /// The printed label (`本年收入`, `科目编码`).
    public var label: String
    /// For a column: what fills it — `index` (序号), `code`, `name`, `label`
    /// (a fixed row's label), or a value key such as `total`.
    public var field: String?
    /// For a column of a fixed table: which block of rows it belongs to.
    public var side: String?
    /// Sub-headers.
    public var children: [HeaderNode]?
    /// The narrowest width of the column, in Excel character units.
    public var minWidth: Double?
    /// The widest width of the column; longer text wraps.
    public var maxWidth: Double?
    /// Whether the amounts of this column may be negative (used by fill-in forms).
    public var signed: Bool?
    /// The value keys this column is the sum of, on the same row
    /// (`合计` = `小计` + `上年结转`); fill-in forms make it a formula.
    public var sum: [String]?

    /// The columns below this node (itself when it has no children).
    public var leaves: [HeaderNode] {
        guard let children, !children.isEmpty else { return [self] }
        return children.flatMap(\.leaves)
    }
    /// The number of header rows this node needs.
    public var depth: Int { 1 + (children?.map(\.depth).max() ?? 0) }
    /// Whether this column holds amounts.
    public var isValue: Bool {
        guard let field else { return false }
        return !["index", "code", "name", "label"].contains(field)
    }
}

/// A printed row of a fixed table: its 序号 and, per side, the row shown there.
public struct FixedRow: Codable, Sendable, Equatable {
    /// The 序号 printed in the first column; nil prints nothing.
    public var index: Int?
    /// Per side, the fixed row printed there.
    public var cells: [String: FixedCell]

    private struct SideKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Creates a row.
    public init(index: Int?, cells: [String: FixedCell]) {
        self.index = index
        self.cells = cells
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: SideKey.self)
        index = try c.decodeIfPresent(Int.self, forKey: SideKey(stringValue: "index"))
        var cells: [String: FixedCell] = [:]
        for key in c.allKeys where key.stringValue != "index" {
            cells[key.stringValue] = try c.decode(FixedCell.self, forKey: key)
        }
        self.cells = cells
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: SideKey.self)
        try c.encodeIfPresent(index, forKey: SideKey(stringValue: "index"))
        for (side, cell) in cells { try c.encode(cell, forKey: SideKey(stringValue: side)) }
    }
}

/// One fixed row on one side: its printed label, its key in the data, and
/// the classification code it stands for (the 31 expenditure classes).
public struct FixedCell: Codable, Sendable, Equatable {
    /// The printed label (`一、一般公共预算拨款收入`).
    public var label: String
    /// The key in `DataRow.key`; the label without its ordinal when absent.
    public var key: String
    /// The 类 code the row stands for (`208`), when it is an expenditure class.
    public var code: String?
    /// The keys of the rows (same side) this row is the sum of (`本年收入合计`);
    /// fill-in forms make it a formula.
    public var sum: [String]?

    private enum CodingKeys: String, CodingKey { case label, key, code, sum }

    /// Creates a cell.
    public init(label: String, key: String? = nil, code: String? = nil) {
        self.label = label
        self.key = key ?? FixedCell.key(for: label)
        self.code = code
    }

    /// A plain string is the label; an object may give `key` and `code`.
    public init(from decoder: Decoder) throws {
        if let label = try? decoder.singleValueContainer().decode(String.self) {
            self.init(label: label)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(label: try c.decode(String.self, forKey: .label),
                  key: try c.decodeIfPresent(String.self, forKey: .key),
                  code: try c.decodeIfPresent(String.self, forKey: .code))
        sum = try c.decodeIfPresent([String].self, forKey: .sum)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(label, forKey: .label)
        try c.encode(key, forKey: .key)
        try c.encodeIfPresent(code, forKey: .code)
        try c.encodeIfPresent(sum, forKey: .sum)
    }

    /// The label without its ordinal or `其中：` (`一、一般公共预算拨款收入` → `一般公共预算拨款收入`).
    public static func key(for label: String) -> String {
        var text = Substring(label.trimmingWhitespace)
        if text.hasPrefix("其中：") || text.hasPrefix("其中:") { text = text.dropFirst(3) }
        let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百"]
        if let mark = text.firstIndex(where: { $0 == "、" }),
           text[text.startIndex..<mark].allSatisfy({ numerals.contains($0) || $0.isASCII && $0.isNumber }),
           mark != text.startIndex {
            text = text[text.index(after: mark)...]
        } else if text.first == "（" || text.first == "(" ,
                  let close = text.firstIndex(where: { $0 == "）" || $0 == ")" }),
                  text[text.index(after: text.startIndex)..<close].allSatisfy({ numerals.contains($0) || $0.isNumber }) {
            text = text[text.index(after: close)...]
        }
        return String(text).trimmingWhitespace
    }
}

/// A set of table templates for one region and year (`hebei-2025`).
public struct TemplateSet: Codable, Sendable, Equatable {
    /// The set's id, as named in `Disclosure.template`.
    public var id: String
    /// A readable name (`Hebei 2025`).
    public var name: String
    /// The font used throughout (`SimSun`, i.e. 宋体).
    public var font: String
    /// The money unit the set prints (`万元`).
    public var moneyUnit: String
    /// The title of the 目录 sheet.
    public var contentsTitle: String
    /// The tables, in their official order.
    public var tables: [TableTemplate]

    /// The template of a table id.
    public func table(_ id: String) -> TableTemplate? { tables.first { $0.id == id } }
}
