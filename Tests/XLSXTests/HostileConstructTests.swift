import Foundation
import Testing
@testable import XLSX

extension ReaderTests {
    /// Hand-made hostile constructs: each refused with an error naming the file, the part and, where
    /// it applies, the cell.
    @Suite struct HostileConstructTests {
        private static func check(_ path: String, limits: ReaderLimits = .default, code: XLSXError.Code,
                                  contains fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
            ReaderTests.expectNoLeak(sourceLocation: sourceLocation) {
                let (error, seconds) = HostileCorpus.outcome(path, limits: limits)
                #expect(error?.code == code, "\(error?.description ?? "no error")", sourceLocation: sourceLocation)
                for fragment in fragments + [path] {
                    #expect(error?.message.contains(fragment) == true, "\"\(error?.message ?? "")\" lacks \"\(fragment)\"",
                            sourceLocation: sourceLocation)
                }
                #expect(seconds < 5, "took \(seconds) s", sourceLocation: sourceLocation)
            }
        }

        private static func replacing(_ parts: [(String, String)], _ name: String, _ body: (String) -> String) -> [(String, String)] {
            parts.map { $0.0 == name ? ($0.0, body($0.1)) : $0 }
        }

        @Test func absurdDimensionAllocatesNothing() throws {
            let path = try ReaderFixtures.book(#"<row r="1"><c r="A1"><v>1</v></c></row>"#,
                                               before: #"<dimension ref="A1:XFD1048576"/>"#)
            let before = HostileCorpus.peakMemoryMiB
            #expect(try ReaderFixtures.read(path).cells.count == 1)
            #expect(HostileCorpus.peakMemoryMiB - before < 64)
            let beyond = try ReaderFixtures.book(#"<row r="1"><c r="A1"><v>1</v></c></row>"#,
                                                 before: #"<dimension ref="A1:ZZZZ99999999"/>"#)
            #expect(try ReaderFixtures.read(beyond).cells.count == 1, "the dimension is a hint, never trusted")
        }

        @Test func referencesBeyondTheGrid() throws {
            Self.check(try ReaderFixtures.book(#"<row r="1"><c r="XFD1048577"><v>1</v></c></row>"#),
                       code: .invalidCellReference, contains: ["\"XFD1048577\"", "Sheet1", "xl/worksheets/sheet1.xml"])
            Self.check(try ReaderFixtures.book(#"<row r="99999999999999999999"><c><v>1</v></c></row>"#),
                       code: .invalidCellReference, contains: ["row number \"99999999999999999999\""])
            Self.check(try ReaderFixtures.book(#"<row r="1"><c r="AAAA1"><v>1</v></c></row>"#),
                       code: .invalidCellReference, contains: ["\"AAAA1\""])
        }

        @Test func sharedStringIndexNegativeOrHuge() throws {
            Self.check(try ReaderFixtures.book(#"<row r="2"><c r="C2" t="s"><v>-1</v></c></row>"#, sharedStrings: ["<t>a</t>"]),
                       code: .damaged, contains: ["Sheet1!C2", "shared string -1", "xl/worksheets/sheet1.xml"])
            Self.check(try ReaderFixtures.book(#"<row r="2"><c r="C2" t="s"><v>99999999999999999999</v></c></row>"#,
                                               sharedStrings: ["<t>a</t>"]),
                       code: .damaged, contains: ["Sheet1!C2", "shared string 99999999999999999999"])
        }

        @Test func elementsNestedWhereNoneMayNest() throws {
            Self.check(try ReaderFixtures.book(#"<row r="1"><c r="A1"><c r="B1"><v>1</v></c></c></row>"#),
                       code: .malformedXML, contains: ["<c> element is nested inside cell Sheet1!A1", "xl/worksheets/sheet1.xml"])
            Self.check(try ReaderFixtures.book(#"<row r="1"><row r="2"><c r="A2"><v>1</v></c></row></row>"#),
                       code: .malformedXML, contains: ["<row> element is nested inside row 1"])
            Self.check(try ReaderFixtures.book(#"<row r="1"><c r="A1"><v>1<v>2</v></v></c></row>"#),
                       code: .malformedXML, contains: ["Sheet1!A1", "element <v> inside its <v>"])
            Self.check(try ReaderFixtures.book(#"<row r="1"><c r="B1"><f>SUM(<c/>)</f><v>1</v></c></row>"#),
                       code: .malformedXML, contains: ["Sheet1!B1", "element <c> inside its <f>"])
            Self.check(try ReaderFixtures.book(#"<row r="1"><c r="C1" t="inlineStr"><is><t>a<b/></t></is></c></row>"#),
                       code: .malformedXML, contains: ["Sheet1!C1", "element <b> inside its <t>"])
            Self.check(try ReaderFixtures.book(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
                                               sharedStrings: ["<t>a</t><si><t>b</t></si>"]),
                       code: .malformedXML, contains: ["xl/sharedStrings.xml", "<si> nested inside it"])
            Self.check(try ReaderFixtures.book(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
                                               sharedStrings: ["<t>a<t>b</t></t>"]),
                       code: .malformedXML, contains: ["xl/sharedStrings.xml", "shared string 0", "element <t> inside its <t>"])
        }

        @Test func duplicateAndEmptySheetNames() throws {
            let sheet = ReaderFixtures.sheetXML("")
            Self.check(try ReaderFixtures.zip(ReaderFixtures.workbookParts([.init(name: "收入", xml: sheet), .init(name: "Data", xml: sheet),
                                                                            .init(name: "data", xml: sheet)])),
                       code: .damaged, contains: ["xl/workbook.xml", "two sheets named \"Data\" and \"data\""])
            Self.check(try ReaderFixtures.zip(ReaderFixtures.workbookParts([.init(name: "", xml: sheet)])),
                       code: .damaged, contains: ["xl/workbook.xml", "a sheet without a name"])
        }

        @Test func moreSheetsThanTheArchiveCouldHold() throws {
            // Twenty sheets listed, all pointing at one part: more than the 10 entries allowed.
            let many = (1...20).map { "<sheet name=\"S\($0)\" sheetId=\"\($0)\" r:id=\"rId10\"/>" }.joined()
            let parts = Self.replacing(ReaderFixtures.workbookParts([.init(name: "S", xml: ReaderFixtures.sheetXML(""))]), "xl/workbook.xml") {
                $0.replacingOccurrences(of: #"<sheet name="S" sheetId="1" r:id="rId10"/>"#, with: many)
            }
            Self.check(try ReaderFixtures.zip(parts), limits: ReaderLimits(maxEntries: 10),
                       code: .limitExceeded, contains: ["xl/workbook.xml", "lists 20 sheets, more than the limit of 10 entries"])
        }

        @Test func relationshipsOutsideThePackageOrMissing() throws {
            let escaping = ReaderFixtures.workbookParts([.init(name: "S", xml: ReaderFixtures.sheetXML(""), target: "../../../etc/passwd")])
            Self.check(try ReaderFixtures.zip(escaping), code: .damaged,
                       contains: ["relationship rId10 in xl/_rels/workbook.xml.rels points outside the package (target ../../../etc/passwd)"])
            let external = Self.replacing(ReaderFixtures.workbookParts([.init(name: "S", xml: ReaderFixtures.sheetXML(""))]),
                                          "xl/_rels/workbook.xml.rels") {
                $0.replacingOccurrences(of: "Target=\"worksheets/sheet1.xml\"", with: "Target=\"file:///etc/passwd\" TargetMode=\"External\"")
            }
            Self.check(try ReaderFixtures.zip(external), code: .damaged,
                       contains: ["sheet \"S\"", "rId10", "outside the package (TargetMode=\"External\")"])
            let rootEscape = Self.replacing(ReaderFixtures.workbookParts([.init(name: "S", xml: ReaderFixtures.sheetXML(""))]), "_rels/.rels") {
                $0.replacingOccurrences(of: "Target=\"xl/workbook.xml\"", with: "Target=\"../workbook.xml\"")
            }
            Self.check(try ReaderFixtures.zip(rootEscape), code: .damaged, contains: ["_rels/.rels", "points outside the package"])
            var noStyles = ReaderFixtures.workbookParts([.init(name: "S", xml: ReaderFixtures.sheetXML(#"<row r="1"><c r="A1"><v>1</v></c></row>"#))],
                                                        styles: "<styleSheet/>")
            noStyles.removeAll { $0.0 == "xl/styles.xml" }
            Self.check(try ReaderFixtures.zip(noStyles), code: .damaged, contains: ["styles part xl/styles.xml", "is missing"])
            var noStrings = ReaderFixtures.workbookParts([.init(name: "S", xml: ReaderFixtures.sheetXML(""))], sharedStrings: "<sst/>")
            noStrings.removeAll { $0.0 == "xl/sharedStrings.xml" }
            Self.check(try ReaderFixtures.zip(noStrings), code: .damaged, contains: ["shared-string part xl/sharedStrings.xml", "is missing"])
        }

        @Test func giantTokenIsRefusedBeforeExpatBuffersIt() throws {
            let attribute = String(repeating: "x", count: 300_000)
            Self.check(try ReaderFixtures.book(#"<row r="1" x="\#(attribute)"><c r="A1"><v>1</v></c></row>"#),
                       code: .limitExceeded, contains: ["xl/worksheets/sheet1.xml", "XML tag, comment or instruction longer than the limit of"])
            let comment = "<!--" + String(repeating: "y", count: 300_000) + "-->"
            Self.check(try ReaderFixtures.book(#"<row r="1"><c r="A1"><v>1</v></c></row>"#, after: comment),
                       code: .limitExceeded, contains: ["longer than the limit of"])
            // Long text is handed over as it arrives: only the string limit applies to it.
            let text = String(repeating: "z", count: 120_000)
            #expect(try ReaderFixtures.read(try ReaderFixtures.book(#"<row r="1"><c r="A1" t="inlineStr"><is><t>\#(text)</t></is></c></row>"#))["A1"]?
                .value == .string(text))
        }

        @Test func mergedRangesCountAgainstTheCellLimit() throws {
            let merges = (1...10).map { "<mergeCell ref=\"A\($0):B\($0)\"/>" }.joined()
            Self.check(try ReaderFixtures.book("", after: "<mergeCells>\(merges)</mergeCells>"), limits: ReaderLimits(maxCells: 5),
                       code: .limitExceeded, contains: ["more merged ranges than the limit of 5"])
        }

        @Test func entityExpansionAndExternalEntities() throws {
            let internalSubset = """
                <?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>\
                <worksheet xmlns="\(ReaderFixtures.mainNS)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>
                """
            Self.check(try ReaderFixtures.zip(ReaderFixtures.workbookParts([.init(name: "S", xml: internalSubset)])),
                       code: .malformedXML, contains: ["xl/worksheets/sheet1.xml", "refused"])
            Self.check(try ReaderFixtures.book(#"<row r="1"><c r="A1" t="inlineStr"><is><t>&undefined;</t></is></c></row>"#),
                       code: .malformedXML, contains: ["not well-formed"])
        }
    }
}
