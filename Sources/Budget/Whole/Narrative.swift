import Foundation

/// A figure the 说明 text states (`一般公共预算收入49576.24万元`), with what it stands for.
public struct StatedFigure: Sendable, Equatable, CustomStringConvertible {
    /// What the figure is (`revenue.generalPublic`, `running.item`).
    public var id: String
    /// The words before the figure (`一般公共预算收入`; the item name for `running.item`).
    public var label: String
    /// The amount, exactly as written (`01.4` reads as 1.4).
    public var amount: Amount
    /// The section it stands in (`二`).
    public var section: String

    public var description: String { "说明\(section) \(label) \(amount.text)万元" }
}

/// Reads the figures out of the 说明 sections 二, 三, 四 and 八, and writes
/// the standard wording of sections 二, 三 and 四 from the tables.
public enum Narrative {
    /// One pattern: the id, a label, the regular expression (on the text with
    /// white space removed), and whether its first group says 增加/减少.
    private struct Pattern {
        let id: String
        let label: String
        let regex: String
        var signed = false
    }

    private static let amount = "([0-9]+(?:\\.[0-9]+)?)万元"
    private static let patterns: [String: [Pattern]] = [
        "二": [
            Pattern(id: "revenue.total", label: "预算收入", regex: "[0-9]{4}年预算收入(?:共计|合计)?" + amount),
            Pattern(id: "revenue.generalPublic", label: "一般公共预算收入", regex: "一般公共预算(?:拨款)?收入" + amount),
            Pattern(id: "revenue.governmentFund", label: "基金预算收入", regex: "(?:政府性)?基金预算(?:拨款)?收入" + amount),
            Pattern(id: "revenue.stateCapital", label: "国有资本经营预算收入", regex: "国有资本经营预算(?:拨款)?收入" + amount),
            Pattern(id: "revenue.specialAccount", label: "财政专户核拨收入", regex: "财政专户(?:核拨|管理资金)收入" + amount),
            Pattern(id: "revenue.unitFunds", label: "单位资金收入", regex: "单位资金收入" + amount),
            Pattern(id: "revenue.carryover", label: "上年结转结余", regex: "上年结转(?:结余)?" + amount),
            Pattern(id: "expenditure.total", label: "支出预算", regex: "支出预算(?:共计|合计)?" + amount),
            Pattern(id: "expenditure.basic", label: "基本支出", regex: "基本支出" + amount),
            Pattern(id: "expenditure.personnel", label: "人员经费", regex: "人员经费" + amount),
            Pattern(id: "expenditure.publicUse", label: "日常公用经费", regex: "(?:日常)?公用经费" + amount),
            Pattern(id: "expenditure.project", label: "项目支出", regex: "项目支出" + amount),
            Pattern(id: "change.total", label: "较上年预算增减", regex: "较[0-9]{4}年(?:预算)?(增加|减少)" + amount, signed: true),
            Pattern(id: "change.basic", label: "基本支出增减", regex: "基本支出(增加|减少)" + amount, signed: true),
            Pattern(id: "change.project", label: "项目支出增减", regex: "项目支出(增加|减少)" + amount, signed: true),
        ],
        "三": [
            Pattern(id: "running.total", label: "机关运行经费", regex: "机关运行经费(?:共计)?(?:安排)?" + amount),
        ],
        "四": [
            Pattern(id: "three.total", label: "“三公”经费", regex: "[“\"]?三公[”\"]?经费(?:预算)?(?:安排)?(?:共计)?" + amount),
            Pattern(id: "three.abroad", label: "因公出国（境）费", regex: "因公出国[（(]境[）)]费(?:为)?" + amount),
            Pattern(id: "three.vehicles", label: "公务用车购置及运维费", regex: "公务用车购置及运(?:行维护|维)费(?:为)?" + amount),
            Pattern(id: "three.vehiclePurchase", label: "公务用车购置费", regex: "公务用车购置费(?:为)?" + amount),
            Pattern(id: "three.vehicleRunning", label: "公务用车运维费", regex: "公务用车运(?:行维护|维)费(?:为)?" + amount),
            Pattern(id: "three.reception", label: "公务接待费", regex: "公务接待费(?:为)?" + amount),
        ],
        "八": [
            Pattern(id: "assets.total", label: "上年末固定资产金额", regex: "固定资产(?:金额|总额|原值)为?" + amount),
            Pattern(id: "assets.planned", label: "拟购置固定资产总额", regex: "拟购置固定资产(?:总额)?为?" + amount),
        ],
    ]

    /// Every figure the 说明 states, section by section, in pattern order;
    /// the 机关运行经费 items of section 三 in the order written.
    public static func figures(_ explanation: Explanation) -> [StatedFigure] {
        var result: [StatedFigure] = []
        for section in explanation.sections {
            let text = squash(section.text)
            for pattern in patterns[section.number] ?? [] {
                guard let match = firstMatch(pattern.regex, in: text) else { continue }
                let groups = match
                let numberText = groups.last ?? ""
                guard var value = Amount(numberText) else { continue }
                if pattern.signed, groups.first == "减少" { value = -value }
                result.append(StatedFigure(id: pattern.id, label: pattern.label, amount: value, section: section.number))
            }
            if section.number == "三" { result += runningItems(text) }
        }
        return result
    }

