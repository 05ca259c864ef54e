import Foundation

/// Reads the text layer of a published disclosure (as `pdftotext` gives it:
/// cells separated by tabs, each page repeating the table's header block)
/// into the model: the nine tables, the 说明 sections with the 机构设置
/// table, every 项目绩效目标表, the 政府采购预算 and the 固定资产 table.
///
/// Every line is either placed or reported with its number and the reason
/// (`TextImportReport`); repairs of the document's layout (a cell wrapped onto
/// the next line or over a page break, a header row shifted by a column, a
/// blank 一级指标) are reported too. Nothing is guessed silently.
public struct TextImporter: Sendable {
    /// The templates the tables are recognised by.
    public var library: TemplateLibrary
    /// The template set to read the tables with.
    public var setID: String

    /// Creates an importer for a template set.
    public init(library: TemplateLibrary, set: String = "hebei-2025") {
        self.library = library
        self.setID = set
    }

    /// Parses a document; throws only when nothing of a disclosure is found
    /// or the unit or year cannot be told.
    public func parse(_ text: String, source: String = "text") throws -> (disclosure: Disclosure, report: TextImportReport) {
        let set = try library.set(setID)
        let sections = try SectionTemplates.builtIn(set: setID)
        var parser = TextParser(lines: TextLine.split(text), set: set, sections: sections)
        return try parser.run(source: source)
    }

    /// Reads a file, or standard input when `path` is `-`.
    public func parse(path: String) throws -> (disclosure: Disclosure, report: TextImportReport) {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let read = FileManager.default.contents(atPath: path) else {
                throw BudgetError(.io, "cannot read \(path): no such file or not readable")
            }
            data = read
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BudgetError(.io, "\(path == "-" ? "standard input" : path) is not UTF-8 text")
        }
        return try parse(text, source: path == "-" ? "standard input" : path)
    }
}

/// One line of the document, split into its tab-separated cells.
struct TextLine {
    /// 1-based line number.
    let number: Int
    /// The cells, trimmed.
    let cells: [String]
    /// The whole line, trimmed.
    let text: String

    var isBlank: Bool { text.isEmpty }
    /// The first cell, white space removed and ASCII colons made full-width.
    var head: String { TextLine.key(cells.first ?? "") }
    /// The cell at an index, or "".
    func cell(_ i: Int) -> String { i < cells.count ? cells[i] : "" }
    /// Whether the line is one cell only.
    var isSingle: Bool { cells.count == 1 }
    /// The non-empty cells.
    var filled: [String] { cells.filter { !$0.isEmpty } }

    static func split(_ text: String) -> [TextLine] {
        let raw = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return raw.enumerated().map { i, line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace }
            return TextLine(number: i + 1, cells: cells, text: String(line).trimmingWhitespace)
        }
    }

    /// A label for comparing: no white space, ASCII colon and parentheses as printed full-width.
    static func key(_ text: String) -> String {
        var result = ""
        for ch in text where !ch.isWhitespace {
            switch ch {
            case ":": result.append("：")
            case "(": result.append("（")
            case ")": result.append("）")
            default: result.append(ch)
            }
        }
        return result
    }
}

/// The parser's state over one document.
struct TextParser {
    let lines: [TextLine]
    let set: TemplateSet
    let sections: SectionTemplates
    var i = 0
    var report = TextImportReport()
    var unit: BudgetUnit?
    var year: Int?
    var moneyUnit: String?
    var tables: [String: TableData] = [:]
    var explanation: Explanation?
    var institutions: [Institution]?
    var projects: [Project]?
    var procurement: Procurement?
    var assets: FixedAssets?
    var seenContent = false

    init(lines: [TextLine], set: TemplateSet, sections: SectionTemplates) {
        self.lines = lines
        self.set = set
        self.sections = sections
    }

    var current: TextLine? { i < lines.count ? lines[i] : nil }

    mutating func note(_ line: TextLine, _ kind: TextImportReport.Note.Kind, _ message: String) {
        report.notes.append(.init(line: line.number, kind: kind, message: message))
    }

    mutating func unplaced(_ line: TextLine, _ why: String) {
        note(line, .unplaced, "\(why): \"\(line.cells.joined(separator: " | "))\"")
    }

    // MARK: The document

