import Foundation
import XLSX

/// Something worth telling about an import that still succeeded, at a cell.
public struct ImportWarning: Sendable, Equatable, CustomStringConvertible {
    /// `Sheet!A1`.
    public var cell: String
    /// What was noticed.
    public var message: String
    public var description: String { "\(cell): \(message)" }
}

/// A disclosure read back from a workbook, with where each value was found.
public struct ImportedWorkbook: Sendable {
    /// Where one table was found.
    public struct Placement: Sendable {
        /// The table's template.
        public var template: TableTemplate
        /// The sheet it was found on.
        public var sheetName: String
        /// The sheet row of each data row, by `SheetMap.identity(of:)`.
        public var rowOfIdentity: [String: Int]
        /// The row of the title (the layout's rows are relative to it).
        public var titleRow: Int
        /// The row of the 注, when one was found.
        public var noteRow: Int?

        /// The cell of a value in the input workbook.
        public func position(of row: DataRow, column field: String) -> CellReference? {
            guard let sheetRow = rowOfIdentity[SheetMap.identity(of: row)] else { return nil }
            var side: String?
            if template.kind == .fixed, let key = row.key {
                side = template.rows?.lazy.compactMap { fixed in fixed.cells.first { $0.value.key == key }?.key }.first
            }
            guard let column = template.columns.firstIndex(where: { $0.field == field && $0.side == side }) else { return nil }
            return CellReference(uncheckedRow: sheetRow, column: column)
        }
    }

    /// The disclosure as read.
    public var disclosure: Disclosure
    /// Numbers typed as text and other things accepted with a remark.
    public var warnings: [ImportWarning]
    /// Where each table was found, by table id.
    public var placements: [String: Placement]

    /// `Sheet!A1` of a value in the input workbook, when it was read from a cell.
    public func a1Reference(table: String, row: DataRow, column: String) -> String? {
        guard let placement = placements[table], let cell = placement.position(of: row, column: column) else { return nil }
        return "\(placement.sheetName)!\(cell)"
    }
}

/// Reads a disclosure workbook back into the model through the templates
/// that made it: each table is found by its title (not its sheet name), its
/// header checked cell by cell, its body rows read by subject code or fixed
/// row label, wherever the editor moved them.
public struct WorkbookImporter: Sendable {
    /// The templates to recognise tables with.
    public var library: TemplateLibrary
    /// Whether a table of the set that is not in the workbook is an error.
    public var requireAllTables = true

    /// Creates an importer.
    public init(library: TemplateLibrary, requireAllTables: Bool = true) {
        self.library = library
        self.requireAllTables = requireAllTables
    }

    /// Reads `path`; throws `BudgetError(.importMismatch)` listing every cell
    /// that does not fit, or the reader's `XLSXError` when the file cannot be read.
    public func importWorkbook(path: String) throws -> ImportedWorkbook {
        let reader = try XLSXReader(path: path)
        defer { reader.close() }
        let grids = try reader.readAllSheets().map(CellGrid.init)
        return try importGrids(grids, file: path)
    }

