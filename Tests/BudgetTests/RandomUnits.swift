import Foundation
@testable import Budget

/// Random units for round-trip tests: every table, random subject trees,
/// amounts of every size with 0–4 decimals, blanks, zeros and notes. They
/// need not add up — a round trip must keep whatever was given.
enum RandomUnits {
    static func make(seed: UInt64, set: TemplateSet) -> Disclosure {
        var rng = SplitMix64(seed: seed)
        func amount() -> Amount? {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0, 1: return nil
            case 2: return .zero
            case 3: return Amount(significand: Int64.random(in: -99_999...99_999, using: &rng), scale: 2)
            case 4: return Amount(significand: Int64.random(in: 0...99_999_999, using: &rng), scale: 4)
            default: return Amount(significand: Int64.random(in: 0...9_999_999_999, using: &rng), scale: 2)
            }
        }
        func values(_ keys: [String]) -> [String: Amount] {
            var result: [String: Amount] = [:]
            for key in keys { if let a = amount() { result[key] = a } }
            return result
        }
        let names = ["行政运行", "一般行政管理事务", "事业运行", "其他支出", "社会保险经办机构", "就业见习补贴",
                     "财政对城乡居民基本养老保险基金的补助", "办公费", "住房公积金", "名称, with \"quotes\" & <tags>"]
        var tables: [String: TableData] = [:]
        for template in set.tables {
            switch template.kind {
            case .fixed:
                var rows: [DataRow] = []
                for fixed in template.rows ?? [] {
                    for side in fixed.cells.keys.sorted() {
                        guard let cell = fixed.cells[side] else { continue }
                        rows.append(DataRow(key: cell.key, values: values(template.valueKeys(side: side))))
                    }
                }
                tables[template.id] = TableData(rows: rows, note: Bool.random(using: &rng) ? "注：随机说明 \(seed)" : nil)
            case .subjects:
                if Int.random(in: 0..<4, using: &rng) == 0 {
                    tables[template.id] = TableData(rows: [], note: "注：空表列示。")
                    continue
                }
                let keys = template.valueKeys(side: nil)
                var rows = [DataRow(key: template.totalLabel ?? "合计", values: values(keys))]
                var used = Set<String>()
                let economic = template.codeKind == .economic
                for _ in 0..<Int.random(in: 1...6, using: &rng) {
                    let top = economic ? ["301", "302", "303", "310"].randomElement(using: &rng)!
                                       : ["201", "208", "210", "221"].randomElement(using: &rng)!
                    if used.insert(top).inserted { rows.append(DataRow(code: top, name: names.randomElement(using: &rng)!, values: values(keys))) }
                    for _ in 0..<Int.random(in: 0...3, using: &rng) {
                        let middle = top + String(format: "%02d", Int.random(in: 1...99, using: &rng))
                        if used.insert(middle).inserted { rows.append(DataRow(code: middle, name: names.randomElement(using: &rng)!, values: values(keys))) }
                        if !economic {
                            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                                let leaf = middle + String(format: "%02d", Int.random(in: 1...99, using: &rng))
                                if used.insert(leaf).inserted { rows.append(DataRow(code: leaf, name: names.randomElement(using: &rng)!, values: values(keys))) }
                            }
                        }
                    }
                }
                tables[template.id] = TableData(rows: rows)
            }
        }
        let unit = BudgetUnit(code: String(Int.random(in: 100...999_999, using: &rng)), name: "随机单位\(seed)（测试）")
        return Disclosure(unit: unit, year: Int.random(in: 2020...2030, using: &rng), moneyUnit: "万元", template: set.id, tables: tables)
    }
}
