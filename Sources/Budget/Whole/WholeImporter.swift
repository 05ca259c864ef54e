import XLSX

/// Reads the sheets `WholeSheets` writes back into the model: the 说明, the
/// 机构设置 table, each project table (a sheet with 项目编码 in A3), the
/// procurement table and the fixed assets table, each found by its title
/// or labels rather than its sheet name.
struct WholeImporter {
    let layouts: SectionTemplates

    /// Fills the optional parts of `disclosure` from the sheets that hold them; returns the problems found.
    func read(_ grids: [CellGrid], into disclosure: inout Disclosure) -> [String] {
        var problems: [String] = []
        var projects: [Project] = []
        for grid in grids where grid.lastRow >= 0 {
            let a1 = CellText.squashed(grid.text(0, 0))
            if CellText.squashed(grid.text(2, 0)) == CellText.squashed(layouts.project.label("code")) {
                projects.append(readProject(grid, problems: &problems))
            } else if a1.hasSuffix("部门预算信息公开情况说明") {
                disclosure.explanation = readExplanation(grid)
            } else if a1 == CellText.squashed(layouts.institutions.title) {
                disclosure.institutions = readInstitutions(grid)
            } else if a1 == CellText.squashed(layouts.procurement.title) {
                disclosure.procurement = readProcurement(grid, year: disclosure.year, problems: &problems)
            } else if a1 == CellText.squashed(layouts.assets.title) {
                disclosure.assets = readAssets(grid, problems: &problems)
            }
        }
        if !projects.isEmpty { disclosure.projects = projects }
        return problems
    }

    /// The value of a cell, or of the merged range that covers it.
    private func text(_ grid: CellGrid, _ row: Int, _ column: Int) -> String {
        let cell = CellReference(uncheckedRow: row, column: column)
        if let range = grid.merges.first(where: { $0.contains(cell) }) {
            return grid.text(range.first.row, range.first.column)
        }
        return grid.text(row, column)
    }

    private func amount(_ grid: CellGrid, _ row: Int, _ column: Int, problems: inout [String]) -> Amount? {
        guard let cell = grid[row, column] else { return nil }
        switch cell.value {
        case .number(let text, _): return Amount(text)
        case .string(let text):
            if text.trimmingWhitespace.isEmpty { return nil }
            if let value = CellText.lenientAmount(text) { return value }
            problems.append("\(grid.reference(row, column)): \"\(text)\" is not an amount")
            return nil
        default:
            problems.append("\(grid.reference(row, column)): \(cell.value.text) is not an amount")
            return nil
        }
    }

    // MARK: 说明

    private func readExplanation(_ grid: CellGrid) -> Explanation {
        var explanation = Explanation(title: grid.text(0, 0))
        var preamble: [String] = []
        var paragraphs: [String] = []
        var last = 0
        func close() {
            guard !explanation.sections.isEmpty else { return }
            explanation.sections[explanation.sections.count - 1].text = paragraphs.joined(separator: "\n")
            paragraphs = []
        }
        guard grid.lastRow >= 1 else { return explanation }
        for row in 1...grid.lastRow {
            let line = grid.text(row, 0)
            if line.isEmpty { continue }
            if let heading = TextParser.sectionHeading(TextLine(number: row + 1, cells: [line], text: line)), heading.value > last {
                close()
                last = heading.value
                explanation.sections.append(ExplanationSection(number: heading.number, title: heading.title))
            } else if last == 0 {
                preamble.append(line)
            } else {
                paragraphs.append(line)
            }
        }
        close()
        if !preamble.isEmpty { explanation.preamble = preamble.joined(separator: "\n") }
        return explanation
    }

    // MARK: 机构设置

    private func readInstitutions(_ grid: CellGrid) -> [Institution] {
        var list: [Institution] = []
        guard grid.lastRow >= 3 else { return list }
        let header = layouts.institutions.header
        for row in 3...grid.lastRow {
            var values: [String: String] = [:]
            for (column, node) in header.enumerated() { values[node.field ?? ""] = grid.text(row, column).trimmingWhitespace }
            guard values.values.contains(where: { !$0.isEmpty }) else { continue }
            list.append(Institution(name: values["name"] ?? "", nature: values["nature"] ?? "", rank: values["rank"] ?? "",
                                    funding: values["funding"] ?? ""))
        }
        return list
    }

    // MARK: 项目

