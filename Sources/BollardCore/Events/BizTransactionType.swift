/// CBV 2.0 business transaction type, plus Bollard's extensions for documents the CBV
/// does not name: the customs declaration and the warehouse receipt.
public struct BizTransactionType: CBVVocabulary {
    public let uri: String
    public init(canonicalURI: String) { uri = canonicalURI }

    public static let webPrefix = "BTT"
    public static let urnPrefix = "btt"
    public static let vocabularyName = "BTT"
    public static let standardTerms: Set<String> = [
        "bol", "cert", "desadv", "inv", "pedigree", "po", "poc", "prodorder", "recadv", "rma",
        "testprd", "testres", "upevt",
    ]

    public static let billOfLading = standard("bol")
    public static let certificate = standard("cert")
    public static let despatchAdvice = standard("desadv")
    public static let invoice = standard("inv")
    public static let purchaseOrder = standard("po")
    public static let productionOrder = standard("prodorder")
    public static let receivingAdvice = standard("recadv")
    public static let returnAuthorisation = standard("rma")
    public static let testProcedure = standard("testprd")
    public static let testResult = standard("testres")
    public static let upstreamEPCISEvent = standard("upevt")

    public static let customsDeclaration = BizTransactionType(canonicalURI: BollardNamespace.uri + "btt/customs_declaration")
    public static let warehouseReceipt = BizTransactionType(canonicalURI: BollardNamespace.uri + "btt/warehouse_receipt")
}
