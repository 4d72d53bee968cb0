/// The browser playground (`Playground/`), embedded in the binary at build time.
///
/// `PlaygroundFilesPlugin` runs `PlaygroundFilesGenerator` over `Playground/` on
/// every build, so the bytes here are always the files in the checkout: no CDN,
/// no files to install beside the binary, and it works offline. This library knows
/// nothing of HTTP: the gateway's `/playground` routes serve these files (with the
/// entity tags for caching) through its `PlaygroundAssets` hook.
public enum PlaygroundFiles {
    /// The embedded file at `path`, relative to `Playground/` (`"index.html"`,
    /// `"js/main.js"`), or `nil` when there is none. The path is a key in a table
    /// built at compile time, never a file-system path, so `..` and the like can
    /// only miss.
    public static func asset(path: String) -> PlaygroundFile? {
        guard let file = files[path] else { return nil }
        return PlaygroundFile(
            path: path, bytes: file.bytes, contentType: ContentType.forPath(path), entityTag: file.entityTag)
    }

    /// The paths of every embedded file, sorted.
    public static var paths: [String] { files.keys.sorted() }

    /// The page served at `/playground` itself.
    public static let indexPath = "index.html"
}
