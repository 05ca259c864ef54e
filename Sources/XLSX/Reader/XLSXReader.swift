/// A streaming reader of XLSX workbooks over libzip and expat.
///
/// Opening reads the package's relationships and the sheet list; the shared-string table and
/// the styles load on the first sheet read. Sheets stream row by row (`forEachRow`), so memory
/// grows with the shared strings and one row, not with the sheet.
///
/// ```swift
/// let reader = try XLSXReader(path: "budget.xlsx")
/// defer { reader.close() }
/// let sheet = try reader.readSheet(named: "收入总表")
/// ```
public final class XLSXReader {
    /// The file as passed to `init`, used in every message.
    public let path: String
    /// The limits in force.
    public let limits: ReaderLimits
    /// The sheets in tab order.
    public let sheets: [SheetInfo]
    /// Whether serial dates count from 1904-01-01 (`<workbookPr date1904="1"/>`) instead of 1900.
    public let uses1904DateSystem: Bool

    private var archive: ZipArchive?
    private let sharedStringsPart: String?
    private let stylesPart: String?
    private var sharedStrings: [String]?
    private var dateStyles: [Bool]?
    /// The sheet handler kept between sheets, with its buffers.
    private var idleSheetHandler: SheetHandler?

    /// Opens a workbook: checks what kind of file it is, then follows `_rels/.rels` to the workbook part
    /// and its relationships to the sheets.
    ///
    /// Throws `XLSXError` with `.encrypted`, `.notXLSX`, `.damaged`, `.limitExceeded`, `.malformedXML` or `.io`.
    public convenience init(path: String, limits: ReaderLimits = .default) throws {
        try self.init(path: path, limits: limits, preloadLimit: ZipArchive.defaultPreloadLimit)
    }

    /// Opens a workbook, reading it into memory first when it has at most `preloadLimit` bytes.
    init(path: String, limits: ReaderLimits, preloadLimit: Int) throws {
        self.path = path
        self.limits = limits
        let (header, contents) = try FileSniffer.load(path: path, preloadLimit: preloadLimit)
        let archive: ZipArchive
        do {
            archive = try ZipArchive(path: path, contents: contents, limits: limits)
        } catch let error as XLSXError where error.code == .damaged {
            if header.looksLikeZip {
                throw XLSXError(.damaged, "\(path) is truncated or damaged: its zip directory cannot be read", cause: error.cause)
            }
            throw XLSXError(.notXLSX, "\(path) is not an XLSX workbook (it is not a zip archive)", cause: error.cause)
        }
        let package = try PackageLayout.read(archive, path: path)
        self.archive = archive
        sheets = package.sheets
        uses1904DateSystem = package.date1904
        sharedStringsPart = package.sharedStringsPart
        stylesPart = package.stylesPart
    }

    deinit { archive?.close() }

    /// Closes the file (libzip's `zip_discard`); later reads throw `.misuse`. Safe to call twice.
    public func close() {
        archive?.close()
        archive = nil
    }

    /// The sheet with this name: an exact match first, then one ignoring case as Excel does.
    public func sheet(named name: String) -> SheetInfo? {
        // Byte-equal names first: what a name taken from `sheets` always is, and far cheaper than
        // comparing non-ASCII text under Unicode equivalence.
        if let exact = sheets.first(where: { sameBytes($0.name, name) }) { return exact }
        if let equal = sheets.first(where: { $0.name == name }) { return equal }
        let folded = caseFolded(name)
        return sheets.first { caseFolded($0.name) == folded }
    }

    /// All non-empty cells and merged ranges of the named sheet.
    public func readSheet(named name: String) throws -> SheetData {
        try readSheet(try info(named: name))
    }

    /// All non-empty cells and merged ranges of the sheet at a zero-based tab position.
    public func readSheet(at index: Int) throws -> SheetData {
        guard sheets.indices.contains(index) else {
            throw XLSXError(.noSuchSheet, "\(path) has no sheet at position \(index + 1) (it has \(sheets.count) sheets)")
        }
        return try readSheet(sheets[index])
    }