    mutating func run(source: String) throws -> (disclosure: Disclosure, report: TextImportReport) {
        report.lines = lines.count
        report.nonBlankLines = lines.filter { !$0.isBlank }.count
        while let line = current {
            if line.isBlank { i += 1; continue }
            if let template = tableTitle(line) {
                seenContent = true
                parseTable(template)
            } else if isExplanationTitle(line) {
                seenContent = true
                parseExplanation()
            } else if !seenContent && isContentsLine(line) {
                report.contentsLines += 1
                i += 1
            } else {
                unplaced(line, "outside any table or section")
                i += 1
            }
        }
        for template in set.tables where tables[template.id] == nil {
            report.notes.append(.init(line: 0, kind: .missing, message: "\(template.title) is not in the document"))
        }
        if explanation == nil { report.notes.append(.init(line: 0, kind: .missing, message: "the 说明 (部门预算信息公开情况说明) is not in the document")) }
        if institutions == nil { report.notes.append(.init(line: 0, kind: .missing, message: "no 部门机构设置情况 table")) }
        if (projects ?? []).isEmpty { report.notes.append(.init(line: 0, kind: .missing, message: "no 项目绩效目标表")) }
        if procurement == nil { report.notes.append(.init(line: 0, kind: .missing, message: "no 部门政府采购预算 table")) }
        if assets == nil { report.notes.append(.init(line: 0, kind: .missing, message: "no 部门固定资产占用情况表")) }

        guard seenContent else {
            throw BudgetError(.importMismatch, "\(source): no disclosure table or 说明 found — no line is the title of a table of template set \(set.id)")
        }
        if year == nil, let title = explanation?.title, let found = Self.year(in: title) { year = found }
        guard let unit else {
            throw BudgetError(.importMismatch, "\(source): the unit is not stated — no line `<code> <name>` under a table title")
        }
        guard let year else {
            throw BudgetError(.importMismatch, "\(source): the budget year is not stated — no line `预算年度：<year>`")
        }
        var disclosure = Disclosure(unit: unit, year: year, moneyUnit: moneyUnit ?? set.moneyUnit, template: set.id, tables: tables)
        disclosure.institutions = institutions
        disclosure.projects = projects
        disclosure.procurement = procurement
        disclosure.assets = assets
        disclosure.explanation = explanation
        report.projects = projects?.count ?? 0
        report.indicators = projects?.reduce(0) { $0 + $1.indicators.count } ?? 0
        report.procurementUnits = procurement?.units.count ?? 0
        report.procurementItems = procurement?.units.reduce(0) { $0 + $1.items.count } ?? 0
        report.assetRows = assets?.rows.filter { !$0.values.isEmpty }.count ?? 0
        report.institutions = institutions?.count ?? 0
        report.sections = explanation?.sections.count ?? 0
        report.figures = explanation.map { Narrative.figures($0).count } ?? 0
        report.notes.sort { ($0.line == 0 ? Int.max : $0.line) < ($1.line == 0 ? Int.max : $1.line) }
        return (disclosure, report)
    }

    static func year(in text: String) -> Int? {
        let digits = TextLine.key(text)
        guard let range = digits.range(of: "[12][0-9]{3}年", options: .regularExpression) else { return nil }
        return Int(digits[range].dropLast())
    }

    func tableTitle(_ line: TextLine) -> TableTemplate? {
        guard line.isSingle else { return nil }
        let key = TextLine.key(line.text)
        return set.tables.first { TextLine.key($0.title) == key }
    }

    func isExplanationTitle(_ line: TextLine) -> Bool {
        guard line.isSingle else { return false }
        let key = TextLine.key(line.text)
        guard key.hasSuffix("部门预算信息公开情况说明") else { return false }
        return seenContent || key != "部门预算信息公开情况说明"
    }

    func isContentsLine(_ line: TextLine) -> Bool {
        if line.cells.count == 2, Int(line.cells[1]) != nil { return true }
        let key = TextLine.key(line.text)
        return line.isSingle && (key.hasSuffix("目录") || key == "部门预算公开表" || key == "部门预算信息公开情况说明")
    }

    // MARK: Page headers

    /// `323 青龙满族自治县人力资源和社会保障局`: a code of digits, a space, a name.
    static func unitLine(_ line: TextLine) -> BudgetUnit? {
        guard line.isSingle else { return nil }
        let parts = line.text.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\u{3000}" })
        guard parts.count == 2, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let name = String(parts[1]).trimmingWhitespace
        guard !name.isEmpty, !name.hasPrefix("年") else { return nil }
        return BudgetUnit(code: String(parts[0]), name: name)
    }

    /// Reads a unit, year or money-unit line of a page header; false for any other line.
    mutating func pageHeader(_ line: TextLine) -> Bool {
        if let found = Self.unitLine(line) {
            if let unit, unit != found {
                note(line, .unplaced, "another unit (\(found.code) \(found.name)) than the one read first (\(unit.code) \(unit.name))")
            } else {
                unit = found
            }
            return true
        }
        let key = line.head
        guard line.isSingle else { return false }
        if key.hasPrefix("预算年度：") {
            let text = key.dropFirst("预算年度：".count).filter { $0 != "年" }
            if let value = Int(text) {
                if let year, year != value { note(line, .unplaced, "another budget year (\(value)) than the one read first (\(year))") } else { year = value }
            } else {
                unplaced(line, "the budget year is not a number")
            }
            return true
        }
        if key.hasPrefix("单位：") {
            let value = String(key.dropFirst("单位：".count))
            if let moneyUnit, moneyUnit != value { note(line, .unplaced, "another money unit (\(value)) than the one read first (\(moneyUnit))") } else { moneyUnit = value }
            return true
        }
        return false
    }

