import Foundation

/// The rules over the parts of a disclosure beyond the nine tables (DOMAIN.md
/// X-13 to X-30, without X-18, which names the sample's own projects): the
/// project tables against table 3 and against themselves, the 说明 figures
/// against the tables, the procurement sums, the fixed assets. A rule whose
/// parts a disclosure lacks finds nothing. Findings about the 说明 or the
/// project sheets carry no cell of their own; they list the table cells read.
extension ValidationRule {
    /// Table ids used in findings about the additional parts.
    enum Part {
        static let projects = "projects"
        static let explanation = "explanation"
        static let procurement = "procurement"
        static let assets = "assets"
        static let institutions = "institutions"
    }

    static let wholeRules: [ValidationRule] = [
        ValidationRule("X-13", zh: "项目绩效目标表：各项目预算数之和 = 支出总表 项目支出 合计",
                       en: "Projects: sum of the projects' budgets = project expenditure total of table 3",
                       reads: [.init(Part.projects, ["budget"]), .init(Tab.expenditure, ["project"])]) { c in
            guard let projects = c.disclosure.projects, !projects.isEmpty else { return }
            let table = c.has(Tab.expenditure) ? Tab.expenditure : Tab.generalPublic
            guard c.has(table) else { return }
            let target = c.t(table, "project")
            let budgets = projects.compactMap(\.budget)
            let sum = budgets.reduce(Amount.zero, +)
            let actual = c.value(target) ?? .zero
            guard sum != actual else { return }
            c.whole(Part.projects, row: "\(projects.count) 个项目", column: "budget", expected: actual, actual: sum,
                    addends: budgets.count, reading: [target],
                    message: "项目绩效目标表 预算数之和 \(sum.displayText) 应 = \(c.describe(target)) \(actual.displayText)")
        },
        ValidationRule("X-14", zh: "项目绩效目标表：预算数 = 财政资金 + 其他资金",
                       en: "Project: budget = fiscal funds + other funds",
                       reads: [.init(Part.projects, ["budget", "fiscal", "other"])]) { c in
            for (i, project) in (c.disclosure.projects ?? []).enumerated() where project.budget != nil || project.fiscal != nil {
                let parts = [project.fiscal, project.other].compactMap { $0 }
                let sum = parts.reduce(Amount.zero, +)
                let budget = project.budget ?? .zero
                guard sum != budget else { continue }
                c.whole(Part.projects, row: c.projectLabel(i), column: "budget", expected: sum, actual: budget,
                        addends: parts.count, message: "\(c.projectLabel(i)) 预算数 \(budget.displayText) 应 = 财政资金 + 其他资金 = \(sum.displayText)")
            }
        },
        ValidationRule("X-15", zh: "项目绩效目标表：资金支出计划逐月累计不减，12月底（如列示）= 预算数",
                       en: "Project: the spending plan is cumulative and non-decreasing, and 12月底 (if printed) = budget",
                       reads: [.init(Part.projects, ["plan", "budget"])]) { c in
            for (i, project) in (c.disclosure.projects ?? []).enumerated() {
                let printed = project.plan.printed
                for (a, b) in zip(printed, printed.dropFirst()) where b.amount < a.amount {
                    c.whole(Part.projects, row: c.projectLabel(i), column: "plan", kind: .structure, expectedText: "≥ \(a.amount.displayText)",
                            actualText: b.amount.displayText,
                            message: "\(c.projectLabel(i)) 资金支出计划 \(b.label) \(b.amount.displayText) 小于 \(a.label) \(a.amount.displayText)，累计数不应减少")
                }
                guard let budget = project.budget else { continue }
                if let december = project.plan.december, december != budget {
                    c.whole(Part.projects, row: c.projectLabel(i), column: "plan", expected: budget, actual: december, addends: 1,
                            message: "\(c.projectLabel(i)) 资金支出计划 12月底 \(december.displayText) 应 = 预算数 \(budget.displayText)")
                }
                for month in printed where month.amount > budget && month.label != "12月底" {
                    c.whole(Part.projects, row: c.projectLabel(i), column: "plan", kind: .structure, expectedText: "≤ \(budget.displayText)",
                            actualText: month.amount.displayText,
                            message: "\(c.projectLabel(i)) 资金支出计划 \(month.label) \(month.amount.displayText) 超过预算数 \(budget.displayText)")
                }
            }
        },
        ValidationRule("X-16", zh: "项目绩效目标表：成本指标所列万元金额之和 = 预算数",
                       en: "Project: the 万元 amounts of the cost indicators add up to the budget",
                       reads: [.init(Part.projects, ["indicators", "budget"])]) { c in
            for (i, project) in (c.disclosure.projects ?? []).enumerated() {
                guard let budget = project.budget else { continue }
                let costs = project.indicators.filter { $0.level2 == "成本指标" }.compactMap { WholeText.wanYuan($0.value) }
                guard !costs.isEmpty else { continue }
                let sum = costs.reduce(Amount.zero, +)
                guard sum.rescaled(to: budget.scale) != budget && sum != budget else { continue }
                c.whole(Part.projects, row: c.projectLabel(i), column: "indicators", expected: budget, actual: sum, addends: costs.count,
                        message: "\(c.projectLabel(i)) 成本指标金额之和 \(sum.displayText) 应 = 预算数 \(budget.displayText)")
            }
        },
        ValidationRule("X-17", zh: "项目绩效目标表：资金用途所述金额（按表内精度取整）= 预算数",
                       en: "Project: the amount stated in the use of funds, rounded as the table rounds, = budget",
                       reads: [.init(Part.projects, ["purpose", "budget"])]) { c in
            for (i, project) in (c.disclosure.projects ?? []).enumerated() {
                guard let budget = project.budget, let stated = WholeText.firstWanYuan(project.purpose) else { continue }
                let rounded = stated.rescaled(to: max(budget.scale, 0))
                guard rounded != budget else { continue }
                c.whole(Part.projects, row: c.projectLabel(i), column: "purpose", expected: budget, actual: stated, addends: 1,
                        message: "\(c.projectLabel(i)) 资金用途称 \(stated.text) 万元，预算数为 \(budget.displayText)")
            }
        },
        ValidationRule("X-19", zh: "说明二 收入：预算收入及各项来源 = 收支总表对应行",
                       en: "说明二 revenue figures = the summary table's rows",
                       reads: [.init(Part.explanation, ["二"]), .init(Tab.summary, ["amount"])]) { c in
            let pairs: [(String, String)] = [("revenue.total", "收入总计"), ("revenue.generalPublic", "一般公共预算拨款收入"),
                                             ("revenue.governmentFund", "政府性基金预算拨款收入"),
                                             ("revenue.stateCapital", "国有资本经营预算拨款收入"),
                                             ("revenue.specialAccount", "财政专户管理资金收入"), ("revenue.unitFunds", "单位资金"),
                                             ("revenue.carryover", "上年结转结余")]
            for (id, key) in pairs { c.stated(id, c.f(Tab.summary, key, "amount")) }
        },
        ValidationRule("X-20", zh: "说明二 支出：支出预算、基本支出、人员经费、日常公用经费、项目支出 = 支出总表 / 基本支出表",
                       en: "说明二 expenditure figures = tables 3 and 6",
                       reads: [.init(Part.explanation, ["二"]), .init(Tab.expenditure, ["total", "basic", "project"]),
                               .init(Tab.basic, ["personnel", "publicUse"])]) { c in
            c.stated("expenditure.total", c.t(Tab.expenditure, "total"))
            c.stated("expenditure.basic", c.t(Tab.expenditure, "basic"))
            c.stated("expenditure.personnel", c.t(Tab.basic, "personnel"))
            c.stated("expenditure.publicUse", c.t(Tab.basic, "publicUse"))
            c.stated("expenditure.project", c.t(Tab.expenditure, "project"))
        },
        ValidationRule("X-21", zh: "说明二 比上年增减：总增减 = 基本支出增减 + 项目支出增减",
                       en: "说明二 year-on-year: total change = change of basic + change of project expenditure",
                       reads: [.init(Part.explanation, ["二"])]) { c in
            guard let total = c.figure("change.total"), let basic = c.figure("change.basic"),
                  let project = c.figure("change.project") else { return }
            let sum = basic.amount + project.amount
            guard sum != total.amount else { return }
            c.whole(Part.explanation, row: "说明二", column: "change", expected: sum, actual: total.amount, addends: 2,
                    message: "说明二 较上年增减 \(total.amount.displayText) 应 = 基本支出增减 \(basic.amount.displayText) + 项目支出增减 \(project.amount.displayText) = \(sum.displayText)")
        },
        ValidationRule("X-22", zh: "说明三：机关运行经费 = 基本支出表 公用经费 合计",
                       en: "说明三: running costs of the offices = public-use column total of table 6",
                       reads: [.init(Part.explanation, ["三"]), .init(Tab.basic, ["publicUse"])]) { c in
            c.stated("running.total", c.t(Tab.basic, "publicUse"))
        },
        ValidationRule("X-23", zh: "说明三：机关运行经费各项 = 基本支出表 302/310 款公用经费，逐项；各项之和 = 机关运行经费",
                       en: "说明三: each running-cost item = its 302/310 row of table 6; the items add up to the total",
                       reads: [.init(Part.explanation, ["三"]), .init(Tab.basic, ["publicUse"])]) { c in
            guard c.has(Tab.basic) else { return }
            let items = c.figures.filter { $0.id == "running.item" }
            guard !items.isEmpty else { return }
            let rows = c.subjects(Tab.basic).filter { row in
                guard let code = row.code, code.count == 5, code.hasPrefix("302") || code.hasPrefix("310") else { return false }
                return row.values["publicUse"] != nil
            }
            var matched = Set<String>()
            for item in items {
                guard let row = rows.first(where: { WholeText.sameItem($0.name ?? "", item.label) }), let code = row.code else {
                    c.whole(Part.explanation, row: "说明三", column: "running", kind: .structure, expectedText: "基本支出表中的科目",
                            actualText: item.label, message: "说明三 所列“\(item.label)”在基本支出表 302/310 款中找不到")
                    continue
                }
                matched.insert(code)
                c.stated(item, c.s(Tab.basic, code, "publicUse"))
            }
            for row in rows where !matched.contains(row.code ?? "") {
                c.whole(Part.explanation, row: "说明三", column: "running", kind: .structure, expectedText: row.label, actualText: "未列",
                        reading: [Term(table: Tab.basic, row: row, column: "publicUse")],
                        message: "说明三 机关运行经费未列基本支出表 \(row.label) \((row.values["publicUse"] ?? .zero).displayText) 万元")
            }
            if let total = c.figure("running.total") {
                let sum = items.map(\.amount).reduce(Amount.zero, +)
                if sum != total.amount {
                    c.whole(Part.explanation, row: "说明三", column: "running", expected: total.amount, actual: sum, addends: items.count,
                            message: "说明三 机关运行经费各项之和 \(sum.displayText) 应 = 所称合计 \(total.amount.displayText)")
                }
            }
        },
        ValidationRule("X-24", zh: "说明四：“三公”经费各数 = “三公”经费支出表（合计栏）",
                       en: "说明四: the \"three public\" figures = table 9 (total column)",
                       reads: [.init(Part.explanation, ["四"]), .init(Tab.three, ["total"])]) { c in
            let pairs: [(String, String)] = [("three.total", Row.threeTotal), ("three.abroad", Row.abroad), ("three.vehicles", Row.vehicles),
                                             ("three.vehiclePurchase", Row.vehiclePurchase), ("three.vehicleRunning", Row.vehicleRunning),
                                             ("three.reception", Row.reception)]
            for (id, key) in pairs { c.stated(id, c.f(Tab.three, key, "total")) }
        },
        ValidationRule("X-25", zh: "政府采购：合计 = 各单位小计之和 = 各明细之和；合计栏 = 各资金栏之和；预留中小微企业份额 ≤ 合计",
                       en: "Procurement: total = sum of unit subtotals = sum of lines; total column = sum of fund columns; small-business share ≤ total",
                       reads: [.init(Part.procurement, Procurement.columns)]) { c in
            guard let procurement = c.disclosure.procurement else { return }
            let funds = ["generalPublic", "governmentFund", "stateCapital", "specialAccount", "unitFunds", "carryover"]
            for column in ["total"] + funds + ["smallBusiness"] {
                let subtotals = procurement.units.compactMap { $0.subtotal[column] }
                let sum = subtotals.reduce(Amount.zero, +)
                let total = procurement.total[column] ?? .zero
                if sum != total {
                    c.whole(Part.procurement, row: "合计", column: column, expected: sum, actual: total, addends: subtotals.count,
                            message: "政府采购 合计 \(c.procurementLabel(column)) \(total.displayText) 应 = 各单位小计之和 \(sum.displayText)")
                }
                for unit in procurement.units {
                    let lines = unit.items.compactMap { $0.values[column] }
                    let lineSum = lines.reduce(Amount.zero, +)
                    let subtotal = unit.subtotal[column] ?? .zero
                    if lineSum != subtotal {
                        c.whole(Part.procurement, row: unit.name + "小计", column: column, expected: lineSum, actual: subtotal, addends: lines.count,
                                message: "政府采购 \(unit.name)小计 \(c.procurementLabel(column)) \(subtotal.displayText) 应 = 明细之和 \(lineSum.displayText)")
                    }
                }
            }
            var rows: [(String, [String: Amount])] = [("合计", procurement.total)]
            for unit in procurement.units {
                rows.append((unit.name + "小计", unit.subtotal))
                rows += unit.items.map { ("\(unit.name) \($0.goods)", $0.values) }
            }
            for (label, values) in rows {
                let parts = funds.compactMap { values[$0] }
                let sum = parts.reduce(Amount.zero, +)
                let total = values["total"] ?? .zero
                if sum != total {
                    c.whole(Part.procurement, row: label, column: "total", expected: sum, actual: total, addends: parts.count,
                            message: "政府采购 \(label) 合计 \(total.displayText) 应 = 各资金栏之和 \(sum.displayText)")
                }
                if let share = values["smallBusiness"], share > total {
                    c.whole(Part.procurement, row: label, column: "smallBusiness", kind: .structure, expectedText: "≤ \(total.displayText)",
                            actualText: share.displayText, message: "政府采购 \(label) 预留中小微企业份额 \(share.displayText) 大于合计 \(total.displayText)")
                }
            }
        },
        ValidationRule("X-26", .warning, zh: "政府采购明细：金额 = 数量 × 单价（单价不低于 0.01 时）",
                       en: "Procurement line: amount = quantity × unit price (where the printed price is at least 0.01)",
                       reads: [.init(Part.procurement, ["quantity", "unitPrice", "total"])]) { c in
            let cent = Amount(significand: 1, scale: 2)
            for unit in c.disclosure.procurement?.units ?? [] {
                for item in unit.items {
                    guard let quantity = item.quantity, let price = item.unitPrice, price >= cent, let total = item.values["total"] else { continue }
                    let product = WholeText.product(quantity, price)
                    // The printed price is rounded to 0.01: allow half a cent per unit bought.
                    let allowance = WholeText.product(quantity.magnitude, Amount(significand: 5, scale: 3)) + Amount(significand: 5, scale: 3)
                    guard (product - total).magnitude > allowance else { continue }
                    c.whole(Part.procurement, row: "\(unit.name) \(item.goods)", column: "total", expected: product, actual: total, addends: 1,
                            message: "政府采购 \(unit.name) \(item.goods) 金额 \(total.displayText) ≠ 数量 \(quantity.text) × 单价 \(price.displayText) = \(product.displayText)")
                }
            }
        },
        ValidationRule("X-27", zh: "说明八：拟购置固定资产 = 基本支出表 310 资本性支出，并列入政府采购",
                       en: "说明八: fixed assets to be bought = class 310 of table 6, and they appear among the procurement lines",
                       reads: [.init(Part.explanation, ["八"]), .init(Tab.basic, ["total"]), .init(Part.procurement, ["total"])]) { c in
            guard let planned = c.figure("assets.planned") else { return }
            if c.has(Tab.basic) { c.stated(planned, c.s(Tab.basic, "310", "total")) }
            if let procurement = c.disclosure.procurement, !planned.amount.isZero,
               !procurement.units.flatMap(\.items).contains(where: { $0.values["total"] == planned.amount }) {
                c.whole(Part.procurement, row: "拟购置固定资产", column: "total", kind: .structure, expectedText: planned.amount.displayText,
                        actualText: "无", message: "说明八 拟购置固定资产 \(planned.amount.displayText) 万元，政府采购明细中没有该金额的一行")
            }
        },
        ValidationRule("X-28", zh: "固定资产占用表：资产总额 = 房屋 + 车辆 + 大型设备 + 其他；办公用房 ≤ 房屋；说明八所称总额 = 表内资产总额",
                       en: "Fixed assets: total = buildings + vehicles + equipment + other; offices ≤ buildings; the total in 说明八 = the table's",
                       reads: [.init(Part.assets, ["quantity", "value"]), .init(Part.explanation, ["八"])]) { c in
            guard let assets = c.disclosure.assets else { return }
            func v(_ key: String, _ column: String) -> Amount? { assets.row(key)?.values[column] }
            let parts = ["房屋", "车辆", "大型设备", "其他固定资产"].compactMap { v($0, "value") }
            let sum = parts.reduce(Amount.zero, +)
            let total = v("资产总额", "value") ?? .zero
            if sum != total {
                c.whole(Part.assets, row: "资产总额", column: "value", expected: sum, actual: total, addends: parts.count,
                        message: "固定资产 资产总额 \(total.displayText) 应 = 房屋 + 车辆 + 大型设备 + 其他固定资产 = \(sum.displayText)")
            }
            for column in ["quantity", "value"] {
                if let offices = v("办公用房", column), offices > (v("房屋", column) ?? .zero) {
                    c.whole(Part.assets, row: "办公用房", column: column, kind: .structure, expectedText: "≤ \((v("房屋", column) ?? .zero).text)",
                            actualText: offices.text, message: "固定资产 办公用房 \(column == "value" ? "价值" : "数量") \(offices.text) 大于房屋 \((v("房屋", column) ?? .zero).text)")
                }
            }
            if let stated = c.figure("assets.total"), !WholeText.agrees(stated.amount, total) {
                c.whole(Part.explanation, row: "说明八", column: "assets", expected: total, actual: stated.amount, addends: 1,
                        message: "说明八 称上年末固定资产 \(stated.amount.text) 万元，固定资产占用表资产总额为 \(total.displayText)")
            }
        },
        ValidationRule("X-29", zh: "政府采购各小计单位 = 机构设置所列单位",
                       en: "The procurement table's units are among the institutions of 说明一",
                       reads: [.init(Part.procurement, ["units"]), .init(Part.institutions, ["name"])]) { c in
            guard let procurement = c.disclosure.procurement, let institutions = c.disclosure.institutions else { return }
            let names = Set(institutions.map { CellText.squashed($0.name) })
            for unit in procurement.units where !names.contains(CellText.squashed(unit.name)) {
                c.whole(Part.procurement, row: unit.name + "小计", column: "units", kind: .structure, expectedText: "机构设置所列单位",
                        actualText: unit.name, message: "政府采购 “\(unit.name)”不在机构设置所列单位中")
            }
        },
        ValidationRule("X-30", .warning, zh: "政府采购车辆维修保养与加油 ≤ 基本支出表 30231 公务用车运行维护费（参考）",
                       en: "Procurement of vehicle servicing and fuel ≤ 30231 vehicle upkeep of table 6 (soft)",
                       reads: [.init(Part.procurement, ["total"]), .init(Tab.basic, ["total"])]) { c in
            guard let procurement = c.disclosure.procurement, c.has(Tab.basic) else { return }
            let lines = procurement.units.flatMap(\.items).filter { $0.goods.contains("车辆") }.compactMap { $0.values["total"] }
            guard !lines.isEmpty else { return }
            let sum = lines.reduce(Amount.zero, +)
            let term = c.s(Tab.basic, "30231", "total")
            let upkeep = c.value(term) ?? .zero
            guard sum > upkeep else { return }
            c.whole(Part.procurement, row: "车辆服务", column: "total", kind: .mismatch, expectedText: "≤ \(upkeep.displayText)",
                    actualText: sum.displayText, reading: [term],
                    message: "政府采购 车辆维修保养与加油 \(sum.displayText) 大于 \(c.describe(term)) \(upkeep.displayText)")
        },
    ]
}