    func importGrids(_ grids: [CellGrid], file: String) throws -> ImportedWorkbook {
        // Find the titles; where a title stands in several places (the 目录
        // lists them all), take the one whose header fits best.
        struct Found { var grid: CellGrid; var titleRow: Int; var template: TableTemplate; var fit: Int }
        var foundBySet: [String: [String: Found]] = [:]
        for grid in grids where grid.lastRow >= 0 {
            for row in 0...min(grid.lastRow, 30) {
                for column in 0..<3 {
                    let text = CellText.squashed(grid.text(row, column))
                    guard !text.isEmpty else { continue }
                    for set in library.sets.values {
                        for template in set.tables where CellText.squashed(template.title) == text {
                            let fit = headerFit(template, grid: grid, titleRow: row)
                            // A title without its header (as in the 目录) is not the table.
                            guard fit * 2 >= TableLayout(template).headerCells.count else { continue }
                            if let existing = foundBySet[set.id]?[template.id], existing.fit >= fit { continue }
                            foundBySet[set.id, default: [:]][template.id] = Found(grid: grid, titleRow: row, template: template, fit: fit)
                        }
                    }
                }
            }
        }
        let best = foundBySet.max { a, b in
            a.value.count != b.value.count ? a.value.count < b.value.count : a.key > b.key
        }
        guard let (setID, found) = best, let set = library.sets[setID] else {
            throw BudgetError(.importMismatch,
                              "\(file): no disclosure table found — no sheet has the title of a table of the template sets \(library.sets.keys.sorted().joined(separator: ", "))")
        }

        var problems: [String] = []
        var warnings: [ImportWarning] = []
        var tables: [String: TableData] = [:]
        var placements: [String: ImportedWorkbook.Placement] = [:]
        var unitLine: (unit: BudgetUnit, year: Int, moneyUnit: String)?

        for template in set.tables {
            guard let table = found[template.id] else {
                if requireAllTables {
                    problems.append(missingTableMessage(template, grids: grids, used: Set(found.values.map(\.grid.name))))
                }
                continue
            }
            let layout = TableLayout(template)
            let grid = table.grid
            let base = table.titleRow
            // The unit line.
            let info = readUnitLine(grid, row: base + layout.infoRow, columns: layout.columns.count)
            switch info {
            case .success(let line):
                if let first = unitLine {
                    if first.unit != line.unit || first.year != line.year || first.moneyUnit != line.moneyUnit {
                        problems.append("\(grid.reference(base + layout.infoRow, 0)): the unit line says \(line.unit.code) \(line.unit.name), \(line.year), \(line.moneyUnit); other tables say \(first.unit.code) \(first.unit.name), \(first.year), \(first.moneyUnit)")
                    }
                } else {
                    unitLine = line
                }
            case .failure(let message):
                problems.append(message)
            }
            // The header, cell by cell.
            for cell in layout.headerCells {
                let row = base + cell.range.first.row, column = cell.range.first.column
                let got = grid.text(row, column)
                if CellText.squashed(got) != CellText.squashed(cell.label) {
                    problems.append("\(grid.reference(row, column)): expected \"\(cell.label)\", found \"\(got)\"")
                }
            }
            for (column, text) in layout.numberRowTexts.enumerated() {
                let row = base + layout.numberRow
                let got = grid.text(row, column)
                if CellText.squashed(got) != text {
                    problems.append("\(grid.reference(row, column)): expected 栏次 \"\(text)\", found \"\(got)\"")
                }
            }
            guard problems.isEmpty else { continue }
            let body = BodyReader(grid: grid, layout: layout, firstRow: base + layout.bodyFirstRow)
            let result = body.read()
            problems += result.problems
            warnings += result.warnings
            tables[template.id] = result.table
            placements[template.id] = ImportedWorkbook.Placement(
                template: template, sheetName: grid.name, rowOfIdentity: result.rowOfIdentity,
                titleRow: base, noteRow: result.noteRow)
        }
        guard problems.isEmpty, let line = unitLine else {
            let list = problems.isEmpty ? ["no unit line found"] : problems
            throw BudgetError(.importMismatch, "\(file) does not match template set \(set.id):\n  " + list.joined(separator: "\n  "))
        }
        var disclosure = Disclosure(unit: line.unit, year: line.year, moneyUnit: line.moneyUnit, template: set.id, tables: tables)
        // The sheets after the nine tables (说明, 机构设置, projects, 采购, 资产), when the workbook has them.
        if let layouts = try? SectionTemplates.find(set: set.id, directory: library.directory) {
            let wholeProblems = WholeImporter(layouts: layouts).read(grids, into: &disclosure)
            guard wholeProblems.isEmpty else {
                throw BudgetError(.importMismatch, "\(file) does not match template set \(set.id):\n  " + wholeProblems.joined(separator: "\n  "))
            }
        }
        return ImportedWorkbook(disclosure: disclosure, warnings: warnings, placements: placements)
    }

    /// How many header labels of a table stand where they should below a title row.
    private func headerFit(_ template: TableTemplate, grid: CellGrid, titleRow: Int) -> Int {
        let layout = TableLayout(template)
        return layout.headerCells.filter { cell in
            CellText.squashed(grid.text(titleRow + cell.range.first.row, cell.range.first.column)) == CellText.squashed(cell.label)
        }.count
    }

    /// Why a table was not found: its title removed (its header is still there) or the table is gone.
    private func missingTableMessage(_ template: TableTemplate, grids: [CellGrid], used: Set<String>) -> String {
        let layout = TableLayout(template)
        let firstHeaderRow = layout.headerGrid.first ?? []
        for grid in grids where !used.contains(grid.name) {
            for row in 0...max(0, min(grid.lastRow, 30)) {
                let texts = (0..<firstHeaderRow.count).map { CellText.squashed(grid.text(row, $0)) }
                let expected = firstHeaderRow.map { $0 == "·" ? "" : CellText.squashed($0) }
                if texts == expected {
                    return "sheet \"\(grid.name)\" has the header of \(template.title) at row \(row + 1), but its title \"\(template.title)\" is missing; it must stand two rows above the header"
                }
            }
        }
        return "no sheet holds \(template.title): its title was not found on any sheet (the table was deleted or its title changed)"
    }

    private enum UnitLine {
        case success((unit: BudgetUnit, year: Int, moneyUnit: String))
        case failure(String)
    }

