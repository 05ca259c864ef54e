import Foundation
import Testing
@testable import XLSX

/// A corpus of damaged files made by the tests themselves: a workbook written by our own `Workbook`,
/// then truncated, bit-flipped and read under limits set just below what it needs. Every file must be
/// refused with its own message, quickly, and never crash the reader.
enum HostileCorpus {
    /// A small real workbook: two sheets, shared strings, numbers, a date, a formula, a merged range.
    static func baseWorkbook() throws -> (path: String, bytes: Data) {
        let directory = try ReaderFixtures.temporaryDirectory()
        let path = directory.appendingPathComponent("base.xlsx").path
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "部门预算收入总表")
        let date = try workbook.style(CellFormat().with(\.numberFormat, "yyyy-mm-dd"))
        try sheet.merge(try CellRange("A1:D1"), text: "部门预算收入总表")
        for row in 1...40 {
            try sheet.write(String(2_080_100 + row), row: row, column: 0)
            try sheet.write("社会保障和就业支出第\(row)项", row: row, column: 1)
            try sheet.write(Double(row) * 1234.56, row: row, column: 2)
            try sheet.writeFormula("C\(row + 1)*2", value: Double(row) * 2469.12, row: row, column: 3)
        }
        try sheet.write(45657, row: 41, column: 0, style: date)
        let second = try workbook.addWorksheet(named: "注")
        try second.write("注：无政府性基金预算财政拨款预算，空表列示。", row: 0, column: 0)
        try workbook.close()
        return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Writes bytes to a fresh file.
    static func file(_ bytes: Data, name: String = "damaged.xlsx") throws -> String {
        let url = try ReaderFixtures.temporaryDirectory().appendingPathComponent(name)
        try bytes.write(to: url)
        return url.path
    }

    /// Reads every sheet; returns the cells read. `preloadLimit` 0 makes libzip read the file itself.
    @discardableResult
    static func readAll(_ path: String, limits: ReaderLimits = .default,
                        preloadLimit: Int = ZipArchive.defaultPreloadLimit) throws -> Int {
        let reader = try XLSXReader(path: path, limits: limits, preloadLimit: preloadLimit)
        defer { reader.close() }
        return try reader.readAllSheets().reduce(0) { $0 + $1.cells.count }
    }

    /// The outcome of reading a file, timed.
    static func outcome(_ path: String, limits: ReaderLimits = .default,
                        preloadLimit: Int = ZipArchive.defaultPreloadLimit) -> (error: XLSXError?, seconds: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        var error: XLSXError?
        do {
            try readAll(path, limits: limits, preloadLimit: preloadLimit)
        } catch let e as XLSXError {
            error = e
        } catch {
            Issue.record("a non-XLSXError escaped the reader: \(error)")
        }
        return (error, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// Peak resident memory of this process so far, in MiB.
    static var peakMemoryMiB: Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss / 1024
    }
}

/// A deterministic generator for the bit flips (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension ReaderTests {
    @Suite struct HostileCorpusTests {
        @Test func baseWorkbookReads() throws {
            let base = try HostileCorpus.baseWorkbook()
            try ReaderTests.expectNoLeak {
                let cells = try HostileCorpus.readAll(base.path)
                #expect(cells == 40 * 4 + 1 + 1 + 1)
            }
        }

        /// Truncation anywhere loses the zip directory at the end: every cut is refused, by its size class.
        @Test func truncatedAtManyPoints() throws {
            let base = try HostileCorpus.baseWorkbook()
            var cuts = Set(stride(from: 0, to: base.bytes.count, by: 61))
            cuts.formUnion([0, 1, 2, 3, 4, 5, 29, 30, 31, base.bytes.count - 1, base.bytes.count - 21, base.bytes.count - 22,
                            base.bytes.count - 23, base.bytes.count / 2])
            var slowest = 0.0
            try ReaderTests.expectNoLeak {
                for cut in cuts.sorted() {
                    let path = try HostileCorpus.file(base.bytes.prefix(cut), name: "cut-\(cut).xlsx")
                    let (error, seconds) = HostileCorpus.outcome(path)
                    slowest = max(slowest, seconds)
                    let expected: (XLSXError.Code, String)
                    switch cut {
                    case 0: expected = (.notXLSX, "is empty (0 bytes), not an XLSX workbook")
                    case 1...3: expected = (.notXLSX, "is not an XLSX workbook (it is not a zip archive)")
                    default: expected = (.damaged, "is truncated or damaged: its zip directory cannot be read")
                    }
                    #expect(error?.code == expected.0, "cut at \(cut): \(error?.description ?? "no error")")
                    #expect(error?.message == "\(path) \(expected.1)", "cut at \(cut)")
                    try? FileManager.default.removeItem(atPath: path)
                }
            }
            #expect(slowest < 2, "the slowest truncated file took \(slowest) s")
        }

