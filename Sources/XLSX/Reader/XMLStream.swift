import CExpat

/// Receives the events of a streaming parse; each part's reader overrides what it needs.
///
/// Element and attribute names arrive as local names (`x:c` → `c`): prefixes are arbitrary,
/// so matching is on the local name only. Pointers are valid only during the call.
///
/// The handler is what expat's user data points at, so it also carries the parse's bookkeeping
/// (depth, the first failure): a callback reaches everything through one pointer.
class XMLHandler {
    /// An element starts; `attributes` is expat's nil-terminated array of name/value pairs.
    func start(_ name: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>) throws {}
    /// An element ends.
    func end(_ name: UnsafePointer<CChar>) throws {}
    /// A run of character data (UTF-8), possibly one of several for the same text.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {}

    /// The C callbacks that deliver expat's events to this kind of handler. These go through the
    /// overridable methods above; a handler on the hot path (sheets, shared strings) overrides this
    /// with `XMLEvents` built for its own final class, whose callbacks call its methods directly.
    class var events: XMLEvents { XMLEvents.dynamic }

    // The parse's bookkeeping is touched on every callback; only the parse that owns the handler
    // reaches it, one callback at a time, so it skips the runtime exclusivity checks.
    @exclusivity(unchecked) final fileprivate(set) var depth = 0
    @exclusivity(unchecked) final fileprivate(set) var failure: Error?
    /// Set with `failure`: a plain flag is cheaper to test on every callback than the optional existential.
    @exclusivity(unchecked) final fileprivate(set) var stopped = false
    /// Set by every callback; lets the feeding loop see a chunk that produced no event at all.
    @exclusivity(unchecked) final fileprivate var sawEvent = false
    @exclusivity(unchecked) final fileprivate var maxDepth = 0
    @exclusivity(unchecked) final fileprivate var parser: XML_Parser?
    /// The file and part being parsed, for messages.
    final fileprivate(set) var file = ""
    final fileprivate(set) var part = ""

    /// Readies the bookkeeping for a new part (a handler may parse several, one after another).
    fileprivate final func begin(_ parser: XML_Parser, maxDepth: Int, file: String, part: String) {
        self.parser = parser
        self.maxDepth = maxDepth
        self.file = file
        self.part = part
        depth = 0
        failure = nil
        stopped = false
        sawEvent = false
    }

    /// Records the first failure and stops expat; later events are ignored.
    final func stop(_ error: Error) {
        if failure == nil { failure = error }
        stopped = true
        if let parser { XML_StopParser(parser, XML_FALSE) }
    }

    fileprivate final func stopTooDeep() {
        stop(XLSXError(.limitExceeded, "\(file): part \(part) nests XML elements deeper than the limit of \(maxDepth) levels"))
    }
}

/// The three C callbacks of one kind of handler (see `XMLHandler.events`).
struct XMLEvents {
    var start: XML_StartElementHandler
    var end: XML_EndElementHandler
    var characters: XML_CharacterDataHandler

    /// Callbacks that reach any handler through its overridable methods.
    static let dynamic = XMLEvents(
        start: { deliverStart(XMLHandler.self, $0, $1, $2) },
        end: { deliverEnd(XMLHandler.self, $0, $1) },
        characters: { deliverCharacters(XMLHandler.self, $0, $1, $2) })
}

// The bodies of every handler's callbacks. Each is inlined into callbacks written for a concrete
// final class (`{ deliverStart(SheetHandler.self, $0, $1, $2) }`), where the handler's methods are
// called directly; a C function pointer cannot itself be generic.

@inline(__always)
func deliverStart<H: XMLHandler>(_: H.Type, _ userData: UnsafeMutableRawPointer?, _ name: UnsafePointer<CChar>?,
                                 _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>?) {
    guard let userData, let name, let attributes else { return }
    Unmanaged<H>.fromOpaque(userData)._withUnsafeGuaranteedRef { handler in
        guard !handler.stopped else { return }
        handler.sawEvent = true
        handler.depth += 1
        guard handler.depth <= handler.maxDepth else { return handler.stopTooDeep() }
        do {
            try handler.start(localName(name), attributes)
        } catch {
            handler.stop(error)
        }
    }
}

