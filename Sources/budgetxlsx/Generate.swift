import ArgumentParser
import Budget
import Foundation

/// `budgetxlsx generate`: the official workbook of one unit.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the official disclosure workbook (部门预算公开表) of one unit.",
        discussion: """
            Reads a unit's disclosure as JSON (see README, "The JSON form") and writes one workbook: \
            a 目录 sheet with links, then one sheet per table (收支总表, 收入总表, 支出总表, 财政拨款收支总表, \
            一般公共预算财政拨款支出表, 基本支出表, 政府性基金, 国有资本经营, "三公"经费), laid out by the template set. \
            Without --input, the bundled example (unit 323, 青龙满族自治县人力资源和社会保障局, 2025) is used.
            An existing output file is replaced atomically; nothing is written when the input is invalid.
            """)

    @OptionGroup var templates: TemplateOptions

    @Option(name: .shortAndLong, help: "The unit's JSON file, or - for standard input. Default: the bundled example.")
    var input: String?

    @Option(name: .shortAndLong, help: "A directory, or a file ending in .xlsx. Default: Output/<code>-<name>-<year>.xlsx.")
    var output: String?

    @Flag(help: "Derive parent rows, 合计 rows, row totals and tables 1 and 4 from the leaf rows before writing.")
    var derive = false

    func run() throws {
        var disclosure = try input.map(DisclosureJSON.read(path:)) ?? DisclosureJSON.bundledExample()
        if derive { disclosure = try Derivation.derive(disclosure, set: templates.library().set(disclosure.template)) }
        let path = try OutputPaths.workbookPath(output: output, for: disclosure)
        try OutputPaths.refuseOverwriting(inputs: [input, templates.templates].compactMap { $0 }, with: path)
        try WorkbookGenerator(library: templates.library()).write(disclosure, to: path)
        print(path)
    }
}

/// Options shared by every command that lays tables out.
struct TemplateOptions: ParsableArguments {
    @Option(name: .long, help: "A directory of further template sets (one set.json per set); they add to or replace the built-in ones.")
    var templates: String?

    func library() throws -> TemplateLibrary {
        if let templates { return try TemplateLibrary.loading(directory: templates) }
        return try TemplateLibrary.builtIn()
    }
}
