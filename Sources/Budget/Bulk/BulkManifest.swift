import Foundation
import XLSX

/// `manifest.json` of a bulk run's output directory: for every unit, its
/// input fingerprint, output file, status and time.
///
/// A run with `--shard I/N` (N > 1) keeps its own `manifest-shard-I-of-N.json`, so shards
/// running at the same time in one directory never overwrite each other's records; reading
/// for `--resume` merges every manifest of the directory.
public struct BulkManifest: Codable, Sendable, Equatable {
    /// The manifest's file name in the output directory, for a run of every unit.
    public static let fileName = "manifest.json"

    /// The file name of a shard's manifest (`manifest.json` for the whole input).
    public static func fileName(for shard: Shard) -> String {
        shard.count == 1 ? fileName : "manifest-shard-\(shard.number)-of-\(shard.count).json"
    }

    /// Whether a file name is a manifest, of the whole input or of a shard.
    static func isManifest(_ name: String) -> Bool {
        name == fileName || (name.hasPrefix("manifest-shard-") && name.hasSuffix(".json"))
    }

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

    /// Reads one manifest file of a directory; an absent or unreadable one is empty.
    public static func read(directory: String, name: String = fileName) -> BulkManifest {
        let path = (directory as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path),
              let manifest = try? JSONDecoder().decode(BulkManifest.self, from: data) else {
            return BulkManifest(units: [])
        }
        return manifest
    }

    /// Every manifest of a directory merged, oldest file first, so that for a unit recorded
    /// by several runs the most recent record wins.
    public static func readAll(directory: String) -> BulkManifest {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.filter(isManifest) ?? []
        func modified(_ name: String) -> Date {
            let attributes = try? FileManager.default.attributesOfItem(atPath: (directory as NSString).appendingPathComponent(name))
            return attributes?[.modificationDate] as? Date ?? .distantPast
        }
        var merged: [Int: Entry] = [:]
        for name in names.map({ ($0, modified($0)) }).sorted(by: { ($0.1, $0.0) < ($1.1, $1.0) }).map(\.0) {
            for entry in read(directory: directory, name: name).units { merged[entry.index] = entry }
        }
        return BulkManifest(units: merged.values.sorted { $0.index < $1.index })
    }

    /// Writes the manifest atomically under `name`.
    public func write(directory: String, name: String = fileName) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let path = (directory as NSString).appendingPathComponent(name)
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
