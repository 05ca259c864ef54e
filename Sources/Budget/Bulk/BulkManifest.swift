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
        try TemporaryFiles.writeAtomically(try encoder.encode(self), to: (directory as NSString).appendingPathComponent(Self.fileName))
    }
}