    private func readProject(_ grid: CellGrid, problems: inout [String]) -> Project {
        let layout = layouts.project
        let R = WholeSheetWriter.ProjectRows.self
        var project = Project(code: text(grid, R.code, 1).trimmingWhitespace, name: text(grid, R.code, 4))
        project.budget = amount(grid, R.budget, 2, problems: &problems)
        project.fiscal = amount(grid, R.budget, 4, problems: &problems)
        project.other = amount(grid, R.budget, 6, problems: &problems)
        project.purpose = text(grid, R.purpose, 1)
        for (month, span) in zip(SpendingPlan.months, layout.months) {
            project.plan[keyPath: month.key] = amount(grid, R.plan, span.range.lowerBound, problems: &problems)
        }
        project.goal = text(grid, R.goal, 1)
        if project.code.isEmpty { problems.append("\(grid.reference(R.code, 1)): the project has no 项目编码") }
        guard grid.lastRow >= R.body else { return project }
        for row in R.body...grid.lastRow {
            var fields: [String: String] = [:]
            for span in layout.indicators { fields[span.field ?? ""] = text(grid, row, span.range.lowerBound) }
            guard fields.values.contains(where: { !$0.isEmpty }) else { continue }
            project.indicators.append(Indicator(level1: fields["level1"] ?? "", level2: fields["level2"] ?? "",
                                                level3: fields["level3"] ?? "", description: fields["description"] ?? "",
                                                value: fields["value"] ?? "", basis: fields["basis"] ?? ""))
        }
        return project
    }

    // MARK: 政府采购

    private func readProcurement(_ grid: CellGrid, year: Int, problems: inout [String]) -> Procurement {
        let carryover = (0...max(0, min(grid.lastRow, 4))).contains { row in
            (0..<20).contains { CellText.squashed(grid.text(row, $0)) == "上年结转结余" }
        }
        let layout = WholeSheetWriter.procurementLayout(layouts, year: year, carryover: carryover)
        var result = Procurement(carryoverColumn: carryover)
        let first = layout.headerFirstRow + layout.headerDepth
        guard grid.lastRow >= first else { return result }
        for row in first...grid.lastRow {
            let label = grid.text(row, 0).trimmingWhitespace
            let filled = layout.columns.indices.filter { !grid.text(row, $0).isEmpty }
            if filled.isEmpty { continue }
            if filled == [0] && label.hasPrefix("注") {
                result.note = (result.note.map { $0 + "\n" } ?? "") + label
                continue
            }
            var values: [String: Amount] = [:]
            var texts: [String: String] = [:]
            var numbers: [String: Amount] = [:]
            for (column, node) in layout.columns.enumerated() {
                guard let field = node.field else { continue }
                switch field {
                case "project", "goods", "catalogue", "unit": texts[field] = grid.text(row, column).trimmingWhitespace
                case "projectBudget", "quantity", "unitPrice": numbers[field] = amount(grid, row, column, problems: &problems)
                default: values[field] = amount(grid, row, column, problems: &problems)
                }
            }
            if label == layouts.procurement.totalLabel {
                result.total = values
            } else if label.hasSuffix(layouts.procurement.subtotalSuffix) && numbers.isEmpty && (texts["goods"] ?? "").isEmpty {
                result.units.append(ProcurementUnit(name: String(label.dropLast(layouts.procurement.subtotalSuffix.count)), subtotal: values))
            } else if result.units.isEmpty {
                problems.append("\(grid.reference(row, 0)): a 政府采购 line before any 小计 row")
            } else {
                result.units[result.units.count - 1].items.append(ProcurementItem(
                    project: texts["project"] ?? "", projectBudget: numbers["projectBudget"], goods: texts["goods"] ?? "",
                    catalogue: texts["catalogue"] ?? "", unit: texts["unit"] ?? "", quantity: numbers["quantity"],
                    unitPrice: numbers["unitPrice"], values: values))
            }
        }
        return result
    }

    // MARK: 固定资产

    private func readAssets(_ grid: CellGrid, problems: inout [String]) -> FixedAssets {
        let layout = layouts.assets
        var result = FixedAssets()
        let asOf = grid.text(2, 0).trimmingWhitespace
        if asOf.hasPrefix(layout.asOfLabel) {
            let value = String(asOf.dropFirst(layout.asOfLabel.count)).trimmingWhitespace
            result.asOf = value.isEmpty ? nil : value
        }
        var rows: [String: DataRow] = [:]
        if grid.lastRow >= 4 {
            for row in 4...grid.lastRow {
                let label = CellText.squashed(grid.text(row, 0))
                if label.isEmpty { continue }
                guard let fixed = layout.rows.first(where: { CellText.squashed($0.label) == label || $0.key == label }) else {
                    problems.append("\(grid.reference(row, 0)): unknown row \"\(grid.text(row, 0))\" of \(layout.title)")
                    continue
                }
                var values: [String: Amount] = [:]
                for (column, node) in layout.header.enumerated() where node.field != "label" {
                    values[node.field ?? ""] = amount(grid, row, column, problems: &problems)
                }
                rows[fixed.key] = DataRow(key: fixed.key, values: values.compactMapValues { $0 })
            }
        }
        result.rows = layout.rows.map { rows[$0.key] ?? DataRow(key: $0.key) }
        return result
    }
}
