import Budget
import Foundation
import Testing
import XLSX

/// One case per rule of the catalogue: a change to a consistent unit that the rule must report.
struct RuleCase: Sendable, CustomTestStringConvertible {
    var rule: String
    var change: @Sendable (inout Disclosure) -> Void
    var testDescription: String { rule }
}

/// Adds `by` to columns of a row (by fixed key or code) of a table.
func bump(_ d: inout Disclosure, _ table: String, _ row: String, _ columns: [String], by: String = "5") {
    guard var data = d.tables[table], let delta = Amount(by) else { return }
    for i in data.rows.indices where data.rows[i].key == row || data.rows[i].code == row {
        for column in columns { data.rows[i].values[column] = (data.rows[i].values[column] ?? .zero) + delta }
    }
    d.tables[table] = data
}

@Suite("Validation rules, one by one")
struct ValidationRuleTests {
    static let cases: [RuleCase] = [
        RuleCase(rule: "T1-1") { bump(&$0, "summary", "本年收入合计", ["amount"]) },
        RuleCase(rule: "T1-2") { bump(&$0, "summary", "本年支出合计", ["amount"]) },
        RuleCase(rule: "T1-3") { bump(&$0, "summary", "收入总计", ["amount"]) },
        RuleCase(rule: "T1-4") { bump(&$0, "summary", "支出总计", ["amount"]) },
        RuleCase(rule: "T1-5") { bump(&$0, "summary", "支出总计", ["amount"]) },
        RuleCase(rule: "T2-1") { bump(&$0, "revenue", "2080101", ["total"]) },
        RuleCase(rule: "T2-2") { bump(&$0, "revenue", "2080101", ["subtotal"]) },
        RuleCase(rule: "T2-3") { bump(&$0, "revenue", "2080101", ["total", "subtotal", "fiscal"]) },
        RuleCase(rule: "T3-1") { bump(&$0, "expenditure", "2080101", ["total"]) },
        RuleCase(rule: "T3-2") { bump(&$0, "expenditure", "2080101", ["total", "basic"]) },
        RuleCase(rule: "T4-1") { bump(&$0, "fiscalSummary", "本年收入合计", ["amount"]) },
        RuleCase(rule: "T4-2") { bump(&$0, "fiscalSummary", "年初财政拨款结转和结余", ["amount"]) },
        RuleCase(rule: "T4-3") { bump(&$0, "fiscalSummary", "收入总计", ["amount"]) },
        RuleCase(rule: "T4-4") { bump(&$0, "fiscalSummary", "社会保障和就业支出", ["total"]) },
        RuleCase(rule: "T4-5") { bump(&$0, "fiscalSummary", "社会保障和就业支出", ["total", "generalPublic"]) },
        RuleCase(rule: "T4-6") { bump(&$0, "fiscalSummary", "支出总计", ["total"]) },
        RuleCase(rule: "T4-7") { bump(&$0, "fiscalSummary", "一般公共预算拨款", ["amount"]) },
        RuleCase(rule: "T5-1") { bump(&$0, "generalPublic", "2080101", ["total"]) },
        RuleCase(rule: "T5-2") { bump(&$0, "generalPublic", "2080101", ["total", "basic"]) },
        RuleCase(rule: "T6-1") { bump(&$0, "generalPublicBasic", "30101", ["total"]) },
        RuleCase(rule: "T6-2") { bump(&$0, "generalPublicBasic", "30101", ["total", "personnel"]) },
        RuleCase(rule: "T6-3") {
            bump(&$0, "generalPublicBasic", "合计", ["personnel"])
            bump(&$0, "generalPublicBasic", "合计", ["publicUse"], by: "-5")
        },
        RuleCase(rule: "T9-1") { bump(&$0, "threePublic", "“三公”经费小计", ["total", "generalPublic"]) },
        RuleCase(rule: "T9-2") { bump(&$0, "threePublic", "公务用车购置及运维费", ["total", "generalPublic"]) },
        RuleCase(rule: "T9-3") { bump(&$0, "threePublic", "因公出国（境）费", ["total", "generalPublic"]) },
        RuleCase(rule: "T9-4") { bump(&$0, "threePublic", "公务接待费", ["total"]) },
        RuleCase(rule: "E-1") { $0.tables["threePublic"]?.note = "注：无财政拨款“三公”经费支出预算，空表列示。" },
        RuleCase(rule: "E-2") { $0.tables["stateCapital"] = nil },
        RuleCase(rule: "C-1") { $0.tables["revenue"]?.rows.swapAt(3, 4) },
        RuleCase(rule: "X-1") { bump(&$0, "summary", "一般公共预算拨款收入", ["amount"]) },
        RuleCase(rule: "X-2") { bump(&$0, "summary", "上年结转结余", ["amount"]) },
        RuleCase(rule: "X-3") { bump(&$0, "summary", "本年支出合计", ["amount"]) },
        RuleCase(rule: "X-4") { bump(&$0, "summary", "社会保障和就业支出", ["amount"]) },
        RuleCase(rule: "X-5") { bump(&$0, "revenue", "2080101", ["total"]) },
        RuleCase(rule: "X-6") { bump(&$0, "fiscalSummary", "本年收入合计", ["amount"]) },
        RuleCase(rule: "X-7") { bump(&$0, "fiscalSummary", "社会保障和就业支出", ["generalPublic"]) },
        RuleCase(rule: "X-8") {
            $0.tables["stateCapital"] = TableData(rows: [DataRow(key: "合计", values: ["total": Amount(fen: 500), "project": Amount(fen: 500)])])
        },
        RuleCase(rule: "X-9") { bump(&$0, "generalPublic", "2080101", ["total", "basic"]) },
        RuleCase(rule: "X-10") { bump(&$0, "generalPublicBasic", "合计", ["total"]) },
        RuleCase(rule: "X-11") { bump(&$0, "generalPublicBasic", "30217", ["total", "publicUse"]) },
        RuleCase(rule: "X-12") { bump(&$0, "generalPublicBasic", "30110", ["total"]) },
    ]

