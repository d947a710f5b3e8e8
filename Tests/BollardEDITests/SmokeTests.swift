import Testing
@testable import BollardEDI

@Test func smokeEdifact() {
    let report = EDIParser.readEdifact(Array("UNA:+.? 'UNB+UNOC:3+S+R+200101:1200+1'UNH+1+ORDERS:D:96A:UN'BGM+220'UNT+3+1'UNZ+1+1'".utf8))
    #expect(report.outcome == .accepted)
}
