/// A literal as graphql-js's printer writes it, for coercion error messages
/// (`Int cannot represent non-integer value: "abc"`).
func printLiteral(_ literal: Value) -> String {
    Printer.print(literal)
}
