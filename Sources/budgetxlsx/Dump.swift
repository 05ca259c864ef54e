import ArgumentParser
import Foundation
import XLSX

/// `budgetxlsx dump`: prints every non-empty cell of any XLSX workbook, for inspection and diffs.
struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print every non-empty cell of XLSX workbooks (any workbook, not only budget tables).",
        discussion: """
            For each cell: sheet, A1 reference, type (string, number, boolean, error, date, or formula \
            for a formula without a cached value), value, and formula text; then the merged ranges. \
            Numbers are shown as the shortest decimal that reads back as the stored value (966.06), \
            dates as ISO 8601 text with their serial number.

            json and csv stream: memory stays flat however large the sheet. text lays each sheet out \
            as a grid and so holds one sheet at a time. Several files are read at the same time \
            (--jobs, one per core by default) and printed in the order given. A file that fails is reported on standard error \
            as `Error: …` and the others are still printed (exit status 1); a file that fails after more \
            than 4 MiB of its output was printed leaves that output incomplete (in json, a line that is \
            not a whole document).

            The --max-… options raise or lower the limits that protect against hostile files (zip \
            bombs, endless XML); sizes take a K, M or G suffix (binary: 1K = 1024 bytes).
            """)

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @Argument(help: "The .xlsx files to read.")
    var files: [String]

    @Option(help: "Only this sheet (by name).")
    var sheet: String?

    @Option(help: "Output format: text (a grid per sheet), json (one document per file per line) or csv.")
    var format: Format = .text

    @Option(help: "Files read at the same time (default: the number of cores); output keeps the order of the files.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup(title: "Limits against hostile files")
    var limits: ReaderLimitOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let job = Job(sheet: sheet, format: format, limits: limits.readerLimits)
        let failed = min(jobs, files.count) > 1 ? job.parallel(files, jobs: min(jobs, files.count)) : job.sequential(files)
        if failed { throw ExitCode(1) }
    }

    /// What every file of one run is read and printed with.
    struct Job: Sendable {
        var sheet: String?
        var format: Format
        var limits: ReaderLimits

        var header: String? { format == .csv ? "file,sheet,ref,type,value,formula\n" : nil }

        /// Reads and prints the files one after the other; true when one failed.
        func sequential(_ files: [String]) -> Bool {
            var failed = false
            var out = OutputBuffer()
            if let header { out.append(header) }
            for file in files {
                if let error = dump(file, into: &out) {
                    out.flush()
                    FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
                    failed = true
                }
            }
            out.flush()
            return failed
        }

        /// Reads `jobs` files at a time on threads of their own while this thread prints them in
        /// order; each file's output waits in a bounded queue (`FileOutput`) and no file more than
        /// 2 × `jobs` ahead of the one printed is started, so memory stays flat as in `sequential`.
        /// True when a file failed.
        func parallel(_ files: [String], jobs: Int) -> Bool {
            let outputs = files.map { _ in FileOutput() }
            let queue = WorkQueue(count: files.count, window: 2 * jobs)
            for _ in 0 ..< jobs {
                Thread.detachNewThread { [self] in
                    while let index = queue.next() {
                        var out = OutputBuffer(sink: .queue(outputs[index]))
                        let error = dump(files[index], into: &out)
                        out.flush()
                        outputs[index].finish(error: error.map { "\($0)" })
                    }
                }
            }
            var failed = false
            if let header { OutputBuffer.writeToStandardOutput(Array(header.utf8)) }
            for (index, output) in outputs.enumerated() {
                while let chunk = output.next() { OutputBuffer.writeToStandardOutput(chunk) }
                if let error = output.error {
                    FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
                    failed = true
                }
                queue.printed(index)
            }
            return failed
        }

        /// Appends one file's output; on failure drops what it added (or ends its line when part
        /// was written already) and returns the error.
        func dump(_ file: String, into out: inout OutputBuffer) -> Error? {
            out.beginFile()
            do {
                let reader = try XLSXReader(path: file, limits: limits)
                defer { reader.close() }
                let indices = try sheet.map { name -> [Int] in
                    guard let info = reader.sheet(named: name) else {
                        _ = try reader.readSheet(named: name)  // throws the error that lists the sheets
                        return []
                    }
                    return [info.index]
                } ?? Array(reader.sheets.indices)
                switch format {
                case .json: try Dump.json(file: file, reader: reader, sheets: indices, into: &out)
                case .csv: try Dump.csv(file: file, reader: reader, sheets: indices, into: &out)
                case .text: out.append(Dump.text(file: file, sheets: try indices.map { try reader.readSheet(at: $0) }))
                }
                out.endFile()
                return nil
            } catch {
                out.abandonFile(endingLine: format != .text)
                return error
            }
        }
    }

    // MARK: JSON

    /// One line: `{"file":…,"sheets":[{"name":…,"cells":[{"ref":…,"type":…,"value":…}],"merges":[…]}]}`.
    static func json(file: String, reader: XLSXReader, sheets: [Int], into out: inout OutputBuffer) throws {
        out.append("{\"file\":")
        out.appendJSONString(file)
        out.append(",\"sheets\":[")
        for (i, index) in sheets.enumerated() {
            let info = reader.sheets[index]
            if i > 0 { out.append(",") }
            out.append("{\"name\":")
            out.appendJSONString(info.name)
            if info.state != .visible {
                out.append(",\"state\":")
                out.appendJSONString(info.state.rawValue)
            }
            out.append(",\"cells\":[")
            var first = true
            let merges = try reader.forEachRow(inSheetAt: index) { row in
                for cell in row.cells {
                    out.append(first ? "{\"ref\":\"" : ",{\"ref\":\"")
                    first = false
                    out.appendReference(cell.reference)
                    out.append("\",\"type\":\"")
                    out.append(cell.value.typeName)
                    out.append("\",\"value\":")
                    appendValueText(cell.value, json: true, into: &out)
                    if case .date(_, let serial) = cell.value {
                        out.append(",\"serial\":")
                        out.appendJSONString(serial)
                    }
                    if let formula = cell.formula {
                        out.append(",\"formula\":")
                        out.appendJSONString(formula)
                    }
                    if let master = cell.sharedFormulaMaster {
                        out.append(",\"sharedFormula\":\"")
                        out.appendReference(master)
                        out.append("\"")
                    }
                    out.append("}")
                }
                out.flushIfFull()
            }
            out.append("],\"merges\":[")
            for (j, merge) in merges.enumerated() {
                out.append(j > 0 ? ",\"" : "\"")
                out.append(merge.description)
                out.append("\"")
            }
            out.append("]}")
        }
        out.append("]}\n")
    }

    /// A JSON string literal of `text` (kept for callers that format single values).
    static func jsonString(_ text: String) -> String {
        var out = OutputBuffer(sink: .none)
        out.appendJSONString(text)
        return out.text
    }

    /// The value's text (`CellValue.text`) escaped for JSON or CSV, without building it first where it is stored.
    private static func appendValueText(_ value: CellValue, json: Bool, into out: inout OutputBuffer) {
        switch value {
        case .string(let s): json ? out.appendJSONString(s) : out.appendCSVField(s)
        case .number(let text, _):
            // Plain decimal text (`-12.5`) never needs escaping or quoting.
            if json { out.append("\"") }
            out.append(text)
            if json { out.append("\"") }
        default: json ? out.appendJSONString(value.text) : out.appendCSVField(value.text)
        }
    }

    // MARK: CSV

    /// Rows of `file,sheet,ref,type,value,formula`, quoted as RFC 4180 says.
    static func csv(file: String, reader: XLSXReader, sheets: [Int], into out: inout OutputBuffer) throws {
        for index in sheets {
            // The first two fields are the same on every row of a sheet: escaped once.
            var prefix = OutputBuffer(sink: .none)
            prefix.appendCSVField(file)
            prefix.append(",")
            prefix.appendCSVField(reader.sheets[index].name)
            prefix.append(",")
            let lead = prefix.bytes
            try reader.forEachRow(inSheetAt: index) { row in
                for cell in row.cells {
                    out.append(lead)
                    out.appendReference(cell.reference)
                    out.append(",")
                    out.append(cell.value.typeName)
                    out.append(",")
                    appendValueText(cell.value, json: false, into: &out)
                    out.append(",")
                    if let formula = cell.formula { out.appendCSVField(formula) }
                    out.append("\n")
                }
                out.flushIfFull()
            }
        }
    }

    static func csvField(_ text: String) -> String {
        var out = OutputBuffer(sink: .none)
        out.appendCSVField(text)
        return out.text
    }

    // MARK: Text

    /// Each sheet as a grid of the rows and columns that hold cells, then its formulas and merged ranges.
    static func text(file: String, sheets: [SheetData]) -> String {
        var out = ""
        for sheet in sheets {
            let state = sheet.info.state == .visible ? "" : " (\(sheet.info.state.rawValue))"
            out += "== \(file) — \(sheet.name)\(state)\n"
            guard !sheet.cells.isEmpty else {
                out += "(no cells)\n\n"
                continue
            }
            let columns = Array(Set(sheet.cells.map(\.reference.column))).sorted()
            var rows: [Int: [Int: String]] = [:]
            for cell in sheet.cells {
                rows[cell.reference.row, default: [:]][cell.reference.column] = shown(cell.value)
            }
            let rowLabelWidth = String((rows.keys.max() ?? 0) + 1).count
            var widths: [Int: Int] = [:]
            for column in columns { widths[column] = displayWidth(CellReference.columnName(column)) }
            for row in rows.values {
                for (column, text) in row { widths[column] = max(widths[column] ?? 0, displayWidth(text)) }
            }
            var header = String(repeating: " ", count: rowLabelWidth)
            for column in columns {
                header += " | " + padded(CellReference.columnName(column), widths[column] ?? 0)
            }
            out += trimmedRight(header) + "\n"
            for row in rows.keys.sorted() {
                let label = String(row + 1)
                var line = String(repeating: " ", count: rowLabelWidth - label.count) + label
                for column in columns {
                    line += " | " + padded(rows[row]?[column] ?? "", widths[column] ?? 0)
                }
                out += trimmedRight(line) + "\n"
            }
            let formulas = sheet.cells.filter { $0.formula != nil || $0.sharedFormulaMaster != nil }
            if !formulas.isEmpty {
                out += "formulas:\n"
                for cell in formulas {
                    if let formula = cell.formula {
                        out += "  \(cell.reference) = \(formula)\n"
                    } else if let master = cell.sharedFormulaMaster {
                        out += "  \(cell.reference) = (shared formula of \(master))\n"
                    }
                }
            }
            if !sheet.merges.isEmpty {
                out += "merged: " + sheet.merges.map(\.description).joined(separator: ", ") + "\n"
            }
            out += "\n"
        }
        return out
    }

    private static let maxCellWidth = 40

    private static func shown(_ value: CellValue) -> String {
        var text = ""
        switch value {
        case .formulaWithoutCachedValue: text = "(not calculated)"
        default: text = value.text
        }
        text = String(text.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
        if displayWidth(text) > maxCellWidth {
            var cut = ""
            for character in text {
                if displayWidth(cut) + displayWidth(String(character)) > maxCellWidth - 1 { break }
                cut.append(character)
            }
            text = cut + "…"
        }
        return text
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(text)))
    }

    private static func trimmedRight(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Terminal columns of text: East Asian wide characters take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
                 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                return width + 2
            default:
                return width + 1
            }
        }
    }
}

