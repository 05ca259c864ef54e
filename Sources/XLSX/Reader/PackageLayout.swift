/// The structure of an XLSX package: relationships from `_rels/.rels` to the workbook part, and
/// from the workbook's relationships to the sheets, shared strings and styles.
struct PackageLayout {
    var sheets: [SheetInfo]
    var date1904: Bool
    var sharedStringsPart: String?
    var stylesPart: String?

    /// Reads the layout, telling apart files that are zip archives but not XLSX workbooks.
    static func read(_ archive: ZipArchive, path: String) throws -> PackageLayout {
        if let mimetype = archive.entry(named: "mimetype") {
            let text = String(decoding: try archive.readPrefix(mimetype, maxBytes: 200), as: UTF8.self)
            if text.hasPrefix("application/vnd.oasis.opendocument.spreadsheet") {
                throw XLSXError(.notXLSX, "\(path) is an OpenDocument spreadsheet (.ods), not .xlsx")
            }
            if text.hasPrefix("application/vnd.oasis.opendocument") {
                throw XLSXError(.notXLSX, "\(path) is an OpenDocument file (\(text)), not an .xlsx workbook")
            }
        }
        guard archive.entry(named: "[Content_Types].xml") != nil else {
            throw XLSXError(.notXLSX, "\(path) is a zip archive but not an XLSX workbook: it has no [Content_Types].xml")
        }
        let rootRelationships = try relationships(of: "", in: archive, path: path) ?? []
        guard let office = rootRelationships.first(where: { $0.hasType("officeDocument") && !$0.external }) else {
            throw XLSXError(.notXLSX, "\(path) is a zip archive but not an XLSX workbook: _rels/.rels has no officeDocument relationship")
        }
        let workbookPart = try resolve(office, from: "", path: path)
        guard let workbookEntry = archive.entry(named: workbookPart) else {
            throw XLSXError(.damaged, "\(path): the workbook part \(workbookPart) named in _rels/.rels is missing")
        }
        let workbook = WorkbookHandler()
        try parseXML(archive, workbookEntry, workbook)
        guard workbook.rootName == "workbook" else {
            throw XLSXError(.notXLSX, "\(path) is not an XLSX workbook: its main part \(workbookEntry.name) is a <\(workbook.rootName ?? "")> document")
        }
        guard !workbook.sheets.isEmpty else {
            throw XLSXError(.damaged, "\(path): the workbook (part \(workbookEntry.name)) contains no sheets")
        }
        // Every sheet needs a part of its own, so a list longer than the archive is hostile.
        guard workbook.sheets.count <= archive.limits.maxEntries else {
            throw XLSXError(.limitExceeded, "\(path): the workbook (part \(workbookEntry.name)) lists \(workbook.sheets.count) sheets, more than the limit of \(archive.limits.maxEntries) entries")
        }
        try checkSheetNames(workbook.sheets, part: workbookEntry.name, path: path)
        let relsName = relationshipsPart(of: workbookEntry.name)
        guard let related = try relationships(of: workbookEntry.name, in: archive, path: path) else {
            throw XLSXError(.damaged, "\(path): the workbook's relationships part \(relsName) is missing, so its sheets cannot be found")
        }
        var byID: [String: Relationship] = [:]
        for relationship in related where byID[relationship.id] == nil { byID[relationship.id] = relationship }
        var sheets: [SheetInfo] = []
        for (index, sheet) in workbook.sheets.enumerated() {
            guard let id = sheet.relationshipID, let relationship = byID[id] else {
                throw XLSXError(.damaged, "\(path): sheet \"\(sheet.name)\" refers to relationship \(sheet.relationshipID ?? "(none)"), which \(relsName) does not define")
            }
            guard !relationship.external else {
                throw XLSXError(.damaged, "\(path): sheet \"\(sheet.name)\" refers to relationship \(id) in \(relsName), whose target \(relationship.target) is outside the package (TargetMode=\"External\")")
            }
            sheets.append(SheetInfo(name: sheet.name, index: index, state: sheet.state,
                                    partName: try resolve(relationship, from: workbookEntry.name, path: path)))
        }
        let strings = related.first { $0.hasType("sharedStrings") && !$0.external }
        let styles = related.first { $0.hasType("styles") && !$0.external }
        return PackageLayout(sheets: sheets, date1904: workbook.date1904,
                             sharedStringsPart: try strings.map { try resolve($0, from: workbookEntry.name, path: path) },
                             stylesPart: try styles.map { try resolve($0, from: workbookEntry.name, path: path) })
    }

