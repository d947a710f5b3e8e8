import BollardEPCIS
import BollardTestSupport
import Foundation
import Testing

/// The schemas compiled into the binary are the ones published under fixtures/schemas.
struct EmbeddedSchemaTests {
    @Test(arguments: ["warehouse-receipt.xsd", "shipping-manifest.xsd"])
    func theEmbeddedSchemaIsTheFileByteForByte(name: String) throws {
        let file = try String(contentsOf: SharedData.packageRoot().appendingPathComponent("fixtures/schemas/\(name)"), encoding: .utf8)
        let embedded = name == "warehouse-receipt.xsd" ? EmbeddedSchema.warehouseReceiptXSD : EmbeddedSchema.shippingManifestXSD
        #expect(embedded == file, "run ops/gen-schemas.py after editing fixtures/schemas/\(name)")
        _ = name == "warehouse-receipt.xsd" ? try EmbeddedSchema.warehouseReceipt() : try EmbeddedSchema.shippingManifest()
    }
}
