import CZip
import Foundation

/// Counts the reader's own live libzip handles, so reader tests can prove that none leaks
/// while writer tests run alongside (`LiveHandles` counts every C handle of the layer).
enum ReaderHandleCounter {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var count = 0

    /// The number of `zip_t` handles currently open.
    static var open: Int { lock.withLock { count } }
    static func add(_ delta: Int) { lock.withLock { count += delta } }
}

/// A read-only zip archive over libzip (`zip_open`, `zip_fopen_index`, `zip_fread`).
///
/// A file of up to `defaultPreloadLimit` bytes is read into memory with one `read` and opened from
/// there (`zip_source_buffer_create`), which spares libzip a seek and a read for every chunk of
/// every part; a larger file is read through libzip's file source, so memory stays bounded.
/// Entry names are looked up case-insensitively, as OPC part names are.
final class ZipArchive {
    /// One entry: its name as stored and the sizes libzip's `zip_stat_index` declares.
    struct Entry {
        var name: String
        var index: zip_uint64_t
        var size: Int64
        var compressedSize: Int64
    }

    /// Files up to this size are read into memory before libzip opens them.
    static let defaultPreloadLimit = 4 << 20

    private var handle: OpaquePointer?
    /// The file's bytes when it was preloaded; libzip reads from them until `close`.
    private var contents: UnsafeMutableRawBufferPointer?
    let file: String
    let limits: ReaderLimits
    private(set) var entries: [Entry] = []
    /// The expat parser reused for the package's parts (see `parseXML`).
    let xmlParser = ReusableXMLParser()
    private var byLowercasedName: [String: Int] = [:]

