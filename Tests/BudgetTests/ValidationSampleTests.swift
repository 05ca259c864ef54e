import Budget
import Foundation
import Testing
import XLSX

/// The bundled sample, as published, against the whole catalogue.
///
/// Worked out by hand (exact decimals) before the validator existed: every
/// sum in the nine tables agrees within the rounding of its addends except
/// the “三公” table, which carries the note “空表列示” though it has amounts.
@Suite("Validation of the published sample")
struct ValidationSampleTests {
    /// (rule, severity or 尾差, cell, expected, actual), in report order.
    static let expected: [(String, String, String, String, String)] = [
        ("T1-2", "尾差", "部门预算收支总表!E37", "52729.92", "52729.91"),      // 52631.51 + 49.81 + 48.60
        ("T1-3", "尾差", "部门预算收支总表!C39", "52729.92", "52729.91"),      // 49576.24 + 3153.68
        ("T2-1", "尾差", "部门预算收入总表!D6", "52729.92", "52729.91"),       // 合计 49576.24 + 3153.68
        ("T2-1", "尾差", "部门预算收入总表!D9", "223.67", "223.68"),           // 2080101 218.44 + 5.23
        ("T2-1", "尾差", "部门预算收入总表!D13", "259.06", "259.07"),          // 2080109 254.59 + 4.47
        ("T2-3", "尾差", "部门预算收入总表!D6", "52729.92", "52729.91"),       // 合计 = 208 + 210 + 221
        ("T2-3", "尾差", "部门预算收入总表!D7", "52631.50", "52631.51"),       // 208 = Σ 款
        ("T2-3", "尾差", "部门预算收入总表!E7", "49477.82", "49477.83"),
        ("T2-3", "尾差", "部门预算收入总表!F7", "49477.82", "49477.83"),
        ("T2-3", "尾差", "部门预算收入总表!D8", "814.56", "814.55"),           // 20801 = Σ 项
        ("T2-3", "尾差", "部门预算收入总表!M8", "32.33", "32.34"),             // 5.23 + 14.35 + 8.28 + 4.47
        ("T2-3", "尾差", "部门预算收入总表!D15", "23679.60", "23679.59"),      // 20805 = Σ 项
        ("T2-3", "尾差", "部门预算收入总表!E15", "22379.60", "22379.59"),
        ("T2-3", "尾差", "部门预算收入总表!F15", "22379.60", "22379.59"),
        ("T3-1", "尾差", "部门预算支出总表!D7", "52631.50", "52631.51"),       // 208 867.65 + 51763.85
        ("T3-1", "尾差", "部门预算支出总表!D8", "814.56", "814.55"),           // 20801 746.54 + 68.02
        ("T3-1", "尾差", "部门预算支出总表!D13", "259.06", "259.07"),          // 2080109 245.38 + 13.68
        ("T3-2", "尾差", "部门预算支出总表!D6", "52729.92", "52729.91"),
        ("T3-2", "尾差", "部门预算支出总表!D7", "52631.50", "52631.51"),
        ("T3-2", "尾差", "部门预算支出总表!F7", "51763.86", "51763.85"),
        ("T3-2", "尾差", "部门预算支出总表!D8", "814.56", "814.55"),
        ("T3-2", "尾差", "部门预算支出总表!F8", "68.01", "68.02"),             // 29.55 + 17.28 + 7.50 + 13.68
        ("T3-2", "尾差", "部门预算支出总表!D15", "23679.60", "23679.59"),
        ("T3-2", "尾差", "部门预算支出总表!E15", "118.60", "118.59"),          // 14.38 + 9.51 + 94.71
        ("T4-3", "尾差", "部门预算财政拨款收支总表!C42", "52729.92", "52729.91"),
        ("T4-5", "尾差", "部门预算财政拨款收支总表!E37", "52729.92", "52729.91"),
        ("T4-5", "尾差", "部门预算财政拨款收支总表!F37", "52729.92", "52729.91"),
        ("T4-7", "尾差", "部门预算财政拨款收支总表!F42", "52729.92", "52729.91"),
        ("T5-1", "尾差", "部门预算一般公共预算财政拨款支出表!D7", "52631.50", "52631.51"),
        ("T5-1", "尾差", "部门预算一般公共预算财政拨款支出表!D8", "814.56", "814.55"),
        ("T5-1", "尾差", "部门预算一般公共预算财政拨款支出表!D13", "259.06", "259.07"),
        ("T5-2", "尾差", "部门预算一般公共预算财政拨款支出表!D6", "52729.92", "52729.91"),
        ("T5-2", "尾差", "部门预算一般公共预算财政拨款支出表!D7", "52631.50", "52631.51"),
        ("T5-2", "尾差", "部门预算一般公共预算财政拨款支出表!F7", "51763.86", "51763.85"),
        ("T5-2", "尾差", "部门预算一般公共预算财政拨款支出表!D8", "814.56", "814.55"),
        ("T5-2", "尾差", "部门预算一般公共预算财政拨款支出表!F8", "68.01", "68.02"),
        ("T5-2", "尾差", "部门预算一般公共预算财政拨款支出表!D15", "23679.60", "23679.59"),
        ("T5-2", "尾差", "部门预算一般公共预算财政拨款支出表!E15", "118.60", "118.59"),
        ("E-1", "error", "部门预算财政拨款“三公”经费支出表!A15", "无空表说明", "注：无财政拨款“三公”经费支出预算，空表列示。"),
    ]

