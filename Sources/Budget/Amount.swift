/// An exact money amount in a table's money unit, as decimal fixed point.
///
/// Stored as an integer significand and a count of decimal places, so
/// `49576.24` is `4957624 × 10⁻²` and `8.2768` keeps all four places. No
/// binary floating point is ever used in arithmetic. Equality is numeric:
/// `48.6 == 48.60`. A blank cell is not an `Amount` but the absence of one.
public struct Amount: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The digits, without the decimal point.
    public private(set) var significand: Int64
    /// How many of the digits are decimals (0...18).
    public private(set) var scale: Int8

    /// The largest number of decimal places kept.
    public static let maxScale: Int8 = 6
    /// Zero, with two decimals.
    public static let zero = Amount(significand: 0, scale: 2)

    private static let powers: [Int64] = (0...18).map { p in (0..<p).reduce(Int64(1)) { r, _ in r * 10 } }

    /// Creates an amount from its digits and number of decimals.
    public init(significand: Int64, scale: Int8) {
        self.significand = significand
        self.scale = scale
    }

    /// Creates an amount from a whole number of 分 (hundredths).
    public init(fen: Int64) { self.init(significand: fen, scale: 2) }

    /// Parses plain decimal text: optional sign, digits, optional point and
    /// decimals (`"49576.24"`, `"-3"`, `".5"`). Nil for anything else,
    /// including exponents, grouping commas and more than 18 digits.
    public init?(_ text: some StringProtocol) {
        var parsed: Amount?
        var utf8 = String(text)
        utf8.withUTF8 { parsed = Self.parse($0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses ASCII decimal bytes; see `init?(_:)`.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Amount? {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var significand: Int64 = 0
        var digits = 0
        var scale = 0
        var seenPoint = false
        var significantDigits = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if byte >= 48 && byte <= 57 {
                if significand > 0 || byte != 48 { significantDigits += 1 }
                guard significantDigits <= 18 else { return nil }
                significand = significand * 10 + Int64(byte - 48)
                digits += 1
                if seenPoint { scale += 1 }
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0, scale <= Int(maxScale) else { return nil }
        return Amount(significand: negative ? -significand : significand, scale: Int8(scale))
    }

    /// The decimal text with exactly the decimals stored (`"49576.24"`, `"2.5"`).
    public var text: String {
        var result = significand < 0 ? "-" : ""
        let magnitude = significand.magnitude
        if scale == 0 { return result + String(magnitude) }
        let power = UInt64(Self.powers[Int(scale)])
        let whole = magnitude / power
        let fraction = String(magnitude % power)
        result += String(whole) + "."
        result += String(repeating: "0", count: Int(scale) - fraction.count) + fraction
        return result
    }

    /// The text with at least two decimals, as tables show it (`"2.50"`, `"8.2768"`).
    public var displayText: String { scale >= 2 ? text : rescaled(to: 2).text }

    public var description: String { text }

    /// The `Double` nearest to the decimal value: the same double as
    /// `Double(text)`. Exact because the significand (below 2⁵³) and the power
    /// of ten (at most 10²²) are both exact doubles and IEEE division rounds
    /// correctly; larger significands fall back to parsing the text.
    public var doubleValue: Double {
        if significand.magnitude < (1 << 53) {
            return Double(significand) / Double(Self.powers[Int(scale)])
        }
        return Double(text) ?? .nan
    }

    /// Whether the amount is zero.
    public var isZero: Bool { significand == 0 }

    /// The same value with `newScale` decimals; rounds half away from zero when shortening.
    public func rescaled(to newScale: Int8) -> Amount {
        if newScale == scale { return self }
        if newScale > scale {
            let factor = Self.powers[Int(newScale - scale)]
            let (value, overflow) = significand.multipliedReportingOverflow(by: factor)
            return overflow ? self : Amount(significand: value, scale: newScale)
        }
        let factor = Self.powers[Int(scale - newScale)]
        var quotient = significand / factor
        let remainder = significand % factor
        if remainder.magnitude * 2 >= factor.magnitude { quotient += significand < 0 ? -1 : 1 }
        return Amount(significand: quotient, scale: newScale)
    }

    /// Rounded to two decimals (a 分 of 元, or 0.01 万元), half away from zero.
    public var roundedToCents: Amount { rescaled(to: 2) }

    /// The same value with trailing zero decimals removed, for comparing and hashing.
    private var normalized: Amount {
        var value = self
        while value.scale > 0 && value.significand % 10 == 0 {
            value.significand /= 10
            value.scale -= 1
        }
        return value
    }

    public static func == (lhs: Amount, rhs: Amount) -> Bool {
        let (a, b) = aligned(lhs, rhs)
        return a == b
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.significand)
        hasher.combine(n.scale)
    }

    public static func < (lhs: Amount, rhs: Amount) -> Bool {
        let (a, b) = aligned(lhs, rhs)
        return a < b
    }

    private static func aligned(_ lhs: Amount, _ rhs: Amount) -> (Int64, Int64) {
        let scale = max(lhs.scale, rhs.scale)
        return (lhs.rescaled(to: scale).significand, rhs.rescaled(to: scale).significand)
    }

    /// Exact sum; traps only on overflow beyond 9.2 × 10¹⁸ units of the smallest decimal.
    public static func + (lhs: Amount, rhs: Amount) -> Amount {
        let scale = max(lhs.scale, rhs.scale)
        return Amount(significand: lhs.rescaled(to: scale).significand + rhs.rescaled(to: scale).significand, scale: scale)
    }

    /// Exact difference.
    public static func - (lhs: Amount, rhs: Amount) -> Amount {
        let scale = max(lhs.scale, rhs.scale)
        return Amount(significand: lhs.rescaled(to: scale).significand - rhs.rescaled(to: scale).significand, scale: scale)
    }

    /// Negation.
    public static prefix func - (value: Amount) -> Amount {
        Amount(significand: -value.significand, scale: value.scale)
    }

    /// Adds in place.
    public static func += (lhs: inout Amount, rhs: Amount) { lhs = lhs + rhs }

    /// The absolute value.
    public var magnitude: Amount { significand < 0 ? -self : self }

    /// The amount a double read from a cell stands for: its shortest
    /// round-trip decimal text, so `966.0599999999999` (how a writer may
    /// store 966.06) reads as 966.06. Nil for non-finite values or values
    /// outside the range an `Amount` holds.
    public init?(double: Double) {
        guard double.isFinite, double.magnitude < 1e15 else { return nil }
        if double == 0 { self = .zero; return }
        let text = "\(double)"
        if let plain = Amount(text) {
            self = plain
            return
        }
        // Swift writes exponents for small magnitudes (1e-05): expand them.
        let parts = text.split(separator: "e")
        guard parts.count == 2, let exponent = Int(parts[1]), exponent < 0,
              let mantissa = Amount(parts[0]) else { return nil }
        let scale = Int(mantissa.scale) - exponent
        guard scale <= Int(Self.maxScale) else { return nil }
        self = Amount(significand: mantissa.significand, scale: Int8(scale))
    }
}

extension Amount: Codable {
    /// Decodes a decimal string (`"49576.24"`); a JSON number is refused,
    /// because a binary number may already have lost digits.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        var text = try container.decode(String.self)
        // Plain digits parse as they are; only other text needs trimming first.
        if let value = text.withUTF8(Self.parse) {
            self = value
            return
        }
        guard let value = Amount(text.trimmingWhitespace) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not a decimal amount such as \"49576.24\"")
        }
        self = value
    }

    /// Encodes the decimal text with at least two decimals.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(displayText)
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
