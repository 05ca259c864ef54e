import Foundation

/// Where the units of a bulk run come from: a directory of `*.json` files
/// (in name order) or a JSON Lines file (one unit per line, in line order).
public struct UnitSource: Sendable {
    /// One unit's input, not yet decoded.
    public struct Item: Sendable {
        /// Zero-based position in the source.
        public var index: Int
        /// Where it came from: `units/a.json` or `units.jsonl:17`.
        public var origin: String
        /// The JSON bytes.
        public var data: Data
    }

    /// The path given.
    public let path: String
    private let files: [String]?
    /// The number of units.
    public let count: Int

    /// Opens a source; a directory is listed, a JSON Lines file counted.
    public init(path: String) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BudgetError(.io, "cannot read \(path): no such file or directory")
        }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            let files = names.filter { $0.lowercased().hasSuffix(".json") && !$0.hasPrefix(".") && $0 != BulkManifest.fileName }.sorted()
            self.files = files.map { (path as NSString).appendingPathComponent($0) }
            count = files.count
        } else {
            files = nil
            count = try Self.countLines(path)
        }
    }

    /// Calls `body` with every unit whose index `include` accepts, in order,
    /// reading one at a time: memory does not grow with the number of units.
    public func forEach(where include: (Int) -> Bool, _ body: (Item) throws -> Void) throws {
        let iterator = try makeIterator()
        while let item = try iterator.next() {
            if include(item.index) { try body(item) }
        }
    }

    /// An iterator over the units, one read at a time.
    public func makeIterator() throws -> Iterator {
        try Iterator(path: path, files: files)
    }

    /// Reads units one at a time; not thread-safe (callers serialise `next()`).
    public final class Iterator {
        private let path: String
        private let files: [String]?
        private var handle: FileHandle?
        /// Bytes read but not yet returned start at `start`: lines are taken
        /// without moving the rest of the buffer, which is compacted only
        /// before the next read.
        private var buffer: [UInt8] = []
        private var start = 0
        private var atEnd = false
        private var index = 0

        init(path: String, files: [String]?) throws {
            self.path = path
            self.files = files
            if files == nil {
                guard let handle = FileHandle(forReadingAtPath: path) else { throw BudgetError(.io, "cannot read \(path)") }
                self.handle = handle
            }
        }

        deinit { try? handle?.close() }

        /// The next unit, or nil at the end.
        public func next() throws -> Item? {
            if let files {
                guard index < files.count else { return nil }
                let file = files[index]
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw BudgetError(.io, "cannot read \(file)")
                }
                defer { index += 1 }
                return Item(index: index, origin: file, data: data)
            }
            while true {
                let found: Item?? = buffer.withUnsafeBufferPointer { bytes in
                    let rest = UnsafeBufferPointer(rebasing: bytes[start...])
                    if let base = rest.baseAddress, let hit = memchr(base, 0x0A, rest.count) {
                        let length = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                        start += length + 1
                        return .some(emit(UnsafeBufferPointer(rebasing: rest[..<length])))
                    }
                    if atEnd {
                        guard !rest.isEmpty else { return .some(nil) }
                        start = bytes.count
                        return .some(emit(rest))
                    }
                    return .none
                }
                switch found {
                case .some(let item?): return item
                case .some(nil) where atEnd && start == buffer.count: return nil
                case .some(nil): continue  // a blank line
                case .none: break
                }
                buffer.removeSubrange(0..<start)
                start = 0
                let chunk = handle?.readData(ofLength: 1 << 20) ?? Data()
                if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
            }
        }

        private func emit(_ line: UnsafeBufferPointer<UInt8>) -> Item? {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return nil }
            defer { index += 1 }
            return Item(index: index, origin: "\(path):\(index + 1)", data: Data(buffer: line))
        }
    }

    /// Counts the non-blank lines of a file.
    private static func countLines(_ path: String) throws -> Int {
        let iterator = try Iterator(path: path, files: nil)
        var count = 0
        while try iterator.next() != nil { count += 1 }
        return count
    }
}

/// A deterministic share of a bulk run: unit `i` (zero-based) belongs to shard
/// `I/N` when `i mod N = I - 1`, so N machines given `--shard 1/N` … `N/N`
/// together cover every unit exactly once.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// This shard, 1…count.
    public let number: Int
    /// The number of shards.
    public let count: Int

    /// Every unit.
    public static let all = Shard(uncheckedNumber: 1, count: 1)

    private init(uncheckedNumber: Int, count: Int) {
        number = uncheckedNumber
        self.count = count
    }

    /// Parses `I/N` with 1 ≤ I ≤ N.
    public init(_ text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else {
            throw BudgetError(.invalidData, "--shard \(text): expected I/N with 1 ≤ I ≤ N, such as 2/8")
        }
        self.init(uncheckedNumber: i, count: n)
    }

    /// Whether the unit at `index` is this shard's.
    public func contains(_ index: Int) -> Bool { index % count == number - 1 }

    public var description: String { "\(number)/\(count)" }
}

/// A fast, stable fingerprint of bytes (FNV-1a, 64 bits), for telling
/// whether a unit's input changed since its workbook was written.
public func fingerprint(_ data: Data) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    data.withUnsafeBytes { bytes in
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
