/// A parcel of crude or product. Volumes are gross standard volume at 60 °F (API MPMS Ch. 11.1,
/// the US petroleum convention barrels are traded in), so two tank readings at different
/// temperatures compare as standard volumes, never as observed ones.
public struct PetroleumParcel: Hashable, Sendable, Codable {
    public var parcelID: String
    public var grade: String
    /// Volume at the standard temperature, in a volume unit (BLL, MTQ, LTR …).
    public var standardVolume: Quantity
    /// The reference temperature of `standardVolume`, in °F. Fixed at 60 for barrels.
    public var standardTemperatureFahrenheit: ExactDecimal
    /// API gravity in degrees (API MPMS Ch. 11.1); crude runs roughly 10–70.
    public var apiGravity: ExactDecimal
    /// The tank holding the parcel, when stored.
    public var tank: StorageLocation?

    public init(parcelID: String, grade: String, standardVolume: Quantity, apiGravity: ExactDecimal,
                tank: StorageLocation? = nil, standardTemperatureFahrenheit: ExactDecimal = 60) throws(CommodityError) {
        guard standardVolume.dimension == .volume else {
            throw CommodityError(.wrongUnit, field: "standardVolume", "\(standardVolume.unit) is not a volume unit")
        }
        guard standardVolume.value > .zero else {
            throw CommodityError(.outOfRange, field: "standardVolume", "\(standardVolume) must be positive")
        }
        guard apiGravity >= ExactDecimal(-10), apiGravity <= ExactDecimal(100) else {
            throw CommodityError(.outOfRange, field: "apiGravity", "\(apiGravity) outside -10…100 °API")
        }
        guard !parcelID.isEmpty else { throw CommodityError(.missingField, field: "parcelID", "must not be empty") }
        self.parcelID = parcelID
        self.grade = grade
        self.standardVolume = standardVolume
        self.standardTemperatureFahrenheit = standardTemperatureFahrenheit
        self.apiGravity = apiGravity
        self.tank = tank
    }
}
