/// What the workbook-wide parts tell a sheet's reader.
struct SheetContext {
    var location: PartLocation
    var sheetName: String
    var sharedStrings: [String]
    var dateStyles: [Bool]
    var date1904: Bool
    var limits: ReaderLimits
}

/// Streams a worksheet part: cells row by row to a callback, merged ranges collected on the way.
///
/// One row of cells and three byte buffers are reused for the whole sheet, so memory does not
/// grow with the sheet's size; a reader keeps one handler for all its sheets (`begin`, `finish`),
/// so they are allocated once per workbook, not once per sheet.
final class SheetHandler: XMLHandler {
    private enum Kind { case number, sharedString, formulaString, inlineString, boolean, error, isoDate }
    private enum Target { case none, value, inlineText, formula }

    @exclusivity(unchecked) private var context: SheetContext
    /// The caller's row callback, set for the duration of one sheet's parse only.
    @exclusivity(unchecked) private var body: ((RowView) throws -> Void)?
    @exclusivity(unchecked) private(set) var merges: [CellRange] = []

    // The parse state is touched on every expat callback; only this handler's own parse reaches it,
    // one callback at a time, so it skips the runtime exclusivity checks.
    @exclusivity(unchecked) private var row = -1
    @exclusivity(unchecked) private var column = -1
    @exclusivity(unchecked) private var rowCells: [Cell] = []
    @exclusivity(unchecked) private var cellCount = 0
    @exclusivity(unchecked) private var inRow = false
    @exclusivity(unchecked) private var inCell = false

    @exclusivity(unchecked) private var cellReference = CellReference(uncheckedRow: 0, column: 0)
    @exclusivity(unchecked) private var kind = Kind.number
    @exclusivity(unchecked) private var style = 0
    @exclusivity(unchecked) private var hasValue = false
    @exclusivity(unchecked) private var hasInline = false
    @exclusivity(unchecked) private var hasFormula = false
    @exclusivity(unchecked) private var sharedIndex: Int?
    @exclusivity(unchecked) private var target = Target.none
    @exclusivity(unchecked) private var phoneticDepth = 0
    @exclusivity(unchecked) private var value: TextCollector
    @exclusivity(unchecked) private var inline: TextCollector
    @exclusivity(unchecked) private var formula: TextCollector
    @exclusivity(unchecked) private var sharedMasters: [Int: CellReference] = [:]

    init(context: SheetContext) {
        self.context = context
        value = TextCollector(limit: context.limits.maxStringBytes)
        inline = TextCollector(limit: context.limits.maxStringBytes)
        formula = TextCollector(limit: context.limits.maxStringBytes)
        rowCells.reserveCapacity(64)
    }

    /// Readies the handler for a sheet: its context and the callback that receives its rows.
    func begin(_ context: SheetContext, body: @escaping (RowView) throws -> Void) {
        self.context = context
        self.body = body
        merges = []
        row = -1
        column = -1
        rowCells.removeAll(keepingCapacity: true)
        cellCount = 0
        inRow = false
        inCell = false
        target = .none
        phoneticDepth = 0
        sharedMasters.removeAll(keepingCapacity: true)
    }

    /// Ends the sheet, also after a failure: drops the callback (it must not outlive the parse),
    /// the last row and the merged ranges, keeping the buffers.
    func finish() {
        body = nil
        rowCells.removeAll(keepingCapacity: true)
        merges = []
    }

    override class var events: XMLEvents { sheetEvents }
    private static let sheetEvents = XMLEvents(
        start: { deliverStart(SheetHandler.self, $0, $1, $2) },
        end: { deliverEnd(SheetHandler.self, $0, $1) },
        characters: { deliverCharacters(SheetHandler.self, $0, $1, $2) })

    private var place: String { "\(context.location.file): sheet \(context.sheetName) (part \(context.location.part))" }
    private var cellName: String { "\(context.sheetName)!\(cellReference)" }

