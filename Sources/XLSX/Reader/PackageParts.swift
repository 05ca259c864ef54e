/// Character data collected for one element, in a byte buffer reused across elements.
///
/// A plain growable buffer rather than an array: appending a run and starting over are the two
/// things done for every cell, and neither needs uniqueness checks or generic range replacement.
struct TextCollector: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Number of bytes collected so far.
    private(set) var count = 0
    /// Largest number of bytes allowed.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        capacity = 256
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Whether nothing has been collected since the last `reset`.
    var isEmpty: Bool { count == 0 }

    /// Appends a run of character data; false when it would pass the limit.
    @inline(__always)
    mutating func append(_ run: UnsafeBufferPointer<UInt8>) -> Bool {
        let needed = count + run.count
        guard needed <= limit else { return false }
        if needed > capacity { grow(to: needed) }
        if let base = run.baseAddress { (storage + count).update(from: base, count: run.count) }
        count = needed
        return true
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        larger.update(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity = newCapacity
    }

    /// Empties the buffer, keeping its storage.
    @inline(__always)
    mutating func reset() { count = 0 }

    /// Runs `body` over the collected bytes.
    @inline(__always)
    func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try body(UnsafeBufferPointer(start: storage, count: count))
    }
}

/// Where a part sits, for messages.
struct PartLocation {
    /// The file as the caller named it.
    var file: String
    /// The part name inside the package.
    var part: String

    /// The error for a string, formula or value longer than the limit.
    func stringTooLong(_ limit: Int, cell: String? = nil) -> XLSXError {
        XLSXError(.limitExceeded, "\(file): part \(part)\(cell.map { ", cell \($0)," } ?? "") has a string longer than the limit of \(limit) bytes")
    }
}

/// One entry of a `.rels` part.
struct Relationship {
    var id: String
    /// The last segment of the type URI (`worksheet`, `sharedStrings`): transitional and strict
    /// OOXML URIs differ only before it, and the short form needs no allocation.
    var typeName: String
    var target: String
    var external: Bool

    /// Whether the type ends with this last segment.
    func hasType(_ last: String) -> Bool {
        typeName == last
    }
}

/// Reads a relationships part (`_rels/.rels`, `xl/_rels/workbook.xml.rels`).
final class RelationshipsHandler: XMLHandler {
    private(set) var relationships: [Relationship] = []

    override func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) throws {
        guard nameIs(name, "Relationship") else { return }
        guard let id = attributeValue(attributes, "Id"), let type = attributeValue(attributes, "Type"),
              let target = attributeValue(attributes, "Target") else { return }
        let external = attributeValue(attributes, "TargetMode").map { nameIs($0, "External") } ?? false
        relationships.append(Relationship(id: attributeString(id), typeName: lastSegment(type),
                                          target: attributeString(target), external: external))
    }

    /// What follows the last `/` of a type URI (the whole value when it has none).
    private func lastSegment(_ value: UnsafePointer<CChar>) -> String {
        let bytes = cBytes(value)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return attributeString(value) }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[(slash + 1)...]), as: UTF8.self)
    }
}

/// A `<sheet>` element of the workbook part.
struct WorkbookSheet {
    var name: String
    var relationshipID: String?
    var state: SheetState
}

/// Reads the workbook part: the root element, the sheets in tab order and the date system.
final class WorkbookHandler: XMLHandler {
    private(set) var rootName: String?
    private(set) var sheets: [WorkbookSheet] = []
    private(set) var date1904 = false

    override func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) throws {
        if rootName == nil { rootName = attributeString(name) }
        if nameIs(name, "sheet") {
            let sheetName = attributeValue(attributes, "name").map(attributeString) ?? ""
            let id = attributeValue(attributes, "id").map(attributeString)
            let state: SheetState
            switch attributeValue(attributes, "state").map(attributeString) {
            case "hidden": state = .hidden
            case "veryHidden": state = .veryHidden
            default: state = .visible
            }
            sheets.append(WorkbookSheet(name: sheetName, relationshipID: id, state: state))
        } else if nameIs(name, "workbookPr") {
            if let value = attributeValue(attributes, "date1904").map(attributeString) {
                date1904 = value == "1" || value == "true"
            }
        }
    }
}

/// Reads the styles part: for each cell format (`cellXfs/xf`), whether it shows dates.
final class StylesHandler: XMLHandler {
    private var customFormats: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inCellXfs = false
    private var inNumFmts = false

