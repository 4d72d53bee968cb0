import Foundation
import Testing

@testable import GraphQLEngine

/// The nesting cap exists so that parsing can never overflow the stack. This
/// test parses, prints and walks documents at the cap on a thread with a
/// deliberately small stack (2 MiB, a quarter of a default 8 MiB thread), in a
/// debug build, where frames are largest. (Measured: a debug build needs about
/// 6 KiB of stack per selection-set level, a release build about 2.4 KiB.)
@Suite struct ParserStackTests {
    /// Runs `body` on a thread with the given stack size and waits for it.
    func onSmallStack(bytes: Int, _ body: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                body()
                continuation.resume()
            }
            thread.stackSize = bytes
            thread.start()
        }
    }

    @Test func maximallyNestedDocumentsParsePrintAndWalkOnASmallStack() async {
        let selections = String(repeating: "{ a ", count: 256) + String(repeating: "}", count: 256)
        let lists =
            "{ f(a: " + String(repeating: "[", count: 255) + String(repeating: "]", count: 255) + ") }"
        let objects =
            "{ f(a: " + String(repeating: "{a: ", count: 255) + "1" + String(repeating: "}", count: 255)
            + ") }"
        let types =
            "query Q($a: " + String(repeating: "[", count: 256) + "Int" + String(repeating: "]", count: 256)
            + ") { f }"
        for text in [selections, lists, objects, types] {
            await onSmallStack(bytes: 2 << 20) {
                do {
                    let document = try Parser.parse(text, options: .trusted)
                    let printed = Printer.print(document)
                    _ = try Parser.parse(printed, options: .trusted)
                    ASTWalker(visitors: [RecordingVisitor()]).walk(document)
                } catch {
                    Issue.record("unexpected error \(error)")
                }
            }
        }
    }
}
