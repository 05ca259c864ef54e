import ArgumentParser
import Budget
import Foundation
import XLSX

/// `budgetxlsx aggregate`: units summed into their department (部门汇总).
struct Aggregate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Sum units into their department (部门汇总): table by table, by subject code and fixed row.",
        discussion: """
            Each UNIT is a unit's JSON or its workbook (.xlsx, read as `import` does). Amounts are summed exactly; \
            a value blank in every unit stays blank. The result records how many units it sums (aggregatedUnits): \
            their rounding tails (尾差) add up, and validate allows for that. Projects, 政府采购 (with a 小计 per unit) and 机构设置 are \
            listed unit after unit; the 资产 rows are summed. Units of different years, money units or template \
            sets are refused. A department of units that validate validates too.
            """)

    @OptionGroup var templates: TemplateOptions

    @Argument(help: "The units: JSON files or workbooks.")
    var units: [String]

    @Option(help: "The department's code (单位编码).")
    var code: String

    @Option(help: "The department's name (单位名称).")
    var name: String

    @Option(name: .shortAndLong, help: "The department's JSON to write. Default: standard output.")
    var output: String?

    @Flag(help: "Derive parent rows, 合计 rows and tables 1 and 4 again from the summed detail rows instead of summing them.")
    var derive = false

    func validate() throws {
        guard !units.isEmpty else { throw ValidationError("give at least one unit") }
    }

    func run() throws {
        let library = try templates.library()
        let parts = try units.map { path -> Disclosure in
            let lower = path.lowercased()
            if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") {
                return try WorkbookImporter(library: library).importWorkbook(path: path).disclosure
            }
            return try DisclosureJSON.read(path: path)
        }
        let set = try library.set(parts[0].template)
        let department = try Aggregation.aggregate(parts, as: BudgetUnit(code: code, name: name), set: set,
                                                   derive: derive)
        let data = try DisclosureJSON.encode(department)
        if let output {
            try OutputPaths.refuseOverwriting(inputs: units, with: output)
            try TemporaryFiles.writeAtomically(data, to: output)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