    /// Refuses a sheet without a name, and two sheets whose names differ only in case (Excel compares
    /// sheet names without regard to case).
    private static func checkSheetNames(_ sheets: [WorkbookSheet], part: String, path: String) throws {
        // A workbook has a few dozen sheets at most: comparing bytes pairwise is cheaper than hashing
        // names, which for non-ASCII text means normalising them first. A long list is hashed.
        let pairwise = sheets.count <= 64
        var folded: [String] = []
        folded.reserveCapacity(sheets.count)
        var seen: [String: Int] = [:]
        for (j, sheet) in sheets.enumerated() {
            guard !sheet.name.isEmpty else {
                throw XLSXError(.damaged, "\(path): the workbook (part \(part)) has a sheet without a name")
            }
            let key = caseFolded(sheet.name)
            let earlier = pairwise ? folded.firstIndex { sameBytes($0, key) } : seen[key]
            if let i = earlier {
                throw XLSXError(.damaged, "\(path): the workbook (part \(part)) has two sheets named \"\(sheets[i].name)\" and \"\(sheet.name)\"; sheet names must be unique")
            }
            if pairwise { folded.append(key) } else { seen[key] = j }
        }
    }

    /// Resolves a relationship's target, refusing one that climbs out of the package with `..`.
    private static func resolve(_ relationship: Relationship, from source: String, path: String) throws -> String {
        guard let part = resolve(relationship.target, from: source) else {
            throw XLSXError(.damaged, "\(path): relationship \(relationship.id) in \(relationshipsPart(of: source)) points outside the package (target \(relationship.target))")
        }
        return part
    }

    /// The relationships of a part (`""` for the package itself), or nil when it has none.
    private static func relationships(of part: String, in archive: ZipArchive, path: String) throws -> [Relationship]? {
        guard let entry = archive.entry(named: relationshipsPart(of: part)) else { return nil }
        let handler = RelationshipsHandler()
        try parseXML(archive, entry, handler)
        return handler.relationships
    }

    /// `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; the package → `_rels/.rels`.
    static func relationshipsPart(of part: String) -> String {
        let (directory, file) = split(part)
        return directory + "_rels/" + file + ".rels"
    }

    /// Resolves a relationship target against the part that holds the relationship:
    /// absolute targets (`/xl/...`) start at the package root; `.` and `..` are applied.
    /// Nil when `..` climbs above the package root, or the target is empty.
    ///
    /// Works on the UTF-8 bytes: part names are compared byte for byte, never as Unicode text.
    static func resolve(_ target: String, from source: String) -> String? {
        if let simple = simplyJoined(target, from: source) { return simple }
        let decoded = percentDecoded(target)
        var path: [UInt8] = []
        path.reserveCapacity(source.utf8.count + decoded.utf8.count)
        if decoded.utf8.first != UInt8(ascii: "/") {
            path.append(contentsOf: source.utf8)
            while let last = path.last, last != UInt8(ascii: "/") { path.removeLast() }
        }
        path.append(contentsOf: decoded.utf8)
        var segments: [Range<Int>] = []
        var start = 0
        for end in 0 ... path.count where end == path.count || path[end] == UInt8(ascii: "/") {
            defer { start = end + 1 }
            let length = end - start
            if length == 0 || (length == 1 && path[start] == UInt8(ascii: ".")) { continue }
            if length == 2, path[start] == UInt8(ascii: "."), path[start + 1] == UInt8(ascii: ".") {
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
                continue
            }
            segments.append(start ..< end)
        }
        guard !segments.isEmpty else { return nil }
        var joined: [UInt8] = []
        joined.reserveCapacity(path.count)
        for (i, segment) in segments.enumerated() {
            if i > 0 { joined.append(UInt8(ascii: "/")) }
            joined.append(contentsOf: path[segment])
        }
        return String(decoding: joined, as: UTF8.self)
    }

    /// The common case without building segments: a relative target (`worksheets/sheet1.xml`) with
    /// no escapes, no empty, `.` or `..` segment, joined to the source's directory. Nil for anything else.
    private static func simplyJoined(_ target: String, from source: String) -> String? {
        var segmentStart = true
        for b in target.utf8 {
            if b == UInt8(ascii: "%") || (segmentStart && (b == UInt8(ascii: ".") || b == UInt8(ascii: "/"))) { return nil }
            segmentStart = b == UInt8(ascii: "/")
        }
        // Empty, or ending in `/`.
        guard !segmentStart else { return nil }
        guard let slash = source.utf8.lastIndex(of: UInt8(ascii: "/")) else { return target }
        return String(source[...slash]) + target
    }

    private static func split(_ part: String) -> (directory: String, file: String) {
        guard let slash = part.utf8.lastIndex(of: UInt8(ascii: "/")) else { return ("", part) }
        return (String(part[...slash]), String(part[part.utf8.index(after: slash)...]))
    }

    private static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let b = utf8.popFirst() {
            if b == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
