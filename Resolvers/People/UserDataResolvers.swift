import Enforcement
import GraphQLEngine
import MongoStore

/// `Query.exportUserData` and `Mutation.eraseUser`: the data subject's
/// rights, through Enforcement's `UserDataRights` (which checks who may
/// export whose data and records each export and erasure).
enum UserDataResolvers {
    static func map(rights: UserDataRights) -> ResolverMap {
        [
            "Query": [
                "exportUserData": .sync { field in
                    let userId = try field.objectIDArgument("userId")
                    let context = try field.accessContext()
                    return .async {
                        guard let export = try await rights.export(userId, in: context) else {
                            throw NotFoundError(argument: "userId", what: "user")
                        }
                        return .json(BSONConversion.json(.document(export)))
                    }
                }
            ],
            "Mutation": [
                "eraseUser": .sync { field in
                    let userId = try field.objectIDArgument("userId")
                    let context = try field.accessContext()
                    return .async {
                        switch try await rights.erase(userId, in: context) {
                        case .noSuchUser: throw NotFoundError(argument: "userId", what: "user")
                        case .erased, .alreadyErased: return .json(.bool(true))
                        }
                    }
                }
            ],
        ]
    }
}
