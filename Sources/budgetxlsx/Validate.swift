import ArgumentParser
import Budget
import Foundation

/// `budgetxlsx validate`: runs every rule of the catalogue and reports every finding.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a unit's tables against the consistency rules (勾稽关系) and list every finding.",
        discussion: """
            Reads a unit's disclosure (JSON; workbooks once import is available), runs every rule of \
            `budgetxlsx rules`, and prints one line per finding: rule id, severity, cell, message, \
            expected and actual amounts. A difference within the rounding of the addends (0.005 per \
            addend, at least the --tolerance, 0.01 by default) is a 尾差 warning; larger ones are errors.
            Exit status: 0 when there is no error (with --strict: no finding at all), 1 otherwise.
            With --annotate, also writes a new workbook of the unit in which every cell with a finding \
            is filled (red errors, yellow warnings) and commented, after a first sheet 校验结果 that \
            lists the findings with links. The input file is never modified.
            """)

    @OptionGroup var templates: TemplateOptions

    @Argument(help: "The unit's JSON file (- for standard input).")
    var file: String

    @Flag(help: "Print the findings as JSON on standard output.")
    var json = false

    @Option(help: ArgumentHelp("Also write an annotated workbook to this .xlsx path.", valueName: "out.xlsx"))
    var annotate: String?

    @Flag(help: "Exit 1 on warnings too.")
    var strict = false

    @Option(help: ArgumentHelp("The smallest difference still counted as rounding (尾差), e.g. 0.05. Default 0.01.",
                               valueName: "amount"))
    var tolerance: String?

    func validate() throws {
        if let tolerance {
            guard let amount = Amount(tolerance), amount >= .zero else {
                throw ValidationError("--tolerance must be a non-negative decimal amount such as 0.05, not \"\(tolerance)\"")
            }
        }
        if let annotate, !annotate.lowercased().hasSuffix(".xlsx") {
            throw ValidationError("--annotate needs a path ending in .xlsx, not \"\(annotate)\"")
        }
    }

    func run() throws {
        let library = try templates.library()
        if let annotate {
            try OutputPaths.refuseOverwriting(inputs: [file, templates.templates].compactMap { $0 }, with: annotate)
        }
        let (disclosure, locator) = try Self.loadForValidation(file, library: library)
        let set = try library.set(disclosure.template)
        try DisclosureCheck.check(disclosure, against: set)
        var limits = Tolerance.default
        if let tolerance, let minimum = Amount(tolerance) { limits.minimum = minimum }
        let validator = Validator(set: set, tolerance: limits)
        let report = validator.validate(disclosure, locator: locator)

        if let annotate {
            // Marks name cells of the generated workbook, whatever the input was.
            let map = SheetMap(disclosure: disclosure, set: set)
            let placed = locator is SheetMap ? report : validator.validate(disclosure, locator: map)
            let title = "\(disclosure.unit.code) \(disclosure.unit.name) \(disclosure.year) 校验结果：\(placed.summaryLine)"
            try WorkbookGenerator(library: library).write(disclosure, to: annotate, marks: placed.cellMarks(in: map),
                                                          leadingSheet: placed.listSheet(title: title))
        }

        if json {
            FileHandle.standardOutput.write(try report.jsonData())
        } else {
            var text = report.textLines().joined(separator: "\n")
            if !text.isEmpty { text += "\n" }
            text += report.summaryLine + "\n"
            if let annotate { text += "annotated workbook: \(annotate)\n" }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if report.hasErrors || (strict && !report.findings.isEmpty) { throw ExitCode(1) }
    }

    /// Reads the file to validate and the locator that names its cells: a
    /// JSON model is located in the workbook `generate` would write from it.
    static func loadForValidation(_ path: String, library: TemplateLibrary) throws -> (Disclosure, any CellLocating) {
        let lower = path.lowercased()
        if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") {
            let imported = try WorkbookImporter(library: library).importWorkbook(path: path)
            for warning in imported.warnings {
                FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
            }
            return (imported.disclosure, imported)
        }
        let disclosure = try DisclosureJSON.read(path: path)
        let set = try library.set(disclosure.template)
        return (disclosure, SheetMap(disclosure: disclosure, set: set))
    }
}