/// The `--max-…` options: each replaces one of `ReaderLimits.default`'s bounds.
struct ReaderLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-total-bytes"), help: "Largest uncompressed size of all parts together (default 2G).")
    var maxTotalBytes: ByteCount?

    @Option(name: .customLong("max-part-bytes"), help: "Largest uncompressed size of one part (default 1G).")
    var maxPartBytes: ByteCount?

    @Option(name: .customLong("max-compression-ratio"), help: "Largest uncompressed:compressed ratio of one part (default 1000).")
    var maxCompressionRatio: Int64?

    @Option(name: .customLong("ratio-check-above"), help: "Parts smaller than this are exempt from the ratio check (default 4M).")
    var ratioCheckAbove: ByteCount?

    @Option(name: .customLong("max-entries"), help: "Largest number of entries in the zip archive (default 10000).")
    var maxEntries: Int?

    @Option(name: .customLong("max-cells"), help: "Largest number of cells (and of shared strings, of merged ranges) in one sheet (default 100000000).")
    var maxCells: Int?

    @Option(name: .customLong("max-string-bytes"), help: "Largest UTF-8 length of one string, formula or value (default 131068).")
    var maxStringBytes: ByteCount?

    @Option(name: .customLong("max-xml-depth"), help: "Deepest XML element nesting (default 64).")
    var maxXMLDepth: Int?

    func validate() throws {
        let values: [(String, Int64?)] = [
            ("--max-total-bytes", maxTotalBytes?.value), ("--max-part-bytes", maxPartBytes?.value),
            ("--max-compression-ratio", maxCompressionRatio), ("--max-entries", maxEntries.map(Int64.init)),
            ("--max-cells", maxCells.map(Int64.init)), ("--max-string-bytes", maxStringBytes?.value),
            ("--max-xml-depth", maxXMLDepth.map(Int64.init)),
        ]
        for case let (name, value?) in values where value < 1 {
            throw ValidationError("\(name) must be at least 1, not \(value)")
        }
        if let ratioCheckAbove, ratioCheckAbove.value < 0 {
            throw ValidationError("--ratio-check-above must not be negative")
        }
        if let maxStringBytes, maxStringBytes.value > Int64(Int32.max) {
            throw ValidationError("--max-string-bytes must be below 2G")
        }
    }

    /// The defaults with the options given applied.
    var readerLimits: ReaderLimits {
        var limits = ReaderLimits.default
        if let maxTotalBytes { limits.maxTotalUncompressedBytes = maxTotalBytes.value }
        if let maxPartBytes { limits.maxEntryUncompressedBytes = maxPartBytes.value }
        if let maxCompressionRatio { limits.maxCompressionRatio = maxCompressionRatio }
        if let ratioCheckAbove { limits.compressionRatioThreshold = ratioCheckAbove.value }
        if let maxEntries { limits.maxEntries = maxEntries }
        if let maxCells { limits.maxCells = maxCells }
        if let maxStringBytes { limits.maxStringBytes = Int(maxStringBytes.value) }
        if let maxXMLDepth { limits.maxXMLDepth = maxXMLDepth }
        return limits
    }
}

