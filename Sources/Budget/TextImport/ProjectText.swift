import Foundation

/// Reading the 项目绩效目标表 of section 六.
extension TextParser {
    /// `12、养老稽核专项经费绩效目标表` (the heading may wrap onto the next line).
    static func projectHeading(_ line: TextLine) -> Int? {
        guard line.isSingle, let mark = line.text.firstIndex(of: "、") else { return nil }
        return Int(line.text[..<mark])
    }

    mutating func parseProjects(section: Int) {
        var list: [Project] = []
        var builder: ProjectBuilder?
        func close(_ parser: inout TextParser) {
            guard let done = builder else { return }
            if done.project.code.isEmpty {
                parser.report.notes.append(.init(line: done.headingLine, kind: .unplaced,
                                                 message: "project \(done.number) has no 项目编码 line; not read"))
            } else {
                list.append(done.project)
            }
            builder = nil
        }
        while let line = current, !startsSection(line, after: section) {
            i += 1
            if line.isBlank { continue }
            if let number = Self.projectHeading(line) {
                close(&self)
                var heading = line.text
                // A heading wrapped onto a second line (`…（冀财社【2024】155 号）` / `绩效目标表`).
                var ahead = i
                while ahead < lines.count, lines[ahead].isBlank { ahead += 1 }
                if !TextLine.key(heading).hasSuffix("绩效目标表"), ahead < lines.count, lines[ahead].isSingle,
                   TextLine.key(heading + lines[ahead].text).hasSuffix("绩效目标表") {
                    heading += lines[ahead].text
                    note(lines[ahead], .repaired, "continues the heading of project \(number) (wrapped); joined")
                    i = ahead + 1
                }
                if number != list.count + 1 {
                    note(line, .repaired, "project numbered \(number) follows \(list.count) projects read")
                }
                builder = ProjectBuilder(number: number, headingLine: line.number, heading: heading)
                continue
            }
            guard builder != nil else {
                if line.isSingle { unplaced(line, "text in section 六 before the first 项目绩效目标表") } else {
                    unplaced(line, "a table row in section 六 before the first 项目绩效目标表")
                }
                continue
            }
            if line.isSingle, line.head.hasPrefix("单位：") { continue }
            var notes: [TextImportReport.Note] = []
            builder?.read(line, notes: &notes)
            report.notes += notes
        }
        close(&self)
        projects = (projects ?? []) + list
    }
}

/// Builds one project from its lines.
struct ProjectBuilder {
    enum State { case start, budget, purpose, plan, goal, indicators }

    let number: Int
    let headingLine: Int
    var project = Project(code: "", name: "")
    var state = State.start
    /// Header lines of the spending plan: column → month index (0…3).
    var planHeaders: [[Int: Int]] = []
    /// Indicator header: field index (0…5) → column.
    var indicatorColumns: [Int] = Array(0..<6)
    var sawGoal = false

    init(number: Int, headingLine: Int, heading: String) {
        self.number = number
        self.headingLine = headingLine
    }

    static let monthLabels = ["3月底", "6月底", "10月底", "12月底"]

    static func month(_ cell: String) -> Int? { monthLabels.firstIndex(of: TextLine.key(cell)) }

    /// `12月底 100.00`: a label and its amount in one cell.
    static func monthWithAmount(_ cell: String) -> (Int, Amount)? {
        let key = TextLine.key(cell)
        for (i, label) in monthLabels.enumerated() where key.hasPrefix(label) {
            if let value = Amount(key.dropFirst(label.count)) { return (i, value) }
        }
        return nil
    }

    private func note(_ line: TextLine, _ kind: TextImportReport.Note.Kind, _ message: String) -> TextImportReport.Note {
        .init(line: line.number, kind: kind, message: "project \(number): " + message)
    }

    private func unplaced(_ line: TextLine, _ why: String) -> TextImportReport.Note {
        note(line, .unplaced, "\(why): \"\(line.cells.joined(separator: " | "))\"")
    }

