// libFuzzer entry for the strict RLP decoder (Yellow Paper appendix B; ethereum/tests RLPTests).
// Built by ops/fuzz/run.sh with `swiftc -sanitize=fuzzer,address -parse-as-library` together with
// the Ethereum sources it needs; it is not a package target.

@_cdecl("LLVMFuzzerTestOneInput")
public func rlpFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let item = try? RLP.decode(bytes) else { return 0 }
    // Strict decoding is canonical: what decodes re-encodes to the very same bytes.
    precondition(RLP.encode(item) == bytes, "RLP decoded a non-canonical encoding")
    return 0
}