    /// Reads `323 青龙… | 预算年度：2025 | 单位：万元` (full-width or ASCII colons).
    private func readUnitLine(_ grid: CellGrid, row: Int, columns: Int) -> UnitLine {
        var unitText: String?
        var year: Int?
        var moneyUnit: String?
        for column in 0..<max(columns, 1) {
            let text = grid.text(row, column).trimmingWhitespace
            guard !text.isEmpty else { continue }
            for part in text.components(separatedBy: "  ").map(\.trimmingWhitespace) where !part.isEmpty {
                let normalized = part.replacingOccurrences(of: ":", with: "：")
                if normalized.hasPrefix("预算年度：") {
                    year = Int(normalized.dropFirst(5).trimmingCharacters(in: " 年"))
                } else if normalized.hasPrefix("单位：") {
                    moneyUnit = String(normalized.dropFirst(3)).trimmingWhitespace
                } else if unitText == nil {
                    unitText = part
                }
            }
        }
        guard let unitText, let year, let moneyUnit, !moneyUnit.isEmpty else {
            return .failure("\(grid.reference(row, 0)): expected the unit line (`<code> <name>`, `预算年度：<year>`, `单位：<money unit>`), found \"\((0..<columns).map { grid.text(row, $0) }.filter { !$0.isEmpty }.joined(separator: " | "))\"")
        }
        let parts = unitText.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\u{3000}" })
        guard parts.count == 2 else {
            return .failure("\(grid.reference(row, 0)): expected `<unit code> <unit name>`, found \"\(unitText)\"")
        }
        return .success((BudgetUnit(code: String(parts[0]), name: String(parts[1]).trimmingWhitespace), year, moneyUnit))
    }
}

/// Reads the body rows of one table found on a sheet.
struct BodyReader {
    let grid: CellGrid
    let layout: TableLayout
    let firstRow: Int

    struct Result {
        var table = TableData()
        var rowOfIdentity: [String: Int] = [:]
        var noteRow: Int?
        var problems: [String] = []
        var warnings: [ImportWarning] = []
    }

