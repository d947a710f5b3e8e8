import Foundation

/// Loads a signing key from a file holding 64 hex digits (an optional 0x and surrounding
/// whitespace allowed). Like ssh with private keys, a file that group or others may read or
/// write is refused: the key controls the anchor contract.
public enum EthereumKeyFile {
    public static func load(path: String) throws(EthereumError) -> EthereumPrivateKey {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw EthereumError(.keyFile, "\(path): cannot read (\(error.localizedDescription))")
        }
        guard let mode = (attributes[.posixPermissions] as? NSNumber)?.uint16Value else {
            throw EthereumError(.keyFile, "\(path): no permission bits")
        }
        guard mode & 0o077 == 0 else {
            throw EthereumError(.keyFile, "\(path): mode \(String(mode, radix: 8)) lets group or others access the key; chmod 600")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 256 else {
            throw EthereumError(.keyFile, "\(path): unreadable or larger than a key file")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count == 64 || (text.hasPrefix("0x") && text.utf8.count == 66) else {
            throw EthereumError(.keyFile, "\(path): expected 64 hex digits")
        }
        do {
            return try EthereumPrivateKey(hex: text)
        } catch {
            throw EthereumError(.keyFile, "\(path): \(error.context)")
        }
    }
}