    static func report() throws -> ValidationReport {
        let set = try DerivationTests.hebei()
        return Validator(set: set).validate(nineTablesOnly(try DisclosureJSON.bundledExample()))
    }

    @Test("exactly the expected findings, in order")
    func findings() throws {
        let report = try Self.report()
        let actual = report.findings.map { f in
            [f.rule, f.kind == .rounding ? "尾差" : f.severity.rawValue, f.cellText ?? "", f.expected ?? "", f.actual ?? ""]
        }
        let expected = Self.expected.map { [$0.0, $0.1, $0.2, $0.3, $0.4] }
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) { #expect(a == e) }
        let summary = report.summary
        let counts: [Int] = [summary.errors, summary.warnings, summary.rounding, summary.rules]
        #expect(counts == [1, 38, 38, ValidationRule.catalogue.count])
    }

    @Test("every 尾差 is a warning of ±0.01, and the only error is the note of the “三公” table")
    func severities() throws {
        let report = try Self.report()
        for finding in report.warnings {
            #expect(finding.kind == .rounding)
            #expect(finding.difference?.magnitude == Amount("0.01"))
        }
        #expect(report.errors.map(\.rule) == ["E-1"])
        let e1 = try #require(report.errors.first)
        #expect(e1.table == "threePublic")
        // It read the note and the 8 amounts of the table.
        #expect(e1.cells.count == 9)
        #expect(e1.cells.contains { $0.description == "部门预算财政拨款“三公”经费支出表!C6" })
    }

    @Test("a finding names every cell it read")
    func cellsRead() throws {
        let report = try Self.report()
        let tail = try #require(report.findings.first { $0.rule == "T2-1" && $0.cellText == "部门预算收入总表!D13" })
        #expect(tail.cells.map(\.description) == ["部门预算收入总表!D13", "部门预算收入总表!E13", "部门预算收入总表!M13"])
        #expect(tail.row == "2080109 社会保险经办机构")
        #expect(tail.column == "total")
        #expect(tail.message == "收入总表 2080109 社会保险经办机构 合计 259.07 应 = 小计 + 上年结转 = 259.06（差 0.01，尾差）")
        let rollUp = try #require(report.findings.first { $0.rule == "T2-3" && $0.cellText == "部门预算收入总表!M8" })
        #expect(rollUp.cells.map(\.description) == ["部门预算收入总表!M8", "部门预算收入总表!M9", "部门预算收入总表!M10",
                                                     "部门预算收入总表!M11", "部门预算收入总表!M12", "部门预算收入总表!M13",
                                                     "部门预算收入总表!M14"])
    }

    @Test("text and JSON output")
    func output() throws {
        let report = try Self.report()
        let lines = report.textLines()
        #expect(lines.count == 39)
        #expect(lines.last == "E-1 error 部门预算财政拨款“三公”经费支出表!A15: 财政拨款“三公”经费支出表 的注称本表为空表（“注：无财政拨款“三公”经费支出预算，空表列示。”），但表中有金额 (expected 无空表说明, actual 注：无财政拨款“三公”经费支出预算，空表列示。)")
        #expect(report.summaryLine == "1 error, 38 warnings (38 尾差) from 58 rules")
        let object = try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any]
        let findings = try #require(object?["findings"] as? [[String: Any]])
        #expect(findings.count == 39)
        let keys: Set<String> = ["rule", "severity", "kind", "table", "sheet", "cell", "row", "column", "cells",
                                 "expected", "actual", "difference", "message"]
        for finding in findings { #expect(Set(finding.keys) == keys) }
        #expect(findings[4]["cell"] as? String == "D13")
        #expect(findings[4]["sheet"] as? String == "部门预算收入总表")
        #expect(findings[4]["expected"] as? String == "259.06")
        #expect(findings[4]["difference"] as? String == "0.01")
        let summary = try #require(object?["summary"] as? [String: Int])
        #expect(summary == ["errors": 1, "warnings": 38, "rounding": 38, "rules": 58])
    }

    @Test("a locator that knows no cells still gets every finding")
    func withoutCells() throws {
        let set = try DerivationTests.hebei()
        let report = Validator(set: set).validate(nineTablesOnly(try DisclosureJSON.bundledExample()), locator: NoCellLocator())
        #expect(report.findings.count == 39)
        #expect(report.findings.allSatisfy { $0.location == nil && $0.cells.isEmpty })
    }
}
