/// The parts of a synthetic unit beyond the nine tables — 机构设置, one
/// 项目绩效目标表 per project, 政府采购 and 固定资产 — drawn to agree with the
/// (derived) tables and with each other, as the rules require.
enum SyntheticWhole {
    static let projectNames = ["劳动监察仲裁办案经费", "就业创业服务专项经费", "职业技能培训补贴", "公益性岗位补贴", "就业见习补贴",
                               "社会保险经办服务经费", "人事考试组织经费", "信息系统运行维护费", "城乡居民养老保险补贴", "档案数字化经费"]
    static let goods: [(name: String, catalogue: String, unit: String, price: Int64)] = [
        ("复印纸", "A05040101", "包", 25), ("台式计算机", "A02010104", "台", 5_500), ("打印机", "A02021003", "台", 2_100),
        ("财产保险服务", "C18040102", "年", 2_100), ("其他印刷服务", "C23090199", "张", 1), ("办公桌", "A06010301", "张", 1_200),
    ]

    /// Adds institutions, projects, procurement and assets to a derived unit.
    static func add(to unit: inout Disclosure, random: inout SplitMix64) {
        func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        let base = unit.unit.name
        var institutions = [Institution(name: base + "本级", nature: "行政", rank: "正科级", funding: "财政拨款")]
        for suffix in ["服务中心", "管理所"].prefix(int(0...2)) {
            institutions.append(Institution(name: base.replacingOccurrences(of: "局", with: "") + suffix, nature: "事业",
                                            rank: "股级", funding: "财政性资金基本保证"))
        }
        unit.institutions = institutions

        // Projects: the 项目支出 total of table 3 split into a few projects, in 分, exactly.
        if let projectTotal = unit.tables["expenditure"]?.row(key: "合计")?.values["project"], projectTotal.significand > 0 {
            let fen = projectTotal.rescaled(to: 2).significand
            let count = Int(min(Int64(int(1...6)), fen))
            var cuts = (0..<(count - 1)).map { _ in Int64.random(in: 1..<fen, using: &random) }.sorted()
            cuts = [0] + cuts + [fen]
            var projects: [Project] = []
            for i in 0..<count {
                let budget = Amount(fen: cuts[i + 1] - cuts[i])
                guard budget.significand > 0 else { continue }
                let name = projectNames[int(0...projectNames.count - 1)]
                let code = "130321" + String(format: "%02d", unit.year % 100) + "P" + String(format: "%04d", int(1...9_999)) + "ET" + String(format: "%06d", i + 1)
                // A cumulative plan ending at the budget.
                let quarter = Amount(fen: budget.significand / 4)
                let plan = SpendingPlan(march: quarter, june: quarter + quarter, october: quarter + quarter + quarter, december: budget)
                let indicators = [
                    Indicator(level1: "产出指标", level2: "数量指标", level3: "服务人次", description: "全年服务对象人次",
                              value: "≥\(int(100...5_000))人次", basis: "\(unit.year)年工作计划"),
                    Indicator(level1: "产出指标", level2: "质量指标", level3: "任务完成率", description: "年度任务完成情况",
                              value: "≥95%", basis: "\(unit.year)年工作计划"),
                    Indicator(level1: "产出指标", level2: "成本指标", level3: "项目成本", description: "项目预算控制数",
                              value: "≤\(budget.displayText)万元", basis: "\(unit.year)年预算批复"),
                    Indicator(level1: "效益指标", level2: "社会效益指标", level3: "政策知晓率", description: "服务对象对政策的知晓程度",
                              value: "≥90%", basis: "\(unit.year)年工作计划"),
                    Indicator(level1: "满意度指标", level2: "服务对象满意度指标", level3: "服务对象满意度", description: "服务对象满意程度",
                              value: "≥90%", basis: "满意度调查"),
                ]
                projects.append(Project(code: code, name: name, budget: budget, fiscal: budget, other: nil,
                                        purpose: "用于\(name)，\(unit.year)年安排\(budget.displayText)万元。", plan: plan,
                                        goal: "按期完成\(name)各项任务，提升服务质量。", indicators: indicators))
            }
            unit.projects = projects
        }

        // Procurement: a few lines per institution; amount = quantity × unit price, all 一般公共预算.
        var procurementUnits: [ProcurementUnit] = []
        for institution in institutions where int(0...3) > 0 {
            var items: [ProcurementItem] = []
            for _ in 0..<int(1...3) {
                let good = goods[int(0...goods.count - 1)]
                let quantity = Int64(int(1...20))
                let price = Amount(significand: good.price, scale: 4)          // 万元, from 元
                let total = Amount(significand: good.price * quantity, scale: 4).rescaled(to: 2)
                guard total.significand > 0 else { continue }
                let values = ["total": total, "generalPublic": total, "smallBusiness": total]
                items.append(ProcurementItem(project: "公用经费", projectBudget: nil, goods: good.name, catalogue: good.catalogue,
                                             unit: good.unit, quantity: Amount(significand: quantity, scale: 0),
                                             unitPrice: price.rescaled(to: 2).significand > 0 && price >= Amount(fen: 1) ? price : nil,
                                             values: values))
            }
            guard !items.isEmpty else { continue }
            procurementUnits.append(ProcurementUnit(name: institution.name, subtotal: Aggregation.add(items.map(\.values)), items: items))
        }
        if !procurementUnits.isEmpty {
            unit.procurement = Procurement(total: Aggregation.add(procurementUnits.map(\.subtotal)), units: procurementUnits)
        }

        // Fixed assets: the total is the sum of its parts; offices within buildings.
        let buildings = Amount(fen: Int64(int(50_000...2_000_000)))
        let offices = Amount(fen: buildings.significand / Int64(int(2...10)))
        let vehicles = Amount(fen: Int64(int(0...3) * 150_000))
        let other = Amount(fen: Int64(int(1_000...500_000)))
        unit.assets = FixedAssets(asOf: "\(unit.year - 1)-12-31", rows: [
            DataRow(key: "资产总额", values: ["value": buildings + vehicles + other]),
            DataRow(key: "房屋", values: ["quantity": Amount(significand: Int64(int(200...9_000)), scale: 0), "value": buildings]),
            DataRow(key: "办公用房", values: ["quantity": Amount(significand: Int64(int(50...199)), scale: 0), "value": offices]),
            DataRow(key: "车辆", values: vehicles.isZero ? [:] : ["quantity": Amount(significand: vehicles.significand / 150_000, scale: 0), "value": vehicles]),
            DataRow(key: "大型设备"),
            DataRow(key: "其他固定资产", values: ["quantity": Amount(significand: Int64(int(10...2_000)), scale: 0), "value": other]),
        ])
    }
}
