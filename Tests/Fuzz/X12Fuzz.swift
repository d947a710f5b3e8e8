// libFuzzer entry for the X12 scanner, envelope reader and 997/999/TA1 writer.
// Built by ops/fuzz/run.sh with `swiftc -sanitize=fuzzer,address -parse-as-library` together with
// Sources/BollardEDI/*.swift; it is not a package target.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func x12Fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var scanner = X12Scanner(maximumSegmentLength: 4096)
    var reader = X12InterchangeReader()
    var touched = 0
    func drain() {
        while let segment = scanner.next() {
            touched &+= segment.elements.count
            if let e = segment.element(1) {
                touched &+= e.components.count &+ e.repetitions.count &+ e.trimmedText.utf8.count
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
        for kind in [X12Acknowledgment.Kind.ack997, .ack999] {
            let ack = X12Acknowledgment.build(for: interchange, kind: kind, stamp: stamp)
            let reread = EDIParser.readX12(ack)
            precondition(reread.interchanges.count == 1, "acknowledgment did not read back as one interchange")
        }
    }
    return touched == -1 ? 1 : 0
}
