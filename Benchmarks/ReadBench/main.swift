import Foundation
import XLSX

// The library side of the read benchmark (see Benchmarks/run.sh).
//
//   ReadBench read [--values FILE] WORKBOOK...   stream every sheet of every workbook through
//       XLSXReader.forEachRow; print one JSON line with the cell count and the seconds spent
//       reading; with --values, also write every cell as `file<TAB>sheet<TAB>ref<TAB>kind<TAB>value`
//       for the cross-reader comparison (not timed).
//   ReadBench make-large FILE ROWS                 write the large-sheet workload: a header and ROWS
//       rows of 10 columns (codes as text, Chinese names, amounts) through the XLSX writer,
//       strings drawn from a bounded set as in real budget data, so they go to the shared-string table.

struct Failure: Error, CustomStringConvertible {
    var description: String
}

/// The value of one cell as the comparison writes it: a kind letter and text.
func canonical(_ value: CellValue) -> (String, String)? {
    switch value {
    case .string(let s):
        if s.isEmpty { return nil }
        var escaped = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return ("s", escaped)
    case .number(let text, _): return ("n", text)
    case .boolean(let b): return ("b", b ? "1" : "0")
    case .date(_, let serial): return ("n", serial)
    case .error(let e): return ("e", e)
    case .formulaWithoutCachedValue: return nil
    }
}

/// CPU time of this process (user and system), which a shared machine disturbs less than wall time.
func cpuSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

func read(_ files: [String], valuesPath: String?) throws {
    var out: FileHandle?
    if let valuesPath {
        guard FileManager.default.createFile(atPath: valuesPath, contents: nil) else {
            throw Failure(description: "cannot create \(valuesPath)")
        }
        out = FileHandle(forWritingAtPath: valuesPath)
    }
    var cells = 0
    var checksum = 0.0
    var textBytes = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = cpuSeconds()
    for file in files {
        let reader = try XLSXReader(path: file)
        defer { reader.close() }
        for (index, sheet) in reader.sheets.enumerated() {
            var lines = ""
            try reader.forEachRow(inSheetAt: index) { row in
                for cell in row.cells {
                    cells += 1
                    switch cell.value {
                    case .number(_, let d): checksum += d
                    case .string(let s): textBytes &+= s.utf8.count
                    default: break
                    }
                    if out != nil, let (kind, text) = canonical(cell.value) {
                        lines += "\(file)\t\(sheet.name)\t\(cell.reference)\t\(kind)\t\(text)\n"
                    }
                }
            }
            if let out { out.write(Data(lines.utf8)) }
        }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpu = cpuSeconds() - cpuStart
    try out?.close()
    print("{\"cells\": \(cells), \"seconds\": \(seconds), \"cpu\": \(cpu), \"checksum\": \(checksum), \"textBytes\": \(textBytes)}")
}

/// A small deterministic generator (SplitMix64), so every run writes the same workbook.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func makeLarge(_ path: String, rows: Int) throws {
    var rng = SplitMix64(state: 2025)
    let stems = ["行政运行", "一般行政管理事务", "机关服务", "社会保险经办机构", "劳动保障监察", "就业管理事务",
                 "其他人力资源和社会保障管理事务", "事业运行", "机关事业单位基本养老保险缴费支出",
                 "机关事业单位职业年金缴费支出", "行政单位医疗", "事业单位医疗", "公务员医疗补助",
                 "住房公积金", "就业创业服务补贴", "职业培训补贴", "社会保险补贴", "公益性岗位补贴"]
    let units = ["青龙满族自治县人力资源和社会保障局", "青龙满族自治县就业服务中心", "青龙满族自治县社会保险事业管理局",
                 "青龙满族自治县劳动人事争议仲裁院", "青龙满族自治县人才交流服务中心", "青龙满族自治县财政局",
                 "青龙满族自治县教育和体育局", "青龙满族自治县卫生健康局"]
    // 2,000 codes and 2,000 names: a bounded set, as real data repeats its subjects.
    let codes = (0..<2000).map { String(2_010_101 + ($0 / 40) * 100 + $0 % 40) }
    let names = (0..<2000).map { stems[$0 % stems.count] + ($0 < stems.count ? "" : "（\($0 / stems.count)）") }
    let workbook = try Workbook(path: path)
    let sheet = try workbook.addWorksheet(named: "支出明细")
    let header = ["科目编码", "科目名称", "单位名称", "合计", "基本支出", "项目支出", "人员经费", "公用经费", "上年结转", "备注"]
    for (column, text) in header.enumerated() { try sheet.write(text, row: 0, column: column) }
    for row in 1...rows {
        let k = Int(rng.next() % 2000)
        try sheet.write(codes[k], row: row, column: 0)
        try sheet.write(names[k], row: row, column: 1)
        try sheet.write(units[Int(rng.next() % UInt64(units.count))], row: row, column: 2)
        var total = 0.0
        for column in 4...8 {
            let cents = Int(rng.next() % 100_000_000)
            let amount = Double(cents) / 100
            total += amount
            try sheet.write(amount, row: row, column: column)
        }
        try sheet.write((total * 100).rounded() / 100, row: row, column: 3)
        try sheet.write(row % 7 == 0 ? "据实列支" : "常规", row: row, column: 9)
    }
    try workbook.close()
}

do {
    var arguments = Array(CommandLine.arguments.dropFirst())
    guard let mode = arguments.first else { throw Failure(description: "usage: ReadBench read|make-large ...") }
    arguments.removeFirst()
    switch mode {
    case "read":
        var values: String?
        if arguments.first == "--values", arguments.count >= 2 {
            values = arguments[1]
            arguments.removeFirst(2)
        }
        try read(arguments, valuesPath: values)
    case "make-large":
        guard arguments.count == 2, let rows = Int(arguments[1]), rows > 0 else {
            throw Failure(description: "usage: ReadBench make-large FILE ROWS")
        }
        try makeLarge(arguments[0], rows: rows)
    default:
        throw Failure(description: "unknown mode \(mode)")
    }
} catch {
    FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
    exit(1)
}
