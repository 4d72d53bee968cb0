// libFuzzer entry point for the Language stage of GraphQLEngine: parse any
// bytes, and for every document that parses, check that printing it gives text
// that parses again and prints identically, and that the walker gets through it.
// Built by scripts/fuzz-parser together with the engine's Language and Errors
// sources (so no Package.swift target is needed); see that script.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard let document = try? Parser.parse(Source(bytes: bytes), options: ParseOptions(maxTokens: 5000))
    else {
        return 0
    }
    let printed = Printer.print(document)
    guard let again = try? Parser.parse(printed, options: .trusted) else {
        fatalError("printed output does not parse:\n\(printed)")
    }
    let reprinted = Printer.print(again)
    if reprinted != printed {
        fatalError("printing is not stable:\n\(printed)\n---\n\(reprinted)")
    }
    ASTWalker(visitors: []).walk(document)
    return 0
}
