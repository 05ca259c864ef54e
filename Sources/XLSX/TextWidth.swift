/// How wide text is in Excel's column-width units, counting East Asian wide
/// and full-width characters as two and everything else as one.
public enum TextWidth {
    /// The width of `text`; for multi-line text, the widest line.
    public static func of(_ text: String) -> Int {
        var widest = 0
        var current = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                widest = max(widest, current)
                current = 0
            } else {
                current += width(of: scalar)
            }
        }
        return max(widest, current)
    }

    /// The width of one scalar: 2 for wide and full-width characters
    /// (CJK ideographs, kana, hangul, full-width forms, CJK punctuation and
    /// the curly quotes that Chinese fonts draw full-width), 0 for combining
    /// marks and controls, 1 otherwise.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 { return 0 }
        if v < 0x300 { return 1 }
        switch v {
        case 0x0300...0x036F, 0x200B...0x200F: return 0
        case 0x1100...0x115F, 0x2018...0x201F, 0x2026, 0x2030...0x2033, 0x2E80...0x303E, 0x3041...0x33FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }
}