    func read() -> Result {
        var result = Result()
        let template = layout.template
        let columns = layout.columns
        let valueColumns = columns.indices.filter { columns[$0].isValue }
        var fixedRows: [String: DataRow] = [:]
        // side → squashed label or key → the keys it may stand for, in template
        // order: T4 prints 一、一般公共预算拨款 twice, once under 年初结转和结余.
        var fixedLabels: [String: [String: [String]]] = [:]
        for fixed in template.rows ?? [] {
            for (side, cell) in fixed.cells {
                for name in Set([CellText.squashed(cell.label), CellText.squashed(cell.key)]) {
                    fixedLabels[side, default: [:]][name, default: []].append(cell.key)
                }
            }
        }
        var seenCodes: [String: Int] = [:]
        guard grid.lastRow >= firstRow else { return finish(result, fixedRows) }
        for row in firstRow...grid.lastRow {
            let texts = columns.indices.map { grid.text(row, $0).trimmingWhitespace }
            if texts.allSatisfy(\.isEmpty) { continue }
            let nonEmpty = texts.filter { !$0.isEmpty }
            if nonEmpty.count == 1, let first = nonEmpty.first, first.hasPrefix("注") {
                result.table.note = (result.table.note.map { $0 + "\n" } ?? "") + first
                result.noteRow = result.noteRow ?? row
                continue
            }
            switch template.kind {
            case .subjects:
                let codeColumn = layout.column(field: "code") ?? 1
                let nameColumn = layout.column(field: "name") ?? 2
                let code = CellText.squashed(texts[codeColumn])
                let name = texts[nameColumn]
                var values: [String: Amount] = [:]
                for column in valueColumns { read(row, column, into: &values, result: &result) }
                let totalLabel = template.totalLabel ?? "合计"
                var dataRow: DataRow
                if code.isEmpty {
                    if CellText.squashed(name) == CellText.squashed(totalLabel) {
                        dataRow = DataRow(key: totalLabel, values: values)
                    } else if name.isEmpty {
                        result.problems.append("\(grid.reference(row, codeColumn)): amounts without a subject code or label")
                        continue
                    } else {
                        result.problems.append("\(grid.reference(row, nameColumn)): unknown row label \"\(name)\" without a subject code")
                        continue
                    }
                } else {
                    let lengths = template.codeKind?.lengths ?? [3, 5, 7]
                    guard code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), lengths.contains(code.utf8.count) else {
                        result.problems.append("\(grid.reference(row, codeColumn)): \"\(texts[codeColumn])\" is not a subject code (\(lengths.map(String.init).joined(separator: "/")) digits)")
                        continue
                    }
                    if name.isEmpty {
                        result.problems.append("\(grid.reference(row, nameColumn)): subject \(code) has no name")
                        continue
                    }
                    if let earlier = seenCodes[code] {
                        result.problems.append("\(grid.reference(row, codeColumn)): subject \(code) appears again (first at row \(earlier + 1))")
                        continue
                    }
                    seenCodes[code] = row
                    dataRow = DataRow(code: code, name: name, values: values)
                }
                let identity = SheetMap.identity(of: dataRow)
                if dataRow.key != nil, result.rowOfIdentity[identity] != nil {
                    result.problems.append("\(grid.reference(row, nameColumn)): a second \(totalLabel) row")
                    continue
                }
                result.rowOfIdentity[identity] = row
                result.table.rows.append(dataRow)
            case .fixed:
                for side in template.sides {
                    guard let labelColumn = layout.column(field: "label", side: side) else { continue }
                    let sideColumns = valueColumns.filter { columns[$0].side == side }
                    let label = texts[labelColumn]
                    var values: [String: Amount] = [:]
                    for column in sideColumns { read(row, column, into: &values, result: &result) }
                    if label.isEmpty {
                        if !values.isEmpty {
                            result.problems.append("\(grid.reference(row, labelColumn)): amounts without a row label")
                        }
                        continue
                    }
                    guard let keys = fixedLabels[side]?[CellText.squashed(label)]
                            ?? fixedLabels[side]?[CellText.squashed(FixedCell.key(for: label))] else {
                        result.problems.append("\(grid.reference(row, labelColumn)): unknown row label \"\(label)\" in \(template.title)")
                        continue
                    }
                    guard let key = keys.first(where: { fixedRows[$0] == nil }) else {
                        result.problems.append("\(grid.reference(row, labelColumn)): row \"\(label)\" appears twice")
                        continue
                    }
                    fixedRows[key] = DataRow(key: key, values: values)
                    result.rowOfIdentity["key:" + key] = row
                }
            }
        }
        return finish(result, fixedRows)
    }

    private func finish(_ partial: Result, _ fixedRows: [String: DataRow]) -> Result {
        var result = partial
        guard layout.template.kind == .fixed else { return result }
        for fixed in layout.template.rows ?? [] {
            for side in layout.template.sides {
                guard let cell = fixed.cells[side] else { continue }
                if let row = fixedRows[cell.key] {
                    result.table.rows.append(row)
                } else {
                    result.table.rows.append(DataRow(key: cell.key))
                    result.warnings.append(ImportWarning(cell: grid.name, message: "row \"\(cell.label)\" of \(layout.template.title) is missing; read as blank"))
                }
            }
        }
        return result
    }

    /// Reads an amount cell into `values`; problems and warnings name the cell.
    private func read(_ row: Int, _ column: Int, into values: inout [String: Amount], result: inout Result) {
        guard let field = layout.columns[column].field, let cell = grid[row, column] else { return }
        let reference = grid.reference(row, column)
        if let formula = cell.formula {
            let evaluated: FormulaEvaluator.Result?
            do {
                evaluated = try FormulaEvaluator(grid: grid).evaluate(formula)
            } catch let unsupported as FormulaEvaluator.Unsupported {
                if cell.value == .formulaWithoutCachedValue {
                    result.problems.append("\(reference): the formula =\(formula) has no stored value and cannot be recomputed: \(unsupported.reason); recalculate and save the workbook in the office suite")
                    return
                }
                evaluated = nil
            } catch {
                evaluated = nil
            }
            if evaluated == .blank { return }  // a sum of blanks is blank, not 0
            if cell.value == .formulaWithoutCachedValue, case .value(let amount)? = evaluated {
                values[field] = amount
                return
            }
        } else if cell.value == .formulaWithoutCachedValue {
            result.problems.append("\(reference): a shared formula without a stored value; recalculate and save the workbook in the office suite")
            return
        }
        switch cell.value {
        case .number(let text, _):
            guard let amount = Amount(text) else {
                result.problems.append("\(reference): \(text) is out of the range of an amount")
                return
            }
            values[field] = amount
        case .string(let text):
            if text.trimmingWhitespace.isEmpty { return }
            if let amount = CellText.lenientAmount(text) {
                values[field] = amount
                result.warnings.append(ImportWarning(cell: reference, message: "number typed as text \"\(text)\", read as \(amount.displayText)"))
            } else {
                result.problems.append("\(reference): \"\(text)\" is not an amount")
            }
        case .boolean, .error, .date:
            result.problems.append("\(reference): \(cell.value.typeName) \(cell.value.text) is not an amount")
        case .formulaWithoutCachedValue:
            result.problems.append("\(reference): a formula without a stored value")
        }
    }
}
