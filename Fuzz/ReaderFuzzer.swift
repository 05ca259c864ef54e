import CZip
import Foundation

// libFuzzer target for the XLSX reader; built and run by Fuzz/run.sh, compiled together with the
// sources of the XLSX module (so it is one module and sees the reader's public API only as users do).
//
// An input is read as follows. Its first byte chooses:
//   bit 0 clear: the rest is the file itself (zip-level damage: directories, headers, deflate streams);
//   bit 0 set:   the rest is split at NUL bytes (which XML never holds) into the parts below, stored
//                uncompressed in a fresh zip, so the fuzzer mutates the XML itself;
//   bit 1 set:   the reader runs with tight limits, so the limit checks are exercised too.
// Every sheet is then read. Any error must be an XLSXError; a crash, a sanitizer report or a hang is a finding.

let partNames = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                 "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet2.xml"]

let tightLimits = ReaderLimits(maxTotalUncompressedBytes: 1 << 20, maxEntryUncompressedBytes: 256 << 10,
                               maxCompressionRatio: 50, compressionRatioThreshold: 4096, maxEntries: 12,
                               maxCells: 200, maxStringBytes: 256, maxXMLDepth: 12)

let scratch = "/dev/shm/xlsx-fuzz-\(getpid()).xlsx"

/// Writes the parts into a zip with libzip, entries stored.
func writePackage(_ parts: [[UInt8]], to path: String) -> Bool {
    var code: Int32 = 0
    guard let za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code) else { return false }
    var buffers: [UnsafeMutableRawPointer] = []
    defer { for b in buffers { b.deallocate() } }
    for (index, part) in parts.enumerated() where index < partNames.count {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(part.count, 1), alignment: 1)
        buffers.append(buffer)
        part.withUnsafeBytes { if let base = $0.baseAddress { buffer.copyMemory(from: base, byteCount: part.count) } }
        guard let source = zip_source_buffer(za, buffer, zip_uint64_t(part.count), 0) else { continue }
        let entry = zip_file_add(za, partNames[index], source, ZIP_FL_OVERWRITE)
        if entry < 0 {
            zip_source_free(source)
            continue
        }
        zip_set_file_compression(za, zip_uint64_t(entry), ZIP_CM_STORE, 0)
    }
    if zip_close(za) != 0 {
        zip_discard(za)
        return false
    }
    return true
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let mode = data[0]
    let rest = UnsafeBufferPointer(start: data + 1, count: size - 1)
    if mode & 1 == 0 {
        guard let file = fopen(scratch, "wb") else { return 0 }
        fwrite(rest.baseAddress, 1, rest.count, file)
        fclose(file)
    } else {
        let parts = rest.split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
        guard writePackage(parts, to: scratch) else { return 0 }
    }
    let limits = mode & 2 == 0 ? ReaderLimits.default : tightLimits
    do {
        let reader = try XLSXReader(path: scratch, limits: limits)
        defer { reader.close() }
        for index in reader.sheets.indices {
            let sheet = try reader.readSheet(at: index)
            for cell in sheet.cells { _ = cell.value.text }
        }
    } catch is XLSXError {
        // Refusing the input is the expected outcome for most inputs.
    } catch {
        fatalError("the reader threw something other than XLSXError: \(error)")
    }
    return 0
}
