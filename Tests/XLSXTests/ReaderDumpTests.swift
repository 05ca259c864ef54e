import Foundation
import Testing
@testable import XLSX

extension ReaderTests {
    /// `budgetxlsx dump`, run as the built binary; skipped when the binary is not beside the tests.
    @Suite struct Dump {
        /// The built `budgetxlsx` next to the test bundle, or nil.
        static let binary: String? = {
            var candidates: [URL] = []
            if let executable = Bundle.main.executableURL {
                candidates.append(executable.deletingLastPathComponent().appendingPathComponent("budgetxlsx"))
            }
            let arg0 = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
            candidates.append(arg0.deletingLastPathComponent().appendingPathComponent("budgetxlsx"))
            for build in [".build-reader", ".build"] {
                candidates.append(ReaderFixtures.packageRoot.appendingPathComponent("\(build)/debug/budgetxlsx"))
            }
            return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path
        }()

        /// Runs the binary; returns stdout, stderr and the exit status.
        static func dump(_ arguments: [String]) throws -> (out: String, err: String, status: Int32)? {
            guard let binary else {
                print("note: skipping dump test: the budgetxlsx binary was not found beside the tests")
                return nil
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["dump"] + arguments
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let outData = out.fileHandleForReading.readDataToEndOfFile()
            let errData = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self), process.terminationStatus)
        }

        static func fixture() throws -> String {
            try ReaderFixtures.book(#"""
                <row r="2"><c r="D2" s="1"><v>45657</v></c></row>\#
                <row r="3"><c r="B3"><v>49576.24</v></c><c r="C3" t="s"><v>0</v></c></row>\#
                <row r="9"><c r="C9"><f>SUM(C10:C12)</f><v>966.0599999999999</v></c><c r="D9" t="b"><v>1</v></c>\#
                <c r="E9" t="e"><v>#REF!</v></c></row>
                """#, sharedStrings: [#"<t>say "hi", 预算</t>"#],
                styles: ReaderTests.Values.dateStyles,
                after: #"<mergeCells count="1"><mergeCell ref="A1:H1"/></mergeCells>"#)
        }

        @Test func json() throws {
            let path = try Self.fixture()
            guard let result = try Self.dump(["--format", "json", path]) else { return }
            #expect(result.status == 0)
            #expect(result.err == "")
            let expected = #"{"file":"\#(path)","sheets":[{"name":"Sheet1","cells":["#
                + #"{"ref":"D2","type":"date","value":"2024-12-31","serial":"45657"},"#
                + #"{"ref":"B3","type":"number","value":"49576.24"},"#
                + #"{"ref":"C3","type":"string","value":"say \"hi\", 预算"},"#
                + #"{"ref":"C9","type":"number","value":"966.06","formula":"SUM(C10:C12)"},"#
                + #"{"ref":"D9","type":"boolean","value":"TRUE"},"#
                + ##"{"ref":"E9","type":"error","value":"#REF!"}],"merges":["A1:H1"]}]}"## + "\n"
            #expect(result.out == expected)
            let parsed = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any]
            #expect(parsed?["file"] as? String == path)
        }

        @Test func csv() throws {
            let path = try Self.fixture()
            guard let result = try Self.dump(["--format", "csv", "--sheet", "Sheet1", path]) else { return }
            #expect(result.status == 0)
            #expect(result.out == """
                file,sheet,ref,type,value,formula
                \(path),Sheet1,D2,date,2024-12-31,
                \(path),Sheet1,B3,number,49576.24,
                \(path),Sheet1,C3,string,"say ""hi"", 预算",
                \(path),Sheet1,C9,number,966.06,SUM(C10:C12)
                \(path),Sheet1,D9,boolean,TRUE,
                \(path),Sheet1,E9,error,#REF!,

                """)
        }

        @Test func text() throws {
            let path = try Self.fixture()
            guard let result = try Self.dump([path]) else { return }
            #expect(result.status == 0)
            #expect(result.out == """
                == \(path) — Sheet1
                  | B        | C              | D          | E
                2 |          |                | 2024-12-31 |
                3 | 49576.24 | say "hi", 预算 |            |
                9 |          | 966.06         | TRUE       | #REF!
                formulas:
                  C9 = SUM(C10:C12)
                merged: A1:H1


                """)
        }

        @Test func failingFileDoesNotStopTheOthers() throws {
            let good = try Self.fixture()
            let bad = try ReaderFixtures.zip([("notes.txt", "hello")])
            guard let result = try Self.dump(["--format", "json", bad, good, "/nonexistent/x.xlsx"]) else { return }
            #expect(result.status == 1)
            #expect(result.out.split(separator: "\n").count == 1)
            #expect(result.out.hasPrefix("{\"file\":\"\(good)\""))
            let lines = result.err.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines.first == "Error: \(bad) is a zip archive but not an XLSX workbook: it has no [Content_Types].xml")
            #expect(lines.last?.hasPrefix("Error: /nonexistent/x.xlsx cannot be opened") == true)
        }

        /// Files read on several threads come out exactly as one thread prints them: in the order
        /// given, each failure reported in its place.
        @Test func jobsKeepTheOrderOfTheFiles() throws {
            var files: [String] = []
            for i in 0 ..< 12 {
                files.append(try ReaderFixtures.book(#"<row r="1"><c r="A1"><v>\#(i)</v></c><c r="B1" t="s"><v>0</v></c></row>"#,
                                                     sharedStrings: ["<t>第\(i)号</t>"]))
            }
            files.insert(try ReaderFixtures.zip([("notes.txt", "hello")]), at: 5)
            files.insert("/nonexistent/x.xlsx", at: 9)
            for format in ["csv", "json", "text"] {
                guard let one = try Self.dump(["--format", format, "--jobs", "1"] + files),
                      let three = try Self.dump(["--format", format, "--jobs", "3"] + files) else { return }
                #expect(one.status == 1)
                #expect(three.status == one.status)
                #expect(three.out == one.out, "\(format)")
                #expect(three.err == one.err, "\(format)")
                #expect(one.err.split(separator: "\n").count == 2)
                #expect(one.out.contains("第11号"))
            }
            guard let bad = try Self.dump(["--jobs", "0", files[0]]) else { return }
            #expect(bad.status != 0)
            #expect(bad.err.contains("--jobs must be at least 1"))
        }

        @Test func unknownSheetIsAnError() throws {
            guard let result = try Self.dump(["--sheet", "Nope", try Self.fixture()]) else { return }
            #expect(result.status == 1)
            #expect(result.err.contains("has no sheet named \"Nope\""))
        }
    }
}
