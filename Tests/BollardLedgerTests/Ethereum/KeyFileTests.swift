import BollardLedger
import Foundation
import Testing

@Suite("Ethereum key files")
struct KeyFileTests {
    func write(_ text: String, mode: Int16) throws -> String {
        let path = temporaryPath("signer.key")
        try writeFile(path, Array(text.utf8))
        try FileManager.default.setAttributes([.posixPermissions: NSNumber(value: mode)], ofItemAtPath: path)
        return path
    }

    @Test("a 0600 file with 64 hex digits loads; its address is the key's")
    func loads() throws {
        let hex = "0x" + String(repeating: "0", count: 63) + "1"
        let key = try EthereumKeyFile.load(path: try write(hex + "\n", mode: 0o600))
        #expect(key.address == (try EthereumPrivateKey(hex: hex)).address)
        #expect(try EthereumKeyFile.load(path: try write(String(hex.dropFirst(2)), mode: 0o400)).address == key.address)
    }

    @Test("group- or world-accessible files, garbage and missing files are refused with the path named")
    func refuses() throws {
        let hex = String(repeating: "0", count: 63) + "1"
        for mode: Int16 in [0o640, 0o604, 0o660, 0o644] {
            let path = try write(hex, mode: mode)
            #expect(throws: EthereumError(.keyFile, "\(path): mode \(String(mode, radix: 8)) lets group or others access the key; chmod 600")) {
                try EthereumKeyFile.load(path: path)
            }
        }
        #expect(throws: EthereumError.self) { try EthereumKeyFile.load(path: try write("not a key", mode: 0o600)) }
        #expect(throws: EthereumError.self) { try EthereumKeyFile.load(path: try write(String(repeating: "0", count: 64), mode: 0o600)) }
        #expect(throws: EthereumError.self) { try EthereumKeyFile.load(path: "/nonexistent/bollard.key") }
    }
}
