import ArgumentParser
import Foundation
import XLSX

/// The `budgetxlsx` root command: one subcommand per job.
@main
struct BudgetXLSXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budgetxlsx",
        abstract: "Generate, read back and check the official spreadsheets of Chinese department budget disclosure (部门预算公开).",
        discussion: """
            Tables (Hebei 2025 template): 部门预算收支总表, 收入总表, 支出总表, 财政拨款收支总表, \
            一般公共预算财政拨款支出表, 一般公共预算财政拨款基本支出表, 政府性基金预算财政拨款支出表, \
            国有资本经营预算财政拨款支出表, 财政拨款"三公"经费支出表.
            """,
        subcommands: [
            Generate.self,
            Import.self,
            Diff.self,
            Bulk.self,
            Sample.self,
            Form.self,
            Aggregate.self,
            ParseText.self,
            Dump.self,
            Validate.self, Rules.self,
        ])

    /// Runs the command; with `BUDGETXLSX_DEBUG_HANDLES` set, reports on
    /// standard error how many C handles are still open at exit (tests expect 0).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            reportHandles()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((message + "\n").utf8))
            }
            reportHandles()
            Foundation.exit(code.rawValue)
        }
    }

    private static func reportHandles() {
        guard ProcessInfo.processInfo.environment["BUDGETXLSX_DEBUG_HANDLES"] != nil else { return }
        FileHandle.standardError.write(Data("live C handles: \(LiveHandles.current)\n".utf8))
    }
}
