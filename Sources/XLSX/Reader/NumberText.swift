import Foundation

/// Number cells: from the bytes of `<v>` to a double and the shortest plain decimal text that reads back as it.
///
/// libxlsxwriter stores 966.06 as `966.0599999999999` (17 significant digits); Excel shows 966.06.
/// The shortest round-trip digits come from Swift's `Double.description`; they are then written
/// without an exponent (`1e-05` → `0.00001`, `1e+16` → `10000000000000000`).
enum NumberText {
    /// Parses decimal text (`-12.5`, `1.5E-3`); nil when it is not a finite number.
    static func parse(_ raw: UnsafeBufferPointer<UInt8>) -> (text: String, double: Double)? {
        if let plain = parsePlain(raw) { return plain }
        let bytes = trimmed(raw)
        guard !bytes.isEmpty else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { digits in
            guard let scan = scanDecimal(bytes, into: digits) else { return nil }
            let significant = UnsafeBufferPointer(rebasing: digits[0..<scan.count])
            // Clinger's fast path: at most 15 significant digits and a power of ten that a double
            // holds exactly give a correctly rounded result in one operation, and such a decimal is
            // already the shortest text of that double (two of them are always more than an ulp apart).
            let scale = scan.pointPosition - scan.count
            if scan.count <= 15, abs(scale) <= 22 {
                var mantissa: UInt64 = 0
                for d in significant { mantissa = mantissa * 10 + UInt64(d - 48) }
                return (plainDecimal(significant, pointPosition: scan.pointPosition, negative: scan.negative),
                        exactly(mantissa, scale: scale, negative: scan.negative))
            }
            guard let value = strtodBytes(bytes), value.isFinite else { return nil }
            if let text = roundedTo15(significant, scan: scan, matching: value) { return (text, value) }
            return (shortestText(value), value)
        }
    }

    /// Text longer than 15 digits, as libxlsxwriter writes (`961998.9300000001`, 16 digits): when the
    /// digits rounded to 15 read back as the same double, they are its shortest text (an interval
    /// that holds one double is narrower than the steps between 15-digit decimals, so at most one
    /// of them, the nearest, lies in it, and any shorter text is one of them). Nil when they do not.
    private static func roundedTo15(_ digits: UnsafeBufferPointer<UInt8>,
                                    scan: (negative: Bool, count: Int, pointPosition: Int), matching value: Double) -> String? {
        guard digits.count > 15 else { return nil }
        var mantissa: UInt64 = 0
        for d in digits[0 ..< 15] { mantissa = mantissa * 10 + UInt64(d - 48) }
        if digits[15] >= UInt8(ascii: "5") { mantissa += 1 }
        var pointPosition = scan.pointPosition
        if mantissa == 1_000_000_000_000_000 {
            mantissa /= 10
            pointPosition += 1
        }
        var count = 15
        while mantissa % 10 == 0 && count > 1 {
            mantissa /= 10
            count -= 1
        }
        let scale = pointPosition - count
        guard abs(scale) <= 22 else { return nil }
        guard exactly(mantissa, scale: scale, negative: scan.negative) == value else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { rounded in
            var m = mantissa
            for i in stride(from: count - 1, through: 0, by: -1) {
                rounded[i] = UInt8(48 + m % 10)
                m /= 10
            }
            return plainDecimal(UnsafeBufferPointer(rounded), pointPosition: pointPosition, negative: scan.negative)
        }
    }

