import Foundation
import Testing
@testable import XLSX

extension ReaderTests {
    /// The reader's shortcuts give the same answers as the general code they stand in for.
    @Suite struct FastPaths {
        /// The ranges `caseFolded` copies without `lowercased()` hold no character that lowercasing changes.
        @Test func uncasedRangesHaveNoLowercaseMapping() {
            var changed: [String] = []
            var checked = 0
            for range in [0x2000 ... 0x207F, 0x3000 ... 0x9FFF, 0xFF00 ... 0xFF20] {
                for value in range {
                    guard let scalar = Unicode.Scalar(value) else { continue }
                    let text = String(Character(scalar))
                    checked += 1
                    if text.lowercased() != text { changed.append(String(format: "U+%04X", value)) }
                }
            }
            #expect(checked == 0x80 + 0x7000 + 0x21)
            #expect(changed.isEmpty, "characters with a lowercase mapping: \(changed.prefix(10))")
            // The test itself would see a cased letter: fullwidth Ａ lies just past the copied range.
            #expect("\u{FF21}".lowercased() != "\u{FF21}")
        }

        @Test(arguments: [
            "", "Sheet1", "SHEET1", "xl/Worksheets/Sheet1.XML", "收入总表", "一般公共预算“三公”经费支出表",
            "项目（一）", "表１", "Data—2025…", "ＡＢＣ表", "Ärger", "ΣΑΣ", "İstanbul", "straße", "收入Total",
            "e\u{301}", "ぁアㄅ㈠㍿", "\u{FF21}\u{FF3A}", "x\u{2070}\u{207F}",
        ])
        func caseFoldingMatchesLowercased(_ text: String) {
            #expect(caseFolded(text) == text.lowercased())
            #expect(Array(caseFolded(text).utf8) == Array(text.lowercased().utf8))
        }

