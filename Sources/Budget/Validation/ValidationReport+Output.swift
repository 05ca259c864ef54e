import Foundation
import XLSX

extension ValidationReport {
    /// Numbers for the summary line and the JSON `summary`.
    public struct Summary: Sendable, Equatable, Codable {
        /// Findings of severity error.
        public var errors: Int
        /// Findings of severity warning.
        public var warnings: Int
        /// Warnings that are rounding differences (尾差).
        public var rounding: Int
        /// Rules run.
        public var rules: Int
    }

    /// The counts.
    public var summary: Summary {
        Summary(errors: errors.count, warnings: warnings.count,
                rounding: findings.filter { $0.kind == .rounding }.count, rules: rulesRun.count)
    }

    /// One line per finding: `T2-1 warning 尾差 部门预算收入总表!D11: message (expected 259.06, actual 259.07)`.
    public func textLines() -> [String] {
        findings.map { finding in
            var line = "\(finding.rule) \(finding.severity.rawValue)"
            if finding.kind == .rounding { line += " 尾差" }
            line += " \(finding.cellText ?? Self.tableSheet(finding)): \(finding.message)"
            if finding.expected != nil || finding.actual != nil {
                line += " (expected \(finding.expected ?? "-"), actual \(finding.actual ?? "-"))"
            }
            return line
        }
    }

    private static func tableSheet(_ finding: Finding) -> String { finding.table }

    /// `N errors, M warnings (K 尾差) from R rules`.
    public var summaryLine: String {
        let s = summary
        return "\(s.errors) error\(s.errors == 1 ? "" : "s"), \(s.warnings) warning\(s.warnings == 1 ? "" : "s") (\(s.rounding) 尾差) from \(s.rules) rules"
    }

    /// The JSON form: `{"findings":[{"rule","severity","kind","table","sheet","cell","row","column","cells",
    /// "expected","actual","difference","message"}],"summary":{"errors","warnings","rounding","rules"}}`;
    /// amounts are decimal strings.
    public func jsonData() throws -> Data {
        struct Entry: Encodable {
            var rule, severity, kind, table: String
            var sheet, cell, row, column: String?
            var cells: [String]
            var expected, actual, difference: String?
            var message: String

            enum CodingKeys: String, CodingKey {
                case rule, severity, kind, table, sheet, cell, row, column, cells, expected, actual, difference, message
            }

            // Every key is always present, null when there is nothing to say.
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(rule, forKey: .rule)
                try c.encode(severity, forKey: .severity)
                try c.encode(kind, forKey: .kind)
                try c.encode(table, forKey: .table)
                try c.encode(sheet, forKey: .sheet)
                try c.encode(cell, forKey: .cell)
                try c.encode(row, forKey: .row)
                try c.encode(column, forKey: .column)
                try c.encode(cells, forKey: .cells)
                try c.encode(expected, forKey: .expected)
                try c.encode(actual, forKey: .actual)
                try c.encode(difference, forKey: .difference)
                try c.encode(message, forKey: .message)
            }
        }
        struct Document: Encodable {
            var findings: [Entry]
            var summary: Summary
        }
        let entries = findings.map { f in
            Entry(rule: f.rule, severity: f.severity.rawValue, kind: f.kind.rawValue, table: f.table,
                  sheet: f.location?.sheet, cell: f.location?.cell.description, row: f.row, column: f.column,
                  cells: f.cells.map(\.description), expected: f.expected, actual: f.actual,
                  difference: f.difference?.displayText, message: f.message)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(Document(findings: entries, summary: summary))
        data.append(0x0A)
        return data
    }

    /// Marks for `WorkbookGenerator.write(marks:)`: the cell of every finding,
    /// red for errors and yellow for warnings, with the messages as comment.
    /// Only findings whose cell lies on a table sheet of `map` are marked.
    public func cellMarks(in map: SheetMap) -> [CellMark] {
        var tableOfSheet: [String: String] = [:]
        for (id, table) in map.tables { tableOfSheet[table.sheetName] = id }
        var marks: [CellMark] = []
        for finding in findings {
            guard let location = finding.location, let table = tableOfSheet[location.sheet] else { continue }
            let severity: CellMark.Severity = finding.severity == .error ? .error : .warning
            marks.append(CellMark(tableID: table, cell: location.cell, severity: severity,
                                  comment: "[\(finding.rule)] \(finding.message)"))
        }
        return marks
    }

    /// The 校验结果 sheet: one row per finding, the cell linked.
    public func listSheet(title: String) -> ListSheet {
        let rows = findings.enumerated().map { i, f -> [ListSheet.Cell] in
            [ListSheet.Cell(String(i + 1)),
             ListSheet.Cell(f.rule),
             ListSheet.Cell(f.severity == .error ? "错误" : (f.kind == .rounding ? "尾差" : "提示")),
             ListSheet.Cell(f.location?.description ?? f.table, link: f.location?.linkTarget),
             ListSheet.Cell(f.expected ?? ""),
             ListSheet.Cell(f.actual ?? ""),
             ListSheet.Cell(f.message)]
        }
        return ListSheet(name: ListSheet.findingsName, title: title,
                         columns: ["序号", "规则", "级别", "单元格", "应为", "实为", "说明"], rows: rows)
    }
}

extension ValidationRule {
    /// The catalogue as JSON: `[{"id","severity","chinese","english","reads":[{"table","columns"}]}]`.
    public static func catalogueJSON(_ rules: [ValidationRule] = catalogue) throws -> Data {
        struct Read: Encodable { var table: String; var columns: [String] }
        struct Entry: Encodable {
            var id, severity, chinese, english: String
            var soft: Bool
            var reads: [Read]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(rules.map {
            Entry(id: $0.id, severity: $0.severity.rawValue, chinese: $0.chinese, english: $0.english, soft: $0.soft,
                  reads: $0.reads.map { Read(table: $0.table, columns: $0.columns) })
        })
        data.append(0x0A)
        return data
    }
}
