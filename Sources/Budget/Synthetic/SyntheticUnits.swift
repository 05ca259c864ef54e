/// Synthetic budget units: realistic, varied and consistent by construction,
/// for tests, demonstrations and round-trip checks.
///
/// `make(seed:index:)` gives the same unit for the same seed and index on
/// every machine. The primary data (leaf rows, as `primary(seed:index:)`
/// returns it) is drawn first — amounts in 万元 with four decimals (元-precise),
/// subject codes from the sample and DOMAIN.md — and every summary figure is
/// then filled in by `Derivation`, so a synthetic unit validates without
/// errors (尾差 warnings only where displayed rounding makes them).
///
/// What varies: the unit's name and code; which 项 carry basic and project
/// spending and how much (from a few 万元 to tens of thousands); the 基本支出
/// by economic class (人员经费 under 301/303, 公用经费 under 302/310, and
/// 21011 = 30110, 2210201 = 30113, 2080505 = 30108, 2080506 = 30109); sometimes
/// 上年结转, non-fiscal money (事业收入, 其他收入), a government-fund or
/// state-capital table (otherwise empty with its 注), and “三公” spending
/// (otherwise an empty table with its 注); sometimes table 3 or table 5 is
/// left to derivation.
public enum SyntheticUnits {
    /// A complete, derived unit: the nine tables, 机构设置, projects, 政府采购 and 固定资产.
    public static func make(seed: UInt64, index: Int, set: TemplateSet? = nil) throws -> Disclosure {
        let set = try set ?? TemplateLibrary.builtIn().set("hebei-2025")
        var unit = try Derivation.derive(primary(seed: seed, index: index), set: set)
        var random = SplitMix64(seed: seed ^ 0x5EED_0F_11 &+ UInt64(truncatingIfNeeded: index))
        SyntheticWhole.add(to: &unit, random: &random)
        return unit
    }

    /// The primary data of a unit: the leaf rows only, before derivation.
    public static func primary(seed: UInt64, index: Int) -> Disclosure {
        var random = SplitMix64(seed: seed &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
        var builder = Builder(random: random.fork())
        return builder.build(index: index)
    }
}

/// A small, fast, seedable generator (SplitMix64), identical on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// Creates the generator from a seed.
    public init(seed: UInt64) { state = seed }
    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A generator seeded from this one.
    public mutating func fork() -> SplitMix64 { SplitMix64(seed: next()) }
}

private struct Builder {
    var random: SplitMix64

    static let units = ["人力资源和社会保障局", "民政局", "卫生健康局", "医疗保障局", "退役军人事务局", "住房和城乡建设局",
                        "社会保险事业服务中心", "就业服务中心", "劳动人事争议仲裁院", "老龄工作服务中心"]
    static let counties = ["青龙满族自治县", "示例县", "滦平县", "围场满族蒙古族自治县", "平山县", "阜平县"]

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    /// An amount in 万元 with four decimals, between `low` and `high` 万元.
    mutating func amount(_ low: Double, _ high: Double) -> Amount {
        let lo = Int64(low * 10_000), hi = Int64(high * 10_000)
        return Amount(significand: Int64.random(in: lo...max(lo, hi), using: &random), scale: 4)
    }
    /// `total` split into `parts` positive shares (exact).
    mutating func split(_ total: Amount, _ parts: Int) -> [Amount] {
        guard parts > 1, total.significand > Int64(parts) else { return [total] + Array(repeating: .zero, count: max(parts - 1, 0)) }
        let t = total.rescaled(to: 4).significand
        var cuts = (0..<(parts - 1)).map { _ in Int64.random(in: 1..<t, using: &random) }.sorted()
        cuts = [0] + cuts + [t]
        return (0..<parts).map { Amount(significand: cuts[$0 + 1] - cuts[$0], scale: 4) }
    }
    mutating func pick<T>(_ items: [T], _ count: Int) -> [T] {
        Array(items.shuffled(using: &random).prefix(count))
    }

    /// Money of one function 项 by source.
    struct Line {
        var basic = Amount.zero
        var project = Amount.zero
        var governmentFund = Amount.zero
        var stateCapital = Amount.zero
        var nonFiscal = Amount.zero
        var carry = Amount.zero
        var general: Amount { basic + project }
    }

