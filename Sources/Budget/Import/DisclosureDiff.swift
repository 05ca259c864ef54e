/// One difference between two versions of a disclosure.
public struct Change: Codable, Sendable, Equatable, CustomStringConvertible {
    /// What kind of difference.
    public enum Kind: String, Codable, Sendable {
        /// An amount changed, appeared or was cleared.
        case changed
        /// A row exists only in the new version.
        case added
        /// A row exists only in the old version.
        case removed
        /// The 注 under a table changed.
        case note
        /// The unit, year or money unit changed.
        case unit
    }

    /// What kind of difference.
    public var kind: Kind
    /// Table id (empty for unit changes).
    public var table: String
    /// The table's title.
    public var title: String
    /// The row: `2080101 行政运行`, `本年收入合计`.
    public var row: String
    /// The column key (`total`), when one value changed.
    public var column: String?
    /// The column's header label (`合计`).
    public var columnLabel: String?
    /// The old value (decimal text; nil for blank).
    public var old: String?
    /// The new value (decimal text; nil for blank).
    public var new: String?
    /// The cell in the new workbook (or, for a removed row, where it was).
    public var cell: String?

    public var description: String {
        let at = cell.map { " (\($0))" } ?? ""
        switch kind {
        case .changed:
            return "\(title) | \(row) | \(columnLabel ?? column ?? ""): \(old ?? "blank") → \(new ?? "blank")\(at)"
        case .added:
            return "\(title) | \(row): row added\(at)"
        case .removed:
            return "\(title) | \(row): row removed\(cell.map { " (was \($0))" } ?? "")"
        case .note:
            return "\(title) | 注: \"\(old ?? "")\" → \"\(new ?? "")\"\(at)"
        case .unit:
            return "\(row): \(old ?? "") → \(new ?? "")"
        }
    }
}

/// Compares two versions of a disclosure table by table, row by row (by
/// subject code or fixed row key), column by column.
public enum DisclosureDiff {
    /// The changes from `old` to `new`. `locateNew` and `locateOld` give the
    /// cell (`Sheet!A1`) of a value in each version's workbook.
    public static func changes(from old: Disclosure, to new: Disclosure, set: TemplateSet,
                               locateNew: (String, DataRow, String) -> String?,
                               locateOld: (String, DataRow, String) -> String?) -> [Change] {
        var changes: [Change] = []
        func unitChange(_ what: String, _ a: String, _ b: String) {
            if a != b { changes.append(Change(kind: .unit, table: "", title: "", row: what, old: a, new: b)) }
        }
        unitChange("单位编码", old.unit.code, new.unit.code)
        unitChange("单位名称", old.unit.name, new.unit.name)
        unitChange("预算年度", String(old.year), String(new.year))
        unitChange("金额单位", old.moneyUnit, new.moneyUnit)
        for template in set.tables {
            let a = old.tables[template.id] ?? TableData()
            let b = new.tables[template.id] ?? TableData()
            if old.tables[template.id] == nil && new.tables[template.id] == nil { continue }
            let labels = Dictionary(template.columns.compactMap { c in c.field.map { ($0, c.label) } }, uniquingKeysWith: { x, _ in x })
            let oldRows = Dictionary(a.rows.map { (SheetMap.identity(of: $0), $0) }, uniquingKeysWith: { x, _ in x })
            let newIDs = Set(b.rows.map(SheetMap.identity(of:)))
            let keyColumn = template.kind == .subjects ? "code" : "label"
            for row in b.rows {
                let id = SheetMap.identity(of: row)
                guard let before = oldRows[id] else {
                    let first = template.columns.first { $0.isValue }?.field ?? ""
                    changes.append(Change(kind: .added, table: template.id, title: template.title, row: row.label,
                                          cell: locateNew(template.id, row, keyColumn) ?? locateNew(template.id, row, first)))
                    continue
                }
                for field in template.columns.compactMap({ $0.isValue ? $0.field : nil }).uniqued() {
                    let x = before.values[field], y = row.values[field]
                    if x != y {
                        changes.append(Change(kind: .changed, table: template.id, title: template.title, row: row.label,
                                              column: field, columnLabel: labels[field], old: x?.displayText, new: y?.displayText,
                                              cell: locateNew(template.id, row, field)))
                    }
                }
                if template.kind == .subjects, before.name != row.name {
                    changes.append(Change(kind: .changed, table: template.id, title: template.title, row: row.label,
                                          column: "name", columnLabel: "科目名称", old: before.name, new: row.name,
                                          cell: locateNew(template.id, row, "name")))
                }
            }
            for row in a.rows where !newIDs.contains(SheetMap.identity(of: row)) {
                changes.append(Change(kind: .removed, table: template.id, title: template.title, row: row.label,
                                      cell: locateOld(template.id, row, keyColumn)))
            }
            if (a.note ?? "") != (b.note ?? "") {
                changes.append(Change(kind: .note, table: template.id, title: template.title, row: "注", old: a.note, new: b.note))
            }
        }
        return changes
    }
}

extension Sequence where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
