import Budget
import Foundation
import CommandRunner
import Testing
import XLSX

/// The built `budgetxlsx` binary: beside the test bundle, or in a build directory of the checkout.
enum ValidationCLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static let binary: String? = {
        let found = ProcessRunner.budgetxlsx
        if FileManager.default.isExecutableFile(atPath: found) { return found }
        let other = root + "/.build-validate/debug/budgetxlsx"
        return FileManager.default.isExecutableFile(atPath: other) ? other : nil
    }()

    static func run(_ arguments: [String], in directory: String? = nil) throws -> TestSupport.Run {
        let binary = try #require(binary, "the budgetxlsx binary was not found beside the tests nor in .build/debug")
        return try TestSupport.run(binary, arguments, directory: directory)
    }

    static func write(_ disclosure: Disclosure, to directory: String, name: String) throws -> String {
        let path = directory + "/" + name
        try DisclosureJSON.encode(disclosure).write(to: URL(fileURLWithPath: path))
        return path
    }
}

@Suite("budgetxlsx validate and rules", .serialized)
struct ValidationCLITests {
    static let sample = ValidationCLI.root + "/Examples/qinglong-hrss-2025.json"

    @Test("the sample: every finding on its own line, exit 1 for its error")
    func sampleText() throws {
        let run = try ValidationCLI.run(["validate", Self.sample])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 46)
        #expect(lines.first == "T1-2 warning 尾差 部门预算收支总表!E37: 收支总表 本年支出合计 52729.91 应 = 各类支出之和 = 52729.92（差 -0.01，尾差） (expected 52729.92, actual 52729.91)")
        #expect(lines.last == "7 errors, 38 warnings (38 尾差) from 58 rules")
        #expect(run.stderr == "")
    }

    @Test("--json: findings with rule, severity, sheet, cell, cells, expected, actual, message and a summary")
    func json() throws {
        let run = try ValidationCLI.run(["validate", "--json", Self.sample])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["findings", "summary"])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 45)
        let last = try #require(findings.first { $0["rule"] as? String == "E-1" })
        #expect(last["rule"] as? String == "E-1")
        #expect(last["severity"] as? String == "error")
        #expect(last["sheet"] as? String == "部门预算财政拨款“三公”经费支出表")
        #expect(last["cell"] as? String == "A15")
        #expect((last["cells"] as? [String])?.count == 9)
        let first = try #require(findings.first)
        #expect(first["severity"] as? String == "warning")
        #expect(first["kind"] as? String == "rounding")
        #expect(first["expected"] as? String == "52729.92")
        #expect(first["actual"] as? String == "52729.91")
        #expect(object["summary"] as? [String: Int] == ["errors": 7, "warnings": 38, "rounding": 38, "rules": 58])
    }

    @Test("exit 0 without errors; --strict makes warnings count")
    func exitCodes() throws {
        let set = try DerivationTests.hebei()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let derived = try Derivation.derive(nineTablesOnly(DisclosureJSON.bundledExample()), set: set)
        let warnings = Validator(set: set).validate(derived).warnings.count
        #expect(warnings > 0)
        let path = try ValidationCLI.write(derived, to: directory, name: "derived.json")
        let plain = try ValidationCLI.run(["validate", path])
        #expect(plain.status == 0)
        #expect(plain.stdout.hasSuffix("0 errors, \(warnings) warnings (\(warnings) 尾差) from 58 rules\n"))
        #expect(try ValidationCLI.run(["validate", "--strict", path]).status == 1)

        // A unit without any finding passes even --strict.
        var clean: Disclosure?
        for index in 0..<40 {
            let unit = try SyntheticUnits.make(seed: 5, index: index, set: set)
            if Validator(set: set).validate(unit).findings.isEmpty { clean = unit; break }
        }
        let unit = try #require(clean, "no synthetic unit without 尾差 among 40")
        let cleanPath = try ValidationCLI.write(unit, to: directory, name: "clean.json")
        let strict = try ValidationCLI.run(["validate", "--strict", "--json", cleanPath])
        #expect(strict.status == 0)
        #expect(strict.stdout.contains("\"errors\" : 0"))
    }

    @Test("--tolerance widens 尾差; bad values are usage errors")
    func toleranceOption() throws {
        let set = try DerivationTests.hebei()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var unit = try Derivation.derive(nineTablesOnly(DisclosureJSON.bundledExample()), set: set)
        bump(&unit, "generalPublicBasic", "30101", ["total"], by: "0.03")
        let path = try ValidationCLI.write(unit, to: directory, name: "off.json")
        #expect(try ValidationCLI.run(["validate", path]).status == 1)
        #expect(try ValidationCLI.run(["validate", "--tolerance", "0.05", path]).status == 0)
        let bad = try ValidationCLI.run(["validate", "--tolerance", "abc", path])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--tolerance must be a non-negative decimal amount"))
    }

    @Test("refusals: annotating over the input, a file that is not a workbook, a missing file")
    func refusals() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = directory + "/unit.xlsx"
        try Data("not really".utf8).write(to: URL(fileURLWithPath: input))
        let over = try ValidationCLI.run(["validate", input, "--annotate", input])
        #expect(over.status == 1)
        #expect(over.stderr.contains("refusing to write"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == Data("not really".utf8))
        let workbook = try ValidationCLI.run(["validate", input])
        #expect(workbook.status == 1)
        #expect(workbook.stderr.contains("is not an XLSX workbook"))
        let missing = try ValidationCLI.run(["validate", directory + "/nothing.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("Error: "))
    }

    @Test("rules: the catalogue as text and JSON")
    func rules() throws {
        let text = try ValidationCLI.run(["rules"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("T2-1  [error]  收入总表：每行 合计 = 本年收入小计 + 上年结转\n"))
        #expect(text.stdout.contains("X-12  [warning, soft]"))
        #expect(text.stdout.hasSuffix("58 rules\n"))
        let json = try ValidationCLI.run(["rules", "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.compactMap { $0["id"] as? String } == ValidationRule.catalogue.map(\.id))
        let reads = entries.first?["reads"] as? [[String: Any]]
        #expect(reads?.count == 1)
        #expect(reads?.first?["table"] as? String == "summary")
        #expect(reads?.first?["columns"] as? [String] == ["amount"])
        #expect(entries.last?["soft"] as? Bool == true)
    }

    @Test("generate --derive writes the workbook of a unit given by its leaf rows")
    func generateDerive() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try ValidationCLI.write(SyntheticUnits.primary(seed: 3, index: 1), to: directory, name: "leaves.json")
        let output = directory + "/out.xlsx"
        let plain = try ValidationCLI.run(["generate", "-i", path, "-o", output])
        #expect(plain.status == 1)  // the leaf rows alone lack the fixed rows of tables 1, 4 and 9
        let derived = try ValidationCLI.run(["generate", "--derive", "-i", path, "-o", output])
        #expect(derived.status == 0, "\(derived.stderr)")
        #expect(FileManager.default.fileExists(atPath: output))
    }
}
