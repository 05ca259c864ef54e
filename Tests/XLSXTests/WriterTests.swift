import Foundation
import Testing
@testable import XLSX

/// A fresh temporary directory, removed by the caller.
func makeTemporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "xlsx-writer-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite("Writer over libxlsxwriter")
struct WriterTests {
    @Test("a workbook appears only at close, then under its final name")
    func atomicClose() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/book.xlsx"
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "数据")
        try sheet.write("甲", row: 0, column: 0)
        try sheet.write(966.06, row: 0, column: 1)
        #expect(!FileManager.default.fileExists(atPath: path))
        try workbook.close()
        #expect(FileManager.default.fileExists(atPath: path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter(TemporaryFiles.isTemporary)
        #expect(leftovers.isEmpty)
    }

    @Test("a workbook dropped without close writes nothing and leaves no temporary file")
    func droppedWorkbook() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let workbook = try Workbook(path: dir + "/never.xlsx")
            _ = try workbook.addWorksheet(named: "A")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test("an existing file is replaced, not appended to")
    func replacesExisting() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/book.xlsx"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let workbook = try Workbook(path: path)
        _ = try workbook.addWorksheet(named: "A")
        try workbook.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.prefix(2) == Data("PK".utf8))
    }

    @Test("sheet names follow Excel's rules", arguments: [
        ("", "is empty"),
        (String(repeating: "表", count: 32), "longer than 31"),
        ("a/b", "'/'"),
        ("a[b", "'['"),
        ("what?", "'?'"),
        ("'quoted'", "apostrophe"),
        ("History", "reserved"),
    ])
    func illegalSheetNames(name: String, reason: String) throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let workbook = try Workbook(path: dir + "/names.xlsx")
        let error = #expect(throws: XLSXError.self) { try workbook.addWorksheet(named: name) }
        #expect(error?.code == .invalidSheetName)
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
    }

    @Test("sheet names are unique regardless of case, 31 characters are fine")
    func duplicateSheetNames() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let workbook = try Workbook(path: dir + "/names.xlsx")
        _ = try workbook.addWorksheet(named: "Data")
        _ = try workbook.addWorksheet(named: String(repeating: "表", count: 31))
        let error = #expect(throws: XLSXError.self) { try workbook.addWorksheet(named: "DATA") }
        #expect(error?.code == .invalidSheetName)
        #expect(error?.message.contains("already used") == true)
    }

    @Test("sanitised sheet names are always legal")
    func sanitize() throws {
        for raw in ["a/b:c*d?e[f]g\\h", "'x'", "", "history", String(repeating: "长", count: 40), "tab\there"] {
            let name = SheetName.sanitize(raw)
            try SheetName.validate(name)
            #expect(name.utf16.count <= 31)
        }
        #expect(SheetName.sanitize("收入/支出") == "收入_支出")
        #expect(SheetName.quoted("It's") == "'It''s'")
    }

    @Test("errors of the C bridge name the sheet and cell")
    func bridgeErrors() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let workbook = try Workbook(path: dir + "/errors.xlsx")
        let sheet = try workbook.addWorksheet(named: "表一")
        let style = try workbook.style(CellFormat().with(\.bold, true))

        let tooLong = String(repeating: "字", count: 32_768)
        var error = #expect(throws: XLSXError.self) { try sheet.write(tooLong, row: 2, column: 3) }
        #expect(error?.code == .stringTooLong)
        #expect(error?.message.contains("'表一'!D3") == true, "\(error?.message ?? "")")
        try sheet.write(String(repeating: "字", count: 32_767), row: 2, column: 3)

        error = #expect(throws: XLSXError.self) { try sheet.write(1, row: 1_048_576, column: 0) }
        #expect(error?.code == .invalidCellReference)
        error = #expect(throws: XLSXError.self) { try sheet.write("x", row: 0, column: 16_384) }
        #expect(error?.code == .invalidCellReference)

        error = #expect(throws: XLSXError.self) { try sheet.write(.nan, row: 4, column: 0) }
        #expect(error?.message.contains("A5") == true)
        error = #expect(throws: XLSXError.self) { try sheet.write(.infinity, row: 4, column: 0) }
        #expect(error?.code == .writer)

        // libxlsxwriter's own check, surfaced with its text as the cause.
        let single = CellRange(CellReference(uncheckedRow: 5, column: 1), CellReference(uncheckedRow: 5, column: 1))
        error = #expect(throws: XLSXError.self) { try sheet.merge(single, text: "x", style: style) }
        #expect(error?.message.contains("'表一'!B6") == true, "\(error?.message ?? "")")
        #expect(error?.cause != nil)

        let other = try Workbook(path: dir + "/other.xlsx")
        let foreign = try other.style(CellFormat())
        error = #expect(throws: XLSXError.self) { try sheet.write("x", row: 0, column: 0, style: foreign) }
        #expect(error?.code == .misuse)

        try workbook.close()
        error = #expect(throws: XLSXError.self) { try sheet.write("late", row: 0, column: 0) }
        #expect(error?.code == .misuse)
        error = #expect(throws: XLSXError.self) { try workbook.close() }
        #expect(error?.code == .misuse)
    }

    @Test("a missing directory and an unwritable destination are I/O errors, leaving nothing behind")
    func ioErrors() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var error = #expect(throws: XLSXError.self) { try Workbook(path: dir + "/missing/book.xlsx") }
        #expect(error?.code == .io)
        #expect(error?.message.contains("does not exist") == true)

        // The destination is a non-empty directory: the rename fails after a complete write.
        let blocked = dir + "/blocked.xlsx"
        try FileManager.default.createDirectory(atPath: blocked + "/inside", withIntermediateDirectories: true)
        let workbook = try Workbook(path: blocked)
        _ = try workbook.addWorksheet(named: "A")
        error = #expect(throws: XLSXError.self) { try workbook.close() }
        #expect(error?.code == .io)
        #expect(error?.message.contains(blocked) == true)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter(TemporaryFiles.isTemporary)
        #expect(leftovers.isEmpty)

        // The directory vanishes before close: libxlsxwriter cannot create the file.
        let gone = dir + "/gone"
        try FileManager.default.createDirectory(atPath: gone, withIntermediateDirectories: true)
        let late = try Workbook(path: gone + "/book.xlsx")
        _ = try late.addWorksheet(named: "A")
        try FileManager.default.removeItem(atPath: gone)
        error = #expect(throws: XLSXError.self) { try late.close() }
        #expect(error?.code == .io)
        #expect(error?.cause?.isEmpty == false)
    }

    @Test("equal formats share one style")
    func formatDeduplication() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let workbook = try Workbook(path: dir + "/styles.xlsx")
        let a = try workbook.style(CellFormat().with(\.bold, true).with(\.numberFormat, "#,##0.00"))
        let b = try workbook.style(CellFormat().with(\.numberFormat, "#,##0.00").with(\.bold, true))
        let c = try workbook.style(CellFormat().with(\.numberFormat, "#,##0.00"))
        #expect(a == b)
        #expect(a != c)
    }

    @Test("temporary files are recognised and cleaned up")
    func leftovers() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let name = TemporaryFiles.name(for: "a.xlsx")
        #expect(TemporaryFiles.isTemporary(name))
        #expect(!TemporaryFiles.isTemporary("a.xlsx"))
        _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data())
        _ = FileManager.default.createFile(atPath: dir + "/a.xlsx", contents: Data())
        #expect(TemporaryFiles.removeLeftovers(in: dir) == [name])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a.xlsx"])
    }

    @Test("a run removes only the leftovers of its own files; long names are shortened inside")
    func ownLeftoversOnly() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let long = String(repeating: "单", count: 80) + ".xlsx"
        let mine = [TemporaryFiles.name(for: "a.b.xlsx"), TemporaryFiles.name(for: long)]
        let theirs = TemporaryFiles.name(for: "c.xlsx")
        #expect(TemporaryFiles.destination(ofTemporary: mine[0]) == "a.b.xlsx")
        #expect(TemporaryFiles.destination(ofTemporary: "a.xlsx") == nil)
        #expect(mine[1].utf8.count <= TemporaryFiles.maxNameBytes)
        for name in mine + [theirs] { _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data()) }
        let removed = TemporaryFiles.removeLeftovers(in: dir, destinations: ["a.b.xlsx", long])
        #expect(Set(removed) == Set(mine))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [theirs])
    }
}

@Suite("Text width and cell references")
struct MeasureTests {
    @Test("East Asian wide characters count double", arguments: [
        ("", 0), ("abc", 3), ("合计", 4), ("“三公”经费", 12), ("2025年", 6), ("（境）", 6), ("ＡＢ", 4), ("한국", 4),
        ("line\n更长的一行", 10),
    ])
    func width(text: String, expected: Int) {
        #expect(TextWidth.of(text) == expected)
    }

    @Test("A1 references parse and print", arguments: [
        ("A1", 0, 0), ("D7", 6, 3), ("$B$3", 2, 1), ("XFD1048576", 1_048_575, 16_383), ("aa10", 9, 26),
    ])
    func references(text: String, row: Int, column: Int) throws {
        let cell = try CellReference(text)
        #expect(cell.row == row && cell.column == column)
        #expect(cell.description == text.uppercased().replacingOccurrences(of: "$", with: ""))
    }

    @Test("malformed references are errors, not row 0", arguments: ["", "A", "1", "A0", "XFE1", "A1048577", "A1B", "ÄB1"])
    func badReferences(text: String) {
        #expect(throws: XLSXError.self) { try CellReference(text) }
    }
}