    /// The text of the cells after the first, joined by a space.
    private static func rest(_ line: TextLine) -> String {
        line.cells.dropFirst().filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Whether every filled cell is a month label, an amount, or both.
    private static func isPlanLine(_ line: TextLine) -> Bool {
        let filled = line.filled
        return !filled.isEmpty && filled.allSatisfy { month($0) != nil || monthWithAmount($0) != nil || Amount($0) != nil }
    }

    mutating func read(_ line: TextLine, notes: inout [TextImportReport.Note]) {
        let head = line.head
        if head.hasPrefix("项目编码") {
            readCode(line, notes: &notes)
        } else if head.hasPrefix("预算规模") {
            readBudget(line, notes: &notes)
            state = .budget
        } else if head.hasPrefix("资金支出计") {
            planHeaders.append(Self.labels(line))
            state = .plan
        } else if head == "绩效目标" {
            project.goal = Self.rest(line)
            sawGoal = true
            state = .goal
        } else if head == "一级指标" {
            readIndicatorHeader(line, notes: &notes)
            state = .indicators
        } else if state == .indicators {
            readIndicator(line, notes: &notes)
        } else if state == .plan && Self.isPlanLine(line) {
            readPlan(line, notes: &notes)
        } else if head.isEmpty && state == .budget {
            project.purpose = Self.rest(line)
            state = .purpose
        } else if head.isEmpty && state == .goal {
            project.goal += "\n" + Self.rest(line)
        } else if head.isEmpty && state == .plan && !sawGoal {
            project.goal = Self.rest(line)
            sawGoal = true
            state = .goal
            notes.append(note(line, .repaired, "text after the 资金支出计划 without the 绩效目标 label; read as 绩效目标"))
        } else {
            notes.append(unplaced(line, "not part of a project table"))
        }
    }

    private mutating func readCode(_ line: TextLine, notes: inout [TextImportReport.Note]) {
        let cells = line.cells
        func after(_ label: String) -> String? {
            guard let at = cells.firstIndex(where: { TextLine.key($0) == label }) else { return nil }
            return cells[(at + 1)...].first { !$0.isEmpty && TextLine.key($0) != "项目名称" }
        }
        guard let code = after("项目编码"), let name = after("项目名称") else {
            notes.append(unplaced(line, "a 项目编码 line without a code or a name"))
            return
        }
        if !project.code.isEmpty { notes.append(note(line, .repaired, "a second 项目编码 line; the later one is kept")) }
        project.code = code
        project.name = name
    }

    private mutating func readBudget(_ line: TextLine, notes: inout [TextImportReport.Note]) {
        let cells = line.cells
        func value(_ label: String) -> Amount? {
            guard let at = cells.firstIndex(where: { TextLine.key($0) == label }), at + 1 < cells.count else { return nil }
            let text = cells[at + 1]
            if text.isEmpty { return nil }
            guard let amount = Amount(text) else {
                notes.append(note(line, .unplaced, "\"\(text)\" after \(label) is not an amount; left blank"))
                return nil
            }
            return amount
        }
        project.budget = value("预算数")
        project.fiscal = value("其中：财政资金") ?? value("财政资金")
        project.other = value("其他资金")
        if project.budget == nil { notes.append(note(line, .repaired, "no 预算数 on the 预算规模 line; left blank")) }
    }

    /// Column → month of the labels of a line.
    private static func labels(_ line: TextLine) -> [Int: Int] {
        var result: [Int: Int] = [:]
        for (column, cell) in line.cells.enumerated() {
            if let month = month(cell) { result[column] = month }
        }
        return result
    }

    /// A line of the spending plan: amounts under the labels of the lines above,
    /// labels (a further header line), or labels and amounts side by side.
    private mutating func readPlan(_ line: TextLine, notes: inout [TextImportReport.Note]) {
        let own = Self.labels(line)
        if !own.isEmpty { planHeaders.append(own) }
        for (column, cell) in line.cells.enumerated() where !cell.isEmpty {
            if Self.month(cell) != nil { continue }
            var month: Int?
            var amount: Amount?
            if let (m, value) = Self.monthWithAmount(cell) {
                month = m
                amount = value
            } else if let value = Amount(cell) {
                amount = value
                if let exact = planHeaders.reversed().lazy.compactMap({ $0[column] }).first, own.isEmpty {
                    month = exact
                } else if let latest = planHeaders.last, let left = latest.keys.filter({ $0 < column }).max(), let m = latest[left] {
                    month = m
                    if own.isEmpty {
                        notes.append(note(line, .repaired, "\(cell) stands \(column - left) column(s) right of \(Self.monthLabels[m]); read as \(Self.monthLabels[m])"))
                    }
                }
            }
            guard let month, let amount else {
                notes.append(note(line, .unplaced, "\"\(cell)\" in the 资金支出计划 is under no month; left out"))
                continue
            }
            let key = SpendingPlan.months[month].key
            if project.plan[keyPath: key] != nil {
                notes.append(note(line, .unplaced, "a second amount \(cell) for \(Self.monthLabels[month]); the first is kept"))
                continue
            }
            project.plan[keyPath: key] = amount
        }
    }

    private static let indicatorLabels = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]

