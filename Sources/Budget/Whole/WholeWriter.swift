import XLSX

/// The sheets written after the nine tables, in this order: the 说明 text,
/// 部门机构设置情况, one sheet per 项目绩效目标表 (`项目1 劳动监察仲裁办案经费`,
/// cut to Excel's 31 characters), 部门政府采购预算, 部门固定资产占用情况表.
/// Each is listed and linked in the 目录. A disclosure without these parts
/// gets none of them.
struct WholeSheets {
    /// One sheet to write.
    struct Entry {
        enum Kind: Equatable { case explanation, institutions, project(Int), procurement, assets }
        /// What the 目录 shows.
        var title: String
        /// The legal, unique sheet name.
        var sheetName: String
        /// What goes on it.
        var kind: Kind
    }

    let layouts: SectionTemplates
    let entries: [Entry]

    /// The sheets of the parts `disclosure` has; nil when it has none.
    init?(disclosure: Disclosure, taken: [String], templatesDirectory: String? = nil) throws {
        let d = disclosure
        let hasAny = d.explanation != nil || d.institutions != nil || d.projects != nil || d.procurement != nil || d.assets != nil
        guard hasAny else { return nil }
        let layouts = try SectionTemplates.find(set: d.template, directory: templatesDirectory)
        self.layouts = layouts
        var used = Set(taken.map { $0.lowercased() } + ["目录", ListSheet.findingsName.lowercased()])
        func unique(_ wanted: String) -> String {
            let base = SheetName.sanitize(wanted)
            var name = base
            var n = 2
            while used.contains(name.lowercased()) {
                let suffix = "(\(n))"
                name = String(base.prefix(SheetName.maxLength - suffix.count)) + suffix
                n += 1
            }
            used.insert(name.lowercased())
            return name
        }
        var entries: [Entry] = []
        if let explanation = d.explanation {
            entries.append(Entry(title: explanation.title ?? Self.explanationTitle(layouts, d), sheetName: unique(layouts.explanation.sheetName),
                                 kind: .explanation))
        }
        if d.institutions != nil {
            entries.append(Entry(title: layouts.institutions.title, sheetName: unique(layouts.institutions.sheetName), kind: .institutions))
        }
        for (i, project) in (d.projects ?? []).enumerated() {
            entries.append(Entry(title: Self.fill(layouts.project.title, number: i + 1, name: project.name),
                                 sheetName: unique(Self.fill(layouts.project.sheetName, number: i + 1, name: project.name)),
                                 kind: .project(i)))
        }
        if d.procurement != nil {
            entries.append(Entry(title: layouts.procurement.title, sheetName: unique(layouts.procurement.sheetName), kind: .procurement))
        }
        if d.assets != nil {
            entries.append(Entry(title: layouts.assets.title, sheetName: unique(layouts.assets.sheetName), kind: .assets))
        }
        self.entries = entries
    }

    static func fill(_ pattern: String, number: Int, name: String) -> String {
        pattern.replacingOccurrences(of: "{number}", with: String(number)).replacingOccurrences(of: "{name}", with: name)
    }

    static func explanationTitle(_ layouts: SectionTemplates, _ d: Disclosure) -> String {
        layouts.explanation.title.replacingOccurrences(of: "{unit}", with: d.unit.name)
            .replacingOccurrences(of: "{year}", with: String(d.year))
    }

