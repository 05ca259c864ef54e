import Foundation

/// The layouts of the parts of a disclosure beyond the nine tables, read from
/// `Templates/<set>/sections.json` and the files it names (`10-explanation.json`
/// … `14-assets.json`): titles, labels, header trees, fixed rows, widths and
/// spans. Like the nine tables, a region or year that prints them differently
/// needs new files, not new code.
public struct SectionTemplates: Codable, Sendable, Equatable {
    /// The 说明 sheet: title pattern, sheet name, text width, the standard section headings.
    public struct ExplanationLayout: Codable, Sendable, Equatable {
        /// `{unit}{year}年部门预算信息公开情况说明`, used when the disclosure gives no title.
        public var title: String
        /// The worksheet name.
        public var sheetName: String
        /// Width of the text column, in Excel character units.
        public var width: Double
        /// The standard sections (number and heading).
        public var sections: [Heading]

        /// A section heading.
        public struct Heading: Codable, Sendable, Equatable {
            /// `二`.
            public var number: String
            /// `部门预算安排的总体情况`.
            public var title: String
        }
    }

    /// A simple list table (the 机构设置 table).
    public struct ListLayout: Codable, Sendable, Equatable {
        /// The printed title.
        public var title: String
        /// The worksheet name.
        public var sheetName: String
        /// The columns.
        public var header: [HeaderNode]
    }

    /// A project table (项目绩效目标表), seven columns wide.
    public struct ProjectLayout: Codable, Sendable, Equatable {
        /// A label with the columns it spans (first and last, zero-based).
        public struct Span: Codable, Sendable, Equatable {
            /// The printed label.
            public var label: String
            /// The indicator field it heads (`level1` … `basis`), for indicator columns.
            public var field: String?
            /// First and last column.
            public var columns: [Int]
            /// The columns as a range.
            public var range: ClosedRange<Int> {
                let first = columns.first ?? 0
                return first...max(first, columns.last ?? first)
            }
        }
        /// `{number}、{name}绩效目标表`.
        public var title: String
        /// `项目{number} {name}`, made legal and unique.
        public var sheetName: String
        /// Column widths, one per column.
        public var widths: [Double]
        /// The labels by role: code, name, budgetBlock, budget, fiscal, other, plan, goal.
        public var labels: [String: String]
        /// The four months of the spending plan and their columns.
        public var months: [Span]
        /// The indicator columns.
        public var indicators: [Span]

        /// The label of a role, or the role itself.
        public func label(_ role: String) -> String { labels[role] ?? role }
    }

    /// The procurement table.
    public struct ProcurementLayout: Codable, Sendable, Equatable {
        /// The printed title.
        public var title: String
        /// The worksheet name.
        public var sheetName: String
        /// The label of the 合计 row.
        public var totalLabel: String
        /// What follows the unit name in a 小计 row.
        public var subtotalSuffix: String
        /// The header tree; `{year}` in a label stands for the budget year.
        public var header: [HeaderNode]
    }

    /// The fixed assets table.
    public struct AssetsLayout: Codable, Sendable, Equatable {
        /// The printed title.
        public var title: String
        /// The worksheet name.
        public var sheetName: String
        /// `截止时间：`.
        public var asOfLabel: String
        /// The three columns.
        public var header: [HeaderNode]
        /// The fixed rows.
        public var rows: [FixedCell]
    }

    /// The 说明 layout.
    public var explanation: ExplanationLayout
    /// The 机构设置 layout.
    public var institutions: ListLayout
    /// The project table layout.
    public var project: ProjectLayout
    /// The procurement layout.
    public var procurement: ProcurementLayout
    /// The fixed assets layout.
    public var assets: AssetsLayout

    private struct Manifest: Codable {
        var set: String
        var explanation, institutions, project, procurement, assets: String
    }

    /// The built-in layouts of a template set (`hebei-2025`).
    public static func builtIn(set id: String) throws -> SectionTemplates {
        try load(set: id) { name in
            let key = "Templates/\(id)/\(name)"
            guard let base64 = EmbeddedResources.files[key], let data = Data(base64Encoded: base64) else {
                throw BudgetError(.invalidTemplate, "template file \(key) is not among the built-in templates")
            }
            return data
        }
    }

    /// The layouts of a set: from `directory/<set>/` or `directory/` when it
    /// holds that set's `sections.json`, else the built-in ones.
    public static func find(set id: String, directory: String?) throws -> SectionTemplates {
        let fm = FileManager.default
        if let directory {
            for dir in [directory + "/" + id, directory] where sectionsSet(dir: dir) == id {
                return try load(set: id) { name in
                    guard let data = fm.contents(atPath: dir + "/" + name) else {
                        throw BudgetError(.invalidTemplate, "cannot read template file \(dir)/\(name)")
                    }
                    return data
                }
            }
        }
        return try builtIn(set: id)
    }

    private static func sectionsSet(dir: String) -> String? {
        guard let data = FileManager.default.contents(atPath: dir + "/sections.json"),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else { return nil }
        return manifest.set
    }

    private static func load(set id: String?, read: (String) throws -> Data) throws -> SectionTemplates {
        let decoder = JSONDecoder()
        func decode<T: Decodable>(_ type: T.Type, _ file: String) throws -> T {
            let data = try read(file)
            do {
                return try decoder.decode(type, from: data)
            } catch {
                throw BudgetError(.invalidTemplate, "template \(id ?? "")/\(file) is malformed", cause: describe(error))
            }
        }
        let manifest = try decode(Manifest.self, "sections.json")
        let result = SectionTemplates(
            explanation: try decode(ExplanationLayout.self, manifest.explanation),
            institutions: try decode(ListLayout.self, manifest.institutions),
            project: try decode(ProjectLayout.self, manifest.project),
            procurement: try decode(ProcurementLayout.self, manifest.procurement),
            assets: try decode(AssetsLayout.self, manifest.assets))
        guard result.project.widths.count >= 2,
              result.project.months.count == 4,
              result.project.indicators.count == 6,
              (result.project.months + result.project.indicators).allSatisfy({ $0.range.upperBound < result.project.widths.count })
        else {
            throw BudgetError(.invalidTemplate, "template \(manifest.set)/\(manifest.project): needs four months and six indicator columns within the widths")
        }
        return result
    }

    /// The procurement header with `{year}` filled in and, unless the table
    /// prints it, without the 上年结转结余 column.
    public func procurementHeader(year: Int, carryover: Bool) -> [HeaderNode] {
        func fix(_ node: HeaderNode) -> HeaderNode? {
            if node.field == "carryover" && !carryover { return nil }
            var copy = node
            copy.label = node.label.replacingOccurrences(of: "{year}", with: String(year))
            copy.children = node.children?.compactMap(fix)
            return copy
        }
        return procurement.header.compactMap(fix)
    }
}
