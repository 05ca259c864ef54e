/// Date cells: which number formats show dates, and serial numbers as ISO 8601 text.
enum ExcelDate {
    /// Whether a number format shows a date or time.
    ///
    /// Built-in ids 14–22 and 45–47 are dates everywhere; 27–36 and 50–58 are the East Asian
    /// (Chinese, Japanese, Korean) built-in date formats such as `yyyy"年"m"月"d"日"`.
    static func isDateFormat(id: Int, code: String?) -> Bool {
        if let code { return codeHasDateTokens(code) }
        switch id {
        case 14...22, 27...36, 45...47, 50...58: return true
        default: return false
        }
    }

    /// Whether a format code has date tokens (y, m, d, h, s) outside quotes, escapes and
    /// bracketed sections such as `[Red]` or `[$-804]`; elapsed-time brackets `[h]`, `[mm]`, `[ss]` count.
    static func codeHasDateTokens(_ code: String) -> Bool {
        var bytes = Array(code.utf8)
        if bytes.count == 7, String(decoding: bytes, as: UTF8.self).lowercased() == "general" { return false }
        bytes.append(0)
        var i = 0
        while bytes[i] != 0 {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                i += 1
                while bytes[i] != 0, bytes[i] != UInt8(ascii: "\"") { i += 1 }
                // An unterminated quote runs to the end of the code: nothing after it is a token.
                if bytes[i] == 0 { return false }
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                if bytes[i + 1] != 0 { i += 1 }
            case UInt8(ascii: "["):
                var j = i + 1
                var elapsed = true
                while bytes[j] != 0, bytes[j] != UInt8(ascii: "]") {
                    let c = bytes[j] | 0x20
                    if c != UInt8(ascii: "h") && c != UInt8(ascii: "m") && c != UInt8(ascii: "s") { elapsed = false }
                    j += 1
                }
                if elapsed && j > i + 1 { return true }
                i = bytes[j] == 0 ? j - 1 : j
            default:
                switch b | 0x20 {
                case UInt8(ascii: "y"), UInt8(ascii: "m"), UInt8(ascii: "d"), UInt8(ascii: "h"), UInt8(ascii: "s"):
                    return true
                default:
                    break
                }
            }
            i += 1
        }
        return false
    }

    /// ISO 8601 text for a serial number: `2024-12-31`, `2024-12-31T08:30:00` or, below one day,
    /// `08:30:00`; nil when the serial lies outside Excel's dates (negative, or after 9999-12-31).
    ///
    /// The 1900 system keeps Excel's leap-year bug: serial 60 is the nonexistent 1900-02-29.
    static func isoText(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < (date1904 ? 2_957_004 : 2_958_466) else { return nil }
        var days = Int(serial.rounded(.down))
        var milliseconds = Int(((serial - Double(days)) * 86_400_000).rounded())
        if milliseconds >= 86_400_000 {
            days += 1
            milliseconds -= 86_400_000
        }
        var text = ""
        if days > 0 || milliseconds == 0 {
            let (y, m, d): (Int, Int, Int)
            if date1904 {
                (y, m, d) = civil(fromDays: daysFromCivil(1904, 1, 1) + days)
            } else if days == 60 {
                (y, m, d) = (1900, 2, 29)
            } else if days < 60 {
                (y, m, d) = civil(fromDays: daysFromCivil(1899, 12, 31) + days)
            } else {
                (y, m, d) = civil(fromDays: daysFromCivil(1899, 12, 30) + days)
            }
            text = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
            if milliseconds == 0 { return text }
            text += "T"
        }
        let seconds = milliseconds / 1000
        text += pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        if milliseconds % 1000 != 0 { text += "." + pad(milliseconds % 1000, 3) }
        return text
    }

    /// The serial number of an ISO 8601 date or date-time (`t="d"` cells of strict OOXML); nil when malformed.
    static func serial(isoText: String, date1904: Bool) -> Double? {
        let parts = isoText.split(separator: "T", maxSplits: 1)
        guard let datePart = parts.first else { return nil }
        let ymd = datePart.split(separator: "-").compactMap { Int($0) }
        // Years beyond Excel's 9999 would overflow the day arithmetic; such text is no date.
        guard ymd.count == 3, (0...9999).contains(ymd[0]), (1...12).contains(ymd[1]), (1...31).contains(ymd[2]) else {
            return nil
        }
        var days = Double(daysFromCivil(ymd[0], ymd[1], ymd[2]))
        if date1904 {
            days -= Double(daysFromCivil(1904, 1, 1))
        } else {
            days -= Double(daysFromCivil(1899, 12, 30))
            if days < 61 { days -= 1 }
        }
        if parts.count == 2 {
            let hms = parts[1].prefix { $0 != "Z" && $0 != "+" }.split(separator: ":").compactMap { Double($0) }
            guard hms.allSatisfy({ $0.isFinite && abs($0) < 1e6 }) else { return nil }
            let seconds = (hms.first ?? 0) * 3600 + (hms.count > 1 ? hms[1] * 60 : 0) + (hms.count > 2 ? hms[2] : 0)
            days += seconds / 86_400
        }
        return days
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