    /// Writes every sheet.
    func write(_ disclosure: Disclosure, to workbook: Workbook, styles: SheetStyles, set: TemplateSet) throws {
        for entry in entries {
            let sheet = try workbook.addWorksheet(named: entry.sheetName)
            let writer = WholeSheetWriter(sheet: sheet, styles: styles, disclosure: disclosure, layouts: layouts)
            switch entry.kind {
            case .explanation:
                let text = try NarrativeComposer.resolved(disclosure, set: set)
                try writer.writeExplanation(text, title: entry.title)
            case .institutions: try writer.writeInstitutions(disclosure.institutions ?? [])
            case .project(let i):
                guard let project = disclosure.projects?[safe: i] else { continue }
                try writer.writeProject(project, title: entry.title)
            case .procurement:
                guard let procurement = disclosure.procurement else { continue }
                try writer.writeProcurement(procurement)
            case .assets:
                guard let assets = disclosure.assets else { continue }
                try writer.writeAssets(assets)
            }
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// Writes one of the additional sheets.
struct WholeSheetWriter {
    let sheet: Worksheet
    let styles: SheetStyles
    let disclosure: Disclosure
    let layouts: SectionTemplates

    private func range(_ row: Int, _ columns: ClosedRange<Int>, toRow: Int? = nil) -> CellRange {
        CellRange(CellReference(uncheckedRow: row, column: columns.lowerBound),
                  CellReference(uncheckedRow: toRow ?? row, column: columns.upperBound))
    }

    /// Text over columns (merged when more than one cell).
    private func put(_ text: String, _ row: Int, _ columns: ClosedRange<Int>, _ style: Style, toRow: Int? = nil) throws {
        let r = range(row, columns, toRow: toRow)
        if r.first != r.last {
            try sheet.merge(r, text: text, style: style)
        } else {
            try sheet.write(text, row: row, column: columns.lowerBound, style: style)
        }
    }

    /// An amount over columns; a blank stays blank.
    private func put(_ amount: Amount?, _ row: Int, _ columns: ClosedRange<Int>) throws {
        if columns.count > 1 { try sheet.merge(range(row, columns), text: "", style: styles.amount) }
        if let amount {
            try sheet.write(amount.doubleValue, row: row, column: columns.lowerBound, style: styles.amount)
        } else if columns.count == 1 {
            try sheet.writeBlank(row: row, column: columns.lowerBound, style: styles.amount)
        }
    }

    private func height(_ text: String, width: Double) -> Double {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { SheetWriter.lines(TextWidth.of(String($0)), in: width) }.reduce(0, +)
        return Double(max(lines, 1)) * SheetStyles.lineHeight + 6
    }

    private func setup(repeatRows: ClosedRange<Int>?, landscape: Bool) throws {
        try sheet.setPageSetup(.disclosureTable(landscape: landscape, repeatRows: repeatRows))
    }

    private var unitLine: String { "\(disclosure.unit.code) \(disclosure.unit.name)" }

    // MARK: 说明

    /// The 说明: the title, the opening paragraph, then each section heading and its paragraphs, one per row, wrapped.
    func writeExplanation(_ explanation: Explanation, title: String) throws {
        let width = layouts.explanation.width
        try sheet.setColumnWidth(width, columns: 0...0)
        try sheet.write(title, row: 0, column: 0, style: styles.title)
        try sheet.setRowHeight(height(title, width: width / 1.6), row: 0)
        var row = 2
        func paragraph(_ text: String, _ style: Style) throws {
            try sheet.write(text, row: row, column: 0, style: style)
            try sheet.setRowHeight(height(text, width: width), row: row)
            row += 1
        }
        if let preamble = explanation.preamble, !preamble.isEmpty {
            for line in preamble.split(separator: "\n") { try paragraph(String(line), styles.note) }
        }
        for section in explanation.sections {
            try paragraph("\(section.number)、\(section.title)", try styles.sectionHeadingStyle())
            for line in section.paragraphs { try paragraph(line, styles.note) }
        }
        try setup(repeatRows: nil, landscape: false)
    }

    // MARK: 机构设置

    func writeInstitutions(_ institutions: [Institution]) throws {
        let layout = layouts.institutions
        let last = layout.header.count - 1
        try put(layout.title, 0, 0...last, styles.title)
        try sheet.setRowHeight(30, row: 0)
        try put(unitLine, 1, 0...last, styles.infoLeft)
        for (column, node) in layout.header.enumerated() {
            try sheet.write(node.label, row: 2, column: column, style: styles.header)
            var width = Double(TextWidth.of(node.label) + 2)
            for institution in institutions { width = max(width, Double(TextWidth.of(Self.field(institution, node.field)) + 2)) }
            try sheet.setColumnWidth(max(width, node.minWidth ?? 0), columns: column...column)
        }
        for (i, institution) in institutions.enumerated() {
            for (column, node) in layout.header.enumerated() {
                try sheet.write(Self.field(institution, node.field), row: 3 + i, column: column, style: styles.text)
            }
        }
        try setup(repeatRows: 0...2, landscape: false)
    }

    static func field(_ institution: Institution, _ field: String?) -> String {
        switch field {
        case "name": return institution.name
        case "nature": return institution.nature
        case "rank": return institution.rank
        case "funding": return institution.funding
        default: return ""
        }
    }

    // MARK: 项目绩效目标表

    /// Rows of a project sheet, fixed by the layout.
    enum ProjectRows {
        static let title = 0, unit = 1, code = 2, budget = 3, purpose = 4, months = 5, plan = 6, goal = 7, header = 8, body = 9
    }

    func writeProject(_ project: Project, title: String) throws {
        let layout = layouts.project
        let last = layout.widths.count - 1
        for (column, width) in layout.widths.enumerated() { try sheet.setColumnWidth(width, columns: column...column) }
        func width(_ columns: ClosedRange<Int>) -> Double { columns.map { layout.widths[$0] }.reduce(0, +) }
        let R = ProjectRows.self
        try put(title, R.title, 0...last, styles.title)
        try sheet.setRowHeight(max(30, height(title, width: width(0...last) / 1.6)), row: R.title)
        try put("单位：\(disclosure.moneyUnit)", R.unit, 0...last, styles.infoRight)

        // 项目编码 | code | 项目名称 | name
        try sheet.write(layout.label("code"), row: R.code, column: 0, style: styles.header)
        try put(project.code, R.code, 1...2, styles.code)
        try sheet.write(layout.label("name"), row: R.code, column: 3, style: styles.header)
        try put(project.name, R.code, 4...last, styles.text)
        try sheet.setRowHeight(height(project.name, width: width(4...last)), row: R.code)

        // 预算规模及资金用途 over two rows: the amounts, then the use of funds.
        try put(layout.label("budgetBlock"), R.budget, 0...0, styles.header, toRow: R.purpose)
        try sheet.write(layout.label("budget"), row: R.budget, column: 1, style: styles.header)
        try put(project.budget, R.budget, 2...2)
        try sheet.write(layout.label("fiscal"), row: R.budget, column: 3, style: styles.header)
        try put(project.fiscal, R.budget, 4...4)
        try sheet.write(layout.label("other"), row: R.budget, column: 5, style: styles.header)
        try put(project.other, R.budget, 6...last)
        try put(project.purpose, R.purpose, 1...last, styles.text)
        try sheet.setRowHeight(height(project.purpose, width: width(1...last)), row: R.purpose)

        // 资金支出计划 over two rows: the months, then the amounts.
        try put(layout.label("plan"), R.months, 0...0, styles.header, toRow: R.plan)
        for (month, span) in zip(SpendingPlan.months, layout.months) {
            try put(span.label, R.months, span.range, styles.header)
            try put(project.plan[keyPath: month.key], R.plan, span.range)
        }
        try sheet.setRowHeight(height(layout.label("plan"), width: layout.widths[0]) / 2 + 4, row: R.months)

        try sheet.write(layout.label("goal"), row: R.goal, column: 0, style: styles.header)
        try put(project.goal, R.goal, 1...last, styles.text)
        try sheet.setRowHeight(height(project.goal, width: width(1...last)), row: R.goal)

        for span in layout.indicators { try put(span.label, R.header, span.range, styles.header) }

        // The indicator rows; 一级 merged down over its run, 二级 over its run within it.
        let rows = project.indicators
        func runs(_ same: (Indicator, Indicator) -> Bool) -> [ClosedRange<Int>] {
            var result: [ClosedRange<Int>] = []
            var start = 0
            for i in rows.indices where i == rows.count - 1 || !same(rows[i], rows[i + 1]) {
                result.append(start...i)
                start = i + 1
            }
            return result
        }
        let level1Runs = runs { $0.level1 == $1.level1 }
        let level2Runs = runs { $0.level1 == $1.level1 && $0.level2 == $1.level2 }
        for (span, field) in zip(layout.indicators, ["level1", "level2"]) {
            for run in field == "level1" ? level1Runs : level2Runs {
                let text = field == "level1" ? rows[run.lowerBound].level1 : rows[run.lowerBound].level2
                try put(text, R.body + run.lowerBound, span.range, styles.header, toRow: R.body + run.upperBound)
            }
        }
        for (i, indicator) in rows.enumerated() {
            var lines = 1.0
            for span in layout.indicators where span.field != "level1" && span.field != "level2" {
                let text = Self.field(indicator, span.field)
                try put(text, R.body + i, span.range, styles.text)
                lines = max(lines, height(text, width: width(span.range)))
            }
            try sheet.setRowHeight(lines, row: R.body + i)
        }
        try sheet.freezePanes(row: R.body, column: 0)
        try setup(repeatRows: R.header...R.header, landscape: true)
    }

    static func field(_ indicator: Indicator, _ field: String?) -> String {
        switch field {
        case "level1": return indicator.level1
        case "level2": return indicator.level2
        case "level3": return indicator.level3
        case "description": return indicator.description
        case "value": return indicator.value
        case "basis": return indicator.basis
        default: return ""
        }
    }

    // MARK: 部门政府采购预算

    /// Where the procurement table sits: title, unit line, two header rows, body.
    static func procurementLayout(_ layouts: SectionTemplates, year: Int, carryover: Bool) -> TableLayout {
        let header = layouts.procurementHeader(year: year, carryover: carryover)
        return TableLayout(TableTemplate(id: "procurement", number: 0, title: layouts.procurement.title, sheetName: nil,
                                         kind: .fixed, codeKind: nil, header: header, rows: nil, totalLabel: nil,
                                         numberFormat: nil, footnote: nil))
    }

    func writeProcurement(_ procurement: Procurement) throws {
        let layout = Self.procurementLayout(layouts, year: disclosure.year, carryover: procurement.carryoverColumn)
        let columns = layout.columns
        let last = layout.lastColumn
        try put(layouts.procurement.title, 0, 0...last, styles.title)
        try sheet.setRowHeight(30, row: 0)
        try put(unitLine, 1, 0...(last / 2), styles.infoLeft)
        try put("单位：\(disclosure.moneyUnit)", 1, (last / 2 + 1)...last, styles.infoRight)
        for cell in layout.headerCells {
            if cell.isMerged {
                try sheet.merge(cell.range, text: cell.label, style: styles.header)
            } else {
                try sheet.write(cell.label, row: cell.range.first.row, column: cell.range.first.column, style: styles.header)
            }
        }
        var row = layout.headerFirstRow + layout.headerDepth
        let bodyFirst = row
        var widths = columns.map { max(Double(TextWidth.of($0.label) / 2 + 3), $0.minWidth ?? 0) }
        func writeAmounts(_ values: [String: Amount], label: String?, item: ProcurementItem?) throws {
            for (column, node) in columns.enumerated() {
                let field = node.field ?? ""
                var text: String?
                var amount: Amount?
                switch field {
                case "project": text = item?.project ?? label ?? ""
                case "projectBudget": amount = item?.projectBudget
                case "goods": text = item?.goods ?? ""
                case "catalogue": text = item?.catalogue ?? ""
                case "unit": text = item?.unit ?? ""
                case "quantity": amount = item?.quantity
                case "unitPrice": amount = item?.unitPrice
                default: amount = values[field]
                }
                if let text {
                    try sheet.write(text, row: row, column: column, style: field == "catalogue" ? styles.code : styles.text)
                    widths[column] = max(widths[column], min(Double(TextWidth.of(text) + 2), 40))
                } else if let amount {
                    let style = try field == "quantity" ? styles.quantityStyle() : styles.amount
                    try sheet.write(amount.doubleValue, row: row, column: column, style: style)
                } else {
                    try sheet.writeBlank(row: row, column: column, style: styles.amount)
                }
            }
            row += 1
        }
        try writeAmounts(procurement.total, label: layouts.procurement.totalLabel, item: nil)
        for unit in procurement.units {
            try writeAmounts(unit.subtotal, label: unit.name + layouts.procurement.subtotalSuffix, item: nil)
            for item in unit.items { try writeAmounts(item.values, label: nil, item: item) }
        }
        for (column, width) in widths.enumerated() { try sheet.setColumnWidth(width, columns: column...column) }
        for (i, height) in [28.0, 40.0].enumerated() where i < layout.headerDepth {
            try sheet.setRowHeight(height, row: layout.headerFirstRow + i)
        }
        if let note = procurement.note, !note.isEmpty {
            try put(note, row + 1, 0...last, styles.note)
            try sheet.setRowHeight(height(note, width: widths.reduce(0, +)), row: row + 1)
        }
        try sheet.freezePanes(row: bodyFirst, column: 0)
        try setup(repeatRows: 0...(bodyFirst - 1), landscape: true)
    }

    // MARK: 部门固定资产占用情况表

    func writeAssets(_ assets: FixedAssets) throws {
        let layout = layouts.assets
        let last = layout.header.count - 1
        try put(layout.title, 0, 0...last, styles.title)
        try sheet.setRowHeight(30, row: 0)
        try put(unitLine, 1, 0...last, styles.infoLeft)
        try put(layout.asOfLabel + (assets.asOf ?? ""), 2, 0...last, styles.infoLeft)
        for (column, node) in layout.header.enumerated() {
            try sheet.write(node.label, row: 3, column: column, style: styles.header)
            try sheet.setColumnWidth(max(Double(TextWidth.of(node.label) + 2), node.minWidth ?? 0), columns: column...column)
        }
        for (i, fixed) in layout.rows.enumerated() {
            let row = 4 + i
            let data = assets.row(fixed.key)
            for (column, node) in layout.header.enumerated() {
                if node.field == "label" {
                    try sheet.write(fixed.label, row: row, column: column, style: styles.text)
                } else if let value = data?.values[node.field ?? ""] {
                    try sheet.write(value.doubleValue, row: row, column: column,
                                    style: try node.field == "quantity" ? styles.quantityStyle() : styles.amount)
                } else {
                    try sheet.writeBlank(row: row, column: column, style: styles.amount)
                }
            }
        }
        try setup(repeatRows: nil, landscape: false)
    }
}

extension SheetStyles {
    /// A count (数量): boxed, right-aligned, shown as stored.
    func quantityStyle() throws -> Style {
        try workbook.style(boxed.with(\.horizontal, .right).with(\.numberFormat, "General"))
    }

    /// A 说明 section heading: bold, left, no border.
    func sectionHeadingStyle() throws -> Style {
        var format = boxed
        format.border = .none
        return try workbook.style(format.with(\.bold, true).with(\.horizontal, .left).with(\.wrap, true))
    }
}
