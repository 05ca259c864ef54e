/// Checks that a disclosure fits its templates before anything is written:
/// every table known, every fixed row known and present once, every column
/// key known, every subject code well-formed. Errors name the JSON field.
public enum DisclosureCheck {
    /// Throws `BudgetError(.invalidData)` naming the first field that does not fit.
    public static func check(_ disclosure: Disclosure, against set: TemplateSet) throws {
        func fail(_ path: String, _ why: String) -> BudgetError {
            BudgetError(.invalidData, "\(path): \(why)")
        }
        if disclosure.unit.code.trimmingWhitespace.isEmpty { throw fail("unit.code", "the unit code is empty") }
        if disclosure.unit.name.trimmingWhitespace.isEmpty { throw fail("unit.name", "the unit name is empty") }
        guard (1900...2999).contains(disclosure.year) else {
            throw fail("year", "\(disclosure.year) is not a budget year")
        }
        if disclosure.moneyUnit.trimmingWhitespace.isEmpty { throw fail("moneyUnit", "the money unit is empty") }
        for id in disclosure.tables.keys.sorted() where set.table(id) == nil {
            let known = set.tables.map(\.id).joined(separator: ", ")
            throw fail("tables.\(id)", "unknown table \"\(id)\" in template set \(set.id) (known: \(known))")
        }
        for template in set.tables {
            guard let table = disclosure.tables[template.id] else { continue }
            let base = "tables.\(template.id)"
            switch template.kind {
            case .fixed: try checkFixed(table, template, base, fail)
            case .subjects: try checkSubjects(table, template, base, fail)
            }
        }
    }

    private static func checkFixed(_ table: TableData, _ template: TableTemplate, _ base: String,
                                   _ fail: (String, String) -> BudgetError) throws {
        var sideOfKey: [String: String] = [:]
        for row in template.rows ?? [] { for (side, cell) in row.cells { sideOfKey[cell.key] = side } }
        var seen = Set<String>()
        var allowedOfSide: [String: [String]] = [:]
        for (i, row) in table.rows.enumerated() {
            let path = "\(base).rows[\(i)]"
            guard let key = row.key else {
                throw fail(path, "a row of \(template.title) needs a \"key\" naming its fixed row (e.g. \"\(template.rows?.first?.cells.values.first?.key ?? "")\")")
            }
            if row.code != nil { throw fail("\(path).code", "\(template.title) has fixed rows only; a subject code does not belong here") }
            guard let side = sideOfKey[key] else {
                throw fail("\(path).key", "unknown fixed row \"\(key)\" in \(template.title)")
            }
            guard seen.insert(key).inserted else { throw fail("\(path).key", "fixed row \"\(key)\" appears twice") }
            let allowed = allowedOfSide[side] ?? template.valueKeys(side: side)
            allowedOfSide[side] = allowed
            // Sorted only when a key is unknown: the first unknown key in order is reported.
            for column in row.values.keys.allSatisfy(allowed.contains) ? [] : row.values.keys.sorted()
                where !allowed.contains(column) {
                throw fail("\(path).values.\(column)",
                           "unknown column \"\(column)\" for row \"\(key)\" (columns: \(allowed.joined(separator: ", ")))")
            }
        }
        for row in template.rows ?? [] where !row.cells.values.allSatisfy({ seen.contains($0.key) }) {
            for side in row.cells.keys.sorted() {
                guard let cell = row.cells[side] else { continue }
                if !seen.contains(cell.key) {
                    throw fail("\(base).rows", "fixed row \"\(cell.key)\" of \(template.title) is missing (give it with empty \"values\" when it has no amounts)")
                }
            }
        }
    }

    private static func checkSubjects(_ table: TableData, _ template: TableTemplate, _ base: String,
                                      _ fail: (String, String) -> BudgetError) throws {
        let allowed = template.valueKeys(side: nil)
        let totalKey = template.totalLabel ?? "合计"
        let lengths = template.codeKind?.lengths ?? [3, 5, 7]
        var codes = Set<String>()
        var hasTotal = false
        for (i, row) in table.rows.enumerated() {
            let path = "\(base).rows[\(i)]"
            if let key = row.key {
                guard key == totalKey else {
                    throw fail("\(path).key", "unknown fixed row \"\(key)\" in \(template.title) (its only fixed row is \"\(totalKey)\")")
                }
                guard !hasTotal else { throw fail("\(path).key", "the \(totalKey) row appears twice") }
                if row.code != nil { throw fail("\(path).code", "the \(totalKey) row has no subject code") }
                hasTotal = true
            } else {
                guard let code = row.code else {
                    throw fail(path, "a row needs a subject \"code\" (or \"key\": \"\(totalKey)\")")
                }
                guard code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), lengths.contains(code.utf8.count) else {
                    let kind = template.codeKind == .economic ? "an economic classification code (3 or 5 digits)"
                                                              : "a function classification code (3, 5 or 7 digits)"
                    throw fail("\(path).code", "\"\(code)\" is not \(kind)")
                }
                guard codes.insert(code).inserted else { throw fail("\(path).code", "subject \(code) appears twice") }
                if (row.name ?? "").trimmingWhitespace.isEmpty {
                    throw fail("\(path).name", "subject \(code) has no name")
                }
            }
            for column in row.values.keys.allSatisfy(allowed.contains) ? [] : row.values.keys.sorted()
                where !allowed.contains(column) {
                throw fail("\(path).values.\(column)",
                           "unknown column \"\(column)\" in \(template.title) (columns: \(allowed.joined(separator: ", ")))")
            }
        }
        if !codes.isEmpty && !hasTotal {
            throw fail("\(base).rows", "the \(totalKey) row of \(template.title) is missing")
        }
    }
}
