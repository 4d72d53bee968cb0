/// The rescue page the apps load: a rescue with its rider, assignment and
/// driver with vehicles, payment, ratings and status history (every level of
/// relations the resolvers batch).
enum RescueQuery {
    static let text = """
        query Rescues($first: Int) {
          rescueRequests(first: $first) {
            edges { cursor node {
              id status type requestedAt
              pickupLocation { lng lat address }
              rider { id userId rating }
              assignment { id status driver { id status vehicles { id type isActive } } }
              payment { id amount status breakdown { baseFare } }
              ratings { id rating type }
              statusHistory { fromStatus toStatus timestamp }
            } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """
}
