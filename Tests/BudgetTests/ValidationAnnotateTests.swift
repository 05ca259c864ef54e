import Budget
import Foundation
import Testing
import XLSX

/// The annotated workbook, read back with openpyxl (an independent reader).
@Suite("validate --annotate", .serialized)
struct ValidationAnnotateTests {
    /// Lists the first sheet's rows and links, and every filled or commented cell.
    static let script = """
        import json, sys
        import openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        out = {"sheets": wb.sheetnames, "fills": {}, "comments": {}, "list": [], "links": []}
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    ref = ws.title + "!" + cell.coordinate
                    if cell.fill is not None and cell.fill.fill_type == "solid":
                        out["fills"][ref] = str(cell.fill.fgColor.rgb)[-6:].upper()
                    if cell.comment is not None:
                        out["comments"][ref] = cell.comment.text
        first = wb.worksheets[0]
        for row in first.iter_rows(min_row=3):
            out["list"].append([("" if c.value is None else str(c.value)) for c in row])
            for c in row:
                if c.hyperlink is not None:
                    out["links"].append(c.hyperlink.location)
        print(json.dumps(out, ensure_ascii=False))
        """

    struct Read: Decodable {
        var sheets: [String]
        var fills: [String: String]
        var comments: [String: String]
        var list: [[String]]
        var links: [String]
    }

    static func read(_ workbook: String, directory: String) throws -> Read {
        let scriptPath = directory + "/read_annotations.py"
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let run = try TestSupport.run(TestSupport.python, [scriptPath, workbook])
        try #require(run.status == 0, "openpyxl failed: \(run.stderr)")
        return try JSONDecoder().decode(Read.self, from: Data(run.stdout.utf8))
    }

    @Test("fills and comments on exactly the reported cells, and a linked list of findings first")
    func annotatedSample() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = directory + "/sample.json"
        try FileManager.default.copyItem(atPath: ValidationCLITests.sample, toPath: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let output = directory + "/annotated.xlsx"
        let run = try ValidationCLI.run(["validate", "--json", input, "--annotate", output])
        #expect(run.status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)

        let report = Validator(set: try DerivationTests.hebei()).validate(try DisclosureJSON.bundledExample())
        let read = try Self.read(output, directory: directory)
        #expect(read.sheets.first == ListSheet.findingsName)
        #expect(read.sheets.dropFirst().first == "目录")

        // The cells of the findings, with the worse severity where several meet.
        var expected: [String: Finding.Severity] = [:]
        var messages: [String: [String]] = [:]
        for finding in report.findings {
            guard let cell = finding.cellText else { continue }
            expected[cell] = min(expected[cell] ?? .warning, finding.severity)
            messages[cell, default: []].append("[\(finding.rule)] \(finding.message)")
        }
        let tableComments = read.comments.filter { !$0.key.hasPrefix(ListSheet.findingsName + "!") }
        #expect(Set(tableComments.keys) == Set(expected.keys))
        for (cell, texts) in messages {
            #expect(tableComments[cell] == texts.joined(separator: "\n"), "\(cell)")
        }
        // Body cells are filled; the 注 under the “三公” table carries its comment only.
        let note = "部门预算财政拨款“三公”经费支出表!A15"
        let filled = read.fills.filter { !$0.key.hasPrefix(ListSheet.findingsName + "!") }
        #expect(Set(filled.keys) == Set(expected.keys).subtracting([note]))
        for (cell, severity) in expected where cell != note {
            #expect(filled[cell] == (severity == .error ? "FF9999" : "FFEB84"), "\(cell)")
        }
        #expect(expected[note] == .error)

        // One list row per finding, linked to its cell.
        #expect(read.list.count == report.findings.count)
        #expect(read.list.first?.prefix(6) == ["1", "T1-2", "尾差", "部门预算收支总表!E37", "52729.92", "52729.91"])
        #expect(read.list.last?[2] == "错误")
        #expect(read.links == report.findings.compactMap { $0.location?.linkTarget })
        #expect(read.links.first == "'部门预算收支总表'!E37")
    }

    @Test("a derived unit with one changed amount: the changed cell is red")
    func changedCell() throws {
        let set = try DerivationTests.hebei()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var unit = try SyntheticUnits.make(seed: 11, index: 4, set: set)
        bump(&unit, "generalPublicBasic", "合计", ["personnel"], by: "3.00")
        let input = try ValidationCLI.write(unit, to: directory, name: "unit.json")
        let output = directory + "/marked.xlsx"
        let run = try ValidationCLI.run(["validate", input, "--annotate", output])
        #expect(run.status == 1)
        #expect(run.stdout.hasSuffix("annotated workbook: \(output)\n"))
        let read = try Self.read(output, directory: directory)
        #expect(read.fills["部门预算一般公共预算财政拨款基本支出表!E6"] == "FF9999")
        #expect(read.comments["部门预算一般公共预算财政拨款基本支出表!E6"]?.contains("[T6-2]") == true)
    }
}
