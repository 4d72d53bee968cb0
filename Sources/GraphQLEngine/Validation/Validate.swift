/// Validates an executable document against a schema: runs every rule in one
/// walk of the document and returns the errors found, in the order found
/// (empty when the document is valid).
/// https://spec.graphql.org/October2021/#sec-Validation
///
/// - `maxErrors`: after this many errors validation stops and adds
///   graphql-js's "Too many validation errors, error limit reached.
///   Validation aborted." (a hostile document cannot make us build an
///   unbounded error list).
/// - `suggestions`: whether messages may end in "Did you mean ...?" hints
///   naming schema members; turn off when introspection is disabled.
///
/// Like graphql-js, the schema must be valid: an invalid schema's own
/// errors are returned instead (a schema from `buildSchema` is always valid).
public func validate(
    schema: GraphQLSchema, document: Document, rules: [any ValidationRule.Type] = specifiedRules,
    maxErrors: Int = 100, suggestions: Bool = true
) -> [GraphQLError] {
    let schemaErrors = validateSchema(schema)
    if !schemaErrors.isEmpty { return schemaErrors }
    let typeInfo = TypeInfo(schema: schema)
    let context = ValidationContext(
        schema: schema, document: document, typeInfo: typeInfo, maxErrors: maxErrors,
        suggestionsEnabled: suggestions)
    var visitors: [any ASTVisitor] = []
    visitors.reserveCapacity(rules.count + 1)
    visitors.append(context.makeVariableUsageRecorder())
    for rule in rules { visitors.append(rule.init(context: context)) }
    let walker = ASTWalker(visitors: visitors, helper: typeInfo)
    context.walker = walker
    walker.walk(document)
    return context.errors
}