@inline(__always)
func deliverEnd<H: XMLHandler>(_: H.Type, _ userData: UnsafeMutableRawPointer?, _ name: UnsafePointer<CChar>?) {
    guard let userData, let name else { return }
    Unmanaged<H>.fromOpaque(userData)._withUnsafeGuaranteedRef { handler in
        guard !handler.stopped else { return }
        handler.sawEvent = true
        handler.depth -= 1
        do {
            try handler.end(localName(name))
        } catch {
            handler.stop(error)
        }
    }
}

@inline(__always)
func deliverCharacters<H: XMLHandler>(_: H.Type, _ userData: UnsafeMutableRawPointer?, _ text: UnsafePointer<CChar>?,
                                      _ length: Int32) {
    guard let userData, let text, length > 0 else { return }
    Unmanaged<H>.fromOpaque(userData)._withUnsafeGuaranteedRef { handler in
        guard !handler.stopped else { return }
        handler.sawEvent = true
        do {
            try handler.characters(UnsafeBufferPointer(
                start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: Int(length)))
        } catch {
            handler.stop(error)
        }
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

/// Everything else expat reports (the XML declaration, comments, instructions, white space outside
/// the root element) counts as progress for the token length check.
private let defaultCallback: XML_DefaultHandler = { userData, _, _ in
    guard let userData else { return }
    Unmanaged<XMLHandler>.fromOpaque(userData)._withUnsafeGuaranteedRef { $0.sawEvent = true }
}

private let doctypeCallback: XML_StartDoctypeDeclHandler = { userData, _, _, _, _ in
    guard let userData else { return }
    Unmanaged<XMLHandler>.fromOpaque(userData)._withUnsafeGuaranteedRef { handler in
        handler.stop(XLSXError(.malformedXML, "\(handler.file): part \(handler.part) contains a DTD (<!DOCTYPE>), which XLSX parts never use; refused"))
    }
}

private let entityCallback: XML_EntityDeclHandler = { userData, _, _, _, _, _, _, _, _ in
    guard let userData else { return }
    Unmanaged<XMLHandler>.fromOpaque(userData)._withUnsafeGuaranteedRef { handler in
        handler.stop(XLSXError(.malformedXML, "\(handler.file): part \(handler.part) declares an XML entity; refused"))
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
    handler.begin(parser, maxDepth: archive.limits.maxXMLDepth, file: archive.file, part: entry.name)
    defer { handler.parser = nil }
    let tokenLimit = maxTokenBytes(archive.limits)
    let events = type(of: handler).events
    try withExtendedLifetime(handler) {
        XML_SetHashSalt(parser, hashSalt)
        XML_SetUserData(parser, Unmanaged.passUnretained(handler).toOpaque())
        XML_SetElementHandler(parser, events.start, events.end)
        XML_SetCharacterDataHandler(parser, events.characters)
        XML_SetDefaultHandlerExpand(parser, defaultCallback)
        XML_SetStartDoctypeDeclHandler(parser, doctypeCallback)
        XML_SetEntityDeclHandler(parser, entityCallback)
        XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER)

        func failure() -> Error {
            if let error = handler.failure { return error }
            let code = XML_GetErrorCode(parser)
            let cause = XML_ErrorString(code).map { String(cString: $0) }
            return XLSXError(.malformedXML, "\(archive.file): part \(entry.name) is not well-formed XML (line \(XML_GetCurrentLineNumber(parser)), column \(XML_GetCurrentColumnNumber(parser)))", cause: cause)
        }

        var stream = try archive.open(entry)
        // Bytes fed since the last event: an upper bound of what expat holds for an unfinished token.
        var pending = 0
        while true {
            guard let buffer = XML_GetBuffer(parser, Int32(feedChunk)) else {
                if handler.failure != nil || XML_GetErrorCode(parser) != XML_ERROR_NO_MEMORY { throw failure() }
                throw XLSXError(.io, "\(archive.file): out of memory while parsing part \(entry.name)")
            }
            let count = try stream.read(into: buffer, capacity: feedChunk)
            handler.sawEvent = false
            if XML_ParseBuffer(parser, Int32(count), count == 0 ? 1 : 0) != XML_STATUS_OK || handler.failure != nil {
                throw failure()
            }
            if count == 0 { break }
            pending = handler.sawEvent ? count : pending + count
            if pending > tokenLimit {
                throw XLSXError(.limitExceeded, "\(archive.file): part \(entry.name) has an XML tag, comment or instruction longer than the limit of \(tokenLimit) bytes (line \(XML_GetCurrentLineNumber(parser)))")
            }
        }
    }
}
