/// `{ selection ... }` (https://spec.graphql.org/October2021/#sec-Selection-Sets).
public struct SelectionSet: Sendable, Hashable {
    public var selections: [Selection]
    public var loc: Location

    public init(selections: [Selection], loc: Location) {
        self.selections = selections
        self.loc = loc
    }
}

/// One entry of a selection set.
public enum Selection: Sendable, Hashable {
    case field(Field)
    case fragmentSpread(FragmentSpread)
    case inlineFragment(InlineFragment)

    public var loc: Location {
        switch self {
        case .field(let node): node.loc
        case .fragmentSpread(let node): node.loc
        case .inlineFragment(let node): node.loc
        }
    }

    /// The directives on the selection, whatever its kind.
    public var directives: [Directive] {
        switch self {
        case .field(let node): node.directives
        case .fragmentSpread(let node): node.directives
        case .inlineFragment(let node): node.directives
        }
    }
}

/// `alias: name(arg: value) @dir { ... }`
/// (https://spec.graphql.org/October2021/#sec-Language.Fields).
public struct Field: Sendable, Hashable {
    public var alias: Name?
    public var name: Name
    public var arguments: [Argument]
    public var directives: [Directive]
    public var selectionSet: SelectionSet?
    public var loc: Location

    public init(
        alias: Name?, name: Name, arguments: [Argument], directives: [Directive],
        selectionSet: SelectionSet?, loc: Location
    ) {
        self.alias = alias
        self.name = name
        self.arguments = arguments
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }

    /// The key of this field in the response: the alias if there is one, else the name.
    public var responseKey: String { alias?.value ?? name.value }
}

/// `...FragmentName @dir` (https://spec.graphql.org/October2021/#FragmentSpread).
public struct FragmentSpread: Sendable, Hashable {
    public var name: Name
    public var directives: [Directive]
    public var loc: Location

    public init(name: Name, directives: [Directive], loc: Location) {
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

/// `... on Type @dir { ... }` (https://spec.graphql.org/October2021/#sec-Inline-Fragments).
public struct InlineFragment: Sendable, Hashable {
    public var typeCondition: NamedType?
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var loc: Location

    public init(
        typeCondition: NamedType?, directives: [Directive], selectionSet: SelectionSet,
        loc: Location
    ) {
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}