    private mutating func readIndicatorHeader(_ line: TextLine, notes: inout [TextImportReport.Note]) {
        let cells = line.cells.map(TextLine.key)
        var columns: [Int] = []
        for label in Self.indicatorLabels {
            guard let at = cells.firstIndex(of: label) else {
                notes.append(note(line, .repaired, "the indicator header lacks \(label); the standard columns are used"))
                indicatorColumns = Array(0..<6)
                return
            }
            columns.append(at)
        }
        if columns != Array(0..<6) {
            notes.append(note(line, .repaired, "indicator header shifted (columns \(columns.map { String($0 + 1) }.joined(separator: ","))); rows below read by it"))
        }
        indicatorColumns = columns
    }

    private mutating func readIndicator(_ line: TextLine, notes: inout [TextImportReport.Note]) {
        var fields = indicatorColumns.map { line.cell($0) }
        // A filled cell in no column of the header goes with the column to its left.
        for (column, cell) in line.cells.enumerated() where !cell.isEmpty && !indicatorColumns.contains(column) {
            guard let field = indicatorColumns.lastIndex(where: { $0 < column }) else {
                notes.append(unplaced(line, "a cell left of the indicator columns"))
                return
            }
            fields[field] += cell
            notes.append(note(line, .repaired, "\"\(cell)\" stands between the indicator columns; added to \(Self.indicatorLabels[field])"))
        }
        var level1 = fields[0], level2 = fields[1], level3 = fields[2]
        if level1.isEmpty && level2.isEmpty {
            guard let last = project.indicators.indices.last else {
                notes.append(unplaced(line, "an indicator continuation without an indicator before it"))
                return
            }
            var previous = project.indicators[last]
            previous.level3 += fields[2]
            previous.description += fields[3]
            previous.value += fields[4]
            previous.basis += fields[5]
            project.indicators[last] = previous
            notes.append(note(line, .repaired, "continues the indicator \"\(previous.level3)\" (a cell wrapped over a page break); joined"))
            return
        }
        if level1.isEmpty && Indicator.level1Names.contains(level2) {
            notes.append(note(line, .repaired, "一级指标 \(level2) printed in the 二级指标 column and 二级指标 \(level3) in the 三级指标 column; read as 一级 \(level2), 二级 \(level3), 三级 blank"))
            level1 = level2
            level2 = level3
            level3 = ""
        }
        if level1.isEmpty {
            let above = project.indicators.last?.level1 ?? ""
            if let owner = Indicator.level1Of[level2], owner != above {
                notes.append(note(line, .repaired, "一级指标 blank\(above.isEmpty ? "" : " under \(above)"), but \(level2) belongs to \(owner); read as \(owner)"))
                level1 = owner
            } else {
                level1 = above
            }
        }
        if Indicator.level1Of[level2] == nil {
            notes.append(note(line, .repaired, "二级指标 \"\(level2)\" is not one of the template's; kept as printed"))
        }
        project.indicators.append(Indicator(level1: level1, level2: level2, level3: level3, description: fields[3],
                                            value: fields[4], basis: fields[5]))
    }
}
