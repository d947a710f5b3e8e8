// libFuzzer entry for the EDIFACT scanner, envelope reader and CONTRL writer.
// Built by ops/fuzz/run.sh with `swiftc -sanitize=fuzzer,address -parse-as-library` together with
// Sources/BollardEDI/*.swift; it is not a package target.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func edifactFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Feed in two chunks split at an input-chosen point, so resumption is exercised too.
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var scanner = EdifactScanner(maximumSegmentLength: 4096)
    var reader = EdifactInterchangeReader()
    var touched = 0
    func drain() {
        while let segment = scanner.next() {
            touched &+= segment.elementCount
            if let e = segment.element(1) {
                touched &+= e.components.count &+ e.repetitions.count &+ e.text.utf8.count
            }
            reader.consume(segment)
        }
    }
    scanner.append(contentsOf: bytes[0..<split])
    drain()
    scanner.append(contentsOf: bytes[split...])
    scanner.finish()
    drain()
    precondition(scanner.isAtEnd, "scanner stopped before the end of a finished input")
    let report = reader.finish()
    let stamp = AcknowledgmentStamp(interchangeControlNumber: 1, date: Date(timeIntervalSince1970: 0))
    for interchange in report.interchanges.prefix(4) {
        let ack = ContrlAcknowledgment.build(for: interchange, stamp: stamp)
        let reread = EDIParser.readEdifact(ack)
        precondition(reread.interchanges.count == 1, "CONTRL did not read back as one interchange")
        precondition(reread.interchanges[0].messages.count == 1, "CONTRL did not read back as one message")
    }
    return touched == -1 ? 1 : 0
}
