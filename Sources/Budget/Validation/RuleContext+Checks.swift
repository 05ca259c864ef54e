/// The checks the catalogue's rules are made of.
extension RuleContext {
    /// The income-side keys of a fixed table before `until` (the income rows proper).
    func incomeRows(_ table: String, until: String) -> [String] {
        var result: [String] = []
        for key in fixedKeys(table, side: "income") {
            if key == until { break }
            result.append(key)
        }
        return result
    }

    /// Every row (合计 and subjects, or every fixed row): `total = Σ parts`.
    func rowEquation(_ table: String, _ total: String, _ parts: [String]) {
        guard let template = set.table(table), let data = self.table(table) else { return }
        let rows: [DataRow]
        switch template.kind {
        case .subjects: rows = BodyBuilder.ordered(data.rows)
        case .fixed: rows = fixedKeys(table, side: template.sides.first ?? "").map { fixed(table, $0) }
        }
        for row in rows {
            let terms = parts.map { Term(table: table, row: row, column: $0) }
            equal(Term(table: table, row: row, column: total), terms, formula: terms.map(columnLabel).joined(separator: " + "))
        }
    }

    /// Every printed parent = Σ its printed children, and 合计 = Σ 类, column by column.
    func rollUp(_ table: String) {
        guard let template = set.table(table), self.table(table) != nil else { return }
        let columns = template.valueKeys(side: nil)
        let rows = subjects(table)
        let shortest = template.codeKind?.lengths.first ?? 3
        let classes = rows.filter { $0.code?.count == shortest }
        for column in columns {
            equal(t(table, column), classes.map { Term(table: table, row: $0, column: column) },
                  formula: "各类之和（\(classes.count) 类）")
        }
        for parent in rows {
            guard let code = parent.code else { continue }
            let children = rows.filter { row in
                guard let child = row.code else { return false }
                return child.count == code.count + 2 && child.hasPrefix(code)
            }
            guard !children.isEmpty else { continue }
            for column in columns {
                equal(Term(table: table, row: parent, column: column),
                      children.map { Term(table: table, row: $0, column: column) },
                      formula: "下级科目之和（\(children.count) 项）")
            }
        }
    }

    /// The codes of two subject tables, in code order.
    func codeUnion(_ a: String, _ b: String) -> [String] {
        Array(Set(subjects(a).compactMap(\.code) + subjects(b).compactMap(\.code))).sorted()
    }

    /// A fund column of table 4 against the fund's own table: class by class, and the 本年支出合计.
    func fundColumn(_ column: String, table: String) {
        for row in classRows(Tab.fiscal, until: "本年支出合计") {
            guard let code = row.code else { continue }
            equal(f(Tab.fiscal, row.key, column), [s(table, code, "total")])
        }
        equal(f(Tab.fiscal, "本年支出合计", column), [t(table, "total")])
    }

    /// Whether a table holds any amount other than zero.
    func hasAmounts(_ table: String) -> Bool {
        (self.table(table)?.rows ?? []).contains { $0.values.values.contains { !$0.isZero } }
    }

    /// 收支总表 二/三 (with their carry-over in table 4) given ⇔ table 7/8 has amounts.
    func checkFundPresence() {
        guard has(Tab.summary) else { return }
        let income = incomeRows(Tab.summary, until: "本年收入合计")
        for (index, table) in [(1, Tab.governmentFund), (2, Tab.stateCapital)] where index < income.count && has(table) {
            let revenue = f(Tab.summary, income[index], "amount")
            var money = value(revenue) ?? .zero
            if has(Tab.fiscal), index < Row.fiscalCarryByFund.count {
                money += value(f(Tab.fiscal, Row.fiscalCarryByFund[index], "amount")) ?? .zero
            }
            let filled = hasAmounts(table)
            guard money.isZero == filled else { continue }
            let message = filled
                ? "\(title(table)) 有数据，但\(describe(revenue))为空（亦无年初结转）"
                : "\(describe(revenue)) \(money.displayText)，但\(title(table))为空表"
            report(about: revenue, reading: [], severity: .error, kind: .structure,
                   expected: filled ? "有金额" : "0.00", actual: money.displayText, message: message)
        }
    }

    /// Table 3 against tables 5 + 7 + 8, code by code and column by column.
    func checkExpenditureCoversFunds() {
        guard has(Tab.expenditure) else { return }
        let funds = Tab.fundTables.filter { has($0) }
        guard !funds.isEmpty else { return }
        let income = incomeRows(Tab.summary, until: "本年收入合计")
        let nonFiscal = income.dropFirst(3).contains { !(value(f(Tab.summary, $0, "amount")) ?? .zero).isZero }
        var codes = Set(subjects(Tab.expenditure).compactMap(\.code))
        for table in funds { codes.formUnion(subjects(table).compactMap(\.code)) }
        let rows: [String?] = [nil] + codes.sorted()
        for code in rows {
            for column in ["total", "basic", "project"] {
                let target = code.map { s(Tab.expenditure, $0, column) } ?? t(Tab.expenditure, column)
                let parts = funds.map { table in code.map { s(table, $0, column) } ?? t(table, column) }
                if nonFiscal { atLeast(target, parts) } else { equal(target, parts) }
            }
        }
    }