    /// Opens the archive and checks entry count and declared sizes against the limits.
    ///
    /// `contents`, when given, are the whole file's bytes (see `FileSniffer.load`); the archive takes
    /// them over and frees them on `close`, also when opening fails.
    init(path: String, contents: UnsafeMutableRawBufferPointer? = nil, limits: ReaderLimits) throws {
        self.file = path
        self.limits = limits
        self.contents = contents
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        let opened: OpaquePointer?
        if let contents {
            if let source = zip_source_buffer_create(contents.baseAddress, zip_uint64_t(contents.count), 0, &error) {
                opened = zip_open_from_source(source, ZIP_RDONLY, &error)
                if opened == nil { zip_source_free(source) }
            } else {
                opened = nil
            }
        } else {
            var code: Int32 = 0
            opened = zip_open(path, ZIP_RDONLY, &code)
            if opened == nil { zip_error_set(&error, code, 0) }
        }
        guard let za = opened else {
            releaseContents()
            let code = zip_error_code_zip(&error)
            let cause = String(cString: zip_error_strerror(&error))
            if code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS {
                throw XLSXError(.damaged, "\(path) is not a readable zip archive: it is truncated, damaged or not an XLSX file", cause: cause)
            }
            if code == ZIP_ER_OPEN || code == ZIP_ER_NOENT || code == ZIP_ER_READ {
                throw XLSXError(.io, "\(path) could not be opened", cause: cause)
            }
            throw XLSXError(.damaged, "\(path) could not be opened as a zip archive", cause: cause)
        }
        handle = za
        ReaderHandleCounter.add(1)
        LiveHandles.opened()
        do {
            try readDirectory(za)
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Frees the libzip handle (`zip_discard`: nothing is ever written); safe to call twice.
    func close() {
        if let za = handle {
            zip_discard(za)
            handle = nil
            ReaderHandleCounter.add(-1)
            LiveHandles.closed()
        }
        xmlParser.free()
        releaseContents()
    }

    private func releaseContents() {
        contents?.deallocate()
        contents = nil
    }

    private func readDirectory(_ za: OpaquePointer) throws {
        let count = zip_get_num_entries(za, 0)
        guard count >= 0 else {
            throw XLSXError(.damaged, "\(file): the zip directory cannot be read", cause: Self.errorText(za))
        }
        guard count <= Int64(limits.maxEntries) else {
            throw XLSXError(.limitExceeded, "\(file): the archive has \(count) entries, more than the limit of \(limits.maxEntries) entries")
        }
        var total: Int64 = 0
        entries.reserveCapacity(Int(count))
        byLowercasedName.reserveCapacity(Int(count))
        for i in 0..<zip_uint64_t(count) {
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat_index(za, i, 0, &st) == 0, let cName = st.name else {
                throw XLSXError(.damaged, "\(file): zip entry \(i) cannot be read", cause: Self.errorText(za))
            }
            var name = String(cString: cName)
            while name.hasPrefix("/") { name.removeFirst() }
            let size = (st.valid & zip_uint64_t(ZIP_STAT_SIZE)) != 0 ? Int64(clamping: st.size) : 0
            let compressed = (st.valid & zip_uint64_t(ZIP_STAT_COMP_SIZE)) != 0 ? Int64(clamping: st.comp_size) : 0
            let entry = Entry(name: name, index: i, size: size, compressedSize: compressed)
            try checkDeclared(entry)
            total = total &+ size
            guard total <= limits.maxTotalUncompressedBytes, total >= 0 else {
                throw XLSXError(.limitExceeded, "\(file): the parts together declare more than the limit of \(limits.maxTotalUncompressedBytes) uncompressed bytes (total uncompressed size limit, reached at part \(name))")
            }
            let key = caseFolded(name)
            if byLowercasedName[key] == nil { byLowercasedName[key] = entries.count }
            entries.append(entry)
        }
    }

    private func checkDeclared(_ entry: Entry) throws {
        guard entry.size <= limits.maxEntryUncompressedBytes else {
            throw XLSXError(.limitExceeded, "\(file): part \(entry.name) declares \(entry.size) uncompressed bytes, more than the per-part limit of \(limits.maxEntryUncompressedBytes) bytes")
        }
        if entry.size > limits.compressionRatioThreshold {
            let ratio = entry.size / max(entry.compressedSize, 1)
            guard ratio <= limits.maxCompressionRatio else {
                throw XLSXError(.limitExceeded, "\(file): part \(entry.name) has a compression ratio of \(ratio):1, more than the limit of \(limits.maxCompressionRatio):1")
            }
        }
    }

    /// The entry with this part name, compared case-insensitively; nil when absent.
    func entry(named name: String) -> Entry? {
        var key = name
        while key.hasPrefix("/") { key.removeFirst() }
        guard let i = byLowercasedName[caseFolded(key)] else { return nil }
        return entries[i]
    }

    /// Opens an entry for reading; the stream checks the bytes it hands out against the declared
    /// size and the limits. Close it before the archive.
    func open(_ entry: Entry) throws -> EntryStream {
        guard let za = handle else {
            throw XLSXError(.misuse, "\(file): the reader is closed")
        }
        guard let zf = zip_fopen_index(za, entry.index, 0) else {
            let cause = Self.errorText(za)
            if zip_error_code_zip(zip_get_error(za)) == ZIP_ER_NOPASSWD || zip_error_code_zip(zip_get_error(za)) == ZIP_ER_ENCRNOTSUPP {
                throw XLSXError(.encrypted, "\(file): part \(entry.name) is encrypted inside the zip archive", cause: cause)
            }
            throw XLSXError(.damaged, "\(file): part \(entry.name) cannot be opened", cause: cause)
        }
        return EntryStream(file: file, entry: entry, handle: zf, limits: limits)
    }

    /// The decompressed bytes of one entry, pulled into the caller's buffer (expat's own, so no
    /// byte is copied twice), with every size and ratio check applied as they arrive.
    struct EntryStream: ~Copyable {
        let file: String
        let entry: Entry
        private let handle: OpaquePointer
        private let limits: ReaderLimits
        private var total: Int64 = 0

        fileprivate init(file: String, entry: Entry, handle: OpaquePointer, limits: ReaderLimits) {
            self.file = file
            self.entry = entry
            self.handle = handle
            self.limits = limits
        }

        deinit { zip_fclose(handle) }

        /// Fills up to `capacity` bytes at `buffer`; 0 at the end of the entry.
        mutating func read(into buffer: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
            let n = zip_fread(handle, buffer, zip_uint64_t(capacity))
            if n < 0 {
                let cause = zip_file_strerror(handle).map { String(cString: $0) }
                throw XLSXError(.damaged, "\(file): part \(entry.name) is damaged and cannot be decompressed", cause: cause)
            }
            if n == 0 { return 0 }
            total += Int64(n)
            if total > limits.maxEntryUncompressedBytes {
                throw XLSXError(.limitExceeded, "\(file): part \(entry.name) decompresses to more than the per-part limit of \(limits.maxEntryUncompressedBytes) bytes")
            }
            if total > entry.size {
                throw XLSXError(.damaged, "\(file): part \(entry.name) decompresses to more than the \(entry.size) bytes its zip entry declares")
            }
            if entry.compressedSize > 0, total > limits.compressionRatioThreshold,
               total / entry.compressedSize > limits.maxCompressionRatio {
                throw XLSXError(.limitExceeded, "\(file): part \(entry.name) has a compression ratio above the limit of \(limits.maxCompressionRatio):1")
            }
            return Int(n)
        }
    }

    /// Reads a small entry whole, up to `maxBytes`; for `mimetype` and the like.
    func readPrefix(_ entry: Entry, maxBytes: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        guard let za = handle, let zf = zip_fopen_index(za, entry.index, 0) else { return bytes }
        defer { zip_fclose(zf) }
        bytes = [UInt8](repeating: 0, count: maxBytes)
        let n = bytes.withUnsafeMutableBytes { zip_fread(zf, $0.baseAddress, zip_uint64_t(maxBytes)) }
        bytes.removeSubrange(max(0, Int(n))...)
        return bytes
    }

    private static func errorText(_ za: OpaquePointer) -> String? {
        zip_strerror(za).map { String(cString: $0) }
    }
}

/// `text.lowercased()`, with a fast path for text whose only cased letters are ASCII: part names
/// nearly always are, and sheet names in Chinese (CJK ideographs, kana, CJK and general punctuation,
/// fullwidth punctuation and digits) have no case at all, while `lowercased()` costs thousands of
/// instructions for every such name.
func caseFolded(_ text: String) -> String {
    var copy = text
    return copy.withUTF8 { bytes -> String in
        var upper = false
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b &- UInt8(ascii: "A") < 26 { upper = true }
                i += 1
            } else if i + 2 < n, uncasedThreeByteSequence(b, bytes[i + 1], bytes[i + 2]) {
                i += 3
            } else {
                return text.lowercased()
            }
        }
        guard upper else { return text }
        return String(unsafeUninitializedCapacity: n) { out in
            for k in 0 ..< n {
                let b = bytes[k]
                out[k] = b &- UInt8(ascii: "A") < 26 ? b + 32 : b
            }
            return n
        }
    }
}

/// Whether three bytes encode a character without a lowercase mapping from U+2000–U+207F (general
/// punctuation: “ ” — …), U+3000–U+9FFF (CJK punctuation, kana, ideographs) or U+FF00–U+FF20
/// (fullwidth punctuation and digits: （ ） ０–９); a continuation byte that is not one is left to
/// `lowercased()`, which also handles malformed sequences.
@inline(__always)
private func uncasedThreeByteSequence(_ lead: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
    guard second & 0xC0 == 0x80, third & 0xC0 == 0x80 else { return false }
    switch lead {
    case 0xE3 ... 0xE9: return true
    case 0xE2: return second == 0x80 || second == 0x81
    case 0xEF: return second == 0xBC && third <= 0xA0
    default: return false
    }
}
