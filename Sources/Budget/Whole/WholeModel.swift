/// The parts of a disclosure beyond the nine tables: the project performance
/// tables (项目绩效目标表), the government procurement budget (政府采购预算),
/// the fixed assets (部门固定资产占用情况表), the institutions (机构设置) and the
/// 说明 text. Each is optional in `Disclosure`: a unit that only has the nine
/// tables leaves them out, and its JSON and workbook stay as they were.

/// 项目绩效目标表: one project's budget, use of funds, spending plan, goal and indicators.
public struct Project: Codable, Sendable, Equatable {
    /// 项目编码 (`13032125P0086ET100033`).
    public var code: String
    /// 项目名称.
    public var name: String
    /// 预算数.
    public var budget: Amount?
    /// 其中：财政资金.
    public var fiscal: Amount?
    /// 其他资金.
    public var other: Amount?
    /// 资金用途: the free text under 预算规模及资金用途.
    public var purpose: String
    /// 资金支出计划: the cumulative amounts printed under 3月底 / 6月底 / 10月底 / 12月底.
    public var plan: SpendingPlan
    /// 绩效目标.
    public var goal: String
    /// The indicator rows, in printed order.
    public var indicators: [Indicator]

    /// Creates a project.
    public init(code: String, name: String, budget: Amount? = nil, fiscal: Amount? = nil, other: Amount? = nil,
                purpose: String = "", plan: SpendingPlan = SpendingPlan(), goal: String = "", indicators: [Indicator] = []) {
        self.code = code
        self.name = name
        self.budget = budget
        self.fiscal = fiscal
        self.other = other
        self.purpose = purpose
        self.plan = plan
        self.goal = goal
        self.indicators = indicators
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case code, name, budget, fiscal, other, purpose, plan, goal, indicators }

    public init(from decoder: Decoder) throws {
        try rejectUnknownFields(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        budget = try c.decodeIfPresent(Amount.self, forKey: .budget)
        fiscal = try c.decodeIfPresent(Amount.self, forKey: .fiscal)
        other = try c.decodeIfPresent(Amount.self, forKey: .other)
        purpose = try c.decodeIfPresent(String.self, forKey: .purpose) ?? ""
        plan = try c.decodeIfPresent(SpendingPlan.self, forKey: .plan) ?? SpendingPlan()
        goal = try c.decodeIfPresent(String.self, forKey: .goal) ?? ""
        indicators = try c.decodeIfPresent([Indicator].self, forKey: .indicators) ?? []
    }
}

/// 资金支出计划: cumulative amounts by the end of March, June, October and December.
///
/// The printed header says "（%）" but the figures are 万元 amounts; a month
/// left blank in the document is nil here.
public struct SpendingPlan: Codable, Sendable, Equatable {
    /// 3月底.
    public var march: Amount?
    /// 6月底.
    public var june: Amount?
    /// 10月底.
    public var october: Amount?
    /// 12月底.
    public var december: Amount?

    /// The months in printed order, with their labels.
    public static var months: [(label: String, key: WritableKeyPath<SpendingPlan, Amount?>)] {
        [("3月底", \.march), ("6月底", \.june), ("10月底", \.october), ("12月底", \.december)]
    }

    /// Creates a plan.
    public init(march: Amount? = nil, june: Amount? = nil, october: Amount? = nil, december: Amount? = nil) {
        self.march = march
        self.june = june
        self.october = october
        self.december = december
    }

    /// The printed values in month order, blanks left out.
    public var printed: [(label: String, amount: Amount)] {
        Self.months.compactMap { month in self[keyPath: month.key].map { (month.label, $0) } }
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case march, june, october, december }

    public init(from decoder: Decoder) throws {
        try rejectUnknownFields(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        march = try c.decodeIfPresent(Amount.self, forKey: .march)
        june = try c.decodeIfPresent(Amount.self, forKey: .june)
        october = try c.decodeIfPresent(Amount.self, forKey: .october)
        december = try c.decodeIfPresent(Amount.self, forKey: .december)
    }
}

/// One indicator row of a project table: 一级 / 二级 / 三级指标, 绩效指标描述, 指标值, 指标值确定依据.
///
/// `level1` and `level2` hold the category of every row, also where the
/// printed table merges the cell over several rows.
public struct Indicator: Codable, Sendable, Equatable {
    /// 一级指标 (`产出指标`, `效益指标`, `满意度指标`).
    public var level1: String
    /// 二级指标 (`数量指标`, `社会效益指标`…).
    public var level2: String
    /// 三级指标.
    public var level3: String
    /// 绩效指标描述.
    public var description: String
    /// 指标值 (`≥120件`, `≤9 万元`), as printed.
    public var value: String
    /// 指标值确定依据.
    public var basis: String

    /// Creates an indicator row.
    public init(level1: String, level2: String, level3: String, description: String = "", value: String = "", basis: String = "") {
        self.level1 = level1
        self.level2 = level2
        self.level3 = level3
        self.description = description
        self.value = value
        self.basis = basis
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case level1, level2, level3, description, value, basis }