    mutating func build(index: Int) -> Disclosure {
        let name = Self.counties[int(0...Self.counties.count - 1)] + Self.units[int(0...Self.units.count - 1)]
        let unit = BudgetUnit(code: String(300 + index % 700), name: name)

        // 基本支出 by economic class.
        var economic: [String: (personnel: Amount, publicUse: Amount)] = [:]
        let staff = Double(int(5...120))
        for (code, perHead) in [("30101", 3.6), ("30102", 0.8), ("30103", 0.3), ("30107", 1.6)] where code == "30101" || chance(0.85) {
            economic[code] = (amount(perHead * staff * 0.7, perHead * staff * 1.3), .zero)
        }
        for code in ["30108", "30110", "30112", "30113"] where code != "30112" || chance(0.7) {
            economic[code] = (amount(0.1 * staff, 1.0 * staff), .zero)
        }
        if chance(0.4) { economic["30109"] = (amount(0.05 * staff, 0.4 * staff), .zero) }
        if chance(0.3) { economic["30199"] = (amount(0.5, 20), .zero) }
        if chance(0.6) { economic["30302"] = (amount(1, 60), .zero) }
        if chance(0.2) { economic["30301"] = (amount(1, 20), .zero) }
        if chance(0.3) { economic["30305"] = (amount(0.5, 5), .zero) }
        for code in pick(["30201", "30202", "30204", "30205", "30206", "30207", "30208", "30211", "30213", "30226",
                          "30227", "30239", "30299"], int(3...12)) {
            economic[code] = (.zero, amount(0.05, 0.5 * staff))
        }
        let threePublic = chance(0.7)
        if threePublic {
            if chance(0.8) { economic["30217"] = (.zero, amount(0.1, 5)) }
            if chance(0.6) { economic["30231"] = (.zero, amount(0.5, 12)) }
            if chance(0.1) { economic["30212"] = (.zero, amount(1, 8)) }
        }
        if chance(0.4) { economic["31002"] = (.zero, amount(0.2, 10)) }
        let basicTotal = economic.values.reduce(Amount.zero) { $0 + $1.personnel + $1.publicUse }

        // 基本支出 by function, tied to the economic classes.
        var lines: [String: Line] = [:]
        func basic(_ code: String, _ value: Amount) {
            guard !value.isZero else { return }
            lines[code, default: Line()].basic += value
        }
        basic("2080505", economic["30108"]?.personnel ?? .zero)
        basic("2080506", economic["30109"]?.personnel ?? .zero)
        basic("2210201", economic["30113"]?.personnel ?? .zero)
        let medical = economic["30110"]?.personnel ?? .zero
        if chance(0.5) {
            let shares = split(medical, 2)
            basic("2101101", shares[0]); basic("2101102", shares[1])
        } else {
            basic(chance(0.5) ? "2101101" : "2101102", medical)
        }
        let retired = (economic["30302"]?.personnel ?? .zero) + (economic["30301"]?.personnel ?? .zero)
        basic(chance(0.5) ? "2080501" : "2080502", retired)
        basic("2080899", economic["30305"]?.personnel ?? .zero)
        let tied = lines.values.reduce(Amount.zero) { $0 + $1.basic }
        let rest = basicTotal - tied
        let runners = pick(["2080101", "2080150", "2080109", "2080106"], int(1...3))
        for (code, share) in zip(runners, split(rest, runners.count)) { basic(code, share) }

        // Projects.
        let projectCodes = pick(["2080102", "2080105", "2080106", "2080109", "2080507", "2080704", "2080705", "2080711",
                                 "2080799", "2082601", "2082602", "2083001", "2089999"], int(1...10))
        for code in projectCodes {
            let big = ["2080507", "2082601", "2082602"].contains(code)
            lines[code, default: Line()].project += big ? amount(500, 25000) : amount(1, 1500)
        }
        if chance(0.25) { lines["2296002", default: Line()].governmentFund = amount(5, 800) }
        if chance(0.15) { lines["2230105", default: Line()].stateCapital = amount(5, 600) }
        if chance(0.3) {
            for code in pick(lines.keys.sorted(), int(1...2)) { lines[code, default: Line()].nonFiscal = amount(1, 300) }
        }
        if chance(0.6) {
            for code in pick(lines.keys.sorted(), int(1...4)) {
                guard let line = lines[code], line.project > .zero else { continue }
                let share = int(5...60)
                lines[code]?.carry = Amount(significand: line.project.rescaled(to: 4).significand * Int64(share) / 100, scale: 4)
            }
        }

        // The “三公” detail rows: the 基本支出 amounts, plus project spending sometimes.
        var three: [String: Amount] = [:]
        if threePublic {
            three[Row.reception] = (economic["30217"]?.publicUse ?? .zero) + (chance(0.3) ? amount(0.1, 3) : .zero)
            three[Row.vehicleRunning] = (economic["30231"]?.publicUse ?? .zero) + (chance(0.2) ? amount(0.5, 5) : .zero)
            three[Row.abroadOther] = economic["30212"]?.publicUse ?? .zero
            if chance(0.1) { three[Row.vehiclePurchase] = amount(10, 30) }
        }

        // The leaf rows of the tables.
        let codes = lines.keys.sorted()
        func named(_ code: String) -> (String, String) { (code, SubjectNames.function[code] ?? code) }
        var revenue: [DataRow] = [], expenditure: [DataRow] = [], general: [DataRow] = []
        var fund: [DataRow] = [], capital: [DataRow] = []
        for code in codes {
            guard let line = lines[code] else { continue }
            let (c, n) = named(code)
            var r = DataRow(code: c, name: n)
            let fiscal = line.general + line.governmentFund + line.stateCapital - line.carry
            if !fiscal.isZero { r.values["fiscal"] = fiscal }
            if !line.nonFiscal.isZero { r.values[chance(0.5) ? "business" : "other"] = line.nonFiscal }
            if !line.carry.isZero { r.values["carryover"] = line.carry }
            revenue.append(r)
            var e = DataRow(code: c, name: n)
            if !line.basic.isZero { e.values["basic"] = line.basic }
            let project = line.project + line.governmentFund + line.stateCapital + line.nonFiscal
            if !project.isZero { e.values["project"] = project }
            expenditure.append(e)
            if !line.general.isZero {
                var g = DataRow(code: c, name: n)
                if !line.basic.isZero { g.values["basic"] = line.basic }
                if !line.project.isZero { g.values["project"] = line.project }
                general.append(g)
            }
            if !line.governmentFund.isZero { fund.append(DataRow(code: c, name: n, values: ["project": line.governmentFund])) }
            if !line.stateCapital.isZero { capital.append(DataRow(code: c, name: n, values: ["project": line.stateCapital])) }
        }
        let basicRows = economic.keys.sorted().compactMap { code -> DataRow? in
            guard let money = economic[code] else { return nil }
            var values: [String: Amount] = [:]
            if !money.personnel.isZero { values["personnel"] = money.personnel }
            if !money.publicUse.isZero { values["publicUse"] = money.publicUse }
            return DataRow(code: code, name: SubjectNames.economic[code] ?? code, values: values)
        }
        let threeRows = three.keys.sorted().compactMap { key -> DataRow? in
            guard let value = three[key], !value.isZero else { return nil }
            return DataRow(key: key, values: ["generalPublic": value])
        }

        var tables: [String: TableData] = [
            Tab.revenue: TableData(rows: revenue),
            Tab.basic: TableData(rows: basicRows),
            Tab.governmentFund: TableData(rows: fund),
            Tab.stateCapital: TableData(rows: capital),
            Tab.three: TableData(rows: threeRows),
        ]
        // Leave one of tables 3 and 5 to derivation now and then, where it can be derived.
        let onlyGeneral = fund.isEmpty && capital.isEmpty && !lines.values.contains { !$0.nonFiscal.isZero }
        let noNonFiscal = !lines.values.contains { !$0.nonFiscal.isZero }
        let omit = int(0...3)
        if !(omit == 1 && noNonFiscal) { tables[Tab.expenditure] = TableData(rows: expenditure) }
        if !(omit == 2 && onlyGeneral) { tables[Tab.generalPublic] = TableData(rows: general) }
        return Disclosure(unit: unit, year: 2025, tables: tables)
    }
}