/// A number of bytes on the command line: `4096`, `64K`, `512M`, `2G` (binary multiples).
struct ByteCount: ExpressibleByArgument {
    var value: Int64

    init?(argument: String) {
        var digits = Substring(argument)
        var scale: Int64 = 1
        switch digits.last.map({ Character($0.uppercased()) }) {
        case "K": scale = 1 << 10
        case "M": scale = 1 << 20
        case "G": scale = 1 << 30
        default: break
        }
        if scale != 1 { digits = digits.dropLast() }
        guard let number = Int64(digits) else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        value = product
    }
}

/// The dump's output: bytes gathered in a buffer and written to standard output in large blocks.
///
/// A file's output is held until it reaches 4 MiB, so a file that fails early prints nothing;
/// past that it is written as it comes, to keep memory flat.
///
/// The bytes live in one `ByteStore`, which a copy of the buffer would share: each buffer has one owner.
struct OutputBuffer {
    /// Where full blocks go.
    enum Sink {
        /// Written to standard output as they fill.
        case standardOutput
        /// Queued for the thread that prints files in order.
        case queue(FileOutput)
        /// Kept, for building a string (`text`).
        case none
    }

    private let store = ByteStore(capacity: 1 << 16)
    /// Where the current file's output starts; nil once part of it has been written.
    private var fileStart: Int? = 0
    private static let blockSize = 4 << 20
    private let sink: Sink

