/// Every literal is a valid value of the input type expected where it is
/// written. https://spec.graphql.org/October2021/#sec-Values-of-Correct-Type
///
/// Scalars and enums judge their literals through their own `parseLiteral`
/// hooks. A built-in scalar's or an enum's refusal is reported in its own
/// words (`Int cannot represent non-integer value: 1.5`), as graphql-js
/// reports the `GraphQLError` those throw; a custom scalar's refusal is
/// prefixed with what was expected (`Expected value of type "DateTime",
/// found "x"; <reason>`), as graphql-js reports any other error. Input
/// objects are checked field by field: unknown fields (with hints) and
/// missing required ones. Variables are left to `VariablesInAllowedPositionRule`.
public final class ValuesOfCorrectTypeRule: ValidationRule {
    public static let visitedKinds: ASTNodeKinds = [
        .listValue, .objectValue, .objectField, .nullValue, .enumValue, .intValue, .floatValue, .stringValue,
        .booleanValue,
    ]

    let context: ValidationContext

    public init(context: ValidationContext) {
        self.context = context
    }

    public func enter(_ node: ListValue) -> VisitAction {
        // The walk has already stepped into the item type: the list's own
        // expected type is the parent input type.
        if context.parentInputType?.nullable.isList != true {
            checkLeafValue(.list(node))
            return .skip
        }
        return .continue
    }

    public func enter(_ node: ObjectValue) -> VisitAction {
        guard let expected = context.inputType, case .inputObject(let type)? = context.schema.namedType(of: expected)
        else {
            checkLeafValue(.object(node))
            return .skip
        }
        let given = Set(node.fields.map(\.name.value))
        for field in type.fields where field.isRequired && !given.contains(field.name) {
            context.report(
                "Field \"\(type.name).\(field.name)\" of required type \"\(field.type)\" was not provided.",
                at: [node.loc])
        }
        return .continue
    }

    public func enter(_ node: ObjectField) -> VisitAction {
        guard context.inputType == nil, let parent = context.parentInputType,
            case .inputObject(let type)? = context.schema.namedType(of: parent)
        else { return .continue }
        let name = node.name.value
        let hint = context.didYouMeanHint(context.suggestions(for: name, among: type.fields.map(\.name)))
        context.report("Field \"\(name)\" is not defined by type \"\(type.name)\"." + hint, at: [node.loc])
        return .continue
    }

    public func enter(_ node: NullValue) -> VisitAction {
        if let expected = context.inputType, expected.isNonNull {
            context.report("Expected value of type \"\(expected)\", found null.", at: [node.loc])
        }
        return .continue
    }

    public func enter(_ node: EnumValue) -> VisitAction {
        checkLeafValue(.enumValue(node))
        return .continue
    }

    public func enter(_ node: IntValue) -> VisitAction {
        checkLeafValue(.int(node))
        return .continue
    }

    public func enter(_ node: FloatValue) -> VisitAction {
        checkLeafValue(.float(node))
        return .continue
    }

    public func enter(_ node: StringValue) -> VisitAction {
        checkLeafValue(.string(node))
        return .continue
    }

    public func enter(_ node: BooleanValue) -> VisitAction {
        checkLeafValue(.boolean(node))
        return .continue
    }

    /// Checks a literal against the scalar or enum expected here, or reports
    /// that a scalar-like literal was given where an input object or list was
    /// expected. Silent when the expected type is unknown.
    private func checkLeafValue(_ literal: Value) {
        guard let expected = context.inputType else { return }
        let printed = Printer.print(literal)
        switch context.schema.namedType(of: expected) {
        case .scalar(let scalar):
            do {
                _ = try scalar.coercion.parseLiteral(literal, variables: [:])
            } catch let error as CoercionError {
                if scalar.isBuiltIn {
                    context.report(error.text(suggestions: context.suggestionsEnabled), at: [literal.loc])
                } else {
                    context.report(
                        "Expected value of type \"\(expected)\", found \(printed); "
                            + error.text(suggestions: context.suggestionsEnabled), at: [literal.loc])
                }
            } catch {
                context.report(
                    "Expected value of type \"\(expected)\", found \(printed); \(error)", at: [literal.loc])
            }
        case .enumType(let enumType):
            do {
                _ = try enumType.parseLiteral(literal)
            } catch {
                let message =
                    (error as? CoercionError)?.text(suggestions: context.suggestionsEnabled) ?? "\(error)"
                context.report(message, at: [literal.loc])
            }
        default:
            context.report("Expected value of type \"\(expected)\", found \(printed).", at: [literal.loc])
        }
    }
}