    public init(from decoder: Decoder) throws {
        try rejectUnknownFields(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        level1 = try c.decodeIfPresent(String.self, forKey: .level1) ?? ""
        level2 = try c.decodeIfPresent(String.self, forKey: .level2) ?? ""
        level3 = try c.decodeIfPresent(String.self, forKey: .level3) ?? ""
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        value = try c.decodeIfPresent(String.self, forKey: .value) ?? ""
        basis = try c.decodeIfPresent(String.self, forKey: .basis) ?? ""
    }

    /// The 一级指标 each 二级指标 belongs to in the Hebei template.
    public static let level1Of: [String: String] = [
        "数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "成本指标": "产出指标",
        "经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标", "可持续影响指标": "效益指标",
        "服务对象满意度指标": "满意度指标",
    ]
    /// The 一级指标 names.
    public static let level1Names: Set<String> = ["产出指标", "效益指标", "满意度指标"]
}

/// 部门政府采购预算: the 合计 row, then per unit a 小计 row and its item lines.
public struct Procurement: Codable, Sendable, Equatable {
    /// The amount columns (`values` keys) in printed order.
    public static let columns = ["total", "generalPublic", "governmentFund", "stateCapital", "specialAccount", "unitFunds",
                                 "carryover", "smallBusiness"]

    /// The 合计 row's amounts.
    public var total: [String: Amount]
    /// The units, each with its 小计 and lines.
    public var units: [ProcurementUnit]
    /// Whether the table prints the 上年结转结余 column (some documents do).
    public var carryoverColumn: Bool
    /// The 注 under the table.
    public var note: String?

    /// Creates a procurement table.
    public init(total: [String: Amount] = [:], units: [ProcurementUnit] = [], carryoverColumn: Bool = false, note: String? = nil) {
        self.total = total
        self.units = units
        self.carryoverColumn = carryoverColumn
        self.note = note
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case total, units, carryoverColumn, note }

    public init(from decoder: Decoder) throws {
        try rejectUnknownFields(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        total = try decodeValues(c, .total, allowed: Self.columns)
        units = try c.decodeIfPresent([ProcurementUnit].self, forKey: .units) ?? []
        carryoverColumn = try c.decodeIfPresent(Bool.self, forKey: .carryoverColumn) ?? false
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(total, forKey: .total)
        try c.encode(units, forKey: .units)
        if carryoverColumn { try c.encode(true, forKey: .carryoverColumn) }
        try c.encodeIfPresent(note, forKey: .note)
    }
}

/// One unit of the procurement table: its 小计 and its lines.
public struct ProcurementUnit: Codable, Sendable, Equatable {
    /// The unit's name as printed before `小计` (`青龙满族自治县人力资源和社会保障局本级`).
    public var name: String
    /// The 小计 row's amounts.
    public var subtotal: [String: Amount]
    /// The item lines.
    public var items: [ProcurementItem]

    /// Creates a unit.
    public init(name: String, subtotal: [String: Amount] = [:], items: [ProcurementItem] = []) {
        self.name = name
        self.subtotal = subtotal
        self.items = items
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case name, subtotal, items }

    public init(from decoder: Decoder) throws {
        try rejectUnknownFields(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        subtotal = try decodeValues(c, .subtotal, allowed: Procurement.columns)
        items = try c.decodeIfPresent([ProcurementItem].self, forKey: .items) ?? []
    }
}

/// One line of the procurement table.
public struct ProcurementItem: Codable, Sendable, Equatable {
    /// 政府采购项目来源 · 项目名称 (`公用经费一`).
    public var project: String
    /// 政府采购项目来源 · 预算资金.
    public var projectBudget: Amount?
    /// 采购物品名称.
    public var goods: String
    /// 政府采购目录序号 (`A05040101`).
    public var catalogue: String
    /// 计量单位.
    public var unit: String
    /// 数量.
    public var quantity: Amount?
    /// 单价, as printed (often `0.00` where the price is below 0.005 万元).
    public var unitPrice: Amount?
    /// The amounts by column (`total`, `generalPublic`, …, `smallBusiness`).
    public var values: [String: Amount]

    /// Creates a line.
    public init(project: String, projectBudget: Amount? = nil, goods: String, catalogue: String = "", unit: String = "",
                quantity: Amount? = nil, unitPrice: Amount? = nil, values: [String: Amount] = [:]) {
        self.project = project
        self.projectBudget = projectBudget
        self.goods = goods
        self.catalogue = catalogue
        self.unit = unit
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.values = values
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case project, projectBudget, goods, catalogue, unit, quantity, unitPrice, values }

