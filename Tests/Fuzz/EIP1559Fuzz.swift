// libFuzzer entry for the EIP-1559 raw transaction decoder (0x02 || rlp([...])), signature
// recovery included. Built by ops/fuzz/run.sh with the Ethereum sources and libsecp256k1.

@_cdecl("LLVMFuzzerTestOneInput")
public func eip1559Fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Half the inputs get the type byte, so the fuzzer need not find it first.
    let raw = bytes.first.map { $0 & 1 == 0 } == true ? [EIP1559Transaction.transactionType] + bytes.dropFirst() : bytes
    guard let signed = try? SignedEIP1559Transaction.decode(raw) else { return 0 }
    precondition(signed.rawTransaction == raw, "a decoded transaction does not re-encode to its bytes")
    _ = try? signed.sender()
    return 0
}
