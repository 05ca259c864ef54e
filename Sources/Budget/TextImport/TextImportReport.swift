/// What `TextImporter` did with each line it could not simply place, and how much it read.
public struct TextImportReport: Sendable, Equatable {
    /// One remark about one line (or about the document, line 0).
    public struct Note: Sendable, Equatable, CustomStringConvertible {
        /// How a line was dealt with.
        public enum Kind: String, Sendable, Equatable {
            /// The line was placed after a repair (a wrapped cell joined, a shifted column or header
            /// read by its labels, a blank 一级指标 filled from its 二级指标). Nothing was lost.
            case repaired
            /// The line was not placed: nothing of it is in the model.
            case unplaced
            /// Something a disclosure has is not in the document (line 0).
            case missing
        }
        /// The 1-based line number; 0 for the document as a whole.
        public var line: Int
        /// Repaired, unplaced or missing.
        public var kind: Kind
        /// What happened and why.
        public var message: String

        public var description: String {
            line > 0 ? "line \(line): \(kind.rawValue): \(message)" : "\(kind.rawValue): \(message)"
        }
    }

    /// The remarks in line order (document-level ones last).
    public var notes: [Note] = []
    /// Lines read, and of them lines that were not blank.
    public var lines = 0, nonBlankLines = 0
    /// Body rows read per table title, in document order.
    public var tableRows: [(title: String, rows: Int)] = []
    /// Projects and indicator rows read.
    public var projects = 0, indicators = 0
    /// Procurement units and lines; asset rows; institutions; 说明 sections; figures stated in them.
    public var procurementUnits = 0, procurementItems = 0, assetRows = 0, institutions = 0, sections = 0, figures = 0
    /// Lines of the table of contents (目录) before the tables.
    public var contentsLines = 0

    public static func == (a: TextImportReport, b: TextImportReport) -> Bool {
        a.notes == b.notes && a.summary == b.summary
    }

    /// Remarks of one kind.
    public func notes(_ kind: Note.Kind) -> [Note] { notes.filter { $0.kind == kind } }

    /// A few lines saying what was read.
    public var summary: String {
        var out: [String] = []
        let unplaced = notes(.unplaced).count
        out.append("read \(lines) lines (\(nonBlankLines) not blank): \(unplaced) not placed, \(notes(.repaired).count) placed after a repair")
        if contentsLines > 0 { out.append("目录: \(contentsLines) lines") }
        for (title, rows) in tableRows { out.append("\(title): \(rows) rows") }
        out.append("项目绩效目标表: \(projects) projects, \(indicators) indicator rows")
        out.append("部门政府采购预算: \(procurementUnits) units, \(procurementItems) lines")
        out.append("部门固定资产占用情况表: \(assetRows) rows")
        out.append("部门机构设置情况: \(institutions) units")
        out.append("说明: \(sections) sections, \(figures) figures stated")
        let missing = notes(.missing)
        if !missing.isEmpty { out.append("missing: " + missing.map(\.message).joined(separator: "; ")) }
        return out.joined(separator: "\n")
    }
}
