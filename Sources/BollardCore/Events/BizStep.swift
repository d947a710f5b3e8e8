/// CBV 2.0 business step: what business process step the event records.
public struct BizStep: CBVVocabulary {
    public let uri: String
    public init(canonicalURI: String) { uri = canonicalURI }

    public static let webPrefix = "BizStep"
    public static let urnPrefix = "bizstep"
    public static let vocabularyName = "BizStep"
    public static let standardTerms: Set<String> = [
        "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning",
        "creating_class_instance", "cycle_counting", "decommissioning", "departing", "destroying",
        "disassembling", "dispensing", "encoding", "entering_exiting", "holding", "inspecting",
        "installing", "killing", "loading", "other", "packing", "picking", "receiving", "removing",
        "repackaging", "repairing", "replacing", "reserving", "retail_selling", "sampling",
        "sensor_reporting", "shipping", "staging_outbound", "stock_taking", "stocking", "storing",
        "transporting", "unloading", "unpacking", "void_shipping",
    ]

    public static let accepting = standard("accepting")
    public static let arriving = standard("arriving")
    public static let commissioning = standard("commissioning")
    public static let cycleCounting = standard("cycle_counting")
    public static let departing = standard("departing")
    public static let inspecting = standard("inspecting")
    public static let loading = standard("loading")
    public static let packing = standard("packing")
    public static let receiving = standard("receiving")
    public static let shipping = standard("shipping")
    public static let stockTaking = standard("stock_taking")
    public static let storing = standard("storing")
    public static let transporting = standard("transporting")
    public static let unloading = standard("unloading")
    public static let unpacking = standard("unpacking")
    public static let sampling = standard("sampling")
    public static let other = standard("other")
}
