import Foundation

/// The files a run works on, read once before any timing.
struct BenchInputs: Sendable {
    /// The schema in SDL.
    var schemaSDL: String
    /// The root value as JSON text; each engine decodes it into its own value model.
    var dataJSON: [UInt8]
    /// The query document, parsed and validated afresh in every iteration.
    var query: String
    /// Variable values as a JSON object, if given.
    var variablesJSON: [UInt8]?
    /// The operation to run when the document holds several.
    var operationName: String?

    init(
        schemaSDL: String, dataJSON: [UInt8], query: String, variablesJSON: [UInt8]? = nil, operationName: String? = nil
    ) {
        self.schemaSDL = schemaSDL
        self.dataJSON = dataJSON
        self.query = query
        self.variablesJSON = variablesJSON
        self.operationName = operationName
    }

    /// Reads the files the command line names.
    init(arguments: BenchArguments) throws(UsageError) {
        schemaSDL = try Self.readText(arguments.schemaPath)
        dataJSON = Array(try Self.readText(arguments.dataPath).utf8)
        query = try Self.readText(arguments.queryPath)
        variablesJSON = try arguments.variablesPath.map { path throws(UsageError) in
            Array(try Self.readText(path).utf8)
        }
        operationName = arguments.operationName
    }

    private static func readText(_ path: String) throws(UsageError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("cannot read \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw UsageError("\(path) is not UTF-8")
        }
        return text
    }
}
