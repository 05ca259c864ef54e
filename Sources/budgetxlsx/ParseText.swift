import ArgumentParser
import Budget
import Foundation
import XLSX

/// `budgetxlsx parse-text`: a published disclosure's text layer into the JSON model.
struct ParseText: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse-text",
        abstract: "Read the text of a published disclosure (pdftotext output) into the JSON model.",
        discussion: """
            Reads the nine tables, the 说明 sections with the 机构设置 table, every 项目绩效目标表, the \
            政府采购预算 and the 固定资产 table. Every line is placed or reported with its number and the \
            reason; repairs of the layout (wrapped cells, shifted headers) are reported too. The summary \
            and the remarks go to standard error, the JSON to standard output or --output. Exits 1 when a \
            line could not be placed (the JSON is still written).
            """)

    @OptionGroup var templates: TemplateOptions

    @Argument(help: "The text file, or - for standard input.")
    var file: String

    @Option(name: .shortAndLong, help: "Write the model here (JSON). Default: standard output.")
    var output: String?

    @Option(help: "The template set the tables follow.")
    var set = "hebei-2025"

    @Flag(help: "Print only the summary, not every remark.")
    var quiet = false

    func run() throws {
        let importer = TextImporter(library: try templates.library(), set: set)
        let (disclosure, report) = try importer.parse(path: file)
        let data = try DisclosureJSON.encode(disclosure)
        if let output {
            try OutputPaths.refuseOverwriting(inputs: [file], with: output)
            try TemporaryFiles.writeAtomically(data, to: output)
        } else {
            FileHandle.standardOutput.write(data)
        }
        var text = ""
        if !quiet { for note in report.notes { text += "\(note)\n" } }
        text += report.summary + "\n"
        FileHandle.standardError.write(Data(text.utf8))
        if !report.notes(.unplaced).isEmpty { throw ExitCode(1) }
    }
}