    /// Every sheet in tab order.
    public func readAllSheets() throws -> [SheetData] {
        try sheets.map(readSheet)
    }

    /// Streams the named sheet's non-empty cells row by row and returns its merged ranges.
    ///
    /// The row's storage is reused for the next row: copy the cells you keep.
    @discardableResult
    public func forEachRow(inSheet name: String, _ body: (RowView) throws -> Void) throws -> [CellRange] {
        try stream(try info(named: name), body)
    }

    /// Streams the non-empty cells of the sheet at a zero-based tab position row by row and returns
    /// its merged ranges; the row's storage is reused as in `forEachRow(inSheet:_:)`.
    @discardableResult
    public func forEachRow(inSheetAt index: Int, _ body: (RowView) throws -> Void) throws -> [CellRange] {
        guard sheets.indices.contains(index) else {
            throw XLSXError(.noSuchSheet, "\(path) has no sheet at position \(index + 1) (it has \(sheets.count) sheets)")
        }
        return try stream(sheets[index], body)
    }

    private func info(named name: String) throws -> SheetInfo {
        guard let info = sheet(named: name) else {
            let names = sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
            throw XLSXError(.noSuchSheet, "\(path) has no sheet named \"\(name)\" (its sheets: \(names))")
        }
        return info
    }

    private func readSheet(_ info: SheetInfo) throws -> SheetData {
        var cells: [Cell] = []
        let merges = try stream(info) { cells.append(contentsOf: $0.cells) }
        return SheetData(info: info, cells: cells, merges: merges)
    }

    private func stream(_ info: SheetInfo, _ body: (RowView) throws -> Void) throws -> [CellRange] {
        guard let archive else {
            throw XLSXError(.misuse, "\(path) has been closed; reopen it to read sheet \(info.name)")
        }
        let strings = try loadSharedStrings(archive)
        let styles = try loadDateStyles(archive)
        guard let entry = archive.entry(named: info.partName) else {
            throw XLSXError(.damaged, "\(path): part \(info.partName) of sheet \(info.name) is missing")
        }
        let context = SheetContext(location: PartLocation(file: path, part: entry.name), sheetName: info.name,
                                   sharedStrings: strings, dateStyles: styles, date1904: uses1904DateSystem,
                                   limits: limits)
        return try withoutActuallyEscaping(body) { escapable in
            // Taken while in use, so a body that reads another sheet of this reader gets its own.
            let handler = idleSheetHandler ?? SheetHandler(context: context)
            idleSheetHandler = nil
            handler.begin(context, body: escapable)
            defer {
                handler.finish()
                idleSheetHandler = handler
            }
            try parseXML(archive, entry, handler)
            return handler.merges
        }
    }

    private func loadSharedStrings(_ archive: ZipArchive) throws -> [String] {
        if let sharedStrings { return sharedStrings }
        var strings: [String] = []
        if let part = sharedStringsPart {
            guard let entry = archive.entry(named: part) else {
                throw XLSXError(.damaged, "\(path): the shared-string part \(part) named in the workbook's relationships is missing")
            }
            let handler = SharedStringsHandler(location: PartLocation(file: path, part: entry.name), limits: limits)
            try parseXML(archive, entry, handler)
            strings = handler.strings
        }
        sharedStrings = strings
        return strings
    }

    private func loadDateStyles(_ archive: ZipArchive) throws -> [Bool] {
        if let dateStyles { return dateStyles }
        var styles: [Bool] = []
        if let part = stylesPart {
            // Without its styles a date would silently read as a plain number.
            guard let entry = archive.entry(named: part) else {
                throw XLSXError(.damaged, "\(path): the styles part \(part) named in the workbook's relationships is missing")
            }
            let handler = StylesHandler()
            try parseXML(archive, entry, handler)
            styles = handler.dateStyles
        }
        dateStyles = styles
        return styles
    }
}

/// Whether two strings hold the same UTF-8 bytes.
func sameBytes(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    var a = a, b = b
    return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
}
