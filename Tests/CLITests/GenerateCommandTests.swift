import Foundation
import CommandRunner
import Testing

/// Runs the built `budgetxlsx` binary, which sits beside the test bundle.
enum CLI {
    static let packageRoot = ProcessRunner.packageRoot
    static let binary = ProcessRunner.budgetxlsx
    typealias Result = ProcessRunner.Result

    static func run(_ arguments: [String], stdin: Data? = nil, directory: String? = nil,
                    environment extra: [String: String] = [:]) throws -> Result {
        try ProcessRunner.run(binary, arguments, stdin: stdin, environment: extra, directory: directory)
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "cli-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static var example: Data {
        get throws { try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Examples/qinglong-hrss-2025.json")) }
    }
}

@Suite("budgetxlsx generate")
struct GenerateCommandTests {
    @Test("with no arguments it writes the bundled example into Output/ of the working directory")
    func defaultRun() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.run(["generate"], directory: dir, environment: ["BUDGETXLSX_DEBUG_HANDLES": "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = "Output/323-青龙满族自治县人力资源和社会保障局-2025.xlsx"
        #expect(result.stdout == expected + "\n")
        #expect(FileManager.default.fileExists(atPath: dir + "/" + expected))
        #expect(result.stderr.contains("live C handles: 0"), "\(result.stderr)")
    }

    @Test("--input - reads standard input; --output FILE.xlsx names the file; a second run replaces it")
    func stdinAndReplace() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/unit.xlsx"
        var result = try CLI.run(["generate", "--input", "-", "--output", out], stdin: try CLI.example)
        #expect(result.status == 0, "\(result.stderr)")
        let first = try FileManager.default.attributesOfItem(atPath: out)[.systemFileNumber] as? Int
        result = try CLI.run(["generate", "--input", "-", "--output", out], stdin: try CLI.example)
        #expect(result.status == 0)
        let second = try FileManager.default.attributesOfItem(atPath: out)[.systemFileNumber] as? Int
        #expect(first != second, "the file is replaced by a rename, not rewritten in place")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["unit.xlsx"])
    }

    @Test("bad input: a clear error naming the field, exit 1, nothing written", arguments: [
        (#"{"unit":{"code":"1","name":"x"},"year":2025,"tables":{"revenue":{"rows":[{"key":"合计","values":{"total":"abc"}}]}}}"#,
         "Error: bad.json: tables.revenue.rows[0].values.total: \"abc\" is not a decimal amount such as \"49576.24\"\n"),
        (#"{"unit":{"code":"1","name":"x"},"year":2025,"tables":{"revenue":{"rows":[{"key":"合计"},{"code":"2080","name":"y"}]}}}"#,
         "Error: tables.revenue.rows[1].code: \"2080\" is not a function classification code (3, 5 or 7 digits)\n"),
        ("not json", "Error: bad.json: not valid JSON"),
    ])
    func badInput(json: String, expected: String) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(json.utf8).write(to: URL(fileURLWithPath: dir + "/bad.json"))
        let result = try CLI.run(["generate", "--input", "bad.json", "--output", "out"], directory: dir,
                                 environment: ["BUDGETXLSX_DEBUG_HANDLES": "1"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(expected), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/1-x-2025.xlsx"))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0 != "bad.json" && $0 != "out" }
        #expect(left.isEmpty)
        #expect(result.stderr.contains("live C handles: 0"))
    }

    @Test("the input file is never overwritten")
    func neverOverwritesInput() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/unit.xlsx"
        try CLI.example.write(to: URL(fileURLWithPath: input))
        let result = try CLI.run(["generate", "--input", input, "--output", input])
        #expect(result.status == 1)
        #expect(result.stderr.contains("refusing to write"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == CLI.example)
    }

    @Test("a missing input file and a missing output directory are clear errors")
    func missingPaths() throws {
        var result = try CLI.run(["generate", "--input", "/nonexistent/unit.json"])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: cannot read /nonexistent/unit.json: no such file or not readable\n")
        result = try CLI.run(["generate", "--output", "/nonexistent/dir/x.xlsx"])
        #expect(result.status == 1)
        #expect(result.stderr == "Error: cannot write /nonexistent/dir/x.xlsx: directory /nonexistent/dir does not exist\n")
    }

    @Test("help names the tables and the subcommands")
    func help() throws {
        let root = try CLI.run(["--help"])
        #expect(root.status == 0)
        #expect(root.stdout.contains("generate"))
        #expect(root.stdout.contains("部门预算收支总表"))
        let generate = try CLI.run(["generate", "--help"])
        #expect(generate.stdout.contains("--input"))
        #expect(generate.stdout.contains("目录"))
    }
}