    /// The sample with every summary figure derived: consistent, apart from display rounding.
    static func consistentSample() throws -> (Disclosure, TemplateSet) {
        let set = try DerivationTests.hebei()
        return (try Derivation.derive(nineTablesOnly(DisclosureJSON.bundledExample()), set: set), set)
    }

    @Test("every rule of the catalogue has a case here")
    func everyRuleHasACase() {
        #expect((Self.cases + WholeRuleTests.cases).map(\.rule).sorted() == ValidationRule.catalogue.map(\.id).sorted())
        #expect(Set(ValidationRule.catalogue.map(\.id)).count == ValidationRule.catalogue.count)
    }

    @Test("the catalogue entries are complete")
    func catalogueEntries() {
        for rule in ValidationRule.catalogue {
            #expect(!rule.chinese.isEmpty && !rule.english.isEmpty, "\(rule.id)")
            #expect(rule.id == "E-2" || !rule.reads.isEmpty, "\(rule.id) says nothing about what it reads")
        }
        #expect(ValidationRule.catalogue.filter(\.soft).map(\.id) == ["T6-3", "X-12", "X-26", "X-30"])
    }

    @Test("the derived sample is free of errors", .tags(.validation))
    func baseline() throws {
        let (unit, set) = try Self.consistentSample()
        let report = Validator(set: set).validate(unit)
        #expect(!report.hasErrors, "\(report.textLines().joined(separator: "\n"))")
    }

    @Test("a change breaking the rule is reported by it", arguments: cases)
    func ruleFires(_ testCase: RuleCase) throws {
        let (unit, set) = try Self.consistentSample()
        var changed = unit
        testCase.change(&changed)
        let report = Validator(set: set).validate(changed)
        let severity: Finding.Severity = ValidationRule.rule(testCase.rule)?.soft == true ? .warning : .error
        let mine = report.findings.filter { $0.rule == testCase.rule }
        #expect(mine.contains { $0.severity == severity }, "\(report.textLines().joined(separator: "\n"))")
        let before = Validator(set: set).validate(unit).findings.filter { $0.rule == testCase.rule && $0.kind != .rounding }
        #expect(before.isEmpty)
    }

    @Test("tolerance: 0.005 per addend, at least 0.01, configurable")
    func tolerance() {
        let t = Tolerance.default
        #expect(t.allowance(addends: 1) == Amount("0.01"))
        #expect(t.allowance(addends: 2) == Amount("0.01"))
        #expect(t.allowance(addends: 3) == Amount("0.015"))
        #expect(t.allowance(addends: 31) == Amount("0.155"))
        #expect(Tolerance(minimum: Amount("0.05")!).allowance(addends: 3) == Amount("0.05"))
    }

