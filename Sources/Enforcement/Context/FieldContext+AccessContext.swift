public import GraphQLEngine

extension FieldContext {
    /// The request's `AccessContext` (an internal error if the server passed another).
    public func accessContext() throws -> AccessContext {
        try context(as: AccessContext.self)
    }
}
