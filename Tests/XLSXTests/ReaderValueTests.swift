import Foundation
import Testing
@testable import XLSX

extension ReaderTests {
    /// Cell values of every kind, from small hand-built workbooks.
    @Suite struct Values {
        @Test func sharedStringsWithRichTextAndPhoneticRuns() throws {
            try ReaderTests.expectNoLeak {
                let path = try ReaderFixtures.book(
                    #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#,
                    sharedStrings: [
                        "<t>部门预算</t><phoneticPr fontId=\"1\"/>",
                        #"<r><rPr><b/></rPr><t>预算</t></r><r><t xml:space="preserve"> 收入</t></r><rPh sb="0" eb="2"><t>ヨサン</t></rPh><phoneticPr fontId="1"/>"#,
                        "<t>&lt;a &amp; b&gt;</t>",
                    ])
                let sheet = try ReaderFixtures.read(path)
                #expect(sheet["A1"]?.value == .string("部门预算"))
                #expect(sheet["B1"]?.value == .string("预算 收入"))
                #expect(sheet["C1"]?.value == .string("<a & b>"))
            }
        }

        @Test func inlineStrings() throws {
            let path = try ReaderFixtures.book(#"""
                <row r="1"><c r="A1" t="inlineStr"><is><t>inline</t></is></c>\#
                <c r="B1" t="inlineStr"><is><r><t>rich</t></r><r><t> text</t></r><rPh><t>x</t></rPh></is></c>\#
                <c r="C1" t="inlineStr"/></row>
                """#)
            let sheet = try ReaderFixtures.read(path)
            #expect(sheet["A1"]?.value == .string("inline"))
            #expect(sheet["B1"]?.value == .string("rich text"))
            #expect(sheet["C1"] == nil)
        }

        @Test func numbersAsShortestRoundTripText() throws {
            let values = ["966.0599999999999", "4.9", "1e-05", "1E-5", "49576.24", "1E+16", "-0.5", "8595602512225",
                          "123456789012345678", "0.1", "3.0000000000000004", "  42  ", "007", "-0", "2.5E-10"]
            let expected = ["966.06", "4.9", "0.00001", "0.00001", "49576.24", "10000000000000000", "-0.5", "8595602512225",
                            "123456789012345680", "0.1", "3.0000000000000004", "42", "7", "0", "0.00000000025"]
            var row = "<row r=\"1\">"
            for (i, value) in values.enumerated() {
                row += "<c r=\"\(CellReference.columnName(i))1\"><v>\(value)</v></c>"
            }
            let sheet = try ReaderFixtures.read(try ReaderFixtures.book(row + "</row>"))
            #expect(sheet.cells.count == values.count)
            for (i, cell) in sheet.cells.enumerated() {
                guard case .number(let text, let double) = cell.value else {
                    Issue.record("\(cell.reference) is \(cell.value), not a number")
                    continue
                }
                #expect(text == expected[i], "cell \(cell.reference) from \(values[i])")
                #expect(Double(text) == double, "text \(text) reads back as the stored double")
                #expect(double == Double(values[i].trimmingCharacters(in: .whitespaces)))
            }
        }

        @Test(arguments: [
            (1e-05, "0.00001"), (1e16, "10000000000000000"), (966.0599999999999, "966.06"), (4.9, "4.9"),
            (1.7976931348623157e308, "17976931348623157" + String(repeating: "0", count: 292)),
            (Double.leastNonzeroMagnitude, "0." + String(repeating: "0", count: 323) + "5"), (-123.456, "-123.456"), (0.0, "0"),
        ])
        func shortestTextHasNoExponent(value: Double, text: String) {
            #expect(NumberText.shortestText(value) == text)
            #expect(Double(text) == value)
        }

        /// The one-pass path for text that is already plain and short must agree with the general one:
        /// the value `strtod` reads and the shortest text of that value, for every shape of decimal.
        @Test func plainDecimalsAgreeWithTheGeneralPath() {
            var random = SeededGenerator(state: 7)
            func next(_ bound: Int) -> Int { Int.random(in: 0 ..< bound, using: &random) }
            let digits = Array("0123456789")
            for _ in 0 ..< 20_000 {
                var text = next(4) == 0 ? "-" : ""
                text += String((0 ..< 1 + next(9)).map { _ in digits[next(10)] })
                if next(3) > 0 { text += "." + String((0 ..< 1 + next(9)).map { _ in digits[next(10)] }) }
                let parsed = Array(text.utf8).withUnsafeBufferPointer(NumberText.parse)
                let expected = strtod(text, nil)
                #expect(parsed?.double == expected, "\(text)")
                #expect(parsed?.text == NumberText.shortestText(expected), "\(text)")
            }
            // Amounts as libxlsxwriter (%.16g) and others (%.17g) write them: 16 and 17 significant digits.
            for _ in 0 ..< 20_000 {
                let amount = Double(next(1_000_000_000)) / 100 * (next(2) == 0 ? 1 : -1) * [1, 1e-7, 1e7][next(3)]
                for format in ["%.16g", "%.17g", "%.15g"] {
                    let text = String(format: format, amount)
                    let parsed = Array(text.utf8).withUnsafeBufferPointer(NumberText.parse)
                    #expect(parsed?.double == strtod(text, nil), "\(text)")
                    #expect(parsed?.text == NumberText.shortestText(strtod(text, nil)), "\(text)")
                }
            }
        }

        @Test func booleansAndErrors() throws {
            let path = try ReaderFixtures.book(#"""
                <row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c>\#
                <c r="C1" t="e"><v>#DIV/0!</v></c><c r="D1" t="e"><f>NA()</f><v>#N/A</v></c></row>
                """#)
            let sheet = try ReaderFixtures.read(path)
            #expect(sheet["A1"]?.value == .boolean(true))
            #expect(sheet["B1"]?.value == .boolean(false))
            #expect(sheet["C1"]?.value == .error("#DIV/0!"))
            #expect(sheet["D1"]?.value == .error("#N/A"))
            #expect(sheet["D1"]?.formula == "NA()")
            #expect(sheet["A1"]?.value.typeName == "boolean")
            #expect(sheet["A1"]?.value.text == "TRUE")
        }

        @Test func formulasWithAndWithoutCachedValues() throws {
            let path = try ReaderFixtures.book(#"""
                <row r="9"><c r="C9"><f>SUM(C10:C12)</f><v>966.0599999999999</v></c>\#
                <c r="D9"><f>A1+1</f></c><c r="E9"><f>A1+1</f><v></v></c>\#
                <c r="F9" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="G9" t="str"><f>"x"</f></c>\#
                <c r="H9" t="b"><f>TRUE()</f><v>1</v></c></row>\#
                <row r="10"><c r="A10"><f t="shared" ref="A10:C10" si="0">A1*2</f><v>2</v></c>\#
                <c r="B10"><f t="shared" si="0"/><v>4</v></c><c r="C10"><f t="shared" si="0"/></c></row>
                """#)
            let sheet = try ReaderFixtures.read(path)
            #expect(sheet["C9"] == Cell(reference: try CellReference("C9"),
                                        value: .number(text: "966.06", double: 966.0599999999999),
                                        formula: "SUM(C10:C12)"))
            #expect(sheet["D9"]?.value == .formulaWithoutCachedValue)
            #expect(sheet["D9"]?.formula == "A1+1")
            #expect(sheet["E9"]?.value == .formulaWithoutCachedValue)
            #expect(sheet["F9"]?.value == .string("ab"))
            #expect(sheet["F9"]?.formula == "\"a\"&\"b\"")
            #expect(sheet["G9"]?.value == .formulaWithoutCachedValue)
            #expect(sheet["H9"]?.value == .boolean(true))
            #expect(sheet["A10"]?.formula == "A1*2")
            #expect(sheet["A10"]?.sharedFormulaMaster == nil)
            #expect(sheet["B10"]?.formula == nil)
            #expect(sheet["B10"]?.sharedFormulaMaster == (try CellReference("A10")))
            #expect(sheet["B10"]?.value == .number(text: "4", double: 4))
            #expect(sheet["C10"]?.value == .formulaWithoutCachedValue)
            #expect(sheet["C10"]?.sharedFormulaMaster == (try CellReference("A10")))
        }

        static let dateStyles = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="5">\
            <numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>\
            <numFmt numFmtId="165" formatCode="[Red]#,##0.00;[Blue]\\-#,##0.00"/>\
            <numFmt numFmtId="166" formatCode="&quot;day &quot;0"/>\
            <numFmt numFmtId="167" formatCode="[h]:mm:ss"/>\
            <numFmt numFmtId="168" formatCode="[$-804]yyyy/mm/dd;@"/></numFmts>\
            <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
            <cellXfs count="10"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>\
            <xf numFmtId="166"/><xf numFmtId="22"/><xf numFmtId="167"/><xf numFmtId="20"/><xf numFmtId="4"/>\
            <xf numFmtId="168"/></cellXfs></styleSheet>
            """

        @Test func datesIn1900System() throws {
            let path = try ReaderFixtures.book(#"""
                <row r="2"><c r="A2" s="1"><v>45657</v></c><c r="B2" s="2"><v>45657</v></c>\#
                <c r="C2" s="3"><v>45657</v></c><c r="D2" s="4"><v>45657</v></c><c r="E2" s="5"><v>45657.5</v></c>\#
                <c r="F2" s="6"><v>1.5</v></c><c r="G2" s="7"><v>0.75</v></c><c r="H2" s="8"><v>45657</v></c>\#
                <c r="I2" s="9"><v>45658</v></c><c r="J2"><v>45657</v></c></row>\#
                <row r="3"><c r="A3" s="1"><v>59</v></c><c r="B3" s="1"><v>60</v></c><c r="C3" s="1"><v>61</v></c>\#
                <c r="D3" s="1"><v>1</v></c><c r="E3" s="1"><v>-1</v></c><c r="F3" s="5"><v>45657.000011574</v></c>\#
                <c r="G3" s="1"><f>TODAY()</f><v>45657</v></c><c r="H3" s="99"><v>45657</v></c></row>
                """#, styles: Self.dateStyles)
            let sheet = try ReaderFixtures.read(path)
            #expect(sheet["A2"]?.value == .date(iso: "2024-12-31", serial: "45657"))
            #expect(sheet["B2"]?.value == .date(iso: "2024-12-31", serial: "45657"))
            #expect(sheet["C2"]?.value == .number(text: "45657", double: 45657), "[Red] is not a date token")
            #expect(sheet["D2"]?.value == .number(text: "45657", double: 45657), "quoted d is not a date token")
            #expect(sheet["E2"]?.value == .date(iso: "2024-12-31T12:00:00", serial: "45657.5"))
            #expect(sheet["F2"]?.value == .date(iso: "1900-01-01T12:00:00", serial: "1.5"))
            #expect(sheet["G2"]?.value == .date(iso: "18:00:00", serial: "0.75"))
            #expect(sheet["H2"]?.value == .number(text: "45657", double: 45657))
            #expect(sheet["I2"]?.value == .date(iso: "2025-01-01", serial: "45658"))
            #expect(sheet["J2"]?.value == .number(text: "45657", double: 45657))
            #expect(sheet["A3"]?.value == .date(iso: "1900-02-28", serial: "59"))
            #expect(sheet["B3"]?.value == .date(iso: "1900-02-29", serial: "60"), "Excel's 1900 leap-year bug")
            #expect(sheet["C3"]?.value == .date(iso: "1900-03-01", serial: "61"))
            #expect(sheet["D3"]?.value == .date(iso: "1900-01-01", serial: "1"))
            #expect(sheet["E3"]?.value == .number(text: "-1", double: -1), "no date before 1900")
            #expect(sheet["F3"]?.value == .date(iso: "2024-12-31T00:00:01", serial: "45657.000011574"))
            #expect(sheet["G3"]?.value == .date(iso: "2024-12-31", serial: "45657"))
            #expect(sheet["G3"]?.formula == "TODAY()")
            #expect(sheet["H3"]?.value == .number(text: "45657", double: 45657), "unknown style index")
        }

        @Test func datesIn1904System() throws {
            let path = try ReaderFixtures.book(#"""
                <row r="1"><c r="A1" s="1"><v>44195</v></c><c r="B1" s="1"><v>0</v></c><c r="C1" s="5"><v>44195.25</v></c></row>
                """#, styles: Self.dateStyles, workbookPr: #"<workbookPr date1904="1"/>"#)
            let reader = try XLSXReader(path: path)
            defer { reader.close() }
            #expect(reader.uses1904DateSystem)
            let sheet = try reader.readSheet(named: "Sheet1")
            #expect(sheet["A1"]?.value == .date(iso: "2024-12-31", serial: "44195"))
            #expect(sheet["B1"]?.value == .date(iso: "1904-01-01", serial: "0"))
            #expect(sheet["C1"]?.value == .date(iso: "2024-12-31T06:00:00", serial: "44195.25"))
        }

        @Test(arguments: [
            ("yyyy-mm-dd", true), ("m/d/yy h:mm", true), ("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", true),
            ("General", false), ("0.00", false), ("#,##0;[Red]-#,##0", false), ("\"元\"#,##0.00", false),
            ("0.00_);[Red]\\(0.00\\)", false), ("[mm]:ss", true), ("@", false), ("0.00E+00", false),
            ("\\d0", false), ("*d0", false),
        ])
        func dateFormatCodes(code: String, isDate: Bool) {
            #expect(ExcelDate.codeHasDateTokens(code) == isDate)
        }

        @Test func escapesInStrings() throws {
            let path = try ReaderFixtures.book(#"""
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x_x000A_y</t></is></c>\#
                <c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c></row>
                """#, sharedStrings: ["<t>line1_x000D__x000A_line2</t>", "<t>_x005F_x000D_ stays</t>",
                                      "<t>_xD83D__xDE00_ and _x4E2D_ and _xZZZZ_</t>", "<t>_x000d_</t>"])
            let sheet = try ReaderFixtures.read(path)
            #expect(sheet["A1"]?.value == .string("line1\r\nline2"))
            #expect(sheet["B1"]?.value == .string("x\ny"))
            #expect(sheet["C1"]?.value == .string("_x000D_ stays"))
            #expect(sheet["D1"]?.value == .string("😀 and 中 and _xZZZZ_"))
            #expect(sheet["E1"]?.value == .string("\r"))
        }
    }
}
