import Foundation
import XLSX

/// Makes one workbook per unit, on several threads, with bounded memory.
///
/// Units are read one at a time from a `UnitSource`; each worker decodes,
/// checks and writes its unit through a temporary file renamed into place,
/// so an interrupted run never leaves a partial workbook under a final name
/// (and the next run removes the temporary files a killed run left). A unit
/// with bad data fails alone and is recorded in the manifest.
public final class BulkRunner: @unchecked Sendable {
    /// What to do.
    public struct Options: Sendable {
        /// Worker threads.
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        /// The share of units to process.
        public var shard = Shard.all
        /// Skip units whose workbook is up to date (same input, written successfully before).
        public var resume = false
        /// A directory to record each workbook's libxlsxwriter calls in (`<name>.trace`), for benchmarks.
        public var traceDirectory: String?
        /// Creates default options.
        public init() {}
    }

    /// Progress after each unit.
    public struct Progress: Sendable {
        /// Units finished (written, failed or skipped).
        public var done: Int
        /// Units of this run (this shard).
        public var total: Int
        /// Units that failed so far.
        public var failed: Int
        /// Seconds since the start.
        public var elapsed: Double
    }

    /// The outcome of a run.
    public struct Summary: Sendable {
        /// Every unit of this run, in input order.
        public var entries: [BulkManifest.Entry]
        /// Workbooks written.
        public var written: Int { entries.filter { $0.status == "ok" }.count }
        /// Units skipped as up to date.
        public var skipped: Int { entries.filter { $0.status == "skipped" }.count }
        /// Units that failed.
        public var failures: [BulkManifest.Entry] { entries.filter { $0.status == "failed" } }
        /// Temporary files of earlier runs removed at the start.
        public var leftoversRemoved: [String]
        /// Whether the run stopped early because it was asked to.
        public var interrupted: Bool
        /// Seconds in all.
        public var seconds: Double
    }

    private let source: UnitSource
    private let output: String
    private let options: Options
    private let generator: WorkbookGenerator
    private let lock = NSLock()
    private var stopRequested = false

