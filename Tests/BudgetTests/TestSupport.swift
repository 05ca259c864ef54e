import Foundation

/// Paths and helpers shared by the budget-layer tests.
enum TestSupport {
    /// The package root (two levels above this file's directory).
    static let packageRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

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
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program to completion, with optional standard input.
    static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil,
                    environment: [String: String]? = nil, directory: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), input = Pipe()
        // Standard error goes to a file so that a full pipe never blocks the child.
        let errPath = NSTemporaryDirectory() + "stderr-" + UUID().uuidString
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = errHandle
        process.standardInput = input
        try process.run()
        try errHandle.close()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
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
