import Foundation
import Testing
@testable import XLSX

extension ReaderTests {
    /// Files that are not XLSX, damaged or hostile: each gets its own error code and a message naming the file.
    @Suite struct Errors {
        private static func check(_ path: String, limits: ReaderLimits = .default, code: XLSXError.Code,
                                  contains fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
            ReaderTests.expectNoLeak(sourceLocation: sourceLocation) {
                let error = ReaderFixtures.error(sourceLocation: sourceLocation) {
                    _ = try ReaderFixtures.read(path, limits: limits)
                }
                #expect(error?.code == code, "\(error?.description ?? "")", sourceLocation: sourceLocation)
                for fragment in fragments + [path] {
                    #expect(error?.message.contains(fragment) == true, "\"\(error?.message ?? "")\" lacks \"\(fragment)\"",
                            sourceLocation: sourceLocation)
                }
            }
        }

        private static func ole2(_ streamNames: [String]) throws -> String {
            var bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
            for name in streamNames {
                bytes += name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0, 0]
                bytes += [UInt8](repeating: 0, count: 128 - (name.utf16.count * 2 + 2) % 128)
            }
            let url = try ReaderFixtures.temporaryDirectory().appendingPathComponent("ole2.xlsx")
            try Data(bytes).write(to: url)
            return url.path
        }

        @Test func encryptedWorkbook() throws {
            Self.check(try Self.ole2(["Root Entry", "EncryptionInfo", "EncryptedPackage"]), code: .encrypted,
                       contains: ["is a password-protected (encrypted) workbook"])
        }

        @Test func oldXLSWorkbook() throws {
            Self.check(try Self.ole2(["Root Entry", "Workbook", "\u{5}SummaryInformation"]), code: .notXLSX,
                       contains: ["is an Excel 97-2003 .xls workbook, not .xlsx"])
        }

        @Test func odsSpreadsheet() throws {
            let path = try ReaderFixtures.zip([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                                               ("content.xml", "<office:document-content/>")], name: "book.ods")
            Self.check(path, code: .notXLSX, contains: ["OpenDocument spreadsheet (.ods)"])
        }

        @Test func randomZip() throws {
            let path = try ReaderFixtures.zip([("notes.txt", "hello")])
            Self.check(path, code: .notXLSX, contains: ["not an XLSX workbook", "[Content_Types].xml"])
        }

        @Test func zipWithoutOfficeDocumentRelationship() throws {
            let path = try ReaderFixtures.zip([("[Content_Types].xml", ReaderFixtures.contentTypes),
                                               ("_rels/.rels", "<Relationships xmlns=\"\(ReaderFixtures.pkgRelNS)\"/>")])
            Self.check(path, code: .notXLSX, contains: ["officeDocument"])
        }

        @Test func wordDocumentIsNotAWorkbook() throws {
            let path = try ReaderFixtures.zip([
                ("[Content_Types].xml", ReaderFixtures.contentTypes), ("_rels/.rels", ReaderFixtures.rootRels),
                ("xl/workbook.xml", "<w:document xmlns:w=\"urn:w\"/>"),
            ])
            Self.check(path, code: .notXLSX, contains: ["<document>"])
        }

        @Test func truncatedFile() throws {
            var rows = ""
            for r in 1...300 { rows += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(r * 7919 % 1000)</v></c></row>" }
            let whole = try Data(contentsOf: URL(fileURLWithPath: try ReaderFixtures.book(rows)))
            let url = try ReaderFixtures.temporaryDirectory().appendingPathComponent("truncated.xlsx")
            try whole.prefix(whole.count / 2).write(to: url)
            Self.check(url.path, code: .damaged, contains: ["truncated or damaged"])
            let error = ReaderFixtures.error { _ = try XLSXReader(path: url.path) }
            #expect(error?.cause?.isEmpty == false, "libzip's own text is the cause")
        }

        @Test func notAZipEmptyAndMissing() throws {
            let directory = try ReaderFixtures.temporaryDirectory()
            let text = directory.appendingPathComponent("text.xlsx")
            try Data("just text, not a workbook".utf8).write(to: text)
            Self.check(text.path, code: .notXLSX, contains: ["not a zip archive"])
            let empty = directory.appendingPathComponent("empty.xlsx")
            try Data().write(to: empty)
            Self.check(empty.path, code: .notXLSX, contains: ["is empty"])
            Self.check(directory.appendingPathComponent("missing.xlsx").path, code: .io, contains: ["cannot be opened"])
        }

        @Test func workbookWithoutSheets() throws {
            Self.check(try ReaderFixtures.zip(ReaderFixtures.workbookParts([])), code: .damaged, contains: ["contains no sheets"])
        }

        @Test func missingSheetPartAndRelationship() throws {
            var parts = ReaderFixtures.workbookParts([.init(name: "Gone", xml: ReaderFixtures.sheetXML(""))])
            parts.removeAll { $0.0 == "xl/worksheets/sheet1.xml" }
            Self.check(try ReaderFixtures.zip(parts), code: .damaged, contains: ["xl/worksheets/sheet1.xml", "Gone", "missing"])
            var noRel = ReaderFixtures.workbookParts([.init(name: "S", xml: ReaderFixtures.sheetXML(""), rid: "rId9")])
            noRel.removeAll { $0.0 == "xl/_rels/workbook.xml.rels" }
            noRel.append(("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"\(ReaderFixtures.pkgRelNS)\"/>"))
            Self.check(try ReaderFixtures.zip(noRel), code: .damaged, contains: ["rId9", "\"S\""])
        }

        @Test func cellReferenceOutsideTheGrid() throws {
            Self.check(try ReaderFixtures.book(#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#),
                       code: .invalidCellReference, contains: ["XFE1", "Sheet1", "xl/worksheets/sheet1.xml"])
            Self.check(try ReaderFixtures.book(#"<row r="1048577"><c><v>1</v></c></row>"#),
                       code: .invalidCellReference, contains: ["1048577"])
            Self.check(try ReaderFixtures.book(#"<row r="1"><c r="A0"><v>1</v></c></row>"#),
                       code: .invalidCellReference, contains: ["\"A0\""])
            Self.check(try ReaderFixtures.book("", after: #"<mergeCells><mergeCell ref="A1:XFE2"/></mergeCells>"#),
                       code: .invalidCellReference, contains: ["A1:XFE2"])
        }

        @Test func sharedStringIndexOutOfRange() throws {
            Self.check(try ReaderFixtures.book(#"<row r="4"><c r="B4" t="s"><v>5</v></c></row>"#, sharedStrings: ["<t>a</t>"]),
                       code: .damaged, contains: ["Sheet1!B4", "shared string 5", "1 strings"])
        }

        @Test func numberThatIsNotANumber() throws {
            Self.check(try ReaderFixtures.book(#"<row r="1"><c r="C1"><v>12abc</v></c></row>"#),
                       code: .damaged, contains: ["Sheet1!C1", "12abc"])
        }

        @Test func malformedXML() throws {
            let path = try ReaderFixtures.book(#"<row r="1"><c r="A1"><v>1</v></row>"#)
            Self.check(path, code: .malformedXML, contains: ["xl/worksheets/sheet1.xml", "not well-formed"])
            let error = ReaderFixtures.error { _ = try ReaderFixtures.read(path) }
            #expect(error?.cause != nil, "expat's own text is the cause")
        }

        @Test func doctypeAndEntitiesRefused() throws {
            let laughs = """
                <?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\
                <sst xmlns="\(ReaderFixtures.mainNS)"><si><t>&b;</t></si></sst>
                """
            let parts = ReaderFixtures.workbookParts(
                [.init(name: "S", xml: ReaderFixtures.sheetXML(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#))])
                + [("xl/sharedStrings.xml", laughs)]
            var withRel = parts
            if let i = withRel.firstIndex(where: { $0.0 == "xl/_rels/workbook.xml.rels" }) {
                withRel[i].1 = withRel[i].1.replacingOccurrences(of: "</Relationships>", with:
                    "<Relationship Id=\"rId2\" Type=\"\(ReaderFixtures.relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>")
            }
            Self.check(try ReaderFixtures.zip(withRel), code: .malformedXML, contains: ["xl/sharedStrings.xml", "DTD"])
            let external = """
                <?xml version="1.0"?><!DOCTYPE worksheet SYSTEM "file:///etc/passwd"><worksheet xmlns="\(ReaderFixtures.mainNS)"/>
                """
            Self.check(try ReaderFixtures.zip(ReaderFixtures.workbookParts([.init(name: "S", xml: external)])),
                       code: .malformedXML, contains: ["DTD", "xl/worksheets/sheet1.xml"])
        }

        @Test func limitsExceeded() throws {
            let rows = #"<row r="1"><c r="A1" t="inlineStr"><is><t>\#(String(repeating: "x", count: 200))</t></is></c><c r="B1"><v>1</v></c></row>"#
            let path = try ReaderFixtures.book(rows)
            Self.check(path, limits: ReaderLimits(maxStringBytes: 100), code: .limitExceeded,
                       contains: ["Sheet1!A1", "string length limit of 100", "xl/worksheets/sheet1.xml"])
            Self.check(path, limits: ReaderLimits(maxCells: 1), code: .limitExceeded,
                       contains: ["limit of 1 cells", "xl/worksheets/sheet1.xml"])
            Self.check(path, limits: ReaderLimits(maxXMLDepth: 3), code: .limitExceeded,
                       contains: ["deeper than the limit of 3", "xl/worksheets/sheet1.xml"])
            Self.check(path, limits: ReaderLimits(maxEntries: 3), code: .limitExceeded,
                       contains: ["entries, more than the limit of 3 entries"])
            Self.check(path, limits: ReaderLimits(maxEntryUncompressedBytes: 300), code: .limitExceeded,
                       contains: ["per-part limit of 300 bytes"])
            Self.check(path, limits: ReaderLimits(maxTotalUncompressedBytes: 1000), code: .limitExceeded,
                       contains: ["total uncompressed size limit"])
            Self.check(try ReaderFixtures.book(rows, sharedStrings: ["<t>\(String(repeating: "y", count: 200))</t>"]),
                       limits: ReaderLimits(maxStringBytes: 100), code: .limitExceeded,
                       contains: ["xl/sharedStrings.xml", "string length limit of 100"])
        }

        @Test func compressionRatioLimit() throws {
            let padding = String(repeating: " ", count: 3 << 20)
            let path = try ReaderFixtures.book(#"<row r="1"><c r="A1"><v>1</v></c></row>"#, after: padding)
            Self.check(path, limits: ReaderLimits(maxCompressionRatio: 100, compressionRatioThreshold: 1 << 20),
                       code: .limitExceeded, contains: ["compression ratio", "xl/worksheets/sheet1.xml", "100:1"])
            #expect(try ReaderFixtures.read(path)["A1"]?.value.text == "1", "below the default 4 MiB threshold")
        }

        @Test func noSuchSheetAndClosedReader() throws {
            try ReaderTests.expectNoLeak {
                let reader = try XLSXReader(path: try ReaderFixtures.book(#"<row r="1"><c r="A1"><v>1</v></c></row>"#))
                let missing = ReaderFixtures.error { _ = try reader.readSheet(named: "Nope") }
                #expect(missing?.code == .noSuchSheet)
                #expect(missing?.message.contains("\"Nope\"") == true)
                #expect(missing?.message.contains("\"Sheet1\"") == true)
                #expect(ReaderFixtures.error { _ = try reader.readSheet(at: 3) }?.code == .noSuchSheet)
                reader.close()
                reader.close()
                #expect(ReaderFixtures.error { _ = try reader.readSheet(at: 0) }?.code == .misuse)
            }
        }

        @Test func readerFreedWithoutCloseReleasesTheHandle() throws {
            let path = try ReaderFixtures.book(#"<row r="1"><c r="A1"><v>1</v></c></row>"#)
            try ReaderTests.expectNoLeak {
                for _ in 0..<5 { _ = try XLSXReader(path: path).readSheet(at: 0) }
            }
        }
    }
}
