/// One budget unit's disclosure (部门预算公开): who, which year, and its tables.
///
/// Tables are keyed by the template's table id (`revenue` for 部门预算收入总表…);
/// rows by meaning — a subject code and name, or a fixed row key — never by
/// cell position. Amounts are exact decimals in `moneyUnit`; a value absent
/// from a row is a blank cell, distinct from `"0.00"`.
public struct Disclosure: Codable, Sendable, Equatable {
    /// 预算单位: the unit's code and name (`323`, `青龙满族自治县人力资源和社会保障局`).
    public var unit: BudgetUnit
    /// 预算年度.
    public var year: Int
    /// 金额单位, e.g. `万元` (Hebei) or `元` (Shanghai).
    public var moneyUnit: String
    /// The template set the tables follow, e.g. `hebei-2025`.
    public var template: String
    /// The tables, by table id.
    public var tables: [String: TableData]
    /// 部门机构设置情况 (说明一), when given.
    public var institutions: [Institution]?
    /// 项目绩效目标表, one per project in printed order, when given.
    public var projects: [Project]?
    /// 部门政府采购预算 (说明七), when given.
    public var procurement: Procurement?
    /// 部门固定资产占用情况表 (说明八), when given.
    public var assets: FixedAssets?
    /// The 说明 text, when given.
    public var explanation: Explanation?
    /// For a department roll-up (部门汇总), how many units it sums: each printed
    /// amount may then carry that many units' rounding tails, and validation
    /// widens its 尾差 allowance accordingly.
    public var aggregatedUnits: Int?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case unit, year, moneyUnit, template, tables, institutions, projects, procurement, assets, explanation, aggregatedUnits
    }

    public init(from decoder: Decoder) throws {
        try rejectUnknownFields(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        unit = try c.decode(BudgetUnit.self, forKey: .unit)
        year = try c.decode(Int.self, forKey: .year)
        moneyUnit = try c.decodeIfPresent(String.self, forKey: .moneyUnit) ?? "万元"
        template = try c.decodeIfPresent(String.self, forKey: .template) ?? "hebei-2025"
        tables = try c.decodeIfPresent([String: TableData].self, forKey: .tables) ?? [:]
        institutions = try c.decodeIfPresent([Institution].self, forKey: .institutions)
        projects = try c.decodeIfPresent([Project].self, forKey: .projects)
        procurement = try c.decodeIfPresent(Procurement.self, forKey: .procurement)
        assets = try c.decodeIfPresent(FixedAssets.self, forKey: .assets)
        explanation = try c.decodeIfPresent(Explanation.self, forKey: .explanation)
        aggregatedUnits = try c.decodeIfPresent(Int.self, forKey: .aggregatedUnits)
    }

    /// Creates a disclosure.
    public init(unit: BudgetUnit, year: Int, moneyUnit: String = "万元", template: String = "hebei-2025",
                tables: [String: TableData] = [:]) {
        self.unit = unit
        self.year = year
        self.moneyUnit = moneyUnit
        self.template = template
        self.tables = tables
    }
}

/// 预算单位: a budget unit's code and name.
public struct BudgetUnit: Codable, Sendable, Equatable, Hashable {
    /// 单位编码, e.g. `323`.
    public var code: String
    /// 单位名称.
    public var name: String
    /// Creates a unit.
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// One table's data: its rows and an optional 注 printed under it.
public struct TableData: Codable, Sendable, Equatable {
    /// The rows: for subject tables the 合计 row (key `合计`) and subject rows
    /// in code order; for fixed tables one entry per fixed row key.
    public var rows: [DataRow]
    /// The footnote (注) printed under the table, e.g. `注：无政府性基金预算财政拨款预算，空表列示。`.
    public var note: String?

    /// Creates table data.
    public init(rows: [DataRow] = [], note: String? = nil) {
        self.rows = rows
        self.note = note
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case rows, note }

    public init(from decoder: Decoder) throws {
        try rejectUnknownFields(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rows = try c.decodeIfPresent([DataRow].self, forKey: .rows) ?? []
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    /// The row with a fixed key, if present.
    public func row(key: String) -> DataRow? { rows.first { $0.key == key } }
    /// The row with a subject code, if present.
    public func row(code: String) -> DataRow? { rows.first { $0.code == code } }
    /// Whether the table has no amount at all.
    public var isEmpty: Bool { rows.allSatisfy { $0.values.isEmpty } }
}

/// A row of a table, identified by a fixed key or by a subject code.
public struct DataRow: Codable, Sendable, Equatable {
    /// The fixed row key (`本年收入合计`, `社会保障和就业支出`, `合计`), for fixed rows.
    public var key: String?
    /// 科目编码, for subject rows (`2080101`).
    public var code: String?
    /// 科目名称, for subject rows (`行政运行`).
    public var name: String?
    /// Amounts by column key (`total`, `basic`, `project`…); a missing key is a blank cell.
    public var values: [String: Amount]

    /// Creates a fixed row.
    public init(key: String, values: [String: Amount] = [:]) {
        self.key = key
        self.values = values
    }

    /// Creates a subject row.
    public init(code: String, name: String, values: [String: Amount] = [:]) {
        self.code = code
        self.name = name
        self.values = values
    }

    private enum CodingKeys: String, CodingKey { case key, code, name, values }

    /// One pass over the row's fields: rows are most of a unit's JSON, so
    /// the unknown-field check and the values are done in the same loop.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        var values: [String: Amount] = [:]
        for field in c.allKeys {
            switch field.stringValue {
            case "key": key = try c.decodeIfPresent(String.self, forKey: field)
            case "code": code = try c.decodeIfPresent(String.self, forKey: field)
            case "name": name = try c.decodeIfPresent(String.self, forKey: field)
            case "values":
                if try c.decodeNil(forKey: field) { continue }
                let columns = try c.nestedContainer(keyedBy: AnyKey.self, forKey: field)
                for column in columns.allKeys {
                    // null means blank, exactly like an absent key.
                    if let amount = try columns.decodeIfPresent(Amount.self, forKey: column) { values[column.stringValue] = amount }
                }
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: field, in: c, debugDescription: "unknown field \"\(field.stringValue)\" (expected one of: code, key, name, values)")
            }
        }
        self.values = values
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(key, forKey: .key)
        try c.encodeIfPresent(code, forKey: .code)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encode(values, forKey: .values)
    }

    /// How the row is named in messages: `2080101 行政运行` or `本年收入合计`.
    public var label: String {
        if let code { return [code, name ?? ""].joined(separator: " ").trimmingWhitespace }
        return key ?? name ?? "?"
    }
}

/// A field name the decoder does not know: in a hand-edited file a typo
/// (`vaules`) must not silently drop data.
private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Throws for a field of the decoder's object that is none of `keys`' cases.
func rejectUnknownFields<Keys: CodingKey & CaseIterable>(_ decoder: Decoder, _ keys: Keys.Type) throws {
    let known = Set(Keys.allCases.map(\.stringValue))
    let container = try decoder.container(keyedBy: AnyKey.self)
    for key in container.allKeys where !known.contains(key.stringValue) {
        throw DecodingError.dataCorruptedError(
            forKey: key, in: container,
            debugDescription: "unknown field \"\(key.stringValue)\" (expected one of: \(known.sorted().joined(separator: ", ")))")
    }
}
