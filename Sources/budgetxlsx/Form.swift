import ArgumentParser
import Budget
import Foundation

/// `budgetxlsx form`: a fill-in form that a unit cannot break.
struct Form: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "form",
        abstract: "Write a fill-in form (填报表) of the official tables for a unit.",
        discussion: """
            The official layout with the unit's rows (last year's data, or a skeleton). Labels, codes and headers \
            are locked (sheet protection without a password unless --password); amount cells are unlocked, shaded \
            and validated (numbers, at most two decimals, not negative). 合计, 小计 and parent rows are formulas with \
            their values stored; a subject row inserted inside a block is summed. A 填表说明 sheet comes first. \
            The returned form reads back with `import` and checks with `validate`.
            """)

    @OptionGroup var templates: TemplateOptions

    @Option(name: .shortAndLong, help: "The unit's JSON (its rows and, unless --blank, its amounts).")
    var input: String

    @Flag(help: "Clear every amount: the rows and labels only.")
    var blank = false

    @Option(help: "Protect the sheets with this password.")
    var password: String?

    @Option(name: .shortAndLong, help: "The form to write (.xlsx).")
    var output: String

    func run() throws {
        let disclosure = try DisclosureJSON.read(path: input)
        let path = try OutputPaths.workbookPath(output: output, for: disclosure)
        try OutputPaths.refuseOverwriting(inputs: [input], with: path)
        try WorkbookGenerator(library: templates.library())
            .write(disclosure, to: path, form: FormOptions(blank: blank, password: password))
        print(path)
    }
}