    /// Prepares a run from `source` into the directory `output` (created if missing).
    public init(source: UnitSource, output: String, library: TemplateLibrary, options: Options) throws {
        self.source = source
        self.output = output
        self.options = options
        generator = WorkbookGenerator(library: library)
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw BudgetError(.io, "cannot create output directory \(output)", cause: error.localizedDescription)
        }
    }

    private var isStopRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopRequested
    }

    /// The shared state of the workers: the input iterator and the results.
    private final class RunState: @unchecked Sendable {
        private let lock = NSLock()
        private let iterator: UnitSource.Iterator
        private(set) var entries: [BulkManifest.Entry] = []
        private(set) var readError: Error?
        private var done = 0, failed = 0

        init(iterator: UnitSource.Iterator) { self.iterator = iterator }

        /// The next unit of the shard, or nil at the end, on a read error or when asked to stop.
        func next(shard: Shard, stop: () -> Bool) -> UnitSource.Item? {
            lock.lock()
            defer { lock.unlock() }
            while readError == nil, !stop() {
                do {
                    guard let item = try iterator.next() else { return nil }
                    if shard.contains(item.index) { return item }
                } catch {
                    readError = error
                }
            }
            return nil
        }

        private var lastFlush = Date()

        /// Records a finished unit and reports progress, one thread at a time; every two seconds
        /// the entries so far are handed over too, for the manifest.
        func finish(_ entry: BulkManifest.Entry, report: (Int, Int, [BulkManifest.Entry]?) -> Void) {
            lock.lock()
            defer { lock.unlock() }
            entries.append(entry)
            done += 1
            if entry.status == "failed" { failed += 1 }
            var flush: [BulkManifest.Entry]?
            if Date().timeIntervalSince(lastFlush) >= 2 {
                lastFlush = Date()
                flush = entries
            }
            report(done, failed, flush)
        }
    }

    /// Asks the run to stop after the units in progress (from a signal handler's thread).
    public func requestStop() {
        lock.lock()
        stopRequested = true
        lock.unlock()
    }

    /// The header of a unit, enough to name its workbook.
    private struct Header: Decodable {
        struct Unit: Decodable { var code: String; var name: String }
        var unit: Unit
        var year: Int
    }

    /// File names for every unit of the source (all shards, so that shards
    /// agree): `<code>-<name>-<year>.xlsx`, made safe; when two units would
    /// share a name (also ignoring case), each gets its input position.
    func outputNames() throws -> [String] {
        var names: [String] = []
        var headers: [(String, String, Int)?] = []
        try source.forEach(where: { _ in true }) { item in
            let header = try? JSONDecoder().decode(Header.self, from: item.data)
            headers.append(header.map { ($0.unit.code, $0.unit.name, $0.year) })
        }
        var count: [String: Int] = [:]
        for (i, header) in headers.enumerated() {
            let base = header.map { OutputPaths.safeComponent("\($0.0)-\($0.1)-\($0.2)", maxBytes: 180) } ?? "unit-\(i + 1)"
            names.append(base)
            count[base.lowercased(), default: 0] += 1
        }
        return names.enumerated().map { i, base in
            (count[base.lowercased()] ?? 0) > 1 ? "\(base)-#\(i + 1).xlsx" : base + ".xlsx"
        }
    }

    /// Runs; `progress` is called (from worker threads, serialised) after each unit.
    public func run(progress: (@Sendable (Progress) -> Void)? = nil) throws -> Summary {
        let start = Date()
        let names = try outputNames()
        let manifestName = BulkManifest.fileName(for: options.shard)
        // Only this run's own leftovers: another shard may be writing into the same directory now.
        var own = Set(names.indices.filter(options.shard.contains).map { names[$0] })
        own.insert(manifestName)
        let leftovers = TemporaryFiles.removeLeftovers(in: output, destinations: own)
        let previous = options.resume ? BulkManifest.readAll(directory: output) : BulkManifest(units: [])
        let previousByIndex = Dictionary(previous.units.map { ($0.index, $0) }, uniquingKeysWith: { _, b in b })
        let total = (0..<source.count).filter(options.shard.contains).count
        let state = RunState(iterator: try source.makeIterator())
        let jobs = max(1, options.jobs)
        let shard = options.shard

        // Entries of this manifest's earlier runs are kept (other shards keep theirs in their own file).
        let earlier = Dictionary(BulkManifest.read(directory: output, name: manifestName).units.map { ($0.index, $0) },
                                 uniquingKeysWith: { _, b in b })
        let output = self.output
        @Sendable func writeManifest(_ entries: [BulkManifest.Entry]) throws {
            var merged = earlier
            for entry in entries { merged[entry.index] = entry }
            try BulkManifest(units: merged.values.sorted { $0.index < $1.index }).write(directory: output, name: manifestName)
        }

        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            while let item = state.next(shard: shard, stop: { self.isStopRequested }) {
                let entry = process(item, name: item.index < names.count ? names[item.index] : "unit-\(item.index + 1).xlsx",
                                    previous: previousByIndex[item.index])
                state.finish(entry) { done, failed, entries in
                    progress?(Progress(done: done, total: total, failed: failed, elapsed: Date().timeIntervalSince(start)))
                    // Every few seconds, so a run that is killed can be resumed without redoing what it finished.
                    if let entries { try? writeManifest(entries) }
                }
            }
        }
        if let readError = state.readError { throw readError }
        var entries = state.entries
        entries.sort { $0.index < $1.index }
        try writeManifest(entries)
        return Summary(entries: entries, leftoversRemoved: leftovers, interrupted: isStopRequested,
                       seconds: Date().timeIntervalSince(start))
    }

    private func process(_ item: UnitSource.Item, name: String, previous: BulkManifest.Entry?) -> BulkManifest.Entry {
        let began = Date()
        let hash = fingerprint(item.data)
        let path = (output as NSString).appendingPathComponent(name)
        var entry = BulkManifest.Entry(index: item.index, origin: item.origin, inputHash: hash, output: name,
                                       status: "ok", seconds: 0)
        if options.resume, let previous, previous.status != "failed", previous.inputHash == hash,
           previous.output == name, FileManager.default.fileExists(atPath: path) {
            entry.code = previous.code
            entry.name = previous.name
            entry.status = "skipped"
            return entry
        }
        do {
            let disclosure = try DisclosureJSON.decode(item.data, source: item.origin)
            entry.code = disclosure.unit.code
            entry.name = disclosure.unit.name
            var workbookOptions = Workbook.Options()
            let trace = options.traceDirectory.map { WriteTrace(path: ($0 as NSString).appendingPathComponent(name + ".trace")) }
            workbookOptions.trace = trace
            try generator.write(disclosure, to: path, options: workbookOptions)
            try trace?.finish()
        } catch {
            entry.status = "failed"
            entry.error = "\(error)"
        }
        entry.seconds = (Date().timeIntervalSince(began) * 1000).rounded() / 1000
        return entry
    }
}
