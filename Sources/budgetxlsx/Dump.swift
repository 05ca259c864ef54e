import ArgumentParser
import Foundation
import XLSX

/// `budgetxlsx dump`: prints every non-empty cell of any XLSX workbook, for inspection and diffs.
struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every non-empty cell of XLSX workbooks (any workbook, not only budget tables).",
        discussion: """
            For each cell: sheet, A1 reference, type (string, number, boolean, error, date, or formula \
            for a formula without a cached value), value, and formula text; then the merged ranges. \
            Numbers are shown as the shortest decimal that reads back as the stored value (966.06), \
            dates as ISO 8601 text with their serial number.
            """)

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @Argument(help: "The .xlsx files to read.")
    var files: [String]

    @Option(help: "Only this sheet (by name).")
    var sheet: String?

    @Option(help: "Output format: text (a grid per sheet), json (one document per file per line) or csv.")
    var format: Format = .text

    func run() throws {
        var failed = false
        if format == .csv { write("file,sheet,ref,type,value,formula\n") }
        for file in files {
            do {
                let reader = try XLSXReader(path: file)
                defer { reader.close() }
                let sheets = try sheet.map { [try reader.readSheet(named: $0)] } ?? reader.readAllSheets()
                switch format {
                case .json: write(Self.json(file: file, sheets: sheets) + "\n")
                case .csv: write(Self.csv(file: file, sheets: sheets))
                case .text: write(Self.text(file: file, sheets: sheets))
                }
            } catch {
                FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    // MARK: JSON

    /// One line: `{"file":…,"sheets":[{"name":…,"cells":[{"ref":…,"type":…,"value":…}],"merges":[…]}]}`.
    static func json(file: String, sheets: [SheetData]) -> String {
        var out = "{\"file\":" + jsonString(file) + ",\"sheets\":["
        for (i, sheet) in sheets.enumerated() {
            if i > 0 { out += "," }
            out += "{\"name\":" + jsonString(sheet.name)
            if sheet.info.state != .visible { out += ",\"state\":" + jsonString(sheet.info.state.rawValue) }
            out += ",\"cells\":["
            for (j, cell) in sheet.cells.enumerated() {
                if j > 0 { out += "," }
                out += "{\"ref\":\"\(cell.reference)\",\"type\":\"\(cell.value.typeName)\",\"value\":" + jsonString(cell.value.text)
                if case .date(_, let serial) = cell.value { out += ",\"serial\":" + jsonString(serial) }
                if let formula = cell.formula { out += ",\"formula\":" + jsonString(formula) }
                if let master = cell.sharedFormulaMaster { out += ",\"sharedFormula\":\"\(master)\"" }
                out += "}"
            }
            out += "],\"merges\":[" + sheet.merges.map { "\"\($0)\"" }.joined(separator: ",") + "]}"
        }
        return out + "]}"
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16, uppercase: false)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: CSV

    /// Rows of `file,sheet,ref,type,value,formula`, quoted as RFC 4180 says.
    static func csv(file: String, sheets: [SheetData]) -> String {
        var out = ""
        for sheet in sheets {
            for cell in sheet.cells {
                let fields = [file, sheet.name, cell.reference.description, cell.value.typeName,
                              cell.value.text, cell.formula ?? ""]
                out += fields.map(csvField).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: Text

    /// Each sheet as a grid of the rows and columns that hold cells, then its formulas and merged ranges.
    static func text(file: String, sheets: [SheetData]) -> String {
        var out = ""
        for sheet in sheets {
            let state = sheet.info.state == .visible ? "" : " (\(sheet.info.state.rawValue))"
            out += "== \(file) — \(sheet.name)\(state)\n"
            guard !sheet.cells.isEmpty else {
                out += "(no cells)\n\n"
                continue
            }
            let columns = Array(Set(sheet.cells.map(\.reference.column))).sorted()
            var rows: [Int: [Int: String]] = [:]
            for cell in sheet.cells {
                rows[cell.reference.row, default: [:]][cell.reference.column] = shown(cell.value)
            }
            let rowLabelWidth = String((rows.keys.max() ?? 0) + 1).count
            var widths: [Int: Int] = [:]
            for column in columns { widths[column] = displayWidth(CellReference.columnName(column)) }
            for row in rows.values {
                for (column, text) in row { widths[column] = max(widths[column] ?? 0, displayWidth(text)) }
            }
            var header = String(repeating: " ", count: rowLabelWidth)
            for column in columns {
                header += " | " + padded(CellReference.columnName(column), widths[column] ?? 0)
            }
            out += trimmedRight(header) + "\n"
            for row in rows.keys.sorted() {
                let label = String(row + 1)
                var line = String(repeating: " ", count: rowLabelWidth - label.count) + label
                for column in columns {
                    line += " | " + padded(rows[row]?[column] ?? "", widths[column] ?? 0)
                }
                out += trimmedRight(line) + "\n"
            }
            let formulas = sheet.cells.filter { $0.formula != nil || $0.sharedFormulaMaster != nil }
            if !formulas.isEmpty {
                out += "formulas:\n"
                for cell in formulas {
                    if let formula = cell.formula {
                        out += "  \(cell.reference) = \(formula)\n"
                    } else if let master = cell.sharedFormulaMaster {
                        out += "  \(cell.reference) = (shared formula of \(master))\n"
                    }
                }
            }
            if !sheet.merges.isEmpty {
                out += "merged: " + sheet.merges.map(\.description).joined(separator: ", ") + "\n"
            }
            out += "\n"
        }
        return out
    }

    private static let maxCellWidth = 40

    private static func shown(_ value: CellValue) -> String {
        var text = ""
        switch value {
        case .formulaWithoutCachedValue: text = "(not calculated)"
        default: text = value.text
        }
        text = String(text.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
        if displayWidth(text) > maxCellWidth {
            var cut = ""
            for character in text {
                if displayWidth(cut) + displayWidth(String(character)) > maxCellWidth - 1 { break }
                cut.append(character)
            }
            text = cut + "…"
        }
        return text
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(text)))
    }

    private static func trimmedRight(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Terminal columns of text: East Asian wide characters take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
                 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                return width + 2
            default:
                return width + 1
            }
        }
    }
}
