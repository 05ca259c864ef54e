import CExpat

/// Receives the events of a streaming parse; each part's reader overrides what it needs.
///
/// Element and attribute names arrive as local names (`x:c` → `c`): prefixes are arbitrary,
/// so matching is on the local name only. Pointers are valid only during the call.
class XMLHandler {
    /// An element starts; `attributes` is expat's nil-terminated array of name/value pairs.
    func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) throws {}
    /// An element ends.
    func end(_ name: UnsafePointer<CChar>) throws {}
    /// A run of character data (UTF-8), possibly one of several for the same text.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}

/// The state shared with expat's C callbacks through `XML_SetUserData`.
///
/// Its fields are touched on every callback, so they skip the runtime exclusivity checks: only
/// the parse that owns the context ever reaches them, one callback at a time.
private final class XMLContext {
    let parser: XML_Parser
    let handler: XMLHandler
    let maxDepth: Int
    let file: String
    let part: String
    @exclusivity(unchecked) var depth = 0
    @exclusivity(unchecked) var failure: Error?
    /// Set with `failure`: a plain flag is cheaper to test on every callback than the optional existential.
    @exclusivity(unchecked) var stopped = false
    /// Set by every callback; lets the feeding loop see a chunk that produced no event at all.
    @exclusivity(unchecked) var sawEvent = false

    init(parser: XML_Parser, handler: XMLHandler, maxDepth: Int, file: String, part: String) {
        self.parser = parser
        self.handler = handler
        self.maxDepth = maxDepth
        self.file = file
        self.part = part
    }

    func stop(_ error: Error) {
        if failure == nil { failure = error }
        stopped = true
        XML_StopParser(parser, XML_FALSE)
    }

    /// Runs `body` with the context behind expat's user data, without retaining it: the parse
    /// keeps it alive (`withExtendedLifetime` in `parseXML`).
    @inline(__always)
    static func with(_ raw: UnsafeMutableRawPointer?, _ body: (XMLContext) -> Void) {
        guard let raw else { return }
        Unmanaged<XMLContext>.fromOpaque(raw)._withUnsafeGuaranteedRef(body)
    }
}

/// The local part of a qualified name: what follows the last `:`.
@inline(__always)
func localName(_ name: UnsafePointer<CChar>) -> UnsafePointer<CChar> {
    // `c`, `v`, `f`, `t`: the commonest names are one letter, which no prefix can precede.
    if name[0] != 0 && name[1] == 0 { return name }
    var p = name
    var result = name
    while p.pointee != 0 {
        if p.pointee == 58 { result = p + 1 }
        p += 1
    }
    return result
}

/// Whether a NUL-terminated C name equals an ASCII literal, byte for byte, without allocating.
@inline(__always)
func nameIs(_ name: UnsafePointer<CChar>, _ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    let bytes = literal.utf8Start
    for i in 0..<count where UInt8(bitPattern: name[i]) != bytes[i] { return false }
    return name[count] == 0
}

/// The value of the attribute with this local name, or nil.
@inline(__always)
func attributeValue(_ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>,
                    _ name: StaticString) -> UnsafePointer<CChar>? {
    var i = 0
    while let key = attributes[i] {
        if nameIs(localName(key), name) { return attributes[i + 1] }
        i += 2
    }
    return nil
}

/// The bytes of a NUL-terminated C string, without the NUL.
@inline(__always)
func cBytes(_ value: UnsafePointer<CChar>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: strlenBytes(value))
}

@inline(__always)
private func strlenBytes(_ p: UnsafePointer<CChar>) -> Int {
    var n = 0
    while p[n] != 0 { n += 1 }
    return n
}

/// A C attribute value as a Swift string.
func attributeString(_ value: UnsafePointer<CChar>) -> String {
    String(decoding: cBytes(value), as: UTF8.self)
}

private let startCallback: XML_StartElementHandler = { userData, name, attributes in
    XMLContext.with(userData) { context in
        guard !context.stopped, let name, let attributes else { return }
        context.sawEvent = true
        context.depth += 1
        if context.depth > context.maxDepth {
            context.stop(XLSXError(.limitExceeded, "\(context.file): part \(context.part) nests XML elements deeper than the limit of \(context.maxDepth) levels"))
            return
        }
        do {
            try context.handler.start(localName(name), attributes)
        } catch {
            context.stop(error)
        }
    }
}

private let endCallback: XML_EndElementHandler = { userData, name in
    XMLContext.with(userData) { context in
        guard !context.stopped, let name else { return }
        context.sawEvent = true
        context.depth -= 1
        do {
            try context.handler.end(localName(name))
        } catch {
            context.stop(error)
        }
    }
}

private let characterCallback: XML_CharacterDataHandler = { userData, text, length in
    XMLContext.with(userData) { context in
        guard !context.stopped, let text, length > 0 else { return }
        context.sawEvent = true
        do {
            try context.handler.characters(UnsafeBufferPointer(
                start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: Int(length)))
        } catch {
            context.stop(error)
        }
    }
}

/// Everything else expat reports (the XML declaration, comments, instructions, white space outside
/// the root element) counts as progress for the token length check.
private let defaultCallback: XML_DefaultHandler = { userData, _, _ in
    XMLContext.with(userData) { $0.sawEvent = true }
}

