import Foundation
import Testing

@testable import PlaygroundFiles

/// The embedded playground against the files in the checkout: what the build
/// embedded must be exactly `Playground/`, byte for byte, with the right types.
@Suite struct PlaygroundFilesTests {
    /// `Playground/` in this checkout, found from this file's path.
    static let root = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Playground", directoryHint: .isDirectory)

    /// Every regular, non-hidden file under `Playground/`, relative to it, sorted.
    static func filesOnDisk() throws -> [String] {
        let rootPath = root.standardizedFileURL.path(percentEncoded: false)
        let walker = try #require(
            FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]))
        var paths: [String] = []
        for case let url as URL in walker
        where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            var relative = String(url.standardizedFileURL.path(percentEncoded: false).dropFirst(rootPath.count))
            while relative.hasPrefix("/") { relative.removeFirst() }
            paths.append(relative)
        }
        return paths.sorted()
    }

    /// The type each extension present in the playground must be served with.
    static let expectedTypes = [
        "html": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml",
        "png": "image/png",
        "ico": "image/x-icon",
        "json": "application/json",
    ]

    @Test func everyFileInThePlaygroundFolderIsEmbeddedWithIdenticalBytesAndTheRightType() throws {
        let onDisk = try Self.filesOnDisk().filter { !$0.hasSuffix(".md") }
        #expect(onDisk.contains("index.html"))
        #expect(onDisk.contains { $0.hasPrefix("js/") })
        #expect(PlaygroundFiles.paths == onDisk)
        for path in onDisk {
            let asset = try #require(PlaygroundFiles.asset(path: path), "\(path) is not embedded")
            let bytes = try [UInt8](Data(contentsOf: Self.root.appending(path: path)))
            #expect(asset.bytes == bytes, "\(path) differs from the checkout")
            let ext = String(path[path.index(after: try #require(path.lastIndex(of: ".")))...])
            let expected = try #require(Self.expectedTypes[ext], "no expected type for .\(ext) in this test")
            #expect(asset.contentType == expected, "\(path)")
        }
    }

    @Test func markdownDocumentationIsNotServed() throws {
        #expect(try Self.filesOnDisk().contains("README.md"))
        #expect(PlaygroundFiles.asset(path: "README.md") == nil)
    }

    @Test func pathsOutsideThePlaygroundOrUnknownMiss() {
        for path in ["", "/", "../Package.swift", "js/../index.html", "/index.html", "nope.js", "js", "JS/main.js"] {
            #expect(PlaygroundFiles.asset(path: path) == nil, "\(path)")
        }
    }

    @Test func contentTypesFollowTheExtensionAndFallBackToOctetStream() {
        #expect(ContentType.forPath("a/b.JS") == "text/javascript; charset=utf-8")
        #expect(ContentType.forPath("logo.svg") == "image/svg+xml")
        #expect(ContentType.forPath("x.min.css") == "text/css; charset=utf-8")
        #expect(ContentType.forPath("Makefile") == "application/octet-stream")
        #expect(ContentType.forPath("dir.d/file") == "application/octet-stream")
    }

    @Test func entityTagsAreQuotedAndDifferBetweenDifferentFiles() throws {
        let tags = PlaygroundFiles.paths.compactMap { PlaygroundFiles.asset(path: $0)?.entityTag }
        #expect(tags.count == PlaygroundFiles.paths.count)
        for tag in tags { #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && tag.count == 18) }
        #expect(Set(tags).count == tags.count)
    }
}
