import Foundation
import PackagePlugin

/// Compiles the template sets in `Templates/` and the bundled examples in
/// `Examples/` into the target, so the tool works from any directory.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let inputs = ["Templates", "Examples"].flatMap { files(under: root.appending(path: $0)) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) template and example files",
                executable: try context.tool(named: "EmbedGen").url,
                arguments: [root.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }

    private func files(under dir: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(
            at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var found: [URL] = []
        for case let url as URL in walker
        where url.pathExtension == "json" || url.pathExtension == "txt" {
            found.append(url)
        }
        return found.sorted { $0.path < $1.path }
    }
}