    /// For each cell format index (a cell's `s`), whether its number format is a date format.
    var dateStyles: [Bool] {
        formatIDs.map { ExcelDate.isDateFormat(id: $0, code: customFormats[$0]) }
    }

    override func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) throws {
        if nameIs(name, "cellXfs") {
            inCellXfs = true
        } else if nameIs(name, "numFmts") {
            inNumFmts = true
        } else if inCellXfs, nameIs(name, "xf") {
            let id = attributeValue(attributes, "numFmtId").flatMap { Int(attributeString($0)) } ?? 0
            formatIDs.append(id)
        } else if inNumFmts, nameIs(name, "numFmt") {
            if let id = attributeValue(attributes, "numFmtId").flatMap({ Int(attributeString($0)) }),
               let code = attributeValue(attributes, "formatCode") {
                customFormats[id] = attributeString(code)
            }
        }
    }

    override func end(_ name: UnsafePointer<CChar>) throws {
        if nameIs(name, "cellXfs") {
            inCellXfs = false
        } else if nameIs(name, "numFmts") {
            inNumFmts = false
        }
    }
}

/// Reads the shared-string table: the text runs of each `<si>`, without phonetic runs (`<rPh>`).
final class SharedStringsHandler: XMLHandler {
    @exclusivity(unchecked) private(set) var strings: [String] = []
    @exclusivity(unchecked) private var text: TextCollector
    @exclusivity(unchecked) private var collecting = false
    @exclusivity(unchecked) private var inText = false
    @exclusivity(unchecked) private var inItem = false
    @exclusivity(unchecked) private var phoneticDepth = 0
    private let location: PartLocation
    private let maxStrings: Int

    init(location: PartLocation, limits: ReaderLimits) {
        self.location = location
        self.text = TextCollector(limit: limits.maxStringBytes)
        self.maxStrings = limits.maxCells
    }

    override class var events: XMLEvents { sharedStringEvents }
    private static let sharedStringEvents = XMLEvents(
        start: { deliverStart(SharedStringsHandler.self, $0, $1, $2) },
        end: { deliverEnd(SharedStringsHandler.self, $0, $1) },
        characters: { deliverCharacters(SharedStringsHandler.self, $0, $1, $2) })

    @inline(__always)
    override func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) throws {
        if inText {
            throw XLSXError(.malformedXML, "\(location.file): part \(location.part): shared string \(strings.count) has an element <\(attributeString(name))> inside its <t>, which holds only text")
        }
        switch UInt8(bitPattern: name[0]) {
        case UInt8(ascii: "t") where name[1] == 0:
            collecting = phoneticDepth == 0
            inText = true
        case UInt8(ascii: "s") where nameIs(name, "si"):
            if inItem {
                throw XLSXError(.malformedXML, "\(location.file): part \(location.part): shared string \(strings.count) has an <si> nested inside it; items do not nest")
            }
            inItem = true
            text.reset()
            phoneticDepth = 0
        case UInt8(ascii: "r") where nameIs(name, "rPh"):
            phoneticDepth += 1
        case UInt8(ascii: "s") where nameIs(name, "sst"):
            if let count = attributeValue(attributes, "uniqueCount").flatMap({ Int(attributeString($0)) }) {
                strings.reserveCapacity(min(max(count, 0), 1 << 20))
            }
        default:
            break
        }
    }

    @inline(__always)
    override func end(_ name: UnsafePointer<CChar>) throws {
        switch UInt8(bitPattern: name[0]) {
        case UInt8(ascii: "t") where name[1] == 0:
            collecting = false
            inText = false
        case UInt8(ascii: "s") where nameIs(name, "si"):
            inItem = false
            guard strings.count < maxStrings else {
                throw XLSXError(.limitExceeded, "\(location.file): part \(location.part) has more shared strings than the limit of \(maxStrings)")
            }
            strings.append(text.withBytes(EscapedText.decode))
        case UInt8(ascii: "r") where nameIs(name, "rPh"):
            phoneticDepth -= 1
        default:
            break
        }
    }

    @inline(__always)
    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard collecting else { return }
        guard text.append(bytes) else {
            throw XLSXError(.limitExceeded, "\(location.file): part \(location.part) has a shared string (number \(strings.count)) longer than the string length limit of \(text.limit) bytes")
        }
    }
}