    @Test("a difference within rounding is a 尾差 warning, a larger one an error")
    func roundingOrError() throws {
        let (unit, set) = try Self.consistentSample()
        for (delta, severity, kind) in [("0.01", Finding.Severity.warning, Finding.Kind.rounding),
                                        ("0.02", .error, .mismatch), ("-0.01", .warning, .rounding)] {
            var changed = unit
            bump(&changed, "generalPublicBasic", "30101", ["total"], by: delta)
            let finding = Validator(set: set).validate(changed).findings.first { $0.rule == "T6-1" }
            #expect(finding?.severity == severity && finding?.kind == kind, "Δ \(delta)")
            #expect(finding?.location?.description == "部门预算一般公共预算财政拨款基本支出表!D8")
        }
        // With a looser minimum, 0.02 is rounding too.
        var changed = unit
        bump(&changed, "generalPublicBasic", "30101", ["total"], by: "0.02")
        let loose = Validator(set: set, tolerance: Tolerance(minimum: Amount("0.05")!)).validate(changed)
        #expect(loose.findings.first { $0.rule == "T6-1" }?.kind == .rounding)
    }

    @Test("blank is an absent value: 0 in sums, no finding when everything is blank")
    func blanks() throws {
        let (unit, set) = try Self.consistentSample()
        var changed = unit
        // 0.00 where the published table is blank changes nothing.
        bump(&changed, "expenditure", "2080101", ["operating"], by: "0")
        #expect(Validator(set: set).validate(changed).errors.isEmpty)
        // Blanking a value is a change like any other.
        changed.tables["expenditure"]?.rows[3].values["basic"] = nil
        #expect(Validator(set: set).validate(changed).errors.contains { $0.rule == "T3-1" })
    }

    @Test("code checks: form, order, missing parent, names across tables")
    func codes() throws {
        let (unit, set) = try Self.consistentSample()
        var changed = unit
        changed.tables["expenditure"]?.rows.removeAll { $0.code == "20801" }
        changed.tables["generalPublic"]?.rows[3].name = "行政 运行（改）"
        changed.tables["revenue"]?.rows[2].code = "2080X"
        let findings = Validator(set: set).validate(changed).findings.filter { $0.rule == "C-1" }
        let messages = findings.map(\.message)
        #expect(messages.contains { $0.contains("2080101 的上级科目 20801 未列出") })
        #expect(messages.contains { $0.contains("科目 2080101 在一般公共预算财政拨款支出表名为“行政运行（改）”") })
        #expect(messages.contains { $0.contains("2080X 格式不对") })
        #expect(findings.allSatisfy { $0.severity == .error })
        let name = findings.first { $0.column == "name" }
        #expect(name?.location?.description == "部门预算一般公共预算财政拨款支出表!C9")
        #expect(name?.cells.map(\.description) == ["部门预算一般公共预算财政拨款支出表!C9", "部门预算收入总表!C9"])
    }

    @Test("empty-table notes", arguments: [
        ("注：无政府性基金预算财政拨款预算，空表列示。", true),
        ("注:本部门2026年无政府性基金预算财政拨款安排的预算，故本表为空表。", true),
        ("无财政拨款三公经费预算安排", true),
        ("注：本单位没有国有资本经营预算拨款。", true),
        ("注：本表数据为预算数。", false),
        ("注：无上年结转。", false),
    ])
    func emptyNotes(note: String, declares: Bool) throws {
        let (unit, set) = try Self.consistentSample()
        var filled = unit
        filled.tables["threePublic"]?.note = note
        let onFilled = Validator(set: set).validate(filled).findings.filter { $0.rule == "E-1" }
        #expect(onFilled.isEmpty != declares)
        var empty = unit
        empty.tables["governmentFund"]?.note = note
        let onEmpty = Validator(set: set).validate(empty).findings.filter { $0.rule == "E-1" }
        #expect(onEmpty.isEmpty == declares)
        if let finding = onEmpty.first {
            #expect(finding.location?.description == "部门预算政府性基金预算财政拨款支出表!A7")
        }
    }
}

extension Tag {
    @Tag static var validation: Self
}