/// Amounts in the 说明 and project texts.
enum WholeText {
    /// `≤9 万元`, `≤ 1.5万元` → 9, 1.5; nil for other units (`元/户`, `%`).
    static func wanYuan(_ value: String) -> Amount? {
        let key = Narrative.squash(value).trimmingCharacters(in: CharacterSet(charactersIn: "≤≥<>=＜＞约"))
        guard key.hasSuffix("万元") else { return nil }
        return Amount(key.dropLast(2))
    }

    /// The first `N万元` in a text (`共安排 8.2768 万元，…` → 8.2768).
    static func firstWanYuan(_ text: String) -> Amount? {
        let key = Narrative.squash(text)
        guard let range = key.range(of: "[0-9]+(\\.[0-9]+)?万元", options: .regularExpression) else { return nil }
        return Amount(key[range].dropLast(2))
    }

    /// Whether a stated figure agrees with a table amount, at the precision it is stated in.
    static func agrees(_ stated: Amount, _ table: Amount) -> Bool {
        stated == table || table.rescaled(to: stated.scale) == stated
    }

    /// Item names as the 说明 writes them and the table prints them: `维修（护）费` = `维修(护)费`, `其他交通费` ≈ `其他交通费用`.
    static func sameItem(_ a: String, _ b: String) -> Bool {
        let x = TextLine.key(a), y = TextLine.key(b)
        return x == y || x.hasPrefix(y) || y.hasPrefix(x)
    }

