import Testing

@testable import BollardCore

struct IdentifierTests {
    @Test(arguments: ["8801234000017", "8801234000024", "8801234000031", "8801234000048", "8801234000055", "8801234000062"])
    func scenarioGLNsPass(_ text: String) throws {
        #expect(try GLN(text).value == text)
    }

    @Test func glnWithWrongCheckDigitIsRefused() {
        #expect(throws: IdentifierError.self) { try GLN("8801234000018") }
        do {
            _ = try GLN("8801234000018")
        } catch {
            #expect(error.code == .checkDigitMismatch)
        }
    }

    @Test func glnWrongLengthAndCharacters() {
        #expect(throws: IdentifierError(.wrongLength, scheme: "GLN", value: "880123400001", "expected 13 digits, found 12")) {
            try GLN("880123400001")
        }
        do { _ = try GLN("88012340000A7") } catch { #expect(error.code == .invalidCharacter) }
    }

    @Test func gtinPadsAndChecks() throws {
        #expect(try GTIN("8801234000017").value == "08801234000017")
        #expect(throws: IdentifierError.self) { try GTIN("08801234000016") }
    }

    @Test(arguments: ["5493001KJTIIGC8Y1R12", "506700GE1G29325QX363", "98450012BDAX00000087", "98450012SUYE00000057"])
    func validLEIs(_ text: String) throws {
        #expect(try LEI(text).value == text)
    }

    /// SCENARIO.md prints the exchange and lender LEIs with check digits 42 and 13, which fail
    /// ISO 7064 MOD 97-10; the valid check digits for those prefixes are 87 and 57.
    @Test(arguments: ["98450012BDAX00000042", "98450012SUYE00000013", "5493001KJTIIGC8Y1R17"])
    func leiWithWrongCheckDigitsIsRefused(_ text: String) {
        do {
            _ = try LEI(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == .checkDigitMismatch)
        }
    }

    @Test func leiCheckDigitsForPrefix() {
        #expect(LEI.checkDigits(forPrefix: "98450012BDAX000000") == "87")
        #expect(LEI.checkDigits(forPrefix: "5493001KJTIIGC8Y1R") == "12")
        #expect(LEI.checkDigits(forPrefix: "short") == nil)
    }

    @Test(arguments: ["BDXU2001011", "BDXU2001027", "HSTU5123405", "HSTU5123410", "CSQU3054383", "CSQU 305438 3"])
    func validContainerNumbers(_ text: String) throws {
        let c = try ContainerNumber(text)
        #expect(c.value.count == 11)
        #expect(c.categoryIdentifier == "U")
    }

    @Test func containerParts() throws {
        let c = try ContainerNumber("HSTU5123410")
        #expect(c.ownerCode == "HSTU".prefix(3))
        #expect(c.serialNumber == "512341")
        #expect(c.checkDigit == 0)
        #expect(c.epcURI == "urn:epc:id:bic:HSTU5123410")
    }

    @Test(arguments: ["BDXU2001012", "HSTU5123411", "CSQU3054384"])
    func containerWrongCheckDigit(_ text: String) {
        do {
            _ = try ContainerNumber(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == .checkDigitMismatch)
        }
    }

