/// The rule catalogue: every 勾稽关系 of DOMAIN.md that reads only the nine
/// tables, in the order of DOMAIN.md. Adding a rule is one entry here (the
/// checking helpers are in `RuleContext+Checks.swift`) plus its test.
///
/// Table ids and column keys are those of the Hebei 2025 templates
/// (`Templates/hebei-2025`); a rule whose tables a disclosure lacks is skipped.
extension ValidationRule {
    /// Every rule, in report order.
    public static let catalogue: [ValidationRule] = [
        // MARK: 部门预算收支总表
        ValidationRule("T1-1", zh: "收支总表：本年收入合计 = 收入一至五项之和",
                       en: "Summary: current-year revenue total = sum of revenue rows 1–5",
                       reads: [.init(Tab.summary, ["amount"])]) { c in
            c.equal(c.f(Tab.summary, "本年收入合计", "amount"),
                    c.incomeRows(Tab.summary, until: "本年收入合计").map { c.f(Tab.summary, $0, "amount") })
        },
        ValidationRule("T1-2", zh: "收支总表：本年支出合计 = 31 个支出功能分类之和",
                       en: "Summary: current-year expenditure total = sum of the 31 class rows",
                       reads: [.init(Tab.summary, ["amount"])]) { c in
            c.equal(c.f(Tab.summary, "本年支出合计", "amount"),
                    c.classRows(Tab.summary, until: "本年支出合计").map { c.f(Tab.summary, $0.key, "amount") },
                    formula: "各类支出之和")
        },
        ValidationRule("T1-3", zh: "收支总表：收入总计 = 本年收入合计 + 上年结转结余",
                       en: "Summary: revenue grand total = current-year revenue + carry-over from last year",
                       reads: [.init(Tab.summary, ["amount"])]) { c in
            c.equal(c.f(Tab.summary, "收入总计", "amount"),
                    [c.f(Tab.summary, "本年收入合计", "amount"), c.f(Tab.summary, "上年结转结余", "amount")])
        },
        ValidationRule("T1-4", zh: "收支总表：支出总计 = 本年支出合计 + 年终结转结余",
                       en: "Summary: expenditure grand total = current-year expenditure + year-end carry-over",
                       reads: [.init(Tab.summary, ["amount"])]) { c in
            c.equal(c.f(Tab.summary, "支出总计", "amount"),
                    [c.f(Tab.summary, "本年支出合计", "amount"), c.f(Tab.summary, "年终结转结余", "amount")])
        },
        ValidationRule("T1-5", zh: "收支总表：收入总计 = 支出总计",
                       en: "Summary: revenue grand total = expenditure grand total",
                       reads: [.init(Tab.summary, ["amount"])]) { c in
            c.equal(c.f(Tab.summary, "支出总计", "amount"), [c.f(Tab.summary, "收入总计", "amount")])
        },

        // MARK: 部门预算收入总表
        ValidationRule("T2-1", zh: "收入总表：每行 合计 = 本年收入小计 + 上年结转",
                       en: "Revenue: each row's total = current-year subtotal + carry-over",
                       reads: [.init(Tab.revenue, ["total", "subtotal", "carryover"])]) { c in
            c.rowEquation(Tab.revenue, "total", ["subtotal", "carryover"])
        },
        ValidationRule("T2-2", zh: "收入总表：每行 小计 = 各项收入（栏 5–11）之和",
                       en: "Revenue: each row's subtotal = sum of the sources (columns 5–11)",
                       reads: [.init(Tab.revenue, ["subtotal"] + Col.revenueSources)]) { c in
            c.rowEquation(Tab.revenue, "subtotal", Col.revenueSources)
        },
        ValidationRule("T2-3", zh: "收入总表：上级科目 = 下级科目之和，合计 = 各类之和（逐栏）",
                       en: "Revenue: each parent subject = sum of its children, total = sum of classes, per column",
                       reads: [.init(Tab.revenue, Col.revenueAll)]) { c in
            c.rollUp(Tab.revenue)
        },

        // MARK: 部门预算支出总表
        ValidationRule("T3-1", zh: "支出总表：每行 合计 = 基本支出 + 项目支出 + 经营支出 + 上解上级支出 + 对附属单位补助支出",
                       en: "Expenditure: each row's total = basic + project + operating + remittance + subsidies to affiliates",
                       reads: [.init(Tab.expenditure, Col.expenditureAll)]) { c in
            c.rowEquation(Tab.expenditure, "total", Array(Col.expenditureAll.dropFirst()))
        },
        ValidationRule("T3-2", zh: "支出总表：上级科目 = 下级科目之和，合计 = 各类之和（逐栏）",
                       en: "Expenditure: each parent subject = sum of its children, total = sum of classes, per column",
                       reads: [.init(Tab.expenditure, Col.expenditureAll)]) { c in
            c.rollUp(Tab.expenditure)
        },

        // MARK: 部门预算财政拨款收支总表
        ValidationRule("T4-1", zh: "财政拨款收支总表：本年收入合计 = 一般公共预算 + 政府性基金 + 国有资本经营预算拨款",
                       en: "Fiscal summary: current-year revenue = general public + government fund + state capital appropriations",
                       reads: [.init(Tab.fiscal, ["amount"])]) { c in
            c.equal(c.f(Tab.fiscal, "本年收入合计", "amount"),
                    c.incomeRows(Tab.fiscal, until: "本年收入合计").map { c.f(Tab.fiscal, $0, "amount") })
        },
        ValidationRule("T4-2", zh: "财政拨款收支总表：年初财政拨款结转和结余 = 三类拨款的年初结转和结余之和",
                       en: "Fiscal summary: carry-over at the start of the year = sum of its three fund rows",
                       reads: [.init(Tab.fiscal, ["amount"])]) { c in
            c.equal(c.f(Tab.fiscal, Row.fiscalCarry, "amount"), Row.fiscalCarryByFund.map { c.f(Tab.fiscal, $0, "amount") })
        },
        ValidationRule("T4-3", zh: "财政拨款收支总表：收入总计 = 本年收入合计 + 年初财政拨款结转和结余",
                       en: "Fiscal summary: revenue grand total = current-year revenue + carry-over at the start",
                       reads: [.init(Tab.fiscal, ["amount"])]) { c in
            c.equal(c.f(Tab.fiscal, "收入总计", "amount"),
                    [c.f(Tab.fiscal, "本年收入合计", "amount"), c.f(Tab.fiscal, Row.fiscalCarry, "amount")])
        },
        ValidationRule("T4-4", zh: "财政拨款收支总表：每个支出行 合计 = 一般公共预算 + 政府性基金 + 国有资本经营预算",
                       en: "Fiscal summary: each expenditure row's total = general public + government fund + state capital",
                       reads: [.init(Tab.fiscal, Col.fiscalAll)]) { c in
            c.columnIsSum(Tab.fiscal, "total", of: Col.funds, rows: c.fixedKeys(Tab.fiscal, side: "expenditure"))
        },
        ValidationRule("T4-5", zh: "财政拨款收支总表：本年支出合计 = 各类支出之和（逐栏）",
                       en: "Fiscal summary: current-year expenditure = sum of the class rows, per column",
                       reads: [.init(Tab.fiscal, Col.fiscalAll)]) { c in
            for column in Col.fiscalAll {
                c.equal(c.f(Tab.fiscal, "本年支出合计", column),
                        c.classRows(Tab.fiscal, until: "本年支出合计").map { c.f(Tab.fiscal, $0.key, column) },
                        formula: "各类支出之和")
            }
        },
        ValidationRule("T4-6", zh: "财政拨款收支总表：支出总计 = 本年支出合计 + 年末结转和结余（逐栏）；收入总计 = 支出总计",
                       en: "Fiscal summary: expenditure grand total = current-year + year-end carry-over, per column; revenue = expenditure grand total",
                       reads: [.init(Tab.fiscal, ["amount"] + Col.fiscalAll)]) { c in
            c.rowIsSum(Tab.fiscal, "支出总计", of: ["本年支出合计", "年末财政拨款结转和结余"], columns: Col.fiscalAll)
            c.equal(c.f(Tab.fiscal, "支出总计", "total"), [c.f(Tab.fiscal, "收入总计", "amount")])
        },
        ValidationRule("T4-7", zh: "财政拨款收支总表：各类拨款 本年收入 + 年初结转 = 该栏支出总计（无年末结转时）",
                       en: "Fiscal summary: per fund, revenue + carry-over = that column's expenditure grand total (when nothing is carried forward)",
                       reads: [.init(Tab.fiscal, ["amount"] + Col.funds)]) { c in
            let income = c.incomeRows(Tab.fiscal, until: "本年收入合计")
            for (i, column) in Col.funds.enumerated() where i < income.count && i < Row.fiscalCarryByFund.count {
                guard c.value(c.f(Tab.fiscal, "年末财政拨款结转和结余", column)) ?? .zero == .zero else { continue }
                c.equal(c.f(Tab.fiscal, "支出总计", column),
                        [c.f(Tab.fiscal, income[i], "amount"), c.f(Tab.fiscal, Row.fiscalCarryByFund[i], "amount")])
            }
        },

        // MARK: 一般公共预算 / 政府性基金 / 国有资本经营预算财政拨款支出表
        ValidationRule("T5-1", zh: "财政拨款支出表（一般公共预算、政府性基金、国有资本经营）：每行 合计 = 基本支出 + 项目支出",
                       en: "Appropriation expenditure tables (5, 7, 8): each row's total = basic + project",
                       reads: Tab.fundTables.map { .init($0, ["total", "basic", "project"]) }) { c in
            for table in Tab.fundTables { c.rowEquation(table, "total", ["basic", "project"]) }
        },
        ValidationRule("T5-2", zh: "财政拨款支出表（一般公共预算、政府性基金、国有资本经营）：上级科目 = 下级科目之和，合计 = 各类之和",
                       en: "Appropriation expenditure tables (5, 7, 8): each parent = sum of its children, total = sum of classes",
                       reads: Tab.fundTables.map { .init($0, ["total", "basic", "project"]) }) { c in
            for table in Tab.fundTables { c.rollUp(table) }
        },

        // MARK: 一般公共预算财政拨款基本支出表
        ValidationRule("T6-1", zh: "基本支出表：每行 合计 = 人员经费 + 公用经费",
                       en: "Basic expenditure: each row's total = personnel + public-use funds",
                       reads: [.init(Tab.basic, ["total", "personnel", "publicUse"])]) { c in
            c.rowEquation(Tab.basic, "total", ["personnel", "publicUse"])
        },
        ValidationRule("T6-2", zh: "基本支出表：类 = 所属款之和，合计 = 各类之和（逐栏）",
                       en: "Basic expenditure: each class = sum of its items, total = sum of classes, per column",
                       reads: [.init(Tab.basic, ["total", "personnel", "publicUse"])]) { c in
            c.rollUp(Tab.basic)
        },
        ValidationRule("T6-3", .warning, zh: "基本支出表（参考）：人员经费 = 301 + 303，公用经费 = 302 + 310",
                       en: "Basic expenditure (soft): personnel = 301 + 303, public-use = 302 + 310",
                       reads: [.init(Tab.basic, ["total", "personnel", "publicUse"])]) { c in
            c.equal(c.t(Tab.basic, "personnel"), [c.s(Tab.basic, "301", "total"), c.s(Tab.basic, "303", "total")])
            c.equal(c.t(Tab.basic, "publicUse"), [c.s(Tab.basic, "302", "total"), c.s(Tab.basic, "310", "total")])
        },

        // MARK: 财政拨款“三公”经费支出表
        ValidationRule("T9-1", zh: "“三公”经费表：小计 = 因公出国（境）费 + 公务用车购置及运维费 + 公务接待费（逐栏）",
                       en: "\"Three public\": subtotal = travel abroad + official vehicles + official reception, per column",
                       reads: [.init(Tab.three, Col.threeAll)]) { c in
            c.rowIsSum(Tab.three, Row.threeTotal, of: [Row.abroad, Row.vehicles, Row.reception], columns: Col.threeAll)
        },
        ValidationRule("T9-2", zh: "“三公”经费表：公务用车购置及运维费 = 购置费 + 运行维护费（逐栏）",
                       en: "\"Three public\": official vehicles = purchase + running and upkeep, per column",
                       reads: [.init(Tab.three, Col.threeAll)]) { c in
            c.rowIsSum(Tab.three, Row.vehicles, of: [Row.vehiclePurchase, Row.vehicleRunning], columns: Col.threeAll)
        },
        ValidationRule("T9-3", zh: "“三公”经费表：因公出国（境）费 = 教学科研人员 + 其他因公出国（境）费（逐栏）",
                       en: "\"Three public\": travel abroad = teaching and research staff + other, per column",
                       reads: [.init(Tab.three, Col.threeAll)]) { c in
            c.rowIsSum(Tab.three, Row.abroad, of: [Row.abroadResearch, Row.abroadOther], columns: Col.threeAll)
        },
        ValidationRule("T9-4", zh: "“三公”经费表：每行 合计 = 一般公共预算 + 政府性基金 + 国有资本经营预算",
                       en: "\"Three public\": each row's total = general public + government fund + state capital",
                       reads: [.init(Tab.three, Col.threeAll)]) { c in
            c.columnIsSum(Tab.three, "total", of: Col.funds, rows: c.fixedKeys(Tab.three, side: "items"))
        },

        // MARK: Empty tables and codes
        ValidationRule("E-1", zh: "空表说明：表中无数据 ⇔ 注说明为空表（空表列示、为空表、无…预算）",
                       en: "Empty tables: a table has no amounts exactly when its note declares it empty",
                       reads: Tab.all.map { .init($0, ["note"]) }) { c in
            c.checkEmptyNotes()
        },
        ValidationRule("E-2", zh: "表格齐全：模板的每张表都应列出（无数据的列空表）",
                       en: "Completeness: every table of the template set is present (an empty one as an empty table)",
                       reads: []) { c in
            c.checkTablesPresent()
        },
        ValidationRule("C-1", zh: "科目编码：功能分类 3/5/7 位、经济分类 3/5 位；上级科目列出；按编码升序；同一编码各表名称一致",
                       en: "Codes: 3/5/7-digit function and 3/5-digit economic codes, parents printed, ascending, one name per code across tables",
                       reads: Tab.subjectTables.map { .init($0, ["code", "name"]) }) { c in
            c.checkCodes()
        },

        // MARK: Between tables
        ValidationRule("X-1", zh: "收支总表↔收入总表：一+二+三 = 财政拨款收入；四 = 财政专户收入；五 单位资金 = 栏 7–11",
                       en: "Summary ↔ revenue: rows 1–3 = appropriations; row 4 = special-account revenue; row 5 = columns 7–11",
                       reads: [.init(Tab.summary, ["amount"]), .init(Tab.revenue, Col.revenueSources)]) { c in
            let income = c.incomeRows(Tab.summary, until: "本年收入合计")
            guard income.count >= 5 else { return }
            c.equal(c.t(Tab.revenue, "fiscal"), income[0..<3].map { c.f(Tab.summary, $0, "amount") })
            c.equal(c.f(Tab.summary, income[3], "amount"), [c.t(Tab.revenue, "specialAccount")])
            c.equal(c.f(Tab.summary, income[4], "amount"), Col.unitFunds.map { c.t(Tab.revenue, $0) })
        },
        ValidationRule("X-2", zh: "收支总表↔收入总表：本年收入合计 = 小计；上年结转结余 = 上年结转；收入总计 = 合计",
                       en: "Summary ↔ revenue: current-year revenue = subtotal; carry-over = carry-over; grand total = total",
                       reads: [.init(Tab.summary, ["amount"]), .init(Tab.revenue, ["total", "subtotal", "carryover"])]) { c in
            c.equal(c.f(Tab.summary, "本年收入合计", "amount"), [c.t(Tab.revenue, "subtotal")])
            c.equal(c.f(Tab.summary, "上年结转结余", "amount"), [c.t(Tab.revenue, "carryover")])
            c.equal(c.f(Tab.summary, "收入总计", "amount"), [c.t(Tab.revenue, "total")])
        },
        ValidationRule("X-3", zh: "收支总表↔支出总表：本年支出合计 = 支出总表合计",
                       en: "Summary ↔ expenditure: current-year expenditure = expenditure table total",
                       reads: [.init(Tab.summary, ["amount"]), .init(Tab.expenditure, ["total"])]) { c in
            c.equal(c.f(Tab.summary, "本年支出合计", "amount"), [c.t(Tab.expenditure, "total")])
        },
        ValidationRule("X-4", zh: "收支总表↔支出总表：每个支出功能分类 = 支出总表同编码类的合计",
                       en: "Summary ↔ expenditure: each class row = the expenditure table's class row of the same code",
                       reads: [.init(Tab.summary, ["amount"]), .init(Tab.expenditure, ["total"])]) { c in
            for row in c.classRows(Tab.summary, until: "本年支出合计") {
                guard let code = row.code else { continue }
                c.equal(c.f(Tab.summary, row.key, "amount"), [c.s(Tab.expenditure, code, "total")])
            }
        },
        ValidationRule("X-5", zh: "收入总表↔支出总表：逐行 合计相等（年终结转结余为 0 时）",
                       en: "Revenue ↔ expenditure: row by row, equal totals (when nothing is carried to next year)",
                       reads: [.init(Tab.revenue, ["total"]), .init(Tab.expenditure, ["total"]), .init(Tab.summary, ["amount"])]) { c in
            guard c.value(c.f(Tab.summary, "年终结转结余", "amount")) ?? .zero == .zero else { return }
            c.equal(c.t(Tab.expenditure, "total"), [c.t(Tab.revenue, "total")])
            for code in c.codeUnion(Tab.expenditure, Tab.revenue) {
                c.equal(c.s(Tab.expenditure, code, "total"), [c.s(Tab.revenue, code, "total")])
            }
        },
        ValidationRule("X-6", zh: "财政拨款收支总表↔收支总表：本年收入合计 = 收支总表一+二+三；年初结转和结余 ≤ 上年结转结余",
                       en: "Fiscal summary ↔ summary: current-year revenue = summary rows 1–3; carry-over at the start ≤ summary carry-over",
                       reads: [.init(Tab.fiscal, ["amount"]), .init(Tab.summary, ["amount"])]) { c in
            let income = c.incomeRows(Tab.summary, until: "本年收入合计")
            c.equal(c.f(Tab.fiscal, "本年收入合计", "amount"), income.prefix(3).map { c.f(Tab.summary, $0, "amount") })
            let fiscalIncome = c.incomeRows(Tab.fiscal, until: "本年收入合计")
            for (fiscalKey, summaryKey) in zip(fiscalIncome, income.prefix(3)) {
                c.equal(c.f(Tab.fiscal, fiscalKey, "amount"), [c.f(Tab.summary, summaryKey, "amount")])
            }
            c.atMost(c.f(Tab.fiscal, Row.fiscalCarry, "amount"), [c.f(Tab.summary, "上年结转结余", "amount")])
        },
        ValidationRule("X-7", zh: "财政拨款收支总表↔一般公共预算支出表：一般公共预算栏各类 = 支出表同编码类合计；本年支出合计 = 支出表合计",
                       en: "Fiscal summary ↔ general public table: each class of the general public column = the class row total; current-year total = table total",
                       reads: [.init(Tab.fiscal, ["generalPublic"]), .init(Tab.generalPublic, ["total"])]) { c in
            c.fundColumn("generalPublic", table: Tab.generalPublic)
        },
        ValidationRule("X-8", zh: "财政拨款收支总表↔政府性基金/国有资本经营支出表：对应栏 = 该表；收支总表二/三为空 ⇔ 该表为空",
                       en: "Fiscal summary ↔ government fund / state capital tables: their columns = those tables; summary rows 2/3 empty ⇔ table empty",
                       reads: [.init(Tab.fiscal, ["governmentFund", "stateCapital", "amount"]), .init(Tab.governmentFund, ["total"]),
                               .init(Tab.stateCapital, ["total"]), .init(Tab.summary, ["amount"])]) { c in
            c.fundColumn("governmentFund", table: Tab.governmentFund)
            c.fundColumn("stateCapital", table: Tab.stateCapital)
            c.checkFundPresence()
        },
        ValidationRule("X-9", zh: "支出总表↔财政拨款支出表：逐科目逐栏 支出总表 ≥ 一般公共 + 政府性基金 + 国有资本经营；无非财政资金时相等",
                       en: "Expenditure ↔ appropriation tables: per code and column, expenditure ≥ tables 5 + 7 + 8; equal without non-appropriation money",
                       reads: [.init(Tab.expenditure, ["total", "basic", "project"])] + Tab.fundTables.map { .init($0, ["total", "basic", "project"]) }
                              + [.init(Tab.summary, ["amount"])]) { c in
            c.checkExpenditureCoversFunds()
        },
        ValidationRule("X-10", zh: "一般公共预算支出表↔基本支出表：基本支出合计 = 基本支出表合计；支出总表基本支出 ≥ 基本支出表合计",
                       en: "General public ↔ basic tables: basic column total = basic table total; expenditure table basic ≥ basic table total",
                       reads: [.init(Tab.generalPublic, ["basic"]), .init(Tab.basic, ["total"]), .init(Tab.expenditure, ["basic"])]) { c in
            c.equal(c.t(Tab.basic, "total"), [c.t(Tab.generalPublic, "basic")])
            c.atLeast(c.t(Tab.expenditure, "basic"), [c.t(Tab.basic, "total")])
        },
        ValidationRule("X-11", zh: "“三公”经费表↔基本支出表：接待费 ≥ 30217，运行维护费 ≥ 30231，因公出国 ≥ 30212，购置费 ≥ 31013（一般公共预算栏）",
                       en: "\"Three public\" ↔ basic table: reception ≥ 30217, vehicle upkeep ≥ 30231, abroad ≥ 30212, vehicle purchase ≥ 31013 (general public column)",
                       reads: [.init(Tab.three, ["generalPublic"]), .init(Tab.basic, ["total"])]) { c in
            for (key, code) in [(Row.reception, "30217"), (Row.vehicleRunning, "30231"), (Row.abroad, "30212"), (Row.vehiclePurchase, "31013")] {
                c.atLeast(c.f(Tab.three, key, "generalPublic"), [c.s(Tab.basic, code, "total")])
            }
        },
        ValidationRule("X-12", .warning, zh: "功能分类↔经济分类（参考，基本支出）：21011 = 30110，2210201 = 30113，2080505 = 30108，2080506 = 30109",
                       en: "Function ↔ economic codes (soft, basic expenditure): 21011 = 30110, 2210201 = 30113, 2080505 = 30108, 2080506 = 30109",
                       reads: [.init(Tab.generalPublic, ["basic"]), .init(Tab.basic, ["total"])]) { c in
            for (function, economic) in [("21011", "30110"), ("2210201", "30113"), ("2080505", "30108"), ("2080506", "30109")] {
                c.equal(c.s(Tab.basic, economic, "total"), [c.s(Tab.generalPublic, function, "basic")])
            }
        },
    ] + wholeRules
}

