import Foundation
import PackagePlugin

/// Embeds the browser playground (`Playground/` at the package root) into the
/// `PlaygroundFiles` target at build time.
///
/// The plugin lists the files under `Playground/` (skipping hidden files and the
/// Markdown documentation) and declares one build command that runs
/// `PlaygroundFilesGenerator` over them, writing a single Swift file of `[UInt8]`
/// constants into the plugin's work directory. Every file is an input of the
/// command, so editing one regenerates the Swift file. SwiftPM re-runs this plugin
/// only when it re-plans the build, which a file added to or removed from a
/// target's folder triggers: `Sources/PlaygroundFiles/Playground` is a symlink to
/// `Playground/` (excluded from the sources) for that reason. Nothing generated is
/// committed, so the binary can never serve a stale copy.
@main
struct PlaygroundFilesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "Playground", directoryHint: .isDirectory)
        let files = try Self.servedFiles(under: root)
        let output = context.pluginWorkDirectoryURL.appending(path: "PlaygroundFiles+Files.swift")
        let generator = try context.tool(named: "PlaygroundFilesGenerator")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) playground files",
                executable: generator.url,
                arguments: [root.path(percentEncoded: false), output.path(percentEncoded: false)]
                    + files.map { $0.relative },
                inputFiles: files.map { $0.url },
                outputFiles: [output]
            )
        ]
    }

    /// The files the playground serves, sorted by their path relative to `root`.
    /// Hidden files and `*.md` (documentation for the repository's readers) are left out.
    static func servedFiles(under root: URL) throws -> [(relative: String, url: URL)] {
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else {
            throw PlaygroundMissing(path: root.path(percentEncoded: false))
        }
        let rootPath = root.standardizedFileURL.path(percentEncoded: false)
        var found: [(relative: String, url: URL)] = []
        for case let url as URL in walker {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true,
                url.pathExtension.lowercased() != "md"
            else { continue }
            let path = url.standardizedFileURL.path(percentEncoded: false)
            guard path.hasPrefix(rootPath) else { continue }
            var relative = String(path.dropFirst(rootPath.count))
            while relative.hasPrefix("/") { relative.removeFirst() }
            found.append((relative, url))
        }
        return found.sorted { $0.relative < $1.relative }
    }
}

/// `Playground/` could not be read; the build stops with its path.
struct PlaygroundMissing: Error, CustomStringConvertible {
    let path: String
    var description: String { "PlaygroundFilesPlugin: cannot list the playground folder \(path)" }
}