    /// The common case, in one pass: text that is already the shortest plain decimal (`-12.5`, `0.05`,
    /// `300`: no sign but `-`, no leading or trailing zeros, no exponent, at most 15 digits) keeps its
    /// bytes as the text, and its value is one exact division. Nil sends anything else to `parse`.
    @inline(__always)
    private static func parsePlain(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, double: Double)? {
        let n = bytes.count
        guard n > 0, n <= 17 else { return nil }
        var i = bytes[0] == UInt8(ascii: "-") ? 1 : 0
        let integerStart = i
        var mantissa: UInt64 = 0
        while i < n, bytes[i] &- 48 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48)
            i += 1
        }
        let integerDigits = i - integerStart
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != 48 else { return nil }
        var fractionDigits = 0
        if i < n {
            guard bytes[i] == UInt8(ascii: "."), bytes[n - 1] != 48 else { return nil }
            i += 1
            while i < n, bytes[i] &- 48 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48)
                i += 1
                fractionDigits += 1
            }
            guard fractionDigits > 0, i == n else { return nil }
        }
        // At most 15 significant digits (n <= 17 keeps the accumulation far from overflow); zero only as `0`.
        guard mantissa <= 999_999_999_999_999, mantissa > 0 || n == 1 else { return nil }
        return (String(decoding: bytes, as: UTF8.self), exactly(mantissa, scale: -fractionDigits, negative: integerStart == 1))
    }

    /// ±mantissa × 10^scale for a mantissa of at most 15 digits and |scale| ≤ 22: both factors are
    /// exact in a double, so the one multiplication or division rounds correctly (Clinger).
    @inline(__always)
    private static func exactly(_ mantissa: UInt64, scale: Int, negative: Bool) -> Double {
        let value = scale >= 0 ? Double(mantissa) * exactPowerOfTen(scale) : Double(mantissa) / exactPowerOfTen(-scale)
        return negative ? -value : value
    }

    /// 10^k for 0 ≤ k ≤ 22, each exact in a double, without touching a lazily initialised table.
    @inline(__always)
    private static func exactPowerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    /// The shortest text that reads back as `value`, in plain decimal notation.
    static func shortestText(_ value: Double) -> String {
        guard value.isFinite else { return value.description }
        var description = value.description
        return description.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { digits in
                guard let scan = scanDecimal(bytes, into: digits) else { return value.description }
                return plainDecimal(UnsafeBufferPointer(rebasing: digits[0..<scan.count]),
                                    pointPosition: scan.pointPosition, negative: scan.negative)
            }
        }
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10 || byte == 13
    }

    /// Splits `[+-]digits[.digits][(e|E)[+-]digits]` into significant digits (no leading or trailing
    /// zeros) and the position of the decimal point relative to them: value = 0.DIGITS × 10^pointPosition.
    private static func scanDecimal(_ bytes: UnsafeBufferPointer<UInt8>,
                                    into digits: UnsafeMutableBufferPointer<UInt8>)
        -> (negative: Bool, count: Int, pointPosition: Int)? {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var count = 0
        var pointPosition = 0
        var sawDigit = false
        var sawPoint = false
        var leading = true
        while i < n {
            let b = bytes[i]
            if b >= 48 && b <= 57 {
                sawDigit = true
                if leading && b == 48 {
                    if sawPoint { pointPosition -= 1 }
                } else {
                    leading = false
                    digits[count] = b
                    count += 1
                    if !sawPoint { pointPosition += 1 }
                }
            } else if b == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { return nil }
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponent = 0
            var expDigits = 0
            while i < n, bytes[i] >= 48, bytes[i] <= 57 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] - 48) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            pointPosition += expNegative ? -exponent : exponent
        }
        guard i == n else { return nil }
        while count > 0, digits[count - 1] == 48 { count -= 1 }
        if count == 0 { return (false, 0, 0) }
        return (negative, count, pointPosition)
    }

    /// Writes 0.DIGITS × 10^pointPosition in plain notation (`0.00001`, `12.5`, `1200`).
    private static func plainDecimal(_ digits: UnsafeBufferPointer<UInt8>, pointPosition: Int, negative: Bool) -> String {
        let count = digits.count
        if count == 0 { return "0" }
        let length = 1 + max(pointPosition, count) + max(0, -pointPosition) + 2
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { out in
            var o = 0
            func put(_ byte: UInt8) { out[o] = byte; o += 1 }
            if negative { put(UInt8(ascii: "-")) }
            if pointPosition <= 0 {
                put(48)
                put(UInt8(ascii: "."))
                for _ in 0 ..< -pointPosition { put(48) }
                for d in digits { put(d) }
            } else if pointPosition >= count {
                for d in digits { put(d) }
                for _ in 0 ..< pointPosition - count { put(48) }
            } else {
                for d in digits[0..<pointPosition] { put(d) }
                put(UInt8(ascii: "."))
                for d in digits[pointPosition...] { put(d) }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<o]), as: UTF8.self)
        }
    }

    private static func strtodBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            for i in 0..<bytes.count { buffer[i] = CChar(bitPattern: bytes[i]) }
            buffer[bytes.count] = 0
            guard let base = buffer.baseAddress else { return nil }
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(base, &end)
            guard let end, end == base + bytes.count else { return nil }
            return value
        }
    }
}