    /// The exact product of two amounts (scales add; both are small in practice).
    static func product(_ a: Amount, _ b: Amount) -> Amount {
        let (value, overflow) = a.significand.multipliedReportingOverflow(by: b.significand)
        let scale = Int(a.scale) + Int(b.scale)
        guard !overflow, scale <= 18 else { return Amount(double: a.doubleValue * b.doubleValue) ?? .zero }
        return Amount(significand: value, scale: Int8(scale)).rescaled(to: max(a.scale, b.scale, 2))
    }
}

extension RuleContext {
    /// The figures the 说明 states.
    var figures: [StatedFigure] {
        disclosure.explanation == nil ? [] : Narrative.figures(Narrative.resolved(disclosure))
    }

    /// The first figure of an id.
    func figure(_ id: String) -> StatedFigure? { figures.first { $0.id == id } }

    /// `项目20 城乡居民养老保险缴费补贴县级配套`.
    func projectLabel(_ index: Int) -> String {
        "项目\(index + 1) \(disclosure.projects?[safe: index]?.name ?? "")"
    }

    /// The printed header of a procurement column.
    func procurementLabel(_ column: String) -> String {
        let labels = ["total": "合计", "generalPublic": "一般公共预算拨款", "governmentFund": "基金预算拨款",
                      "stateCapital": "国有资本经营预算拨款", "specialAccount": "财政专户核拨", "unitFunds": "单位资金",
                      "carryover": "上年结转结余", "smallBusiness": "预留中小微企业份额"]
        return labels[column] ?? column
    }