    // MARK: The nine tables

    mutating func parseTable(_ template: TableTemplate) {
        let titleLine = lines[i]
        i += 1
        if tables[template.id] != nil {
            note(titleLine, .unplaced, "\(template.title) appears a second time; the rows below are added to it")
        }
        var reader = TableTextReader(template: template, data: tables[template.id] ?? TableData())
        var inHeader = true
        var headerLines: [TextLine] = []
        func endsTable(_ line: TextLine) -> Bool {
            tableTitle(line) != nil || isExplanationTitle(line)
        }
        while let line = current, !endsTable(line) {
            i += 1
            if line.isBlank { continue }
            if pageHeader(line) { inHeader = true; headerLines = []; continue }
            if line.head == "栏次" {
                checkHeader(template, headerLines, numberLine: line)
                inHeader = false
                headerLines = []
                continue
            }
            if line.head.hasPrefix("注") && line.filled.count == 1 {
                reader.data.note = (reader.data.note.map { $0 + "\n" } ?? "") + line.text
                continue
            }
            if inHeader {
                if let first = line.cells.first, Int(first) != nil, !headerLines.isEmpty {
                    note(line, .repaired, "no 栏次 row under the header of \(template.title); read from here as body rows")
                    inHeader = false
                } else {
                    headerLines.append(line)
                    continue
                }
            }
            for message in reader.read(line) { report.notes.append(message) }
        }
        tables[template.id] = reader.finish(line: titleLine.number, notes: &report.notes)
        report.tableRows.append((template.title, reader.placedRows))
    }

    /// Compares the printed header with the template's, label by label; a
    /// header whose labels are right but stand a column off is read by the template.
    mutating func checkHeader(_ template: TableTemplate, _ header: [TextLine], numberLine: TextLine) {
        let layout = TableLayout(template)
        let expected = layout.headerGrid.map { $0.map { $0 == "·" ? "" : TextLine.key($0) } }
        let printed = header.map { $0.cells.map(TextLine.key) }
        guard !header.isEmpty else { return }
        let expectedLabels = expected.flatMap { $0.filter { !$0.isEmpty } }
        let printedLabels = printed.flatMap { $0.filter { !$0.isEmpty } }
        if expectedLabels != printedLabels {
            note(header[0], .repaired, "the header of \(template.title) differs from the template (\(printedLabels.joined(separator: " ")) instead of \(expectedLabels.joined(separator: " "))); body read by the template's columns")
            return
        }
        for (row, line) in zip(expected, header) {
            let got = line.cells.map(TextLine.key)
            let positions = row.enumerated().filter { !$0.element.isEmpty }.map(\.offset)
            let printedPositions = got.enumerated().filter { !$0.element.isEmpty }.map(\.offset)
            if positions != printedPositions {
                note(line, .repaired, "header row of \(template.title) shifted by a column (labels at columns \(printedPositions.map { String($0 + 1) }.joined(separator: ",")) instead of \(positions.map { String($0 + 1) }.joined(separator: ","))); body read by the template's columns")
            }
        }
        let numbers = layout.numberRowTexts
        if numberLine.cells.map(TextLine.key).filter({ !$0.isEmpty }) != numbers {
            note(numberLine, .repaired, "the 栏次 row of \(template.title) reads \(numberLine.cells.joined(separator: " ")) instead of \(numbers.joined(separator: " "))")
        }
    }
}

/// Reads the body rows of one of the nine tables, line by line.
struct TableTextReader {
    let template: TableTemplate
    let layout: TableLayout
    var data: TableData
    var placedRows = 0
    /// Fixed rows read, by key.
    var fixedRows: [String: DataRow] = [:]
    /// Side → printed label → keys in template order.
    var fixedLabels: [String: [String: [String]]] = [:]

    init(template: TableTemplate, data: TableData) {
        self.template = template
        self.layout = TableLayout(template)
        self.data = data
        for fixed in template.rows ?? [] {
            for (side, cell) in fixed.cells {
                for name in Set([TextLine.key(cell.label), TextLine.key(cell.key)]) {
                    fixedLabels[side, default: [:]][name, default: []].append(cell.key)
                }
            }
        }
        if template.kind == .fixed {
            for row in data.rows { if let key = row.key { fixedRows[key] = row } }
            self.data.rows = []
        }
    }

    private func note(_ line: TextLine, _ kind: TextImportReport.Note.Kind, _ message: String) -> TextImportReport.Note {
        .init(line: line.number, kind: kind, message: message)
    }

