import Foundation
import TestNode

@testable import GraphQLEngine

/// Runs SDL documents through graphql-js 16 (Node.js with Debian's
/// `node-graphql`, `NODE_PATH=/usr/share/nodejs`) and through our builder, so
/// tests can compare verdicts, messages, locations and printed schemas.
enum GraphQLJSSchemaReference {
    /// What building one SDL document gave: errors, or the printed schema.
    struct Outcome: Codable, Equatable, CustomStringConvertible {
        var errors: [ReportedError]?
        var printed: String?

        var description: String {
            if let printed { return "printed:\n\(printed)" }
            return (errors ?? []).map(\.description).joined(separator: "\n")
        }
    }

    struct ReportedError: Codable, Equatable, CustomStringConvertible {
        var message: String
        var locations: [[Int]]

        var description: String {
            message + locations.map { " (\($0[0]):\($0[1]))" }.joined()
        }
    }

    struct ReferenceError: Error, CustomStringConvertible {
        var description: String
    }

    /// graphql-js's stages, kept apart to get every error with its locations:
    /// parse, the SDL rules, building, then `validateSchema`.
    static let script = """
        const g = require('graphql');
        const { validateSDL } = require('graphql/validation/validate');
        const fmt = (e) => ({ message: e.message, locations: (e.locations || []).map(l => [l.line, l.column]) });
        const cases = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
        const out = cases.map((sdl) => {
          let doc;
          try { doc = g.parse(sdl); } catch (e) { return { errors: [fmt(e)] }; }
          const sdlErrors = validateSDL(doc);
          if (sdlErrors.length) return { errors: sdlErrors.map(fmt) };
          let schema;
          try { schema = g.buildASTSchema(doc, { assumeValidSDL: true }); }
          catch (e) { return { errors: [fmt(e)] }; }
          const errors = g.validateSchema(schema);
          if (errors.length) return { errors: errors.map(fmt) };
          return { printed: g.printSchema(schema) };
        });
        process.stdout.write(JSON.stringify(out));
        """

    /// graphql-js's outcome for each document, in order.
    static func referenceOutcomes(_ documents: [String]) async throws -> [Outcome] {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("gql-sdl-\(UUID()).json")
        try JSONEncoder().encode(documents).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let data = try await NodeProcess.script(script, arguments: [input.path])
        return try JSONDecoder().decode([Outcome].self, from: data)
    }

    /// Our outcome for one document, staged as graphql-js's.
    static func ourOutcome(_ sdl: String) -> Outcome {
        do {
            let schema = try buildSchema(sdl: sdl)
            return Outcome(printed: printSchema(schema))
        } catch {
            return Outcome(
                errors: error.errors.map { error in
                    ReportedError(message: error.message, locations: error.locations.map { [$0.line, $0.column] })
                })
        }
    }
}
