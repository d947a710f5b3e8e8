import BollardCore
import BollardVerify
@testable import BollardViewer
import Testing

/// The receipt and token collateral pages on the Busan story.
struct ReceiptAndTokenPageTests {
    static func receiptPage(_ id: String, _ data: BusanData) throws -> String {
        let r = try require(data.receipts[id], "receipt bundle \(id)")
        let receipt = try require(data.state.receipts.values.first { $0.key.number.value == id }, "receipt \(id) in the state")
        return ViewerPages.receipt(r.bundle, report: r.report, parties: data.parties, receipt: receipt,
                                   discrepancies: data.state.discrepancies(onReceipt: receipt.key),
                                   custodyGaps: data.state.custodyGaps(onReceipt: receipt.key))
    }

    @Test func aGoldReceiptShowsIssuerDepositorGoodsStatePledgeAndHistory() async throws {
        let data = try await BusanData.get()
        let html = try Self.receiptPage("WR-W1-0001", data)
        PageChecks.wellFormed(html)
        #expect(html.contains("<h1>Warehouse receipt WR-W1-0001</h1>"))
        #expect(html.contains("<dt>Issuer</dt><dd>Haeundae Bonded Logistics<br><span class=\"small muted\">GLN 8801234000048</span></dd>"))
        #expect(html.contains("<dt>Depositor</dt><dd>Onsan Precious Metals Refinery<br>"))
        #expect(html.contains("<dt>Location</dt><dd>Haeundae Bonded Logistics · VAULT-V1"))
        #expect(html.contains("<dt>State</dt><dd><strong>pledged</strong></dd>"))
        #expect(html.contains("<dt>Pledged to</dt><dd>exchange token <a href=\"/view/tokens/BGLD\">BGLD</a></dd>"))
        // The five bars and their exact received weights (fixtures/busan/README.md formula).
        let receipt = try require(data.state.receipts.values.first { $0.key.number.value == "WR-W1-0001" }, "receipt")
        #expect(receipt.lines.count == 5)
        for line in receipt.lines {
            #expect(html.contains("<td>\(line.quantity)</td>"))
        }
        #expect(html.contains("href=\"/view/lots/8801234OPM26-0001\""))
        #expect(html.contains("<td>367.919 APZ</td>"))
        // History: issued by W1, then bound to BGLD by BDAX, each with its proof.
        #expect(html.contains("<th scope=\"row\">issued</th>") && html.contains("<th scope=\"row\">bound to a token</th>"))
        let records = PageChecks.rows("records", in: html)
        #expect(records.count == 2 && records.allSatisfy { $0.contains("✓ verified") })
        #expect(records.last?.contains("Busan Digital Asset Exchange (BDAX)<br><span class=\"small muted\">LEI 98450012BDAX00000087") == true)
        #expect(html.contains("✓ Proofs verified."))
    }

    @Test func aCancelledReceiptAndADiscrepancyAreSaidPlainly() async throws {
        let data = try await BusanData.get()
        let cancelled = try Self.receiptPage("WR-T07-0001", data)
        PageChecks.wellFormed(cancelled)
        #expect(cancelled.contains("<strong>This receipt is CANCELLED.</strong>"))
        #expect(cancelled.contains("backs nothing (it was: token BOIL)"))
        #expect(cancelled.contains("<th scope=\"row\">cancelled</th>"))

        let short = try Self.receiptPage("WR-W2-0002", data)
        #expect(short.contains("<strong>⚑ DISCREPANCY.</strong> CU26-B: received"))
        #expect(short.contains("on receipt WR-W2-0002"))
    }

    @Test func anUnderCollateralisedTokenShowsItsShortfallBanner() async throws {
        let data = try await BusanData.get()
        // After step 21 WR-T07-0001 is cancelled and WR-T07-0002 not yet bound: BOIL (150 000
        // tokens, 1 bbl each) is backed by nothing (SCENARIO.md).
        let boil = data.boilBeforeRebind
        let report = try data.stateBeforeBOILRebind.collateralReport(for: TokenSymbol("BOIL"), statedSupply: 150_000)
        #expect(report.shortfall?.description == "150000 BLL")
        let html = ViewerPages.token(boil.bundle, report: boil.report, parties: data.parties, collateral: report)
        PageChecks.wellFormed(html)
        #expect(html.contains("<div class=\"banner bad\" role=\"alert\" id=\"shortfall\"><strong>✗ UNDER-COLLATERALISED: shortfall of 150000 BLL.</strong>"))
        #expect(html.contains("requires 150000 BLL; the receipts backing it now hold 0 BLL."))
        #expect(html.contains("<td class=\"bad\">NO — not live</td>"))
        #expect(html.contains("<td class=\"bad\">− 150000 BLL</td>"))
        #expect(!html.contains("Fully backed"))

        // Once WR-T07-0002 is bound, the same token is backed and the banner says so.
        let after = try require(data.tokens["BOIL"], "BOIL bundle")
        let backed = try data.state.collateralReport(for: TokenSymbol("BOIL"), statedSupply: 150_000)
        let page = ViewerPages.token(after.bundle, report: after.report, parties: data.parties, collateral: backed)
        #expect(page.contains("<strong>✓ Fully backed.</strong>") && !page.contains("UNDER-COLLATERALISED"))
        #expect(page.contains("href=\"/view/receipts/WR-T07-0002\""))
    }

    @Test func goldIsBackedByEightReceiptsReconciledToTheSupply() async throws {
        let data = try await BusanData.get()
        let bgld = try require(data.tokens["BGLD"], "BGLD bundle")
        let zero = try data.state.collateralReport(for: TokenSymbol("BGLD"), statedSupply: 0)
        let report = try data.state.collateralReport(for: TokenSymbol("BGLD"), statedSupply: zero.collateral.value)
        let html = ViewerPages.token(bgld.bundle, report: bgld.report, parties: data.parties, collateral: report)
        PageChecks.wellFormed(html)
        #expect(html.contains("<strong>✓ Fully backed.</strong>"))
        #expect(html.contains("(surplus 0"))
        #expect(PageChecks.occurrences(of: "<td class=\"ok\">yes</td>", in: html) == 8)
        #expect(html.contains("<dt>Issuer</dt><dd>Busan Digital Asset Exchange (BDAX)"))
        #expect(html.contains("1 APZ (fine metal content)"))
        #expect(PageChecks.rows("records", in: html).allSatisfy { $0.contains("✓ verified") })

        // An overstated supply (one more token than the fine ounces bound) is short by exactly 1 APZ.
        let over = try data.state.collateralReport(for: TokenSymbol("BGLD"), statedSupply: zero.collateral.value + 1)
        let short = ViewerPages.token(bgld.bundle, report: bgld.report, parties: data.parties, collateral: over)
        #expect(short.contains("✗ UNDER-COLLATERALISED: shortfall of 1.000000 APZ."))
    }
}
