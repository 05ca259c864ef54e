import Foundation
import Testing
@testable import XLSX

/// Inputs found by the reader's fuzzer (Fuzz/run.sh), replayed exactly as the fuzz target reads them.
///
/// The first byte chooses how the rest is read: bit 0 clear, the rest is the file; bit 0 set, the
/// rest is split at NUL bytes into the parts below, stored in a fresh zip; bit 1 set, tight limits.
enum FuzzReplay {
    static let partNames = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                            "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet2.xml"]
    static let tightLimits = ReaderLimits(maxTotalUncompressedBytes: 1 << 20, maxEntryUncompressedBytes: 256 << 10,
                                          maxCompressionRatio: 50, compressionRatioThreshold: 4096, maxEntries: 12,
                                          maxCells: 200, maxStringBytes: 256, maxXMLDepth: 12)

    /// Writes the input as the fuzz target would and reads every sheet; returns the error, if any.
    static func replay(_ input: [UInt8]) throws -> XLSXError? {
        guard let mode = input.first else { return nil }
        let rest = Array(input.dropFirst())
        let path: String
        if mode & 1 == 0 {
            path = try HostileCorpus.file(Data(rest))
        } else {
            let parts = rest.split(separator: 0, omittingEmptySubsequences: false).prefix(partNames.count)
            path = try ReaderFixtures.zip(zip(partNames, parts.map { Data($0) }).map { ($0.0, $0.1) }, stored: true)
        }
        return HostileCorpus.outcome(path, limits: mode & 2 == 0 ? .default : tightLimits).error
    }
}

