import Foundation
import Testing
@testable import Budget

@Suite("Exact amounts")
struct AmountTests {
    @Test("every two-decimal value from 0.00 to 99,999.99 reaches the writer as Double(text)")
    func doubleConversion() throws {
        var mismatches = 0
        var checked = 0
        for cents in Int64(0)...9_999_999 {
            let amount = Amount(fen: cents)
            let text = amount.text
            guard let expected = Double(text) else { mismatches += 1; continue }
            if amount.doubleValue.bitPattern != expected.bitPattern { mismatches += 1 }
            checked += 1
        }
        #expect(checked == 10_000_000)
        #expect(mismatches == 0)
        // The naive route through Decimal is off in the last place for many values: not ours.
        #expect(Amount("0.07")?.doubleValue == 0.07)
        #expect(Amount("966.06")?.doubleValue == Double("966.06"))
    }

    @Test("parsing keeps every digit given and refuses what is not a plain decimal")
    func parsing() {
        #expect(Amount("49576.24")?.text == "49576.24")
        #expect(Amount("8.2768")?.text == "8.2768")
        #expect(Amount("2.5")?.displayText == "2.50")
        #expect(Amount("-3")?.text == "-3")
        #expect(Amount(".5")?.text == "0.5")
        #expect(Amount("0.00")?.isZero == true)
        for bad in ["", "-", ".", "1,234.50", "1e5", "12.3.4", " 1", "NaN", "１２", "1234567890123456789"] {
            #expect(Amount(bad) == nil, "\(bad)")
        }
    }

    @Test("equality and arithmetic are exact and numeric")
    func arithmetic() {
        let a = Amount("48.60")!, b = Amount("48.6")!
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Amount("254.59")! + Amount("4.47")! == Amount("259.06")!)
        #expect(Amount("0.1")! + Amount("0.2")! == Amount("0.3")!)
        #expect(Amount("1.005")!.roundedToCents == Amount("1.01")!)
        #expect(Amount("-1.005")!.roundedToCents == Amount("-1.01")!)
        #expect(Amount("100")! - Amount("0.01")! == Amount("99.99")!)
        #expect(Amount("1.2")! < Amount("1.21")!)
    }

    @Test("a stored double reads back as its shortest decimal")
    func fromDouble() {
        #expect(Amount(double: 966.0599999999999)?.text == "966.06")
        #expect(Amount(double: 4.9)?.text == "4.9")
        #expect(Amount(double: 0.00001)?.text == "0.00001")
        #expect(Amount(double: 52729.91) == Amount("52729.91"))
        #expect(Amount(double: .nan) == nil)
    }

    @Test("JSON holds amounts as decimal strings; numbers and blanks are distinct")
    func json() throws {
        let row = try JSONDecoder().decode(DataRow.self, from: Data(#"{"key":"合计","values":{"a":"1.10","b":null,"c":"0.00"}}"#.utf8))
        #expect(row.values["a"] == Amount("1.1"))
        #expect(row.values["b"] == nil)
        #expect(row.values["c"] == Amount.zero)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DataRow.self, from: Data(#"{"key":"合计","values":{"a":1.1}}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DataRow.self, from: Data(#"{"key":"合计","vaules":{}}"#.utf8))
        }
    }
}