/// Table ids of the Hebei 2025 set.
enum Tab {
    static let summary = "summary"
    static let revenue = "revenue"
    static let expenditure = "expenditure"
    static let fiscal = "fiscalSummary"
    static let generalPublic = "generalPublic"
    static let basic = "generalPublicBasic"
    static let governmentFund = "governmentFund"
    static let stateCapital = "stateCapital"
    static let three = "threePublic"
    static let fundTables = [generalPublic, governmentFund, stateCapital]
    static let subjectTables = [revenue, expenditure, generalPublic, basic, governmentFund, stateCapital]
    static let all = [summary, revenue, expenditure, fiscal, generalPublic, basic, governmentFund, stateCapital, three]
}

/// Column keys of the Hebei 2025 set.
enum Col {
    static let revenueSources = ["fiscal", "specialAccount", "business", "operating", "superiorSubsidy", "affiliatedRemittance", "other"]
    static let unitFunds = ["business", "operating", "superiorSubsidy", "affiliatedRemittance", "other"]
    static let revenueAll = ["total", "subtotal"] + revenueSources + ["carryover"]
    static let expenditureAll = ["total", "basic", "project", "operating", "remittance", "affiliatedSubsidy"]
    static let funds = ["generalPublic", "governmentFund", "stateCapital"]
    static let fiscalAll = ["total"] + funds
    static let threeAll = ["total"] + funds
}

/// Fixed row keys of the Hebei 2025 set.
enum Row {
    static let fiscalCarry = "年初财政拨款结转和结余"
    static let fiscalCarryByFund = ["年初结转和结余：一般公共预算拨款", "年初结转和结余：政府性基金预算拨款", "年初结转和结余：国有资本经营预算拨款"]
    static let threeTotal = "“三公”经费小计"
    static let abroad = "因公出国（境）费"
    static let abroadResearch = "教学科研人员因公出国（境）费"
    static let abroadOther = "其他因公出国（境）费"
    static let vehicles = "公务用车购置及运维费"
    static let vehiclePurchase = "公务用车购置费"
    static let vehicleRunning = "公务用车运行维护费"
    static let reception = "公务接待费"
}
