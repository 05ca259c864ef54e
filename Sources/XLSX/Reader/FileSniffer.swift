import Foundation

/// Looks at a file's first bytes before libzip does, to name what it is when it is not XLSX.
enum FileSniffer {
    /// What the first bytes say.
    struct Header {
        /// Whether the file starts with a zip signature (`PK\3\4` or `PK\5\6`).
        var looksLikeZip: Bool
    }

    private static let ole2Magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Classifies the file; throws for an unreadable, empty or OLE2 (encrypted or .xls) file.
    static func classify(path: String) throws -> Header {
        guard let file = fopen(path, "rb") else {
            let cause = String(cString: strerror(errno))
            throw XLSXError(.io, "\(path) cannot be opened", cause: cause)
        }
        defer { fclose(file) }
        var magic = [UInt8](repeating: 0, count: 8)
        let count = magic.withUnsafeMutableBytes { fread($0.baseAddress, 1, 8, file) }
        if count == 0, ferror(file) != 0 {
            throw XLSXError(.io, "\(path) cannot be read", cause: String(cString: strerror(errno)))
        }
        return try classify(magic.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[0..<count]) }, path: path)
    }

    /// Opens a file for the reader: one of up to `preloadLimit` bytes is read whole into memory
    /// (returned for `ZipArchive`, which takes it over), a larger one only classified.
    static func load(path: String, preloadLimit: Int) throws -> (header: Header, contents: UnsafeMutableRawBufferPointer?) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw XLSXError(.io, "\(path) cannot be opened", cause: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size <= preloadLimit else {
            return (try classify(path: path), nil)
        }
        let size = Int(status.st_size)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 16)
        var done = 0
        while done < size {
            let n = read(fd, buffer.baseAddress! + done, size - done)
            if n < 0 && errno == EINTR { continue }
            if n < 0 {
                let cause = String(cString: strerror(errno))
                buffer.deallocate()
                throw XLSXError(.io, "\(path) cannot be read", cause: cause)
            }
            if n == 0 { break }
            done += n
        }
        let contents = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<done])
        do {
            let header = try classify(UnsafeRawBufferPointer(rebasing: contents[0..<min(done, 8)]), path: path)
            return (header, contents)
        } catch {
            buffer.deallocate()
            throw error
        }
    }

    /// Classifies a file by its first (up to 8) bytes.
    private static func classify(_ magic: UnsafeRawBufferPointer, path: String) throws -> Header {
        let count = magic.count
        if count == 0 {
            throw XLSXError(.notXLSX, "\(path) is empty (0 bytes), not an XLSX workbook")
        }
        if count == 8, magic.elementsEqual(ole2Magic) {
            guard let file = fopen(path, "rb") else {
                throw XLSXError(.io, "\(path) cannot be opened", cause: String(cString: strerror(errno)))
            }
            defer { fclose(file) }
            throw ole2Error(file, path: path)
        }
        let zip = count >= 4 && magic[0] == 0x50 && magic[1] == 0x4B
            && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6))
        return Header(looksLikeZip: zip)
    }

    /// An OLE2 compound file is either an encrypted OOXML workbook (it holds an `EncryptionInfo`
    /// stream) or a binary .xls (a `Workbook` or `Book` stream); directory names are UTF-16LE.
    private static func ole2Error(_ file: UnsafeMutablePointer<FILE>, path: String) -> XLSXError {
        let encryption = utf16("EncryptionInfo")
        let workbook = utf16("Workbook")
        let book = utf16("Book\0")
        var foundWorkbook = false
        let chunkSize = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunkSize + 64)
        var carried = 0
        fseek(file, 0, SEEK_SET)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress.map { $0 + carried }, 1, chunkSize, file) }
            if n == 0 { break }
            let valid = buffer[0 ..< carried + n]
            if contains(valid, encryption) {
                return XLSXError(.encrypted, "\(path) is a password-protected (encrypted) workbook; remove the password in Excel and save it again")
            }
            if contains(valid, workbook) || contains(valid, book) { foundWorkbook = true }
            carried = min(64, carried + n)
            let tail = Array(valid.suffix(carried))
            buffer.replaceSubrange(0 ..< carried, with: tail)
        }
        if foundWorkbook {
            return XLSXError(.notXLSX, "\(path) is an Excel 97-2003 .xls workbook, not .xlsx; save it as .xlsx first")
        }
        return XLSXError(.notXLSX, "\(path) is an OLE2 compound file (an old Office format), not an .xlsx workbook")
    }

    private static func utf16(_ text: String) -> [UInt8] {
        text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while i <= last {
            if haystack[i] == first, haystack[i ..< i + needle.count].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
