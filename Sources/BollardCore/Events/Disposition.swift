/// CBV 2.0 disposition: the business condition of the objects after the event.
public struct Disposition: CBVVocabulary {
    public let uri: String
    public init(canonicalURI: String) { uri = canonicalURI }

    public static let webPrefix = "Disp"
    public static let urnPrefix = "disp"
    public static let vocabularyName = "Disp"
    public static let standardTerms: Set<String> = [
        "active", "available", "completeness_inferred", "completeness_verified", "conformant",
        "container_closed", "container_open", "damaged", "destroyed", "dispensed", "disposed",
        "encoded", "expired", "in_progress", "in_transit", "inactive", "mismatch_class",
        "mismatch_instance", "mismatch_quantity", "needs_replacement", "no_pedigree_match",
        "non_conformant", "non_sellable_other", "partially_dispensed", "recalled", "reserved",
        "retail_sold", "returned", "sellable_accessible", "sellable_not_accessible", "stolen",
        "unavailable", "unknown",
    ]

    public static let active = standard("active")
    public static let conformant = standard("conformant")
    public static let containerClosed = standard("container_closed")
    public static let inProgress = standard("in_progress")
    public static let inTransit = standard("in_transit")
    public static let mismatchQuantity = standard("mismatch_quantity")
    public static let nonConformant = standard("non_conformant")
    public static let sellableNotAccessible = standard("sellable_not_accessible")
    public static let unavailable = standard("unavailable")

    /// Customs clearance has no CBV term; Bollard's extension for "released by customs".
    public static let customsReleased = Disposition(canonicalURI: BollardNamespace.uri + "disp/customs_released")
}
