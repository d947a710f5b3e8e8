import BollardXML

/// The XSDs of Bollard's own XML formats (fixtures/schemas), compiled into the binary so a
/// deployed `bollard` validates receipts and manifests with no schema file to lose or swap.
public enum EmbeddedSchema {
    /// The text as embedded (a raw string literal ends with the file's last newline removed).
    public static var warehouseReceiptXSD: String { warehouseReceiptText + "\n" }
    public static var shippingManifestXSD: String { shippingManifestText + "\n" }

    public static func warehouseReceipt() throws(XMLSchemaError) -> XMLSchema {
        try XMLSchema(bytes: Array(warehouseReceiptXSD.utf8), name: "warehouse-receipt.xsd")
    }

    public static func shippingManifest() throws(XMLSchemaError) -> XMLSchema {
        try XMLSchema(bytes: Array(shippingManifestXSD.utf8), name: "shipping-manifest.xsd")
    }
}
