import Security

/// The rating and money mutations that the role alone limits (`README.md`,
/// "Ratings and money"). Which rescue or payment the write reaches is still
/// the row rules' and the data's.
extension RoleWritePolicy {
    /// `rateRescue`: the rider and the driver of a completed rescue rate each
    /// other; staff do not rate on anyone's behalf (a rating stands for the
    /// experience of one of the two parties).
    public static let rateRescue = RoleWritePolicy(
        fieldName: "rateRescue", roles: [.rider, .driver], doing: "rate a rescue")

    /// `refundPayment`: support and admin give money back.
    public static let refundPayment = RoleWritePolicy(
        fieldName: "refundPayment", roles: [.support, .admin], doing: "refund a payment")

    /// Every rating and money write limited by role alone.
    public static let money: [RoleWritePolicy] = [rateRescue, refundPayment]
}
