import Foundation

/// Names for the temporary files that writes go through before their rename.
///
/// A temporary file sits beside its destination, so the final rename stays on
/// one file system and is atomic. Its name starts with a dot, names the file
/// it stands for, and carries a marker, so a later run can find and remove
/// what a killed run left behind.
public enum TemporaryFiles {
    /// The marker every temporary file name ends with.
    public static let marker = ".budgetxlsx-partial"

    /// A fresh temporary name for a destination file name, e.g.
    /// `.report.xlsx.4711-1a2b3c.budgetxlsx-partial`.
    public static func name(for destination: String) -> String {
        let random = UInt32.random(in: 0...UInt32.max)
        return ".\(destination).\(getpid())-\(String(random, radix: 16))\(marker)"
    }

    /// Whether a file name is one of ours.
    public static func isTemporary(_ fileName: String) -> Bool {
        fileName.hasPrefix(".") && fileName.hasSuffix(marker)
    }

    /// Removes the temporary files left in a directory by runs that were killed;
    /// returns the names removed.
    @discardableResult
    public static func removeLeftovers(in directory: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var removed: [String] = []
        for name in names where isTemporary(name) {
            if unlink(directory + "/" + name) == 0 { removed.append(name) }
        }
        return removed
    }

    /// Writes bytes to `path` through a temporary file and a rename.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(name(for: url.lastPathComponent))
        do {
            try data.write(to: temporary)
        } catch {
            unlink(temporary.path)
            throw XLSXError(.io, "cannot write \(path)", cause: "\(error.localizedDescription)")
        }
        guard rename(temporary.path, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw XLSXError(.io, "cannot move \(temporary.lastPathComponent) into place at \(path)", cause: reason)
        }
    }
}
