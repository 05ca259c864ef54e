import ArgumentParser
import Budget
import Foundation

/// `budgetxlsx rules`: prints the rule catalogue that `validate` runs.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the consistency rules (勾稽关系) that validate checks.",
        discussion: """
            One block per rule: id, severity (error, or warning for a soft rule), the rule in Chinese \
            and in English, and the tables and columns it reads.
            """)

    @Flag(help: "Print the catalogue as JSON.")
    var json = false

    func run() throws {
        if json {
            FileHandle.standardOutput.write(try ValidationRule.catalogueJSON())
            return
        }
        var text = ""
        for rule in ValidationRule.catalogue {
            text += "\(rule.id)  [\(rule.severity.rawValue)\(rule.soft ? ", soft" : "")]  \(rule.chinese)\n"
            text += "      \(rule.english)\n"
            if !rule.reads.isEmpty {
                text += "      reads: " + rule.reads.map(\.description).joined(separator: "; ") + "\n"
            }
        }
        text += "\(ValidationRule.catalogue.count) rules\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
