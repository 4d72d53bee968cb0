import Foundation

/// Where `Schema.graphql` is read from: `--schema`, else `SUPPORTCARR_SCHEMA`,
/// else `Schema.graphql` in the working directory (the repository root, where
/// the README's commands run).
enum SchemaFile {
    static let variable = "SUPPORTCARR_SCHEMA"

    static func load(path flag: String?, environment: [String: String]) throws -> (path: String, text: String) {
        let path = flag ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? "Schema.graphql"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigurationProblem(
                "\(flag == nil ? variable : "--schema"): cannot read the schema file '\(path)' (run from the repository root or set it)"
            )
        }
        return (path, text)
    }
}