    @Test func containerBadCategoryAndShape() {
        do { _ = try ContainerNumber("BDXA2001011") } catch { #expect(error.code == .invalidFormat) }
        do { _ = try ContainerNumber("BDX2001011") } catch { #expect(error.code == .wrongLength) }
        do { _ = try ContainerNumber("B1XU2001011") } catch { #expect(error.code == .invalidCharacter) }
    }

    @Test(arguments: ["9314014", "IMO 9314014", "IMO9314014", "9074729"])
    func validIMONumbers(_ text: String) throws {
        #expect(try IMONumber(text).value.count == 7)
    }

    @Test(arguments: ["9314015", "9074720"])
    func imoWrongCheckDigit(_ text: String) {
        do {
            _ = try IMONumber(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == .checkDigitMismatch)
        }
    }

    @Test func unlocode() throws {
        #expect(try UNLOCODE("KRPUS").value == "KRPUS")
        #expect(try UNLOCODE("KR PUS").locationCode == "PUS")
        #expect(throws: IdentifierError.self) { try UNLOCODE("KRPU1") }
        #expect(throws: IdentifierError.self) { try UNLOCODE("K1PUS") }
        #expect(throws: IdentifierError.self) { try UNLOCODE("KRPUSA") }
    }

    @Test func scacAndBillOfLading() throws {
        #expect(try SCAC("HDLN").value == "HDLN")
        #expect(throws: IdentifierError.self) { try SCAC("HDLN1") }
        #expect(throws: IdentifierError.self) { try SCAC("hd") }
        let bl = try BillOfLadingNumber("HDLN26BUS00871")
        #expect(bl.carrierPrefix == (try SCAC("HDLN")))
        #expect(throws: IdentifierError.self) { try BillOfLadingNumber("HDLN 26") }
        #expect(throws: IdentifierError.self) { try BillOfLadingNumber(String(repeating: "A", count: 36)) }
    }

    @Test func hsCodes() throws {
        #expect(try HSCode("7108.12").value == "710812")
        #expect(try HSCode("2709.00").formatted == "2709.00")
        #expect(try HSCode("7403110000").formatted == "7403.11.00.00")
        do { _ = try HSCode("7708.12") } catch { #expect(error.code == .reservedValue) }
        do { _ = try HSCode("9808.12") } catch { #expect(error.code == .invalidFormat) }
        do { _ = try HSCode("71081") } catch { #expect(error.code == .wrongLength) }
    }

    @Test func customsOfficeCodes() throws {
        #expect(try CustomsOfficeCode("KR-BMC").countryCode == "KR")
        #expect(try CustomsOfficeCode("DE004057").value == "DE004057")
        #expect(throws: IdentifierError.self) { try CustomsOfficeCode("kr-BMC") }
        #expect(throws: IdentifierError.self) { try CustomsOfficeCode("KR-") }
        #expect(throws: IdentifierError.self) { try CustomsOfficeCode("KR-B/C") }
    }

    @Test func partyIDRoundTrip() throws {
        for text in ["gln:8801234000048", "lei:98450012BDAX00000087", "customs:KR-BMC"] {
            #expect(try PartyID(text).description == text)
        }
        #expect(try PartyID("gln:8801234000048").uri == "https://id.gs1.org/417/8801234000048")
        #expect(throws: IdentifierError.self) { try PartyID("duns:123456789") }
        #expect(throws: IdentifierError.self) { try PartyID("gln:8801234000049") }
    }

    @Test func storageLocationRoundTrip() throws {
        let tank = try StorageLocation(site: GLN("8801234000062"), subLocation: .init(kind: .tank, name: "T-07"))
        #expect(tank.uri == "https://id.gs1.org/414/8801234000062/254/TANK-T-07")
        #expect(try StorageLocation(uri: tank.uri) == tank)
        let site = try StorageLocation(uri: "https://id.gs1.org/414/8801234000048")
        #expect(site.subLocation == nil)
        #expect(throws: IdentifierError.self) { try StorageLocation(uri: "https://id.gs1.org/414/8801234000062/254/SHELF-1") }
        #expect(throws: IdentifierError.self) {
            try StorageLocation(site: GLN("8801234000048"), subLocation: .init(kind: .vault, name: "a lower case name"))
        }
    }

    @Test func epcFactories() throws {
        #expect(try EPC.giai(companyPrefix: "8801234", assetReference: "OPM26-0001").uri == "https://id.gs1.org/8004/8801234OPM26-0001")
        #expect(try EPC.lgtin(gtin: GTIN("08801234000024"), lot: "CU26-A").uri == "https://id.gs1.org/01/08801234000024/10/CU26-A")
        #expect(EPC.container(try ContainerNumber("BDXU2001011")).uri == "urn:epc:id:bic:BDXU2001011")
        #expect(throws: IdentifierError.self) { try EPC("no scheme") }
        #expect(throws: IdentifierError.self) { try EPC("") }
        #expect(throws: IdentifierError.self) { try EPC.giai(companyPrefix: "88", assetReference: "X") }
    }
}
