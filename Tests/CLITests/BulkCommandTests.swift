import Foundation
import CommandRunner
import Testing

@Suite("budgetxlsx sample and bulk")
struct BulkCommandTests {
    @Test("sample is deterministic and each line generates")
    func sample() throws {
        let a = try CLI.run(["sample", "--units", "3", "--seed", "42"])
        let b = try CLI.run(["sample", "--units", "3", "--seed", "42"])
        let c = try CLI.run(["sample", "--units", "3", "--seed", "43"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        #expect(a.stdout != c.stdout)
        let lines = a.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.run(["generate", "--input", "-", "--output", dir], stdin: Data(lines[1].utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix(".xlsx\n"))
    }

    @Test("bulk: one workbook per unit, bad units listed, manifest written, names never collide")
    func bulk() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var result = try CLI.run(["sample", "--units", "6", "--seed", "7", "--output", dir + "/units.jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        var lines = try String(contentsOfFile: dir + "/units.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        lines.append(#"{"unit":{"code":"9","name":"坏/单位"},"year":2025,"tables":{"revenue":{"rows":[{"key":"合计","values":{"total":"x"}}]}}}"#)
        lines.append(lines[0])  // the same unit twice: the names must not collide
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/units.jsonl", atomically: true, encoding: .utf8)
        result = try CLI.run(["bulk", "--input", dir + "/units.jsonl", "--output", dir + "/out", "--jobs", "2"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("7 written, 0 up to date, 1 failed"), "\(result.stdout)")
        #expect(result.stderr.contains("failed: \(dir)/units.jsonl:7: \(dir)/units.jsonl:7: tables.revenue.rows[0].values.total: \"x\" is not a decimal amount"), "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted()
        #expect(files.filter { $0.hasSuffix(".xlsx") }.count == 7)
        #expect(files.contains("manifest.json"))
        #expect(files.filter { $0.contains("-#1.xlsx") || $0.contains("-#8.xlsx") }.count == 2, "\(files)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/manifest.json"))) as? [String: Any]
        let units = manifest?["units"] as? [[String: Any]] ?? []
        #expect(units.count == 8)
        #expect(units.map { $0["status"] as? String } == ["ok", "ok", "ok", "ok", "ok", "ok", "failed", "ok"])
        #expect(units.allSatisfy { ($0["inputHash"] as? String)?.count == 16 })

        // --resume skips what is up to date; a changed unit is written again.
        result = try CLI.run(["bulk", "--input", dir + "/units.jsonl", "--output", dir + "/out", "--resume", "--quiet"])
        #expect(result.stdout.hasPrefix("0 written, 7 up to date, 1 failed"), "\(result.stdout)")
        #expect(result.stderr.contains("failed:"))
    }

    @Test("shards cover every unit exactly once")
    func shards() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try CLI.run(["sample", "--units", "5", "--seed", "3", "--output", dir + "/units.jsonl"])
        var seen: [String] = []
        for i in 1...3 {
            let result = try CLI.run(["bulk", "-i", dir + "/units.jsonl", "-o", dir + "/s\(i)", "--shard", "\(i)/3", "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
            seen += try FileManager.default.contentsOfDirectory(atPath: dir + "/s\(i)").filter { $0.hasSuffix(".xlsx") }
        }
        #expect(seen.count == 5)
        #expect(Set(seen).count == 5)
        let bad = try CLI.run(["bulk", "-i", dir + "/units.jsonl", "-o", dir + "/x", "--shard", "4/3"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--shard 4/3: expected I/N with 1 ≤ I ≤ N"))
    }

    @Test("shards running at the same time in one directory keep their own manifests; --resume merges them")
    func concurrentShards() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try CLI.run(["sample", "--units", "40", "--seed", "9", "--output", dir + "/units.jsonl"])
        let shards = (1...2).map { i -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["bulk", "-i", dir + "/units.jsonl", "-o", dir + "/out", "--shard", "\(i)/2", "--jobs", "1", "--quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in shards { try process.run() }
        for process in shards { process.waitUntilExit() }
        #expect(shards.map(\.terminationStatus) == [0, 0])
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/out")
        #expect(files.filter { $0.hasSuffix(".xlsx") }.count == 40)
        #expect(!files.contains("manifest.json"))
        var indices: [Int] = []
        for i in 1...2 {
            let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/out/manifest-shard-\(i)-of-2.json"))
            let units = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["units"] as? [[String: Any]] ?? []
            #expect(units.count == 20)
            #expect(units.allSatisfy { ($0["index"] as? Int).map { $0 % 2 == i - 1 } ?? false })
            indices += units.compactMap { $0["index"] as? Int }
        }
        #expect(indices.sorted() == Array(0 ..< 40))
        let result = try CLI.run(["bulk", "-i", dir + "/units.jsonl", "-o", dir + "/out", "--resume", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("0 written, 40 up to date, 0 failed"), "\(result.stdout)")
    }

    @Test("killed mid-run: no partial workbook under a final name; the next run cleans up and completes")
    func killAndResume() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try CLI.run(["sample", "--units", "300", "--seed", "5", "--output", dir + "/units.jsonl"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["bulk", "-i", dir + "/units.jsonl", "-o", dir + "/out", "--jobs", "2", "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the run has recorded some workbooks in its manifest, then kill it without warning.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/out")) ?? []
            if files.filter({ $0.hasSuffix(".xlsx") }).count >= 5 && files.contains("manifest.json") { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        // Every workbook under a final name is complete: openpyxl opens each one.
        let check = try CLI.python("""
            import sys, os, openpyxl
            d = sys.argv[1]
            for name in os.listdir(d):
                if name.endswith(".xlsx"):
                    openpyxl.load_workbook(os.path.join(d, name), read_only=True).close()
            """, [dir + "/out"])
        #expect(check.status == 0, "\(check.stderr)")
        let before = try FileManager.default.contentsOfDirectory(atPath: dir + "/out")
        let leftovers = before.filter { $0.hasSuffix(".budgetxlsx-partial") }.count
        let finished = before.filter { $0.hasSuffix(".xlsx") }.count
        #expect(finished >= 5)
        let recorded = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/manifest.json"))) as? [String: Any]
        let upToDate = (recorded?["units"] as? [[String: Any]])?.filter { $0["status"] as? String == "ok" }.count ?? 0
        #expect(upToDate > 0)
        let result = try CLI.run(["bulk", "-i", dir + "/units.jsonl", "-o", dir + "/out", "--resume", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        if leftovers > 0 {
            #expect(result.stdout.contains("removed \(leftovers) temporary files of an interrupted run"), "\(result.stdout)")
        }
        // The manifest is written every two seconds while the run goes on: what it recorded is not done again.
        #expect(result.stdout.contains(" written, \(upToDate) up to date, 0 failed"), "\(result.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/out")
        #expect(files.filter { $0.hasSuffix(".xlsx") }.count == 300)
        #expect(!files.contains { $0.hasSuffix(".budgetxlsx-partial") })
    }
}

@Suite("budgetxlsx form and aggregate")
struct FormAggregateCommandTests {
    @Test("aggregate sums unit JSON files and workbooks into the department; refuses overwriting an input")
    func aggregate() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sample = try CLI.run(["sample", "--units", "2", "--seed", "8"])
        let lines = sample.stdout.split(separator: "\n")
        try Data(lines[0].utf8).write(to: URL(fileURLWithPath: dir + "/a.json"))
        try Data(lines[1].utf8).write(to: URL(fileURLWithPath: dir + "/b.json"))
        _ = try CLI.run(["generate", "-i", dir + "/b.json", "-o", dir + "/b.xlsx"])
        var result = try CLI.run(["aggregate", dir + "/a.json", dir + "/b.xlsx", "--code", "900", "--name", "示例部门", "-o", dir + "/dept.json"])
        #expect(result.status == 0, "\(result.stderr)")
        result = try CLI.run(["validate", dir + "/dept.json"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasSuffix(" from 58 rules\n") || result.stdout.contains("0 errors"), "\(result.stdout)")
        result = try CLI.run(["aggregate", dir + "/a.json", "--code", "9", "--name", "x", "-o", dir + "/a.json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("refusing to write"))
    }

    @Test("form writes a protected fill-in workbook; --blank clears the amounts")
    func form() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let example = CLI.packageRoot + "/Examples/qinglong-hrss-2025.json"
        var result = try CLI.run(["form", "-i", example, "--blank", "-o", dir + "/blank.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        result = try CLI.run(["import", dir + "/blank.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        let model = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let tables = model?["tables"] as? [String: Any]
        let revenue = (tables?["revenue"] as? [String: Any])?["rows"] as? [[String: Any]] ?? []
        #expect(revenue.count == 36)
        #expect(revenue.allSatisfy { ($0["values"] as? [String: Any])?.isEmpty == true })
    }
}
