/// The ABI of integrations/ethereum/Anchor.vy: the functions and event BollardLedger uses.
public enum AnchorContract {
    public static let commit = ABIFunction(name: "commit", inputs: [.uint(256), .bytes32])
    public static let rootOf = ABIFunction(name: "root_of", inputs: [.uint(256)], outputs: [.bytes32])
    public static let latestSize = ABIFunction(name: "latest_size", inputs: [], outputs: [.uint(256)])
    public static let owner = ABIFunction(name: "owner", inputs: [], outputs: [.address])
    public static let verifyInclusion = ABIFunction(
        name: "verify_inclusion", inputs: [.bytes32, .uint(256), .uint(256), .bytes32Array], outputs: [.bool])

    /// topic0 of `Committed(uint256 indexed size, bytes32 root, address indexed committer)`.
    public static let committedTopic = Keccak256.hash(Array("Committed(uint256,bytes32,address)".utf8))

    /// The size and root a `Committed` log records, nil for any other log.
    public static func committed(_ log: EthereumLog) -> (size: UInt64, root: [UInt8])? {
        guard log.topics.count == 3, log.topics[0] == committedTopic, log.data.count == 32,
              let size = UInt256(bigEndian: log.topics[1])?.uint64 else { return nil }
        return (size, log.data)
    }
}
