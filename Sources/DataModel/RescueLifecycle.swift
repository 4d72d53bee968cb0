/// The statuses a rescue request moves through (`docs/DATA-MODEL.md`, "Rescue
/// lifecycle"), in their GraphQL spelling (`RescueStatus`; stored lower-case).
public enum RescueLifecycle {
    /// The lifecycle, one step at a time.
    public static let steps = ["REQUESTED", "MATCHED", "ACCEPTED", "EN_ROUTE", "ARRIVED", "IN_PROGRESS", "COMPLETED"]
    /// Statuses a rescue never leaves.
    public static let finalStatuses: Set<String> = ["COMPLETED", "CANCELLED"]
    /// The time field each status sets on the rescue when it is entered.
    public static let timeFields: [String: String] = [
        "MATCHED": "matchedAt", "ACCEPTED": "acceptedAt", "ARRIVED": "arrivedAt", "COMPLETED": "completedAt",
        "CANCELLED": "cancelledAt",
    ]

    /// Whether the lifecycle allows moving from `from` to `to`: one step
    /// forward, `MATCHED` back to `REQUESTED` (the driver declined), or any
    /// status that is not final to `CANCELLED`.
    public static func isAllowed(from: String, to: String) -> Bool {
        if to == "CANCELLED" { return !finalStatuses.contains(from) }
        if from == "MATCHED", to == "REQUESTED" { return true }
        guard let index = steps.firstIndex(of: from), index + 1 < steps.count else { return false }
        return steps[index + 1] == to
    }
}