    @inline(__always)
    override func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) throws {
        if target != .none {
            let holder = target == .value ? "v" : target == .formula ? "f" : "t"
            throw XLSXError(.malformedXML, "\(place): cell \(cellName) has an element <\(attributeString(name))> inside its <\(holder)>, which holds only text")
        }
        switch UInt8(bitPattern: name[0]) {
        case UInt8(ascii: "c") where name[1] == 0:
            if inCell {
                throw XLSXError(.malformedXML, "\(place): a <c> element is nested inside cell \(cellName); cells do not nest")
            }
            inCell = true
            try startCell(attributes)
        case UInt8(ascii: "v") where name[1] == 0:
            hasValue = true
            value.reset()
            target = .value
        case UInt8(ascii: "f") where name[1] == 0:
            startFormula(attributes)
        case UInt8(ascii: "t") where name[1] == 0:
            if hasInline && phoneticDepth == 0 { target = .inlineText }
        case UInt8(ascii: "i") where nameIs(name, "is"):
            hasInline = true
            inline.reset()
        case UInt8(ascii: "r"):
            if nameIs(name, "row") {
                try startRow(attributes)
            } else if nameIs(name, "rPh") {
                phoneticDepth += 1
            }
        case UInt8(ascii: "m") where nameIs(name, "mergeCell"):
            try addMerge(attributes)
        default:
            break
        }
    }

    @inline(__always)
    override func end(_ name: UnsafePointer<CChar>) throws {
        switch UInt8(bitPattern: name[0]) {
        case UInt8(ascii: "c") where name[1] == 0:
            inCell = false
            try endCell()
        case UInt8(ascii: "v") where name[1] == 0, UInt8(ascii: "f") where name[1] == 0,
             UInt8(ascii: "t") where name[1] == 0:
            target = .none
        case UInt8(ascii: "r"):
            if nameIs(name, "row") {
                inRow = false
                try flushRow()
            } else if nameIs(name, "rPh") {
                phoneticDepth -= 1
            }
        case UInt8(ascii: "s") where nameIs(name, "sheetData"):
            try flushRow()
        default:
            break
        }
    }

    @inline(__always)
    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        let appended: Bool
        switch target {
        case .none: return
        case .value: appended = value.append(bytes)
        case .inlineText: appended = inline.append(bytes)
        case .formula: appended = formula.append(bytes)
        }
        guard appended else {
            throw XLSXError(.limitExceeded, "\(place): cell \(cellName) has a string, value or formula longer than the string length limit of \(context.limits.maxStringBytes) bytes")
        }
    }

    private func startRow(_ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) throws {
        if inRow {
            throw XLSXError(.malformedXML, "\(place): a <row> element is nested inside row \(row + 1); rows do not nest")
        }
        inRow = true
        try flushRow()
        if let r = attributeValue(attributes, "r") {
            guard let number = parseInt(cBytes(r)), number >= 1, number <= CellReference.maxRows else {
                throw XLSXError(.invalidCellReference, "\(place): row number \"\(attributeString(r))\" is outside 1...1048576")
            }
            row = number - 1
        } else {
            row += 1
            guard row < CellReference.maxRows else {
                throw XLSXError(.invalidCellReference, "\(place): a row after row 1048576 is outside Excel's grid")
            }
        }
        column = -1
    }

    private func startCell(_ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) throws {
        cellCount += 1
        guard cellCount <= context.limits.maxCells else {
            throw XLSXError(.limitExceeded, "\(place): the sheet has more cells than the limit of \(context.limits.maxCells) cells")
        }
        kind = .number
        style = 0
        hasValue = false
        hasInline = false
        hasFormula = false
        sharedIndex = nil
        phoneticDepth = 0
        var reference: UnsafePointer<CChar>?
        var i = 0
        while let key = attributes[i], let text = attributes[i + 1] {
            // `r`, `s` and `t` are one letter; only a longer name can carry a prefix to strip.
            let local = key[0] != 0 && key[1] == 0 ? key : localName(key)
            if local[0] != 0, local[1] == 0 {
                switch UInt8(bitPattern: local[0]) {
                case UInt8(ascii: "r"): reference = text
                case UInt8(ascii: "s"): style = parseInt(cString: text) ?? 0
                case UInt8(ascii: "t"): kind = Self.kind(text)
                default: break
                }
            }
            i += 2
        }
        if let reference {
            guard let (r, c) = CellReference.parse(cString: reference) else {
                throw XLSXError(.invalidCellReference, "\(place): cell reference \"\(attributeString(reference))\" is malformed or outside A1:XFD1048576")
            }
            if row < 0 { row = r }
            cellReference = CellReference(uncheckedRow: r, column: c)
            column = c
        } else {
            column += 1
            let r = max(row, 0)
            guard column < CellReference.maxColumns else {
                throw XLSXError(.invalidCellReference, "\(place): a cell after column XFD in row \(r + 1) is outside Excel's grid")
            }
            cellReference = CellReference(uncheckedRow: r, column: column)
        }
    }

    private static func kind(_ t: UnsafePointer<CChar>) -> Kind {
        switch UInt8(bitPattern: t[0]) {
        case UInt8(ascii: "s"): return t[1] == 0 ? .sharedString : .formulaString
        case UInt8(ascii: "i"): return .inlineString
        case UInt8(ascii: "b"): return .boolean
        case UInt8(ascii: "e"): return .error
        case UInt8(ascii: "d"): return .isoDate
        default: return .number
        }
    }

    private func startFormula(_ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) {
        hasFormula = true
        formula.reset()
        target = .formula
        if let t = attributeValue(attributes, "t"), nameIs(t, "shared"),
           let si = attributeValue(attributes, "si") {
            sharedIndex = parseInt(cBytes(si))
        }
    }

    private func addMerge(_ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) throws {
        guard let ref = attributeValue(attributes, "ref") else { return }
        guard merges.count < context.limits.maxCells else {
            throw XLSXError(.limitExceeded, "\(place): the sheet has more merged ranges than the limit of \(context.limits.maxCells)")
        }
        // `A1:H1` (or a single cell), parsed from the bytes without building strings.
        let bytes = cBytes(ref)
        let colon = bytes.firstIndex(of: UInt8(ascii: ":"))
        let first = CellReference.parse(UnsafeBufferPointer(rebasing: bytes[..<(colon ?? bytes.endIndex)]))
        let last = colon.map { CellReference.parse(UnsafeBufferPointer(rebasing: bytes[($0 + 1)...])) } ?? first
        guard let (r1, c1) = first, let (r2, c2) = last else {
            throw XLSXError(.invalidCellReference, "\(place): merged range \"\(attributeString(ref))\" is malformed or outside A1:XFD1048576")
        }
        merges.append(CellRange(CellReference(uncheckedRow: r1, column: c1), CellReference(uncheckedRow: r2, column: c2)))
    }

    private func endCell() throws {
        target = .none
        guard hasFormula else {
            // The common case: no formula to decode.
            if let cellValue = try makeValue() {
                rowCells.append(Cell(reference: cellReference, formula: nil, value: cellValue, sharedFormulaMaster: nil))
            }
            return
        }
        guard let cellValue = try makeValue() else { return }
        var formulaText: String?
        var master: CellReference?
        if !formula.isEmpty {
            formulaText = formula.withBytes { String(decoding: $0, as: UTF8.self) }
            if let sharedIndex { sharedMasters[sharedIndex] = cellReference }
        } else if let sharedIndex {
            master = sharedMasters[sharedIndex]
        }
        rowCells.append(Cell(reference: cellReference, formula: formulaText, value: cellValue, sharedFormulaMaster: master))
    }

    /// The cell's value, or nil for a cell with neither value nor formula (formatting only).
    @inline(__always)
    private func makeValue() throws -> CellValue? {
        let empty = hasFormula ? CellValue.formulaWithoutCachedValue : nil
        switch kind {
        case .inlineString:
            if hasInline { return .string(inline.withBytes(EscapedText.decode)) }
            if hasValue { return .string(value.withBytes(EscapedText.decode)) }
            return empty
        case .formulaString:
            guard hasValue else { return empty }
            return .string(value.withBytes(EscapedText.decode))
        case .sharedString:
            guard hasValue, !value.isEmpty else { return empty }
            guard let index = value.withBytes(parseInt), index >= 0, index < context.sharedStrings.count else {
                let text = value.withBytes { String(decoding: $0, as: UTF8.self) }
                throw XLSXError(.damaged, "\(place): cell \(cellName) refers to shared string \(text), but the table has \(context.sharedStrings.count) strings")
            }
            return .string(context.sharedStrings[index])
        case .boolean:
            guard hasValue, !value.isEmpty else { return empty }
            let first = value.withBytes { $0.first { $0 != 32 } } ?? 48
            return .boolean(first == UInt8(ascii: "1") || first == UInt8(ascii: "t") || first == UInt8(ascii: "T"))
        case .error:
            guard hasValue else { return empty }
            return .error(value.withBytes { String(decoding: $0, as: UTF8.self) })
        case .isoDate:
            guard hasValue, !value.isEmpty else { return empty }
            let iso = value.withBytes { String(decoding: $0, as: UTF8.self) }
            let serial = ExcelDate.serial(isoText: iso, date1904: context.date1904).map(NumberText.shortestText) ?? ""
            return .date(iso: iso, serial: serial)
        case .number:
            guard hasValue, !value.isEmpty else { return empty }
            guard let (text, double) = value.withBytes(NumberText.parse) else {
                let text = value.withBytes { String(decoding: $0, as: UTF8.self) }
                throw XLSXError(.damaged, "\(place): cell \(cellName) has the value \"\(text)\", which is not a number")
            }
            if style < context.dateStyles.count, context.dateStyles[style],
               let iso = ExcelDate.isoText(serial: double, date1904: context.date1904) {
                return .date(iso: iso, serial: text)
            }
            return .number(text: text, double: double)
        }
    }

    @inline(never)
    private func deliverRow() throws {
        try body?(RowView(index: rowCells[0].reference.row, cells: rowCells))
    }

    private func flushRow() throws {
        guard !rowCells.isEmpty else { return }
        try deliverRow()
        // The row passed to `body` is gone by now (`deliverRow`), so the storage is unique again
        // and is emptied in place rather than copied.
        rowCells.removeAll(keepingCapacity: true)
    }
}

/// A non-negative decimal integer from bytes (surrounding spaces allowed); nil when malformed or huge.
@inline(__always)
func parseInt(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    let (value, length) = scanInt(base, limit: bytes.count)
    return length == bytes.count ? value : nil
}

/// `parseInt` over a NUL-terminated attribute value, in one pass, without measuring it first.
@inline(__always)
func parseInt(cString text: UnsafePointer<CChar>) -> Int? {
    scanInt(UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), limit: .max).value
}

/// Reads digits and spaces from `start` up to `limit` bytes or a NUL: the number (nil when there is
/// no digit, another character, or more than 18 digits) and the bytes read.
@inline(__always)
private func scanInt(_ start: UnsafePointer<UInt8>, limit: Int) -> (value: Int?, length: Int) {
    var p = start
    var left = limit
    var result = 0
    var digits = 0
    while left > 0, p.pointee != 0 {
        let b = p.pointee
        if b &- 48 < 10 {
            guard digits < 18 else { return (nil, p - start) }
            result = result &* 10 &+ Int(b &- 48)
            digits += 1
        } else if b != 32 {
            return (nil, p - start)
        }
        p += 1
        left -= 1
    }
    return (digits > 0 ? result : nil, p - start)
}
