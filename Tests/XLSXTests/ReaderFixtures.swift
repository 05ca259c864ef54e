import Foundation
import Testing
@testable import XLSX

/// Builds small XLSX (and not-XLSX) files for the reader tests, part by part, zipped by Python's zipfile.
enum ReaderFixtures {
    static let python = "/usr/bin/python3"
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let pkgRelNS = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// A fresh directory for one test's files.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("reader-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Zips `parts` (name → content) into a new file; entries are deflated unless `stored`.
    static func zip(_ parts: [(String, Data)], name: String = "book.xlsx", stored: Bool = false) throws -> String {
        let directory = try temporaryDirectory()
        let output = directory.appendingPathComponent(name).path
        var script = "import zipfile, sys\n"
        script += "z = zipfile.ZipFile(sys.argv[1], 'w', \(stored ? "zipfile.ZIP_STORED" : "zipfile.ZIP_DEFLATED"))\n"
        var arguments = [output]
        for (index, (partName, data)) in parts.enumerated() {
            let file = directory.appendingPathComponent("part\(index)")
            try data.write(to: file)
            arguments += [file.path, partName]
        }
        script += "a = sys.argv[2:]\n"
        script += "for i in range(0, len(a), 2):\n    z.write(a[i], a[i + 1])\n"
        script += "z.close()\n"
        try run(python, ["-c", script] + arguments)
        return output
    }

    /// Zips text parts.
    static func zip(_ parts: [(String, String)], name: String = "book.xlsx") throws -> String {
        try zip(parts.map { ($0.0, Data($0.1.utf8)) }, name: name)
    }

    /// Runs a program; throws with its stderr when it fails.
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError(description: "\(program) failed: \(String(decoding: error, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self)
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
    }

    /// A sheet for `workbook(sheets:)`: name, state, part name, relationship id and XML.
    struct Sheet {
        var name: String
        var xml: String
        var state: String? = nil
        var part: String? = nil
        var target: String? = nil
        var rid: String? = nil
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
        """

    static let rootRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="\(pkgRelNS)"><Relationship Id="rId1" Type="\(relNS)/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """

    /// The parts of a workbook with these sheets and optional shared strings, styles and workbookPr.
    static func workbookParts(_ sheets: [Sheet], sharedStrings: String? = nil, styles: String? = nil,
                              workbookPr: String = "", sharedStringsPart: String = "xl/sharedStrings.xml",
                              sharedStringsTarget: String = "sharedStrings.xml") -> [(String, String)] {
        var parts: [(String, String)] = [("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRels)]
        var sheetElements = ""
        var rels = ""
        for (i, sheet) in sheets.enumerated() {
            let rid = sheet.rid ?? "rId\(i + 10)"
            let part = sheet.part ?? "xl/worksheets/sheet\(i + 1).xml"
            let target = sheet.target ?? String(part.dropFirst(3))
            let state = sheet.state.map { " state=\"\($0)\"" } ?? ""
            sheetElements += "<sheet name=\"\(sheet.name)\" sheetId=\"\(i + 1)\"\(state) r:id=\"\(rid)\"/>"
            rels += "<Relationship Id=\"\(rid)\" Type=\"\(relNS)/worksheet\" Target=\"\(target)\"/>"
            parts.append((part, sheet.xml))
        }
        if let sharedStrings {
            rels += "<Relationship Id=\"rId2\" Type=\"\(relNS)/sharedStrings\" Target=\"\(sharedStringsTarget)\"/>"
            parts.append((sharedStringsPart, sharedStrings))
        }
        if let styles {
            rels += "<Relationship Id=\"rId3\" Type=\"\(relNS)/styles\" Target=\"styles.xml\"/>"
            parts.append(("xl/styles.xml", styles))
        }
        parts.append(("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(mainNS)" xmlns:r="\(relNS)">\(workbookPr)<sheets>\(sheetElements)</sheets></workbook>
            """))
        parts.append(("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(pkgRelNS)">\(rels)</Relationships>
            """))
        return parts
    }

    /// A worksheet part around `sheetData` content, with optional XML before and after it.
    static func sheetXML(_ rows: String, before: String = "", after: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(mainNS)" xmlns:r="\(relNS)">\(before)<sheetData>\(rows)</sheetData>\(after)</worksheet>
        """
    }

    /// A shared-string part with these `<si>` contents.
    static func sharedStrings(_ items: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="\(mainNS)" count="\(items.count)" uniqueCount="\(items.count)">\(items.map { "<si>\($0)</si>" }.joined())</sst>
        """
    }

    /// A one-sheet workbook file named "Sheet1" with these rows.
    static func book(_ rows: String, sharedStrings: [String]? = nil, styles: String? = nil,
                     workbookPr: String = "", before: String = "", after: String = "") throws -> String {
        try zip(workbookParts([Sheet(name: "Sheet1", xml: sheetXML(rows, before: before, after: after))],
                              sharedStrings: sharedStrings.map(Self.sharedStrings), styles: styles,
                              workbookPr: workbookPr))
    }

    /// Reads the one sheet of a file.
    static func read(_ path: String, limits: ReaderLimits = .default) throws -> SheetData {
        let reader = try XLSXReader(path: path, limits: limits)
        defer { reader.close() }
        return try reader.readSheet(at: 0)
    }

    /// The error `body` throws, as an `XLSXError`; records an issue when it throws nothing or something else.
    static func error(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> XLSXError? {
        do {
            try body()
            Issue.record("expected an XLSXError, but nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as XLSXError {
            return error
        } catch {
            Issue.record("expected an XLSXError, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// The package root (the directory holding Package.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// All reader tests, run one at a time so the reader's open-handle counter can be checked in each.
@Suite(.serialized)
struct ReaderTests {
    /// Runs `body` and checks that it left no libzip handle open.
    static func expectNoLeak(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) rethrows {
        let before = ReaderHandleCounter.open
        try body()
        #expect(ReaderHandleCounter.open == before, "a libzip handle was left open", sourceLocation: sourceLocation)
    }
}
