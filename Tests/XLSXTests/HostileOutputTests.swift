import Foundation
import Testing
@testable import XLSX

/// Output that loses nothing: what comes from data (sheet names, cell text, positions) is checked
/// against Excel's limits when written, with an error naming the sheet and cell, and what is within
/// the limits reads back exactly.
@Suite struct HostileOutputTests {
    private static func workbook() throws -> (Workbook, String) {
        let path = try ReaderFixtures.temporaryDirectory().appendingPathComponent("out.xlsx").path
        return (try Workbook(path: path), path)
    }

    private static func error(_ body: () throws -> Void) -> XLSXError? {
        do {
            try body()
        } catch let error as XLSXError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    @Test func sheetNamesAtAndOverExcelsLimits() throws {
        let (book, _) = try Self.workbook()
        let longest = String(repeating: "预", count: 31)
        _ = try book.addWorksheet(named: longest)
        #expect(Self.error { _ = try book.addWorksheet(named: longest + "算") }?.message
            == "sheet name \"\(longest)算\" is longer than 31 characters")
        // Excel counts UTF-16 units: 16 characters outside the BMP are 32 units.
        #expect(Self.error { _ = try book.addWorksheet(named: String(repeating: "𠀀", count: 16)) }?.code == .invalidSheetName)
        for bad in ["a/b", "a\\b", "a?b", "a*b", "a:b", "[a]", "'a", "a'", "", "History", "tab\there"] {
            #expect(Self.error { _ = try book.addWorksheet(named: bad) }?.code == .invalidSheetName, "\(bad)")
        }
        _ = try book.addWorksheet(named: "Data")
        #expect(Self.error { _ = try book.addWorksheet(named: "DATA") }?.message == "sheet name \"DATA\" is already used in this workbook")
    }

    /// A file name longer than file systems allow is refused up front with a message that says so;
    /// one just within the limit is written, through a temporary name that is shortened to fit.
    @Test func fileNamesAtAndOverTheFileSystemLimit() throws {
        let directory = try ReaderFixtures.temporaryDirectory().path
        // 83 three-byte characters and ".xlsx": 254 bytes; one character more: 257.
        let longest = String(repeating: "预", count: 83) + ".xlsx"
        #expect(longest.utf8.count == 254)
        let book = try Workbook(path: directory + "/" + longest)
        try book.addWorksheet(named: "表").write("ok", row: 0, column: 0)
        try book.close()
        #expect(FileManager.default.fileExists(atPath: directory + "/" + longest))
        #expect(TemporaryFiles.name(for: longest).utf8.count <= 255)
        #expect(TemporaryFiles.isTemporary(TemporaryFiles.name(for: longest)))

        let tooLong = directory + "/预" + longest
        let error = Self.error { _ = try Workbook(path: tooLong) }
        #expect(error?.code == .io)
        #expect(error?.message == "cannot write \(tooLong): its file name is 257 bytes long (UTF-8), and file systems allow at most 255 bytes in a name")
        #expect(Self.error { try TemporaryFiles.writeAtomically(Data("x".utf8), to: tooLong) }?.code == .io)
        #expect(!FileManager.default.fileExists(atPath: tooLong))
    }

    @Test func cellTextAtAndOverExcelsLimit() throws {
        let (book, path) = try Self.workbook()
        let sheet = try book.addWorksheet(named: "文本")
        let longest = String(repeating: "额", count: 32_767)
        try sheet.write(longest, row: 0, column: 0)
        let tooLong = Self.error { try sheet.write(longest + "x", row: 1, column: 2) }
        #expect(tooLong?.code == .stringTooLong)
        #expect(tooLong?.message == "text for '文本'!C2 has 32768 characters; Excel allows 32767 in a cell")
        #expect(Self.error { try sheet.write(String(repeating: "😀", count: 16_384), row: 1, column: 0) }?.code == .stringTooLong,
                "characters outside the BMP count twice, as in Excel")
        #expect(Self.error { try sheet.merge(try CellRange("A3:B3"), text: longest + "x") }?.code == .stringTooLong)
        #expect(Self.error { try sheet.writeInternalLink(to: "'文本'!A1", text: longest + "x", row: 3, column: 0) }?.code == .stringTooLong)
        // A formula of 8,192 characters is Excel's longest; one more is refused, naming the cell.
        let longestFormula = "=" + (["A1"] + Array(repeating: "+1", count: 4_095)).joined()
        #expect(longestFormula.count == 8_193)
        try sheet.writeFormula(longestFormula, value: 4_095, row: 6, column: 0)
        let formulaTooLong = Self.error { try sheet.writeFormula(longestFormula + "1", value: 0, row: 7, column: 1) }
        #expect(formulaTooLong?.code == .stringTooLong)
        #expect(formulaTooLong?.message == "formula for '文本'!B8 has 8193 characters; Excel allows 8192 in a formula")
        #expect(Self.error { try sheet.writeFormulaShowingBlank(longestFormula + "1", row: 7, column: 1) }?.code == .stringTooLong)
        try sheet.write("last row", row: CellReference.maxRows - 1, column: CellReference.maxColumns - 1)
        let beyond = Self.error { try sheet.write("x", row: CellReference.maxRows, column: 0) }
        #expect(beyond?.code == .invalidCellReference)
        #expect(beyond?.message.contains("row 1048577") == true)
        #expect(Self.error { try sheet.write(1, row: 0, column: CellReference.maxColumns) }?.code == .invalidCellReference)
        #expect(Self.error { try sheet.write(Double.nan, row: 5, column: 0) }?.message.contains("'文本'!A6") == true)
        try book.close()

        // What was within the limits reads back whole.
        let reader = try XLSXReader(path: path)
        defer { reader.close() }
        let data = try reader.readSheet(named: "文本")
        #expect(data["A1"]?.value == .string(longest))
        #expect(data["XFD1048576"]?.value == .string("last row"))
        #expect(data["A7"]?.formula == String(longestFormula.dropFirst()))
    }
}