extension ReaderTests {
    @Suite struct HostileFuzzRegressionTests {
        /// Fuzzer finding 1: a number format code with an unterminated quote (`年"m"月"`) made the date-format
        /// scan run past the end of its buffer (an index out of range, a crash).
        @Test func unterminatedQuoteInFormatCode() throws {
            let input = [UInt8](Data(base64Encoded: "Azw/eG1sIHZlcnNpb249IjEuMCIgZW5jb2Rpbv//IlVURi04Ij8+PFR5cGVzIHhtbG5zPSJodHRwOi8vc2NoZW1hcy5vcGVueG1sZm9ybWF0cy5vcmcvcGFja2FnZS8yMDA2L2NvbnRlbnQtdHlwZXMiPjxEZWZhdWx0IEV4dGVuc2lvbj0icmVscyIgQ29udGVudFR5cGU9ImFwcGxpY2F0aW9uL3ZuZC5vcGVueG1sZm9ybWF0cy1wYWNrYWdlLnJlbGF0aW9uc2hpcHMreG1sIi8+PERlZmF1bHQgRXh0ZW5zaW9uPSJ4bWwiIENvbnRlbnRUeXBlPSJhcHBsaWNhdGlvbi94bWwiLz48L1R5cGVzPgA8UmVsYXRpb25zaGlwcyB4bWxucz0iaHR0cDovL3NjaGVtYXMub3BlbnhtbGZvcm1hdHMub3JnL3BhY2thZ2UvMjAwNi9yZWxhdGlvbnNoaXBzIj48UmVsYXRpb25zaGlwIElkPSJySWQxIiBUeXBlPSJodHRwOi8vc2NoZW1hcy5vcGVueG1sZm9ybWF0cy5vcmcvb2ZmaWNlRG9jdW1lbnQvMjAwNi9yZWxhdGlvbnNoaXBzL29mZmljZURvY3VtZW50IiBUYXJnZXQ9InhsL3dvcmtib29rLnhtbCIvPjwvUmVsYXRpb25zaGlwcz4APHdvcmtib29rIHhtbG5zPSJodHRwOi8vc2NoZW1hcy5vcGVueG1sZm9ybWF0cy5vcmcvc3ByZWFkc2hlZXRtbC8yMDA2L21haW4iIHhtbG5zOnI9Imh0dHA6Ly9zY2hlbWFzLm9wZW54bWxmb3JtYXRzLm9yZy9vZmZpY2VEb2N1bWVudC8yMDA2L3JlbGF0aW9uc2hpcHMiPjx3b3JrYm9va1ByIGRhdGUxOTA0PSIwIi8+PHNoZWV0cz48c2hlZXQgbmFtZT0i5pS25YWl5oC76KGoIiBzaGVldElkPSIxIiByOmlkPSJySWQxIi8+PHNoZWV0IG5hbWU9IlMyIiBzaGVldElkPSIyIiBzdGF0ZT0iaGlkZGVuIiByOmlkPSJySWQ0Ii8+PC9zaGVldHM+PC93b3JrYm9vaz4APFJlbGF0aW9uc2hpcHMgeG1sbnM9Imh0dHA6Ly9zY2hlbWFzLm9wZW54bWxmb3JtYXRzLm9yZy9wYWNrYWdlLzIwMDYvcmVsYXRpb25zaGlwcyI+PFJlbGF0aW9uc2hpcCBJZD0icklkMSIgVHlwZT0iaHR0cDovL3NjaGVtYXMub3BlbnhtbGZvcm1hdHMub3JnL29mZmljZURvY3VtZW50LzIwMDYvcmVsYXRpb25zaGlwcy93b3Jrc2hlZXQiIFRhcmdldD0id29ya3NoZWV0cy9zaGVldDEueG1sIi8+PFJlbGF0aW9uc2hpcCBJZD0icklkMiIgVHlwZT0iaHR0cDovL3NjaGVtYXMub3BlbnhtbGZvcm1hdHMub3JnL29mZmljMUUrMzA4ZW50LzIwMDYvcmVsYXRpb25zaGlwcy9zaGFyZWRTdHJpbmdzIiBUYXJnZXQ9InNoYXJlZFN0cmluZ3MueG1sIi8+PFJlbGF0aW9uc2hpcCBJZD0icklkMyIgVHlwZT0iaHR0cDovL3NjaGVtYXMub3BlbnhtbGZvcm1hdHMub3JnL29mZmljZURvY3VtZW50LzIwMDYvcmVsYXRpb25zaGlwcy9zdHlsZXMiIFRhcmdldD0iL3hsL3N0eWxlcy54bWwiLz48UmVsYXRpb25zaGlwIElkPSJySWQ0IiBUeXBlPSJodHRwOi8vc2NoZW1hcy5vcGVueG1sZm9ybWF0cy5vcmcvb2ZmaWNlRG9jdW1lbnQvMjAwNi9yZWxhdGlvbnNoaXBzL3dvcmtzaGVldCIgVGFyZ2V0PSJ3b3Jrc2hlZXRzL3NoZWV0Mi54bWwiLz48L1JlbGF0aW9uc2hpcHM+ADx3b3Jrc2hlZXQgeG1sbnM9Imh0dHA6Ly9zY2hlbWFzLm9wZW54bWxmb3JtYXRzLm9yZy9zcHJlYWRzaGVldG1sLzIwMDYvbWFpbiI+JiN4MTtuc2lvbiByZWY9IkExOkU5Ii8+PHNoZWV0RGF0YT53Pjxyb3cgcj0iNCI+PGMgcj0iQTQiPjxmIHQ9InNoYXJlZCIgc2k9IjAiLz48dj4xPC92PjwvYz48Yz48dj4xRS01PC92PjwvYz48YyByPSJYRkQ0Ij48dj4tMDwvdj48L2M+PC9yb2RzaGVldG1sLzIwMDYvbWFpbiI+PCFFTlRJVFk8ZGltZW5zaW9uIHJlZj0iQTE6RTkiLz48c2hlZXREYXRhPjxyb3cgcj0iMSJzIj48dj4wPC92PjwvYz48YyByPSJCMSIgcz0iMSI+PHY+NDU2NTcuNTwvdj48L2M+PGMgcj0iQzEiIHQ9ImlubGluZVN0ciI+PGlzPjx0PmFfeDAwMERfYjwvdD48L2lzPjwvYz48PSJBMSIgdD0icyI+PHY+MDwvdj48L3c+PC9zaGVldERhdGE+PG1lcmdlQ2VsbHMgY291bnQ9IjEiPjxtZXJnZUNlbGwgcmVmPSJBMTpIMSIvPjwvbWVyZ2VDZWxscz48L3dvcmtzaGVldD4APHNzdCB4bWxucz0iaHR0cDovL3NjaGVtYXMub3BlbnhtbGZvcm1hdHMub3JnL3NwcmVhZHNoZWV0bWwvMjAwNi9tYWluIiBjb3VudD0iMiIgdW5pcXVlQ291bnQ9IjIiPjxzaT48dD7pg6jpl6jpooTnrpc8L3Q+PC9zaT48c2k+PHI+PHQ+YTwvdD48L3I+PHI+PHQgeG1sOnNwYWNlPSJwcmVzZXJ2ZSI+IGI8L3Q+PC9yPjxyUGg+PHQ+44G1PC90PjwvclBoPjwvc2k+PC9zc3Q+ADxzdHlsZVNoZWV0IHhtbG5zPSJodHRwOi8vc2NoZW1hcy5vcGVueG1sZm9ybWF0cy5vcmcvc3ByZWFkc2hlZXRtbC80MDEyL21haW4iPjxudW1GbXRzIGNvdW50PSIxIj48bnVtRm10IG51bUZtdElkPSIxNjQiIGZvcm1hdENvZGU9IuW5tCZxdW90O20mcXVvdDvmnIgmcXVvdDsiLz48L251bUZtdHM+PGNlbGxYZnMgY291bnQ9IjMiPjx4ZiBudW1GbXRJZD0iMCIvPjx4ZiBudW1GbXRJZD0iMTY0Ii8+PHhmIG51bUZtdElkPSIxNCIvPjwvY2VsbFhmcz48L3N0eWxlU2hlZXQ+ADx3b3Jrc2hlZXQgeG1sbnM9Imh0dHA6Ly9zY2hlbWFzLm9wZW54bWxmb3JtYXRzLm9yZy9zcHJlYWRzaGVldG1MLzIwMDYvbWFpbiI+ZXQgeG1sbnM9Imh0dHA6PjxjPjx2PjE8L3Y+PC9jPjxjIHQ9InMiPjx2PjE8L3Y+PC9jPjwvcm93Pjwvc2hlZXREYXRhPjwvd29ya3NoZWV0Pg==") ?? Data())
            #expect(input.count > 1000)
            try ReaderTests.expectNoLeak {
                _ = try FuzzReplay.replay(input)
            }
            #expect(ExcelDate.codeHasDateTokens("年\"m\"月\"") == false)
            #expect(ExcelDate.codeHasDateTokens("yyyy\"年") == true)
            #expect(ExcelDate.codeHasDateTokens("\"") == false)
        }

        /// Found while reviewing for the fuzzer: an ISO date cell (`t="d"`) with a huge year overflowed the
        /// day arithmetic (a crash); such text is now no date, and its serial is left empty.
        @Test func hugeYearInISODateCell() throws {
            let path = try ReaderFixtures.book(#"""
                <row r="1"><c r="A1" t="d"><v>99999999999999999-01-01</v></c>\#
                <c r="B1" t="d"><v>2024-13-45</v></c><c r="C1" t="d"><v>2024-12-31Tinf:00</v></c>\#
                <c r="D1" t="d"><v>2024-12-31T08:30:00</v></c></row>
                """#)
            try ReaderTests.expectNoLeak {
                let sheet = try ReaderFixtures.read(path)
                #expect(sheet["A1"]?.value == .date(iso: "99999999999999999-01-01", serial: ""))
                #expect(sheet["B1"]?.value == .date(iso: "2024-13-45", serial: ""))
                #expect(sheet["C1"]?.value == .date(iso: "2024-12-31Tinf:00", serial: ""))
                #expect(sheet["D1"]?.value == .date(iso: "2024-12-31T08:30:00", serial: "45657.354166666664"))
            }
        }
    }
}
