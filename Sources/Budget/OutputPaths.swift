import Foundation

/// File names and output paths that are safe on every file system.
public enum OutputPaths {
    /// Characters no file name may hold on Windows, macOS or Linux.
    private static let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
    /// Names Windows reserves whatever the extension.
    private static let reserved: Set<String> = Set(["CON", "PRN", "AUX", "NUL"]).union((1...9).flatMap { ["COM\($0)", "LPT\($0)"] })

    /// `text` made into one safe path component: forbidden and control
    /// characters become `_`, no leading dot or trailing dot/space, reserved
    /// device names prefixed, cut to at most `maxBytes` UTF-8 bytes.
    public static func safeComponent(_ text: String, maxBytes: Int = 200) -> String {
        var result = ""
        for character in text {
            if forbidden.contains(character) || character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                result.append("_")
            } else {
                result.append(character)
            }
        }
        while result.hasPrefix(".") { result.removeFirst() }
        while result.hasSuffix(".") || result.hasSuffix(" ") { result.removeLast() }
        while result.utf8.count > maxBytes { result.removeLast() }
        if result.isEmpty { result = "_" }
        let stem = result.split(separator: ".", maxSplits: 1).first.map(String.init)?.uppercased() ?? ""
        if reserved.contains(stem) { result = "_" + result }
        return result
    }

    /// The default workbook name of a disclosure: `<code>-<name>-<year>.xlsx`.
    public static func workbookName(for disclosure: Disclosure) -> String {
        safeComponent("\(disclosure.unit.code)-\(disclosure.unit.name)-\(disclosure.year)") + ".xlsx"
    }

    /// Resolves `--output`: nil means `Output/<default name>`; a path ending in
    /// `.xlsx` is the file; anything else is a directory (created if missing).
    public static func workbookPath(output: String?, for disclosure: Disclosure) throws -> String {
        let fm = FileManager.default
        var directory = "Output"
        if let output {
            if output.lowercased().hasSuffix(".xlsx") {
                let parent = (output as NSString).deletingLastPathComponent
                if !parent.isEmpty && !fm.fileExists(atPath: parent) {
                    throw BudgetError(.io, "cannot write \(output): directory \(parent) does not exist")
                }
                return output
            }
            directory = output
        }
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BudgetError(.io, "cannot create output directory \(directory)", cause: error.localizedDescription)
        }
        return (directory as NSString).appendingPathComponent(workbookName(for: disclosure))
    }

    /// Throws when `output` is the same file as one of `inputs`: an input is never overwritten.
    public static func refuseOverwriting(inputs: [String], with output: String) throws {
        let target = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath().path
        for input in inputs where input != "-" {
            let source = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path
            if source == target {
                throw BudgetError(.io, "refusing to write \(output): it is the input file \(input)")
            }
        }
    }
}