    /// A stated figure of an id against a table cell (a blank cell reads as 0).
    func stated(_ id: String, _ term: Term) {
        guard let figure = figure(id) else { return }
        stated(figure, term)
    }

    /// A stated figure against a table cell.
    func stated(_ figure: StatedFigure, _ term: Term) {
        guard has(term.table) else { return }
        let table = value(term) ?? .zero
        guard !WholeText.agrees(figure.amount, table) else { return }
        whole(Part.explanation, row: "说明\(figure.section)", column: figure.id, expected: table, actual: figure.amount, addends: 1,
              reading: [term], message: "说明\(figure.section) 称\(figure.label) \(figure.amount.text) 万元，\(describe(term)) 为 \(table.displayText)")
    }

    typealias Part = ValidationRule.Part

    /// A finding about an amount of the additional parts: rounding (尾差) when within the tolerance, else a mismatch.
    func whole(_ table: String, row: String, column: String, expected: Amount, actual: Amount, addends: Int,
               reading: [Term] = [], message: String) {
        let difference = actual - expected
        let rounding = difference.magnitude <= tolerance.allowance(addends: addends)
        let severity: Finding.Severity = (current?.soft ?? false) || rounding ? .warning : .error
        report(Finding(rule: current?.id ?? "?", severity: severity, kind: rounding ? .rounding : .mismatch, table: table,
                       row: row, column: column, location: nil, cells: reading.compactMap(location),
                       expected: expected.displayText, actual: actual.displayText, difference: difference,
                       message: message + (rounding ? "（尾差）" : "（差 \(difference.displayText)）")))
    }

    /// A finding that is not a difference of amounts.
    func whole(_ table: String, row: String, column: String, kind: Finding.Kind, expectedText: String, actualText: String,
               reading: [Term] = [], message: String) {
        let severity: Finding.Severity = (current?.soft ?? false) ? .warning : .error
        report(Finding(rule: current?.id ?? "?", severity: severity, kind: kind, table: table, row: row, column: column,
                       location: nil, cells: reading.compactMap(location), expected: expectedText, actual: actualText,
                       message: message))
    }
}