    public init(from decoder: Decoder) throws {
        try rejectUnknownFields(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        project = try c.decodeIfPresent(String.self, forKey: .project) ?? ""
        projectBudget = try c.decodeIfPresent(Amount.self, forKey: .projectBudget)
        goods = try c.decodeIfPresent(String.self, forKey: .goods) ?? ""
        catalogue = try c.decodeIfPresent(String.self, forKey: .catalogue) ?? ""
        unit = try c.decodeIfPresent(String.self, forKey: .unit) ?? ""
        quantity = try c.decodeIfPresent(Amount.self, forKey: .quantity)
        unitPrice = try c.decodeIfPresent(Amount.self, forKey: .unitPrice)
        values = try decodeValues(c, .values, allowed: Procurement.columns)
    }
}

/// 部门固定资产占用情况表: the fixed rows with 数量 and 价值, and the date they stand at.
public struct FixedAssets: Codable, Sendable, Equatable {
    /// 截止时间 as printed (`2024-12-31`).
    public var asOf: String?
    /// One row per fixed row key (`资产总额`, `房屋`, `办公用房`, `车辆`, `大型设备`, `其他固定资产`),
    /// with values `quantity` (数量) and `value` (价值).
    public var rows: [DataRow]

    /// Creates the table.
    public init(asOf: String? = nil, rows: [DataRow] = []) {
        self.asOf = asOf
        self.rows = rows
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case asOf, rows }

    public init(from decoder: Decoder) throws {
        try rejectUnknownFields(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        asOf = try c.decodeIfPresent(String.self, forKey: .asOf)
        rows = try c.decodeIfPresent([DataRow].self, forKey: .rows) ?? []
    }

    /// The row of a key.
    public func row(_ key: String) -> DataRow? { rows.first { $0.key == key } }
}

/// 部门机构设置情况: one unit of the department.
public struct Institution: Codable, Sendable, Equatable {
    /// 单位名称.
    public var name: String
    /// 单位性质 (`行政`, `事业`).
    public var nature: String
    /// 单位规格 (`正科级`).
    public var rank: String
    /// 经费保障形式 (`财政拨款`).
    public var funding: String

    /// Creates an institution.
    public init(name: String, nature: String = "", rank: String = "", funding: String = "") {
        self.name = name
        self.nature = nature
        self.rank = rank
        self.funding = funding
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case name, nature, rank, funding }

    public init(from decoder: Decoder) throws {
        try rejectUnknownFields(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        nature = try c.decodeIfPresent(String.self, forKey: .nature) ?? ""
        rank = try c.decodeIfPresent(String.self, forKey: .rank) ?? ""
        funding = try c.decodeIfPresent(String.self, forKey: .funding) ?? ""
    }
}

/// 部门预算信息公开情况说明: its title, opening paragraph and sections 一…十.
public struct Explanation: Codable, Sendable, Equatable {
    /// The heading (`青龙满族自治县人力资源和社会保障局 2025 年部门预算信息公开情况说明`).
    public var title: String?
    /// The paragraph before section 一.
    public var preamble: String?
    /// The sections in order.
    public var sections: [ExplanationSection]

    /// Creates a 说明.
    public init(title: String? = nil, preamble: String? = nil, sections: [ExplanationSection] = []) {
        self.title = title
        self.preamble = preamble
        self.sections = sections
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case title, preamble, sections }

    public init(from decoder: Decoder) throws {
        try rejectUnknownFields(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        preamble = try c.decodeIfPresent(String.self, forKey: .preamble)
        sections = try c.decodeIfPresent([ExplanationSection].self, forKey: .sections) ?? []
    }

    /// The section of a number (`二`).
    public func section(_ number: String) -> ExplanationSection? { sections.first { $0.number == number } }
}

/// One section of the 说明 (`二、部门预算安排的总体情况`).
public struct ExplanationSection: Codable, Sendable, Equatable {
    /// The Chinese numeral (`二`).
    public var number: String
    /// The heading without its numeral (`部门预算安排的总体情况`).
    public var title: String
    /// The text, one paragraph per line; empty when the section has only tables.
    public var text: String
    /// Whether `generate` writes the standard wording of this section from
    /// the tables (sections 二, 三 and 四) instead of `text`.
    public var standard: Bool

    /// Creates a section.
    public init(number: String, title: String, text: String = "", standard: Bool = false) {
        self.number = number
        self.title = title
        self.text = text
        self.standard = standard
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case number, title, text, standard }

    public init(from decoder: Decoder) throws {
        try rejectUnknownFields(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        number = try c.decode(String.self, forKey: .number)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        standard = try c.decodeIfPresent(Bool.self, forKey: .standard) ?? false
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(title, forKey: .title)
        try c.encode(text, forKey: .text)
        if standard { try c.encode(true, forKey: .standard) }
    }

    /// The paragraphs of the text.
    public var paragraphs: [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
}

/// Decodes an amounts object whose keys must be among `allowed`.
private func decodeValues<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K, allowed: [String]) throws -> [String: Amount] {
    let raw = try c.decodeIfPresent([String: Amount?].self, forKey: key) ?? [:]
    for name in raw.keys.sorted() where !allowed.contains(name) {
        throw DecodingError.dataCorruptedError(
            forKey: key, in: c,
            debugDescription: "unknown column \"\(name)\" (columns: \(allowed.joined(separator: ", ")))")
    }
    return raw.compactMapValues { $0 }
}
