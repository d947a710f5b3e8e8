/// readPoint or bizLocation: an identifier (usually a GLN Digital Link or SGLN) plus any
/// extension elements the sender nested inside.
public struct EPCISLocation: Hashable, Sendable, Codable {
    public var id: String
    public var extensions: [ExtensionElement]

    public init(id: String, extensions: [ExtensionElement] = []) {
        self.id = id
        self.extensions = extensions
    }

    public init(_ location: StorageLocation) { self.init(id: location.uri) }

    /// The Bollard location, when the id is in the GLN Digital Link form.
    public var storageLocation: StorageLocation? { try? StorageLocation(uri: id) }
}
