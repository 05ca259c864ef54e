import Foundation
import CommandRunner
import Testing

@Suite("budgetxlsx import and diff")
struct ImportCommandTests {
    @Test("import prints the model; --against lists changes in text and JSON")
    func importAgainst() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = CLI.packageRoot + "/Examples/qinglong-hrss-2025.json"
        var result = try CLI.run(["generate", "--output", dir + "/unit.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        result = try CLI.run(["import", dir + "/unit.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""name" : "青龙满族自治县人力资源和社会保障局""#))
        result = try CLI.run(["import", dir + "/unit.xlsx", "--against", original])
        #expect(result.stdout == "no changes\n")

        let edit = try CLI.python("""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            wb["部门预算收入总表"]["M9"] = "5.24"
            wb.save(sys.argv[1])
            """, [dir + "/unit.xlsx"])
        #expect(edit.status == 0, "\(edit.stderr)")
        result = try CLI.run(["import", dir + "/unit.xlsx", "--against", original, "--output", dir + "/back.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "部门预算收入总表 | 2080101 行政运行 | 上年结转: 5.23 → 5.24 (部门预算收入总表!M9)\n1 change\n")
        #expect(result.stderr == "warning: 部门预算收入总表!M9: number typed as text \"5.24\", read as 5.24\n")
        result = try CLI.run(["diff", original, dir + "/back.json", "--json"])
        #expect(result.status == 1)
        #expect(result.stdout == #"{"changes":[{"cell":"部门预算收入总表!M9","column":"carryover","columnLabel":"上年结转","kind":"changed","new":"5.24","old":"5.23","row":"2080101 行政运行","table":"revenue","title":"部门预算收入总表"}],"count":1}"# + "\n")
        result = try CLI.run(["diff", original, original])
        #expect(result.status == 0)
        #expect(result.stdout == "no changes\n")
    }

    @Test("import refuses what it cannot trust, naming file and cell; never overwrites its input")
    func importErrors() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("not a workbook".utf8).write(to: URL(fileURLWithPath: dir + "/bad.xlsx"))
        var result = try CLI.run(["import", dir + "/bad.xlsx"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: \(dir)/bad.xlsx is not an XLSX workbook"), "\(result.stderr)")
        _ = try CLI.run(["generate", "--output", dir + "/unit.xlsx"])
        result = try CLI.run(["import", dir + "/unit.xlsx", "--output", dir + "/unit.xlsx"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("refusing to write"))
        result = try CLI.run(["import", dir + "/unit.xlsx", "--output", dir + "/out.json"], environment: ["BUDGETXLSX_DEBUG_HANDLES": "1"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("live C handles: 0"))
    }
}

extension CLI {
    static func python(_ code: String, _ arguments: [String]) throws -> Result {
        try ProcessRunner.run("/usr/bin/python3", ["-c", code] + arguments)
    }
}

@Suite("budgetxlsx validate on workbooks")
struct ValidateWorkbookTests {
    @Test("findings name the cells of the workbook as edited: renamed sheet, changed amount")
    func validateEditedWorkbook() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try CLI.run(["generate", "--output", dir + "/unit.xlsx"])
        let edit = try CLI.python("""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb["部门预算收入总表"]
            ws.title = "收入"
            assert ws["B13"].value == "2080109"
            ws["M13"] = 9.47
            wb.save(sys.argv[1])
            """, [dir + "/unit.xlsx"])
        #expect(edit.status == 0, "\(edit.stderr)")
        let result = try CLI.run(["validate", dir + "/unit.xlsx", "--json"])
        #expect(result.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = json?["findings"] as? [[String: Any]] ?? []
        let errors = findings.filter { $0["severity"] as? String == "error" }
        // The changed carry-over breaks 合计 = 小计 + 上年结转 on its row and the roll-up to 20801.
        let t21 = errors.first { $0["rule"] as? String == "T2-1" }
        #expect(t21?["sheet"] as? String == "收入")
        #expect(t21?["cell"] as? String == "D13", "\(String(describing: t21))")
        #expect((t21?["cells"] as? [String])?.contains("收入!M13") == true)
        #expect(errors.contains { $0["rule"] as? String == "T2-3" && $0["sheet"] as? String == "收入" && $0["cell"] as? String == "M8" })
    }
}
