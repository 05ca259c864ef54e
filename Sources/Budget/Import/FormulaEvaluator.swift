import XLSX

/// Recomputes the simple formulas that fill-in forms and editors put in
/// amount cells — `SUM(C10:C12)`, `SUM(C10,C12)`, `C10+C11-C12` — from the
/// cells of the same sheet, exactly. Anything else is not understood.
struct FormulaEvaluator {
    let grid: CellGrid

    /// The result of evaluating a formula.
    enum Result: Equatable {
        /// Every input was blank: the total reads as blank, not 0.
        case blank
        case value(Amount)
    }

    struct Unsupported: Error {
        let reason: String
    }

    /// Evaluates `formula` (without `=`); throws `Unsupported` for anything beyond sums of references.
    func evaluate(_ formula: String, depth: Int = 0) throws -> Result {
        guard depth < 32 else { throw Unsupported(reason: "the formulas refer to each other too deeply or in a cycle") }
        var text = formula.trimmingWhitespace.uppercased()
        if text.hasPrefix("=") { text.removeFirst() }
        guard !text.isEmpty else { throw Unsupported(reason: "the formula is empty") }
        var total: Amount?
        for (sign, term) in try terms(text) {
            guard let value = try evaluateTerm(term, depth: depth) else { continue }
            total = (total ?? .zero) + (sign < 0 ? -value : value)
        }
        return total.map(Result.value) ?? .blank
    }

    /// Splits `a+b-SUM(c:d)` into signed terms, respecting parentheses.
    private func terms(_ text: String) throws -> [(Int, Substring)] {
        var result: [(Int, Substring)] = []
        var depth = 0
        var start = text.startIndex
        var sign = 1
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1; if depth < 0 { throw Unsupported(reason: "unbalanced parentheses") } }
            if depth == 0, c == "+" || c == "-" {
                if index == start, result.isEmpty {  // leading sign
                    sign = c == "-" ? -1 : 1
                    start = text.index(after: index)
                } else {
                    result.append((sign, text[start..<index]))
                    sign = c == "-" ? -1 : 1
                    start = text.index(after: index)
                }
            }
            index = text.index(after: index)
        }
        guard depth == 0 else { throw Unsupported(reason: "unbalanced parentheses") }
        result.append((sign, text[start..<text.endIndex]))
        return result
    }

    private func evaluateTerm(_ term: Substring, depth: Int) throws -> Amount? {
        let trimmed = String(term).trimmingWhitespace
        if trimmed.hasPrefix("SUMPRODUCT("), trimmed.hasSuffix(")") {
            return try sumProductByLength(String(trimmed.dropFirst(11).dropLast()), depth: depth)
        }
        if trimmed.hasPrefix("SUM("), trimmed.hasSuffix(")") {
            var total: Amount?
            for argument in trimmed.dropFirst(4).dropLast().split(separator: ",") {
                for cell in try cells(in: String(argument)) {
                    if let value = try value(at: cell, depth: depth) { total = (total ?? .zero) + value }
                }
            }
            return total
        }
        if trimmed.hasPrefix("("), trimmed.hasSuffix(")") {
            switch try evaluate(String(trimmed.dropFirst().dropLast()), depth: depth + 1) {
            case .blank: return nil
            case .value(let amount): return amount
            }
        }
        if let number = Amount(trimmed) { return number }
        let cells = try cells(in: trimmed)
        guard cells.count == 1 else { throw Unsupported(reason: "\(trimmed) is a range outside SUM") }
        return try value(at: cells[0], depth: depth)
    }

    /// `SUMPRODUCT((LEN(B9:B14)=7)*D9:D14)`, as fill-in forms sum a parent's
    /// children: the values whose code in the first range has the given length.
    private func sumProductByLength(_ inner: String, depth: Int) throws -> Amount? {
        let text = inner.filter { !$0.isWhitespace }
        guard text.hasPrefix("(LEN("), let close = text.range(of: ")="),
              let star = text.range(of: ")*", range: close.upperBound..<text.endIndex) else {
            throw Unsupported(reason: "only SUMPRODUCT((LEN(codes)=n)*values) is understood")
        }
        let codes = try cells(in: String(text[text.index(text.startIndex, offsetBy: 5)..<close.lowerBound]))
        guard let length = Int(text[close.upperBound..<star.lowerBound]) else {
            throw Unsupported(reason: "only SUMPRODUCT((LEN(codes)=n)*values) is understood")
        }
        let amounts = try cells(in: String(text[star.upperBound...]).trimmingCharacters(in: "()"))
        guard codes.count == amounts.count else { throw Unsupported(reason: "the ranges of SUMPRODUCT differ in size") }
        var total: Amount?
        for (code, cell) in zip(codes, amounts) where grid.text(code.row, code.column).count == length {
            if let value = try value(at: cell, depth: depth) { total = (total ?? .zero) + value }
        }
        return total
    }

    /// The cells of `A1`, `A1:B3` or `'Sheet'!A1` (the sheet must be this one).
    private func cells(in text: String) throws -> [CellReference] {
        var reference = text.trimmingWhitespace
        if let bang = reference.lastIndex(of: "!") {
            let sheet = reference[..<bang].trimmingCharacters(in: "'")
            guard sheet.uppercased() == grid.name.uppercased() else {
                throw Unsupported(reason: "it refers to another sheet (\(sheet))")
            }
            reference = String(reference[reference.index(after: bang)...])
        }
        guard let range = try? CellRange(reference) else { throw Unsupported(reason: "\(text) is not a cell or range") }
        guard (range.last.row - range.first.row + 1) * (range.last.column - range.first.column + 1) <= 100_000 else {
            throw Unsupported(reason: "the range \(text) is too large")
        }
        var result: [CellReference] = []
        for row in range.first.row...range.last.row {
            for column in range.first.column...range.last.column {
                result.append(CellReference(uncheckedRow: row, column: column))
            }
        }
        return result
    }

    private func value(at reference: CellReference, depth: Int) throws -> Amount? {
        guard let cell = grid[reference.row, reference.column] else { return nil }
        if let formula = cell.formula {
            // A total over totals: blank parts stay blank all the way up,
            // whatever the office suite cached (it caches 0).
            do {
                switch try evaluate(formula, depth: depth + 1) {
                case .blank: return nil
                case .value(let amount):
                    if cell.value == .formulaWithoutCachedValue { return amount }
                }
            } catch let unsupported as Unsupported where cell.value == .formulaWithoutCachedValue {
                throw unsupported
            } catch {}
        }
        switch cell.value {
        case .number(let text, _): return Amount(text)
        case .string(let text):
            if text.trimmingWhitespace.isEmpty { return nil }
            if let amount = CellText.lenientAmount(text) { return amount }
            throw Unsupported(reason: "\(grid.reference(reference.row, reference.column)) holds text \"\(text)\"")
        case .formulaWithoutCachedValue:
            throw Unsupported(reason: "\(grid.reference(reference.row, reference.column)) has a shared formula without a value")
        default:
            throw Unsupported(reason: "\(grid.reference(reference.row, reference.column)) holds \(cell.value.typeName) \(cell.value.text)")
        }
    }
}

extension String {
    /// The string without leading and trailing characters of a set given as a string.
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let first = s.first, set.contains(first) { s.removeFirst() }
        while let last = s.last, set.contains(last) { s.removeLast() }
        return String(s)
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
