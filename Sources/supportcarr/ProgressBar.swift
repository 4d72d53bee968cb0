import Foundation

/// A progress bar on standard error: redrawn in place on a terminal, a line per
/// 10% otherwise (so CI logs stay readable).
///
/// `@unchecked Sendable` because the only mutable state, `state`, is read and
/// written under `lock` alone (`Mutex` would say so to the compiler, but needs
/// macOS 15 while the package supports 14).
final class ProgressBar: @unchecked Sendable {
    private struct State {
        var lastDraw: Double = 0
        var lastTenth = -1
        var drawn = false
        var advanced = 0
    }

    private let total: Int
    private let label: String
    private let enabled: Bool
    private let isTerminal: Bool
    private let lock = NSLock()
    private var state = State()

    init(total: Int, label: String, enabled: Bool) {
        self.total = max(1, total)
        self.label = label
        self.enabled = enabled
        self.isTerminal = isatty(STDERR_FILENO) != 0
    }

    func update(_ done: Int, detail: String) {
        guard enabled else { return }
        let fraction = min(1, Double(done) / Double(total))
        let now = Date().timeIntervalSince1970
        let line: String? = lock.withLock {
            if isTerminal {
                guard now - state.lastDraw >= 0.1 || done >= total else { return nil }
                state.lastDraw = now
                state.drawn = true
                let width = 30
                let filled = Int(fraction * Double(width))
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                return "\r[\(bar)] \(Int(fraction * 100))% \(done)/\(total) \(label), \(detail)"
            }
            let tenth = Int(fraction * 10)
            guard tenth > state.lastTenth else { return nil }
            state.lastTenth = tenth
            return "\(tenth * 10)% (\(done)/\(total) \(label), \(detail))\n"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// One more step done (for callers that count steps rather than know the total so far).
    func advance(detail: String) {
        let done = lock.withLock {
            state.advanced += 1
            return state.advanced
        }
        update(done, detail: detail)
    }

    /// Ends the bar's line; calling it again does nothing.
    func finish() {
        let needsNewline = lock.withLock {
            defer { state.drawn = false }
            return state.drawn
        }
        if enabled, isTerminal, needsNewline { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
