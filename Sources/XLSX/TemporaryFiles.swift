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

    /// The longest file name (one path component) that common file systems accept, in UTF-8 bytes.
    public static let maxNameBytes = 255

    /// A fresh temporary name for a destination file name, e.g.
    /// `.report.xlsx.4711-1a2b3c.budgetxlsx-partial`. A long destination name is shortened inside
    /// it (at a character boundary), so the temporary name stays within `maxNameBytes` too.
    public static func name(for destination: String) -> String {
        let random = UInt32.random(in: 0...UInt32.max)
        let suffix = ".\(getpid())-\(String(random, radix: 16))\(marker)"
        var stem = Substring(destination)
        while 1 + stem.utf8.count + suffix.utf8.count > maxNameBytes { stem.removeLast() }
        return ".\(stem)\(suffix)"
    }

    /// Refuses a destination whose file name is longer than file systems allow, with a message
    /// that says so (instead of the bare "File name too long" of the failing call, later).
    public static func checkName(of path: String) throws {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let bytes = name.utf8.count
        guard bytes <= maxNameBytes else {
            throw XLSXError(.io, "cannot write \(path): its file name is \(bytes) bytes long (UTF-8), and file systems allow at most \(maxNameBytes) bytes in a name")
        }
    }

    /// Whether a file name is one of ours.
    public static func isTemporary(_ fileName: String) -> Bool {
        fileName.hasPrefix(".") && fileName.hasSuffix(marker)
    }

    /// The destination file name a temporary name stands for (as far as it is spelled out in it:
    /// a long one was shortened), or nil for a name that is not a temporary file's.
    public static func destination(ofTemporary name: String) -> String? {
        guard isTemporary(name) else { return nil }
        let inner = name.dropFirst().dropLast(marker.count)
        guard let dot = inner.lastIndex(of: ".") else { return nil }
        return String(inner[..<dot])
    }

    /// Removes the temporary files left in a directory by runs that were killed; with
    /// `destinations`, only those standing for one of these file names (what other runs in the
    /// same directory write is left alone). Returns the names removed.
    @discardableResult
    public static func removeLeftovers(in directory: String, destinations: Set<String>? = nil) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var removed: [String] = []
        for name in names where isTemporary(name) {
            if let destinations {
                // A name at the length limit may carry a shortened destination: a prefix matches then.
                let shortened = name.utf8.count > maxNameBytes - 4
                guard let destination = destination(ofTemporary: name),
                      destinations.contains(where: { $0 == destination || (shortened && $0.hasPrefix(destination)) })
                else { continue }
            }
            if unlink(directory + "/" + name) == 0 { removed.append(name) }
        }
        return removed
    }

    /// Writes bytes to `path` through a temporary file and a rename.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        try checkName(of: path)
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
