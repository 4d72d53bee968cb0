import Gateway
import PlaygroundFiles

/// The gateway's playground hook over the files embedded at build time
/// (`PlaygroundFiles`, generated from `Playground/`): `""` is the page itself.
struct EmbeddedPlayground: PlaygroundAssets {
    func asset(at path: String) -> PlaygroundAsset? {
        PlaygroundFiles.asset(path: path.isEmpty ? PlaygroundFiles.indexPath : path).map {
            PlaygroundAsset(contentType: $0.contentType, bytes: $0.bytes, entityTag: $0.entityTag)
        }
    }
}
