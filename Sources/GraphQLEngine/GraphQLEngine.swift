// GraphQLEngine: a self-written GraphQL engine (lexer, parser, printer, SDL schema
// builder, validation, execution, introspection). Pure Swift, no I/O, no dependency
// on MongoDB or HTTP, so it can be reused on its own. Folders follow the pipeline:
// Language/, TypeSystem/, Validation/ (Rules/), Execution/, Introspection/, and
// Limits/ (`QueryLimits`: the bounds a request is held to before any resolver
// runs, with their defaults and error codes in its doc comment).
