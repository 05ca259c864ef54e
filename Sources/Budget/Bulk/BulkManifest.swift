import Foundation
import XLSX

/// `manifest.json` of a bulk run's output directory: for every unit, its
/// input fingerprint, output file, status and time.
public struct BulkManifest: Codable, Sendable, Equatable {
    /// The manifest's file name in the output directory.
    public static let fileName = "manifest.json"

    /// One unit's outcome.
    public struct Entry: Codable, Sendable, Equatable {
        /// Zero-based position in the input.
        public var index: Int
        /// Where the input came from.
        public var origin: String
        /// 单位编码, when the input could be read.
        public var code: String?
        /// 单位名称, when the input could be read.
        public var name: String?
        /// FNV-1a fingerprint of the input bytes.
        public var inputHash: String
        /// The workbook's file name in the output directory.
        public var output: String
        /// `ok`, `failed` or `skipped` (up to date with `--resume`).
        public var status: String
        /// The error of a failed unit.
        public var error: String?
        /// Seconds spent on the unit.
        public var seconds: Double
    }

    /// The entries, in input order.
    public var units: [Entry]

    /// Reads the manifest of a directory; an absent or unreadable one is empty.
    public static func read(directory: String) -> BulkManifest {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path),
              let manifest = try? JSONDecoder().decode(BulkManifest.self, from: data) else {
            return BulkManifest(units: [])
        }
        return manifest
    }

    /// Writes the manifest atomically.
    public func write(directory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        guard !units.isEmpty else { return try TemporaryFiles.writeAtomically(try encoder.encode(self), to: path) }
        // The same bytes as encoding the whole manifest, one entry at a time: encoding
        // everything at once holds a tree of every entry, so memory would grow with the run.
        var data = Data("{\n  \"units\" : [\n    ".utf8)
        for (i, entry) in units.enumerated() {
            if i > 0 { data.append(contentsOf: ",\n    ".utf8) }
            for byte in try encoder.encode(entry) {
                data.append(byte)
                if byte == 0x0A { data.append(contentsOf: "    ".utf8) }
            }
        }
        data.append(contentsOf: "\n  ]\n}".utf8)
        try TemporaryFiles.writeAtomically(data, to: path)
    }
}