private let doctypeCallback: XML_StartDoctypeDeclHandler = { userData, _, _, _, _ in
    XMLContext.with(userData) { context in
        context.stop(XLSXError(.malformedXML, "\(context.file): part \(context.part) contains a DTD (<!DOCTYPE>), which XLSX parts never use; refused"))
    }
}

private let entityCallback: XML_EntityDeclHandler = { userData, _, _, _, _, _, _, _, _ in
    XMLContext.with(userData) { context in
        context.stop(XLSXError(.malformedXML, "\(context.file): part \(context.part) declares an XML entity; refused"))
    }
}

/// The longest run of bytes expat may hold while it waits for the end of one token (a tag with its
/// attributes, a comment, a processing instruction): text is handed over as it arrives, so only a
/// hostile part makes a token this long, and expat would buffer all of it.
func maxTokenBytes(_ limits: ReaderLimits) -> Int {
    max(limits.maxStringBytes, 4096) + 64 * 1024
}

/// One expat parser kept for all the parts of a package: `XML_ParserReset` between parts keeps
/// its buffers and is cheaper than a new parser each time.
final class ReusableXMLParser {
    private var idle: XML_Parser?

    /// A parser ready for a new document: the idle one reset, or a new one.
    func take() -> XML_Parser? {
        if let parser = idle {
            idle = nil
            if XML_ParserReset(parser, nil) == XML_TRUE { return parser }
            XML_ParserFree(parser)
        }
        return XML_ParserCreate(nil)
    }

    /// Hands a parser back for the next part (one is kept, any other freed).
    func give(_ parser: XML_Parser) {
        if idle == nil { idle = parser } else { XML_ParserFree(parser) }
    }

    /// Frees the idle parser; safe to call twice.
    func free() {
        if let parser = idle { XML_ParserFree(parser) }
        idle = nil
    }

    deinit { free() }
}

/// The salt of expat's hash tables, drawn once per process: a salt an attacker cannot guess keeps
/// hash flooding away as well as expat's own per-parser salt, without a `getrandom` call per part.
private let hashSalt = UInt.random(in: 1 ... UInt.max)

/// Bytes decompressed straight into expat's buffer per `XML_ParseBuffer` call.
private let feedChunk = 64 * 1024

/// Parses one zip entry with expat, streaming it in chunks to `handler`.
///
/// Refuses DTDs and entity declarations, never loads external entities, and enforces the depth
/// limit and the token length limit (`maxTokenBytes`).
func parseXML(_ archive: ZipArchive, _ entry: ZipArchive.Entry, _ handler: XMLHandler) throws {
    guard let parser = archive.xmlParser.take() else {
        throw XLSXError(.io, "\(archive.file): cannot create an XML parser for part \(entry.name) (out of memory)")
    }
    defer { archive.xmlParser.give(parser) }
    let context = XMLContext(parser: parser, handler: handler, maxDepth: archive.limits.maxXMLDepth,
                             file: archive.file, part: entry.name)
    let tokenLimit = maxTokenBytes(archive.limits)
    try withExtendedLifetime(context) {
        XML_SetHashSalt(parser, hashSalt)
        XML_SetUserData(parser, Unmanaged.passUnretained(context).toOpaque())
        XML_SetElementHandler(parser, startCallback, endCallback)
        XML_SetCharacterDataHandler(parser, characterCallback)
        XML_SetDefaultHandlerExpand(parser, defaultCallback)
        XML_SetStartDoctypeDeclHandler(parser, doctypeCallback)
        XML_SetEntityDeclHandler(parser, entityCallback)
        XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER)

        func failure() -> Error {
            if let error = context.failure { return error }
            let code = XML_GetErrorCode(parser)
            let cause = XML_ErrorString(code).map { String(cString: $0) }
            return XLSXError(.malformedXML, "\(archive.file): part \(entry.name) is not well-formed XML (line \(XML_GetCurrentLineNumber(parser)), column \(XML_GetCurrentColumnNumber(parser)))", cause: cause)
        }

        var stream = try archive.open(entry)
        // Bytes fed since the last event: an upper bound of what expat holds for an unfinished token.
        var pending = 0
        while true {
            guard let buffer = XML_GetBuffer(parser, Int32(feedChunk)) else {
                if context.failure != nil || XML_GetErrorCode(parser) != XML_ERROR_NO_MEMORY { throw failure() }
                throw XLSXError(.io, "\(archive.file): out of memory while parsing part \(entry.name)")
            }
            let count = try stream.read(into: buffer, capacity: feedChunk)
            context.sawEvent = false
            if XML_ParseBuffer(parser, Int32(count), count == 0 ? 1 : 0) != XML_STATUS_OK || context.failure != nil {
                throw failure()
            }
            if count == 0 { break }
            pending = context.sawEvent ? count : pending + count
            if pending > tokenLimit {
                throw XLSXError(.limitExceeded, "\(archive.file): part \(entry.name) has an XML tag, comment or instruction longer than the limit of \(tokenLimit) bytes (line \(XML_GetCurrentLineNumber(parser)))")
            }
        }
    }
}