    /// `主要用于办公费28.53万元、印刷费9.7万元…`: each item and amount.
    private static func runningItems(_ text: String) -> [StatedFigure] {
        guard let start = text.range(of: "主要用于") else { return [] }
        var list = String(text[start.upperBound...])
        if let end = list.firstIndex(of: "。") { list = String(list[..<end]) }
        var result: [StatedFigure] = []
        for piece in list.split(whereSeparator: { "、，,；;".contains($0) }) {
            guard let groups = firstMatch("^(.+?)" + amount + "$", in: String(piece)), groups.count == 2,
                  let value = Amount(groups[1]) else { continue }
            result.append(StatedFigure(id: "running.item", label: groups[0], amount: value, section: "三"))
        }
        return result
    }

    static func squash(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    /// The capture groups of the first match, or nil.
    private static func firstMatch(_ pattern: String, in text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let ns = text as NSString
        guard let match = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return (1..<max(match.numberOfRanges, 1)).map { i in
            let range = match.range(at: i)
            return range.location == NSNotFound ? "" : ns.substring(with: range)
        }
    }

    // MARK: The standard wording

    /// The explanation with every section marked `standard` (二, 三, 四) written from the tables.
    public static func resolved(_ disclosure: Disclosure) -> Explanation {
        var explanation = disclosure.explanation ?? Explanation()
        for i in explanation.sections.indices where explanation.sections[i].standard {
            if let text = standardText(explanation.sections[i].number, disclosure) {
                explanation.sections[i].text = text
            }
        }
        return explanation
    }

    /// The standard text of section 二, 三 or 四, from the tables; nil for other sections.
    public static func standardText(_ number: String, _ d: Disclosure) -> String? {
        func v(_ table: String, key: String? = nil, code: String? = nil, _ column: String) -> String {
            let row = key.flatMap { d.tables[table]?.row(key: $0) } ?? code.flatMap { d.tables[table]?.row(code: $0) }
            return (row?.values[column] ?? .zero).roundedToCents.displayText
        }
        let year = d.year
        switch number {
        case "二":
            return """
                按照预算管理有关规定，目前部门预算的编制实行综合预算管理，即全部收入和支出都反映在预算中。\(d.unit.name)机关及所属事业单位的收支包含在部门预算中。
                1、收入说明
                反映本部门当年全部收入。\(year)年预算收入\(v("summary", key: "收入总计", "amount"))万元，其中：一般公共预算收入\(v("summary", key: "一般公共预算拨款收入", "amount"))万元，基金预算收入\(v("summary", key: "政府性基金预算拨款收入", "amount"))万元，国有资本经营预算收入\(v("summary", key: "国有资本经营预算拨款收入", "amount"))万元，财政专户核拨收入\(v("summary", key: "财政专户管理资金收入", "amount"))万元，单位资金收入\(v("summary", key: "单位资金", "amount"))万元，上年结转结余\(v("summary", key: "上年结转结余", "amount"))万元。
                2、支出说明
                \(year)年支出预算\(v("expenditure", key: "合计", "total"))万元，其中基本支出\(v("expenditure", key: "合计", "basic"))万元，包括人员经费\(v("generalPublicBasic", key: "合计", "personnel"))万元和日常公用经费\(v("generalPublicBasic", key: "合计", "publicUse"))万元；项目支出\(v("expenditure", key: "合计", "project"))万元。
                """
        case "三":
            let rows = (d.tables["generalPublicBasic"]?.rows ?? []).filter { row in
                guard let code = row.code, code.count == 5 else { return false }
                return (code.hasPrefix("302") || code.hasPrefix("310")) && row.values["publicUse"] != nil
            }
            let items = rows.map { "\($0.name ?? "")\(($0.values["publicUse"] ?? .zero).roundedToCents.displayText)万元" }
            var text = "\(year)年，我部门机关运行经费共计安排\(v("generalPublicBasic", key: "合计", "publicUse"))万元"
            if !items.isEmpty { text += "，主要用于" + items.joined(separator: "、") }
            return text + "。"
        case "四":
            let t = "threePublic"
            return "\(year)年，我部门财政拨款“三公”经费预算安排\(v(t, key: "“三公”经费小计", "total"))万元，其中因公出国（境）费\(v(t, key: "因公出国（境）费", "total"))万元；公务用车购置及运维费\(v(t, key: "公务用车购置及运维费", "total"))万元（其中：公务用车购置费为\(v(t, key: "公务用车购置费", "total"))万元，公务用车运维费\(v(t, key: "公务用车运行维护费", "total"))万元）；公务接待费\(v(t, key: "公务接待费", "total"))万元。"
        default:
            return nil
        }
    }
}

/// What the 说明 sheet shows.
enum NarrativeComposer {
    static func resolved(_ disclosure: Disclosure, set: TemplateSet) throws -> Explanation {
        Narrative.resolved(disclosure)
    }
}