        /// Random bit flips anywhere: each file either still reads or is refused with an XLSXError naming
        /// the file; none crashes, hangs or leaks.
        @Test func bitFlipsNeverCrash() throws {
            let base = try HostileCorpus.baseWorkbook()
            var generator = SeededGenerator(state: 20_250_101)
            var refused: [XLSXError.Code: Int] = [:]
            var slowest = 0.0
            try ReaderTests.expectNoLeak {
                for variant in 0..<400 {
                    var bytes = [UInt8](base.bytes)
                    for _ in 0...(variant % 4) {
                        let position = Int(generator.next() % UInt64(bytes.count))
                        bytes[position] ^= UInt8(1) << UInt8(generator.next() % 8)
                    }
                    let path = try HostileCorpus.file(Data(bytes), name: "flip-\(variant).xlsx")
                    let (error, seconds) = HostileCorpus.outcome(path)
                    slowest = max(slowest, seconds)
                    if let error {
                        refused[error.code, default: 0] += 1
                        #expect(error.message.contains(path), "\(error.message)")
                    }
                    try? FileManager.default.removeItem(atPath: path)
                }
            }
            #expect(refused.values.reduce(0, +) > 200, "most flips are caught (CRC, inflate, XML): \(refused)")
            #expect(slowest < 2, "the slowest flipped file took \(slowest) s")
        }

        /// A file read into memory first and one read by libzip from disk are the same file: damaged
        /// copies get the same answer either way, cell count or error message.
        @Test func inMemoryAndOnDiskReadTheSame() throws {
            let base = try HostileCorpus.baseWorkbook()
            var generator = SeededGenerator(state: 42)
            var variants: [Data] = [base.bytes, base.bytes.prefix(base.bytes.count / 2), base.bytes.prefix(3)]
            for _ in 0 ..< 60 {
                var bytes = [UInt8](base.bytes)
                let position = Int(generator.next() % UInt64(bytes.count))
                bytes[position] ^= UInt8(1) << UInt8(generator.next() % 8)
                variants.append(Data(bytes))
            }
            var readFine = 0
            try ReaderTests.expectNoLeak {
                for (i, bytes) in variants.enumerated() {
                    let path = try HostileCorpus.file(bytes, name: "both-\(i).xlsx")
                    defer { try? FileManager.default.removeItem(atPath: path) }
                    let cellsInMemory = try? HostileCorpus.readAll(path)
                    let cellsOnDisk = try? HostileCorpus.readAll(path, preloadLimit: 0)
                    #expect(cellsInMemory == cellsOnDisk, "variant \(i)")
                    if cellsInMemory != nil { readFine += 1 }
                    let inMemory = HostileCorpus.outcome(path).error
                    let onDisk = HostileCorpus.outcome(path, preloadLimit: 0).error
                    #expect(inMemory?.description == onDisk?.description, "variant \(i)")
                }
            }
            #expect(readFine >= 1, "the undamaged file reads")
        }