    /// E-1: a table has no amounts exactly when its 注 declares it empty.
    func checkEmptyNotes() {
        for template in set.tables {
            guard let data = table(template.id) else { continue }
            let note = data.note ?? template.footnote
            let declares = note.map(Self.declaresEmpty) ?? false
            let filled = hasAmounts(template.id)
            guard declares == filled else { continue }
            var cells: [CellLocation] = []
            if let cell = locator.noteReference(table: template.id) { cells.append(cell) }
            if filled {
                for row in BodyBuilder.ordered(data.rows) {
                    for column in template.columns.compactMap(\.field) where !(row.values[column]?.isZero ?? true) {
                        if let cell = locator.reference(table: template.id, row: row, column: column) { cells.append(cell) }
                    }
                }
            }
            let message = filled
                ? "\(title(template.id)) 的注称本表为空表（“\(note ?? "")”），但表中有金额"
                : "\(title(template.id)) 无数据，但没有说明空表的注（如“注：无…预算，空表列示。”）"
            report(Finding(rule: current?.id ?? "E-1", severity: .error, kind: .structure, table: template.id,
                           row: "注", column: nil, location: locator.noteReference(table: template.id), cells: cells,
                           expected: filled ? "无空表说明" : "空表说明", actual: note ?? "（无注）", message: message))
        }
    }

    /// Whether a 注 says its table is empty: 空表列示, 为空表, 无…预算, 未安排…, 无数据.
    static func declaresEmpty(_ note: String) -> Bool {
        let text = String(note.filter { !$0.isWhitespace })
        if text.contains("空表") || text.contains("无数据") || text.contains("没有数据") { return true }
        let characters = Array(text)
        let stops: Set<Character> = ["，", "。", ",", ".", "；", ";", "：", ":"]
        let objects = ["预算", "安排", "经费", "支出", "收入", "资金", "拨款"]
        for (i, character) in characters.enumerated() {
            let negation: Int
            if character == "无" { negation = 1 }
            else if character == "没", i + 1 < characters.count, characters[i + 1] == "有" { negation = 2 }
            else if character == "未", i + 1 < characters.count, characters[i + 1] == "安" { negation = 1 }
            else { continue }
            var clause = ""
            for next in characters.dropFirst(i + negation).prefix(40) {
                if stops.contains(next) { break }
                clause.append(next)
            }
            if objects.contains(where: { clause.contains($0) }) { return true }
        }
        return false
    }

    /// E-2: every table of the set is in the disclosure.
    func checkTablesPresent() {
        for template in set.tables where disclosure.tables[template.id] == nil {
            report(Finding(rule: current?.id ?? "E-2", severity: .error, kind: .structure, table: template.id,
                           message: "缺少\(template.title)：没有数据的表也应列出空表并说明"))
        }
    }

    /// C-1: code form, ascending order, parents printed, one name per code across tables.
    func checkCodes() {
        var names: [String: (table: String, name: String)] = [:]
        for template in set.tables where template.kind == .subjects {
            guard table(template.id) != nil else { continue }
            let kind = template.codeKind ?? .function
            let lengths = kind.lengths
            let rows = subjects(template.id)
            let codes = Set(rows.compactMap(\.code))
            var previous: String?
            for row in rows {
                guard let code = row.code else { continue }
                let term = Term(table: template.id, row: row, column: "code")
                guard code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), lengths.contains(code.utf8.count) else {
                    let form = kind == .function ? "功能分类编码应为 3、5 或 7 位数字" : "经济分类编码应为 3 或 5 位数字"
                    report(about: term, reading: [], severity: .error, kind: .structure,
                           expected: lengths.map { "\($0) 位" }.joined(separator: "/"), actual: code,
                           message: "\(title(template.id)) 科目编码 \(code) 格式不对：\(form)")
                    continue
                }
                if let previous, !(previous < code) {
                    report(about: term, reading: [Term(table: template.id, row: subject(template.id, previous), column: "code")],
                           severity: .error, kind: .structure, expected: "> \(previous)", actual: code,
                           message: previous == code ? "\(title(template.id)) 科目 \(code) 重复列出"
                                                     : "\(title(template.id)) 科目 \(code) 排在 \(previous) 之后，应按编码升序排列")
                }
                previous = code
                if code.count > lengths[0] {
                    let parent = String(code.prefix(code.count - 2))
                    if !codes.contains(parent) {
                        report(about: term, reading: [], severity: .error, kind: .structure, expected: parent, actual: nil,
                               message: "\(title(template.id)) 科目 \(code) 的上级科目 \(parent) 未列出")
                    }
                }
                guard kind == .function, let name = row.name else { continue }
                let plain = String(name.filter { !$0.isWhitespace })
                if let first = names[code] {
                    if first.name != plain {
                        report(about: Term(table: template.id, row: row, column: "name"),
                               reading: [Term(table: first.table, row: subject(first.table, code), column: "name")],
                               severity: .error, kind: .structure, expected: first.name, actual: plain,
                               message: "科目 \(code) 在\(title(template.id))名为“\(plain)”，在\(title(first.table))名为“\(first.name)”")
                    }
                } else {
                    names[code] = (template.id, plain)
                }
            }
        }
    }
}
