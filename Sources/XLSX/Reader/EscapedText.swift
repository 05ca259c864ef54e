/// Text of strings: OOXML's `_xHHHH_` escapes for characters XML cannot carry (`_x000D_` is a
/// carriage return; `_x005F_` escapes the underscore itself, so `_x005F_x000D_` is literal `_x000D_`).
enum EscapedText {
    /// Decodes UTF-8 bytes into a string, resolving `_xHHHH_` escapes (UTF-16 pairs included).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard mayContainEscape(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var pendingHigh: UInt16?
        var runStart = 0
        var i = 0
        let n = bytes.count
        func flushRun(_ end: Int) {
            if pendingHigh != nil {
                scalars.append("\u{FFFD}")
                pendingHigh = nil
            }
            if end > runStart {
                scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self).unicodeScalars)
            }
        }
        while i < n {
            if let unit = escape(bytes, at: i) {
                if i > runStart { flushRun(i) }
                if let high = pendingHigh {
                    pendingHigh = nil
                    if (0xDC00...0xDFFF).contains(unit) {
                        let value = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                        scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                        i += 7
                        runStart = i
                        continue
                    }
                    scalars.append("\u{FFFD}")
                }
                if (0xD800...0xDBFF).contains(unit) {
                    pendingHigh = unit
                } else {
                    scalars.append(Unicode.Scalar(UInt32(unit)) ?? "\u{FFFD}")
                }
                i += 7
                runStart = i
            } else {
                i += 1
            }
        }
        flushRun(n)
        return String(scalars)
    }

    @inline(__always)
    private static func mayContainEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 7 else { return false }
        for i in 0 ..< bytes.count - 6 where bytes[i] == UInt8(ascii: "_") && bytes[i + 1] == UInt8(ascii: "x") {
            return true
        }
        return false
    }

    /// The UTF-16 unit of an `_xHHHH_` escape starting at `i`, or nil.
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt16? {
        guard i + 6 < bytes.count, bytes[i] == UInt8(ascii: "_"), bytes[i + 1] == UInt8(ascii: "x"),
              bytes[i + 6] == UInt8(ascii: "_") else { return nil }
        var value: UInt16 = 0
        for k in 2...5 {
            let b = bytes[i + k]
            let digit: UInt16
            switch b {
            case 48...57: digit = UInt16(b - 48)
            case 65...70: digit = UInt16(b - 55)
            case 97...102: digit = UInt16(b - 87)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
