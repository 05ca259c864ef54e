import ArgumentParser
import Budget
import Foundation
import XLSX

/// `budgetxlsx import`: a disclosure workbook back into the model.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read an edited disclosure workbook back into the JSON model.",
        discussion: """
            Finds each table by its title (a renamed sheet still imports), checks its header against the \
            template cell by cell, and reads the body by subject code or row label, wherever rows were \
            inserted, deleted or moved. Numbers typed as text are accepted with a warning; anything else \
            that is not an amount is an error naming its cell. With --against, prints what changed.
            """)

    @OptionGroup var templates: TemplateOptions

    @Argument(help: "The workbook (.xlsx) to read.")
    var file: String

    @Option(name: .shortAndLong, help: "Write the model here (JSON). Default: standard output.")
    var output: String?

    @Option(help: "The original model (JSON): print the changes from it to the workbook.")
    var against: String?

    @Flag(help: "With --against: print the changes as JSON.")
    var json = false

    func run() throws {
        let library = try templates.library()
        let imported = try WorkbookImporter(library: library).importWorkbook(path: file)
        for warning in imported.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        let data = try DisclosureJSON.encode(imported.disclosure)
        if let output {
            try OutputPaths.refuseOverwriting(inputs: [file, against].compactMap { $0 }, with: output)
            try TemporaryFiles.writeAtomically(data, to: output)
        } else if against == nil {
            FileHandle.standardOutput.write(data)
        }
        if let against {
            let original = try DisclosureJSON.read(path: against)
            let set = try library.set(imported.disclosure.template)
            let oldMap = SheetMap(disclosure: original, set: set)
            let changes = DisclosureDiff.changes(
                from: original, to: imported.disclosure, set: set,
                locateNew: { imported.a1Reference(table: $0, row: $1, column: $2) },
                locateOld: { oldMap.a1Reference(table: $0, row: $1, column: $2) })
            try ChangeReport.print(changes, json: json)
        }
    }
}

/// `budgetxlsx diff`: the changes between two models.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "List the changes between two disclosure models (JSON): table, row, column, old → new, cell.",
        discussion: "Cells are those of the workbooks that `generate` makes from each model. Exits 0 when they are equal, 1 when they differ.")

    @OptionGroup var templates: TemplateOptions

    @Argument(help: "The old model (JSON).")
    var old: String

    @Argument(help: "The new model (JSON).")
    var new: String

    @Flag(help: "Print the changes as JSON.")
    var json = false

    func run() throws {
        let library = try templates.library()
        let a = try DisclosureJSON.read(path: old)
        let b = try DisclosureJSON.read(path: new)
        let set = try library.set(b.template)
        let oldMap = SheetMap(disclosure: a, set: set)
        let newMap = SheetMap(disclosure: b, set: set)
        let changes = DisclosureDiff.changes(
            from: a, to: b, set: set,
            locateNew: { newMap.a1Reference(table: $0, row: $1, column: $2) },
            locateOld: { oldMap.a1Reference(table: $0, row: $1, column: $2) })
        try ChangeReport.print(changes, json: json)
        if !changes.isEmpty { throw ExitCode(1) }
    }
}

/// Prints a change list as text or JSON.
enum ChangeReport {
    static func print(_ changes: [Change], json: Bool) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            struct Report: Encodable { var changes: [Change]; var count: Int }
            var data = try encoder.encode(Report(changes: changes, count: changes.count))
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        } else if changes.isEmpty {
            Swift.print("no changes")
        } else {
            for change in changes { Swift.print(change) }
            Swift.print("\(changes.count) change\(changes.count == 1 ? "" : "s")")
        }
    }
}
