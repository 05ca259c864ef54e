import Foundation
import Testing
@testable import XLSX

extension ReaderTests {
    /// Package structure, sheet layout and streaming.
    @Suite struct Structure {
        @Test func sheetsInTabOrderWithStateFollowingRelationships() throws {
            try ReaderTests.expectNoLeak {
                let parts = ReaderFixtures.workbookParts([
                    .init(name: "收入总表", xml: ReaderFixtures.sheetXML(#"<row r="1"><c r="A1"><v>1</v></c></row>"#),
                          part: "xl/worksheets/zz.xml", rid: "rId7"),
                    .init(name: "Hidden", xml: ReaderFixtures.sheetXML(#"<row r="1"><c r="A1"><v>2</v></c></row>"#),
                          state: "hidden", part: "xl/data/sheet-b.xml", target: "/xl/data/sheet-b.xml", rid: "rId5"),
                    .init(name: "Very", xml: ReaderFixtures.sheetXML(#"<row r="1"><c r="A1"><v>3</v></c></row>"#),
                          state: "veryHidden", part: "xl/other.xml", target: "./worksheets/../other.xml", rid: "rId6"),
                    // A decoy: a part named like the usual first sheet that no relationship points to.
                ]) + [("xl/worksheets/sheet1.xml", ReaderFixtures.sheetXML(#"<row r="1"><c r="A1"><v>99</v></c></row>"#))]
                let reader = try XLSXReader(path: try ReaderFixtures.zip(parts))
                defer { reader.close() }
                #expect(reader.sheets.map(\.name) == ["收入总表", "Hidden", "Very"])
                #expect(reader.sheets.map(\.state) == [.visible, .hidden, .veryHidden])
                #expect(reader.sheets.map(\.index) == [0, 1, 2])
                #expect(reader.sheets.map(\.partName) == ["xl/worksheets/zz.xml", "xl/data/sheet-b.xml", "xl/other.xml"])
                #expect(try reader.readSheet(named: "收入总表")["A1"]?.value.text == "1")
                #expect(try reader.readSheet(named: "hidden")["A1"]?.value.text == "2", "names match ignoring case")
                #expect(try reader.readSheet(at: 2)["A1"]?.value.text == "3")
                #expect(try reader.readAllSheets().count == 3)
            }
        }

        @Test func partNamesAreCaseInsensitive() throws {
            let parts = ReaderFixtures.workbookParts(
                [.init(name: "Sheet1", xml: ReaderFixtures.sheetXML(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#),
                       part: "XL/Worksheets/Sheet1.XML", target: "worksheets/sheet1.xml")],
                sharedStrings: ReaderFixtures.sharedStrings(["<t>found</t>"]),
                sharedStringsPart: "xl/SharedStrings.xml", sharedStringsTarget: "sharedStrings.xml")
            let sheet = try ReaderFixtures.read(try ReaderFixtures.zip(parts))
            #expect(sheet["A1"]?.value == .string("found"))
        }

        @Test func mergedRangesBeforeAndAfterSheetData() throws {
            let path = try ReaderFixtures.book(
                #"<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row>"#,
                before: #"<mergeCells count="1"><mergeCell ref="A1:H1"/></mergeCells>"#,
                after: #"<mergeCells count="2"><mergeCell ref="B3:C4"/><mergeCell ref="$D$5:$E$5"/></mergeCells><pageMargins left="0.7"/>"#)
            let sheet = try ReaderFixtures.read(path)
            #expect(sheet.merges.map(\.description) == ["A1:H1", "B3:C4", "D5:E5"])
            #expect(sheet.cells.count == 1)
        }

        @Test func namespacePrefixes() throws {
            let x = ReaderFixtures.mainNS
            let parts: [(String, String)] = [
                ("[Content_Types].xml", ReaderFixtures.contentTypes),
                ("_rels/.rels", """
                    <p:Relationships xmlns:p="\(ReaderFixtures.pkgRelNS)"><p:Relationship Id="rId1" \
                    Type="\(ReaderFixtures.relNS)/officeDocument" Target="xl/workbook.xml"/></p:Relationships>
                    """),
                ("xl/workbook.xml", """
                    <x:workbook xmlns:x="\(x)" xmlns:rel="\(ReaderFixtures.relNS)"><x:workbookPr date1904="true"/>\
                    <x:sheets><x:sheet name="P" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>
                    """),
                ("xl/_rels/workbook.xml.rels", """
                    <Relationships xmlns="\(ReaderFixtures.pkgRelNS)"><Relationship Id="rId1" \
                    Type="\(ReaderFixtures.relNS)/worksheet" Target="worksheets/sheet1.xml"/>\
                    <Relationship Id="rId2" Type="\(ReaderFixtures.relNS)/sharedStrings" Target="sharedStrings.xml"/></Relationships>
                    """),
                ("xl/sharedStrings.xml", """
                    <x:sst xmlns:x="\(x)"><x:si><x:r><x:t>pre</x:t></x:r><x:r><x:t>fixed</x:t></x:r><x:rPh><x:t>no</x:t></x:rPh></x:si></x:sst>
                    """),
                ("xl/worksheets/sheet1.xml", """
                    <x:worksheet xmlns:x="\(x)"><x:sheetData><x:row x:r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c>\
                    <x:c r="C2"><x:f>B2</x:f><x:v>5</x:v></x:c><x:c r="D2" t="inlineStr"><x:is><x:t>in</x:t></x:is></x:c></x:row>\
                    </x:sheetData><x:mergeCells><x:mergeCell ref="B2:D2"/></x:mergeCells></x:worksheet>
                    """),
            ]
            let reader = try XLSXReader(path: try ReaderFixtures.zip(parts))
            defer { reader.close() }
            #expect(reader.uses1904DateSystem)
            let sheet = try reader.readSheet(named: "P")
            #expect(sheet["B2"]?.value == .string("prefixed"))
            #expect(sheet["C2"]?.formula == "B2")
            #expect(sheet["C2"]?.value == .number(text: "5", double: 5))
            #expect(sheet["D2"]?.value == .string("in"))
            #expect(sheet.merges.map(\.description) == ["B2:D2"])
        }

        @Test func rowsAndCellsWithoutReferencesFollowThePrevious() throws {
            let path = try ReaderFixtures.book("""
                <row><c><v>1</v></c><c><v>2</v></c></row>\
                <row r="5"><c r="C5"><v>3</v></c><c><v>4</v></c><c r="F5"><v>5</v></c><c><v>6</v></c></row>\
                <row><c><v>7</v></c></row>
                """)
            let sheet = try ReaderFixtures.read(path)
            #expect(sheet.cells.map(\.reference.description) == ["A1", "B1", "C5", "D5", "F5", "G5", "A6"])
            #expect(sheet.cells.map(\.value.text) == ["1", "2", "3", "4", "5", "6", "7"])
        }

        @Test func sparseSheetReachesTheGridCorner() throws {
            let path = try ReaderFixtures.book(#"""
                <row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>
                """#)
            let sheet = try ReaderFixtures.read(path)
            #expect(sheet.cells.map(\.reference.description) == ["A1", "XFD1048576"])
        }

        @Test func forEachRowStreamsRowsInOrder() throws {
            var rows = ""
            for r in 1...2000 {
                rows += "<row r=\"\(r * 2)\"><c r=\"A\(r * 2)\"><v>\(r)</v></c><c r=\"B\(r * 2)\" t=\"inlineStr\"><is><t>r\(r)</t></is></c></row>"
            }
            let path = try ReaderFixtures.book(rows, after: #"<mergeCells><mergeCell ref="A2:A4"/></mergeCells>"#)
            let reader = try XLSXReader(path: path)
            defer { reader.close() }
            var count = 0
            var expected = 1
            let merges = try reader.forEachRow(inSheet: "Sheet1") { row in
                #expect(row.index == expected * 2 - 1)
                #expect(row.cells.count == 2)
                #expect(row.cells.first?.value == .number(text: String(expected), double: Double(expected)))
                #expect(row.cells.last?.value == .string("r\(expected)"))
                expected += 1
                count += 1
            }
            #expect(count == 2000)
            #expect(merges.map(\.description) == ["A2:A4"])
        }

        @Test func emptyAndStyleOnlyCellsAreSkipped() throws {
            let path = try ReaderFixtures.book(#"""
                <row r="1"><c r="A1" s="1"/><c r="B1"><v></v></c><c r="C1" t="s"/></row><row r="2"/>
                """#, sharedStrings: [])
            let sheet = try ReaderFixtures.read(path)
            #expect(sheet.cells.isEmpty)
        }

        @Test func readsWhatOpenpyxlWrites() throws {
            let directory = try ReaderFixtures.temporaryDirectory()
            let path = directory.appendingPathComponent("openpyxl.xlsx").path
            try ReaderFixtures.run(ReaderFixtures.python, ["-c", """
                import datetime, sys, openpyxl
                wb = openpyxl.Workbook()
                ws = wb.active
                ws.title = "收入"
                ws["A1"] = "项目"
                ws["B1"] = 966.06
                ws["C1"] = datetime.date(2024, 12, 31)
                ws["D1"] = datetime.datetime(2025, 1, 2, 8, 30)
                ws["E1"] = True
                ws["F1"] = "=SUM(B1:B2)"
                ws["G1"] = 0.00001
                ws.merge_cells("A3:C3")
                hidden = wb.create_sheet("隐藏")
                hidden.sheet_state = "hidden"
                hidden["A1"] = "x"
                wb.save(sys.argv[1])
                """, path])
            let reader = try XLSXReader(path: path)
            defer { reader.close() }
            #expect(reader.sheets.map(\.name) == ["收入", "隐藏"])
            #expect(reader.sheets.map(\.state) == [.visible, .hidden])
            let sheet = try reader.readSheet(named: "收入")
            #expect(sheet["A1"]?.value == .string("项目"))
            #expect(sheet["B1"]?.value == .number(text: "966.06", double: 966.06))
            #expect(sheet["C1"]?.value == .date(iso: "2024-12-31", serial: "45657"))
            #expect(sheet["D1"]?.value.text == "2025-01-02T08:30:00")
            #expect(sheet["E1"]?.value == .boolean(true))
            #expect(sheet["F1"]?.formula == "SUM(B1:B2)")
            #expect(sheet["F1"]?.value == .formulaWithoutCachedValue)
            #expect(sheet["G1"]?.value.text == "0.00001")
            #expect(sheet.merges.map(\.description) == ["A3:C3"])
        }
    }
}
