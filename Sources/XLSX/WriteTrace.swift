import Foundation

/// A record of every call a `Workbook` makes into libxlsxwriter, one line
/// per call, so that another program (a plain C program, Python XlsxWriter)
/// can replay exactly the same writes — the basis of fair write benchmarks.
///
/// Lines are tab-separated; text fields escape `\`, tab and line breaks as
/// `\\`, `\t`, `\n`, `\r`. Formats are defined once (`F`) and then named by
/// their number. The format is documented in `Benchmarks/README.md`.
public final class WriteTrace: @unchecked Sendable {
    private var buffer = ""
    private let path: String
    private var formatIDs: [CellFormat: Int] = [:]

    /// A trace that `finish()` writes to `path`.
    public init(path: String) {
        self.path = path
        buffer.reserveCapacity(1 << 16)
    }

    /// Writes the trace file.
    public func finish() throws {
        try TemporaryFiles.writeAtomically(Data(buffer.utf8), to: path)
    }

    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return text }
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(c)
            }
        }
        return out
    }

    func line(_ fields: String...) {
        buffer += fields.joined(separator: "\t")
        buffer += "\n"
    }

    /// The number of a format, defining it on first use.
    func id(of format: CellFormat) -> Int {
        if let id = formatIDs[format] { return id }
        let id = formatIDs.count + 1
        formatIDs[format] = id
        func opt<T>(_ v: T?) -> String { v.map { "\($0)" } ?? "-" }
        line("F", String(id), format.fontName.map(Self.escape) ?? "-", opt(format.fontSize), format.bold ? "1" : "0",
             format.underline ? "1" : "0", opt(format.fontColor), String(format.horizontal.rawValue),
             String(format.vertical.rawValue), format.wrap ? "1" : "0", String(format.indent),
             String(format.border.rawValue), opt(format.fill), format.numberFormat.map(Self.escape) ?? "-",
             format.unlocked ? "1" : "0")
        return id
    }

    static func number(_ value: Double) -> String { "\(value)" }
}