    init(sink: Sink = .standardOutput) {
        self.sink = sink
    }

    /// Writes bytes to standard output, retrying short writes. A closed pipe (`| head`) ends the
    /// process through SIGPIPE, as for other command-line tools.
    static func writeToStandardOutput(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = write(STDOUT_FILENO, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            next += written
            left -= written
        }
    }

    static func writeToStandardOutput(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { writeToStandardOutput($0) }
    }

    var text: String { String(decoding: store.bytes, as: UTF8.self) }

    /// The bytes gathered so far.
    var bytes: [UInt8] { Array(store.bytes) }

    @inline(__always)
    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ store.append($0) }) == nil {
            var text = text
            text.withUTF8 { store.append($0) }
        }
    }

    @inline(__always)
    mutating func append(_ other: [UInt8]) {
        other.withUnsafeBufferPointer { store.append($0) }
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        store.append(byte)
    }

    /// `B3`: column letters and row number, written without building a string.
    mutating func appendReference(_ reference: CellReference) {
        var letters: (UInt8, UInt8, UInt8) = (0, 0, 0)
        var count = 0
        var n = reference.column + 1
        while n > 0 && count < 3 {
            let letter = UInt8(65 + (n - 1) % 26)
            switch count {
            case 0: letters.0 = letter
            case 1: letters.1 = letter
            default: letters.2 = letter
            }
            count += 1
            n = (n - 1) / 26
        }
        if count > 2 { store.append(letters.2) }
        if count > 1 { store.append(letters.1) }
        store.append(letters.0)
        appendDecimal(reference.row + 1)
    }

    private mutating func appendDecimal(_ value: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var n = max(value, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[7 - count] = UInt8(48 + n % 10)
                n /= 10
                count += 1
            } while n > 0 && count < 8
            store.append(UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[(8 - count)...]))
        }
    }

    /// A JSON string literal: `"`, `\`, control characters and U+2028/U+2029 escaped.
    mutating func appendJSONString(_ text: String) {
        var text = text
        store.append(UInt8(ascii: "\""))
        text.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                var escape: StaticString?
                var width = 1
                switch b {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "\n"): escape = "\\n"
                case UInt8(ascii: "\r"): escape = "\\r"
                case UInt8(ascii: "\t"): escape = "\\t"
                case 0..<0x20: escape = ""
                case 0xE2 where i + 2 < n && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    escape = utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default: break
                }
                guard let escape else {
                    i += 1
                    continue
                }
                store.append(UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                if escape.utf8CodeUnitCount > 0 {
                    store.append(UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
                } else {
                    let hex: StaticString = "0123456789abcdef"
                    for byte in [UInt8(ascii: "\\"), UInt8(ascii: "u"), 48, 48, hex.utf8Start[Int(b >> 4)], hex.utf8Start[Int(b & 15)]] {
                        store.append(byte)
                    }
                }
                i += width
                runStart = i
            }
            store.append(UnsafeBufferPointer(rebasing: utf8[runStart..<n]))
        }
        store.append(UInt8(ascii: "\""))
    }

    /// A CSV field, quoted (with `"` doubled) when it holds a comma, a quote or a line break.
    mutating func appendCSVField(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var needsQuotes = false
            for b in utf8 where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 {
                needsQuotes = true
                break
            }
            guard needsQuotes else {
                store.append(utf8)
                return
            }
            store.append(UInt8(ascii: "\""))
            for b in utf8 {
                if b == UInt8(ascii: "\"") { store.append(b) }
                store.append(b)
            }
            store.append(UInt8(ascii: "\""))
        }
    }

    /// Marks the start of a file's output.
    mutating func beginFile() {
        fileStart = store.count
    }

    /// The file's output is complete: it may be written out.
    mutating func endFile() {
        fileStart = nil
        flushIfFull()
    }

    /// Drops what a failed file added, or, when part of it was written already, ends its line.
    mutating func abandonFile(endingLine: Bool) {
        if let start = fileStart {
            store.truncate(to: start)
        } else if endingLine {
            store.append(10)
        }
        fileStart = nil
    }

    /// Writes the buffer out once it holds a block.
    @inline(__always)
    mutating func flushIfFull() {
        guard store.count >= Self.blockSize else { return }
        fileStart = nil
        flush()
    }

    /// Hands everything gathered to the sink.
    mutating func flush() {
        guard store.count > 0 else { return }
        switch sink {
        case .standardOutput: Self.writeToStandardOutput(store.bytes)
        case .queue(let output): output.send(Array(store.bytes))
        case .none: return
        }
        store.truncate(to: 0)
    }
}

