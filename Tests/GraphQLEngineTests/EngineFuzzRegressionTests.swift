import Foundation
import Testing

@testable import GraphQLEngine

/// Replays the engine fuzzer's seed corpus and every crasher it ever found
/// (Fuzz/Corpus, Fuzz/Crashers) with the fuzzer's own checks: no crash,
/// whatever parses prints to text that parses and prints the same, and
/// validates against Fuzz/schema.graphql without crashing; then the whole
/// pipeline (the fuzzer's pipeline mode) on a thread with a database
/// thread's stack.
@Suite struct EngineFuzzRegressionTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(in folder: String) throws -> [URL] {
        let directory = fuzzDirectory.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
    }

    @Test func theSeedCorpusIsThere() throws {
        #expect(try Self.inputs(in: "Corpus").count >= 2)
    }

    @Test func everyFuzzInputParsesOrFailsCleanlyPrintsStablyAndValidates() throws {
        let sdl = try String(contentsOf: Self.fuzzDirectory.appendingPathComponent("schema.graphql"), encoding: .utf8)
        let schema = try buildSchema(sdl: sdl)
        var parsed = 0
        for file in try Self.inputs(in: "Corpus") + Self.inputs(in: "Crashers") {
            let bytes = Array(try Data(contentsOf: file))
            guard
                let document = try? Parser.parse(Source(bytes: bytes), options: ParseOptions(maxTokens: 5000))
            else { continue }
            let printed = Printer.print(document)
            let again = try Parser.parse(printed, options: .trusted)
            #expect(Printer.print(again) == printed, "\(file.lastPathComponent)")
            _ = validate(schema: schema, document: document)
            parsed += 1
        }
        #expect(parsed >= 6)
    }

    /// The fuzzer's pipeline mode (Fuzz/EngineFuzz/PipelineFuzz.swift): the
    /// gateway's limits and validation, execution with resolvers that answer
    /// every field with a value of its type, and the JSON answer, with the
    /// variables of a `#json ` line.
    @Test func everyFuzzInputRunsThroughTheWholePipelineOnADatabaseThreadStack() async throws {
        let sdl = try String(contentsOf: Self.fuzzDirectory.appendingPathComponent("schema.graphql"), encoding: .utf8)
        let schema = try buildSchema(sdl: sdl)
        let service = GraphQLService(
            schema: try ExecutableSchema(schema: schema, resolvers: Self.trivialResolvers(for: schema)),
            validator: { validate(schema: $0, document: $1, suggestions: $2) }, cache: nil,
            limits: QueryLimits(maxTokens: 5_000, maxCost: 2_000, executionTimeout: .seconds(5)))
        var answered = 0
        for file in try Self.inputs(in: "Corpus") + Self.inputs(in: "Crashers") {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            var variables: [String: JSONValue] = [:]
            if let line = text.split(separator: "\n").last(where: { $0.hasPrefix("#json ") }),
                case .object(let entries)? = try? JSONValue(parsingJSON: String(line.dropFirst(6)))
            {
                for entry in entries where variables[entry.key] == nil { variables[entry.key] = entry.value }
            }
            let request = GraphQLRequest(query: text, variables: variables)
            let (response, _) = await SmallStackExecutor.measure(stackBytes: 1 << 20) {
                await service.execute(request)
            }
            _ = response.jsonBytes()
            if response.tree != nil { answered += 1 }
        }
        #expect(answered >= 4)
    }

    /// The fuzzer's trivial resolvers: two items for a list, an object naming
    /// its type (the first possible one for an interface or union), a fixed
    /// value per scalar or enum.
    static func trivialResolvers(for schema: GraphQLSchema) -> ResolverMap {
        func value(_ type: TypeRef) -> JSONValue {
            switch type {
            case .nonNull(let inner): return value(inner)
            case .list(let item): return .list([value(item), value(item)])
            case .named(let name):
                switch schema.type(named: name) {
                case .scalar:
                    switch name {
                    case "Int": return 1
                    case "Float": return 1.5
                    case "Boolean": return true
                    default: return "x"
                    }
                case .enumType(let enumType): return enumType.values.first.map { .string($0.name) } ?? .null
                case .some(let named) where named.isAbstractType:
                    let concrete = schema.possibleTypes(of: named).first?.name ?? name
                    return ["__typename": .string(concrete)]
                default: return ["__typename": .string(name)]
                }
            }
        }
        var resolvers: ResolverMap = [:]
        for type in schema.types {
            guard case .object(let object) = type, !object.name.hasPrefix("__") else { continue }
            var fields: [String: FieldResolver] = [:]
            for field in object.fields {
                let answer = value(field.type)
                fields[field.name] = .sync { _ in .json(answer) }
            }
            resolvers[object.name] = fields
        }
        return resolvers
    }
}
