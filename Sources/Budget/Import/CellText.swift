import XLSX

/// Reading amounts and labels out of cells as people leave them.
enum CellText {
    /// Text with all white space removed, for comparing labels whose
    /// spacing or line breaks an editor changed (`一般公共预算 财政拨款`).
    static func squashed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    /// An amount typed as text: spaces, thousands separators and full-width
    /// digits are accepted (`"1,234.50"`, `" 12.3 "`, `"１２.３"`); nil otherwise.
    static func lenientAmount(_ text: String) -> Amount? {
        var ascii = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: ascii.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value - 0xFF10 + 0x30)))
            case 0xFF0E: ascii.append(".")
            case 0xFF0D: ascii.append("-")
            case 0xFF0C, 0x2C: continue  // grouping commas, full-width or not
            default:
                if scalar.properties.isWhitespace { continue }
                ascii.unicodeScalars.append(scalar)
            }
        }
        guard !ascii.isEmpty else { return nil }
        // A comma is only a grouping mark when it sits between digit groups of three.
        if text.contains(",") || text.contains("，") {
            let integer = text.split(whereSeparator: { $0 == "." || $0 == "．" }).first.map(String.init) ?? text
            let groups = integer.split(whereSeparator: { $0 == "," || $0 == "，" })
            guard groups.dropFirst().allSatisfy({ CellText.squashed(String($0)).count == 3 }) else { return nil }
        }
        return Amount(ascii)
    }
}

/// A sheet's non-empty cells by position.
struct CellGrid {
    let name: String
    private(set) var cells: [CellReference: Cell] = [:]
    private(set) var lastRow = -1
    let merges: [CellRange]

    init(_ sheet: SheetData) {
        name = sheet.name
        merges = sheet.merges
        for cell in sheet.cells {
            cells[cell.reference] = cell
            lastRow = max(lastRow, cell.reference.row)
        }
    }

    subscript(row: Int, column: Int) -> Cell? {
        cells[CellReference(uncheckedRow: row, column: column)]
    }

    /// The text shown in a cell: strings as they are, numbers as their shortest decimal.
    func text(_ row: Int, _ column: Int) -> String {
        guard let cell = self[row, column] else { return "" }
        return cell.value.text
    }

    /// `Sheet!A1`.
    func reference(_ row: Int, _ column: Int) -> String {
        "\(name)!\(CellReference(uncheckedRow: row, column: column))"
    }
}