/// Bytes in one growable allocation. Appending is a bounds check and a copy: an `[UInt8]` adds a
/// uniqueness check and a generic range copy to every append, and the dump appends a few bytes at
/// a time, several times per cell.
final class ByteStore {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes stored; valid until the next change.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let from = source.baseAddress else { return }
        let n = source.count
        if count + n > capacity { grow(to: count + n) }
        (base + count).update(from: from, count: n)
        count += n
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    /// Drops the bytes from `length` on.
    func truncate(to length: Int) {
        count = min(max(length, 0), count)
    }

    private func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        storage.update(from: base, count: count)
        base.deallocate()
        base = storage
        capacity = larger
    }
}

/// The output of one file read on a worker thread, waiting for its turn to be printed: chunks in
/// order, then whether the file failed. The worker blocks while more than `limit` bytes wait.
final class FileOutput: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[UInt8]] = []
    private var waiting = 0
    private var finished = false
    private var failure: String?
    private let limit = 16 << 20

    /// Queues a chunk; waits while the queue is full.
    func send(_ chunk: [UInt8]) {
        condition.lock()
        defer { condition.unlock() }
        while waiting >= limit { condition.wait() }
        chunks.append(chunk)
        waiting += chunk.count
        condition.broadcast()
    }

    /// Marks the file done, with the message of its error if it failed.
    func finish(error: String?) {
        condition.lock()
        defer { condition.unlock() }
        failure = error
        finished = true
        condition.broadcast()
    }

    /// The next chunk, waiting for it; nil once the file is done and every chunk taken.
    func next() -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        guard !chunks.isEmpty else { return nil }
        let chunk = chunks.removeFirst()
        waiting -= chunk.count
        condition.broadcast()
        return chunk
    }

    /// The error message of a finished file, if it failed.
    var error: String? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }
}

/// Hands out the indices 0..<count, each once, to any number of threads, never more than
/// `window` ahead of the index being printed: however fast later files are read, no more than
/// `window` files' output waits in memory.
final class WorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var nextIndex = 0
    private var limit: Int
    private let count: Int
    private let window: Int

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
        limit = window
    }

    /// The next index, waiting while it is too far ahead; nil when all are handed out.
    func next() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while nextIndex < count && nextIndex >= limit { condition.wait() }
        guard nextIndex < count else { return nil }
        defer { nextIndex += 1 }
        return nextIndex
    }

    /// Index `index` has been printed: indices up to `index + window` may be handed out.
    func printed(_ index: Int) {
        condition.lock()
        defer { condition.unlock() }
        limit = max(limit, index + 1 + window)
        condition.broadcast()
    }
}
