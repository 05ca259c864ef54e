import Foundation

/// Finds template sets: the built-in ones compiled into the binary from
/// `Templates/`, and further ones loaded at run time from a directory.
public struct TemplateLibrary: Sendable {
    /// The sets available, by id.
    public private(set) var sets: [String: TemplateSet]
    /// The directory further sets were loaded from, where the layouts of the
    /// other parts (`sections.json`) are looked for too; nil for the built-in sets only.
    public private(set) var directory: String?

    /// The set manifest: `set.json` in a set's directory.
    private struct Manifest: Codable {
        var id: String
        var name: String
        var font: String
        var moneyUnit: String
        var contentsTitle: String
        var tables: [String]
    }

    /// The sets compiled into the binary.
    public static func builtIn() throws -> TemplateLibrary {
        var sets: [String: TemplateSet] = [:]
        let manifests = EmbeddedResources.files.keys.filter { $0.hasPrefix("Templates/") && $0.hasSuffix("/set.json") }
        for path in manifests.sorted() {
            let directory = String(path.dropLast("/set.json".count))
            let set = try load(manifestPath: path) { name in
                let key = directory + "/" + name
                guard let base64 = EmbeddedResources.files[key], let data = Data(base64Encoded: base64) else {
                    throw BudgetError(.invalidTemplate, "template file \(key) is not among the built-in templates")
                }
                return data
            }
            sets[set.id] = set
        }
        return TemplateLibrary(sets: sets, directory: nil)
    }

    /// The built-in sets plus those found in `directory`: the directory may
    /// be one set (holding `set.json`) or hold one set per subdirectory. A set
    /// loaded here replaces a built-in set of the same id.
    public static func loading(directory: String) throws -> TemplateLibrary {
        var library = try builtIn()
        library.directory = directory
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BudgetError(.invalidTemplate, "template directory \(directory) does not exist")
        }
        var candidates = [directory]
        if !fm.fileExists(atPath: directory + "/set.json") {
            let entries = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
            candidates = entries.sorted().map { directory + "/" + $0 }.filter { fm.fileExists(atPath: $0 + "/set.json") }
        }
        guard !candidates.isEmpty else {
            throw BudgetError(.invalidTemplate, "template directory \(directory) holds no set.json, neither itself nor in a subdirectory")
        }
        for dir in candidates {
            let set = try load(manifestPath: dir + "/set.json") { name in
                let path = dir + "/" + name
                guard let data = fm.contents(atPath: path) else {
                    throw BudgetError(.invalidTemplate, "cannot read template file \(path)")
                }
                return data
            }
            library.sets[set.id] = set
        }
        return library
    }

    /// The set of an id; the error lists the ids known.
    public func set(_ id: String) throws -> TemplateSet {
        guard let set = sets[id] else {
            let known = sets.keys.sorted().joined(separator: ", ")
            throw BudgetError(.invalidTemplate, "unknown template set \"\(id)\" (known: \(known))")
        }
        return set
    }

    private static func load(manifestPath: String, read: (String) throws -> Data) throws -> TemplateSet {
        let decoder = JSONDecoder()
        let manifestData = try read("set.json")
        let manifest: Manifest
        do {
            manifest = try decoder.decode(Manifest.self, from: manifestData)
        } catch {
            throw BudgetError(.invalidTemplate, "template set manifest \(manifestPath) is malformed", cause: describe(error))
        }
        var tables: [TableTemplate] = []
        for file in manifest.tables {
            let data = try read(file)
            let table: TableTemplate
            do {
                table = try decoder.decode(TableTemplate.self, from: data)
            } catch {
                throw BudgetError(.invalidTemplate, "template \(manifest.id)/\(file) is malformed", cause: describe(error))
            }
            try TemplateCheck.check(table, file: "\(manifest.id)/\(file)")
            guard !tables.contains(where: { $0.id == table.id }) else {
                throw BudgetError(.invalidTemplate, "template set \(manifest.id) has two tables with id \"\(table.id)\"")
            }
            tables.append(table)
        }
        return TemplateSet(id: manifest.id, name: manifest.name, font: manifest.font, moneyUnit: manifest.moneyUnit,
                           contentsTitle: manifest.contentsTitle, tables: tables)
    }
}

/// Checks that a template is usable before any workbook is made from it.
enum TemplateCheck {
    static func check(_ table: TableTemplate, file: String) throws {
        func fail(_ why: String) -> BudgetError { BudgetError(.invalidTemplate, "template \(file): \(why)") }
        let columns = table.columns
        guard !columns.isEmpty else { throw fail("the header has no columns") }
        for column in columns where column.field == nil {
            throw fail("header column \"\(column.label)\" says nothing about what fills it (no \"field\")")
        }
        for column in columns {
            for field in column.sum ?? [] where !columns.contains(where: { $0.field == field && $0.side == column.side && $0.isValue }) {
                throw fail("column \"\(column.label)\" sums \"\(field)\", which no column of its side holds")
            }
        }
        switch table.kind {
        case .subjects:
            guard table.codeKind != nil else { throw fail("a subjects table needs \"codeKind\"") }
            for field in ["code", "name"] where !columns.contains(where: { $0.field == field }) {
                throw fail("a subjects table needs a \(field) column")
            }
            var seen = Set<String>()
            for key in table.valueKeys(side: nil) where !seen.insert(key).inserted {
                throw fail("two columns are filled by \"\(key)\"")
            }
        case .fixed:
            guard let rows = table.rows, !rows.isEmpty else { throw fail("a fixed table needs \"rows\"") }
            let sides = Set(table.sides)
            var keys = Set<String>()
            for row in rows {
                for (side, cell) in row.cells {
                    guard sides.contains(side) else { throw fail("row \(row.index ?? 0) names side \"\(side)\", which no column has") }
                    guard keys.insert(cell.key).inserted else { throw fail("the row key \"\(cell.key)\" is used twice") }
                }
            }
            for side in sides where !columns.contains(where: { $0.side == side && $0.field == "label" }) {
                throw fail("side \"\(side)\" has no label column")
            }
            for row in rows {
                for (side, cell) in row.cells {
                    for key in cell.sum ?? [] where !rows.contains(where: { $0.cells[side]?.key == key }) {
                        throw fail("row \"\(cell.key)\" sums \"\(key)\", which is no row of side \"\(side)\"")
                    }
                }
            }
        }
    }
}

/// A readable description of a decoding error, with the path of the field.
func describe(_ error: Error) -> String {
    func path(_ keys: [CodingKey]) -> String {
        var result = ""
        for key in keys {
            if let index = key.intValue { result += "[\(index)]" } else { result += (result.isEmpty ? "" : ".") + key.stringValue }
        }
        return result.isEmpty ? "the document" : result
    }
    guard let decoding = error as? DecodingError else { return "\(error)" }
    switch decoding {
    case .dataCorrupted(let context):
        if context.codingPath.isEmpty {
            let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return "not valid JSON" + (underlying.map { ": \($0)" } ?? "")
        }
        return "\(path(context.codingPath)): \(context.debugDescription)"
    case .keyNotFound(let key, let context):
        return "\(path(context.codingPath + [key])): required field is missing"
    case .typeMismatch(let type, let context):
        return "\(path(context.codingPath)): expected \(type)"
    case .valueNotFound(let type, let context):
        return "\(path(context.codingPath)): expected \(type), found null"
    @unknown default:
        return "\(error)"
    }
}
