import ArgumentParser
import Budget
import Dispatch
import Foundation

/// `budgetxlsx bulk`: one workbook per unit, on every core.
struct Bulk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulk",
        abstract: "Write one disclosure workbook per unit, in parallel.",
        discussion: """
            Input: a directory of unit JSON files, or a JSON Lines file (one unit per line, as `sample` writes). \
            Each workbook is named <code>-<name>-<year>.xlsx (made safe; units that would share a name get their \
            input position). A unit with bad data does not stop the others; the exit code is 1 when any failed. \
            manifest.json in the output directory records each unit's input hash, output file, status and time. \
            Workbooks are written through temporary files, so an interrupted run leaves none half-written; the \
            next run removes the temporary files a killed run left. Ctrl-C stops after the units in progress.
            """)

    @OptionGroup var templates: TemplateOptions

    @Option(name: .shortAndLong, help: "A directory of unit .json files, or a .jsonl file.")
    var input: String

    @Option(name: .shortAndLong, help: "The output directory (created if missing).")
    var output: String

    @Option(name: .shortAndLong, help: "Worker threads (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Process only share I of N (1 ≤ I ≤ N): unit i belongs to share (i mod N) + 1.")
    var shard: String?

    @Flag(help: "Skip units whose workbook is up to date (same input, written before).")
    var resume = false

    @Flag(name: .shortAndLong, help: "Print nothing but the summary.")
    var quiet = false

    @Option(help: .hidden)
    var traceCalls: String?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let shard { do { _ = try Shard(shard) } catch { throw ValidationError("\(error)") } }
    }

    func run() throws {
        var options = BulkRunner.Options()
        options.jobs = jobs
        options.shard = try shard.map(Shard.init) ?? .all
        options.resume = resume
        if let traceCalls {
            try FileManager.default.createDirectory(atPath: traceCalls, withIntermediateDirectories: true)
            options.traceDirectory = traceCalls
        }
        let source = try UnitSource(path: input)
        let runner = try BulkRunner(source: source, output: output, library: templates.library(), options: options)

        // Ctrl-C / SIGTERM: finish the units in progress, write the manifest, exit 130.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let signals = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                FileHandle.standardError.write(Data("\nstopping after the units in progress…\n".utf8))
                runner.requestStop()
            }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }

        let display = ProgressDisplay(quiet: quiet)
        let summary = try runner.run { display.update($0) }
        display.finish()

        for failure in summary.failures {
            FileHandle.standardError.write(Data("failed: \(failure.origin): \(failure.error ?? "unknown error")\n".utf8))
        }
        var line = "\(summary.written) written, \(summary.skipped) up to date, \(summary.failures.count) failed"
        line += String(format: " in %.1f s", summary.seconds)
        if !summary.leftoversRemoved.isEmpty { line += "; removed \(summary.leftoversRemoved.count) temporary files of an interrupted run" }
        if summary.interrupted { line += "; interrupted" }
        print(line)
        if summary.interrupted { throw ExitCode(130) }
        if !summary.failures.isEmpty { throw ExitCode(1) }
    }
}

/// A progress bar on a terminal, periodic plain lines otherwise, nothing with --quiet.
final class ProgressDisplay: @unchecked Sendable {
    private let quiet: Bool
    private let terminal = isatty(STDERR_FILENO) != 0
    private var lastPrint = -1.0
    private var drewBar = false

    init(quiet: Bool) { self.quiet = quiet }

    func update(_ p: BulkRunner.Progress) {
        guard !quiet else { return }
        let rate = p.elapsed > 0 ? Double(p.done) / p.elapsed : 0
        let eta = rate > 0 ? Double(p.total - p.done) / rate : 0
        if terminal {
            guard p.elapsed - lastPrint >= 0.1 || p.done == p.total else { return }
            lastPrint = p.elapsed
            let width = 30
            let filled = p.total > 0 ? width * p.done / p.total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let text = String(format: "\r%@ %d/%d  %.1f/s  ETA %@%@", bar, p.done, p.total, rate, Self.clock(eta),
                              p.failed > 0 ? "  \(p.failed) failed" : "")
            FileHandle.standardError.write(Data(text.utf8))
            drewBar = true
        } else {
            guard p.elapsed - lastPrint >= 5 || p.done == p.total else { return }
            lastPrint = p.elapsed
            let text = String(format: "%d/%d units, %.1f/s, ETA %@, %d failed\n", p.done, p.total, rate, Self.clock(eta), p.failed)
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    func finish() {
        if drewBar { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}
