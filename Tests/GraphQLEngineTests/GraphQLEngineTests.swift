// Tests for GraphQLEngine.