        /// One expat parser serves every part of a package: a part that fails leaves it fit for the next.
        @Test func aFailedPartLeavesTheParserUsable() throws {
            let path = try ReaderFixtures.zip(ReaderFixtures.workbookParts([
                ReaderFixtures.Sheet(name: "Bad", xml: ReaderFixtures.sheetXML(#"<row r="1"><c r="A1"><v>1</v></c>"#)),
                ReaderFixtures.Sheet(name: "Good", xml: ReaderFixtures.sheetXML(#"<row r="2"><c r="B2"><v>2.5</v></c></row>"#)),
            ]))
            try ReaderTests.expectNoLeak {
                let reader = try XLSXReader(path: path)
                defer { reader.close() }
                let first = ReaderFixtures.error { _ = try reader.readSheet(named: "Bad") }
                #expect(first?.code == .malformedXML)
                let good = try reader.readSheet(named: "Good")
                #expect(good.cells.map(\.reference.description) == ["B2"])
                #expect(good["B2"]?.value == .number(text: "2.5", double: 2.5))
                let again = ReaderFixtures.error { _ = try reader.readSheet(named: "Bad") }
                #expect(again?.description == first?.description)
            }
        }

        /// A flip inside the compressed data of one sheet is reported against that part.
        @Test func damagedSheetDataNamesThePart() throws {
            let base = try HostileCorpus.baseWorkbook()
            var bytes = [UInt8](base.bytes)
            let name = Array("xl/worksheets/sheet1.xml".utf8)
            // The local file header: signature, 26 bytes of fields, the name, the extra field, then the data.
            guard let header = (0..<(bytes.count - 30 - name.count)).first(where: { i in
                bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 3 && bytes[i + 3] == 4
                    && Array(bytes[(i + 30)..<(i + 30 + name.count)]) == name
            }) else {
                Issue.record("no local header for the sheet")
                return
            }
            // libxlsxwriter streams its entries, so the local header may not hold the size: ask the directory.
            let archive = try ZipArchive(path: base.path, limits: .default)
            let compressed = Int(archive.entry(named: "xl/worksheets/sheet1.xml")?.compressedSize ?? 0)
            archive.close()
            #expect(compressed > 100)
            let extra = Int(bytes[header + 28]) | Int(bytes[header + 29]) << 8
            let data = header + 30 + name.count + extra
            for offset in [compressed / 4, compressed / 3, compressed / 2] {
                var copy = bytes
                for k in 0..<4 { copy[data + offset + k] ^= 0xFF }
                let path = try HostileCorpus.file(Data(copy))
                let (error, _) = HostileCorpus.outcome(path)
                #expect(error?.code == .damaged || error?.code == .malformedXML, "offset \(offset) of \(compressed): \(error?.description ?? "no error")")
                #expect(error?.message.contains("xl/worksheets/sheet1.xml") == true, "\(error?.message ?? "")")
            }
            bytes[data + compressed / 2] = bytes[data + compressed / 2]  // the original still reads
            #expect(try HostileCorpus.readAll(try HostileCorpus.file(Data(bytes))) > 0)
        }

        /// For every limit, the smallest value that lets the base workbook through is found; one less is
        /// refused with that limit's own message.
        @Test(arguments: [
            ("maxTotalUncompressedBytes", "total uncompressed size limit"),
            ("maxEntryUncompressedBytes", "more than the per-part limit of"),
            ("maxEntries", "entries, more than the limit of"),
            ("maxCells", "more cells than the limit of"),
            ("maxStringBytes", "longer than the string length limit of"),
            ("maxXMLDepth", "nests XML elements deeper than the limit of"),
        ])
        func eachLimitJustOver(limit: String, message: String) throws {
            let base = try HostileCorpus.baseWorkbook()
            func limits(_ value: Int) -> ReaderLimits {
                var limits = ReaderLimits.default
                switch limit {
                case "maxTotalUncompressedBytes": limits.maxTotalUncompressedBytes = Int64(value)
                case "maxEntryUncompressedBytes": limits.maxEntryUncompressedBytes = Int64(value)
                case "maxEntries": limits.maxEntries = value
                case "maxCells": limits.maxCells = value
                case "maxStringBytes": limits.maxStringBytes = value
                default: limits.maxXMLDepth = value
                }
                return limits
            }
            // The smallest passing value, by bisection between a failing 0 and a passing 1<<30.
            var low = 0
            var high = 1 << 30
            while high - low > 1 {
                let middle = (low + high) / 2
                if HostileCorpus.outcome(base.path, limits: limits(middle)).error == nil { high = middle } else { low = middle }
            }
            ReaderTests.expectNoLeak {
                #expect(HostileCorpus.outcome(base.path, limits: limits(high)).error == nil)
                let error = HostileCorpus.outcome(base.path, limits: limits(high - 1)).error
                #expect(error?.code == .limitExceeded, "\(limit) = \(high - 1): \(error?.description ?? "no error")")
                #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
                #expect(error?.message.contains(base.path) == true)
                #expect(error?.message.contains("limit of \(high - 1)") == true, "\(error?.message ?? "")")
            }
        }

        @Test func compressionRatioJustOver() throws {
            let padding = String(repeating: "<!-- padding -->", count: 1 << 16)
            let path = try ReaderFixtures.book(#"<row r="1"><c r="A1"><v>1</v></c></row>"#, after: padding)
            let archive = try ZipArchive(path: path, limits: .default)
            defer { archive.close() }
            guard let entry = archive.entry(named: "xl/worksheets/sheet1.xml") else {
                Issue.record("no sheet entry")
                return
            }
            let ratio = entry.size / entry.compressedSize
            let passing = ReaderLimits(maxCompressionRatio: ratio, compressionRatioThreshold: 1024)
            #expect(HostileCorpus.outcome(path, limits: passing).error == nil)
            let error = HostileCorpus.outcome(path, limits: ReaderLimits(maxCompressionRatio: ratio - 1, compressionRatioThreshold: 1024)).error
            #expect(error?.code == .limitExceeded)
            #expect(error?.message.contains("xl/worksheets/sheet1.xml has a compression ratio of \(ratio):1, more than the limit of \(ratio - 1):1") == true,
                    "\(error?.message ?? "")")
        }

        /// The whole corpus stays within bounded memory: nothing above was allowed to balloon.
        @Test func memoryStaysBounded() {
            #expect(HostileCorpus.peakMemoryMiB < 1024, "peak RSS \(HostileCorpus.peakMemoryMiB) MiB")
        }
    }
}