    private func unplaced(_ line: TextLine, _ why: String) -> TextImportReport.Note {
        note(line, .unplaced, "\(why): \"\(line.cells.joined(separator: " | "))\"")
    }

    /// Reads an amount cell; a cell that is not an amount is reported and left blank.
    private func amount(_ text: String, _ line: TextLine, _ label: String, _ notes: inout [TextImportReport.Note]) -> Amount? {
        if text.isEmpty { return nil }
        if let value = Amount(text) ?? CellText.lenientAmount(text) { return value }
        notes.append(note(line, .unplaced, "\"\(text)\" under \(label) of \(template.title) is not an amount; left blank"))
        return nil
    }

    mutating func read(_ line: TextLine) -> [TextImportReport.Note] {
        var notes: [TextImportReport.Note] = []
        let columns = layout.columns
        let extra = line.cells.enumerated().filter { $0.offset >= columns.count && !$0.element.isEmpty }
        if !extra.isEmpty {
            return [unplaced(line, "more cells than \(template.title) has columns (\(columns.count))")]
        }
        switch template.kind {
        case .subjects:
            let codeColumn = layout.column(field: "code") ?? 1
            let nameColumn = layout.column(field: "name") ?? 2
            let index = line.cell(layout.indexColumn ?? 0)
            let code = TextLine.key(line.cell(codeColumn))
            let name = line.cell(nameColumn)
            var values: [String: Amount] = [:]
            for (column, node) in columns.enumerated() where node.isValue {
                if let value = amount(line.cell(column), line, node.label, &notes), let field = node.field { values[field] = value }
            }
            if index.isEmpty && code.isEmpty && !name.isEmpty && values.isEmpty {
                guard let last = data.rows.indices.last else {
                    return [unplaced(line, "a name without a row before it in \(template.title)")]
                }
                data.rows[last].name = (data.rows[last].name ?? "") + name
                return notes + [note(line, .repaired, "\"\(name)\" continues the name of \(data.rows[last].label) (a cell wrapped over a page break); joined")]
            }
            if code.isEmpty {
                let total = template.totalLabel ?? "合计"
                guard TextLine.key(name) == TextLine.key(total) else {
                    return [unplaced(line, "a row of \(template.title) without a subject code")]
                }
                if data.rows.contains(where: { $0.key == total }) { return [unplaced(line, "a second \(total) row")] }
                data.rows.append(DataRow(key: total, values: values))
            } else {
                let lengths = template.codeKind?.lengths ?? [3, 5, 7]
                guard code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), lengths.contains(code.utf8.count) else {
                    return [unplaced(line, "\"\(code)\" is not a subject code of \(template.title)")]
                }
                if data.rows.contains(where: { $0.code == code }) { return [unplaced(line, "subject \(code) appears again")] }
                data.rows.append(DataRow(code: code, name: name, values: values))
            }
            placedRows += 1
        case .fixed:
            var placedAny = false
            for side in template.sides {
                guard let labelColumn = layout.column(field: "label", side: side) else { continue }
                let label = line.cell(labelColumn)
                var values: [String: Amount] = [:]
                for (column, node) in columns.enumerated() where node.isValue && node.side == side {
                    if let value = amount(line.cell(column), line, node.label, &notes), let field = node.field { values[field] = value }
                }
                if label.isEmpty {
                    if !values.isEmpty { notes.append(unplaced(line, "amounts without a row label in \(template.title)")) }
                    continue
                }
                guard let keys = fixedLabels[side]?[TextLine.key(label)] ?? fixedLabels[side]?[TextLine.key(FixedCell.key(for: label))] else {
                    notes.append(unplaced(line, "unknown row label \"\(label)\" in \(template.title)"))
                    continue
                }
                guard let key = keys.first(where: { fixedRows[$0] == nil }) else {
                    notes.append(unplaced(line, "row \"\(label)\" appears twice in \(template.title)"))
                    continue
                }
                fixedRows[key] = DataRow(key: key, values: values)
                placedAny = true
            }
            if placedAny { placedRows += 1 }
        }
        return notes
    }

    /// The table with fixed rows in template order; a fixed row the text lacks is reported and left blank.
    mutating func finish(line: Int, notes: inout [TextImportReport.Note]) -> TableData {
        guard template.kind == .fixed else { return data }
        var rows: [DataRow] = []
        for fixed in template.rows ?? [] {
            for side in template.sides {
                guard let cell = fixed.cells[side] else { continue }
                if let row = fixedRows[cell.key] {
                    rows.append(row)
                } else {
                    rows.append(DataRow(key: cell.key))
                    notes.append(.init(line: line, kind: .missing, message: "row \"\(cell.label)\" of \(template.title) is not in the document; left blank"))
                }
            }
        }
        data.rows = rows
        return data
    }
}
