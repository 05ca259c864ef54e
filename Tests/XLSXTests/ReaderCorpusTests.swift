import Foundation
import Testing
@testable import XLSX

extension ReaderTests {
    /// Real files from excelize's test suite, in `../shared/xlsx-corpus/excelize` beside the package.
    @Suite struct Corpus {
        static let directory = ReaderFixtures.packageRoot
            .deletingLastPathComponent().appendingPathComponent("shared/xlsx-corpus/excelize")

        /// The corpus file's path, or nil (with a note) when the corpus is absent.
        static func file(_ name: String) -> String? {
            let path = directory.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else {
                print("note: skipping \(name): the excelize corpus is absent at \(directory.path)")
                return nil
            }
            return path
        }

        @Test func book1() throws {
            guard let path = Self.file("Book1.xlsx") else { return }
            try ReaderTests.expectNoLeak {
                let reader = try XLSXReader(path: path)
                defer { reader.close() }
                #expect(reader.sheets.map(\.name) == ["Sheet1", "Sheet2"])
                #expect(reader.sheets.first?.partName == "xl/worksheets/sheet1.xml", "absolute target /xl/worksheets/sheet1.xml")
                let first = try reader.readSheet(named: "Sheet1")
                #expect(first["A19"]?.value == .string("Total:"))
                #expect(first["B19"]?.value == .number(text: "237", double: 237))
                #expect(first["B19"]?.formula == "SUM(Sheet2!D2,Sheet2!D11)")
                #expect(first["A22"]?.value == .string("GitHub"))
                let second = try reader.readSheet(named: "Sheet2")
                #expect(second["C7"]?.value == .string("IBM"), "rich text runs I, B, M")
                #expect(second["A5"]?.value == .string("< 17 Inch"))
                #expect(second["E1"]?.value == .string("inlineStr"))
                #expect(second["C11"]?.value == .string("Other"), "t=\"str\"")
                #expect(second["D9"]?.value == .number(text: "348", double: 348))
                #expect(second["E11"]?.value == .formulaWithoutCachedValue)
                #expect(second["E11"]?.formula == "B2+B3")
                #expect(second["F11"]?.formula == "IF(B2>0, (D2/B2)*100, 0)")
                #expect(second["H11"]?.sharedFormulaMaster == (try CellReference("F11")))
                #expect(second["I11"]?.sharedFormulaMaster == (try CellReference("G11")))
                #expect(second["B1"] == nil, "style-only cell")
                #expect(second.merges.map(\.description) == ["A6"])
            }
        }

        @Test func sharedStrings() throws {
            guard let path = Self.file("SharedStrings.xlsx") else { return }
            let reader = try XLSXReader(path: path)
            defer { reader.close() }
            #expect(try reader.readSheet(named: "Sheet1")["A1"]?.value == .string("A"))
            #expect(try reader.readSheet(named: "Sheet2")["A1"]?.value == .string("Test Weight (Kgs)"))
        }

        @Test func mergeCell() throws {
            guard let path = Self.file("MergeCell.xlsx") else { return }
            let sheet = try ReaderFixtures.read(path)
            #expect(sheet.merges.map(\.description) == ["A1:B1", "A2:A3", "A4:B5", "A7:C10"])
            #expect(sheet["A1"]?.value == .string("A1"))
            #expect(sheet["D12"]?.value == .string("D12"))
            #expect(sheet["B1"] == nil)
            #expect(sheet.cells.count == 32)
        }

        @Test func calcChainWithCapitalisedSharedStringsPart() throws {
            guard let path = Self.file("CalcChain.xlsx") else { return }
            let sheet = try ReaderFixtures.read(path)
            #expect(sheet["A1"] == Cell(reference: try CellReference("A1"), value: .number(text: "0", double: 0), formula: "SUM(C1:D1)"))
            #expect(sheet["B1"] == Cell(reference: try CellReference("B1"), value: .number(text: "1", double: 1), formula: "SUM(C1:D1)"))
        }

        @Test func overflowNumericCell() throws {
            guard let path = Self.file("OverflowNumericCell.xlsx") else { return }
            let sheet = try ReaderFixtures.read(path)
            #expect(sheet["A1"]?.value == .number(text: "8595602512225", double: 8_595_602_512_225))
        }

        @Test func badWorkbookHasNoSheets() throws {
            guard let path = Self.file("BadWorkbook.xlsx") else { return }
            let error = ReaderFixtures.error { _ = try XLSXReader(path: path) }
            #expect(error?.code == .damaged)
            #expect(error?.message == "\(path): the workbook (part xl/workbook.xml) contains no sheets")
        }

        @Test(arguments: ["encryptAES.xlsx", "encryptSHA1.xlsx", "encryptSHA512.xlsx"])
        func encryptedWorkbooks(name: String) throws {
            guard let path = Self.file(name) else { return }
            ReaderTests.expectNoLeak {
                let error = ReaderFixtures.error { _ = try XLSXReader(path: path) }
                #expect(error?.code == .encrypted)
                #expect(error?.message.hasPrefix("\(path) is a password-protected (encrypted) workbook") == true)
            }
        }

        @Test func everyCorpusFileReadsOrFailsCleanly() throws {
            guard FileManager.default.fileExists(atPath: Self.directory.path) else { return }
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".xlsx") }
            for name in names.sorted() {
                let path = Self.directory.appendingPathComponent(name).path
                do {
                    let reader = try XLSXReader(path: path)
                    _ = try reader.readAllSheets()
                    reader.close()
                } catch let error as XLSXError {
                    #expect(error.message.contains(path), "\(name): \(error)")
                }
            }
        }
    }
}
