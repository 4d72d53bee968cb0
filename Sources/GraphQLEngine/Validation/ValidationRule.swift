/// A validation rule: a visitor made for one validation, reporting errors
/// through its context. All rules of a validation share one walk of the
/// document (`ASTWalker`), with the context's `TypeInfo` kept up to date.
///
/// A rule implements only the `enter`/`leave` methods it needs (see
/// `ASTVisitor` for the exact signatures). Its type name is graphql-js's name
/// for the rule (`FieldsOnCorrectTypeRule`), which is also how tests select
/// rules. https://spec.graphql.org/October2021/#sec-Validation
public protocol ValidationRule: ASTVisitor, SendableMetatype {
    init(context: ValidationContext)
}

extension ValidationRule {
    /// graphql-js's name for the rule: the type's name.
    public static var ruleName: String { String(describing: self) }
}

/// The rules of the spec, in graphql-js 16's `specifiedRules` order (which
/// is the order errors of different rules come out in for one node).
public let specifiedRules: [any ValidationRule.Type] = specifiedRulesPart1 + specifiedRulesPart2

/// The first 17 of graphql-js's `specifiedRules`: operations, fragments,
/// field selections and variable definitions. One line per rule.
let specifiedRulesPart1: [any ValidationRule.Type] = [
    ExecutableDefinitionsRule.self,
    UniqueOperationNamesRule.self,
    LoneAnonymousOperationRule.self,
    SingleFieldSubscriptionsRule.self,
    KnownTypeNamesRule.self,
    FragmentsOnCompositeTypesRule.self,
    VariablesAreInputTypesRule.self,
    ScalarLeafsRule.self,
    FieldsOnCorrectTypeRule.self,
    UniqueFragmentNamesRule.self,
    KnownFragmentNamesRule.self,
    NoUnusedFragmentsRule.self,
    PossibleFragmentSpreadsRule.self,
    NoFragmentCyclesRule.self,
    UniqueVariableNamesRule.self,
    NoUndefinedVariablesRule.self,
    NoUnusedVariablesRule.self,
]

// The two parts are apart so that the rules of each can be written on their
// own branch and merged without touching each other's lines.

/// The last 9 of graphql-js's `specifiedRules`: directives, arguments,
/// values, variable positions and field merging. One line per rule.
let specifiedRulesPart2: [any ValidationRule.Type] = [
]

/// The specified rule of that name (`"ScalarLeafsRule"`), if any.
public func specifiedRule(named name: String) -> (any ValidationRule.Type)? {
    specifiedRules.first { $0.ruleName == name }
}