        @Test func caseFoldingMatchesLowercasedOnRandomText() {
            // Letters of many scripts mixed with the uncased ranges, so both paths and the switch between them run.
            let pool: [UInt32] = Array(0x41 ... 0x5A) + Array(0x61 ... 0x7A) + [0x30, 0x2D, 0x20] + Array(0xC0 ... 0xFF)
                + Array(0x391 ... 0x3A9) + Array(0x410 ... 0x44F) + Array(0x2010 ... 0x2027) + Array(0x3000 ... 0x3020)
                + Array(0x4E00 ... 0x4E40) + Array(0xFF01 ... 0xFF40) + [0x1E9E, 0x130, 0x1F600]
            var generator = SeededGenerator(state: 7)
            for _ in 0 ..< 2_000 {
                var text = ""
                for _ in 0 ..< Int(generator.next() % 12) {
                    let value = pool[Int(generator.next() % UInt64(pool.count))]
                    if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
                }
                #expect(caseFolded(text) == text.lowercased(), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }

        @Test(arguments: [
            "A1", "B3", "$B$3", "b3", "XFD1048576", "XFE1", "A1048577", "A0", "A", "1", "", "$", "$$A1", "AAAA1",
            "A10000000", "A01", "A1 ", " A1", "A-1", "ZZ99", "A$", "Ä1", "A1B", "AB12345",
        ])
        func cellReferenceFromCStringMatchesBytes(_ text: String) {
            let fromBytes = Array(text.utf8).withUnsafeBufferPointer { CellReference.parse($0) }
            let fromCString = text.withCString { CellReference.parse(cString: $0) }
            #expect(fromBytes?.row == fromCString?.row)
            #expect(fromBytes?.column == fromCString?.column)
            #expect((fromBytes == nil) == (fromCString == nil))
        }

        @Test(arguments: ["0", "7", " 12 ", "42", "999999999999999999", "9999999999999999999", "", " ", "1x", "-1", "1 2"])
        func integerFromCStringMatchesBytes(_ text: String) {
            let fromBytes = Array(text.utf8).withUnsafeBufferPointer { parseInt($0) }
            #expect(text.withCString { parseInt(cString: $0) } == fromBytes)
        }

        @Test func relationshipTargetsResolveAlikeOnEveryPath() {
            let cases: [(target: String, source: String, expected: String?)] = [
                ("worksheets/sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
                ("sharedStrings.xml", "xl/workbook.xml", "xl/sharedStrings.xml"),
                ("xl/workbook.xml", "", "xl/workbook.xml"),
                ("/xl/data/sheet-b.xml", "xl/workbook.xml", "xl/data/sheet-b.xml"),
                ("./worksheets/../other.xml", "xl/workbook.xml", "xl/other.xml"),
                ("../media/a.png", "xl/worksheets/sheet1.xml", "xl/media/a.png"),
                ("../../../etc/passwd", "xl/workbook.xml", nil),
                ("worksheets//sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
                ("worksheets/%73heet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
                (".hidden.xml", "xl/workbook.xml", "xl/.hidden.xml"),
                ("worksheets/", "xl/workbook.xml", "xl/worksheets"),
                ("", "xl/workbook.xml", "xl"),
                ("", "", nil),
                ("工作表/表1.xml", "xl/workbook.xml", "xl/工作表/表1.xml"),
            ]
            for (target, source, expected) in cases {
                #expect(PackageLayout.resolve(target, from: source) == expected, "\(target) from \(source)")
            }
        }

        @Test func sheetsAreFoundByExactBytesEquivalentTextOrCase() throws {
            let sheet = ReaderFixtures.sheetXML(#"<row r="1"><c r="A1"><v>1</v></c></row>"#)
            let composed = "R\u{E9}sum\u{E9}"
            let parts = ReaderFixtures.workbookParts([.init(name: "收入总表", xml: sheet), .init(name: composed, xml: sheet),
                                                      .init(name: "Data", xml: sheet)])
            let reader = try XLSXReader(path: try ReaderFixtures.zip(parts))
            defer { reader.close() }
            #expect(reader.sheet(named: "收入总表")?.index == 0)
            #expect(reader.sheet(named: "Re\u{301}sume\u{301}")?.index == 1, "canonically equivalent text")
            #expect(reader.sheet(named: "DATA")?.index == 2, "ignoring case")
            #expect(reader.sheet(named: "RÉSUMÉ")?.index == 1, "ignoring case beyond ASCII")
            #expect(reader.sheet(named: "支出总表") == nil)
        }

        /// One sheet handler serves all the sheets of a reader: a failed or abandoned sheet leaves nothing
        /// behind, and a body that reads another sheet meanwhile gets a handler of its own.
        @Test func theSheetHandlerIsReusedSafely() throws {
            try ReaderTests.expectNoLeak {
                let first = ReaderFixtures.sheetXML(#"<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>"#,
                                                    after: #"<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>"#)
                let broken = ReaderFixtures.sheetXML(#"<row r="1"><c r="A1"><v>9</v></c></row><row r="2"><c r="ZZZZ2"><v>9</v></c></row>"#)
                let third = ReaderFixtures.sheetXML(#"<row r="5"><c r="C5" t="inlineStr"><is><t>三</t></is></c></row>"#)
                let parts = ReaderFixtures.workbookParts([.init(name: "One", xml: first), .init(name: "Broken", xml: broken),
                                                          .init(name: "Three", xml: third)])
                let reader = try XLSXReader(path: try ReaderFixtures.zip(parts))
                defer { reader.close() }
                let expected = try reader.readSheet(at: 0)
                #expect(expected.cells.map(\.reference.description) == ["A1", "B1", "A2"])
                #expect(expected.merges.map(\.description) == ["A1:B1"])

                struct Stop: Error {}
                #expect(throws: Stop.self) { try reader.forEachRow(inSheetAt: 0) { _ in throw Stop() } }
                #expect(ReaderFixtures.error { _ = try reader.readSheet(at: 1) }?.code == .invalidCellReference)
                #expect(try reader.readSheet(at: 0) == expected)
                #expect(try reader.readSheet(at: 2).cells.map(\.value) == [.string("三")])

                var outer: [String] = []
                var inner: [String] = []
                let merges = try reader.forEachRow(inSheetAt: 0) { row in
                    outer += row.cells.map(\.reference.description)
                    if row.index == 0 {
                        try reader.forEachRow(inSheetAt: 2) { inner += $0.cells.map(\.reference.description) }
                    }
                }
                #expect(outer == ["A1", "B1", "A2"])
                #expect(inner == ["C5"])
                #expect(merges.map(\.description) == ["A1:B1"])
            }
        }
    }
}
