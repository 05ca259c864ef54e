import ArgumentParser
import Budget
import Foundation
import XLSX

/// `budgetxlsx sample`: realistic synthetic units.
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write realistic synthetic units, consistent by construction, one unit JSON per line.",
        discussion: "The same --seed gives the same units on every machine. Each line is a valid --input for generate.")

    @Option(help: "How many units.")
    var units: Int = 10

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: "A .jsonl file to write (default: standard output).")
    var output: String?

    func validate() throws {
        guard units >= 0 else { throw ValidationError("--units must not be negative") }
    }

    func run() throws {
        let set = try TemplateLibrary.builtIn().set("hebei-2025")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let output {
            try TemporaryFiles.checkName(of: output)
            let url = URL(fileURLWithPath: output)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(TemporaryFiles.name(for: url.lastPathComponent)).path
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                  let handle = FileHandle(forWritingAtPath: temporary) else {
                throw BudgetError(.io, "cannot write \(output)")
            }
            do {
                for index in 0..<units {
                    var line = try encoder.encode(SyntheticUnits.make(seed: seed, index: index, set: set))
                    line.append(0x0A)
                    handle.write(line)
                }
                try handle.close()
            } catch {
                try? handle.close()
                unlink(temporary)
                throw error
            }
            guard rename(temporary, output) == 0 else {
                unlink(temporary)
                throw BudgetError(.io, "cannot move the finished file into place at \(output)")
            }
        } else {
            for index in 0..<units {
                var line = try encoder.encode(SyntheticUnits.make(seed: seed, index: index, set: set))
                line.append(0x0A)
                FileHandle.standardOutput.write(line)
            }
        }
    }
}
