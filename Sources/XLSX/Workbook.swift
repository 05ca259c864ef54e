import CXlsxWriter
import Foundation

/// An XLSX workbook being written, over libxlsxwriter's `lxw_workbook`.
///
/// The file appears at `path` only when `close()` succeeds: libxlsxwriter
/// writes to a temporary file in the same directory, which is then renamed
/// over the destination, so a reader never sees a half-written workbook and an
/// existing file is replaced atomically. If the workbook is dropped without
/// `close()`, nothing is written and the C object is freed.
public final class Workbook {
    /// Options for creating a workbook.
    public struct Options: Sendable {
        /// libxlsxwriter's constant-memory mode: rows must be written in order,
        /// strings are stored inline. Lower memory for very large sheets.
        public var constantMemory = false
        /// Use ZIP64 for files over 4 GB.
        public var zip64 = false
        /// Record every write for replay by other programs (benchmarks).
        public var trace: WriteTrace?
        /// Creates the default options.
        public init() {}
    }

    /// Where the finished workbook goes.
    public let path: String
    /// The temporary file libxlsxwriter writes before the rename.
    public let temporaryPath: String
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [CellFormat: UnsafeMutablePointer<lxw_format>] = [:]
    private var sheetNames = SheetNameSet()
    private var closed = false
    var activeSheetSet = false
    let trace: WriteTrace?

    /// Whether a sheet was made the active one.
    public func hasActiveSheet() throws -> Bool {
        _ = try liveHandle()
        return activeSheetSet
    }

    /// Creates a workbook that `close()` will write to `path` (calls `workbook_new_opt`).
    public init(path: String, options: Options = Options()) throws {
        self.path = path
        try TemporaryFiles.checkName(of: path)
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw XLSXError(.io, "cannot write \(path): directory \(directory) does not exist")
        }
        temporaryPath = directory + "/" + TemporaryFiles.name(for: url.lastPathComponent)
        var cOptions = lxw_workbook_options()
        cOptions.constant_memory = options.constantMemory ? 1 : 0
        cOptions.use_zip64 = options.zip64 ? 1 : 0
        trace = options.trace
        trace?.line("W", WriteTrace.escape(path), options.constantMemory ? "1" : "0")
        handle = temporaryPath.withCString { workbook_new_opt($0, &cOptions) }
        guard handle != nil else {
            throw XLSXError(.io, "cannot create workbook \(path)")
        }
        LiveHandles.opened()
    }

    deinit {
        if let handle {
            lxw_workbook_free(handle)
            LiveHandles.closed()
        }
        if !closed { unlink(temporaryPath) }
    }

    /// Adds a worksheet with a name checked against Excel's rules (calls `workbook_add_worksheet`).
    public func addWorksheet(named name: String) throws -> Worksheet {
        let workbook = try liveHandle()
        try sheetNames.insert(name)
        guard let sheet = name.withCString({ workbook_add_worksheet(workbook, $0) }) else {
            throw XLSXError(.writer, "cannot add worksheet \"\(name)\" to \(path)")
        }
        trace?.line("S", WriteTrace.escape(name))
        return Worksheet(handle: sheet, name: name, workbook: self)
    }

    /// Sets the document properties shown by office suites (calls `workbook_set_properties`).
    public func setProperties(_ properties: DocumentProperties) throws {
        let workbook = try liveHandle()
        let error: lxw_error = properties.title.withOptionalCString { title in
            properties.subject.withOptionalCString { subject in
                properties.author.withOptionalCString { author in
                    properties.company.withOptionalCString { company in
                        properties.category.withOptionalCString { category in
                            properties.keywords.withOptionalCString { keywords in
                                properties.comments.withOptionalCString { comments in
                                    var c = lxw_doc_properties()
                                    c.title = title
                                    c.subject = subject
                                    c.author = author
                                    c.company = company
                                    c.category = category
                                    c.keywords = keywords
                                    c.comments = comments
                                    c.created = properties.created.map { time_t($0.timeIntervalSince1970) } ?? 0
                                    return workbook_set_properties(workbook, &c)
                                }
                            }
                        }
                    }
                }
            }
        }
        try check(error, "setting the document properties of \(path)")
        trace?.line("P", [properties.title, properties.subject, properties.author, properties.company,
                          properties.category, properties.keywords, properties.comments].map { WriteTrace.escape($0 ?? "") }
                            .joined(separator: "\t"))
    }

    /// Adds a custom document property holding text (calls `workbook_set_custom_property_string`).
    public func setCustomProperty(_ name: String, _ value: String) throws {
        let workbook = try liveHandle()
        let error = name.withCString { n in value.withCString { v in workbook_set_custom_property_string(workbook, n, v) } }
        try check(error, "setting custom property \(name) of \(path)")
        trace?.line("C", WriteTrace.escape(name), "s", WriteTrace.escape(value))
    }

    /// Adds a custom document property holding an integer (calls `workbook_set_custom_property_integer`).
    public func setCustomProperty(_ name: String, _ value: Int32) throws {
        let workbook = try liveHandle()
        let error = name.withCString { workbook_set_custom_property_integer(workbook, $0, value) }
        try check(error, "setting custom property \(name) of \(path)")
        trace?.line("C", WriteTrace.escape(name), "i", String(value))
    }

    /// Writes the file and renames it into place (calls `workbook_close`).
    ///
    /// After `close()` the workbook and its worksheets can no longer be used.
    public func close() throws {
        let workbook = try liveHandle()
        handle = nil
        formats.removeAll()
        trace?.line("X")
        let error = workbook_close(workbook)  // frees the workbook on every path
        LiveHandles.closed()
        guard error == LXW_NO_ERROR else {
            unlink(temporaryPath)
            throw XLSXError(.io, "cannot write workbook \(path)", cause: Self.text(of: error))
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw XLSXError(.io, "cannot move the finished workbook into place at \(path)", cause: reason)
        }
        closed = true
    }

    // MARK: - Internal plumbing for Worksheet

    func liveHandle() throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw XLSXError(.misuse, "workbook \(path) is already closed") }
        return handle
    }

    /// The style for a format: equal formats share one `lxw_format`
    /// (calls `workbook_add_format` on first use). Resolve styles once and
    /// reuse them: writing a cell then costs no hashing.
    public func style(_ format: CellFormat) throws -> Style {
        let workbook = try liveHandle()
        if let existing = formats[format] { return Style(pointer: existing, owner: ObjectIdentifier(self), format: format) }
        guard let created = workbook_add_format(workbook) else {
            throw XLSXError(.writer, "cannot create a cell format in \(path)")
        }
        Self.apply(format, to: created)
        formats[format] = created
        return Style(pointer: created, owner: ObjectIdentifier(self), format: format)
    }

    func pointer(of style: Style?) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let style else { return nil }
        guard style.owner == ObjectIdentifier(self) else {
            throw XLSXError(.misuse, "a style of another workbook was used in \(path)")
        }
        return style.pointer
    }

    private static func apply(_ format: CellFormat, to f: UnsafeMutablePointer<lxw_format>) {
        if let name = format.fontName { name.withCString { format_set_font_name(f, $0) } }
        if let size = format.fontSize { format_set_font_size(f, size) }
        if format.bold { format_set_bold(f) }
        if format.underline { format_set_underline(f, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
        if let color = format.fontColor { format_set_font_color(f, lxw_color_t(color)) }
        if format.horizontal != .general { format_set_align(f, format.horizontal.rawValue) }
        switch format.vertical {
        case .bottom: break
        case .top: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .justify: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_JUSTIFY.rawValue))
        case .distributed: format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_DISTRIBUTED.rawValue))
        }
        if format.wrap { format_set_text_wrap(f) }
        if format.indent > 0 { format_set_indent(f, format.indent) }
        if format.border != .none { format_set_border(f, format.border.rawValue) }
        if let fill = format.fill {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, lxw_color_t(fill))
        }
        if let code = format.numberFormat { code.withCString { format_set_num_format(f, $0) } }
        if format.unlocked { format_set_unlocked(f) }
    }

    func check(_ error: lxw_error, _ what: @autoclosure () -> String) throws {
        guard error != LXW_NO_ERROR else { return }
        throw XLSXError(Self.code(of: error), "error \(what())", cause: Self.text(of: error))
    }

    static func code(of error: lxw_error) -> XLSXError.Code {
        switch error {
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE: .invalidCellReference
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED: .stringTooLong
        case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED, LXW_ERROR_INVALID_SHEETNAME_CHARACTER,
             LXW_ERROR_SHEETNAME_START_END_APOSTROPHE, LXW_ERROR_SHEETNAME_ALREADY_USED: .invalidSheetName
        case LXW_ERROR_CREATING_XLSX_FILE, LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE: .io
        default: .writer
        }
    }

    static func text(of error: lxw_error) -> String {
        guard let text = lxw_strerror(error) else { return "libxlsxwriter error \(error.rawValue)" }
        return String(cString: text)
    }
}

