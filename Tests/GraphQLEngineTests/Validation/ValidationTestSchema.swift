/// The schema the validation tests run against, ours and graphql-js's alike:
/// a small bike-rescue world with every kind of type and enough variety for
/// every rule (interfaces implementing interfaces, objects sharing field names
/// with different types, unions that do and do not overlap, enums, input
/// objects with required and defaulted fields, fields with every kind of
/// argument, and custom directives for each executable location).
enum ValidationTestSchema {
    static let sdl = #"""
        schema {
          query: Query
          mutation: Mutation
          subscription: Subscription
        }

        directive @onQuery on QUERY
        directive @onMutation on MUTATION
        directive @onSubscription on SUBSCRIPTION
        directive @onField on FIELD
        directive @onFragmentDefinition on FRAGMENT_DEFINITION
        directive @onFragmentSpread on FRAGMENT_SPREAD
        directive @onInlineFragment on INLINE_FRAGMENT
        directive @onVariableDefinition on VARIABLE_DEFINITION
        directive @tag(label: String) repeatable on QUERY | FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
        directive @needs(level: Int!, reason: String = "audit") on QUERY | MUTATION | FIELD
        directive @onObject on OBJECT
        directive @onFieldDefinition on FIELD_DEFINITION

        "A point in time, as an ISO-8601 string."
        scalar DateTime

        "A MongoDB object id, as 24 hexadecimal digits."
        scalar ObjectID

        enum BikeKind {
          ROAD
          MOUNTAIN
          CARGO
          ELECTRIC
        }

        enum Severity {
          LOW
          MEDIUM
          HIGH
          CRITICAL
        }

        enum RescueStatus {
          OPEN
          ASSIGNED
          EN_ROUTE
          DONE
          CANCELLED
        }

        enum DistanceUnit {
          KM
          MI
        }

        interface Node {
          id: ID!
        }

        interface Named {
          name(short: Boolean): String
        }

        interface Vehicle implements Node {
          id: ID!
          kind: BikeKind
          label(uppercase: Boolean): String
          owner: Rider
          wheels: Int
        }

        interface Powered implements Vehicle & Node {
          id: ID!
          kind: BikeKind
          label(uppercase: Boolean): String
          owner: Rider
          wheels: Int
          batteryPercent: Int
          range(unit: DistanceUnit = KM): Float
        }

        type Bike implements Vehicle & Node {
          id: ID!
          kind: BikeKind
          label(uppercase: Boolean): String
          owner: Rider
          wheels: Int
          gears: Int
          serial: String!
          frameSize(unit: DistanceUnit): Float
          isLocked(atStation: Boolean): Boolean
        }

        type EBike implements Powered & Vehicle & Node {
          id: ID!
          kind: BikeKind
          label(uppercase: Boolean): String
          owner: Rider
          wheels: Int
          batteryPercent: Int
          range(unit: DistanceUnit = KM): Float
          motorWatts: Int
          serial: String!
        }

        type Scooter implements Powered & Vehicle & Node {
          id: ID!
          kind: BikeKind
          label(uppercase: Boolean): String
          owner: Rider
          wheels: Int
          batteryPercent: Int
          range(unit: DistanceUnit = KM): Float
          maxSpeed: Float
          serial: String
        }

        type Rider implements Node & Named {
          id: ID!
          name(short: Boolean): String
          email: String
          rating: Float
          bikes: [Vehicle]
          favourite: Vehicle
          partner: Rider
          rescues(status: RescueStatus, first: Int = 10): [Rescue!]!
        }

        type Mechanic implements Node & Named {
          id: ID!
          name(short: Boolean): String
          rating: Int
          skills: [String!]
          station: Station
        }

        type Station implements Node {
          id: ID!
          name: String
          location: GeoPoint
          mechanics: [Mechanic]
        }

        type GeoPoint {
          lat: Float!
          lng: Float!
        }

        type Rescue implements Node {
          id: ID!
          status: RescueStatus!
          severity: Severity
          vehicle: Vehicle
          requester: Party
          createdAt: DateTime
          notes(limit: Int): [String]
        }

        union Party = Rider | Mechanic

        union Ride = Bike | EBike | Scooter

        union Place = Station | GeoPoint

        input GeoInput {
          lat: Float!
          lng: Float!
        }

        input RescueFilter {
          status: RescueStatus
          severities: [Severity!]
          near: GeoInput
          radiusKm: Float = 5
          createdAfter: DateTime
        }

        input RescueInput {
          vehicleId: ID!
          severity: Severity!
          notes: String
          location: GeoInput
        }

        input ComplexInput {
          requiredField: Boolean!
          nonNullField: Boolean! = false
          intField: Int
          stringField: String
          booleanField: Boolean
          stringListField: [String]
          enumField: Severity
          nested: ComplexInput
        }

        type Arguments {
          intArg(intArg: Int): String
          nonNullIntArg(nonNullIntArg: Int!): String
          stringArg(stringArg: String): String
          booleanArg(booleanArg: Boolean): String
          enumArg(enumArg: Severity): String
          floatArg(floatArg: Float): String
          idArg(idArg: ID): String
          dateArg(at: DateTime): String
          stringListArg(stringListArg: [String]): String
          stringListNonNullArg(stringListNonNullArg: [String!]): String
          complexArg(complexArg: ComplexInput): String
          multipleReqs(req1: Int!, req2: Int!): String
          nonNullFieldWithDefault(arg: Int! = 0): String
          multipleOpts(opt1: Int = 0, opt2: Int = 0): String
          multipleOptAndReq(req1: Int!, req2: Int!, opt1: Int = 0, opt2: Int = 0): String
        }

        type Query {
          node(id: ID!): Node
          vehicle(id: ID): Vehicle
          bike: Bike
          powered: Powered
          named: Named
          rider(id: ID, email: String): Rider
          riders(first: Int, after: String): [Rider]
          rescue(id: ID!): Rescue
          rescues(filter: RescueFilter, first: Int = 20): [Rescue!]!
          party: Party
          ride: Ride
          place: Place
          args: Arguments
          station(near: GeoInput!): Station
          echo(message: String!): String
          count: Int
        }

        type Mutation {
          openRescue(input: RescueInput!): Rescue
          cancelRescue(id: ID!, reason: String): Rescue
          ping: Boolean
        }

        type Subscription {
          rescueUpdated(id: ID!): Rescue
          stationChanged: Station
          heartbeat: Int
        }
        """#
}
