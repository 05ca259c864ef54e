import Foundation
import CommandRunner

/// Paths and helpers shared by the budget-layer tests.
enum TestSupport {
    /// The package root (two levels above this file's directory).
    static let packageRoot = ProcessRunner.packageRoot

    /// `../shared` beside the checkout, when present (DOMAIN.md, the sample, the corpus).
    static let shared: String? = {
        let path = URL(fileURLWithPath: packageRoot).deletingLastPathComponent().appendingPathComponent("shared").path
        return FileManager.default.fileExists(atPath: path + "/DOMAIN.md") ? path : nil
    }()

    /// Debian's Python, which has python3-openpyxl.
    static let python = "/usr/bin/python3"

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "budget-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The result of running a program.
    typealias Run = ProcessRunner.Result

    /// Runs a program to completion, with optional standard input.
    static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil,
                    environment: [String: String] = [:], directory: String? = nil) throws -> Run {
        try ProcessRunner.run(executable, arguments, stdin: stdin, environment: environment, directory: directory)
    }

    /// Runs one of the Python scripts in `Tests/Scripts` with Debian's Python.
    static func python(script: String, _ arguments: [String]) throws -> Run {
        try run(python, [packageRoot + "/Tests/Scripts/" + script] + arguments)
    }

    /// Runs Python code given inline.
    static func python(code: String, _ arguments: [String] = []) throws -> Run {
        try run(python, ["-c", code] + arguments)
    }

    /// Whether LibreOffice's headless converter is installed.
    static let hasLibreOffice = FileManager.default.fileExists(atPath: "/usr/bin/soffice")

    /// Converts a file with LibreOffice headless into `directory`, with a
    /// private profile so parallel conversions never share one.
    static func libreOfficeConvert(_ file: String, to format: String, directory: String) throws -> Run {
        let profile = "file://" + directory + "/lo-profile-" + UUID().uuidString
        return try run("/usr/bin/soffice", ["--headless", "--norestore", "-env:UserInstallation=" + profile,
                                             "--convert-to", format, "--outdir", directory, file])
    }
}
