// graphql-bench: parse + validate + execute + serialize one query N times with one
// engine and print a single JSON line (see Harness/OutputLine.swift).
//
// Exit status: 0 whenever the workload ran, even when the query's response holds
// errors; 2 for a usage mistake, an unreadable file or a schema that cannot be built.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func measureAndPrint(_ engine: some BenchEngine, arguments: BenchArguments) async {
    var engine = engine
    let measurement = await Measurement.run(&engine, iterations: arguments.iterations, warmup: arguments.warmup)
    let line = OutputLine.render(engine: engine.name, notes: engine.notes, measurement: measurement)
    writeAll(line, to: 1)
}

/// Writes every byte to a file descriptor (1 standard output, 2 standard error).
func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, base + offset, buffer.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}

do {
    let arguments = try BenchArguments(parsing: Array(CommandLine.arguments.dropFirst()))
    let inputs = try BenchInputs(arguments: arguments)
    let engine = try EngineRegistry.makeEngine(named: arguments.engine, inputs: inputs)
    await measureAndPrint(engine, arguments: arguments)
} catch {
    writeAll(Array("graphql-bench: \(error)\n\(BenchArguments.usage)\n".utf8), to: 2)
    exit(2)
}
