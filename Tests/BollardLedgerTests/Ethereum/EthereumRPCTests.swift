import BollardLedger
import Foundation
import Testing

@Suite("Ethereum JSON-RPC client, no node")
struct EthereumRPCTests {
    @Test("a node that cannot be reached is a .transport error naming the method")
    func unreachable() async throws {
        let rpc = EthereumRPC(url: "http://127.0.0.1:1", timeout: .seconds(5))
        let error = await #expect(throws: EthereumError.self) { try await rpc.chainId() }
        #expect(error?.code == .transport)
        #expect(error?.context.hasPrefix("eth_chainId") == true)
    }

    @Test("JSON-RPC values: quantities and data are read strictly")
    func values() throws {
        let reply = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"a":"0x1f","b":"0xzz","c":[1,true,null],"d":"0x00ff"}"#.utf8))
        #expect(reply["a"]?.string.flatMap { UInt256(quantity: $0) } == UInt256(31))
        #expect(reply["b"]?.string.flatMap { UInt256(quantity: $0) } == nil)
        #expect(reply["c"] == .array([.number(1), .bool(true), .null]))
        #expect(try Hex.decode(try #require(reply["d"]?.string)) == [0x00, 0xff])
        #expect(throws: EthereumError.self) { try Hex.decode("0x0") }
        #expect(throws: EthereumError.self) { try Hex.decode("0xgg") }
    }
}
