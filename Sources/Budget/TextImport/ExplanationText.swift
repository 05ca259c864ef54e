import Foundation

/// Reading the 说明: its sections, the 机构设置 table, the 项目绩效目标表, the
/// 政府采购预算 and the 固定资产 table.
extension TextParser {
    static let numerals: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10]

    /// `二、部门预算安排的总体情况` → (2, "二", "部门预算安排的总体情况").
    static func sectionHeading(_ line: TextLine) -> (value: Int, number: String, title: String)? {
        guard line.isSingle, let mark = line.text.firstIndex(of: "、") else { return nil }
        let number = String(line.text[..<mark])
        guard !number.isEmpty, number.count <= 3, number.allSatisfy({ numerals[$0] != nil }) else { return nil }
        var value = 0
        if number == "十" { value = 10 } else if number.hasPrefix("十") { value = 10 + (numerals[number.last ?? "一"] ?? 0) }
        else if number.hasSuffix("十") { value = (numerals[number.first ?? "一"] ?? 0) * 10 }
        else if number.count == 1 { value = numerals[number.first ?? "一"] ?? 0 }
        else { value = (numerals[number.first ?? "一"] ?? 0) * 10 + (numerals[number.last ?? "一"] ?? 0) }
        let title = String(line.text[line.text.index(after: mark)...]).trimmingWhitespace
        guard !title.isEmpty else { return nil }
        return (value, number, title)
    }

    /// The next line that starts a section of the 说明 (numbered above `after`), or a table title.
    func startsSection(_ line: TextLine, after: Int) -> Bool {
        if let heading = Self.sectionHeading(line), heading.value > after { return true }
        return tableTitle(line) != nil
    }

    mutating func parseExplanation() {
        var explanation = Explanation(title: lines[i].text)
        i += 1
        var preamble: [String] = []
        var last = 0
        while let line = current {
            if line.isBlank { i += 1; continue }
            if tableTitle(line) != nil { break }
            if let heading = Self.sectionHeading(line), heading.value > last {
                i += 1
                last = heading.value
                let section = parseSection(number: heading.number, value: heading.value, title: heading.title)
                explanation.sections.append(section)
                continue
            }
            if last == 0 && line.isSingle {
                preamble.append(line.text)
            } else {
                unplaced(line, "a table row in the 说明 outside any known table")
            }
            i += 1
        }
        if !preamble.isEmpty { explanation.preamble = preamble.joined(separator: "\n") }
        self.explanation = explanation
    }

    /// Reads one section's paragraphs and the tables it holds, up to the next section.
    mutating func parseSection(number: String, value: Int, title: String) -> ExplanationSection {
        var paragraphs: [String] = []
        if value == 6 {
            parseProjects(section: value)
            return ExplanationSection(number: number, title: title)
        }
        while let line = current, !startsSection(line, after: value) {
            i += 1
            if line.isBlank { continue }
            let key = TextLine.key(line.text)
            if line.isSingle && key == TextLine.key(sections.institutions.title) {
                parseInstitutions(section: value)
            } else if line.isSingle && key == TextLine.key(sections.procurement.title) {
                parseProcurement(section: value)
            } else if line.isSingle && key == TextLine.key(sections.assets.title) {
                parseAssets(section: value)
            } else if line.isSingle {
                paragraphs.append(line.text)
            } else {
                unplaced(line, "a table row in 说明\(number) outside any known table")
            }
        }
        return ExplanationSection(number: number, title: title, text: paragraphs.joined(separator: "\n"))
    }

    // MARK: 机构设置

    mutating func parseInstitutions(section: Int) {
        let layout = sections.institutions
        let labels = layout.header.map { TextLine.key($0.label) }
        var list: [Institution] = []
        while let line = current, !startsSection(line, after: section) {
            if line.isBlank { i += 1; continue }
            if line.isSingle { break }
            i += 1
            if line.cells.map(TextLine.key) == labels { continue }
            guard line.filled.count <= labels.count else {
                unplaced(line, "more cells than the 机构设置 table has columns")
                continue
            }
            var values: [String: String] = [:]
            for (column, node) in layout.header.enumerated() { values[node.field ?? ""] = line.cell(column) }
            list.append(Institution(name: values["name"] ?? "", nature: values["nature"] ?? "", rank: values["rank"] ?? "",
                                    funding: values["funding"] ?? ""))
        }
        institutions = (institutions ?? []) + list
    }

    // MARK: 政府采购预算

    mutating func parseProcurement(section: Int) {
        let layout = sections.procurement
        let leaves = layout.header.flatMap(\.leaves)
        let moneyNode = layout.header.first { ($0.children ?? []).contains { $0.field == "total" } }
        let fieldOfLabel = Dictionary((moneyNode?.children ?? []).map { (TextLine.key($0.label), $0.field ?? "") },
                                      uniquingKeysWith: { a, _ in a })
        let fixedFields = leaves.prefix { $0.field != "total" }.compactMap(\.field)
        var result = procurement ?? Procurement()
        var fundFields: [String] = []
        while let line = current, !startsSection(line, after: section) {
            i += 1
            if line.isBlank { continue }
            if pageHeader(line) { continue }
            let head = line.head
            if head.hasPrefix(TextLine.key(layout.header.first?.label ?? "政府采购项目来源")) { continue }
            if head == TextLine.key(layout.header.first?.children?.first?.label ?? "项目名称") {
                // The second header row: the amount columns, read by their labels.
                let cells = line.cells.map(TextLine.key)
                guard let start = cells.firstIndex(of: TextLine.key(layout.totalLabel)) else {
                    unplaced(line, "a 政府采购 header row without 合计")
                    continue
                }
                let labelled = cells.enumerated().filter { $0.offset >= start && !$0.element.isEmpty }
                fundFields = []
                for (k, item) in labelled.enumerated() {
                    guard let field = fieldOfLabel[item.element] else {
                        unplaced(line, "unknown 政府采购 column \"\(item.element)\"")
                        continue
                    }
                    fundFields.append(field)
                    if item.offset != start + k {
                        note(line, .repaired, "header row shifted: \"\(item.element)\" stands at column \(item.offset + 1), the data rows have it at column \(start + k + 1); read by the order of the labels")
                    }
                }
                if fundFields.contains("carryover") { result.carryoverColumn = true }
                continue
            }
            if head.hasPrefix("注") && line.filled.count == 1 {
                result.note = (result.note.map { $0 + "\n" } ?? "") + line.text
                continue
            }
            if line.isSingle { unplaced(line, "text inside the 政府采购 table"); continue }
            if fundFields.isEmpty { fundFields = ["total", "generalPublic", "governmentFund", "stateCapital", "specialAccount", "unitFunds"] }
            let first = fixedFields.count
            var values: [String: Amount] = [:]
            var bad: [String] = []
            func amount(_ text: String) -> Amount? {
                if text.isEmpty { return nil }
                if let value = Amount(text) { return value }
                bad.append(text)
                return nil
            }
            for (k, field) in fundFields.enumerated() { values[field] = amount(line.cell(first + k)) }
            let shareColumn = first + fundFields.count
            values["smallBusiness"] = amount(line.cell(shareColumn))
            let beyond = line.cells.enumerated().filter { $0.offset > shareColumn && !$0.element.isEmpty }
            if !beyond.isEmpty {
                unplaced(line, "more cells than the 政府采购 table has columns")
                continue
            }
            values = values.compactMapValues { $0 }
            let label = line.cell(0)
            if TextLine.key(label) == TextLine.key(layout.totalLabel) {
                result.total = values
            } else if label.hasSuffix(layout.subtotalSuffix) {
                result.units.append(ProcurementUnit(name: String(label.dropLast(layout.subtotalSuffix.count)), subtotal: values))
            } else {
                guard !result.units.isEmpty else {
                    unplaced(line, "a 政府采购 line before any 小计 row")
                    continue
                }
                var cells: [String: String] = [:]
                for (k, field) in fixedFields.enumerated() { cells[field] = line.cell(k) }
                let item = ProcurementItem(project: cells["project"] ?? "", projectBudget: amount(cells["projectBudget"] ?? ""),
                                           goods: cells["goods"] ?? "", catalogue: cells["catalogue"] ?? "",
                                           unit: cells["unit"] ?? "", quantity: amount(cells["quantity"] ?? ""),
                                           unitPrice: amount(cells["unitPrice"] ?? ""), values: values)
                result.units[result.units.count - 1].items.append(item)
            }
            for text in bad { note(line, .unplaced, "\"\(text)\" in the 政府采购 table is not a number; left blank") }
        }
        procurement = result
    }

    // MARK: 固定资产

    mutating func parseAssets(section: Int) {
        let layout = sections.assets
        var rows: [String: DataRow] = [:]
        var result = assets ?? FixedAssets()
        while let line = current, !startsSection(line, after: section) {
            if line.isBlank { i += 1; continue }
            if line.isSingle && !line.head.hasPrefix(TextLine.key(layout.asOfLabel)) && Self.unitLine(line) == nil { break }
            i += 1
            if pageHeader(line) { continue }
            if line.head.hasPrefix(TextLine.key(layout.asOfLabel)) {
                result.asOf = String(line.head.dropFirst(TextLine.key(layout.asOfLabel).count))
                continue
            }
            if line.cells.map(TextLine.key) == layout.header.map({ TextLine.key($0.label) }) { continue }
            let label = TextLine.key(line.cell(0))
            guard let fixed = layout.rows.first(where: { TextLine.key($0.label) == label || TextLine.key($0.key) == label }) else {
                unplaced(line, "unknown row of \(layout.title)")
                continue
            }
            var values: [String: Amount] = [:]
            for (column, node) in layout.header.enumerated() where node.field != "label" {
                let text = line.cell(column)
                if text.isEmpty { continue }
                if let value = Amount(text) { values[node.field ?? ""] = value } else {
                    note(line, .unplaced, "\"\(text)\" under \(node.label) is not a number; left blank")
                }
            }
            rows[fixed.key] = DataRow(key: fixed.key, values: values)
        }
        result.rows = layout.rows.map { rows[$0.key] ?? DataRow(key: $0.key) }
        assets = result
    }
}