/// A format registered in one workbook; valid only with that workbook.
public struct Style: @unchecked Sendable, Hashable {
    let pointer: UnsafeMutablePointer<lxw_format>
    let owner: ObjectIdentifier
    /// The format it stands for.
    public let format: CellFormat

    public static func == (a: Style, b: Style) -> Bool { a.pointer == b.pointer }
    public func hash(into hasher: inout Hasher) { hasher.combine(pointer) }
}

/// Document properties written to `docProps/core.xml` and `docProps/app.xml`.
public struct DocumentProperties: Sendable {
    /// Title.
    public var title: String?
    /// Subject.
    public var subject: String?
    /// Author.
    public var author: String?
    /// Company.
    public var company: String?
    /// Category.
    public var category: String?
    /// Keywords.
    public var keywords: String?
    /// Comments.
    public var comments: String?
    /// Creation time; nil for now.
    public var created: Date?
    /// Creates empty properties.
    public init(title: String? = nil, subject: String? = nil, author: String? = nil, company: String? = nil,
                category: String? = nil, keywords: String? = nil, comments: String? = nil, created: Date? = nil) {
        self.title = title
        self.subject = subject
        self.author = author
        self.company = company
        self.category = category
        self.keywords = keywords
        self.comments = comments
        self.created = created
    }
}

extension Optional where Wrapped == String {
    /// Calls `body` with a C string, or with nil when the optional is empty.
    func withOptionalCString<R>(_ body: (UnsafeMutablePointer<CChar>?) -> R) -> R {
        guard let self else { return body(nil) }
        return self.withCString { body(UnsafeMutablePointer(mutating: $0)) }
    }
}
